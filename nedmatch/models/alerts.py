"""Role alerts: what a talent pool member asked to hear about, when each vacancy opened as
the alerts saw it, and every alert sent."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .candidate import Candidate
    from .vacancy import Vacancy

ALERT_FREQUENCIES = {
    "immediate": "As soon as a role opens",
    "weekly": "Once a week, listing the roles that opened that week",
}
# How an alert reached the member: on its own, or in a weekly digest.
ALERT_KINDS = {"immediate": "Alert", "digest": "Weekly digest"}


class AlertSubscription(db.Model):  # type: ignore[name-defined]
    """One pool member's choices. Deleted when they stop alerts, leave the pool or are
    erased: the choices are theirs, and nothing is kept once they are not wanted."""

    __tablename__ = "alert_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    # Slugs from nedmatch.domain: ROLE_TYPES and REGIONS (at least one each), SKILL_AREAS
    # (none: any skill area).
    role_types: Mapped[list[str]] = mapped_column(JSONType, default=list)
    regions: Mapped[list[str]] = mapped_column(JSONType, default=list)
    skill_areas: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # Only organisations in national recovery support.
    challenged_only: Mapped[bool] = mapped_column(Boolean, default=False)
    frequency: Mapped[str] = mapped_column(String(16), default="immediate")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # When the last weekly digest went: the next lists roles opened after it.
    last_digest_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    candidate: Mapped[Candidate] = relationship()


class VacancyOpening(db.Model):  # type: ignore[name-defined]
    """The moment a vacancy first took applications, as the alerts saw it: made once per
    vacancy (the unique key is how two sweeps at once agree on it), so reopening a vacancy
    alerts nobody twice. Weekly digests list the openings since each member's last one."""

    __tablename__ = "vacancy_opening"

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), unique=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # When the immediate alerts were done; None while they wait (for the matching model).
    alerted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    vacancy: Mapped[Vacancy] = relationship()


class AlertSent(db.Model):  # type: ignore[name-defined]
    """One member told of one vacancy, alone or in a digest. Unique per pair, so a rerun,
    or two sweeps at once, never tells anyone twice. It holds no address and no text, and
    stays when the member is erased (their row is then an anonymous tombstone), so the
    team's counts of who was alerted and who applied do not change."""

    __tablename__ = "alert_sent"
    __table_args__ = (UniqueConstraint("candidate_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
