"""Security headers (through Flask-Talisman) and rate limits (through Flask-Limiter).

Registered before the other extensions: Flask runs before-request functions in the order
they are added, so the CSP nonce exists before a CSRF or rate-limit error page is drawn,
and an over-the-limit request is refused before anything else reads the form.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, abort, current_app, request
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from .extensions import limiter

# No inline script or style: scripts are ES modules under static/js/, and the NHS.UK
# template's one inline script carries the per-request nonce (cspNonce in layout.html).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    # The NHS.UK stylesheet loads the Frutiger web font from the NHS's asset server.
    "font-src": "'self' https://assets.nhs.uk",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}

PERMISSIONS_POLICY = {
    "browsing-topics": "()",
    "camera": "()",
    "geolocation": "()",
    "microphone": "()",
}

# Load balancers check these over plain HTTP on the app's own port: a redirect to https
# would read as "down".
PLAIN_HTTP_ENDPOINTS = frozenset({"health"})


class _Talisman(Talisman):
    def _get_local_options(self) -> dict[str, Any]:
        options = dict(super()._get_local_options())
        if request.endpoint in PLAIN_HTTP_ENDPOINTS:
            options["force_https"] = False
        return options


def register(app: Flask) -> None:
    proxies = int(app.config.get("TRUSTED_PROXY_COUNT", 0))
    if proxies:
        # Behind a load balancer: take the client's address and scheme from the headers the
        # trusted proxies add, so rate limits count people, not the balancer.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    https_only = bool(app.config.get("FORCE_HTTPS", False))
    app.extensions["talisman"] = _Talisman(
        app,
        force_https=https_only,
        # HSTS only where the site is served over HTTPS: `make run` is plain http.
        strict_transport_security=https_only,
        strict_transport_security_include_subdomains=False,
        frame_options="DENY",
        content_security_policy=CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="same-origin",
        permissions_policy=PERMISSIONS_POLICY,
        # Talisman rewrites these three settings; pass ours through so config.py decides.
        session_cookie_secure=bool(app.config.get("SESSION_COOKIE_SECURE", False)),
        session_cookie_http_only=bool(app.config.get("SESSION_COOKIE_HTTPONLY", True)),
        session_cookie_samesite=app.config.get("SESSION_COOKIE_SAMESITE", "Lax"),
    )
    app.before_request(refuse_unstorable_input)
    # Bound here rather than in register_extensions so that its check runs after the
    # nonce is made (the 429 page needs it) and before CSRF and access control.
    limiter.init_app(app)
    # Flask-Limiter marks its one storage "dead" when a store cannot be reached and keeps
    # the mark across init_app: the next app's new store would then count in a throwaway
    # fallback until its first health check, losing those counts.
    limiter._storage_dead = False
    if _limits_switched_off not in limiter._request_filters:
        limiter.request_filter(_limits_switched_off)
    report_rate_limit_store(app)


def report_rate_limit_store(app: Flask) -> None:
    """Say once, as the process starts, where rate limits are counted: in memory each
    gunicorn worker and each server counts alone, so a limit of 10 lets 10 through per
    process (46 of 60 sign-ins passed a 10-a-minute limit on five workers)."""
    if not app.config.get("RATELIMIT_ENABLED", True):
        app.logger.info("Rate limits are switched off (RATELIMIT_ENABLED)")
        return
    uri = str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if uri.startswith("memory://"):
        message = (
            "Rate limits are counted in this process's memory: every gunicorn worker and "
            "every server allows the full limit. Set REDIS_URL (or RATELIMIT_STORAGE_URI) "
            "so that all of them share one count."
        )
        if app.config.get("CONFIG_NAME") == "production":
            app.logger.warning(message)
        else:
            app.logger.info(message)
        return
    app.logger.info(
        "Rate limits are counted in %s, shared by every worker and server; if it cannot be "
        "reached, each process counts in memory until it is back",
        redact_password(uri),
    )


def posted_email() -> str:
    """The email address a form posted, as limits per address count it."""
    return (request.form.get("email") or "").strip().lower()


def form_went_ahead(response: Response) -> bool:
    """Only a form that went through counts against a limit: a typo shown back on the page
    is free."""
    return response.status_code == 302


def no_store(page: str) -> Response:
    """A page whose address holds a token from an email is not kept by the browser or
    anything between; its template's <meta name="referrer" content="no-referrer"> stops
    the browser sending the address on as a Referer."""
    response = current_app.make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


def redact_password(uri: str) -> str:
    """The storage address as it may appear in a log: without its password."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


# Ids are INTEGER columns (32 bits on PostgreSQL); the int URL converter takes any number of
# digits, and a larger number makes the database raise rather than find nothing.
MAX_ID = 2**31 - 1


def refuse_unstorable_input() -> None:
    """Refuse what no link on this site holds and no database stores, before any view can
    try: a NUL character in the path or query string (PostgreSQL text cannot hold one) and
    ids too large for an integer column. Forms check their own fields, with a message."""
    values = [request.path, *request.args.keys()]
    values += [v for _, v in request.args.items(multi=True)]
    if any("\x00" in value for value in values):
        abort(400)
    for value in (request.view_args or {}).values():
        if isinstance(value, int) and value > MAX_ID:
            abort(404)


def _limits_switched_off() -> bool:
    """The limiter is one object for the process, and its route decorators check limits
    themselves: each app's own RATELIMIT_ENABLED must decide, not the last app made."""
    return not current_app.config.get("RATELIMIT_ENABLED", True)
