"""The ranked list's ticks in a real browser: "Select all" for a group, and ticks that
survive moving to another page of the list and back, and a validation error."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from nedmatch.extensions import db
from nedmatch.services import matching
from tests.appointments.test_sift import OTHERS, make_applicant
from tests.conftest import make_team_user, make_vacancy

from .conftest import LiveServer, sign_in_team

pytestmark = pytest.mark.browser


@pytest.fixture
def unranked(live_server: LiveServer, tmp_path: Path) -> Iterator[None]:
    """No model: the list is unranked (one group), which is all paging needs."""
    live_server.app.config["MODEL_FOLDER"] = str(tmp_path / "no-model")
    matching.forget(live_server.app)
    yield
    matching.forget(live_server.app)
    live_server.app.config.pop("MODEL_FOLDER")


def test_ticks_survive_paging_select_all_and_an_error(
    page: Page, live_server: LiveServer, unranked: None, check_page: Callable[..., None]
) -> None:
    def seed() -> tuple[int, list[str]]:
        vacancy = make_vacancy()
        made = [make_applicant(vacancy, OTHERS[i % len(OTHERS)]) for i in range(27)]
        db.session.commit()
        return vacancy.id, sorted(a.reference for a in made)

    (email,) = live_server.run(lambda: make_team_user("reviewer"), "email")
    with live_server.app.app_context():
        vacancy_id, references = seed()

    sign_in_team(page, email)
    page.goto(f"/team/vacancies/{vacancy_id}?sort=reference")

    # Tick two on page 1, go to page 2, tick one there.
    page.get_by_label(f"Select {references[0]}", exact=True).check()
    page.get_by_label(f"Select {references[1]}", exact=True).check()
    expect(page.locator("[data-app-selected-live]")).to_have_text("2 selected")
    page.get_by_role("link", name="Page 2").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    page.get_by_label(f"Select {references[25]}", exact=True).check()
    expect(page.locator("[data-app-selected-live]")).to_have_text("3 selected")

    # Back on page 1 the two ticks are still there.
    page.get_by_role("link", name="Page 1").click()
    expect(page.get_by_label(f"Select {references[0]}", exact=True)).to_be_checked()
    expect(page.get_by_label(f"Select {references[1]}", exact=True)).to_be_checked()
    expect(page.get_by_label(f"Select {references[2]}", exact=True)).not_to_be_checked()

    # "Select all" ticks the page; unticking one leaves it part-ticked.
    select_all = page.get_by_label("Select all 25 applicants on this page")
    select_all.check()
    for reference in references[:25]:
        expect(page.get_by_label(f"Select {reference}", exact=True)).to_be_checked()
    expect(page.locator("[data-app-selected-live]")).to_have_text("26 selected")
    page.get_by_label(f"Select {references[3]}", exact=True).uncheck()
    assert select_all.evaluate("box => box.indeterminate")

    # Rejecting without a reason: the error is on the reason box, and no tick is lost.
    page.get_by_label("Action").select_option("rejected")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter a reason for rejecting the candidates"
    )
    expect(page.locator("#reason-error")).to_be_visible()
    expect(page.get_by_label(f"Select {references[0]}", exact=True)).to_be_checked()
    expect(page.get_by_label(f"Select {references[3]}", exact=True)).not_to_be_checked()
    expect(page.locator("[data-app-selected-live]")).to_have_text("25 selected")
    check_page(page, "ranked-list-error")
