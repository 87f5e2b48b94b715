"""Stage moves reach other systems: queued with the move, sent after it (never inside the
request), signed as the Standard Webhooks specification says, and retried on a schedule."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from flask import Flask

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import Application, WebhookDelivery, WebhookSubscription
from nedmatch.services.sift import stages
from nedmatch.services.webhooks import delivery, subscriptions
from nedmatch.services.webhooks.transport import Outcome
from tests.factories import complete_fppt

from .conftest import Receiver, VerificationError, make_hook, verify

T0 = datetime(2030, 6, 1, 9, 0)  # after the real clock: every queued delivery is due


def epoch(moment: datetime) -> int:
    return int((moment - datetime(1970, 1, 1)).total_seconds())


def move(application: Application, to_stage: str, reason: str = "") -> None:
    stages.move(
        Actor.system("test"),
        application,
        stages.Move(to_stage, reason),
        actor_is_admin=True,
        meets_essentials=None,
    )
    db.session.commit()


def deliveries() -> list[WebhookDelivery]:
    return list(
        db.session.execute(db.select(WebhookDelivery).order_by(WebhookDelivery.id)).scalars()
    )


def test_a_move_is_delivered_signed_to_a_receiving_server(
    application: Application, receiver: Receiver
) -> None:
    hook = make_hook(receiver.url)
    move(application, "longlisted")
    assert receiver.received == []  # queued with the move, not sent by it
    assert [d.status for d in deliveries()] == ["pending"]

    sent = delivery.send_due(now=T0)

    assert (sent.delivered, sent.retrying, sent.failed) == (1, 0, 0)
    [(headers, body)] = receiver.received
    event = verify(hook.secret, headers, body, now=epoch(T0))
    assert event["type"] == "application.stage_changed"
    assert event["data"]["reference"] == application.reference
    assert event["data"]["from_stage"] == "applied"
    assert event["data"]["stage"] == "longlisted"
    assert event["data"]["vacancy"] == {
        "id": application.vacancy.id,
        "title": application.vacancy.title,
    }
    [done] = deliveries()
    assert (done.status, done.attempts, done.last_status_code) == ("delivered", 1, 200)
    assert headers["Webhook-Id"] == done.message_id
    # Sent once: a second sweep finds nothing due.
    assert delivery.send_due(now=T0 + timedelta(hours=1)).delivered == 0
    assert len(receiver.received) == 1


def test_the_verifier_has_teeth(application: Application, receiver: Receiver) -> None:
    hook = make_hook(receiver.url)
    move(application, "longlisted")
    delivery.send_due(now=T0)
    [(headers, body)] = receiver.received
    with pytest.raises(VerificationError):
        verify(hook.secret, headers, body.replace(b"longlisted", b"shortlisted"), epoch(T0))
    with pytest.raises(VerificationError):
        verify("whsec_" + "A" * 44, headers, body, epoch(T0))
    with pytest.raises(VerificationError):  # replayed an hour later
        verify(hook.secret, headers, body, epoch(T0) + 3600)


def test_an_appointment_is_two_events_for_a_subscriber_to_both(
    application: Application, receiver: Receiver
) -> None:
    make_hook(receiver.url)
    only_appointments = make_hook(receiver.url + "/appointed", ["application.appointed"])
    for stage in ("longlisted", "shortlisted", "interview", "recommended"):
        move(application, stage)
    before = len(deliveries())
    complete_fppt(application)
    move(application, "appointed")
    new = deliveries()[before:]
    assert sorted((d.subscription_id, d.event) for d in new) == sorted(
        [
            (new[0].subscription_id, "application.stage_changed"),
            (new[0].subscription_id, "application.appointed"),
            (only_appointments.subscription_id, "application.appointed"),
        ]
    )


def failing(status: int | None = 503) -> tuple[list[datetime], delivery.Sender]:
    calls: list[datetime] = []

    def send(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
        calls.append(datetime.fromtimestamp(int(headers["webhook-timestamp"]), tz=None))
        return Outcome(status, None if status else "Connection refused")

    return calls, send


def test_retries_back_off_with_jitter_then_fail(application: Application, app: Flask) -> None:
    make_hook("https://hr.example.nhs.uk/events")
    move(application, "longlisted")
    calls, send = failing()
    rng = random.Random(7)
    now = T0
    waits = []
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        assert delivery.send_due(now=now, send=send, rng=rng).delivered == 0
        assert len(calls) == attempt
        [d] = deliveries()
        if d.status == "failed":
            break
        wait = d.next_attempt_at - now
        waits.append(wait.total_seconds())
        # Nothing is sent a moment before the wait is over.
        delivery.send_due(now=now + wait - timedelta(seconds=1), send=send, rng=rng)
        assert len(calls) == attempt
        now += wait
    [d] = deliveries()
    assert (d.status, d.attempts, d.last_status_code) == ("failed", 6, 503)
    assert d.last_error == "The receiver answered 503"
    assert len(waits) == 5
    for wait, step in zip(waits, (60, 300, 1800, 7200, 43200), strict=True):
        assert step * 0.9 <= wait <= step * 1.1
    steps = (60, 300, 1800, 7200, 43200)
    assert len({round(w / s, 6) for w, s in zip(waits, steps, strict=True)}) > 1  # jittered
    # A failed delivery is never tried again by itself...
    delivery.send_due(now=now + timedelta(days=7), send=send)
    assert len(calls) == 6
    # ...until an administrator redelivers it.
    assert subscriptions.redeliver(Actor.system("test"), d)
    db.session.commit()
    _, ok = failing(204)
    assert delivery.send_due(now=now + timedelta(days=7), send=ok).delivered == 1


def test_a_paused_subscription_is_sent_nothing(
    application: Application, receiver: Receiver
) -> None:
    hook = make_hook(receiver.url)
    move(application, "longlisted")
    subscription = db.session.get(WebhookSubscription, hook.subscription_id)
    subscriptions.set_paused(Actor.system("test"), subscription, True)
    db.session.commit()
    move(application, "shortlisted")  # not queued at all while paused
    assert delivery.send_due(now=T0).delivered == 0
    assert receiver.received == []
    subscriptions.set_paused(Actor.system("test"), subscription, False)
    db.session.commit()
    assert delivery.send_due(now=T0).delivered == 1
    assert len(receiver.received) == 1


def test_two_senders_at_once_send_once(application: Application, receiver: Receiver) -> None:
    make_hook(receiver.url)
    move(application, "longlisted")
    [d] = deliveries()
    assert delivery._claim(d.id, T0)
    assert not delivery._claim(d.id, T0)  # the other sender finds it taken
    assert delivery.send_due(now=T0).delivered == 0
    assert receiver.received == []


def test_the_secret_is_stored_encrypted(application: Application) -> None:
    hook = make_hook("https://hr.example.nhs.uk/events")
    stored = db.session.get(WebhookSubscription, hook.subscription_id).secret_encrypted
    assert hook.secret.startswith("whsec_")
    assert hook.secret not in stored
    assert hook.secret.removeprefix("whsec_") not in stored


def test_flask_webhooks_deliver(application: Application, receiver: Receiver, app: Flask) -> None:
    make_hook(receiver.url)
    move(application, "longlisted")
    result = app.test_cli_runner().invoke(args=["webhooks", "deliver"])
    assert result.exit_code == 0, result.output
    assert "Delivered 1;" in result.output
    assert len(receiver.received) == 1


def test_finished_deliveries_are_forgotten_after_30_days(application: Application) -> None:
    make_hook("https://hr.example.nhs.uk/events")
    move(application, "longlisted")
    move(application, "shortlisted")
    first, second = deliveries()
    first.status = "delivered"
    db.session.commit()  # the second is still waiting: it is kept however old
    assert delivery.forget_finished(now=first.created_at + timedelta(days=29)) == 0
    assert delivery.forget_finished(now=first.created_at + timedelta(days=31)) == 1
    assert [d.id for d in deliveries()] == [second.id]
