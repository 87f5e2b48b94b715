"""Messages after an action look and are announced by their kind: a success is an NHS.UK
success banner that is an alert; information is a banner that is a labelled region; a
warning (an action that could not be done) is a warning callout, a labelled region."""

from __future__ import annotations

from datetime import date, timedelta

import lxml.html
from flask import Flask, render_template_string
from flask.testing import FlaskClient

from nedmatch.models import Vacancy
from tests.conftest import VALID_STEPS, complete_steps, make_vacancy, parse_page, start_application

SUCCESS = "nhsuk-notification-banner--success"


def labelled_by(page: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> str:
    """The text of the element a box names as its label."""
    [label] = page.xpath(f"//*[@id='{box.get('aria-labelledby')}']")
    return " ".join(label.text_content().split())


def messages_in(box: lxml.html.HtmlElement) -> list[str]:
    return [
        " ".join(p.text_content().split())
        for p in box.xpath(".//*[contains(@class, 'app-flash')]/p")
    ]


def test_a_success_is_a_success_banner_and_an_alert(client: FlaskClient, vacancy: Vacancy) -> None:
    ref = start_application(client, vacancy)
    complete_steps(client, f"/applications/{ref}", list(VALID_STEPS))
    client.post(f"/applications/{ref}/check")
    client.post(f"/applications/{ref}/withdraw", data={})

    page = parse_page(client.get("/my-applications"))

    [banner] = page.find_class("nhsuk-notification-banner")
    assert SUCCESS in banner.get("class")
    assert banner.get("role") == "alert"
    # NHS.UK's script moves the focus to a banner that is an alert, so it is read first.
    assert banner.get("data-module") == "nhsuk-notification-banner"
    assert labelled_by(page, banner) == "Success"
    assert messages_in(banner) == [f"You have withdrawn your application for {vacancy.title}."]
    assert not page.find_class("nhsuk-card--warning")


def test_information_is_a_banner_that_is_a_labelled_region(
    client: FlaskClient, vacancy: Vacancy
) -> None:
    start_application(client, vacancy)
    client.post("/sign-out")

    page = parse_page(client.get("/"))

    [banner] = page.find_class("nhsuk-notification-banner")
    assert SUCCESS not in banner.get("class")
    assert banner.get("role") == "region"
    assert labelled_by(page, banner) == "Information"
    assert messages_in(banner) == ["You have signed out. Your answers are saved."]


def test_a_warning_is_a_warning_callout_that_is_a_labelled_region(
    client: FlaskClient, app: Flask
) -> None:
    closed = make_vacancy(closes_on=date.today() - timedelta(days=1))
    client.get(f"/vacancies/{closed.id}/apply")

    page = parse_page(client.get(f"/vacancies/{closed.id}"))

    [callout] = page.xpath(
        "//*[contains(@class, 'app-flash--warning')]/ancestor::div[contains(@class, 'nhsuk-card--warning')]"
    )
    assert callout.get("role") == "region"
    assert labelled_by(page, callout) == "Important"
    assert messages_in(callout) == ["This vacancy is not taking applications."]
    assert not page.find_class("nhsuk-notification-banner")
    assert not page.xpath("//*[@role='alert']")


def test_each_kind_of_message_has_one_box_whatever_the_number(app: Flask) -> None:
    flashed = [
        ("success", "4 candidates moved."),
        ("warning", "NED-AAAA-AAAA is withdrawn: it was not moved."),
        ("success", "Note added."),
        ("info", "Identity revealed."),
        ("warning", "NED-BBBB-BBBB is closed: it was not moved."),
        ("message", "A message flashed with no kind is information."),
    ]
    with app.test_request_context():
        html = render_template_string(
            '{% import "macros/flash_messages.html" as m %}{{ m.flashed(flashed) }}',
            flashed=flashed,
        )
    page = lxml.html.fromstring(f"<main>{html}</main>")

    boxes = page.xpath("//*[@role]")
    assert [(b.get("role"), labelled_by(page, b)) for b in boxes] == [
        ("alert", "Success"),
        ("region", "Important"),
        ("region", "Information"),
    ]
    assert [messages_in(b) for b in boxes] == [
        ["4 candidates moved.", "Note added."],
        [
            "NED-AAAA-AAAA is withdrawn: it was not moved.",
            "NED-BBBB-BBBB is closed: it was not moved.",
        ],
        ["Identity revealed.", "A message flashed with no kind is information."],
    ]
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_no_message_no_box(app: Flask) -> None:
    with app.test_request_context():
        html = render_template_string(
            '{% import "macros/flash_messages.html" as m %}{{ m.flashed([]) }}'
        )
    assert html.strip() == ""
