"""What the report pages and downloads need beyond the figures: file names, media types,
the policy in words and the charts. Scope titles and keys are in services/reporting/scopes.py."""

from __future__ import annotations

from markupsafe import Markup

from .. import spreadsheets
from ..diversity import DisclosurePolicy, DiversityReport
from ..diversity.svg import benchmark_chart_svg, stage_chart_svg
from ..services.reporting.scopes import scope_key

MEDIA_TYPES = {**spreadsheets.MEDIA_TYPES, "pdf": "application/pdf"}


def download_name(report: DiversityReport, kind: str, extension: str) -> str:
    """For example diversity-report-vacancy-3-2025-06-30.xlsx."""
    day = report.generated_on.isoformat()
    return f"{kind}-{scope_key(report.scope)}-{day}.{extension}"


def policy_text(policy: DisclosurePolicy) -> str:
    if policy.method == "round":
        return (
            f"Counts rounded to the nearest {policy.rounding_base}; 1 to "
            f"{policy.threshold - 1} shown as {policy.small_mark}"
        )
    return f"Counts from 1 to {policy.threshold - 1} withheld, with any that would reveal them"


def stage_chart(report: DiversityReport, question: str) -> Markup:
    """Inline SVG built from escaped, published figures only."""
    return Markup(stage_chart_svg(report.table(question), chart_id=f"chart-{question}"))  # noqa: S704 - the SVG helper escapes every label


def benchmark_chart(report: DiversityReport) -> Markup:
    return Markup(  # noqa: S704 - the SVG helper escapes every label
        benchmark_chart_svg(report.benchmarks, "chart-benchmark", report.reference.name)
    )
