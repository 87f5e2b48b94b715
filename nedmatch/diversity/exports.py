"""A report as CSV: its figures in the tidy shape analysts load, and the adverse impact
analysis, written by the one table writer (nedmatch.spreadsheets). The workbook is in
``xlsx``, the PDF in ``pdf``.

Exports read only the published (protected) figures of a ``DiversityReport``, so a
download can never contain more than the report pages show.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..spreadsheets import Column, Table, to_csv
from .report import DiversityReport

CSV_COLUMNS: tuple[str, ...] = (
    "scope",
    "stage",
    "question",
    "answer",
    "answer_label",
    "row_type",
    "count",
    "percent",
    "percent_of_declared",
    "suppressed",
    "rounded",
    "shown_as",
    "note",
)


def csv_note(report: DiversityReport) -> str:
    """How to read the figures, on every row, so a CSV read on its own says it."""
    policy = report.policy
    if policy.method == "cell-key":
        return (
            f"Cell key: counts of {policy.threshold} or more have noise of at most 2 added, "
            f"so rows may not add up exactly; '{policy.small_mark}' is fewer than "
            f"{policy.threshold}; stage totals are exact"
        )
    if policy.method == "round":
        return f"Rounded to the nearest {policy.rounding_base}; rows may not add up"
    return "[c]: withheld to protect individuals"


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def tidy_rows(report: DiversityReport) -> Iterator[dict[str, str]]:
    """One row per scope, stage, question and answer: the shape analysts load."""
    scope = report.scope.describe()
    note = csv_note(report)
    for table in report.tables:
        for stage in table.stages:
            for row in table.rows:
                cell = row.cells[stage]
                yield {
                    "scope": scope,
                    "stage": stage,
                    "question": table.question,
                    "answer": row.key,
                    "answer_label": row.label,
                    "row_type": row.kind,
                    "count": "" if cell.count.value is None else str(cell.count.value),
                    "percent": _pct(cell.percent),
                    "percent_of_declared": _pct(cell.percent_of_declared),
                    "suppressed": "true" if cell.count.hidden else "false",
                    "rounded": "true" if cell.count.rounded else "false",
                    "shown_as": cell.count.display(report.policy),
                    "note": note,
                }


def report_to_csv(report: DiversityReport) -> bytes:
    """Tidy CSV in UTF-8 with a byte-order mark, so Excel opens it with the right accents."""
    rows = [[row[c] for c in CSV_COLUMNS] for row in tidy_rows(report)]
    return to_csv([Table("Report", [Column(c) for c in CSV_COLUMNS], rows)])


IMPACT_COLUMNS: tuple[str, ...] = (
    "scope",
    "question",
    "group",
    "from_stage",
    "to_stage",
    "considered",
    "selected",
    "selection_rate",
    "ratio_to_highest",
    "fisher_p",
    "adverse",
    "reading",
    "note",
)


def impact_to_csv(report: DiversityReport) -> bytes:
    """The adverse impact analysis as CSV, one row per question, group and step."""
    note = csv_note(report) + "; rates and tests use the published figures"
    scope = report.scope.describe()
    rows: list[list[object]] = [
        [
            scope,
            item.question,
            item.group,
            item.from_stage,
            item.to_stage,
            item.considered,
            item.selected,
            "" if item.rate is None else f"{item.rate:.4f}",
            "" if item.ratio_to_highest is None else f"{item.ratio_to_highest:.3f}",
            "" if item.p_value is None else f"{item.p_value:.4g}",
            "true" if item.adverse else "false",
            item.reading,
            note,
        ]
        for item in report.impact
    ]
    return to_csv([Table("Adverse impact", [Column(c) for c in IMPACT_COLUMNS], rows)])


__all__ = [
    "CSV_COLUMNS",
    "IMPACT_COLUMNS",
    "impact_to_csv",
    "report_to_csv",
    "tidy_rows",
]
