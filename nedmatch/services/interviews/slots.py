"""The interview times the team offers for a vacancy: adding one, the ones a candidate can
choose, and cancelling one (its candidates are told, and can choose another)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Final, cast

from sqlalchemy import CursorResult, update

from ...actors import Actor
from ...extensions import db
from ...models import INTERVIEW_MODES, Application, InterviewBooking, InterviewSlot, Vacancy
from ...models._types import utcnow
from ..platform import audit
from . import notices
from .times import change_cutoff, from_uk

MAX_MINUTES: Final = 8 * 60
MAX_CAPACITY: Final = 50


class SlotError(ValueError):
    """A slot the rules refuse; the message says what to change."""


@dataclass(frozen=True)
class NewSlot:
    day: date
    start: time  # UK time
    minutes: int
    mode: str  # a key of INTERVIEW_MODES
    place: str  # the address, or the video call's link
    instructions: str = ""
    capacity: int = 1


def add(actor: Actor, vacancy: Vacancy, new: NewSlot, now: datetime | None = None) -> InterviewSlot:
    """Offer a new interview time; the caller commits."""
    starts_at = from_uk(new.day, new.start)
    if starts_at <= (now or utcnow()):
        raise SlotError("The interview must start in the future")
    if new.mode not in INTERVIEW_MODES:
        raise SlotError("Choose in person or video call")
    if not 1 <= new.minutes <= MAX_MINUTES or not 1 <= new.capacity <= MAX_CAPACITY:
        raise SlotError("Enter a length and a number of places the form allows")
    slot = InterviewSlot(
        vacancy_id=vacancy.id,
        starts_at=starts_at,
        minutes=new.minutes,
        mode=new.mode,
        place=new.place.strip(),
        instructions=new.instructions.strip(),
        capacity=new.capacity,
        booked=0,
        created_by=actor.id if actor.kind == "team" else None,
    )
    db.session.add(slot)
    db.session.flush()
    audit.record(
        actor,
        "interview_slot_added",
        "vacancy",
        vacancy.id,
        slot=slot.id,
        starts_at=starts_at.isoformat(),
        minutes=new.minutes,
        capacity=new.capacity,
    )
    return slot


def for_vacancy(vacancy: Vacancy) -> list[InterviewSlot]:
    """Every slot of the vacancy, cancelled ones too, in time order."""
    return list(
        db.session.execute(
            db.select(InterviewSlot)
            .filter_by(vacancy_id=vacancy.id)
            .order_by(InterviewSlot.starts_at, InterviewSlot.id)
        ).scalars()
    )


def get(vacancy: Vacancy, slot_id: int | None) -> InterviewSlot | None:
    """The vacancy's slot with this id, or None (no id, another vacancy's, none at all)."""
    if slot_id is None:
        return None
    slot = db.session.get(InterviewSlot, slot_id)
    return slot if slot is not None and slot.vacancy_id == vacancy.id else None


def earliest_choosable(now: datetime | None = None) -> datetime:
    """A candidate can choose a time that starts no sooner than this (now + the cut-off)."""
    return (now or utcnow()) + change_cutoff()


def choosable(application: Application, now: datetime | None = None) -> list[InterviewSlot]:
    """The times this candidate can choose now: the vacancy's, not cancelled, with a free
    place, far enough ahead to be changed or cancelled later."""
    return list(
        db.session.execute(
            db.select(InterviewSlot)
            .where(
                InterviewSlot.vacancy_id == application.vacancy_id,
                InterviewSlot.cancelled_at.is_(None),
                InterviewSlot.booked < InterviewSlot.capacity,
                InterviewSlot.starts_at >= earliest_choosable(now),
            )
            .order_by(InterviewSlot.starts_at, InterviewSlot.id)
        ).scalars()
    )


def cancel(actor: Actor, slot: InterviewSlot, reason: str, now: datetime | None = None) -> int:
    """Cancel a slot: no one can choose it, and each candidate booked on it is told (with a
    calendar cancellation) and can choose another time. Returns how many were booked."""
    now = now or utcnow()
    # Marked cancelled first, in one UPDATE: a candidate booking it at this moment either
    # got there first (and is among those told below) or waits for this and finds it gone.
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(InterviewSlot)
            .where(InterviewSlot.id == slot.id, InterviewSlot.cancelled_at.is_(None))
            .values(cancelled_at=now, cancel_reason=reason.strip())
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise SlotError("This interview time has already been cancelled")
    live = list(
        db.session.execute(
            db.select(InterviewBooking).filter_by(slot_id=slot.id, status="booked")
        ).scalars()
    )
    for booking in live:
        booking.status = "cancelled"
        booking.cancelled_at = now
        booking.cancelled_by = "team"
        booking.sequence += 1
    db.session.execute(
        update(InterviewSlot)
        .where(InterviewSlot.id == slot.id)
        .values(booked=0)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    db.session.refresh(slot)
    audit.record(
        actor,
        "interview_slot_cancelled",
        "vacancy",
        slot.vacancy_id,
        slot=slot.id,
        bookings_cancelled=len(live),
    )
    for booking in live:
        notices.cancelled(booking, slot, by="team", reason=slot.cancel_reason)
    return len(live)
