from __future__ import annotations

from ..actors import Actor
from ..extensions import db
from ..models import TeamUser
from ..services.platform import audit
from . import lockout


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


def all_members() -> list[TeamUser]:
    return list(db.session.execute(db.select(TeamUser).order_by(TeamUser.name)).scalars())


def member(member_id: int) -> TeamUser | None:
    """The team member with this id, or None (also for ids no database column can hold)."""
    return db.session.get(TeamUser, member_id) if member_id <= 2**31 - 1 else None


def unlock(actor: Actor, member: TeamUser) -> None:
    """End a member's lockout after failed sign-ins, with its audit record; the caller commits."""
    audit.record(
        actor,
        "team_user_unlocked",
        "team_user",
        member.id,
        failures=member.failed_logins,
        was_locked_until=member.locked_until.isoformat() if member.locked_until else None,
    )
    lockout.clear(member)


def by_email(email: str) -> TeamUser | None:
    found: TeamUser | None = db.session.execute(
        db.select(TeamUser).filter_by(email=email)
    ).scalar_one_or_none()
    return found
