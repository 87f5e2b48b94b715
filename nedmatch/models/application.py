from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..stages import CLOSED, PROGRESS, Stage
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .candidate import Candidate
    from .vacancy import Vacancy

# The stages of a campaign (nedmatch.stages), as the labels and lists the pages use.
STAGES: dict[str, str] = {stage.value: stage.label for stage in Stage}
PROGRESS_STAGES: list[str] = [stage.value for stage in PROGRESS]
CLOSED_STAGES: frozenset[str] = CLOSED

# No 0/O/1/I/L: a reference is read out over the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"NED-{body[:4]}-{body[4:]}"


class Application(db.Model):  # type: ignore[name-defined]
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
    stage: Mapped[str] = mapped_column(String(16), default=Stage.DRAFT.value, index=True)
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
        stage = Stage.parse(self.stage)
        return stage.label if stage else self.stage

    @property
    def is_draft(self) -> bool:
        """Not yet submitted: it has no reference to show and can still be changed."""
        return self.stage == Stage.DRAFT

    @property
    def can_withdraw(self) -> bool:
        return self.stage not in CLOSED and not self.is_draft

    def __repr__(self) -> str:
        return f"<Application {self.reference} {self.stage}>"


class StageChange(db.Model):  # type: ignore[name-defined]
    """Every move between stages, so reports can count who reached each stage."""

    __tablename__ = "stage_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    from_stage: Mapped[str] = mapped_column(String(16))
    to_stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="stage_changes")
