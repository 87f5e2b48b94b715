"""The events: written as delivery rows in the same transaction as the stage move, so a
move that is not committed tells no other system. A payload holds what the API's own
application document holds (reference, vacancy, stage, times): never a name, since the
API names nobody by application, and never anything from equality monitoring."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from flask import g, has_request_context

from ...extensions import db
from ...models import Application, WebhookDelivery, WebhookSubscription
from ...models._types import utcnow
from ...stages import Stage

STAGE_CHANGED = "application.stage_changed"
APPOINTED = "application.appointed"
TEST = "webhook.test"


def _time(moment: datetime | None) -> str | None:
    """RFC 3339 in UTC, as the API gives times."""
    return None if moment is None else moment.replace(microsecond=0).isoformat() + "Z"


def application_data(application: Application, from_stage: str, at: datetime) -> dict[str, Any]:
    return {
        "reference": application.reference,
        "vacancy": {"id": application.vacancy.id, "title": application.vacancy.title},
        "from_stage": from_stage,
        "stage": application.stage,
        "stage_label": application.stage_label,
        "changed_at": _time(at),
        "submitted_at": _time(application.submitted_at),
    }


def envelope(event: str, data: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The Standard Webhooks payload shape: type, timestamp, data."""
    return {"type": event, "timestamp": _time(at), "data": data}


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def add_delivery(
    subscription: WebhookSubscription, event: str, payload: dict[str, Any]
) -> WebhookDelivery:
    delivery = WebhookDelivery(
        subscription=subscription,
        message_id=new_message_id(),
        event=event,
        payload=payload,
        status="pending",
        attempts=0,
        next_attempt_at=utcnow(),
    )
    db.session.add(delivery)
    mark_waiting()
    return delivery


def mark_waiting() -> None:
    """A delivery is due: start sending once the request has committed (dispatch.py)."""
    if has_request_context():
        g.webhooks_waiting = True


def stage_changed(application: Application, from_stage: str) -> int:
    """Queue the events of a stage move for every subscription that wants them; returns
    how many deliveries were queued. Called once by services/sift/stages.move."""
    subscriptions = db.session.execute(
        db.select(WebhookSubscription).where(WebhookSubscription.paused_at.is_(None))
    ).scalars()
    at = utcnow()
    events = [STAGE_CHANGED] + ([APPOINTED] if application.stage == Stage.APPOINTED else [])
    data = application_data(application, from_stage, at)
    queued = 0
    for subscription in subscriptions:
        for event in events:
            if event in (subscription.events or []):
                add_delivery(subscription, event, envelope(event, data, at))
                queued += 1
    return queued
