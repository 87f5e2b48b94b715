"""Every error a person can cause gets a page that says what to do, never a stack trace."""

from __future__ import annotations

import time

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from .api.problems import ApiProblem, is_api_request, problem
from .extensions import db, limiter

MESSAGES = {
    400: ("There is a problem with your request", "Go back, check what you entered and try again."),
    403: ("You cannot see this page", "Your account does not have access to this page."),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
    ),
    405: ("There is a problem with your request", "Go back and try again."),
    413: (
        "The file is too large",
        "Your CV must be smaller than 5 MB. Go back and choose a smaller file.",
    ),
    429: (
        "You have tried too many times",
        "For your security, we have paused this for now. Wait {wait} and try again. Anything you saved is still saved.",
    ),
    500: (
        "Sorry, there is a problem with the service",
        "Try again later. Anything you saved before this page is still saved.",
    ),
}


def register(app: Flask) -> None:
    # The JSON API (nedmatch/api/) answers every error as a problem document instead.
    @app.errorhandler(ApiProblem)
    def api_problem(error: ApiProblem) -> Response:
        return problem(error.status, error.detail, **error.extra)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int] | Response:
        if is_api_request():
            return problem(400)
        return render_template(
            "errors/error.html",
            title="Your session has expired",
            message="For your security, the form timed out. Go back, refresh the page and try again. Anything you saved is still saved.",
        ), 400

    @app.errorhandler(429)
    def too_many_requests(error: HTTPException) -> tuple[str, int] | Response:
        if is_api_request():
            return problem(429, DETAILS_429.format(wait=_wait(_seconds_until_reset())))
        title, message = MESSAGES[429]
        message = message.format(wait=_wait(_seconds_until_reset()))
        return render_template("errors/error.html", title=title, message=message), 429

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | Response:
        code = error.code or 500
        if is_api_request():
            return problem(code)
        title, message = MESSAGES.get(code, MESSAGES[400])
        return render_template("errors/error.html", title=title, message=message), code

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int] | Response:
        app.logger.exception("Unhandled error", exc_info=error)
        db.session.rollback()
        if is_api_request():
            return problem(500)
        title, message = MESSAGES[500]
        return render_template("errors/error.html", title=title, message=message), 500


DETAILS_429 = "Too many requests with this API token. Wait {wait} and try again."


def _seconds_until_reset() -> int:
    """Flask-Limiter also sends this as Retry-After; with no limit to read, our longest window."""
    current = limiter.current_limit
    if current is None:
        return 3600
    return max(1, int(current.reset_at - time.time()))


def _wait(seconds: int) -> str:
    minutes = -(-seconds // 60)
    if minutes <= 1:
        return "a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = -(-seconds // 3600)
    return "an hour" if hours == 1 else f"{hours} hours"
