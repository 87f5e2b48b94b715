"""Sending due deliveries, with retries. Each delivery is claimed by one conditional
update before it is sent, so two senders at once (a web process's background job and
`flask webhooks deliver` from cron) never send it twice. A failed attempt waits longer
each time, with jitter so many receivers coming back together are not all retried at once:
about 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours; then it is marked failed."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, update

from ...extensions import db
from ...models import WebhookDelivery, WebhookSubscription
from ...models._types import utcnow
from . import signing
from .transport import Outcome, post

# Finished deliveries (delivered or failed) are kept this long for the log, then deleted:
# their payloads name applications, which need not outlive the log's use.
KEEP_FINISHED = timedelta(days=30)
RETRY_AFTER_SECONDS: tuple[int, ...] = (60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600)
MAX_ATTEMPTS = len(RETRY_AFTER_SECONDS) + 1
JITTER = 0.1  # each wait is its step give or take 10%
# A claimed delivery is not taken by another sender for this long, even if this one dies.
LEASE = timedelta(minutes=5)
BATCH = 200

Sender = Callable[[str, bytes, dict[str, str]], Outcome]


def wait_after(attempts: int, rng: random.Random | None = None) -> timedelta | None:
    """How long to wait after ``attempts`` failed attempts; None: give up."""
    if attempts < 1 or attempts > len(RETRY_AFTER_SECONDS):
        return None
    base = RETRY_AFTER_SECONDS[attempts - 1]
    factor = 1 + (rng or random).uniform(-JITTER, JITTER)  # noqa: S311 - not security
    return timedelta(seconds=base * factor)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def headers_for(
    delivery: WebhookDelivery, secret: str, body: bytes, now: datetime
) -> dict[str, str]:
    timestamp = int((now - datetime(1970, 1, 1)).total_seconds())
    return {
        "Content-Type": "application/json",
        "User-Agent": "NEDMatch-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signing.sign(secret, delivery.message_id, timestamp, body),
    }


def due_ids(now: datetime) -> list[int]:
    return list(
        db.session.execute(
            db.select(WebhookDelivery.id)
            .join(WebhookSubscription)
            .where(
                WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now,
                WebhookSubscription.paused_at.is_(None),
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(BATCH)
        ).scalars()
    )


def any_due(now: datetime | None = None) -> bool:
    return bool(due_ids(now or utcnow())[:1])


def _claim(delivery_id: int, now: datetime) -> bool:
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now,
            )
            .values(next_attempt_at=now + LEASE)
            .execution_options(synchronize_session=False)
        ),
    )
    db.session.commit()
    return result.rowcount == 1


@dataclass
class Sent:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def attempt(
    delivery: WebhookDelivery, now: datetime, send: Sender, rng: random.Random | None
) -> str:
    """One attempt; records its outcome and returns the delivery's status."""
    secret = signing.decrypt(delivery.subscription.secret_encrypted)
    body = body_of(delivery)
    outcome = send(delivery.subscription.url, body, headers_for(delivery, secret, body, now))
    delivery.attempts += 1
    delivery.last_status_code = outcome.status_code
    delivery.last_error = (
        None if outcome.ok else (outcome.error or f"The receiver answered {outcome.status_code}")
    )
    if outcome.ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
    else:
        wait = wait_after(delivery.attempts, rng)
        if wait is None:
            delivery.status, delivery.next_attempt_at = "failed", None
        else:
            delivery.next_attempt_at = now + wait
    return delivery.status


def send_due(
    now: datetime | None = None, send: Sender | None = None, rng: random.Random | None = None
) -> Sent:
    """Send every delivery that is due; commits after each."""
    now = now or utcnow()
    send = send or post
    ids = due_ids(now)
    db.session.commit()
    sent = Sent()
    for delivery_id in ids:
        if not _claim(delivery_id, now):
            continue  # another sender has it
        delivery = db.session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            continue
        try:
            status = attempt(delivery, now, send, rng)
        except Exception:  # e.g. a secret made under another SECRET_KEY: keep the others going
            db.session.rollback()
            current_app.logger.exception("Webhook delivery %s could not be sent", delivery_id)
            continue
        db.session.commit()
        if status == "delivered":
            sent.delivered += 1
        elif status == "failed":
            sent.failed += 1
        else:
            sent.retrying += 1
    return sent


def forget_finished(now: datetime | None = None) -> int:
    """Delete deliveries finished more than KEEP_FINISHED ago; returns how many."""
    before = (now or utcnow()) - KEEP_FINISHED
    old = db.session.execute(
        db.select(WebhookDelivery).where(
            WebhookDelivery.status.in_(["delivered", "failed"]),
            WebhookDelivery.created_at < before,
        )
    ).scalars()
    count = 0
    for item in old:
        db.session.delete(item)
        count += 1
    db.session.commit()
    return count
