"""A candidate's interview booking: choosing a time with the adjustments they need,
changing it, cancelling it, and what happens to it when they withdraw or are erased.

The last place cannot be taken twice. A place is taken by one UPDATE that adds one to the
slot's count only while it is below the capacity (and the slot is open and far enough
ahead): on PostgreSQL the second of two such UPDATEs waits for the first's row lock and
then finds no place; on SQLite writers take turns. The database's check constraint
(booked <= capacity) stands behind it, and a partial unique index allows an application
one live booking, so a double-clicked button books once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from ...actors import Actor
from ...extensions import db
from ...models import BOOKING_STATUSES, Application, InterviewBooking, InterviewSlot
from ...models._types import utcnow
from ...stages import Stage
from ..platform import audit
from . import notices
from .adjustments import ADJUSTMENTS, DETAIL_MAX, labels
from .slots import earliest_choosable
from .times import change_cutoff, when


class BookingError(ValueError):
    """A booking the rules refuse; the message says what to do instead."""


class SlotTaken(BookingError):
    """The time was free when the page was shown, and is not now."""


@dataclass(frozen=True)
class Choice:
    slot_id: int
    adjustments: list[str] = field(default_factory=list)
    detail: str = ""


def live_booking(application: Application) -> InterviewBooking | None:
    return db.session.execute(
        db.select(InterviewBooking).filter_by(application_id=application.id, status="booked")
    ).scalar_one_or_none()


def by_uid(uid: str) -> InterviewBooking | None:
    return db.session.execute(db.select(InterviewBooking).filter_by(uid=uid)).scalar_one_or_none()


def latest_booking(application: Application) -> InterviewBooking | None:
    """The live booking, else the last one cancelled (so the candidate's page can say so)."""
    return (
        live_booking(application)
        or db.session.execute(
            db.select(InterviewBooking)
            .filter_by(application_id=application.id)
            .order_by(InterviewBooking.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    )


def _too_late(what: str) -> BookingError:
    hours = int(change_cutoff().total_seconds() // 3600)
    return BookingError(
        f"Your interview is less than {hours} hours away, so it can no longer be {what} here. "
        "Contact the appointments team."
    )


def _counts_changed() -> None:
    """The slots' booked counts were changed by UPDATE: read them again when next used."""
    for loaded in list(db.session.identity_map.values()):
        if isinstance(loaded, InterviewSlot):
            db.session.expire(loaded, ["booked"])


def changeable(booking: InterviewBooking, now: datetime | None = None) -> bool:
    """Can the candidate still change or cancel it themselves (before the cut-off)?"""
    return booking.status == "booked" and booking.slot.starts_at >= earliest_choosable(now)


def may_choose(application: Application) -> bool:
    """Only a candidate invited to interview chooses a time."""
    return application.stage == Stage.INTERVIEW


def _clean(choice: Choice) -> tuple[list[str], str]:
    ticked = [slug for slug in ADJUSTMENTS if slug in set(choice.adjustments)]
    return ticked, choice.detail.strip()[:DETAIL_MAX]


def _take_place(slot_id: int, vacancy_id: int, now: datetime | None) -> bool:
    """Add one to the slot's booked places if it has one free; False when it has none (or is
    cancelled, another vacancy's, or too soon). Only one transaction gets the last place."""
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(InterviewSlot)
            .where(
                InterviewSlot.id == slot_id,
                InterviewSlot.vacancy_id == vacancy_id,
                InterviewSlot.cancelled_at.is_(None),
                InterviewSlot.booked < InterviewSlot.capacity,
                InterviewSlot.starts_at >= earliest_choosable(now),
            )
            .values(booked=InterviewSlot.booked + 1)
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


def _give_back(slot_id: int) -> None:
    db.session.execute(
        update(InterviewSlot)
        .where(InterviewSlot.id == slot_id, InterviewSlot.booked > 0)
        .values(booked=InterviewSlot.booked - 1)
        .execution_options(synchronize_session=False)
    )


TAKEN = "That time has just been taken by another candidate. Choose another time."


def choose(
    actor: Actor, application: Application, choice: Choice, now: datetime | None = None
) -> InterviewBooking:
    """Book the chosen time, or move the live booking to it (with the adjustments given);
    the candidate and the team are emailed a calendar invitation. The caller commits."""
    if not may_choose(application):
        raise BookingError(
            "You can choose an interview time only while you are invited to interview."
        )
    current = live_booking(application)
    if current is not None and not changeable(current, now):
        raise _too_late("changed")
    ticked, detail = _clean(choice)
    same_slot = current is not None and current.slot_id == choice.slot_id
    if not same_slot and not _take_place(choice.slot_id, application.vacancy_id, now):
        raise SlotTaken(TAKEN)
    now = now or utcnow()
    if current is None:
        booking = InterviewBooking(
            application_id=application.id,
            slot_id=choice.slot_id,
            adjustments=ticked,
            adjustments_detail=detail,
            booked_at=now,
        )
        try:
            with db.session.begin_nested():
                db.session.add(booking)
        except IntegrityError:  # booked a moment ago, in another tab or by a double click
            raise BookingError(
                "You have already booked an interview time: your booking is shown below."
            ) from None
        previous = None
        action = "interview_booked"
    else:
        booking = current
        previous = booking.slot if not same_slot else None
        if not same_slot:
            _give_back(booking.slot_id)
            booking.slot_id = choice.slot_id
        booking.adjustments, booking.adjustments_detail = ticked, detail
        booking.sequence += 1
        booking.changed_at = now
        action = "interview_changed" if not same_slot else "interview_adjustments_changed"
    db.session.flush()
    _counts_changed()
    db.session.refresh(booking)
    audit.record(
        actor,
        action,
        "application",
        application.id,
        slot=booking.slot_id,
        **({"from_slot": previous.id} if previous is not None else {}),
        adjustments_asked=bool(ticked or detail),
    )
    notices.booked(booking, previous=previous, adjustments_only=same_slot)
    return booking


def cancel(actor: Actor, application: Application, now: datetime | None = None) -> InterviewBooking:
    """The candidate cancels their interview; the place is free again for others."""
    booking = live_booking(application)
    if booking is None:
        raise BookingError("You have no interview booked.")
    if not changeable(booking, now):
        raise _too_late("cancelled")
    _end(booking, "candidate", now)
    audit.record(actor, "interview_cancelled", "application", application.id, slot=booking.slot_id)
    notices.cancelled(booking, booking.slot, by="candidate")
    return booking


def _end(booking: InterviewBooking, by: str, now: datetime | None) -> None:
    booking.status = "cancelled"
    booking.cancelled_at = now or utcnow()
    booking.cancelled_by = by
    booking.sequence += 1
    _give_back(booking.slot_id)
    db.session.flush()
    _counts_changed()


def release(
    applications: Iterable[Application], *, tell_candidate: bool, now: datetime | None = None
) -> int:
    """Free the places of interviews still to come for applications that have left the
    campaign (withdrawn, erased); the team is told, and the candidate when
    ``tell_candidate``. Past interviews stay as the record. Returns how many were freed."""
    now = now or utcnow()
    freed = 0
    for application in applications:
        booking = live_booking(application)
        if booking is None or booking.slot.starts_at <= now:
            continue
        _end(booking, "service", now)
        notices.cancelled(booking, booking.slot, by="service", tell_candidate=tell_candidate)
        freed += 1
    return freed


def forget_adjustments(application_ids: list[int]) -> None:
    """Erasure: what a person said they need at interview is theirs alone."""
    if application_ids:
        db.session.execute(
            update(InterviewBooking)
            .where(InterviewBooking.application_id.in_(application_ids))
            .values(adjustments=[], adjustments_detail="")
            .execution_options(synchronize_session=False)
        )


def records_for(application: Application) -> list[dict[str, Any]]:
    """The application's interview bookings as plain values, for the person's own data."""
    found = db.session.execute(
        db.select(InterviewBooking)
        .filter_by(application_id=application.id)
        .order_by(InterviewBooking.id)
    ).scalars()
    return [
        {
            "starts_at_utc": b.slot.starts_at.isoformat(),
            "when": when(b.slot.starts_at, b.slot.minutes),
            "how": b.slot.mode_label,
            "status": BOOKING_STATUSES.get(b.status, b.status),
            "booked": b.booked_at.isoformat(),
            "cancelled": b.cancelled_at.isoformat() if b.cancelled_at else None,
            "adjustments": labels(b.adjustments),
            "adjustments_in_your_words": b.adjustments_detail,
        }
        for b in found
    ]
