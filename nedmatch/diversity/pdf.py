"""The report as a tagged, accessible PDF for print (PDF/UA-1): landscape A4, a page per
question with its charts and table, adverse impact, benchmarks and method notes, and a
header and "Page N of M" footer on every page.

The PDF is an HTML page (templates/reports/pdf/) laid out by WeasyPrint, which writes the
tags a screen reader follows: headings, lists, tables with their header cells and
captions, and each chart as a figure with alternative text. The charts are the report
page's SVG charts (svg.py), so the PDF shows what the page shows, as text and vector
shapes rather than pictures of them. tests/reports/test_pdf_accessibility.py checks the
result against the machine-checkable rules of PDF/UA-1.

Flask-free like the rest of this package: its own Jinja environment renders the template,
so the command line and tests build the PDF without an application.
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from ..dates import long_date
from .charts import chart_stages
from .disclosure import SUPPRESSED_MARK
from .pdftags import margins_as_artifacts
from .records import STAGE_LABELS, question_label
from .report import DiversityReport
from .svg import (
    BAR,
    BENCHMARK_DESCRIPTION,
    GAP,
    benchmark_chart_svg,
    chart_height,
    stage_chart_description,
    stage_chart_svg,
    stage_chart_title,
)
from .tables import QuestionTable

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "reports" / "pdf"
# The charts are drawn at 0.6 pt per unit of their viewBox: their 13-unit labels print at
# 7.8 pt and the bars' 11-unit values at 6.6 pt (the tables' figures are 7.5 pt). A chart
# is at most 700 units tall (14.8 cm), so it fits on a landscape page under its heading;
# a question with more answers than that allows (8 at five stages; 17 rows of two bars)
# gets a chart per part of its answers.
POINTS_PER_UNIT = 0.6
TALLEST_CHART = 700
PDF_VARIANT = "pdf/ua-1"
KEY_FINDINGS_SHOWN = 8
NO_PERCENT = "-"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart as an image: an SVG data URL (of the chart's printed size) and its
    alternative text."""

    source: str
    alt: str
    part: str = ""  # "Part 2 of 3: answers 8 to 14 of 19" when a chart comes in parts


@dataclass(frozen=True, slots=True)
class Cell:
    count: str
    percent: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    kind: str  # as TableRow.kind: "answer", "prefer_not_to_say", ..., "total"
    cells: list[Cell]


@dataclass(frozen=True, slots=True)
class QuestionPage:
    key: str
    label: str
    text: str
    charts: list[Chart]
    stages: list[str]
    rows: list[Row]
    unprotected: bool


def _chart(svg: str, alt: str, part: str) -> Chart:
    return Chart(
        source="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii"),
        alt=alt,
        part=part,
    )


def parts(items: Sequence[T], series: int) -> list[Sequence[T]]:
    """``items`` cut into as few charts as keep each within TALLEST_CHART, of near equal
    size (19 answers at five stages: 7, 6 and 6)."""
    fits = max(1, (TALLEST_CHART - chart_height(0, series)) // (BAR * series + GAP))
    count = math.ceil(len(items) / fits)
    if count == 0:
        return []
    size, longer = divmod(len(items), count)
    cut, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < longer else 0)
        cut.append(items[start:end])
        start = end
    return cut


def _of(part: Sequence[object], whole: Sequence[object], start: int, noun: str) -> str:
    if len(part) == len(whole):
        return ""
    return f"{noun} {start + 1} to {start + len(part)} of {len(whole)}"


def _part(number: int, count: int, which: str) -> str:
    return f"Part {number} of {count}: {which}." if count > 1 else ""


def stage_charts(table: QuestionTable) -> list[Chart]:
    """The question's chart, in parts when it has many answers; each part's alternative
    text is the chart's title, which answers it shows, and what it draws."""
    answers = table.answer_rows()
    series = len(chart_stages(table))
    charts, start = [], 0
    cut = parts(answers, series)
    for number, part in enumerate(cut, start=1):
        svg = stage_chart_svg(
            table, f"chart-{table.question}-{number}", rows=part, scale=POINTS_PER_UNIT
        )
        which = _of(part, answers, start, "answers")
        alt = (
            f"{stage_chart_title(table)}{f' ({which})' if which else ''}: "
            f"{', '.join(row.label for row in part)}. {stage_chart_description(table)}"
        )
        charts.append(_chart(svg, alt, _part(number, len(cut), which)))
        start += len(part)
    return charts


def benchmark_charts(report: DiversityReport) -> list[Chart]:
    rows = report.benchmarks
    charts, start = [], 0
    cut = parts(rows, 2)
    for number, part in enumerate(cut, start=1):
        svg = benchmark_chart_svg(
            part, f"chart-benchmark-{number}", report.reference.name, scale=POINTS_PER_UNIT
        )
        which = _of(part, rows, start, "rows")
        alt = (
            f"The pool compared with {report.reference.name}"
            f"{f' ({which})' if which else ''}. {BENCHMARK_DESCRIPTION}"
        )
        charts.append(_chart(svg, alt, _part(number, len(cut), which)))
        start += len(part)
    return charts


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def _p(value: float | None) -> str:
    if value is None:
        return ""
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def question_page(table: QuestionTable, report: DiversityReport) -> QuestionPage:
    """Answers by stage: the number, then the % of declared (answers) or % of all; a
    withheld count's percentage is withheld too, and a percentage that cannot be given
    (its whole is withheld or none) is a dash, as in the charts."""
    rows = []
    for row in table.rows:
        cells = []
        for stage in table.stages:
            cell = row.cells[stage]
            if row.kind == "total":
                percent = ""
            elif cell.count.hidden:
                percent = SUPPRESSED_MARK
            else:
                value = cell.percent_of_declared if row.kind == "answer" else cell.percent
                percent = NO_PERCENT if value is None else _pct(value)
            cells.append(Cell(cell.count.display(report.policy), percent))
        rows.append(Row(row.label, row.kind, cells))
    return QuestionPage(
        key=table.question,
        label=question_label(table.question),
        text=table.text,
        charts=stage_charts(table),
        stages=[STAGE_LABELS.get(s, s.capitalize()) for s in table.stages],
        rows=rows,
        unprotected=table.unprotected,
    )


