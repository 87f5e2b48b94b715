"""Alerts as a vacancy opens: when it starts taking applications (at once when the team
opens it; on its opening date, through `flask alerts send-due`, when that is later), every
member who asked to hear of roles like it as soon as they open, and whom the model reckons
a reasonable fit, is emailed once.

Each opening is a `VacancyOpening` row, made once per vacancy. Its alerts are done when
its `alerted_at` is set; until then every sweep tries again (the matching model may not be
fitted yet, or the mail service may have failed for someone). Each alert is an `AlertSent`
row, unique per member and vacancy, written in the transaction that sends it: a rerun, or
two sweeps at once, never tells anyone twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import AlertSent, Candidate, Vacancy, VacancyOpening
from ...models._types import utcnow
from ..campaigns import vacancies as vacancy_ops
from ..platform.notifications import send_email
from . import fit, recipients, subscriptions, wording
from .choices import Choices, wants


@dataclass
class Sweep:
    opened: int = 0  # vacancies newly seen taking applications
    alerted: int = 0  # alerts sent
    waiting: int = 0  # openings whose alerts are still to do (no model yet, or a failure)


def announce_due(today: date | None = None, now: datetime | None = None) -> Sweep:
    """Record the vacancies that have started taking applications, and send their alerts.
    Commits as it goes (each alert in a transaction of its own)."""
    today = today or date.today()
    now = now or utcnow()
    result = Sweep(opened=record_openings(today, now))
    pending = list(
        db.session.execute(
            db.select(VacancyOpening.id)
            .where(VacancyOpening.alerted_at.is_(None))
            .order_by(VacancyOpening.opened_at, VacancyOpening.id)
        ).scalars()
    )
    db.session.commit()
    for opening_id in pending:
        sent, done = _alert(opening_id, today, now)
        result.alerted += sent
        result.waiting += not done
    return result


def announce_safely() -> Sweep | None:
    """After the team opens a vacancy (committed already): its alerts, if it is taking
    applications now. A failure never spoils the team's page; the next `flask alerts
    send-due` tries again."""
    try:
        return announce_due()
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Role alerts could not be sent after opening a vacancy")
        return None


def record_openings(today: date, now: datetime) -> int:
    taking = [v.id for v in vacancy_ops.open_for_applications(vacancy_ops.PublicFilters(), today)]
    known = set(
        db.session.execute(
            db.select(VacancyOpening.vacancy_id).where(VacancyOpening.vacancy_id.in_(taking))
        ).scalars()
    )
    db.session.commit()
    made = 0
    for vacancy_id in taking:
        if vacancy_id in known:
            continue
        db.session.add(VacancyOpening(vacancy_id=vacancy_id, opened_at=now))
        try:
            db.session.commit()
        except IntegrityError:  # another sweep recorded it a moment ago
            db.session.rollback()
            continue
        made += 1
    return made


def _alert(opening_id: int, today: date, now: datetime) -> tuple[int, bool]:
    """Send one opening's alerts: (how many were sent, whether the opening is done)."""
    opening = db.session.get_one(VacancyOpening, opening_id)
    vacancy = opening.vacancy
    if not vacancy.is_accepting_applications(today):
        opening.alerted_at = now  # closed again before anyone was told: too late to tell
        db.session.commit()
        return 0, True
    members = [s for s in recipients.subscribers("immediate") if wants(Choices.of(s), vacancy)]
    done = recipients.settled([s.candidate_id for s in members], [vacancy.id])
    members = [s for s in members if (s.candidate_id, vacancy.id) not in done]
    fits = fit.reasonable_fits(vacancy, [s.candidate for s in members])
    if fits is None:
        db.session.rollback()
        return 0, False  # no model yet: nobody's fit can be judged, so wait for one
    chosen = [s.candidate_id for s in members if s.candidate_id in fits]
    vacancy_id = vacancy.id
    db.session.commit()  # end the read: each alert below is a transaction of its own
    sent = failed = 0
    for candidate_id in chosen:
        outcome = _send(candidate_id, vacancy_id, now)
        sent += outcome is True
        failed += outcome is None
    if failed:
        return sent, False
    db.session.get_one(VacancyOpening, opening_id).alerted_at = now
    db.session.commit()
    return sent, True


def _send(candidate_id: int, vacancy_id: int, now: datetime) -> bool | None:
    """Tell one member; True when sent, False when someone else already had, None when
    the mail service failed (the next sweep tries again)."""
    db.session.add(
        AlertSent(candidate_id=candidate_id, vacancy_id=vacancy_id, kind="immediate", sent_at=now)
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    candidate = db.session.get_one(Candidate, candidate_id)
    if subscriptions.for_candidate(candidate) is None or not subscriptions.can_receive(candidate):
        db.session.rollback()  # stopped their alerts, or left the pool, a moment ago
        return False
    text = wording.alert(candidate, db.session.get_one(Vacancy, vacancy_id))
    try:
        send_email(candidate.email, text.subject, text.body)
    except Exception:
        db.session.rollback()
        current_app.logger.exception("A role alert could not be sent (vacancy %s)", vacancy_id)
        return None
    db.session.commit()
    return True
