"""Candidates kept informed, in a real browser: the team words the shortlisting message
for a vacancy with a preview, shortlists a candidate, and the candidate reads the email
and follows its link to a page that says what happens next."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.extensions import db
from nedmatch.models import StageChange
from nedmatch.services.platform import notifications
from tests.appointments.test_sift import ACCOUNTANT, make_applicant
from tests.conftest import make_team_user, make_vacancy

from .conftest import LiveServer, sign_in_team

pytestmark = pytest.mark.browser

CheckPage = Callable[..., None]


def test_a_shortlisted_candidate_is_told_and_sees_what_happens_next(
    live_server: LiveServer,
    page: Page,
    new_context: Callable[..., BrowserContext],
    check_page: CheckPage,
) -> None:
    email, _ = live_server.run(lambda: make_team_user("reviewer"), "email", "id")

    def seed() -> SimpleNamespace:
        vacancy = make_vacancy()
        application = make_applicant(vacancy, ACCOUNTANT)
        application.stage_changes.append(StageChange(from_stage="applied", to_stage="longlisted"))
        application.stage = "longlisted"
        db.session.commit()
        return SimpleNamespace(
            reference=application.reference,
            vacancy_id=vacancy.id,
            email=application.candidate.email,
        )

    reference, vacancy_id, address = live_server.run(seed, "reference", "vacancy_id", "email")

    sign_in_team(page, email)

    # The wording, from the vacancy page, with a preview for a sample candidate.
    page.goto(f"/team/vacancies/{vacancy_id}")
    page.get_by_role("link", name="Messages to candidates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages to candidates")
    check_page(page, "messages")
    page.get_by_role("link", name=re.compile("^Read or change.*shortlisted")).click()
    page.get_by_label("Message").fill("Dear {first_name},\n\nWe have {news}.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "The message uses {news}, which is not a placeholder. Use only {first_name}"
    )
    check_page(page, "message-error")
    page.get_by_label("Message").fill(
        "Dear {first_name},\n\nYou are on the shortlist for {vacancy_title} ({reference}).\n\n"
        "See your applications: {my_applications_link}"
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".app-message-preview")).to_contain_text("Dear Alex,")
    check_page(page, "message-preview")
    page.get_by_role("button", name="Save for this vacancy").click()
    expect(page.locator(".app-flash")).to_contain_text(
        "The shortlisted message for this vacancy is saved."
    )

    # Shortlist the candidate: the email goes at once.
    page.goto(f"/team/applications/{reference}")
    page.get_by_label("Move to").select_option("shortlisted")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to shortlisted")
    [sent] = [e for e in notifications.outbox if e.to == address]
    assert (
        sent.subject
        == "You have been shortlisted: Non-executive director and chair of the audit committee"
    )
    assert "You are on the shortlist for" in sent.body and reference in sent.body

    # The history says what was sent to whom, with the address masked.
    page.get_by_role("link", name=re.compile("^History and messages to the candidate")).click()
    row = page.locator("table.app-messages tbody tr").first
    expect(row).to_contain_text("Shortlisted")
    expect(row).to_contain_text("Sent")
    expect(row).to_contain_text(f"{address[0]}...@{address.partition('@')[2]}")
    check_page(page, "application-history")

    # The candidate follows the email's link to their applications.
    [link] = re.findall(r"https?://\S+/return/\S+", sent.body)
    candidate = new_context().new_page()
    candidate.goto(link)
    candidate.get_by_role("button", name=re.compile("^Continue")).click()
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Your applications")
    expect(candidate.locator(".app-stage-explained")).to_contain_text(
        "The panel will decide who to invite to interview by"
    )
    check_page(candidate, "my-applications")
