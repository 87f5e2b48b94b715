from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, String
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

    vacancies: Mapped[list[Vacancy]] = relationship(back_populates="organisation")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"
