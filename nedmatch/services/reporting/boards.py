"""Board composition from the database: the sitting members of every board with the
monitoring answers they gave (an appointee's from their application, a member the team
recorded from their own declaration), protected by ``diversity.boards``."""

from __future__ import annotations

import json
from datetime import date

from ...diversity import DisclosurePolicy
from ...diversity.boards import (
    Composition,
    ScopeSpec,
    Seat,
    compose,
    population_percents,
)
from ...domain import REGIONS
from ...extensions import db
from ...models import Application, BoardMember, MonitoringResponse, Organisation
from ..applications.monitoring import board_member_key, subject_keys
from .reference import current_reference
from .report import service_policy


def _answers(keys: list[str]) -> dict[str, dict[str, str]]:
    if not keys:
        return {}
    rows = db.session.execute(
        db.select(MonitoringResponse.subject_key, MonitoringResponse.answers).where(
            MonitoringResponse.subject_key.in_(keys)
        )
    ).all()
    return {
        key: (answers if isinstance(answers, dict) else json.loads(answers or "{}"))
        for key, answers in rows
    }


def seats(day: date) -> tuple[list[Seat], list[Organisation]]:
    """Every sitting member on ``day``, and the organisations that have a board here."""
    rows = db.session.execute(
        db.select(BoardMember, Organisation, Application.candidate_id)
        .join(Organisation, Organisation.id == BoardMember.organisation_id)
        .outerjoin(Application, Application.id == BoardMember.application_id)
        .where(
            db.func.coalesce(BoardMember.first_appointed, BoardMember.term_start) <= day,
            db.or_(BoardMember.left_on.is_(None), BoardMember.left_on > day),
        )
    ).all()
    candidate_keys = dict(
        zip(
            [r[2] for r in rows if r[2] is not None],
            subject_keys([r[2] for r in rows if r[2] is not None]),
            strict=True,
        )
    )
    keys = [
        candidate_keys[candidate] if candidate is not None else board_member_key(member.id)
        for member, _, candidate in rows
    ]
    answers = _answers(keys)
    out = [
        Seat(
            organisation.id, organisation.region, organisation.challenged, key, answers.get(key, {})
        )
        for (member, organisation, _), key in zip(rows, keys, strict=True)
    ]
    organisations = sorted({o.id: o for _, o, _ in rows}.values(), key=lambda o: o.name)
    return out, organisations


def _workforce(organisation: Organisation) -> dict[str, float]:
    figures = {
        "minority_ethnic": organisation.workforce_minority_ethnic_pct,
        "women": organisation.workforce_women_pct,
    }
    return {k: v for k, v in figures.items() if v is not None}


def composition(
    day: date, policy: DisclosurePolicy | None = None
) -> tuple[list[Composition], bool]:
    """Every board, each region, the organisations in national support and the rest, and
    England, protected together. The flag says whether England's census is the only
    population figure (no organisation gave its local one)."""
    policy = policy or service_policy()
    found, organisations = seats(day)
    england = population_percents(current_reference())
    specs: list[ScopeSpec] = []
    local_given = False
    for organisation in organisations:
        population = dict(england)
        if organisation.population_minority_ethnic_pct is not None:
            population["minority_ethnic"] = organisation.population_minority_ethnic_pct
            local_given = True
        specs.append(
            ScopeSpec(
                organisation.name,
                "board",
                frozenset({organisation.id}),
                population,
                _workforce(organisation),
                key=str(organisation.id),
            )
        )
    for slug, label in REGIONS.items():
        ids = frozenset(o.id for o in organisations if o.region == slug)
        if ids:
            specs.append(ScopeSpec(label, "region", ids, england, key=slug))
    supported = frozenset(o.id for o in organisations if o.challenged)
    others = frozenset(o.id for o in organisations if not o.challenged)
    if supported:
        specs.append(ScopeSpec("In national support", "support", supported, england, key="yes"))
    if others:
        specs.append(ScopeSpec("Not in national support", "support", others, england, key="no"))
    specs.append(ScopeSpec("England", "england", frozenset(o.id for o in organisations), england))
    return compose(found, specs, policy), not local_given
