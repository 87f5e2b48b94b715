"""The report as an Excel workbook: a notes sheet, a formatted sheet per question (with a
chart), adverse impact and benchmarks. Built with openpyxl, returned as bytes."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..dates import long_date
from .charts import STAGE_COLOURS, chart_stages
from .records import STAGE_LABELS, question_label
from .report import DiversityReport
from .tables import QuestionTable

HEADER_FILL = PatternFill("solid", fgColor="005EB8")
HEADER_FONT = Font(bold=True, color="FFFFFF")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 4


def sheet_name(question: str, used: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; keep names unique."""
    base = re.sub(r"[\[\]:*?/\\']", "", question_label(question))[:31].strip()
    name, n = base, 2
    while name in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _header(ws: Worksheet, row: int, titles: list[str]) -> None:
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _question_sheet(ws: Worksheet, table: QuestionTable, report: DiversityReport) -> None:
    ws["A1"] = f"{question_label(table.question)}: {table.text}"
    ws["A1"].font = TITLE
    ws["A2"] = (
        f"{report.scope.describe()}. [c] = withheld to protect individuals; "
        "see the Notes sheet for the method."
    )
    titles = ["Answer"]
    for stage in table.stages:
        label = STAGE_LABELS.get(stage, stage.capitalize())
        titles += [f"{label}: number", f"{label}: % of all", f"{label}: % of declared"]
    _header(ws, HEADER_ROW, titles)
    ws.row_dimensions[HEADER_ROW].height = 45
    for r_index, row in enumerate(table.rows, start=HEADER_ROW + 1):
        label_cell = ws.cell(row=r_index, column=1, value=row.label)
        label_cell.alignment = WRAP
        if row.kind in ("declared", "total"):
            label_cell.font = BOLD
        col = 2
        for stage in table.stages:
            cell = row.cells[stage]
            count = ws.cell(row=r_index, column=col)
            if cell.count.value is None:
                count.value = cell.count.display(report.policy)
                count.alignment = RIGHT
            else:
                count.value = cell.count.value
                count.number_format = COUNT_FORMAT
            for offset, pct in ((1, cell.percent), (2, cell.percent_of_declared)):
                target = ws.cell(row=r_index, column=col + offset)
                if pct is not None:
                    target.value = pct / 100
                    target.number_format = PERCENT_FORMAT
                elif cell.count.hidden and (offset == 1 or row.kind == "answer"):
                    target.value = cell.count.display(report.policy)
                    target.alignment = RIGHT
            col += 3
    ws.column_dimensions["A"].width = 48
    for col in range(2, len(titles) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 13
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)

    answers = len(table.answer_rows())
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = "% of those who declared, by stage"
    chart.y_axis.title = "% of declared"
    chart.y_axis.number_format = "0%"
    chart.height = max(7.5, 0.9 * answers + 3)
    chart.width = 22
    first, last = HEADER_ROW + 1, HEADER_ROW + answers
    for stage in chart_stages(table):
        col = 2 + table.stages.index(stage) * 3 + 2
        data = Reference(ws, min_col=col, min_row=HEADER_ROW, max_row=last)
        chart.add_data(data, titles_from_data=True)
        if stage in STAGE_COLOURS:  # the same colour for a stage as on the page and in the PDF
            chart.series[-1].graphicalProperties.solidFill = STAGE_COLOURS[stage].lstrip("#")
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    ws.add_chart(chart, f"A{HEADER_ROW + len(table.rows) + 3}")


