"""Diversity reporting: counts by stage, disclosure control, adverse impact, model audit,
benchmarks and downloads.

Pure functions over plain records: no Flask and no database, so the web pages, the
``flask report`` command and the tests all call the same code.
"""

from .audit import ModelAudit, audit_ranking
from .columns import RecordColumns, columns_from_records
from .disclosure import DisclosurePolicy, ShownCount
from .exports import impact_to_csv, report_to_csv, tidy_rows
from .impact import GroupImpact, RelativeLikelihood, relative_likelihood, selection_impact
from .protection import CellSystem, pinned_cells, protect
from .records import STAGES, MonitoringRecord, Scope, answer_for, filter_records, report_questions
from .reference import (
    BenchmarkRow,
    Reference,
    compare_with_reference,
    default_reference,
    load_reference,
    parse_reference,
)
from .report import DiversityReport, build_report, report_from_columns
from .tables import QuestionTable, count_columns, count_records, publish_tables

__all__ = [
    "STAGES",
    "BenchmarkRow",
    "CellSystem",
    "DisclosurePolicy",
    "DiversityReport",
    "GroupImpact",
    "ModelAudit",
    "MonitoringRecord",
    "QuestionTable",
    "RecordColumns",
    "Reference",
    "RelativeLikelihood",
    "Scope",
    "ShownCount",
    "answer_for",
    "audit_ranking",
    "build_report",
    "columns_from_records",
    "compare_with_reference",
    "count_columns",
    "count_records",
    "default_reference",
    "filter_records",
    "impact_to_csv",
    "load_reference",
    "parse_reference",
    "pinned_cells",
    "protect",
    "publish_tables",
    "relative_likelihood",
    "report_questions",
    "report_from_columns",
    "report_to_csv",
    "selection_impact",
    "tidy_rows",
]


def report_to_xlsx(report: DiversityReport) -> bytes:
    """Imported on use: openpyxl is only needed when a workbook is asked for."""
    from .xlsx import report_to_xlsx as build

    return build(report)


def report_to_pdf(report: DiversityReport) -> bytes:
    """Imported on use: WeasyPrint is slow to import and only needed here."""
    from .pdf import report_to_pdf as build

    return build(report)


__all__ += ["report_to_pdf", "report_to_xlsx"]
