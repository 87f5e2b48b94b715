"""The report as an Excel workbook: a notes sheet, a sheet per question (with a chart),
adverse impact and benchmarks. The tables are written by the one table writer
(nedmatch.spreadsheets); the charts are drawn here, on the sheets it returns."""

from __future__ import annotations

from typing import Any

from openpyxl.chart import BarChart, Reference

from ..dates import long_date
from ..spreadsheets import Column, Note, Placed, Table, add_sheet, new_workbook, save
from .charts import STAGE_COLOURS, chart_stages
from .disclosure import SUPPRESSED_MARK
from .records import STAGE_LABELS, question_label
from .report import DiversityReport
from .tables import QuestionTable

COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"


def _stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.capitalize())


def _notes_table(report: DiversityReport) -> Table:
    """The Notes sheet: the method first, so a reader meets it before the figures."""
    policy = report.policy
    method = f"{policy.method}, threshold {policy.threshold}"
    if policy.method == "round":
        method += f", rounding base {policy.rounding_base}"
    return Table(
        "Notes",
        [Column("Stage", 36), Column("Number", 110, COUNT_FORMAT)],
        [[STAGE_LABELS.get(s, s), total] for s, total in report.stage_totals.items()],
        title="NEDMatch diversity report: notes and method",
        notes=[
            Note(""),
            Note(report.scope.describe(), "Scope"),
            Note(long_date(report.generated_on), "Generated on"),
            Note(method, "Disclosure control"),
            Note(str(report.min_group_size), "Minimum group size for comparisons"),
            Note(f"{report.reference.name}. {report.reference.source}", "Reference population"),
            Note(""),
            Note("", "How to read this report"),
            *(Note(note, "•") for note in report.notes),
            Note(""),
            Note("", "Number at each stage"),
        ],
        fixed_header=False,
    )


def _question_table(table: QuestionTable, report: DiversityReport) -> Table:
    """Per stage, the number and the percentages of all and of those who declared; a
    withheld figure shows its mark instead."""
    columns = [Column("Answer", 48)]
    for stage in table.stages:
        label = _stage_label(stage)
        columns += [
            Column(f"{label}: number", 13, COUNT_FORMAT),
            Column(f"{label}: % of all", 13, PERCENT_FORMAT),
            Column(f"{label}: % of declared", 13, PERCENT_FORMAT),
        ]
    rows: list[list[Any]] = []
    for row in table.rows:
        values: list[Any] = [row.label]
        for stage in table.stages:
            cell = row.cells[stage]
            mark = cell.count.display(report.policy)
            values.append(mark if cell.count.value is None else cell.count.value)
            for which, pct in ((0, cell.percent), (1, cell.percent_of_declared)):
                if pct is not None:
                    values.append(pct / 100)
                elif cell.count.hidden and (which == 0 or row.kind == "answer"):
                    values.append(mark)
                else:
                    values.append(None)
        rows.append(values)
    return Table(
        question_label(table.question),
        columns,
        rows,
        title=f"{question_label(table.question)}: {table.text}",
        notes=[
            Note(
                f"{report.scope.describe()}. {SUPPRESSED_MARK} = withheld to protect "
                "individuals; see the Notes sheet for the method."
            ),
            Note(""),
        ],
        bold_rows={i for i, row in enumerate(table.rows) if row.kind in ("declared", "total")},
        frozen_columns=1,
    )


