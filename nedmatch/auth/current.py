"""Who is acting in this request: one value, made once from the signed-in team member."""

from __future__ import annotations

from flask import g
from flask_login import current_user

from ..actors import Actor


def current_actor() -> Actor:
    """The signed-in team member as an Actor, made once per request."""
    actor: Actor | None = g.get("actor")
    if actor is None:
        actor = Actor.team(current_user)
        g.actor = actor
    return actor
