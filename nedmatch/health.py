"""What a load balancer and a person on call need: is this server able to serve, and which
model is it ranking with? And when the database is away for a moment (a restart, a
fail-over), a page that says to try again rather than a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from werkzeug.wrappers import Response

from .extensions import db

log = logging.getLogger(__name__)

# Seconds a browser or client is asked to wait before trying again during an outage.
RETRY_AFTER = 5


def health() -> tuple[Response, int]:
    """200 when the database answers SELECT 1, 503 when it does not; never loads a model."""
    from .services import matching

    database = "ok"
    try:
        db.session.execute(text("SELECT 1"))
    except (OperationalError, InterfaceError) as error:
        log.warning("Health check: the database did not answer: %s", error.orig or error)
        db.session.rollback()
        database = "unavailable"
    body = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        # The model this process has loaded (none until its first ranking), and the newest one
        # published for every server: a server behind on its model shows the two differ.
        "model_version": matching.loaded_model_version(),
        "model_published": _published_version() if database == "ok" else None,
        "queue": "redis" if current_app.config.get("REDIS_URL") else "in-process",
    }
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if database == "ok" else 503


def _published_version() -> str | None:
    from .services.platform import artifacts

    try:
        newest = artifacts.newest_model_version()
    except SQLAlchemyError:  # a database without the table yet (before `flask db upgrade`)
        db.session.rollback()
        return None
    return newest[1] if newest else None


def database_unavailable(error: Exception) -> tuple[str, int, dict[str, str]]:
    """The database went away mid-request: nothing half-written was committed (the request
    commits once, at the end), so the person can safely send it again."""
    log.warning("Database unavailable: %s", getattr(error, "orig", None) or error)
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection is gone: nothing to undo
        db.session().invalidate()
    title = "Sorry, the service is busy"
    message = (
        "Try again in a minute: go back and send the form again. Anything you saved "
        "before this page is still saved."
    )
    try:
        page = render_template("errors/error.html", title=title, message=message)
    except SQLAlchemyError:
        # The layout asks who is signed in, which needs the database: say it plainly.
        db.session().invalidate()
        page = (
            f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>{message}</p></body></html>"
        )
    return page, 503, {"Retry-After": str(RETRY_AFTER)}


def close_session_safely(error: BaseException | None) -> None:
    """Runs before Flask-SQLAlchemy's own teardown: a session whose connection died (the
    database restarted) is invalidated here, so closing it cannot turn the answer already
    given into a bare 500."""
    try:
        db.session.close()
    except SQLAlchemyError as problem:
        log.warning("Discarding a session whose connection is gone: %s", problem)
        db.session().invalidate()


def register(app: Flask) -> None:
    app.add_url_rule("/health", "health", health)
    app.teardown_appcontext(close_session_safely)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
