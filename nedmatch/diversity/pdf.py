"""The report as a PDF for print: landscape A4, charts with their tables, method notes,
and a header and "Page N of M" footer on every page. Built with reportlab."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..dates import long_date
from .charts import benchmark_chart_png, stage_chart_png
from .records import STAGE_LABELS, question_label
from .report import DiversityReport
from .tables import QuestionTable

PAGE = landscape(A4)
MANY_ANSWERS = 8  # above this, a question's chart and table do not fit on one page
MARGIN = 1.5 * cm
NHS_BLUE = colors.HexColor("#005EB8")
GREY = colors.HexColor("#425563")
PALE = colors.HexColor("#E8EDEE")

_styles = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_styles["BodyText"], fontSize=9, leading=12)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9, alignment=TA_LEFT)
H1 = ParagraphStyle("h1", parent=_styles["Heading1"], textColor=NHS_BLUE, fontSize=18)
H2 = ParagraphStyle("h2", parent=_styles["Heading2"], textColor=NHS_BLUE, fontSize=13)


class _NumberedCanvas(Canvas):
    """Defers page output to the end so each footer can say "Page N of M"."""

    header_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = PAGE
        self.saveState()
        self.setFont("Helvetica", 8)
        self.setFillColor(GREY)
        self.drawString(MARGIN, height - 1.0 * cm, self.header_text)
        self.drawRightString(width - MARGIN, height - 1.0 * cm, "Aggregate figures only")
        self.setStrokeColor(NHS_BLUE)
        self.line(MARGIN, height - 1.15 * cm, width - MARGIN, height - 1.15 * cm)
        self.drawString(MARGIN, 0.8 * cm, "Counts marked [c] are withheld to protect individuals.")
        self.drawRightString(width - MARGIN, 0.8 * cm, f"Page {self._pageNumber} of {total}")
        self.restoreState()


def _canvas_class(header: str) -> type[_NumberedCanvas]:
    return type("ReportCanvas", (_NumberedCanvas,), {"header_text": header})


def _grid_style(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
        ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 7.5),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), NHS_BLUE),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#AEB7BD")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, header_rows), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]


def _p(value: float | None) -> str:
    if value is None:
        return ""
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def question_table(table: QuestionTable, report: DiversityReport) -> Table:
    """Answers by stage: the number, then the % of declared (answers) or % of all."""
    head1: list[Any] = ["Answer"]
    head2: list[Any] = [""]
    for stage in table.stages:
        head1 += [STAGE_LABELS.get(stage, stage.capitalize()), ""]
        head2 += ["n", "%"]
    data: list[list[Any]] = [head1, head2]
    bold_rows = []
    for row in table.rows:
        line: list[Any] = [Paragraph(row.label, SMALL)]
        for stage in table.stages:
            cell = row.cells[stage]
            pct = cell.percent_of_declared if row.kind == "answer" else cell.percent
            if row.kind == "total":
                pct = None
            hidden_pct = cell.count.hidden and row.kind != "total"
            line += [cell.count.display(report.policy), "[c]" if hidden_pct else _pct(pct)]
        if row.kind in ("declared", "total"):
            bold_rows.append(len(data))
        data.append(line)
    available = PAGE[0] - 2 * MARGIN
    first = 7.0 * cm
    rest = (available - first) / (2 * len(table.stages))
    result = Table(data, colWidths=[first] + [rest] * (2 * len(table.stages)), repeatRows=2)
    style = _grid_style(header_rows=2)
    for i in range(len(table.stages)):
        style.append(("SPAN", (1 + 2 * i, 0), (2 + 2 * i, 0)))
        style.append(("ALIGN", (1 + 2 * i, 0), (2 + 2 * i, 1), "CENTER"))
    for r in bold_rows:
        style.append(("FONT", (1, r), (-1, r), "Helvetica-Bold", 7.5))
        style.append(("BACKGROUND", (0, r), (-1, r), PALE))
    result.setStyle(TableStyle(style))
    return result


def _image(png: bytes, width: float) -> Image:
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width, width * ratio
    return image


def _summary(report: DiversityReport) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("Diversity report", H1),
        Paragraph(
            f"<b>Scope:</b> {report.scope.describe()}<br/><b>Generated:</b> "
            f"{long_date(report.generated_on)}<br/><b>Reference population:</b> "
            f"{report.reference.name}",
            BODY,
        ),
        Spacer(1, 0.3 * cm),
        Paragraph("Number at each stage", H2),
    ]
    totals = report.stage_totals
    stage_table = Table(
        [
            [STAGE_LABELS.get(s, s) for s in totals],
            [f"{v:,}" if v is not None else "[c]" for v in totals.values()],
        ],
        colWidths=[3 * cm] * len(totals),
    )
    stage_table.setStyle(TableStyle([*_grid_style(), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    story += [stage_table, Spacer(1, 0.3 * cm), Paragraph("Key findings", H2)]
    findings = []
    if report.relative_likelihood is not None:
        findings.append(
            "Relative likelihood of appointment from shortlisting, White vs ethnic minority: "
            + report.relative_likelihood.reading
        )
    adverse = [i for i in report.impact if i.adverse]
    if adverse:
        for item in adverse[:8]:
            findings.append(f"{question_label(item.question)}, {item.label}: {item.reading}")
        if len(adverse) > 8:
            findings.append(f"...and {len(adverse) - 8} more: see the adverse impact section.")
    else:
        findings.append(
            "No selection step shows adverse impact that is both below four-fifths of the "
            "highest group's rate and unlikely to be chance."
        )
    story += [Paragraph(f"• {text}", BODY) for text in findings]
    story += [Spacer(1, 0.3 * cm), Paragraph("How small numbers are protected", H2)]
    story += [Paragraph(f"• {text}", BODY) for text in report.notes[:3]]
    return story


def _impact_section(report: DiversityReport) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Paragraph("Adverse impact", H2)]
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
    questions = list(dict.fromkeys(i.question for i in report.impact))
    data: list[list[Any]] = [
        [
            "Characteristic",
            "Groups compared",
            "Below four-fifths",
            "Adverse (p < 0.05)",
            "Not compared (too few or withheld)",
        ]
    ]
    for q in questions:
        data.append([question_label(q), compared[q], below[q], flagged[q], not_shown[q]])
    summary = Table(data, colWidths=[6 * cm, 4 * cm, 4 * cm, 4 * cm, 5.5 * cm], repeatRows=1)
    summary.setStyle(TableStyle(_grid_style()))
    story += [
        Paragraph(
            "Each selection step is checked for each group against the group with the "
            f"highest selection rate (groups of at least {report.min_group_size}). "
            "The spreadsheet and CSV downloads list every comparison.",
            BODY,
        ),
        Spacer(1, 0.2 * cm),
        summary,
    ]
    concerns = [
        i for i in report.impact if i.ratio_to_highest is not None and i.ratio_to_highest < 0.8
    ]
    if concerns:
        rows: list[list[Any]] = [["Characteristic", "Group", "Rate", "Ratio", "p", "Reading"]]
        for item in concerns:
            rows.append(
                [
                    question_label(item.question),
                    Paragraph(item.label, SMALL),
                    _pct(100 * item.rate if item.rate is not None else None),
                    f"{item.ratio_to_highest:.2f}" if item.ratio_to_highest is not None else "",
                    _p(item.p_value),
                    Paragraph(item.reading, SMALL),
                ]
            )
        detail = Table(
            rows,
            colWidths=[3.5 * cm, 4.5 * cm, 1.6 * cm, 1.4 * cm, 1.4 * cm, 14.3 * cm],
            repeatRows=1,
        )
        detail.setStyle(TableStyle(_grid_style()))
        story += [Spacer(1, 0.3 * cm), Paragraph("Steps below four-fifths", H2), detail]
    return story


def _benchmark_section(report: DiversityReport) -> list[Flowable]:
    if not report.benchmarks:
        return []
    width = PAGE[0] - 2 * MARGIN
    data: list[list[Any]] = [["Characteristic", "Answer", "Reference", "Pool", "Difference"]]
    for row in report.benchmarks:
        data.append(
            [
                question_label(row.question),
                row.label,
                _pct(row.reference_percent),
                _pct(row.observed_percent) if row.observed_percent is not None else "[c]",
                "" if row.difference is None else f"{row.difference:+.1f} points",
            ]
        )
    table = Table(data, colWidths=[4 * cm, 10 * cm, 3 * cm, 3 * cm, 3 * cm], repeatRows=1)
    table.setStyle(TableStyle([*_grid_style(), ("ALIGN", (1, 1), (1, -1), "LEFT")]))
    return [
        PageBreak(),
        Paragraph(f"The pool against {report.reference.name}", H2),
        Paragraph(report.reference.source, SMALL),
        Spacer(1, 0.2 * cm),
        _image(benchmark_chart_png(report.benchmarks), width * 0.7),
        table,
    ]


def report_to_pdf(report: DiversityReport) -> bytes:
    """Summary, a page per question (chart above its table), adverse impact, benchmarks
    and method notes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=1.6 * cm,
        bottomMargin=1.4 * cm,
        title="NEDMatch diversity report",
        author="NEDMatch",
        subject=report.scope.describe(),
    )
    width = PAGE[0] - 2 * MARGIN
    story = _summary(report)
    for table in report.tables:
        many = len(table.answer_rows()) > MANY_ANSWERS
        chart = _image(stage_chart_png(table), width * (0.85 if many else 0.78))
        max_chart = (14.5 if many else 7.5) * cm
        if chart.drawHeight > max_chart:
            scale = max_chart / chart.drawHeight
            chart.drawWidth, chart.drawHeight = chart.drawWidth * scale, max_chart
        heading = [Paragraph(question_label(table.question), H2), Paragraph(table.text, BODY)]
        story += [
            PageBreak(),
            KeepTogether([*heading, Spacer(1, 0.2 * cm), chart]),
            # A long table gets a page of its own rather than splitting under its chart.
            PageBreak() if many else Spacer(1, 0.2 * cm),
            *([Paragraph(f"{question_label(table.question)}: figures", H2)] if many else []),
            question_table(table, report),
        ]
    story += _impact_section(report)
    story += _benchmark_section(report)
    story += [PageBreak(), Paragraph("Method notes", H2)]
    story += [Paragraph(f"• {note}", BODY) for note in report.notes]
    doc.build(
        story, canvasmaker=_canvas_class(f"NEDMatch diversity report: {report.scope.describe()}")
    )
    return buffer.getvalue()
