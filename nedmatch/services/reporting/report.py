"""The protected diversity report of a scope, under the service's one disclosure policy."""

from __future__ import annotations

from flask import current_app

from ...diversity import DisclosurePolicy, DiversityReport, Scope, report_from_columns
from ...diversity.members import changed_counts, report_members
from ...diversity.records import report_questions
from ..platform.jobs import Reporter
from . import releases
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


def _scope_name(scope: Scope) -> str:
    parts = {
        "vacancy": scope.vacancy_id,
        "organisation": scope.organisation_id,
        "region": scope.region,
        "from": scope.date_from,
        "to": scope.date_to,
    }
    return ",".join(f"{k}={v}" for k, v in parts.items() if v is not None) or "pool"


def diversity_report(
    scope: Scope,
    policy: DisclosurePolicy | None = None,
    reporter: Reporter | None = None,
) -> DiversityReport:
    """The protected report for a scope, read from the database, under the service's
    policy unless another is given (tests and the command line). Under the cell-key
    method it is audited with the scope's earlier releases that differ from it by a
    few people, and remembered as a release itself (``releases``)."""
    reporter = reporter or Quiet()
    policy = policy or service_policy()
    columns = monitoring_columns(scope, reporter)
    reporter.step("Counting, protecting and analysing")
    remembered = policy.method == "cell-key" and len(columns) > 0
    if not remembered:
        return report_from_columns(
            columns, scope=scope, policy=policy, reference=current_reference()
        )
    key = releases.scope_key("report", _scope_name(scope), policy)
    members, first_of = report_members(columns, releases.member_ids)
    questions = list(report_questions())
    history = [
        (prior, changed_counts(columns, first_of, prior.changes, questions))
        for prior in releases.priors(key, members, policy.threshold)
    ]
    report = report_from_columns(
        columns, scope=scope, policy=policy, reference=current_reference(), history=history
    )
    releases.remember(key, members, report.figures)
    return report
