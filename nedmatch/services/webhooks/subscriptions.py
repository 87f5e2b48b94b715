"""The administrators' operations on webhooks: make a subscription (its secret is shown
once), pause or resume it, delete it, send a test event, and redeliver a failed delivery.
Each takes validated data, flushes and writes the audit record; the request commits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...actors import Actor
from ...extensions import db
from ...models import WEBHOOK_EVENTS, TeamUser, WebhookDelivery, WebhookSubscription
from ...models._types import utcnow
from ..platform import audit
from . import events, signing
from .addresses import AddressError, allow_local, check_url

NAME_MAX = 100
LOG_SIZE = 50  # deliveries shown on a subscription's page


class SubscriptionError(ValueError):
    """A subscription that cannot be made; the message says why."""


@dataclass(frozen=True)
class NewSubscription:
    subscription: WebhookSubscription
    secret: str  # shown once; kept only encrypted


def _checked_url(url: str) -> str:
    try:
        url = check_url(url)
    except AddressError as error:
        raise SubscriptionError(str(error)) from error
    host = urlsplit(url).hostname or ""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return url  # a name: checked against its addresses each time it is sent to
    if not literal.is_global and not allow_local():
        raise SubscriptionError("The address is a private or local one; use a public address.")
    return url


def create(
    actor: Actor, creator: TeamUser, name: str, url: str, chosen: list[str]
) -> NewSubscription:
    name = " ".join(name.split())
    if not name:
        raise SubscriptionError("Enter a name, such as the system that will receive the events.")
    if len(name) > NAME_MAX:
        raise SubscriptionError(f"The name must be {NAME_MAX} characters or fewer.")
    url = _checked_url(url)
    chosen = [e for e in WEBHOOK_EVENTS if e in chosen]
    if not chosen:
        raise SubscriptionError("Choose at least one event to send.")
    secret = signing.new_secret()
    subscription = WebhookSubscription(
        name=name,
        url=url,
        events=chosen,
        secret_encrypted=signing.encrypt(secret),
        created_by=creator.id,
    )
    db.session.add(subscription)
    db.session.flush()
    audit.record(
        actor, "webhook_created", "webhook", subscription.id, name=name, url=url, events=chosen
    )
    return NewSubscription(subscription, secret)


def get(subscription_id: int) -> WebhookSubscription | None:
    return db.session.get(WebhookSubscription, subscription_id)


def all_subscriptions() -> list[WebhookSubscription]:
    return list(
        db.session.execute(
            db.select(WebhookSubscription).order_by(WebhookSubscription.id.desc())
        ).scalars()
    )


def recent_deliveries(subscription: WebhookSubscription) -> list[WebhookDelivery]:
    return list(
        db.session.execute(
            db.select(WebhookDelivery)
            .filter_by(subscription_id=subscription.id)
            .order_by(WebhookDelivery.id.desc())
            .limit(LOG_SIZE)
        ).scalars()
    )


def set_paused(actor: Actor, subscription: WebhookSubscription, paused: bool) -> None:
    """A paused subscription is sent nothing: new events are not queued for it, and its
    waiting deliveries wait until it is resumed."""
    subscription.paused_at = utcnow() if paused else None
    db.session.flush()
    action = "webhook_paused" if paused else "webhook_resumed"
    audit.record(actor, action, "webhook", subscription.id, name=subscription.name)


def delete(actor: Actor, subscription: WebhookSubscription) -> None:
    audit.record(
        actor,
        "webhook_deleted",
        "webhook",
        subscription.id,
        name=subscription.name,
        url=subscription.url,
    )
    db.session.delete(subscription)
    db.session.flush()


def send_test(actor: Actor, subscription: WebhookSubscription) -> WebhookDelivery:
    """A test event, made up, naming no application, so a receiver can check its set-up."""
    at = utcnow()
    data = {
        "message": "A test event from NEDMatch. It names no application.",
        "subscription": subscription.name,
    }
    delivery = events.add_delivery(
        subscription, events.TEST, events.envelope(events.TEST, data, at)
    )
    db.session.flush()
    audit.record(actor, "webhook_test_sent", "webhook", subscription.id, delivery=delivery.id)
    return delivery


def redeliver(actor: Actor, delivery: WebhookDelivery) -> bool:
    """Try a failed delivery again from the first step of the schedule; False if it had
    not failed. The message keeps its webhook-id, so a receiver can tell a repeat."""
    if delivery.status != "failed":
        return False
    delivery.status = "pending"
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    db.session.flush()
    events.mark_waiting()
    audit.record(
        actor, "webhook_redelivered", "webhook", delivery.subscription_id, delivery=delivery.id
    )
    return True


def delivery_of(subscription: WebhookSubscription, delivery_id: int) -> WebhookDelivery | None:
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.subscription_id != subscription.id:
        return None
    return delivery
