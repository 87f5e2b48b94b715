from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import utcnow

TEAM_ROLES = {"admin": "Administrator", "reviewer": "Reviewer"}


class TeamUser(UserMixin, db.Model):  # type: ignore[name-defined]
    """A member of the appointments team; candidates are never TeamUsers."""

    __tablename__ = "team_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="reviewer")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Failed sign-ins in a row, and until when the account refuses sign-ins because of them
    # (nedmatch/auth/lockout.py): a temporary lock that grows with repeated failures.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Kept in the session at sign-in and compared on every request: bumping it ends every
    # session of this user at once, including copies of the cookie (sign-out, new password).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def get_id(self) -> str:
        # Flask-Login keeps this in the session; load_user accepts it only while the
        # version is current (nedmatch/auth/users.py).
        return f"team:{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """Sign this user out everywhere: every session cookie issued so far stops working."""
        self.session_version += 1
