"""Bearer-token authentication for the team API. A browser session never counts here:
only the Authorization header does, so a page on another site cannot make a signed-in
team member's browser call the API (and so the API needs no CSRF token)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from ..actors import Actor
from ..models import ApiToken
from ..services.platform import api_tokens
from .problems import ApiProblem

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_LIMIT = "120/minute"


def presented() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def rate_limit_key() -> str:
    """Counted per token (by its hash), so one system's burst does not stop another's."""
    secret = presented()
    if secret is None:
        return "address:" + get_remote_address()
    return "token:" + hashlib.sha256(secret.encode()).hexdigest()


def rate_limit() -> str:
    return str(current_app.config.get("API_RATE_LIMIT") or DEFAULT_LIMIT)


def authenticate() -> None:
    """Before every team API request: a working token, or a 401 problem. Every use of a
    known token, refused or not, is recorded."""
    secret = presented()
    if secret is None:
        raise ApiProblem(401)
    token = api_tokens.find(secret)
    if token is None:
        raise ApiProblem(401, "This API token is not one we issued. Check it was copied whole.")
    problem = api_tokens.refusal(token)
    api_tokens.used(token, request.method, request.path, problem)
    if problem is not None:
        raise ApiProblem(401, problem)
    g.api_token = token
    g.api_scope = api_tokens.effective_scope(token)


def current_token() -> ApiToken:
    token: ApiToken = g.api_token
    return token


def token_actor() -> Actor:
    return api_tokens.actor_for(current_token())


def is_admin_token() -> bool:
    return bool(g.get("api_scope") == "admin")


def admin_scope(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not is_admin_token():
            raise ApiProblem(403, "Only an administrator's API token may do this.")
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
