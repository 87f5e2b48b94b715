"""Messages to candidates about their application's stage: the team's wording for each
vacancy, and each message from the moment it is queued until it is sent or cancelled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import utcnow

# A queued message is waiting to be due; the others are where it ended.
MESSAGE_STATUSES = {
    "queued": "Waiting to be sent",
    "sent": "Sent",
    "cancelled": "Cancelled",
    "failed": "Could not be sent",
}


class VacancyMessageTemplate(db.Model):  # type: ignore[name-defined]
    """The team's wording of one stage's message for one vacancy; without one, the
    service's default wording is used."""

    __tablename__ = "vacancy_message_template"
    __table_args__ = (UniqueConstraint("vacancy_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PendingMessage(db.Model):  # type: ignore[name-defined]
    """A stage message to one candidate. It holds no text: it is written from the template
    when it is sent, so no personal data or sign-in link waits in this table."""

    __tablename__ = "pending_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    # The stage the message is about (nedmatch.stages.Stage).
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Where it went, masked (a...@example.com): the record of what was sent to whom,
    # without the address or the text.
    sent_to: Mapped[str] = mapped_column(String(254), default="")
