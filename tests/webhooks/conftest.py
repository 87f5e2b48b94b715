"""Fixtures for webhooks: a subscription with its secret, an application to move, a
verifier written from the Standard Webhooks specification (not from our code), and a
receiving server on this machine."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import Application, TeamUser, Vacancy
from nedmatch.services.webhooks import subscriptions
from tests.appointments.test_sift import ACCOUNTANT, make_applicant
from tests.conftest import make_team_user

TOLERANCE_SECONDS = 5 * 60


class VerificationError(Exception):
    pass


def verify(secret: str, headers: dict[str, str], body: bytes, now: int) -> dict[str, Any]:
    """Standard Webhooks, section "Verifying webhooks": the signed content is
    "{id}.{timestamp}.{body}", the key the base64 after "whsec_", the header a space-separated
    list of "v1,<base64 HMAC-SHA256>"; a timestamp more than 5 minutes off is refused."""
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id, timestamp = lowered["webhook-id"], lowered["webhook-timestamp"]
    if abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        raise VerificationError("timestamp too far from now")
    key = base64.b64decode(secret.split("_", 1)[1])
    expected = base64.b64encode(
        hmac.new(key, f"{msg_id}.{timestamp}.{body.decode()}".encode(), hashlib.sha256).digest()
    ).decode()
    for signature in lowered["webhook-signature"].split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)  # type: ignore[no-any-return]
    raise VerificationError("no matching signature")


@dataclass
class Hook:
    admin: TeamUser
    subscription_id: int
    secret: str


def make_hook(url: str, events: list[str] | None = None) -> Hook:
    admin = make_team_user("admin", email=f"hooks-{abs(hash(url))}@example.com")
    made = subscriptions.create(
        Actor.team(admin),
        admin,
        "Trust HR system",
        url,
        events or ["application.stage_changed", "application.appointed"],
    )
    db.session.commit()
    return Hook(admin, made.subscription.id, made.secret)


@pytest.fixture
def application(app: Flask, vacancy: Vacancy) -> Application:
    made = make_applicant(vacancy, ACCOUNTANT)
    db.session.commit()
    return made


@dataclass
class Receiver:
    url: str
    status: int = 200
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A real HTTP server on 127.0.0.1 (werkzeug's, in a thread) that keeps what it gets."""
    box = Receiver(url="")

    @Request.application  # type: ignore[arg-type]
    def handle(request: Request) -> Response:
        box.received.append((dict(request.headers), request.get_data()))
        return Response("ok", status=box.status)

    server = make_server("127.0.0.1", 0, handle)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    box.url = f"http://127.0.0.1:{server.port}/nedmatch-events"
    yield box
    server.shutdown()
    thread.join(5)
    server.server_close()
