"""Recommending an open vacancy to someone: a link on the advert, a short form with clear
errors, one email with the advert's link, and the recipient's address kept nowhere."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Vacancy
from nedmatch.services.platform import notifications
from tests.conftest import assert_field_error, form_values, make_vacancy, page_text, parse_page

Outbox = list[notifications.Email]
FRIEND = "sam.friend@example.org"


def url(vacancy: Vacancy) -> str:
    return f"/vacancies/{vacancy.id}/recommend"


def test_the_advert_links_to_the_form(app: Flask, client: FlaskClient, vacancy: Vacancy) -> None:
    page = parse_page(client.get(f"/vacancies/{vacancy.id}"))
    [link] = page.xpath("//a[.='Recommend someone for this role']")
    assert link.get("href") == url(vacancy)
    form = page_text(client.get(url(vacancy)))
    assert "We use their email address only to send this one email. We do not keep it" in form


def test_a_recommendation_emails_the_advert_and_keeps_no_address(
    app: Flask,
    client: FlaskClient,
    vacancy: Vacancy,
    outbox: Outbox,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    message = "You chaired our charity's audit committee so well: this one is for you."

    response = client.post(
        url(vacancy), data={"sender_name": "Jo Lee", "email": FRIEND, "message": message}
    )

    assert response.status_code == 302
    assert response.location == f"/vacancies/{vacancy.id}/recommend/sent"
    [email] = outbox
    assert email.to == FRIEND
    assert email.subject == f"A board role you might be interested in: {vacancy.title}"
    assert "Jo Lee (the name they gave us) thought you might be interested" in email.body
    assert f'"{message}"' in email.body
    assert f"{app.config['BASE_URL']}/vacancies/{vacancy.id}\n" in email.body
    assert "We have not kept it" in email.body
    sent = page_text(client.get(response.location))
    assert "We have not kept the address." in sent and FRIEND not in sent
    # Nowhere in the database, and in no log line.
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).all():
            assert FRIEND not in repr(tuple(row)), table.name
    assert FRIEND not in caplog.text


def test_with_no_name_or_message_the_email_says_someone(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    client.post(url(vacancy), data={"email": FRIEND})
    [email] = outbox
    assert email.body.startswith("Hello,\n\nSomeone thought you might be interested")
    assert "Their message" not in email.body


@pytest.mark.parametrize(
    ("data", "field_id", "message"),
    [
        ({}, "email", "Enter the email address of the person you want to recommend"),
        (
            {"email": "sam at example"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"message": "x" * 501}, "message", "Your message must be 500 characters or fewer"),
        (
            {"message": "See https://example.net/apply"},
            "message",
            "Remove the web address from your message",
        ),
        (
            {"message": "Write to me at jo@example.org"},
            "message",
            "Remove the email address from your message",
        ),
        (
            {"sender_name": "Jo (www.example.com)"},
            "sender_name",
            "Remove the web address from your name",
        ),
        ({"sender_name": "J" * 101}, "sender_name", "Your name must be 100 characters or fewer"),
    ],
)
def test_each_mistake_says_what_to_do_and_keeps_what_was_typed(
    app: Flask,
    client: FlaskClient,
    vacancy: Vacancy,
    outbox: Outbox,
    data: dict[str, str],
    field_id: str,
    message: str,
) -> None:
    posted = {"sender_name": "Jo Lee", "email": FRIEND, "message": "A role for you.", **data}
    if not data:
        posted.pop("email")

    response = client.post(url(vacancy), data=posted)

    assert_field_error(response, field_id, message)
    assert outbox == []
    kept = form_values(response)
    for name, value in posted.items():
        assert kept[name] == value


def test_only_a_vacancy_taking_applications_can_be_recommended(
    app: Flask, client: FlaskClient, outbox: Outbox
) -> None:
    closed = make_vacancy(status="closed")
    draft = make_vacancy(closed.organisation, status="draft")

    response = client.post(url(closed), data={"email": FRIEND}, follow_redirects=True)

    assert "This vacancy is not taking applications, so you cannot recommend it." in page_text(
        response
    )
    assert "Recommend someone for this role" not in page_text(client.get(f"/vacancies/{closed.id}"))
    assert client.get(url(draft)).status_code == 404
    assert client.get(f"/vacancies/{draft.id}/recommend/sent").status_code == 404
    assert outbox == []
