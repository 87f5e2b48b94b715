"""An appointment seats the appointee on the board: their term follows on from the
member they succeed (or starts on the day of appointment), and the member they succeed
leaves when their own term ends. Moving the appointment back takes the seat away again."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ...extensions import db
from ...models import Application, BoardMember
from ..platform import audit


def seat_of(application: Application) -> BoardMember | None:
    return db.session.execute(
        db.select(BoardMember).where(BoardMember.application_id == application.id)
    ).scalar_one_or_none()


def predecessor_of(application: Application) -> BoardMember | None:
    return db.session.execute(
        db.select(BoardMember).where(BoardMember.successor_vacancy_id == application.vacancy_id)
    ).scalar_one_or_none()


def seat(actor: str, application: Application, today: date) -> BoardMember:
    """Seat an appointee (once: a second call returns the seat already made)."""
    existing = seat_of(application)
    if existing is not None:
        return existing
    vacancy = application.vacancy
    candidate = application.candidate
    before = predecessor_of(application)
    start = today
    if before is not None and before.left_on is None:
        if before.term_end is not None and before.term_end >= today:
            start = before.term_end + timedelta(days=1)
        before.left_on = start
    member = BoardMember(
        organisation_id=vacancy.organisation_id,
        name=candidate.full_name or application.reference,
        role=vacancy.role_type,
        title=vacancy.role_label,
        term_start=start,
        term_end=start + relativedelta(years=vacancy.term_years or 3),
        skill_areas=list(candidate.skill_areas or []),
        domains=[d for d, text in (candidate.competency_evidence or {}).items() if text.strip()],
        application_id=application.id,
    )
    db.session.add(member)
    db.session.flush()
    audit.record(
        actor,
        "board_member_seated",
        "board_member",
        member.id,
        application=application.reference,
        succeeds=before.id if before is not None else None,
    )
    return member


def unseat(actor: str, application: Application) -> None:
    """The appointment was moved back: the seat goes, and the member it would have
    succeeded stays until someone else is appointed."""
    member = seat_of(application)
    if member is None:
        return
    before = predecessor_of(application)
    if before is not None and before.left_on == member.term_start:
        before.left_on = None
    db.session.delete(member)
    db.session.flush()
    audit.record(actor, "board_member_unseated", "application", application.id)
