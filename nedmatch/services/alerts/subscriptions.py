"""A member's role alert choices: reading, saving and stopping them. Only pool members who
agreed to be matched to vacancies get alerts (the choices of one who withdrew that
agreement are kept, and wait for it)."""

from __future__ import annotations

from sqlalchemy import delete

from ...actors import Actor
from ...extensions import db
from ...models import AlertSubscription, Candidate
from ...models._types import utcnow
from ..platform import audit
from .choices import Choices


class AlertsError(Exception):
    """Alerts cannot be set up; the message says what to do."""


def for_candidate(candidate: Candidate) -> AlertSubscription | None:
    return db.session.execute(
        db.select(AlertSubscription).filter_by(candidate_id=candidate.id)
    ).scalar_one_or_none()


def can_receive(candidate: Candidate) -> bool:
    """In the pool, agreed to be matched to vacancies, and not erased."""
    return bool(candidate.in_pool and candidate.consent_to_match and candidate.erased_at is None)


def save(candidate: Candidate, choices: Choices) -> AlertSubscription:
    """Start alerts with these choices, or change them; the caller commits."""
    if not candidate.in_pool or candidate.erased_at is not None:
        raise AlertsError("Join the talent pool before you choose which roles to hear about.")
    if not choices.role_types:
        raise AlertsError("Select at least one type of role")
    if not choices.regions:
        raise AlertsError("Select at least one region")
    subscription = for_candidate(candidate)
    started = subscription is None
    if subscription is None:
        subscription = AlertSubscription(candidate_id=candidate.id, created_at=utcnow())
        db.session.add(subscription)
    subscription.role_types = sorted(choices.role_types)
    subscription.regions = sorted(choices.regions)
    subscription.skill_areas = sorted(choices.skill_areas)
    subscription.challenged_only = choices.challenged_only
    subscription.frequency = choices.frequency
    db.session.flush()
    audit.record(
        Actor.candidate(candidate),
        "role_alerts_started" if started else "role_alerts_changed",
        "candidate",
        candidate.id,
        frequency=choices.frequency,
    )
    return subscription


def stop(candidate: Candidate) -> bool:
    """Stop the member's alerts, from their account or an email's link; False when there
    were none. Their choices are deleted: nothing is kept that is no longer wanted. The
    caller commits."""
    subscription = for_candidate(candidate)
    if subscription is None:
        return False
    db.session.delete(subscription)
    audit.record(Actor.candidate(candidate), "role_alerts_stopped", "candidate", candidate.id)
    db.session.flush()
    return True


def forget(candidate_id: int) -> None:
    """Delete the member's choices when they leave the pool or are erased (their caller
    writes the audit record of that)."""
    db.session.execute(
        delete(AlertSubscription)
        .where(AlertSubscription.candidate_id == candidate_id)
        .execution_options(synchronize_session="fetch")
    )
