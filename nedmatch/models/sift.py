"""What the team records while it sifts and interviews: notes, identity reveals, panel scores
and invitations from the pool."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import utcnow

# The published scale every panel member scores against.
PANEL_SCALE: dict[int, str] = {
    0: "No evidence",
    1: "Limited evidence",
    2: "Some evidence",
    3: "Good evidence",
    4: "Strong evidence",
}
# A spread (highest minus lowest) of this many points or more on a criterion is flagged.
DISAGREEMENT_SPREAD = 2


class ApplicationNote(db.Model):  # type: ignore[name-defined]
    __tablename__ = "application_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("team_user.id"))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class IdentityReveal(db.Model):  # type: ignore[name-defined]
    """The sift is blind until someone reveals a candidate at interview; that act is kept."""

    __tablename__ = "identity_reveal"
    __table_args__ = (UniqueConstraint("application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    revealed_by: Mapped[int] = mapped_column(ForeignKey("team_user.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PanelScore(db.Model):  # type: ignore[name-defined]
    """One panel member's score of one candidate against one criterion."""

    __tablename__ = "panel_score"
    __table_args__ = (UniqueConstraint("application_id", "member_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("team_user.id"), index=True)
    criterion: Mapped[str] = mapped_column(String(500))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PanelSubmission(db.Model):  # type: ignore[name-defined]
    """A member's scores for a candidate are final once submitted; only then may they see
    the others' scores."""

    __tablename__ = "panel_submission"
    __table_args__ = (UniqueConstraint("application_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("team_user.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Invitation(db.Model):  # type: ignore[name-defined]
    """An invitation to a pool candidate to apply for a vacancy."""

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("vacancy_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    invited_by: Mapped[int] = mapped_column(ForeignKey("team_user.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
