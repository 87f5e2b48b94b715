"""A pool member chooses the roles they hear about and how often, reaches the choices from
their applications page, and stops the emails from an alert's link without signing in."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AlertSubscription, AuditEvent, Candidate
from nedmatch.services.alerts import wording
from nedmatch.services.platform import notifications
from nedmatch.services.platform.tokens import make_return_token, make_stop_alerts_token
from tests.alerts.conftest import subscribe
from tests.appointments.test_sift import ACCOUNTANT, make_candidate
from tests.conftest import (
    assert_field_error,
    form_values,
    page_text,
    return_links,
    use_return_link,
)

Outbox = list[notifications.Email]
CHOICES = {
    "role_types": ["audit-chair", "ned"],
    "regions": ["north-east-and-yorkshire", "north-west"],
    "organisations": "all",
    "skill_areas": ["finance"],
    "frequency": "weekly",
}


def sign_in_as(client: FlaskClient, candidate: Candidate, outbox: Outbox) -> None:
    assert client.post("/return", data={"email": candidate.email}).status_code == 302
    use_return_link(client, return_links(outbox, candidate.email)[-1])


@pytest.fixture
def member(app: Flask, client: FlaskClient, outbox: Outbox) -> Candidate:
    candidate = make_candidate(ACCOUNTANT)
    db.session.commit()
    sign_in_as(client, candidate, outbox)
    return candidate


def subscription_of(candidate: Candidate) -> AlertSubscription | None:
    return db.session.execute(
        db.select(AlertSubscription).filter_by(candidate_id=candidate.id)
    ).scalar_one_or_none()


def test_the_choices_are_reached_from_the_applications_and_data_pages(
    member: Candidate, client: FlaskClient
) -> None:
    for page in ("/my-applications", "/my-data"):
        html = client.get(page).get_data(as_text=True)
        assert 'href="/role-alerts"' in html, page


def test_a_member_starts_alerts_and_changes_them(member: Candidate, client: FlaskClient) -> None:
    page = client.get("/role-alerts")
    assert "Start emails about new roles" in page_text(page)
    # Their own region is chosen to start with; nothing else is.
    assert form_values(page).getlist("regions") == [member.region]

    response = client.post("/role-alerts", data=CHOICES, follow_redirects=True)

    assert "Your choices are saved. We will email you once a week" in page_text(response)
    saved = subscription_of(member)
    assert saved is not None
    assert (saved.role_types, saved.regions, saved.skill_areas) == (
        ["audit-chair", "ned"],
        ["north-east-and-yorkshire", "north-west"],
        ["finance"],
    )
    assert (saved.frequency, saved.challenged_only) == ("weekly", False)
    shown = form_values(response)
    assert sorted(shown.getlist("role_types")) == ["audit-chair", "ned"]
    assert shown["frequency"] == "weekly" and shown["organisations"] == "all"

    client.post(
        "/role-alerts",
        data={**CHOICES, "organisations": "challenged", "frequency": "immediate"},
    )
    db.session.refresh(saved)
    assert (saved.frequency, saved.challenged_only) == ("immediate", True)
    actions = db.session.execute(
        db.select(AuditEvent.action).filter_by(object_id=str(member.id))
    ).scalars()
    assert {"role_alerts_started", "role_alerts_changed"} <= set(actions)


@pytest.mark.parametrize(
    ("missing", "field_id", "message"),
    [
        ("role_types", "role_types", "Select at least one type of role"),
        ("regions", "regions", "Select at least one region"),
        ("organisations", "organisations", "Select which organisations you want to hear about"),
        ("frequency", "frequency", "Select how often you want emails about new roles"),
    ],
)
def test_each_missing_answer_says_what_to_do_and_keeps_the_rest(
    member: Candidate, client: FlaskClient, missing: str, field_id: str, message: str
) -> None:
    data = {k: v for k, v in CHOICES.items() if k != missing}

    response = client.post("/role-alerts", data=data)

    assert_field_error(response, field_id, message)
    kept = form_values(response)
    for name, value in data.items():
        assert (sorted(kept.getlist(name)) if isinstance(value, list) else kept[name]) == value
    assert subscription_of(member) is None


def test_a_choice_from_outside_the_lists_is_refused(member: Candidate, client: FlaskClient) -> None:
    response = client.post("/role-alerts", data={**CHOICES, "regions": ["atlantis"]})
    assert response.status_code == 200 and subscription_of(member) is None


def test_someone_not_in_the_pool_is_asked_to_join_first(
    app: Flask, client: FlaskClient, outbox: Outbox
) -> None:
    candidate = make_candidate(ACCOUNTANT)
    candidate.in_pool = False
    db.session.commit()
    sign_in_as(client, candidate, outbox)

    assert "Finish your profile and join the talent pool" in page_text(client.get("/role-alerts"))
    client.post("/role-alerts", data=CHOICES)
    assert subscription_of(candidate) is None


def test_without_consent_to_matching_the_page_says_why_nothing_comes(
    app: Flask, client: FlaskClient, outbox: Outbox
) -> None:
    candidate = make_candidate(ACCOUNTANT, consent=False)
    db.session.commit()
    sign_in_as(client, candidate, outbox)

    page = page_text(client.get("/role-alerts"))
    assert "We cannot send you these emails yet" in page
    response = client.post("/role-alerts", data=CHOICES, follow_redirects=True)
    assert "We will start once you agree to be matched to vacancies." in page_text(response)


def test_the_pages_need_a_signed_in_member(app: Flask, client: FlaskClient) -> None:
    assert client.get("/role-alerts").location == "/return"
    assert client.post("/role-alerts/stop").location == "/return"


def test_a_member_stops_alerts_from_their_account(member: Candidate, client: FlaskClient) -> None:
    subscribe(member)
    response = client.post("/role-alerts/stop", follow_redirects=True)
    assert "You will not get any more emails about new roles." in page_text(response)
    assert subscription_of(member) is None


# The link in every alert.


def stop_path(candidate: Candidate) -> str:
    link = wording.stop_link(candidate)
    assert re.fullmatch(r"https?://[^/]+/role-alerts/stop/[\w.-]+", link)
    return "/" + link.split("/", 3)[3]


def test_the_emails_link_stops_alerts_without_signing_in(app: Flask, client: FlaskClient) -> None:
    candidate = make_candidate(ACCOUNTANT)
    subscribe(candidate)
    path = stop_path(candidate)

    page = client.get(path)  # a mail scanner opening the link changes nothing
    assert page.headers["Cache-Control"] == "no-store"
    assert f"We will stop emailing {candidate.email[0]}...@example.com" in page_text(page)
    assert subscription_of(candidate) is not None

    response = client.post(path)

    assert "You will not get any more emails about new roles" in page_text(response)
    assert subscription_of(candidate) is None
    assert client.get("/my-applications").location == "/return"  # nobody was signed in
    # The link keeps working: it says there is nothing left to stop.
    assert "You are not getting emails about new roles" in page_text(client.post(path))


@pytest.mark.parametrize("kind", ["nonsense", "cut short", "a return link"])
def test_a_damaged_link_says_what_to_do(app: Flask, client: FlaskClient, kind: str) -> None:
    candidate = make_candidate(ACCOUNTANT)
    subscribe(candidate)
    token = {
        "nonsense": "nonsense",
        "cut short": make_stop_alerts_token(candidate)[:-4],
        "a return link": make_return_token(candidate),  # signed, but for another purpose
    }[kind]

    response = client.post(f"/role-alerts/stop/{token}")

    assert response.status_code == 200
    assert "Check you copied the whole link from the email" in page_text(response)
    assert subscription_of(candidate) is not None


def test_a_link_for_someone_since_erased_stops_nothing_and_says_so(
    app: Flask, client: FlaskClient
) -> None:
    from nedmatch.services.privacy import erasure

    candidate = make_candidate(ACCOUNTANT)
    subscribe(candidate)
    path = stop_path(candidate)
    erasure.erase_candidate(candidate, "system:test", "Asked for")
    db.session.commit()

    assert subscription_of(candidate) is None  # erasure deleted the choices
    assert "You are not getting emails about new roles" in page_text(client.get(path))


def test_leaving_the_pool_stops_alerts(member: Candidate, client: FlaskClient) -> None:
    subscribe(member)
    client.post("/my-data/leave-pool")
    assert subscription_of(member) is None


def test_the_data_download_has_the_choices_and_the_alerts(
    member: Candidate, client: FlaskClient
) -> None:
    import io
    import json
    import zipfile

    subscribe(member, frequency="weekly")
    response = client.post("/my-data/download")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["role_alerts"]["choices"]["how_often"] == "weekly"
    assert data["role_alerts"]["alerts_sent"] == []
