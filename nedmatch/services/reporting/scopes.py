"""Naming a report's scope: in words for page titles (with the vacancy's and
organisation's names), and as a short safe key for file names and audit records."""

from __future__ import annotations

import re

from ...dates import long_date
from ...diversity import DisclosurePolicy, Scope
from ...domain import REGIONS
from ...extensions import db
from ...models import Organisation, Vacancy

# AuditEvent.object_id holds at most 64 characters; the full description goes in detail.
AUDIT_KEY_LENGTH = 64


def scope_title(scope: Scope) -> str:
    """The scope in words, with the names of the vacancy and organisation."""
    if scope.is_whole_pool:
        return "The whole talent pool and every campaign"
    parts = []
    if scope.vacancy_id is not None:
        vacancy = db.session.get(Vacancy, int(scope.vacancy_id))
        if vacancy is not None:
            parts.append(f"{vacancy.title}, {vacancy.organisation.name}")
    if scope.organisation_id is not None:
        organisation = db.session.get(Organisation, int(scope.organisation_id))
        if organisation is not None and not (
            scope.vacancy_id is not None and parts and organisation.name in parts[0]
        ):
            parts.append(organisation.name)
    if scope.region is not None:
        parts.append(REGIONS.get(scope.region, scope.region))
    if scope.date_from or scope.date_to:
        start = long_date(scope.date_from) if scope.date_from else "the start"
        end = long_date(scope.date_to) if scope.date_to else "today"
        parts.append(f"applications from {start} to {end}")
    return "; ".join(parts)


def scope_key(scope: Scope) -> str:
    """A short, safe name for the scope: used in file names and audit records."""
    if scope.is_whole_pool:
        return "whole-pool"
    parts = []
    if scope.vacancy_id is not None:
        parts.append(f"vacancy-{scope.vacancy_id}")
    if scope.organisation_id is not None:
        parts.append(f"organisation-{scope.organisation_id}")
    if scope.region is not None:
        parts.append(f"region-{scope.region}")
    if scope.date_from or scope.date_to:
        start = scope.date_from.isoformat() if scope.date_from else "start"
        end = scope.date_to.isoformat() if scope.date_to else "today"
        parts.append(f"{start}-to-{end}")
    return re.sub(r"[^a-z0-9-]+", "-", "_".join(parts).lower())[:AUDIT_KEY_LENGTH]


def audit_key(scope: Scope) -> str:
    return scope_key(scope)[:AUDIT_KEY_LENGTH]


def audit_detail(scope: Scope, policy: DisclosurePolicy, **extra: object) -> dict[str, object]:
    return {
        "scope": scope.describe(),
        "threshold": policy.threshold,
        "method": policy.method,
        **extra,
    }
