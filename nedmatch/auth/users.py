from __future__ import annotations

from ..extensions import db
from ..models import TeamUser


def load_user(user_id: str) -> TeamUser | None:
    """Only team users sign in through Flask-Login; candidates use return links.

    The id in the session is "team:<id>:<session version>" (TeamUser.get_id). A session
    whose version is not the user's current one was ended by signing out or by a new
    password, on this browser or another: a copy of its cookie no longer signs anyone in.
    A deactivated account's sessions end at once as well.
    """
    kind, _, rest = user_id.partition(":")
    raw_id, _, raw_version = rest.partition(":")
    if kind != "team" or not raw_id.isdigit() or not raw_version.isdigit():
        return None
    user = db.session.get(TeamUser, int(raw_id))
    if user is None or not user.active or user.session_version != int(raw_version):
        return None
    return user
