"""The development pipeline: programmes (board placements for aspiring non-executives from
under-represented groups, such as England's NExT Director scheme, and aspiring-chair
programmes for serving non-executives), their cohorts, the people in them with their host
organisation, mentor and milestones; and the offers made to candidates who were
interviewed but not appointed."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Final

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import utcnow

if TYPE_CHECKING:
    from .application import Application
    from .candidate import Candidate
    from .organisation import Organisation

PROGRAMME_KINDS: Final[dict[str, str]] = {
    "placement": "Board placement for aspiring non-executives",
    "aspiring-chair": "Aspiring chair programme for serving non-executives",
}
COHORT_STATUSES: Final[dict[str, str]] = {
    "recruiting": "Recruiting",
    "running": "Running",
    "completed": "Completed",
}
PARTICIPANT_STATUSES: Final[dict[str, str]] = {
    "applied": "Applied",
    "selected": "Selected",
    "not-selected": "Not selected",
    "placed": "Placed with a host",
    "completed": "Completed",
    "withdrawn": "Withdrawn",
}
# Who has been through (or is on) a programme, for the journeys report.
ON_PROGRAMME: Final = frozenset({"placed", "completed"})
OFFER_KINDS: Final[dict[str, str]] = {
    "development": "A place on a development programme",
    "placement": "A board placement",
    "pool": "The talent pool, for similar roles",
}
OFFER_ANSWERS: Final[dict[str, str]] = {
    "pending": "Waiting for an answer",
    "accepted": "Accepted",
    "declined": "Declined",
}


class Programme(db.Model):  # type: ignore[name-defined]
    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    cohorts: Mapped[list[Cohort]] = relationship(
        back_populates="programme", order_by="Cohort.starts_on"
    )

    @property
    def kind_label(self) -> str:
        return PROGRAMME_KINDS.get(self.kind, self.kind)


class Cohort(db.Model):  # type: ignore[name-defined]
    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="recruiting")

    programme: Mapped[Programme] = relationship(back_populates="cohorts")
    participants: Mapped[list[Participant]] = relationship(back_populates="cohort")

    @property
    def status_label(self) -> str:
        return COHORT_STATUSES.get(self.status, self.status)


class Participant(db.Model):  # type: ignore[name-defined]
    """One person in one cohort, from their application to the programme to completion."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("cohort_id", "candidate_id", name="uq_participant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="applied")
    host_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True
    )
    # Mentors are serving chairs and non-executives, often outside the service's records.
    mentor: Mapped[str] = mapped_column(String(200), default="")
    # Aspiring chairs are nominated by their own chair: who, and of which board.
    nominated_by: Mapped[str] = mapped_column(String(300), default="")
    applied_on: Mapped[date] = mapped_column(Date)
    placed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    cohort: Mapped[Cohort] = relationship(back_populates="participants")
    candidate: Mapped[Candidate] = relationship()
    host: Mapped[Organisation | None] = relationship()
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="participant", order_by="Milestone.due_on", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return PARTICIPANT_STATUSES.get(self.status, self.status)


class Milestone(db.Model):  # type: ignore[name-defined]
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    participant: Mapped[Participant] = relationship(back_populates="milestones")


class NearMissOffer(db.Model):  # type: ignore[name-defined]
    """An offer to someone interviewed but not appointed, and their answer."""

    __tablename__ = "near_miss_offer"
    __table_args__ = (UniqueConstraint("application_id", "kind", name="uq_near_miss_offer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    offered_on: Mapped[date] = mapped_column(Date)
    offered_by: Mapped[int | None] = mapped_column(ForeignKey("team_user.id"), nullable=True)
    answer: Mapped[str] = mapped_column(String(16), default="pending")
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship()

    @property
    def kind_label(self) -> str:
        return OFFER_KINDS.get(self.kind, self.kind)

    @property
    def answer_label(self) -> str:
        return OFFER_ANSWERS.get(self.answer, self.answer)
