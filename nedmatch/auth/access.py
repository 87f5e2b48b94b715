"""Default-deny access: every endpoint needs a signed-in team member unless it is public."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

# The public side: the candidate journey, the candidate's interview pages, role alerts and
# recommending a vacancy, the service's own pages (contact, accessibility, cookies), the
# feeds of open vacancies, the sign-in pages and the team's forgotten-password pages. Nothing
# else. The public API (open
# vacancies and the API's description) is public in the same way, and so is the published
# summary of the bias audit (bias_public): it reads only figures an administrator chose to
# publish, frozen when published, never the audit itself. A board member's own equality
# declaration (board_declaration) opens only with the private link the team gave them.
PUBLIC_BLUEPRINTS = frozenset(
    {
        "candidates",
        "links",
        "my_data",
        "interview",
        "alerts",
        "recommend",
        "about",
        "auth",
        "feeds",
        "api_public",
        "password_reset",
        "bias_public",
        "board_declaration",
    }
)
# The team API authenticates by API token in its own before-request (nedmatch/api/tokens.py)
# and refuses without one: a team member's browser session never counts there.
TOKEN_BLUEPRINTS = frozenset({"api_team"})
PUBLIC_ENDPOINTS = frozenset({"static", "nhsuk_assets", "health"})

F = TypeVar("F", bound=Callable[..., Any])


def require_team_login() -> Response | None:
    endpoint = request.endpoint
    if endpoint is None:  # no such URL: let the 404 handler answer
        return None
    if endpoint in PUBLIC_ENDPOINTS or request.blueprint in PUBLIC_BLUEPRINTS:
        return None
    if request.blueprint in TOKEN_BLUEPRINTS:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def admin_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not (current_user.is_authenticated and current_user.is_admin):
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site: never another host, a scheme, or a protocol-relative URL."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    # Browsers drop tabs and newlines from a URL, so "/\t/evil.example" is "//evil.example";
    # no link on this site has a control character in it.
    if any(ord(c) < 0x20 or c == "\x7f" for c in target):
        return False
    return "\\" not in target
