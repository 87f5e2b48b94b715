"""Charts for the report pages as inline SVG: drawn on the server, no JavaScript, sharp at
any zoom, and readable by screen readers through their title and description.

Each chart shows the same published figures as the table placed next to it; withheld
figures are drawn as the mark [c], never as an empty bar that could be read as zero. Every
bar is labelled with its series and value, so no bar is told apart by its colour alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape

from .charts import PALETTE, STAGE_COLOURS, chart_stages
from .disclosure import SUPPRESSED_MARK
from .records import STAGE_LABELS, question_label
from .reference import BenchmarkRow
from .tables import QuestionTable, TableRow

WIDTH = 720
LABEL_WIDTH = 230
PLOT_RIGHT = WIDTH - 130  # room for the label ("Interviewed 100%") after a full bar
BAR = 12
GAP = 12  # between answers
TEXT = "#212b32"
GRID = "#d8dde0"
MUTED = "#4c6272"


def _lines(label: str, width: int = 30) -> list[str]:
    lines = textwrap.wrap(label, width) or [""]
    return lines[:1] + [lines[1] + ("..." if len(lines) > 2 else "")] if len(lines) > 1 else lines


def _x(percent: float) -> float:
    return LABEL_WIDTH + (PLOT_RIGHT - LABEL_WIDTH) * max(0.0, min(percent, 100.0)) / 100.0


def chart_height(answers: int, series: int) -> int:
    """The height of a chart of ``answers`` groups of ``series`` bars, in the viewBox's units
    (it is WIDTH wide)."""
    return 36 + (BAR * series + GAP) * answers + 40


def _bars_svg(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], Sequence[bool]]],
    colours: Sequence[str] = PALETTE,
    scale: float | None = None,
) -> str:
    """Grouped horizontal bars: one group per label, one bar per series.

    ``series`` holds (name, percents, hidden flags); a hidden value is drawn as [c]. The
    chart fills the width it is given on a page; with ``scale`` (points per unit, for
    print) it has a size of its own.
    """
    legend_height = 28
    group = BAR * len(series) + GAP
    top = legend_height + 8
    height = chart_height(len(labels), len(series))
    size = (
        f'width="{WIDTH * scale:.1f}pt" height="{height * scale:.1f}pt"'
        if scale
        else 'width="100%"'
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} '
        f'{height}" {size} role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc" font-family="Frutiger W01, Arial, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    # Legend, from the left edge: five stages do not fit beside the answers' labels.
    x = 8
    for index, (name, _, _) in enumerate(series):
        colour = colours[index % len(colours)]
        parts.append(f'<rect x="{x}" y="7" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 19}" y="19" fill="{TEXT}">{escape(name)}</text>')
        x += 28 + 8 * len(name)
    # Grid and axis.
    bottom = top + group * len(labels)
    for tick in range(0, 101, 20):
        gx = _x(tick)
        parts.append(
            f'<line x1="{gx:.1f}" y1="{top - 4}" x2="{gx:.1f}" y2="{bottom}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{gx:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{MUTED}">'
            f"{tick}%</text>"
        )
    # Bars.
    for row, label in enumerate(labels):
        y0 = top + row * group
        lines = _lines(label)
        mid = y0 + BAR * len(series) / 2
        first = mid - 7 * (len(lines) - 1) + 4
        text = "".join(
            f'<tspan x="{LABEL_WIDTH - 8}" y="{first + 14 * i:.1f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="end" fill="{TEXT}">{text}</text>')
        for index, (_, values, hidden) in enumerate(series):
            y = y0 + index * BAR
            value = values[row]
            colour = colours[index % len(colours)]
            name = escape(series[index][0])
            if value is None:
                mark = SUPPRESSED_MARK if hidden[row] else "-"
                parts.append(
                    f'<text x="{LABEL_WIDTH + 4}" y="{y + BAR - 1}" font-size="11" '
                    f'fill="{MUTED}">{name} {mark}</text>'
                )
                continue
            end = _x(value)
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 0.5}" width="{end - LABEL_WIDTH:.1f}" '
                f'height="{BAR - 1}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{end + 3:.1f}" y="{y + BAR - 1}" font-size="11" fill="{TEXT}">'
                f"{name} {value:.0f}%</text>"
            )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 4}" x2="{LABEL_WIDTH}" y2="{bottom}" '
        f'stroke="{MUTED}"/>'
    )
    parts.append(
        f'<text x="{(LABEL_WIDTH + PLOT_RIGHT) / 2}" y="{bottom + 32}" text-anchor="middle" '
        f'fill="{MUTED}">% of those who declared</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def stage_chart_title(table: QuestionTable) -> str:
    return f"{question_label(table.question)}: % of those who declared, by stage"


def stage_chart_description(table: QuestionTable, stages: Sequence[str] | None = None) -> str:
    """What the chart shows, in words: the chart's description on the page, and with its
    title the alternative text of the PDF's chart."""
    names = ", ".join(
        STAGE_LABELS.get(stage, stage.capitalize())
        for stage in (tuple(stages) if stages else chart_stages(table))
    )
    return (
        f"Bar chart of each answer's share of those who declared, at these stages: "
        f"{names}. [c] marks a withheld figure. The same figures are in the table "
        "that follows this chart."
    )


def stage_chart_svg(
    table: QuestionTable,
    chart_id: str,
    stages: Sequence[str] | None = None,
    rows: Sequence[TableRow] | None = None,
    scale: float | None = None,
) -> str:
    """Each answer's share of those who declared, by stage, as an inline SVG; ``rows``
    (the table's answer rows unless given) chooses the answers drawn."""
    stages = tuple(stages) if stages else chart_stages(table)
    rows = table.answer_rows() if rows is None else rows
    series = [
        (
            STAGE_LABELS.get(stage, stage.capitalize()),
            [row.cells[stage].percent_of_declared for row in rows],
            [row.cells[stage].count.hidden for row in rows],
        )
        for stage in stages
    ]
    return _bars_svg(
        chart_id,
        title=stage_chart_title(table),
        description=stage_chart_description(table, stages),
        labels=[row.label for row in rows],
        series=series,
        colours=[
            STAGE_COLOURS.get(stage, PALETTE[i % len(PALETTE)]) for i, stage in enumerate(stages)
        ],
        scale=scale,
    )


BENCHMARK_DESCRIPTION = (
    "Bar chart of each answer's share of the pool (of those who declared) beside "
    "its share of the reference population. The same figures are in the table "
    "that follows this chart."
)


def benchmark_chart_svg(
    rows: Sequence[BenchmarkRow],
    chart_id: str,
    reference_name: str,
    scale: float | None = None,
) -> str:
    """The pool against the reference population, answer by answer."""
    return _bars_svg(
        chart_id,
        title=f"The pool compared with {reference_name}",
        description=BENCHMARK_DESCRIPTION,
        labels=[f"{question_label(r.question)}: {r.label}" for r in rows],
        series=[
            (
                "Pool",
                [r.observed_percent for r in rows],
                [r.observed_percent is None for r in rows],
            ),
            ("Reference", [r.reference_percent for r in rows], [False for _ in rows]),
        ],
        colours=(PALETTE[1], PALETTE[4]),  # blue and grey, told apart in greyscale too
        scale=scale,
    )
