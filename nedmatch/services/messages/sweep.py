"""Due stage messages are sent from the web process too, so no command has to be
scheduled for them to go: at the end of a team member's POST (a move sends its message at
once), and at most every MESSAGE_SWEEP_SECONDS on any request (a rejection whose wait has
ended). `flask messages send-due` does the same from cron where requests are few."""

from __future__ import annotations

import time

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

from ...extensions import db
from . import queue

_last_sweep = 0.0
# Requests that never lead to a sweep: files, and the load balancer's health check.
_SKIPPED = frozenset({"static", "nhsuk_assets", "health"})


def register(app: Flask) -> None:
    app.after_request(_sweep_after)


def _sweep_after(response: Response) -> Response:
    global _last_sweep
    if request.endpoint in _SKIPPED or response.status_code >= 500:
        return response
    team_post = request.method == "POST" and request.path.startswith("/team/")
    interval = float(current_app.config["MESSAGE_SWEEP_SECONDS"])
    if not team_post and time.monotonic() - _last_sweep < interval:
        return response
    _last_sweep = time.monotonic()
    try:
        # The route has committed what it meant to keep; anything else would be rolled back
        # at the end of the request anyway, and must not be committed by the sweep.
        db.session.rollback()
        if queue.any_due():
            queue.send_due()
    except Exception:  # the page has been answered; the next sweep tries again
        db.session.rollback()
        current_app.logger.exception("Sending due stage messages failed")
    return response
