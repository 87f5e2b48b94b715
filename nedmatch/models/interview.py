"""Interviews: the times the team offers for a vacancy, and each candidate's booking of one.

A slot counts its own booked places, and the database refuses more than its capacity
(`ck_interview_slot_places`): a booking takes a place with one conditional UPDATE that only
one transaction can make for the last place (services/interviews/bookings.py), on SQLite
and PostgreSQL alike. An application has at most one live booking (a partial unique index).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .application import Application
    from .vacancy import Vacancy

# How the interview is held.
INTERVIEW_MODES: Final[dict[str, str]] = {"in_person": "In person", "video": "Video call"}
# A booking is live until it is cancelled (by the candidate, by the team cancelling its
# slot, or by the service when the candidate withdraws or is erased).
BOOKING_STATUSES: Final[dict[str, str]] = {"booked": "Booked", "cancelled": "Cancelled"}


def _booking_uid() -> str:
    return secrets.token_hex(16)


class InterviewSlot(db.Model):  # type: ignore[name-defined]
    """An interview time the team offers for a vacancy."""

    __tablename__ = "interview_slot"
    __table_args__ = (
        CheckConstraint("booked >= 0 AND booked <= capacity", name="places"),
        CheckConstraint("capacity >= 1", name="capacity"),
        CheckConstraint("minutes > 0", name="minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    # In UTC, like every time the service stores; shown in UK time (services/interviews).
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16))
    # In person: the address. Video: the link to join.
    place: Mapped[str] = mapped_column(Text, default="")
    # What to bring, who to ask for, how to join: shown to the candidate and in the calendar.
    instructions: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    booked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("team_user.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    vacancy: Mapped[Vacancy] = relationship()
    bookings: Mapped[list[InterviewBooking]] = relationship(
        back_populates="slot", order_by="InterviewBooking.id"
    )

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def free(self) -> int:
        return 0 if self.cancelled_at else self.capacity - self.booked

    @property
    def mode_label(self) -> str:
        return INTERVIEW_MODES.get(self.mode, self.mode)


class InterviewBooking(db.Model):  # type: ignore[name-defined]
    """One candidate's place at an interview time. Its uid is the calendar event's: a
    change keeps it and raises the sequence, so calendars update the event they have."""

    __tablename__ = "interview_booking"
    __table_args__ = (
        Index(
            "uq_interview_booking_live",
            "application_id",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=_booking_uid)
    slot_id: Mapped[int] = mapped_column(ForeignKey("interview_slot.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="booked", index=True)
    # The calendar event's SEQUENCE: raised by every change and by the cancellation.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # Reasonable adjustments: slugs of the common ones (services/interviews/adjustments.py)
    # and the candidate's own words. Seen by the team; never in a calendar file.
    adjustments: Mapped[list[str]] = mapped_column(JSONType, default=list)
    adjustments_detail: Mapped[str] = mapped_column(Text, default="")
    booked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # "candidate", "team" or "service".
    cancelled_by: Mapped[str] = mapped_column(String(16), default="")

    slot: Mapped[InterviewSlot] = relationship(back_populates="bookings")
    application: Mapped[Application] = relationship()
