"""Signing out from the page header, in a real browser, for a team member and for a
candidate: the button works (its form carries the CSRF token), the person is signed out,
and a copy of their cookie taken before signing out no longer signs anyone in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import TEAM_PASSWORD, make_team_user, make_vacancy

from .conftest import LiveServer

pytestmark = pytest.mark.browser

CheckPage = Callable[..., None]


def copy_of_cookies(page: Page) -> list[Any]:
    return [dict(cookie) for cookie in page.context.cookies()]


def browser_with(new_context: Callable[..., BrowserContext], cookies: list[Any]) -> Page:
    """Another browser holding a copy of the cookies (a stolen session)."""
    context = new_context()
    context.add_cookies(cookies)
    return context.new_page()


def test_team_member_signs_out(
    page: Page,
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    check_page: CheckPage,
) -> None:
    (email,) = live_server.run(lambda: make_team_user("reviewer"), "email")
    page.goto("/team/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(TEAM_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacancies")
    cookies = copy_of_cookies(page)

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Appointments team sign in")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    check_page(page, "signed-out")
    page.goto("/team/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Appointments team sign in")
    stolen = browser_with(new_context, cookies)
    stolen.goto("/team/")
    expect(stolen.get_by_role("heading", level=1)).to_have_text("Appointments team sign in")


def test_candidate_signs_out(
    page: Page,
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    check_page: CheckPage,
) -> None:
    (vacancy_id,) = live_server.run(make_vacancy, "id")
    page.goto(f"/vacancies/{vacancy_id}")
    page.get_by_role("button", name="Apply for this role").click()
    page.get_by_label("Email address").fill("amara.okafor@example.com")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    page.get_by_role("banner").get_by_role("link", name="My applications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")
    cookies = copy_of_cookies(page)

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()

    expect(page.get_by_text("You have signed out. Your answers are saved.")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_have_count(0)
    check_page(page, "signed-out")
    for browser in (page, browser_with(new_context, cookies)):
        browser.goto("/my-applications")
        expect(browser.get_by_text("Your session has ended.")).to_be_visible()
        expect(browser.get_by_role("heading", level=1)).not_to_have_text("Your applications")