def key_findings(report: DiversityReport) -> list[str]:
    findings = []
    if report.relative_likelihood is not None:
        findings.append(
            "Relative likelihood of appointment from shortlisting, White vs ethnic minority: "
            + report.relative_likelihood.reading
        )
    adverse = [i for i in report.impact if i.adverse]
    for item in adverse[:KEY_FINDINGS_SHOWN]:
        findings.append(f"{question_label(item.question)}, {item.label}: {item.reading}")
    if len(adverse) > KEY_FINDINGS_SHOWN:
        findings.append(
            f"...and {len(adverse) - KEY_FINDINGS_SHOWN} more: see the adverse impact section."
        )
    if not adverse:
        findings.append(
            "No selection step shows adverse impact that is both below four-fifths of the "
            "highest group's rate and unlikely to be chance."
        )
    return findings


def impact_summary(report: DiversityReport) -> list[tuple[str, int, int, int, int]]:
    """Per characteristic: groups compared, below four-fifths, adverse, not compared."""
    compared = Counter(i.question for i in report.impact if i.ratio_to_highest is not None)
    below = Counter(
        i.question
        for i in report.impact
        if i.ratio_to_highest is not None and i.ratio_to_highest < 0.8
    )
    flagged = Counter(i.question for i in report.impact if i.adverse)
    not_shown = Counter(
        i.question
        for i in report.impact
        if i.ratio_to_highest is None and "Highest" not in i.reading
    )
    questions = dict.fromkeys(i.question for i in report.impact)
    return [(question_label(q), compared[q], below[q], flagged[q], not_shown[q]) for q in questions]


def impact_concerns(report: DiversityReport) -> list[tuple[str, str, str, str, str, str]]:
    """Each step below four-fifths: characteristic, group, rate, ratio, p, reading."""
    return [
        (
            question_label(i.question),
            i.label,
            _pct(100 * i.rate if i.rate is not None else None),
            f"{i.ratio_to_highest:.2f}",
            _p(i.p_value),
            i.reading,
        )
        for i in report.impact
        if i.ratio_to_highest is not None and i.ratio_to_highest < 0.8
    ]


def benchmark_rows(report: DiversityReport) -> list[tuple[str, str, str, str]]:
    """Each answer: label, pool %, reference %, difference."""
    return [
        (
            f"{question_label(r.question)}: {r.label}",
            _pct(r.observed_percent) if r.observed_percent is not None else SUPPRESSED_MARK,
            _pct(r.reference_percent),
            "" if r.difference is None else f"{r.difference:+.1f} points",
        )
        for r in report.benchmarks
    ]


@cache
def _template() -> Template:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html")


def report_html(report: DiversityReport) -> str:
    """The report as the HTML page the PDF is laid out from."""
    totals = report.stage_totals
    return _template().render(
        title=f"NEDMatch diversity report: {report.scope.describe()}",
        scope=report.scope.describe(),
        generated=long_date(report.generated_on),
        reference=report.reference,
        policy=report.policy,
        stage_totals=[
            (STAGE_LABELS.get(s, s), f"{v:,}" if v is not None else SUPPRESSED_MARK)
            for s, v in totals.items()
        ],
        findings=key_findings(report),
        protection_notes=report.notes[:3],
        questions=[question_page(table, report) for table in report.tables],
        min_group_size=report.min_group_size,
        impact_summary=impact_summary(report),
        impact_concerns=impact_concerns(report),
        benchmarks=benchmark_rows(report),
        benchmark_charts=benchmark_charts(report),
        notes=report.notes,
    )


def laid_out(report: DiversityReport) -> bytes:
    """The PDF as WeasyPrint writes it, before its margins are made artifacts."""
    from weasyprint import CSS, HTML  # slow to import; only the PDF needs it
    from weasyprint.urls import URLFetcher

    # Everything the page shows is inside it (the charts are data URLs): nothing is
    # fetched, so no file on the server and no address on the network can be read into a
    # report, and a chart that cannot be read stops the PDF rather than leave a gap.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=report_html(report), base_url=str(TEMPLATES), url_fetcher=fetcher)
    stylesheet = CSS(filename=str(TEMPLATES / "report.css"), url_fetcher=fetcher)
    data: bytes = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    return data


def report_to_pdf(report: DiversityReport) -> bytes:
    """Summary, a page per question (charts above the table), adverse impact, benchmarks
    and method notes, as a PDF/UA-1 document."""
    return margins_as_artifacts(laid_out(report))
