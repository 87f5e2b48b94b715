"""API tokens for other systems: made and revoked by an administrator, checked on every
call to the team API. Only a SHA-256 of each token is stored, so a copy of the database
gives nobody a working token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from ...actors import Actor
from ...extensions import db
from ...models import API_SCOPES, ApiToken, TeamUser
from ...models._types import utcnow
from . import audit

# A prefix says what the secret is when it turns up in a log or a code search.
PREFIX = "nedm_"
NAME_MAX = 100


class TokenError(ValueError):
    """A token that cannot be made or revoked; the message says why."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(actor: Actor, creator: TeamUser, name: str, scope: str) -> NewToken:
    """A new token named ``name`` with ``scope``; the caller commits and shows the secret."""
    name = " ".join(name.split())
    if not name:
        raise TokenError("Enter a name for the token, such as the system that will use it.")
    if len(name) > NAME_MAX:
        raise TokenError(f"The name must be {NAME_MAX} characters or fewer.")
    if scope not in API_SCOPES:
        raise TokenError("Choose what the token may do.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name, scope=scope, token_hash=digest(secret), created_by=creator.id)
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "api_token_created", "api_token", token.id, name=name, scope=scope)
    return NewToken(token, secret)


def revoke(actor: Actor, token: ApiToken) -> bool:
    """Stop the token working at once; False if it was revoked already."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    db.session.flush()
    audit.record(actor, "api_token_revoked", "api_token", token.id, name=token.name)
    return True


def get(token_id: int) -> ApiToken | None:
    return db.session.get(ApiToken, token_id)


def all_tokens() -> list[ApiToken]:
    return list(
        db.session.execute(
            db.select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
        ).scalars()
    )


def find(secret: str) -> ApiToken | None:
    """The token this secret belongs to, revoked or not; None for one we never made."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    return db.session.execute(
        db.select(ApiToken).filter_by(token_hash=digest(secret))
    ).scalar_one_or_none()


def refusal(token: ApiToken) -> str | None:
    """Why the token does not work now, or None when it does."""
    if token.revoked_at is not None:
        return "This API token has been revoked. Ask an administrator for a new one."
    if not token.creator.is_active:
        return (
            "The team member who made this API token no longer has an account. Ask an "
            "administrator for a new one."
        )
    return None


def effective_scope(token: ApiToken) -> str:
    """What the token may do now: never more than its maker may do today."""
    if token.scope == "admin" and token.creator.is_admin:
        return "admin"
    return "reviewer"


def actor_for(token: ApiToken) -> Actor:
    """Changes made through a token are recorded as its maker's, with the token named in
    the record of the call."""
    return Actor("team", token.created_by)


def used(token: ApiToken, method: str, path: str, refused: str | None) -> None:
    """Record a call made with the token, refused or not (the caller commits)."""
    detail: dict[str, object] = {"method": method, "path": path}
    if refused is not None:
        detail["refused"] = refused
    else:
        token.last_used_at = utcnow()
    audit.record(actor_for(token), "api_request", "api_token", token.id, **detail)