def _stage_chart(placed: Placed, table: QuestionTable) -> None:
    """Bars of the % of those who declared, by stage, below the table."""
    answers = len(table.answer_rows())
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = "% of those who declared, by stage"
    chart.y_axis.title = "% of declared"
    chart.y_axis.number_format = "0%"
    chart.height = max(7.5, 0.9 * answers + 3)
    chart.width = 22
    ws, first, last = placed.sheet, placed.first_row, placed.header_row + answers
    for stage in chart_stages(table):
        col = 2 + table.stages.index(stage) * 3 + 2
        data = Reference(ws, min_col=col, min_row=placed.header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
        if stage in STAGE_COLOURS:  # the same colour for a stage as on the page and in the PDF
            chart.series[-1].graphicalProperties.solidFill = STAGE_COLOURS[stage].lstrip("#")
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    ws.add_chart(chart, f"A{placed.last_row + 3}")


def _impact_table(report: DiversityReport) -> Table:
    likelihood = report.relative_likelihood
    return Table(
        "Adverse impact",
        [
            Column("Characteristic", 22),
            Column("Group", 34),
            Column("From", 12),
            Column("To", 12),
            Column("Considered", 11, COUNT_FORMAT),
            Column("Selected", 11, COUNT_FORMAT),
            Column("Selection rate", 11, PERCENT_FORMAT),
            Column("Ratio to highest", 11, "0.00"),
            Column("Fisher's exact p", 11, "0.000"),
            Column("Adverse impact", 10),
            Column("Reading", 90),
        ],
        [
            [
                question_label(item.question),
                item.label,
                STAGE_LABELS.get(item.from_stage, item.from_stage),
                STAGE_LABELS.get(item.to_stage, item.to_stage),
                SUPPRESSED_MARK if item.considered is None else item.considered,
                SUPPRESSED_MARK if item.selected is None else item.selected,
                item.rate,
                item.ratio_to_highest,
                item.p_value,
                "Yes" if item.adverse else "No",
                item.reading,
            ]
            for item in report.impact
        ],
        title="Adverse impact by selection step",
        notes=[
            Note(
                "Relative likelihood (White vs ethnic minority, appointed from shortlisting): "
                + (
                    likelihood.reading
                    if likelihood
                    else "not reported (ethnic group not included)."
                )
            ),
            Note(""),
        ],
        bold_rows={i for i, item in enumerate(report.impact) if item.adverse},
        frozen_columns=2,
    )


def _benchmark_table(report: DiversityReport) -> Table:
    return Table(
        "Benchmarks",
        [
            Column("Characteristic", 22),
            Column("Answer", 48),
            Column("Reference %", 14, PERCENT_FORMAT),
            Column("Pool % of declared", 18, PERCENT_FORMAT),
            Column("Difference (points)", 18, "+0.0;-0.0;0.0"),
        ],
        [
            [
                question_label(item.question),
                item.label,
                item.reference_percent / 100,
                SUPPRESSED_MARK if item.observed_percent is None else item.observed_percent / 100,
                item.difference,
            ]
            for item in report.benchmarks
        ],
        title=f"The pool against the reference population: {report.reference.name}",
        notes=[Note(report.reference.source), Note("")],
    )


def _benchmark_chart(placed: Placed) -> None:
    """The pool's and the reference's percentages side by side, beside the table."""
    if placed.last_row < placed.first_row:
        return
    ws = placed.sheet
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Pool vs reference (%)"
    chart.y_axis.number_format = "0%"
    chart.add_data(
        Reference(ws, min_col=3, max_col=4, min_row=placed.header_row, max_row=placed.last_row),
        titles_from_data=True,
    )
    chart.set_categories(
        Reference(ws, min_col=2, min_row=placed.first_row, max_row=placed.last_row)
    )
    chart.height, chart.width = 10, 20
    ws.add_chart(chart, f"G{placed.header_row}")


def report_to_xlsx(report: DiversityReport) -> bytes:
    """Workbook with a Notes sheet first, so a reader meets the method before the figures."""
    workbook = new_workbook()
    add_sheet(workbook, _notes_table(report))
    for table in report.tables:
        _stage_chart(add_sheet(workbook, _question_table(table, report)), table)
    add_sheet(workbook, _impact_table(report))
    _benchmark_chart(add_sheet(workbook, _benchmark_table(report)))
    return save(workbook)
