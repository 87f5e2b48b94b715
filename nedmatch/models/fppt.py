"""The fit and proper person test (NHS England FPPT framework, 2023): the checks made
before a board member is appointed, and every year after, each with who checked, when,
the evidence and the outcome; and an administrator's recorded override."""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import utcnow

# The checks the framework asks for, in the order a team makes them.
FPPT_CHECKS: Final[dict[str, str]] = {
    "references": "References, including the standard board member reference",
    "dbs": "Disclosure and Barring Service (DBS) check",
    "disqualified_directors": "Register of disqualified directors",
    "insolvency": "Insolvency and bankruptcy register",
    "employment_history": "Employment history, with any gaps explained",
    "qualifications": "Qualifications and professional registration",
    "public_information": "Search of public information (press, social media)",
    "self_attestation": "Self-attestation by the candidate",
}
FPPT_STATUSES: Final[dict[str, str]] = {
    "not_started": "Not started",
    "satisfactory": "Satisfactory",
    "concern": "Concern raised",
    "not_required": "Not required",
}
# Outcomes that let the appointment go ahead.
FPPT_CLEARED: Final = frozenset({"satisfactory", "not_required"})


class FpptCheck(db.Model):  # type: ignore[name-defined]
    """One check of one application's FPPT record. ``round`` 0 is the check before
    appointment; each annual re-check is a new round."""

    __tablename__ = "fppt_check"
    __table_args__ = (UniqueConstraint("application_id", "round", "kind", name="uq_fppt_check"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("team_user.id"), nullable=True)
    checked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class FpptOverride(db.Model):  # type: ignore[name-defined]
    """An administrator's decision to appoint without a complete FPPT record, and why."""

    __tablename__ = "fppt_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id"), unique=True, index=True
    )
    by: Mapped[int] = mapped_column(ForeignKey("team_user.id"))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FpptReminder(db.Model):  # type: ignore[name-defined]
    """An annual re-check reminder sent for one due date, so each is sent once."""

    __tablename__ = "fppt_reminder"
    __table_args__ = (UniqueConstraint("application_id", "due_on", name="uq_fppt_reminder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
