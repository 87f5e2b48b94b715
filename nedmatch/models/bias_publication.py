"""Published bias audits: a frozen copy of the disclosure-controlled figures an
administrator chose to publish, shown on the public page. Publishing copies the figures,
so the page never recomputes them and a draft never appears there."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .team import TeamUser


class BiasAuditPublication(db.Model):  # type: ignore[name-defined]
    __tablename__ = "bias_audit_publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope_key: Mapped[str] = mapped_column(String(40))  # "pool" or "vacancy-<id>"
    title: Mapped[str] = mapped_column(String(300))
    data_source: Mapped[str] = mapped_column(Text)
    data_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    data_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    audited_on: Mapped[date] = mapped_column(Date)
    model_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # The figures as the audit's CSV gives them (already disclosure-controlled), with
    # its summary lines: {"summary": {...}, "notes": [...], "rows": [{...}, ...]}.
    figures: Mapped[dict[str, Any]] = mapped_column(JSONType)
    published_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    published_by: Mapped[int] = mapped_column(ForeignKey("team_user.id"))

    publisher: Mapped[TeamUser] = relationship()

    def __repr__(self) -> str:
        return f"<BiasAuditPublication {self.id} {self.scope_key} {self.published_at}>"
