"""The protected diversity report of a scope, under the service's one disclosure policy."""

from __future__ import annotations

from flask import current_app

from ...diversity import DisclosurePolicy, DiversityReport, Scope, report_from_columns
from ..platform.jobs import Reporter
from .records import Quiet, monitoring_columns
from .reference import current_reference


def service_policy() -> DisclosurePolicy:
    """The one disclosure policy of the service, from configuration: never chosen per
    request, so nobody can set two protections of the same figures side by side
    (docs/disclosure.md)."""
    return DisclosurePolicy(
        threshold=int(current_app.config.get("DIVERSITY_THRESHOLD", 5)),
        method=current_app.config.get("DIVERSITY_METHOD", "cell-key"),
    )


def diversity_report(
    scope: Scope,
    policy: DisclosurePolicy | None = None,
    reporter: Reporter | None = None,
) -> DiversityReport:
    """The protected report for a scope, read from the database, under the service's
    policy unless another is given (tests and the command line)."""
    reporter = reporter or Quiet()
    policy = policy or service_policy()
    columns = monitoring_columns(scope, reporter)
    reporter.step("Counting, protecting and analysing")
    return report_from_columns(columns, scope=scope, policy=policy, reference=current_reference())
