"""One candidate from applying to appointment, in a real browser: they apply; the team moves
them through every stage; after each decision the candidate reads the email the service
sent (from the outbox, as it would arrive) and opens every link in it, and each page it
leads to says where they are and what happens next."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.extensions import db
from nedmatch.models import Application, TeamUser, Vacancy
from nedmatch.services.platform import notifications
from tests.conftest import make_team_user, make_vacancy
from tests.factories import complete_fppt
from tests.interviews.conftest import add_slot

from .conftest import LiveServer, sign_in_team
from .test_apply import (
    continue_,
    fill_about_you,
    fill_competencies,
    fill_eligibility,
    fill_equality,
    fill_experience,
    fill_statement,
    open_section,
    submit_and_read_reference,
)

pytestmark = pytest.mark.browser

CheckPage = Callable[..., None]
ADDRESS = "journey.candidate@example.com"
LINK = re.compile(r"https?://\S+")


def emails_to(address: str) -> list[notifications.Email]:
    return [e for e in notifications.outbox if e.to == address]


def follow_every_link(
    context: BrowserContext, email: notifications.Email, check_page: CheckPage, name: str
) -> list[Page]:
    """Open each link in the email in the candidate's browser; every one must lead to a
    working page (a return link's "Continue" pressed, as the candidate would)."""
    pages = []
    for n, link in enumerate(LINK.findall(email.body)):
        page = context.new_page()
        response = page.goto(link.rstrip(".,)"))
        assert response is not None and response.ok, (link, response and response.status)
        continue_button = page.get_by_role("button", name=re.compile("^Continue"))
        if continue_button.count():
            continue_button.first.click()
        expect(page.locator("h1")).to_be_visible()
        check_page(page, f"{name}-link-{n + 1}")
        pages.append(page)
    return pages


def test_one_candidate_from_applying_to_appointment(
    live_server: LiveServer,
    page: Page,
    new_context: Callable[..., BrowserContext],
    check_page: CheckPage,
) -> None:
    def seed() -> tuple[str, int]:
        admin = make_team_user("admin")
        vacancy = make_vacancy()
        db.session.commit()
        return admin.email, vacancy.id

    with live_server.app.app_context():
        admin_email, vacancy_id = seed()
    notifications.outbox.clear()

    # The candidate applies.
    candidate = new_context()
    applying = candidate.new_page()
    applying.goto(f"/vacancies/{vacancy_id}")
    applying.get_by_role("button", name="Apply for this role").click()
    applying.get_by_label("Email address").fill(ADDRESS)
    applying.get_by_role("button", name="Start").click()
    for title, fill in (
        ("About you", fill_about_you),
        ("Your experience and skills", fill_experience),
        ("Evidence against the board competency framework", fill_competencies),
        ("Your supporting statement", fill_statement),
        ("Eligibility declarations", fill_eligibility),
    ):
        open_section(applying, title)
        fill(applying)
        continue_(applying)
    open_section(applying, "Equality monitoring (optional)")
    fill_equality(applying)
    continue_(applying)
    applying.get_by_role("link", name="Check your answers and submit").click()
    reference = submit_and_read_reference(applying)
    [confirmation] = [e for e in emails_to(ADDRESS) if reference in e.body]
    follow_every_link(candidate, confirmation, check_page, "applied")

    # The team: an interview time to offer, then each decision in turn.
    with live_server.app.app_context():
        vacancy = db.session.get(Vacancy, vacancy_id)
        admin = db.session.execute(db.select(TeamUser).filter_by(email=admin_email)).scalar_one()
        add_slot(vacancy, admin)
    sign_in_team(page, admin_email)

    def move(stage: str, label: str) -> None:
        page.goto(f"/team/applications/{reference}")
        page.get_by_label("Move to").select_option(stage)
        page.get_by_role("button", name="Move", exact=True).click()
        expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to {label}")

    move("longlisted", "longlisted")
    for stage, label, subject, explained in (
        ("shortlisted", "shortlisted", "You have been shortlisted", "interview"),
        ("interview", "invited to interview", "Invitation to interview", "interview"),
    ):
        notifications.outbox.clear()
        move(stage, label)
        [news] = emails_to(ADDRESS)
        assert news.subject.startswith(subject), news.subject
        assert reference in news.body
        opened = follow_every_link(candidate, news, check_page, stage)
        assert opened, f"the {stage} email has no link"
        expect(opened[0].locator("main")).to_contain_text(explained)

    # The interview invitation's link: the candidate chooses the time, with an adjustment,
    # and gets a calendar invitation.
    [booking] = [p for p in opened if p.url.endswith("/interview")]
    # Opening the email's other link signed the browser in afresh (a new session), so the
    # form in this earlier tab is out of date: the candidate comes back to it.
    booking.reload()
    expect(booking.get_by_role("heading", level=1)).to_have_text("Choose your interview time")
    booking.get_by_role("radio").first.check()
    booking.get_by_label("Step-free access to the building and the interview room").check()
    notifications.outbox.clear()
    booking.get_by_role("button", name=re.compile("^Book")).click()
    expect(booking.locator(".app-flash")).to_contain_text("Your interview is booked")
    [booked] = emails_to(ADDRESS)
    assert [a.filename for a in booked.attachments] == ["interview.ics"]
    check_page(booking, "booked")

    # Reveal at interview, then recommend and appoint: each decision told.
    page.goto(f"/team/applications/{reference}/reveal")
    page.get_by_role("button", name=re.compile("^Reveal")).click()
    for stage, label, subject in (
        ("recommended", "recommended for appointment", "recommended"),
        ("appointed", "appointed", "your appointment"),
    ):
        notifications.outbox.clear()
        if stage == "appointed":  # the fit and proper person checks, made beforehand
            with live_server.app.app_context():
                application = db.session.execute(
                    db.select(Application).filter_by(reference=reference)
                ).scalar_one()
                complete_fppt(application)
                db.session.commit()
        move(stage, label)
        [news] = emails_to(ADDRESS)
        assert subject in news.subject.lower(), news.subject
        opened = follow_every_link(candidate, news, check_page, stage)
        assert opened, f"the {stage} email has no link"
    mine = opened[0]
    expect(mine.get_by_role("heading", level=1)).to_have_text("Your applications")
    expect(mine.locator("main")).to_contain_text("Appointed")
