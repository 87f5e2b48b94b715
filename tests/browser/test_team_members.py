"""An administrator unlocks a team member locked out after failed sign-ins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from nedmatch.auth import lockout
from nedmatch.extensions import db
from nedmatch.models import TeamUser
from tests.conftest import make_team_user

from .conftest import LiveServer, sign_in_team

pytestmark = pytest.mark.browser


def locked_reviewer() -> TeamUser:
    user = make_team_user("reviewer")
    user.failed_logins = lockout.LOCK_AFTER + 1
    user.locked_until = lockout.now() + timedelta(minutes=5)
    db.session.commit()
    return user


def test_admin_unlocks_a_team_member(
    page: Page, live_server: LiveServer, check_page: Callable[..., None]
) -> None:
    (admin_email,) = live_server.run(lambda: make_team_user("admin"), "email")
    (name,) = live_server.run(locked_reviewer, "name")
    sign_in_team(page, admin_email)

    page.get_by_role("link", name="Team members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team members")
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text("Locked")
    check_page(page, "members")
    row.get_by_role("link", name=f"Unlock {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Unlock {name}'s account?")
    check_page(page, "confirm")
    page.get_by_role("button", name="Unlock the account").click()

    expect(page.get_by_text(f"{name}'s account is unlocked.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=name)).not_to_contain_text("Locked")
