"""The weekly digest: each member who asked for one gets one email listing the roles that
opened since their last (or since they asked, for the first), that they asked to hear
about, that are still taking applications, and that the model reckons they fit. Run
`flask alerts send-digest` weekly from cron.

Nothing is sent twice: a member's digest is claimed by moving their `last_digest_at`
forward in an update only one transaction can make, and each role in it is an `AlertSent`
row (unique per member and vacancy) in the same transaction as the email. A member whose
last digest went less than DIGEST_GAP ago is not due, so a rerun sends nothing, while a
weekly cron that starts a little early still sends. A member with no new roles gets no
email, and their next digest looks back to their last one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import AlertSent, AlertSubscription, Candidate, Vacancy, VacancyOpening
from ...models._types import utcnow
from .. import matching
from ..platform.notifications import send_email
from . import fit, opening, recipients, subscriptions, wording
from .choices import Choices, wants

DIGEST_GAP = timedelta(days=6)


@dataclass
class _Planned:
    subscription_id: int
    candidate_id: int
    last_digest_at: datetime | None
    vacancy_ids: list[int] = field(default_factory=list)


def send_digests(today: date | None = None, now: datetime | None = None) -> int:
    """Send every digest that is due; returns how many emails went. Commits as it goes."""
    today = today or date.today()
    now = now or utcnow()
    if matching.get_ranker() is None:
        return 0  # nobody's fit can be judged yet: the roles wait for the next digest
    # Vacancies whose opening date has come are listed even if `send-due` has not run yet.
    opening.record_openings(today, now)
    plans = _plan(today, now)
    db.session.commit()  # end the read: each digest below is a transaction of its own
    return sum(_send(plan, now) for plan in plans)


def _since(subscription: AlertSubscription) -> datetime:
    return subscription.last_digest_at or subscription.created_at


def _plan(today: date, now: datetime) -> list[_Planned]:
    members = recipients.subscribers("weekly", digest_before=now - DIGEST_GAP)
    if not members:
        return []
    openings = [
        o
        for o in db.session.execute(
            db.select(VacancyOpening)
            .where(VacancyOpening.opened_at > min(_since(s) for s in members))
            .order_by(VacancyOpening.opened_at, VacancyOpening.id)
        ).scalars()
        if o.vacancy.is_accepting_applications(today)
    ]
    done = recipients.settled([s.candidate_id for s in members], [o.vacancy_id for o in openings])
    plans = {s.id: _Planned(s.id, s.candidate_id, s.last_digest_at) for s in members}
    for item in openings:
        vacancy = item.vacancy
        wanting = [
            s
            for s in members
            if item.opened_at > _since(s)
            and (s.candidate_id, vacancy.id) not in done
            and wants(Choices.of(s), vacancy)
        ]
        fits = fit.reasonable_fits(vacancy, [s.candidate for s in wanting]) or set()
        for s in wanting:
            if s.candidate_id in fits:
                plans[s.id].vacancy_ids.append(vacancy.id)
    return [plan for plan in plans.values() if plan.vacancy_ids]


def _claim(plan: _Planned, now: datetime) -> bool:
    """Move the member's last digest to now, if no other run has since it was read."""
    unchanged = (
        AlertSubscription.last_digest_at.is_(None)
        if plan.last_digest_at is None
        else AlertSubscription.last_digest_at == plan.last_digest_at
    )
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(AlertSubscription)
            .where(
                AlertSubscription.id == plan.subscription_id,
                AlertSubscription.frequency == "weekly",
                unchanged,
            )
            .values(last_digest_at=now, updated_at=AlertSubscription.updated_at)
            .execution_options(synchronize_session=False)
        ),
    )
    return bool(result.rowcount)


def _send(plan: _Planned, now: datetime) -> int:
    if not _claim(plan, now):
        db.session.rollback()
        return 0
    candidate = db.session.get_one(Candidate, plan.candidate_id)
    if not subscriptions.can_receive(candidate):
        db.session.rollback()
        return 0
    for vacancy_id in plan.vacancy_ids:
        db.session.add(
            AlertSent(
                candidate_id=plan.candidate_id, vacancy_id=vacancy_id, kind="digest", sent_at=now
            )
        )
    try:
        db.session.flush()
    except IntegrityError:  # told of one of them a moment ago: the next digest lists the rest
        db.session.rollback()
        return 0
    roles = [db.session.get_one(Vacancy, v) for v in plan.vacancy_ids]
    text = wording.digest(candidate, roles)
    try:
        send_email(candidate.email, text.subject, text.body)
    except Exception:
        db.session.rollback()
        current_app.logger.exception("A weekly role digest could not be sent")
        return 0
    db.session.commit()
    return 1
