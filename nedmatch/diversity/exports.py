"""Downloads of a report as CSV, XLSX and PDF, each returned as bytes.

Exports read only the published (protected) figures of a ``DiversityReport``, so a
download can never contain more than the report pages show.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .disclosure import SUPPRESSED_MARK
from .records import STAGE_LABELS
from .report import DiversityReport
from .tables import PublishedCell, QuestionTable

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
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(tidy_rows(report))
    return buffer.getvalue().encode("utf-8-sig")


def impact_to_csv(report: DiversityReport) -> bytes:
    """The adverse impact analysis as CSV, one row per question, group and step."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
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
        ]
    )
    note = csv_note(report) + "; rates and tests use the published figures"
    scope = report.scope.describe()
    for item in report.impact:
        writer.writerow(
            [
                scope,
                item.question,
                item.group,
                item.from_stage,
                item.to_stage,
                "" if item.considered is None else item.considered,
                "" if item.selected is None else item.selected,
                "" if item.rate is None else f"{item.rate:.4f}",
                "" if item.ratio_to_highest is None else f"{item.ratio_to_highest:.3f}",
                "" if item.p_value is None else f"{item.p_value:.4g}",
                "true" if item.adverse else "false",
                item.reading,
                note,
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def cell_text(cell: PublishedCell, report: DiversityReport) -> str:
    """A count as printed in tables: the figure, or the mark that stands for it."""
    return cell.count.display(report.policy)


def stage_headers(table: QuestionTable) -> list[str]:
    return [STAGE_LABELS.get(s, s.capitalize()) for s in table.stages]


__all__ = [
    "CSV_COLUMNS",
    "SUPPRESSED_MARK",
    "cell_text",
    "impact_to_csv",
    "report_to_csv",
    "stage_headers",
    "tidy_rows",
]
