"""Charts for the PDF report, drawn with matplotlib's Agg renderer into PNG bytes.

The object-oriented ``Figure`` API is used instead of pyplot so that nothing global is
touched: charts can be drawn from a web worker or the command line alike.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .disclosure import SUPPRESSED_MARK
from .records import STAGE_LABELS, question_label
from .reference import BenchmarkRow
from .tables import QuestionTable

# NHS identity colours, chosen to stay distinguishable in greyscale print.
PALETTE: tuple[str, ...] = ("#003087", "#005EB8", "#41B6E6", "#FFB81C", "#768692", "#AE2573")
CHART_STAGES: tuple[str, ...] = ("applied", "longlisted", "shortlisted", "interviewed", "appointed")
# One colour per stage in every chart, each at least 3:1 against white (WCAG 1.4.11), and
# neighbouring stages unlike in hue and lightness: applied (dark blue) and shortlisted
# (pink) were two blues. Colour is never the only cue: the page's bars are labelled with
# their stage, and the PDF's have a pattern per stage.
STAGE_COLOURS: dict[str, str] = {
    "pool": "#425563",  # NHS dark grey
    "applied": "#003087",  # NHS dark blue
    "longlisted": "#009639",  # NHS green
    "shortlisted": "#AE2573",  # NHS pink
    "interviewed": "#768692",  # NHS mid grey
    "appointed": "#330072",  # NHS purple
}
STAGE_HATCHES: dict[str, str] = {
    "pool": "",
    "applied": "",
    "longlisted": "///",
    "shortlisted": "...",
    "interviewed": "xxx",
    "appointed": "\\\\\\",
}


def _png(figure: Figure, dpi: int) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _wrap(label: str, width: int = 38) -> str:
    lines = textwrap.wrap(label, width)
    return "\n".join(lines[:2]) + ("..." if len(lines) > 2 else "")


def chart_stages(table: QuestionTable) -> tuple[str, ...]:
    chosen = tuple(s for s in CHART_STAGES if s in table.stages)
    return chosen or table.stages


def stage_chart_png(
    table: QuestionTable,
    stages: Sequence[str] | None = None,
    width_in: float = 9.5,
    dpi: int = 110,
) -> bytes:
    """Grouped horizontal bars: each answer's share of those who declared, by stage.

    Withheld figures get no bar but the mark [c], so a gap is never mistaken for zero.
    """
    return _png(stage_chart_figure(table, stages, width_in), dpi)


def stage_chart_figure(
    table: QuestionTable, stages: Sequence[str] | None = None, width_in: float = 9.5
) -> Figure:
    """The chart of stage_chart_png, before it is drawn: a colour and a pattern per stage."""
    stages = tuple(stages) if stages else chart_stages(table)
    rows = table.answer_rows()
    per_answer = 0.14 * len(stages) + 0.1
    height_in = min(7.5, max(2.2, per_answer * len(rows) + 1.1))
    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    axes = figure.add_subplot()
    bar = 0.8 / len(stages)
    positions = range(len(rows))
    for s_index, stage in enumerate(stages):
        offsets = [p + (s_index - (len(stages) - 1) / 2) * bar for p in positions]
        values = [row.cells[stage].percent_of_declared for row in rows]
        axes.barh(
            offsets,
            [v or 0.0 for v in values],
            height=bar,
            label=STAGE_LABELS.get(stage, stage.capitalize()),
            color=STAGE_COLOURS.get(stage, PALETTE[s_index % len(PALETTE)]),
            hatch=STAGE_HATCHES.get(stage, ""),
            edgecolor="white",  # the pattern, drawn in white over the colour
            linewidth=0,
        )
        for offset, value, row in zip(offsets, values, rows, strict=True):
            if value is None and row.cells[stage].count.hidden:
                axes.text(0.5, offset, SUPPRESSED_MARK, va="center", fontsize=6, color="#425563")
    axes.set_yticks(list(positions), [_wrap(r.label) for r in rows], fontsize=7)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of those who declared", fontsize=8)
    axes.tick_params(axis="x", labelsize=7)
    axes.grid(axis="x", color="#d8dde0", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.legend(fontsize=7, loc="outside upper center", frameon=False, ncols=len(stages))
    return figure


def benchmark_chart_png(
    rows: Sequence[BenchmarkRow], width_in: float = 9.5, dpi: int = 110
) -> bytes:
    """The pool against the reference population, answer by answer."""
    height_in = max(2.2, 0.32 * len(rows) + 0.9)
    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(rows)))
    labels = [_wrap(f"{question_label(r.question)}: {r.label}", 44) for r in rows]
    axes.barh(
        [p - 0.2 for p in positions],
        [r.reference_percent for r in rows],
        height=0.4,
        color=PALETTE[4],
        label="Reference population",
    )
    axes.barh(
        [p + 0.2 for p in positions],
        [r.observed_percent or 0.0 for r in rows],
        height=0.4,
        color=PALETTE[1],
        label="Pool (of those who declared)",
    )
    for p, r in zip(positions, rows, strict=True):
        if r.observed_percent is None:
            axes.text(0.5, p + 0.2, SUPPRESSED_MARK, va="center", fontsize=6, color="#425563")
    axes.set_yticks(positions, labels, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("%", fontsize=8)
    axes.tick_params(axis="x", labelsize=7)
    axes.grid(axis="x", color="#d8dde0", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.legend(fontsize=7, loc="outside upper center", frameon=False, ncols=2)
    return _png(figure, dpi)
