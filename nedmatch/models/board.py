"""Each organisation's board: its sitting members, their terms and what they bring, so
that a vacancy's skills matrix is the real board's and terms ending can be planned for."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Final

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import ROLE_TYPES
from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .organisation import Organisation
    from .vacancy import Vacancy

# A board has its non-executives (the roles the team recruits for) and its executive
# directors, whose skills count in the board's matrix too.
BOARD_ROLES: Final[dict[str, str]] = {**ROLE_TYPES, "executive": "Executive director"}
NON_EXECUTIVE_ROLES: Final = frozenset(ROLE_TYPES)

# Board committees of an NHS trust (the Code of Governance asks for the first three).
COMMITTEES: Final[dict[str, str]] = {
    "audit": "Audit and risk",
    "remuneration": "Remuneration and nominations",
    "quality": "Quality and safety",
    "finance": "Finance and performance",
    "people": "People and culture",
    "charity": "Charitable funds",
}

# The Code of Governance for NHS provider trusts: a non-executive may serve up to six
# years (two terms of three), longer only by exception and a yearly reappointment.
MAX_YEARS_SERVED: Final = 6


class BoardMember(db.Model):  # type: ignore[name-defined]
    """One sitting (or former) member of an organisation's board."""

    __tablename__ = "board_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    # The title on the board's page, e.g. "Chief Nurse" or "Senior Independent Director".
    title: Mapped[str] = mapped_column(String(200), default="")
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # Which term this is (1 for a first appointment, 2 after one reappointment...).
    term_number: Mapped[int] = mapped_column(Integer, default=1)
    first_appointed: Mapped[date | None] = mapped_column(Date, nullable=True)
    committees: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # Slugs of committees this member chairs (a subset of ``committees``).
    chairs: Mapped[list[str]] = mapped_column(JSONType, default=list)
    skill_areas: Mapped[list[str]] = mapped_column(JSONType, default=list)
    domains: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # Seated through an appointment in this service: the application, and so the person.
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id"), nullable=True, index=True
    )
    # The vacancy opened to succeed this member at the end of their term.
    successor_vacancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("vacancy.id"), nullable=True, index=True
    )
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    successor_vacancy: Mapped[Vacancy | None] = relationship()

    @property
    def role_label(self) -> str:
        return BOARD_ROLES.get(self.role, self.role)

    @property
    def non_executive(self) -> bool:
        return self.role in NON_EXECUTIVE_ROLES

    def sitting_on(self, day: date) -> bool:
        return (self.first_appointed or self.term_start) <= day and (
            self.left_on is None or self.left_on > day
        )

    def years_served(self, day: date) -> float:
        start = self.first_appointed or self.term_start
        return max(0.0, (day - start).days / 365.25)

    def __repr__(self) -> str:
        return f"<BoardMember {self.id} {self.name!r} {self.role}>"
