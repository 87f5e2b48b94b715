"""The service's own pages (contact, accessibility statement, cookies), the phase banner and
the footer: what the service standard asks every service to show, on every page."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from nedmatch.models import TeamUser, Vacancy
from tests.conftest import TEAM_PASSWORD, page_text, parse_page, sign_in

TEAM = {
    "APPOINTMENTS_TEAM_NAME": "Board appointments team (test)",
    "APPOINTMENTS_TEAM_EMAIL": "board.appointments@nhs.example",
    "APPOINTMENTS_TEAM_PHONE": "0113 496 0000",
    "APPOINTMENTS_TEAM_HOURS": "Tuesdays only",
}
SERVICE_PAGES = {
    "/contact": "Contact us",
    "/accessibility": "Accessibility statement",
    "/cookies": "Cookies",
    "/privacy": "Privacy notice",
}


@pytest.fixture
def team_details(app: Flask, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in TEAM.items():
        monkeypatch.setitem(app.config, key, value)
    return TEAM


def footer_links(response: TestResponse) -> dict[str, str]:
    return {
        " ".join(a.text_content().split()): a.get("href")
        for a in parse_page(response).xpath("//footer//a")
    }


def test_the_contact_page_gives_the_teams_details(
    client: FlaskClient, team_details: dict[str, str]
) -> None:
    response = client.get("/contact")

    assert response.status_code == 200
    text = page_text(response)
    for value in team_details.values():
        assert value in text
    page = parse_page(response)
    assert page.xpath("//a[@href='mailto:board.appointments@nhs.example']")


def test_the_privacy_notice_and_accessibility_statement_name_the_team(
    client: FlaskClient, team_details: dict[str, str]
) -> None:
    for url in ("/privacy", "/accessibility"):
        text = page_text(client.get(url))
        assert "Board appointments team (test)" in text, url
        assert "board.appointments@nhs.example" in text, url
        assert "0113 496 0000" in text, url


@pytest.mark.parametrize("who", ["candidate", "team"])
def test_every_page_has_the_phase_banner_and_footer_links(
    client: FlaskClient, vacancy: Vacancy, reviewer: TeamUser, app: Flask, who: str
) -> None:
    if who == "team":
        sign_in(client, reviewer)
        pages = ["/team/", f"/team/vacancies/{vacancy.id}"]
    else:
        pages = ["/", "/vacancies", f"/vacancies/{vacancy.id}", *SERVICE_PAGES]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        links = footer_links(response)
        for path, text in SERVICE_PAGES.items():
            assert links.get(text) == path, (url, text)
        [banner] = parse_page(response).find_class("app-phase-banner")
        assert " ".join(banner.text_content().split()).startswith("Beta This is a new service."), (
            url
        )
        [feedback] = banner.xpath(".//a")
        assert feedback.get("href") == app.config["FEEDBACK_URL"]
        assert feedback.text_content() == "give your feedback by email"
        # No cookie banner: there are no cookies to accept or reject.
        assert not parse_page(response).xpath("//button[contains(., 'ookies')]"), url


def test_the_feedback_link_goes_where_it_is_configured(
    client: FlaskClient, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert app.config["FEEDBACK_URL"].startswith("mailto:")  # the team, by default
    monkeypatch.setitem(app.config, "FEEDBACK_URL", "https://feedback.example/nedmatch")
    monkeypatch.setitem(app.config, "SERVICE_PHASE", "Alpha")

    [banner] = parse_page(client.get("/")).find_class("app-phase-banner")

    [feedback] = banner.xpath(".//a")
    assert feedback.get("href") == "https://feedback.example/nedmatch"
    assert feedback.text_content() == "give your feedback"  # a web page, not an email
    assert " ".join(banner.text_content().split()).startswith("Alpha ")


def _cookies_set(response: TestResponse) -> set[str]:
    names = set()
    for header in response.headers.getlist("Set-Cookie"):
        names |= set(SimpleCookie(header))
    return names


def test_the_cookies_page_names_every_cookie_the_service_sets(
    client: FlaskClient, vacancy: Vacancy, reviewer: TeamUser
) -> None:
    """A candidate applies and a team member signs in: the one cookie set is the essential
    session cookie, and the page says so. With no other cookies there is nothing to
    consent to, so no banner asks."""
    seen: set[str] = set()
    seen |= _cookies_set(client.get("/"))
    seen |= _cookies_set(
        client.post(f"/vacancies/{vacancy.id}/apply", data={"email": "a@b.example"})
    )
    team = client.application.test_client()
    seen |= _cookies_set(
        team.post("/team/sign-in", data={"email": reviewer.email, "password": TEAM_PASSWORD})
    )
    seen |= _cookies_set(team.get("/team/"))

    assert seen == {"session"}
    response = client.get("/cookies")
    text = page_text(response)
    rows = parse_page(response).xpath("//main//table/tbody/tr")
    assert [row.xpath("./td")[0].text_content().strip() for row in rows] == sorted(seen)
    assert "only because the service cannot work without it" in text
    assert "8 hours after you last used the service" in text
    assert not parse_page(response).xpath("//main//button")  # nothing to accept or reject


def test_the_accessibility_statement_has_the_required_sections(client: FlaskClient) -> None:
    response = client.get("/accessibility")

    assert response.status_code == 200
    headings = [" ".join(h.text_content().split()) for h in parse_page(response).xpath("//h2")]
    for required in (
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Technical information about this service's accessibility",
        "Preparation of this accessibility statement",
    ):
        assert required in headings
    text = page_text(response)
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2" in text
    assert "This statement was prepared on 2 December 2026." in text
