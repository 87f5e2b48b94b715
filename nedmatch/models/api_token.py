"""Tokens that let another system use the team's JSON API (nedmatch/api/)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import utcnow

if TYPE_CHECKING:
    from .team import TeamUser

# What a token may do: a reviewer's work (vacancies, applications, stages, the ranked list),
# or an administrator's, which adds the diversity report's published figures.
API_SCOPES = {"reviewer": "Reviewer", "admin": "Administrator"}


class ApiToken(db.Model):  # type: ignore[name-defined]
    """One system's access to the team API. Only a SHA-256 of the token is kept: the token
    itself is shown once, when it is made, and cannot be read back."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int] = mapped_column(ForeignKey("team_user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    creator: Mapped[TeamUser] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def scope_label(self) -> str:
        return API_SCOPES.get(self.scope, self.scope)

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.name!r} {self.scope}>"
