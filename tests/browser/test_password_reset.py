"""A team member who forgot their password gets back in, in a real browser: from the sign-in
page to the emailed link, a new password, and signing in with it. Every page of the way
passes axe and, at 375 pixels wide, does not scroll sideways."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.services.platform import notifications
from tests.conftest import make_team_user

from .conftest import LiveServer
from .test_narrow_screens import WIDTH, fits_and_passes

pytestmark = pytest.mark.browser

NEW_PASSWORD = "four unrelated words together"


def emailed_link(address: str) -> str:
    bodies = [email.body for email in notifications.outbox if email.to == address]
    assert bodies, notifications.outbox
    found = re.search(r"https?://\S+/team/reset-password/\S+", bodies[-1])
    assert found is not None
    return found[0]


def ask_for_a_link(page: Page, address: str, check: Callable[[Page, str], None]) -> None:
    page.goto("/team/sign-in")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    check(page, "forgotten-password")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("link", name="Enter your email address")).to_be_visible()
    check(page, "forgotten-password-error")
    page.get_by_label("Email address").fill(address)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check(page, "check-your-email")


def test_a_team_member_resets_their_password(
    page: Page,
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    check_page: Callable[..., None],
) -> None:
    (email,) = live_server.run(lambda: make_team_user("reviewer"), "email")
    ask_for_a_link(page, email, check_page)

    page.goto(emailed_link(email))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set a new password")
    check_page(page, "new-password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD + "s")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("link", name="The passwords do not match")).to_be_visible()
    check_page(page, "new-password-error")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Appointments team sign in")
    expect(page.get_by_text("Your password has been changed")).to_be_visible()
    check_page(page, "password-changed")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacancies")

    # The link has been used: it says so, and how to get another.
    used = new_context().new_page()
    used.goto(emailed_link(email))
    expect(used.get_by_role("heading", level=1)).to_have_text("The link did not work")
    expect(used.get_by_text("This link has already been used")).to_be_visible()
    check_page(used, "link-used")


def test_the_forgotten_password_pages_fit_a_phone(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    check_page: Callable[..., None],
) -> None:
    (email,) = live_server.run(lambda: make_team_user("admin"), "email")
    page = new_context(viewport={"width": WIDTH, "height": 800}).new_page()

    def fits(page: Page, name: str) -> None:
        fits_and_passes(page, check_page, f"phone-{name}")

    ask_for_a_link(page, email, fits)
    page.goto(emailed_link(email))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set a new password")
    fits(page, "new-password")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("link", name="Enter a new password")).to_be_visible()
    fits(page, "new-password-error")
    page.goto(emailed_link(email)[:-4] + "xxxx")
    expect(page.get_by_role("heading", level=1)).to_have_text("The link did not work")
    fits(page, "link-not-valid")
