from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .candidate import Candidate
    from .vacancy import Vacancy

# The stages of a campaign, in order, then the two ways out of it.
STAGES: dict[str, str] = {
    "draft": "Not yet submitted",
    "applied": "Applied",
    "longlisted": "Longlisted",
    "shortlisted": "Shortlisted",
    "interview": "Invited to interview",
    "recommended": "Recommended for appointment",
    "appointed": "Appointed",
    "rejected": "Not progressed",
    "withdrawn": "Withdrawn",
}
PROGRESS_STAGES = ["applied", "longlisted", "shortlisted", "interview", "recommended", "appointed"]
CLOSED_STAGES = {"appointed", "rejected", "withdrawn"}

# No 0/O/1/I/L: a reference is read out over the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"NED-{body[:4]}-{body[4:]}"


class Application(db.Model):  # type: ignore[name-defined,misc]
    """One candidate's application for one vacancy."""

    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("candidate_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True, default=new_reference)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    statement: Mapped[str] = mapped_column(Text, default="")
    # Opted in to the disability guaranteed interview scheme (asked on the application,
    # apart from equality monitoring, because it changes how the sift treats them).
    guaranteed_interview: Mapped[bool] = mapped_column(Boolean, default=False)
    stage: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    # What was typed on this application's own steps (the statement) that did not validate
    # yet: step -> field -> raw values. It belongs to this application alone; the profile's
    # steps, shared by every application, keep theirs on the candidate.
    draft_data: Mapped[dict[str, Any]] = mapped_column(
        JSONType, default=dict, server_default=text("'{}'")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    candidate: Mapped[Candidate] = relationship(back_populates="applications")
    vacancy: Mapped[Vacancy] = relationship(back_populates="applications")
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="StageChange.at"
    )

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    @property
    def can_withdraw(self) -> bool:
        return self.stage not in CLOSED_STAGES and self.stage != "draft"

    def __repr__(self) -> str:
        return f"<Application {self.reference} {self.stage}>"


class StageChange(db.Model):  # type: ignore[name-defined,misc]
    """Every move between stages, so reports can count who reached each stage."""

    __tablename__ = "stage_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    from_stage: Mapped[str] = mapped_column(String(16))
    to_stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="stage_changes")
