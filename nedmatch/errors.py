"""Every error a person can cause gets a page that says what to do, never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db

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
    500: (
        "Sorry, there is a problem with the service",
        "Try again later. Anything you saved before this page is still saved.",
    ),
}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template(
            "errors/error.html",
            title="Your session has expired",
            message="For your security, the form timed out. Go back, refresh the page and try again. Anything you saved is still saved.",
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        title, message = MESSAGES.get(code, MESSAGES[400])
        return render_template("errors/error.html", title=title, message=message), code

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        db.session.rollback()
        title, message = MESSAGES[500]
        return render_template("errors/error.html", title=title, message=message), 500
