"""What a webhook tells another system, attacked: applications moved through the API (as
a system would) with distinctive monitoring answers planted in every applicant's record;
no delivery may hold a planted value, a name, an email address or any other monitoring
answer. And every payload keeps the contract the OpenAPI document publishes."""

from __future__ import annotations

import json
from datetime import datetime

from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from nedmatch.extensions import db
from nedmatch.models import MonitoringResponse, WebhookDelivery
from nedmatch.services.webhooks import delivery
from nedmatch.services.webhooks.transport import Outcome
from tests.api.conftest import PLANTED, Tokens, bearer
from tests.api.conftest import campaign as campaign  # noqa: F401 - a fixture
from tests.api.conftest import planted as planted  # noqa: F401 - a fixture
from tests.api.conftest import tokens as tokens  # noqa: F401 - a fixture
from tests.appointments.test_sift import Campaign
from tests.factories import complete_fppt

from .conftest import make_hook

LATER = datetime(2030, 1, 1)


def test_payloads_hold_no_monitoring_data_or_names(
    app: Flask, client: FlaskClient, planted: Campaign, tokens: Tokens
) -> None:
    make_hook("https://hr.example.nhs.uk/events")
    moved = planted.accountants[1:4]
    for application in moved:
        for stage in ("longlisted", "shortlisted", "interview"):
            response = client.post(
                f"/api/v1/team/applications/{application.reference}/stage-changes",
                json={"to_stage": stage},
                headers=bearer(tokens.reviewer),
            )
            assert response.status_code == 200, response.get_json()
    bodies: list[bytes] = []
    delivery.send_due(
        now=LATER, send=lambda url, body, headers: bodies.append(body) or Outcome(204, None)
    )
    assert len(bodies) == 9
    sent = b"\n".join(bodies).decode().lower()
    assert PLANTED not in sent
    secrets_of_people = set()
    for application in planted.applications:
        person = application.candidate
        secrets_of_people |= {person.first_name, person.last_name, person.email}
    for response in db.session.execute(db.select(MonitoringResponse)).scalars():
        secrets_of_people |= {
            str(v) for v in response.answers.values() if isinstance(v, str) and len(v) > 3
        }
    leaked = {s for s in secrets_of_people if s and s.lower() in sent}
    # Answers that are also ordinary words of a payload (e.g. a stage) would be no leak; none is.
    assert leaked == set()
    for body in bodies:
        event = json.loads(body)
        assert set(event) == {"type", "timestamp", "data"}
        assert set(event["data"]) == {
            "reference",
            "vacancy",
            "from_stage",
            "stage",
            "stage_label",
            "changed_at",
            "submitted_at",
        }


def test_payloads_keep_the_published_contract(
    app: Flask, client: FlaskClient, planted: Campaign, tokens: Tokens
) -> None:
    make_hook("https://hr.example.nhs.uk/events")
    application = planted.accountants[1]
    complete_fppt(application)
    db.session.commit()
    for stage in ("longlisted", "shortlisted", "interview", "recommended", "appointed"):
        client.post(
            f"/api/v1/team/applications/{application.reference}/stage-changes",
            json={"to_stage": stage},
            headers=bearer(tokens.reviewer),
        )
    document = client.get("/api/v1/openapi.json").get_json()
    events = db.session.execute(db.select(WebhookDelivery)).scalars().all()
    assert {e.event for e in events} == {"application.stage_changed", "application.appointed"}
    for event in events:
        body = document["webhooks"][event.event]["post"]["requestBody"]
        schema = body["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**schema, "components": document["components"]})
        assert list(validator.iter_errors(event.payload)) == []
    # The validator has teeth: a payload with a name in it breaks the contract.
    bad = dict(events[0].payload, data={**events[0].payload["data"], "name": "Sam Lee"})
    schema = document["webhooks"]["application.stage_changed"]["post"]["requestBody"]
    validator = Draft202012Validator(
        {**schema["content"]["application/json"]["schema"], "components": document["components"]}
    )
    assert list(validator.iter_errors(bad)) != []
