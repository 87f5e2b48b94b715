"""Records as the API's documents: plain values the schemas dump. What a document leaves
out is as deliberate as what it holds: no candidate is named before reveal, and nothing
from equality monitoring is ever read here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app, url_for
from marshmallow import Schema, ValidationError

from ..matching import Match
from ..models import Application, Vacancy
from ..services.sift import identity, stages
from ..services.sift.ranked_list import RankedList
from .problems import ApiProblem


def load(schema: Schema, data: Any) -> dict[str, Any]:
    """Validated input, or a 422 problem naming each field's problem."""
    try:
        loaded: dict[str, Any] = schema.load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_": error.messages}
        raise ApiProblem(
            422,
            "Some values are not valid: " + ", ".join(sorted(messages)) + ".",
            errors={key: [str(m) for m in _flat(value)] for key, value in messages.items()},
        ) from error
    return loaded


def _flat(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [m for v in value.values() for m in _flat(v)]
    return [value]


def utc(moment: datetime | None) -> datetime | None:
    """Times are stored in UTC without a zone; documents give the zone (RFC 3339)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def vacancy(v: Vacancy) -> dict[str, Any]:
    base = str(current_app.config.get("BASE_URL") or "").rstrip("/")
    return {
        "id": v.id,
        "title": v.title,
        "organisation": {
            "id": v.organisation.id,
            "name": v.organisation.name,
            "region": v.organisation.region,
        },
        "role_type": v.role_type,
        "role_label": v.role_label,
        "description": v.description or "",
        "essential_criteria": list(v.essential_criteria or []),
        "desirable_criteria": list(v.desirable_criteria or []),
        "time_commitment": v.time_commitment or "",
        "pay": v.pay,
        "term_years": v.term_years,
        "opens_on": v.opens_on,
        "closes_on": v.closes_on,
        "status": v.status,
        "url": base + url_for("candidates.vacancy", vacancy_id=v.id),
    }


def application(a: Application) -> dict[str, Any]:
    return {
        "reference": a.reference,
        "stage": a.stage,
        "stage_label": a.stage_label,
        "submitted_at": utc(a.submitted_at),
        "guaranteed_interview": bool(a.guaranteed_interview),
        "allowed_moves": [s.value for s in stages.allowed_moves(a)],
        "stage_changes": [
            {
                "from_stage": c.from_stage,
                "to_stage": c.to_stage,
                "reason": c.reason or "",
                "at": utc(c.at),
            }
            for c in a.stage_changes
        ],
    }


def explanation(m: Match) -> dict[str, Any]:
    """The match explanation as the ranked list page shows it: quotes from the candidate
    pass through the same filter as the template's (identity.without_contact_details), and
    evidence is given only for a criterion met or worth a check."""
    return {
        "criteria": [
            {
                "criterion": c.criterion,
                "essential": c.essential,
                "verdict": c.verdict,
                "assessed": c.assessed,
                "evidence": identity.without_contact_details(c.evidence)
                if c.evidence and c.verdict in ("met", "possible")
                else None,
                "field": c.field,
                "also": [
                    {"evidence": identity.without_contact_details(text), "field": field}
                    for text, field in c.also
                ],
            }
            for c in m.criteria
        ],
        "matched_terms": [
            {
                "term": t.term,
                "kind": t.kind,
                "field": t.field,
                "snippet": identity.without_contact_details(t.snippet) if t.snippet else None,
            }
            for t in m.matched_terms
        ],
        "contributions": dict(m.contributions),
        "parts": dict(m.parts),
    }


def ranked_list(ranked: RankedList) -> dict[str, Any]:
    return {
        "items": [
            {
                "reference": r.reference,
                "stage": r.stage,
                "rank": r.rank,
                "score": r.score,
                "meets_essentials": r.meets,
                "guaranteed_interview": r.guaranteed_interview,
                "revealed": r.revealed,
                # The ranked list fills in a name only where the identity is revealed.
                "name": r.name if r.revealed else None,
                "explanation": explanation(r.match) if r.match is not None else None,
            }
            for r in ranked.rows
        ],
        "total": ranked.total,
        "filtered": ranked.filtered,
        "page": ranked.page,
        "pages": ranked.pages,
        "model_ready": ranked.model_ready,
    }
