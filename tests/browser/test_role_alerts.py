"""Role alerts in a real browser: a talent pool member chooses the roles they hear about,
the team opens a vacancy, the member reads the alert in their email, follows its link,
applies, and stops the emails through the email's own link without signing in. The team
sees how many were alerted and how many applied. Then someone recommends the role."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.domain import REGIONS, ROLE_TYPES
from nedmatch.extensions import db
from nedmatch.models import Candidate, EligibilityDeclaration
from nedmatch.services import matching
from nedmatch.services.platform import notifications
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, make_candidate
from tests.conftest import TEAM_PASSWORD, make_team_user, make_vacancy

from .conftest import LiveServer
from .test_campaign import _QuietReporter, model_folder  # noqa: F401 - a fixture, used by name

pytestmark = pytest.mark.browser

CheckPage = Callable[..., None]
SCREENSHOTS = Path("/tmp")
# Every step of a pool member's profile, done: applying asks only for a statement.
PROFILE_STEPS = ["about-you", "experience", "competencies", "cv", "eligibility", "equality"]


def pool_member() -> Candidate:
    """A pool member whose profile is complete, in the region of make_vacancy's trust."""
    member = make_candidate(ACCOUNTANT)
    member.region = "north-east-and-yorkshire"
    member.completed_steps = list(PROFILE_STEPS)
    member.eligibility = EligibilityDeclaration(answers={}, confirmed=True)
    return member


def seed_pool() -> SimpleNamespace:
    """The member, the rest of the pool, a vacancy not yet open and a fitted model."""
    admin = make_team_user("admin")
    member = pool_member()
    for _ in range(3):
        make_candidate(ACCOUNTANT)
    for career in OTHERS:
        make_candidate(career)
    vacancy = make_vacancy(status="draft")
    db.session.commit()
    matching.fit(_QuietReporter())
    return SimpleNamespace(
        admin=admin.email, email=member.email, vacancy_id=vacancy.id, title=vacancy.title
    )


def sign_in_with_emailed_link(page: Page, email: str) -> None:
    """As a returning candidate does: ask for a link, open it from the email, continue."""
    page.goto("/return")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send me a link").click()
    [link] = re.findall(r"https?://\S+/return/\S+", emails_to(email)[-1].body)
    page.goto(link)
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")


def emails_to(address: str) -> list[notifications.Email]:
    return [e for e in notifications.outbox if e.to == address]


