"""Demo data for other systems: a webhook with a short delivery log, and the talent pool's
bias audit published on the public page. Run after the demo administrator exists and the
model is fitted (`make run` does both first), since a webhook has a maker, and a published
audit has a publisher and scores."""

from __future__ import annotations

from datetime import timedelta

from ..actors import Actor
from ..extensions import db
from ..models import Application, BiasAuditPublication, TeamUser, WebhookSubscription
from ..models._types import utcnow
from ..services.reporting import bias_publications
from ..services.webhooks import events, subscriptions

RECEIVER = "http://127.0.0.1:8765/nedmatch-events"  # nothing listens: the webhook is paused


def seed_open_systems(admin: TeamUser) -> str:
    said = []
    actor = Actor.system("demo")
    if db.session.execute(db.select(WebhookSubscription.id).limit(1)).first() is None:
        made = subscriptions.create(
            actor,
            admin,
            "Trust HR system (demo)",
            RECEIVER,
            [events.STAGE_CHANGED, events.APPOINTED],
        )
        hook = made.subscription
        moved = db.session.execute(
            db.select(Application).where(Application.stage != "applied").limit(2)
        ).scalars()
        now = utcnow()
        for number, application in enumerate(moved):
            data = events.application_data(application, "applied", now - timedelta(days=1))
            delivery = events.add_delivery(
                hook, events.STAGE_CHANGED, events.envelope(events.STAGE_CHANGED, data, now)
            )
            if number == 0:
                delivery.status, delivery.attempts, delivery.last_status_code = "delivered", 1, 200
                delivery.delivered_at, delivery.next_attempt_at = now, None
            else:
                delivery.status, delivery.attempts, delivery.next_attempt_at = "failed", 6, None
                delivery.last_error = "Connection refused: nothing is listening at that address"
        subscriptions.set_paused(actor, hook, True)
        said.append("a paused webhook with two deliveries")
    if db.session.execute(db.select(BiasAuditPublication.id).limit(1)).first() is None:
        try:
            bias_publications.publish(actor, admin, None)
            said.append("the talent pool's bias audit published at /bias-audit")
        except bias_publications.PublishError as error:
            said.append(f"no bias audit published ({error})")
    return "Added " + " and ".join(said) + "." if said else "Already there."
