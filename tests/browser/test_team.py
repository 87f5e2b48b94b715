"""A member of the appointments team signs in through the page in a real browser."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TEAM_PASSWORD, make_team_user, make_vacancy

from .conftest import LiveServer

pytestmark = pytest.mark.browser


def test_team_sign_in(page: Page, live_server: LiveServer, check_page: Callable[..., None]) -> None:
    (email,) = live_server.run(lambda: make_team_user("reviewer"), "email")
    (title,) = live_server.run(make_vacancy, "title")

    page.goto("/")
    page.get_by_role("link", name="Appointments team sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appointments team sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(TEAM_PASSWORD)
    check_page(page, "sign-in")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vacancies")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title))
    expect(row).to_contain_text("Open")
    expect(page.get_by_text("Test reviewer (reviewer)")).to_be_visible()
    check_page(page, "dashboard")