def screenshot(page: Page, name: str) -> None:
    """A desktop and a 375-pixel screenshot in /tmp, for a person to look at."""
    page.screenshot(path=str(SCREENSHOTS / f"alerts-{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / f"alerts-{name}-375.png"), full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    if size:
        page.set_viewport_size(size)


def choose_alerts(page: Page) -> None:
    roles = page.get_by_role("group", name="Which roles do you want to hear about?")
    roles.get_by_label(ROLE_TYPES["audit-chair"], exact=True).check()
    roles.get_by_label(ROLE_TYPES["ned"], exact=True).check()
    regions = page.get_by_role("group", name="Where could you serve on a board?")
    expect(regions.get_by_label(REGIONS["north-east-and-yorkshire"])).to_be_checked()
    page.get_by_label("All NHS organisations").check()
    page.get_by_label("As soon as a role opens").check()


def test_a_member_is_alerted_applies_and_stops_the_emails(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    model_folder: Path,  # noqa: F811
    check_page: CheckPage,
) -> None:
    with live_server.app.app_context():
        seeded = seed_pool()
    member = new_context().new_page()
    sign_in_with_emailed_link(member, seeded.email)

    # The member finds the choices from their applications page and makes a mistake first.
    member.get_by_role("link", name="Choose emails about new roles").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Emails about new roles")
    check_page(member, "preferences")
    member.get_by_role("button", name="Start emails about new roles").click()
    summary = member.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select at least one type of role")
    expect(summary).to_contain_text("Select how often you want emails about new roles")
    check_page(member, "preferences-errors")
    screenshot(member, "preferences-errors")
    choose_alerts(member)
    screenshot(member, "preferences")
    member.get_by_role("button", name="Start emails about new roles").click()
    expect(member.locator(".app-flash")).to_contain_text(
        "We will email you as soon as a role you asked about opens."
    )
    check_page(member, "preferences-saved")

    # The team opens the vacancy: the alert goes at once.
    team = new_context().new_page()
    team.goto("/team/sign-in")
    team.get_by_label("Email address").fill(seeded.admin)
    team.get_by_label("Password").fill(TEAM_PASSWORD)
    team.get_by_role("button", name="Sign in").click()
    team.goto(f"/team/vacancies/{seeded.vacancy_id}")
    expect(team.get_by_text("When the vacancy opens, pool members who asked")).to_be_visible()
    team.get_by_role("button", name="Open for applications").click()
    expect(team.locator(".app-flash")).to_contain_text("Vacancy opened.")
    [alert] = [e for e in emails_to(seeded.email) if e.subject.startswith("A new board role")]
    assert alert.subject == f"A new board role: {seeded.title}"
    (SCREENSHOTS / "alerts-email.txt").write_text(
        f"To: {alert.to}\nSubject: {alert.subject}\n\n{alert.body}", encoding="utf-8"
    )
    vacancy_link = re.search(r"https?://\S+/vacancies/\d+", alert.body)
    stop_link = re.search(r"https?://\S+/role-alerts/stop/\S+", alert.body)
    assert vacancy_link and stop_link, alert.body

    # The member follows the link and applies: their profile is saved, so only a statement.
    member.goto(vacancy_link.group())
    expect(member.get_by_role("heading", level=1)).to_have_text(seeded.title)
    member.get_by_role("button", name="Apply for this role").click()
    # Their profile is saved: the application's task list needs only a statement.
    expect(member.get_by_role("heading", level=1)).to_have_text("Your application")
    member.locator(".nhsuk-task-list").get_by_role(
        "link", name="Your supporting statement", exact=True
    ).click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Your supporting statement")
    member.get_by_label("Why are you applying for this role?").fill(
        "I am a chartered accountant and a finance director with recent and relevant "
        "financial experience, and I have chaired an audit committee for four years."
    )
    member.get_by_role("group", name="guaranteed interview scheme").get_by_label("No").check()
    member.get_by_role("button", name="Save and continue").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Your application")
    for section in ("Eligibility declarations",):
        status = member.locator(".nhsuk-task-list__item").filter(has_text=section)
        if "Completed" not in status.inner_text():
            status.get_by_role("link").click()
            member.get_by_role("button", name="Save and continue").click()
    member.get_by_role("link", name="Check your answers and submit").click()
    member.get_by_role("button", name="Submit application").click()
    expect(member.locator(".nhsuk-panel")).to_contain_text("Application submitted")

    # The team sees one member alerted, who applied.
    team.reload()
    rows = team.locator("h2:has-text('Emails to the talent pool') + dl")
    expect(rows).to_contain_text("Pool members emailed about this role")
    expect(rows.locator(".nhsuk-summary-list__row").nth(0)).to_contain_text("1")
    expect(rows.locator(".nhsuk-summary-list__row").nth(1)).to_contain_text("Of them, applied")
    expect(rows.locator(".nhsuk-summary-list__row").nth(1)).to_contain_text("1")
    check_page(team, "team-vacancy")

    # The email's stop link works in a browser that is not signed in; opening it alone
    # changes nothing.
    stranger = new_context().new_page()
    stranger.goto(stop_link.group())
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Stop emails about new roles?")
    check_page(stranger, "stop")
    screenshot(stranger, "stop")
    stranger.get_by_role("button", name="Stop emails about new roles").click()
    expect(stranger.locator(".nhsuk-panel")).to_contain_text(
        "You will not get any more emails about new roles"
    )
    check_page(stranger, "stopped")
    member.goto("/role-alerts")
    expect(member.get_by_role("button", name="Start emails about new roles")).to_be_visible()


def test_someone_recommends_an_open_role(
    live_server: LiveServer, page: Page, check_page: CheckPage
) -> None:
    (vacancy_id, title) = live_server.run(make_vacancy, "id", "title")

    page.goto(f"/vacancies/{vacancy_id}")
    page.get_by_role("link", name="Recommend someone for this role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommend someone for this role")
    check_page(page, "recommend")
    page.get_by_label("A short message (optional)").fill("See www.example.com for more")
    page.get_by_role("button", name="Send the email").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the email address of the person you want to recommend")
    expect(summary).to_contain_text("Remove the web address from your message")
    check_page(page, "recommend-errors")
    screenshot(page, "recommend-errors")
    page.get_by_label("Your name (optional)").fill("Jo Lee")
    page.get_by_label("Their email address").fill("sam.friend@example.org")
    page.get_by_label("A short message (optional)").fill("You would be great at this.")
    page.get_by_role("button", name="Send the email").click()
    expect(page.locator(".nhsuk-panel")).to_contain_text("Email sent")
    expect(page.get_by_text("We have not kept the address.")).to_be_visible()
    check_page(page, "recommend-sent")
    [email] = emails_to("sam.friend@example.org")
    assert title in email.body and "Jo Lee (the name they gave us)" in email.body
