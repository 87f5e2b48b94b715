from __future__ import annotations

from ..extensions import db
from ..models import TeamUser


def load_user(user_id: str) -> TeamUser | None:
    """Only team users sign in through Flask-Login; candidates use return links."""
    kind, _, raw_id = user_id.partition(":")
    if kind != "team" or not raw_id.isdigit():
        return None
    return db.session.get(TeamUser, int(raw_id))
