from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import ROLE_TYPES
from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .application import Application
    from .organisation import Organisation

VACANCY_STATUSES = {"draft": "Draft", "open": "Open", "closed": "Closed"}


class Vacancy(db.Model):  # type: ignore[name-defined]
    """A board role's specification: what the team advertises and ranks candidates against."""

    __tablename__ = "vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    essential_criteria: Mapped[list[str]] = mapped_column(JSONType, default=list)
    desirable_criteria: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # Competency domain slug -> weight from 0 to 5.
    domain_weights: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    skill_areas: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # The sitting board's skills matrix: skill slug -> number of members who hold it.
    board_skills: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    # Weights of the ranking's parts; empty means the model's defaults.
    part_weights: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    location_requirement: Mapped[str] = mapped_column(String(32), default="none")
    location_detail: Mapped[str] = mapped_column(String(300), default="")
    time_commitment: Mapped[str] = mapped_column(String(200), default="")
    time_commitment_days: Mapped[float | None] = mapped_column(Float, nullable=True)
    pay: Mapped[int | None] = mapped_column(Integer, nullable=True)  # GBP a year
    term_years: Mapped[int] = mapped_column(Integer, default=3)
    opens_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closes_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="vacancies")
    applications: Mapped[list[Application]] = relationship(back_populates="vacancy")

    @property
    def role_label(self) -> str:
        return ROLE_TYPES.get(self.role_type, self.role_type)

    def is_accepting_applications(self, today: date) -> bool:
        if self.status != "open":
            return False
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)

    def as_dict(self) -> dict[str, Any]:
        """The specification as plain values, for the audit trail."""
        return {
            "title": self.title,
            "role_type": self.role_type,
            "status": self.status,
            "closes_on": self.closes_on.isoformat() if self.closes_on else None,
        }

    def __repr__(self) -> str:
        return f"<Vacancy {self.id} {self.title!r}>"
