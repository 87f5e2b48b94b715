"""Interview arrangements in a real browser: the team offers two times, moves a candidate
to interview; the candidate opens the link in the invitation, chooses a time and asks for
an adjustment; the team sees who is booked when, with the adjustment. The new pages pass
axe and fit a 375-pixel screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.extensions import db
from nedmatch.models import StageChange
from nedmatch.services.platform import notifications
from tests.appointments.test_sift import ACCOUNTANT, make_applicant
from tests.conftest import make_team_user, make_vacancy

from .conftest import LiveServer, sign_in_team
from .test_narrow_screens import WIDTH, fits_and_passes

pytestmark = pytest.mark.browser

CheckPage = Callable[..., None]
DAY = date.today() + timedelta(days=14)
SHOTS = "/tmp/interviews-{}.png"


def test_the_team_offers_times_and_the_candidate_chooses_one_with_an_adjustment(
    live_server: LiveServer,
    page: Page,
    new_context: Callable[..., BrowserContext],
    check_page: CheckPage,
) -> None:
    email, _ = live_server.run(lambda: make_team_user("reviewer"), "email", "id")

    def seed() -> SimpleNamespace:
        vacancy = make_vacancy()
        application = make_applicant(vacancy, ACCOUNTANT)
        application.stage_changes.append(StageChange(from_stage="applied", to_stage="shortlisted"))
        application.stage = "shortlisted"
        db.session.commit()
        return SimpleNamespace(
            reference=application.reference,
            vacancy_id=vacancy.id,
            address=application.candidate.email,
        )

    reference, vacancy_id, address = live_server.run(seed, "reference", "vacancy_id", "address")

    sign_in_team(page, email)

    # Offer a time, from the vacancy page.
    page.goto(f"/team/vacancies/{vacancy_id}")
    page.get_by_role("link", name="Interviews", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interviews")
    page.get_by_role("button", name="Add an interview time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an interview time")
    # A mistake first: the boxes at fault are marked, and what was typed stays.
    page.get_by_label("Day").fill(str(DAY.day))
    page.get_by_label("Year").fill(str(DAY.year))
    page.get_by_label("Start time").fill("2:30pm")
    page.get_by_role("button", name="Add this time").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Date of the interview must include a month"
    )
    expect(page.get_by_label("Day")).to_have_value(str(DAY.day))
    check_page(page, "add-time-error")
    page.get_by_label("Month").fill(str(DAY.month))
    page.get_by_label("Length").fill("45")
    page.get_by_label("In person").check()
    page.get_by_label("Address or video call link").fill(
        "Room 4, Trust Headquarters, St James's University Hospital, Beckett Street, Leeds LS9 7TF"
    )
    page.get_by_label("Instructions for the candidate (optional)").fill(
        "Ask for the board secretary at the main reception."
    )
    page.screenshot(path=SHOTS.format("add-time"), full_page=True)
    page.get_by_role("button", name="Add this time").click()
    expect(page.locator(".app-flash")).to_contain_text("Interview time added:")
    expect(page.locator(".app-slot")).to_contain_text("2:30pm to 3:15pm")
    # A second time straight after the first, from the first's card.
    page.get_by_role("link", name=re.compile("^Add a time after this one")).click()
    expect(page.get_by_label("Start time")).to_have_value("3:15pm")
    page.get_by_role("button", name="Add this time").click()
    expect(page.locator(".app-slot")).to_have_count(2)

    # Invite the candidate: the message goes at once, with the link to choose a time.
    page.goto(f"/team/applications/{reference}")
    page.get_by_label("Move to").select_option("interview")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to invited to interview")
    [invitation] = [e for e in notifications.outbox if e.to == address]
    assert invitation.subject.startswith("Invitation to interview:")
    [link] = re.findall(r"https?://\S+/interview/\S+", invitation.body)

    # The candidate follows it, signs in with Continue, and chooses.
    candidate = new_context().new_page()
    candidate.goto(link)
    candidate.get_by_role("button", name=re.compile("^Continue")).click()
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Choose your interview time")
    check_page(candidate, "choose-time")
    candidate.screenshot(path=SHOTS.format("choose-desktop"), full_page=True)
    candidate.get_by_label(re.compile(r"3:15pm to 4pm")).check()
    candidate.get_by_label("Step-free access to the building and the interview room").check()
    candidate.get_by_label("Anything else we should arrange for you (optional)").fill(
        "A parking space near the entrance, please."
    )
    notifications.outbox.clear()
    candidate.get_by_role("button", name="Book this time").click()
    expect(candidate.locator(".app-flash")).to_contain_text("Your interview is booked")
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Your interview")
    expect(candidate.locator(".app-interview")).to_contain_text("3:15pm to 4pm (UK time)")
    expect(candidate.locator(".app-interview")).to_contain_text("Step-free access")
    check_page(candidate, "booked")
    candidate.screenshot(path=SHOTS.format("booked-desktop"), full_page=True)

    # Both were sent the calendar invitation.
    assert sorted(e.to for e in notifications.outbox) == sorted(
        [address, live_server.app.config["APPOINTMENTS_TEAM_EMAIL"]]
    )
    for sent in notifications.outbox:
        event = Calendar.from_ical(sent.attachments[0].data).walk("VEVENT")[0]
        assert event.decoded("dtstart").strftime("%H:%M") == "15:15"

    # On a phone: the booking, and the page to change it, fit and pass axe.
    candidate.set_viewport_size({"width": WIDTH, "height": 800})
    candidate.reload()
    fits_and_passes(candidate, check_page, "booked-375")
    candidate.get_by_role("button", name="Change the time or adjustments").click()
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Change your interview")
    fits_and_passes(candidate, check_page, "change-375")
    candidate.screenshot(path=SHOTS.format("choose-375"), full_page=True)
    candidate.goto(f"/applications/{reference}/interview/cancel")
    fits_and_passes(candidate, check_page, "cancel-375")
    candidate.goto("/my-applications")
    expect(candidate.locator(".app-interview-link")).to_contain_text("Your interview:")
    fits_and_passes(candidate, check_page, "my-applications-375")

    # The team sees who is booked when, and the adjustment asked for.
    page.goto(f"/team/vacancies/{vacancy_id}/interviews")
    booked_card = page.locator(".app-slot").nth(1)
    expect(booked_card).to_contain_text(reference)
    expect(booked_card).to_contain_text("Step-free access to the building and the interview room")
    expect(booked_card).to_contain_text("A parking space near the entrance, please.")
    expect(booked_card).to_contain_text("1 of 1 booked")
    expect(page.locator(".app-slot").nth(0)).to_contain_text("Nobody yet")
    check_page(page, "schedule")
    page.screenshot(path=SHOTS.format("schedule-desktop"), full_page=True)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.reload()
    fits_and_passes(page, check_page, "schedule-375")
    page.screenshot(path=SHOTS.format("schedule-375"), full_page=True)
    booked_card = page.locator(".app-slot").nth(1)
    booked_card.get_by_role("link", name=re.compile("^Cancel this time")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to cancel this interview time?"
    )
    expect(page.locator("main")).to_contain_text(f"{reference} will be emailed at once")
    fits_and_passes(page, check_page, "cancel-time-375")
