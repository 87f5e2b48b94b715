"""Who may be alerted: members with a subscription who can receive alerts (in the pool,
agreed to be matched, not erased), and the pairs of member and vacancy already settled
(told already, or applied already)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy.orm import contains_eager

from ...extensions import db
from ...models import AlertSent, AlertSubscription, Application, Candidate


def subscribers(
    frequency: str, *, digest_before: datetime | None = None
) -> list[AlertSubscription]:
    """Subscriptions of this frequency whose members can receive alerts, with their
    members loaded; ``digest_before``: only those whose last digest went before then."""
    query = (
        db.select(AlertSubscription)
        .join(AlertSubscription.candidate)
        .options(contains_eager(AlertSubscription.candidate))
        .where(
            AlertSubscription.frequency == frequency,
            Candidate.in_pool.is_(True),
            Candidate.consent_to_match.is_(True),
            Candidate.erased_at.is_(None),
        )
        .order_by(AlertSubscription.id)
    )
    if digest_before is not None:
        query = query.where(
            AlertSubscription.last_digest_at.is_(None)
            | (AlertSubscription.last_digest_at <= digest_before)
        )
    return list(db.session.execute(query).scalars())


def settled(candidate_ids: Collection[int], vacancy_ids: Collection[int]) -> set[tuple[int, int]]:
    """(candidate, vacancy) pairs needing no alert: told already, or an application
    started (they know of it)."""
    if not candidate_ids or not vacancy_ids:
        return set()
    told = db.session.execute(
        db.select(AlertSent.candidate_id, AlertSent.vacancy_id).where(
            AlertSent.candidate_id.in_(candidate_ids), AlertSent.vacancy_id.in_(vacancy_ids)
        )
    ).all()
    applied = db.session.execute(
        db.select(Application.candidate_id, Application.vacancy_id).where(
            Application.candidate_id.in_(candidate_ids),
            Application.vacancy_id.in_(vacancy_ids),
        )
    ).all()
    return {(c, v) for c, v in told} | {(c, v) for c, v in applied}
