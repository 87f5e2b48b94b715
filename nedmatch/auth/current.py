"""Who is acting in this request: one `Actor`, made once from the signed-in team member."""

from __future__ import annotations

from flask import g
from flask_login import current_user

from ..actors import Actor


def current_actor() -> Actor:
    """The signed-in team member as an `Actor`, made on first use and kept for the request.

    Only for the team's pages, where `auth.access` has already refused anyone not signed in.
    """
    actor: Actor | None = g.get("current_actor")
    if actor is None:
        if not current_user.is_authenticated:
            raise LookupError("No team member is signed in: this page needs the team's sign-in.")
        actor = Actor.team(current_user)
        g.current_actor = actor
    return actor
