from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

if TYPE_CHECKING:
    from .vacancy import Vacancy


class Organisation(db.Model):  # type: ignore[name-defined]
    """An NHS trust, foundation trust or integrated care board with a board to fill."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    org_type: Mapped[str] = mapped_column(String(32))
    region: Mapped[str] = mapped_column(String(64))
    # In the national recovery support programme: boards there need particular resilience.
    challenged: Mapped[bool] = mapped_column(Boolean, default=False)
    # The national support programme the organisation is in (e.g. the NHS Oversight
    # Framework's Recovery Support Programme) and since when.
    support_programme: Mapped[str] = mapped_column(String(200), default="")
    support_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    # What an appointee is offered (induction, a mentor, time), shown on every advert.
    support_package: Mapped[str] = mapped_column(Text, default="")
    # Published figures a board is compared with: the share of the local population and of
    # the workforce from minority ethnic groups (the WRES indicator 9 comparison), and of
    # women in the workforce, in percent, with where they come from.
    population_minority_ethnic_pct: Mapped[float | None] = mapped_column(Float, nullable=True)
    workforce_minority_ethnic_pct: Mapped[float | None] = mapped_column(Float, nullable=True)
    workforce_women_pct: Mapped[float | None] = mapped_column(Float, nullable=True)
    figures_source: Mapped[str] = mapped_column(String(300), default="")

    vacancies: Mapped[list[Vacancy]] = relationship(back_populates="organisation")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"
