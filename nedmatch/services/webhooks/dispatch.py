"""Deliveries are sent in the background, never inside the request that made them: after
a request that queued one has committed, and at most every WEBHOOK_SWEEP_SECONDS when
retries are due, the sending goes to the job queue (services/platform/jobs.py) or, without
Redis, to a thread of this process. `flask webhooks deliver` from cron does the same."""

from __future__ import annotations

import threading
import time

from flask import Flask, current_app, g, request
from werkzeug.wrappers import Response

from ..platform import jobs
from . import delivery

_last_sweep = 0.0
TASK = "nedmatch.services.webhooks.dispatch:deliver_in_app"


def register(app: Flask) -> None:
    app.after_request(_after)


def _after(response: Response) -> Response:
    global _last_sweep
    if not current_app.config.get("WEBHOOK_DELIVER_AFTER_REQUEST", True):
        return response
    if request.endpoint in {"static", "nhsuk_assets", "health"} or response.status_code >= 500:
        return response
    waiting = bool(g.pop("webhooks_waiting", False))
    interval = float(current_app.config.get("WEBHOOK_SWEEP_SECONDS", 60))
    if not waiting and time.monotonic() - _last_sweep < interval:
        return response
    _last_sweep = time.monotonic()
    try:
        if waiting or delivery.any_due():
            start()
    except Exception:  # the page has been answered; the next sweep or cron tries again
        current_app.logger.exception("Could not start sending webhooks")
    return response


def deliver_in_app() -> None:
    delivery.send_due()


def start() -> None:
    """Send due deliveries on the job queue, else in a thread with its own app context."""
    if jobs.enqueue_call(TASK):
        return
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]

    def target() -> None:
        with app.app_context():
            try:
                delivery.send_due()
            finally:
                from ...extensions import db

                db.session.remove()

    threading.Thread(target=target, name="webhooks", daemon=True).start()
