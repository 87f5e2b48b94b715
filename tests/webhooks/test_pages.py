"""The administrators' Webhooks pages: the secret shown once, the delivery log, pausing,
a test event, sending a failed delivery again, deleting; reviewers are refused."""

from __future__ import annotations

from datetime import datetime

from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, TeamUser, WebhookDelivery, WebhookSubscription
from nedmatch.services.webhooks import delivery
from nedmatch.services.webhooks.transport import Outcome
from tests.conftest import error_summary, page_text, sign_in

from .conftest import Receiver, verify

LATER = datetime(2030, 1, 1)


def add(client: FlaskClient, url: str, events: list[str] | None = None) -> str:
    response = client.post(
        "/team/webhooks",
        data={
            "name": "Trust HR system",
            "url": url,
            "events": events or ["application.stage_changed", "application.appointed"],
        },
    )
    assert response.status_code == 200, page_text(response)
    return page_text(response)


def test_an_admin_adds_a_webhook_and_sees_the_secret_once(
    client: FlaskClient, admin: TeamUser, receiver: Receiver
) -> None:
    sign_in(client, admin)
    text = add(client, receiver.url)
    assert "Copy the signing secret now" in text
    secret = next(w for w in text.split() if w.startswith("whsec_"))
    again = page_text(client.get("/team/webhooks"))
    assert "Trust HR system" in again and secret not in again
    hook = db.session.execute(db.select(WebhookSubscription)).scalar_one()
    assert hook.events == ["application.stage_changed", "application.appointed"]
    assert secret not in hook.secret_encrypted

    # A test event, signed with that secret, reaches the receiver.
    response = client.post(f"/team/webhooks/{hook.id}/test", follow_redirects=True)
    assert "A test event is on its way" in page_text(response)
    delivery.send_due(now=LATER)
    [(headers, body)] = receiver.received
    event = verify(secret, headers, body, now=int(headers["Webhook-Timestamp"]))
    assert event["type"] == "webhook.test"
    log = page_text(client.get(f"/team/webhooks/{hook.id}"))
    assert "webhook.test" in log and "Delivered" in log and "Answered 200" in log


def test_mistakes_are_explained(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    response = client.post("/team/webhooks", data={"name": "", "url": "", "events": []})
    assert response.status_code == 400
    assert {m for _, m in error_summary(response)} == {
        "Enter a name, such as the system that will receive the events",
        "Enter the address to send events to",
        "Choose at least one event to send",
    }
    response = client.post(
        "/team/webhooks", data={"name": "", "url": "ftp://x", "events": ["application.appointed"]}
    )
    assert ("#url", "Enter an address that starts with https://") in error_summary(response)
    assert len(error_summary(response)) == 2
    client.application.config["WEBHOOK_ALLOW_LOCAL"] = False
    try:
        for url, message in [
            ("http://hr.example.nhs.uk/e", "Enter an address that starts with https://"),
            ("https://10.0.0.7/e", "The address is a private or local one; use a public address."),
        ]:
            response = client.post(
                "/team/webhooks",
                data={"name": "X", "url": url, "events": ["application.stage_changed"]},
            )
            assert response.status_code == 400
            assert ("#url", message) in error_summary(response)
    finally:
        client.application.config["WEBHOOK_ALLOW_LOCAL"] = True
    assert db.session.execute(db.select(WebhookSubscription)).first() is None


def test_pause_redeliver_and_delete(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    add(client, "https://hr.example.nhs.uk/events")
    hook = db.session.execute(db.select(WebhookSubscription)).scalar_one()
    client.post(f"/team/webhooks/{hook.id}/test")
    [sent] = db.session.execute(db.select(WebhookDelivery)).scalars()
    sent.status, sent.attempts, sent.last_error = "failed", 6, "The receiver answered 500"
    db.session.commit()

    page = page_text(client.get(f"/team/webhooks/{hook.id}"))
    assert "Failed" in page and "Send again" in page
    client.post(f"/team/webhooks/{hook.id}/deliveries/{sent.id}/redeliver")
    db.session.refresh(sent)
    assert (sent.status, sent.attempts) == ("pending", 0)

    response = client.post(f"/team/webhooks/{hook.id}/pause", follow_redirects=True)
    assert "is paused" in page_text(response)
    calls: list[str] = []
    delivery.send_due(now=LATER, send=lambda *a: calls.append(a[0]) or Outcome(200, None))
    assert calls == []
    client.post(f"/team/webhooks/{hook.id}/resume")
    delivery.send_due(now=LATER, send=lambda *a: calls.append(a[0]) or Outcome(200, None))
    assert calls == ["https://hr.example.nhs.uk/events"]

    assert "Delete the webhook" in page_text(client.get(f"/team/webhooks/{hook.id}/delete"))
    response = client.post(f"/team/webhooks/{hook.id}/delete", follow_redirects=True)
    assert "is deleted" in page_text(response)
    assert db.session.execute(db.select(WebhookDelivery)).first() is None
    actions = set(db.session.execute(db.select(AuditEvent.action)).scalars())
    assert {
        "webhook_created",
        "webhook_test_sent",
        "webhook_redelivered",
        "webhook_paused",
        "webhook_resumed",
        "webhook_deleted",
    } <= actions


def test_reviewers_cannot_see_or_add_webhooks(client: FlaskClient, reviewer: TeamUser) -> None:
    sign_in(client, reviewer)
    assert client.get("/team/webhooks").status_code == 403
    response = client.post(
        "/team/webhooks",
        data={
            "name": "X",
            "url": "https://a.example.com/",
            "events": ["application.stage_changed"],
        },
    )
    assert response.status_code == 403
    assert db.session.execute(db.select(WebhookSubscription)).first() is None


def test_a_team_post_that_queued_a_delivery_starts_sending_after_it(
    client: FlaskClient, admin: TeamUser, monkeypatch: object
) -> None:
    from nedmatch.services.webhooks import dispatch

    started: list[bool] = []
    client.application.config["WEBHOOK_DELIVER_AFTER_REQUEST"] = True
    monkeypatch.setattr(dispatch, "start", lambda: started.append(True))  # type: ignore[attr-defined]
    try:
        sign_in(client, admin)
        add(client, "https://hr.example.nhs.uk/events")
        hook = db.session.execute(db.select(WebhookSubscription)).scalar_one()
        started.clear()
        client.post(f"/team/webhooks/{hook.id}/test")
        assert started == [True]
    finally:
        client.application.config["WEBHOOK_DELIVER_AFTER_REQUEST"] = False
