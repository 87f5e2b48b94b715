from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .application import Application


def _public_id() -> str:
    return secrets.token_urlsafe(16)


class Candidate(db.Model):  # type: ignore[name-defined]
    """A person in the talent pool: their profile is reused for every application.

    Equality monitoring answers are deliberately not reachable from here (see monitoring.py).
    """

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unguessable id used in links, so that ids in URLs say nothing about the pool.
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=_public_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    region: Mapped[str | None] = mapped_column(String(64), nullable=True)
    current_role: Mapped[str] = mapped_column(String(200), default="")
    career_summary: Mapped[str] = mapped_column(Text, default="")
    skill_areas: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # Competency domain slug -> the candidate's evidence for it.
    competency_evidence: Mapped[dict[str, str]] = mapped_column(JSONType, default=dict)
    board_experience: Mapped[str | None] = mapped_column(String(32), nullable=True)
    availability: Mapped[str | None] = mapped_column(String(16), nullable=True)
    willing_challenged: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_to_match: Mapped[bool] = mapped_column(Boolean, default=False)
    # For people imported from a list kept elsewhere: where their agreement was recorded.
    consent_source: Mapped[str | None] = mapped_column(String(300), nullable=True)
    imported_from: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id"), nullable=True, index=True
    )
    # Joined the talent pool (finished the profile), with or without an application.
    in_pool: Mapped[bool] = mapped_column(Boolean, default=False)
    # Steps of the profile the candidate has finished (the optional ones count once seen).
    completed_steps: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # What was typed on a step that did not validate yet: step -> field -> raw values.
    draft_data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Bumped to revoke every return link sent so far.
    link_version: Mapped[int] = mapped_column(Integer, default=1)
    # Kept in the session when a browser becomes this candidate and compared on every
    # request: signing out bumps it, so a copy of the cookie stops working too.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # When the retention reminder was sent; one per period of inactivity (services/retention).
    retention_reminded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Set when the person is erased: the row stays as an anonymous tombstone so that their
    # anonymised applications and monitoring answers still count (services/erasure.py).
    erased_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The tombstone of a pool member still counts in the pool of the diversity reports.
    erased_from_pool: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sa_false()
    )

    applications: Mapped[list[Application]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan"
    )
    cv: Mapped[CVDocument | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", uselist=False
    )
    eligibility: Mapped[EligibilityDeclaration | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", uselist=False
    )
    reading: Mapped[CandidateReading | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", uselist=False
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __repr__(self) -> str:
        return f"<Candidate {self.id}>"


class CVDocument(db.Model):  # type: ignore[name-defined]
    """An uploaded CV: the file is stored outside static/ under a random name."""

    __tablename__ = "cv_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    original_filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="cv")


class EligibilityDeclaration(db.Model):  # type: ignore[name-defined]
    """Answers to the disqualification questions; a 'yes' flags the record for the team."""

    __tablename__ = "eligibility_declaration"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    # Item slug -> True when the candidate declares it applies to them.
    answers: Mapped[dict[str, bool]] = mapped_column(JSONType, default=dict)
    # Item slug -> what the candidate told us about it, for each declared item: the form
    # asks under each item ticked.
    item_details: Mapped[dict[str, str]] = mapped_column(
        JSONType, default=dict, server_default=text("'{}'")
    )
    # The same words as one text, each item's under its label, for the pages and files
    # that show a declaration whole (the team's application page). Declarations made
    # before item_details have only this.
    details: Mapped[str] = mapped_column(Text, default="")
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    declared_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="eligibility")

    @property
    def flagged(self) -> bool:
        return any(self.answers.values())


class CandidateReading(db.Model):  # type: ignore[name-defined]
    """The candidate's profile as the matching model reads it (nedmatch.matching.reading),
    stored when they save it so that a refit only counts words instead of reading every
    profile again.

    Worked out from the profile alone: the text is scrubbed of the person's name and
    contact details, and no equality monitoring answer is ever an input. It is used only
    while its key matches the profile and the reading rules, deleted on erasure, and kept
    apart from ``candidate`` so that storing it never looks like a change to the profile.
    """

    __tablename__ = "candidate_reading"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True
    )
    # matching.reading.Reading.to_bytes(): compressed, about three quarters of the text's size.
    data: Mapped[bytes] = mapped_column(LargeBinary)
    read_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="reading")