def _notes_sheet(ws: Worksheet, report: DiversityReport) -> None:
    ws["A1"] = "NEDMatch diversity report: notes and method"
    ws["A1"].font = TITLE
    facts = [
        ("Scope", report.scope.describe()),
        ("Generated on", long_date(report.generated_on)),
        (
            "Disclosure control",
            f"{report.policy.method}, threshold {report.policy.threshold}"
            + (
                f", rounding base {report.policy.rounding_base}"
                if report.policy.method == "round"
                else ""
            ),
        ),
        ("Minimum group size for comparisons", str(report.min_group_size)),
        ("Reference population", f"{report.reference.name}. {report.reference.source}"),
    ]
    row = 3
    for label, value in facts:
        ws.cell(row=row, column=1, value=label).font = BOLD
        ws.cell(row=row, column=2, value=value).alignment = WRAP
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="How to read this report").font = BOLD
    row += 1
    for note in report.notes:
        ws.cell(row=row, column=1, value="•")
        ws.cell(row=row, column=2, value=note).alignment = WRAP
        ws.row_dimensions[row].height = 15 * (1 + len(note) // 95)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Number at each stage").font = BOLD
    row += 1
    _header(ws, row, ["Stage", "Number"])
    for stage, total in report.stage_totals.items():
        row += 1
        ws.cell(row=row, column=1, value=STAGE_LABELS.get(stage, stage))
        ws.cell(row=row, column=2, value=total).number_format = COUNT_FORMAT
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 110


def _impact_sheet(ws: Worksheet, report: DiversityReport) -> None:
    ws["A1"] = "Adverse impact by selection step"
    ws["A1"].font = TITLE
    likelihood = report.relative_likelihood
    ws["A2"] = "Relative likelihood (White vs ethnic minority, appointed from shortlisting): " + (
        likelihood.reading if likelihood else "not reported (ethnic group not included)."
    )
    titles = [
        "Characteristic",
        "Group",
        "From",
        "To",
        "Considered",
        "Selected",
        "Selection rate",
        "Ratio to highest",
        "Fisher's exact p",
        "Adverse impact",
        "Reading",
    ]
    _header(ws, HEADER_ROW, titles)
    for r_index, item in enumerate(report.impact, start=HEADER_ROW + 1):
        values: list[object] = [
            question_label(item.question),
            item.label,
            STAGE_LABELS.get(item.from_stage, item.from_stage),
            STAGE_LABELS.get(item.to_stage, item.to_stage),
            item.considered,
            item.selected,
            item.rate,
            item.ratio_to_highest,
            item.p_value,
            "Yes" if item.adverse else "No",
            item.reading,
        ]
        formats = [
            None,
            None,
            None,
            None,
            COUNT_FORMAT,
            COUNT_FORMAT,
            PERCENT_FORMAT,
            "0.00",
            "0.000",
            None,
            None,
        ]
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
            cell = ws.cell(row=r_index, column=col, value=value)
            if value is None and col in (5, 6):
                cell.value = "[c]"
                cell.alignment = RIGHT
            elif fmt:
                cell.number_format = fmt
            if item.adverse:
                cell.font = BOLD
    widths = [22, 34, 12, 12, 11, 11, 11, 11, 11, 10, 90]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)


def _benchmark_sheet(ws: Worksheet, report: DiversityReport) -> None:
    ws["A1"] = f"The pool against the reference population: {report.reference.name}"
    ws["A1"].font = TITLE
    ws["A2"] = report.reference.source
    _header(
        ws,
        HEADER_ROW,
        ["Characteristic", "Answer", "Reference %", "Pool % of declared", "Difference (points)"],
    )
    for r_index, item in enumerate(report.benchmarks, start=HEADER_ROW + 1):
        ws.cell(row=r_index, column=1, value=question_label(item.question))
        ws.cell(row=r_index, column=2, value=item.label)
        ws.cell(
            row=r_index, column=3, value=item.reference_percent / 100
        ).number_format = PERCENT_FORMAT
        observed = ws.cell(row=r_index, column=4)
        if item.observed_percent is None:
            observed.value = "[c]"
            observed.alignment = RIGHT
        else:
            observed.value = item.observed_percent / 100
            observed.number_format = PERCENT_FORMAT
        if item.difference is not None:
            ws.cell(row=r_index, column=5, value=item.difference).number_format = "+0.0;-0.0;0.0"
    for col, width in enumerate((22, 48, 14, 18, 18), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    if report.benchmarks:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Pool vs reference (%)"
        chart.y_axis.number_format = "0%"
        last = HEADER_ROW + len(report.benchmarks)
        chart.add_data(
            Reference(ws, min_col=3, max_col=4, min_row=HEADER_ROW, max_row=last),
            titles_from_data=True,
        )
        chart.set_categories(Reference(ws, min_col=2, min_row=HEADER_ROW + 1, max_row=last))
        chart.height, chart.width = 10, 20
        ws.add_chart(chart, f"G{HEADER_ROW}")


def report_to_xlsx(report: DiversityReport) -> bytes:
    """Workbook with a Notes sheet first, so a reader meets the method before the figures."""
    workbook = Workbook()
    notes = workbook.worksheets[0]
    notes.title = "Notes"
    _notes_sheet(notes, report)
    used = {"Notes", "Adverse impact", "Benchmarks"}
    for table in report.tables:
        _question_sheet(workbook.create_sheet(sheet_name(table.question, used)), table, report)
    _impact_sheet(workbook.create_sheet("Adverse impact"), report)
    _benchmark_sheet(workbook.create_sheet("Benchmarks"), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
