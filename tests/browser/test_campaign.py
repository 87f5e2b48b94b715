"""The appointments team runs a whole campaign in a real browser: specify the vacancy, read
the ranked list, sift blind, shortlist in bulk, reveal at interview, score at panel and
appoint."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from nedmatch.extensions import db
from nedmatch.models import Vacancy
from nedmatch.services import matching
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, make_applicant
from tests.conftest import make_organisation, make_team_user

from .conftest import LiveServer, record_every_fppt_check, sign_in_team

pytestmark = pytest.mark.browser

CheckPage = Callable[..., None]
TITLE = "Non-executive director and chair of the audit and risk committee"
ORGANISATION = "Calderdale and Huddersfield NHS Foundation Trust"
ESSENTIALS = [
    "A professional accountancy qualification",
    "Recent and relevant financial experience",
]


class _QuietReporter:
    def step(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


@pytest.fixture
def model_folder(live_server: LiveServer, tmp_path: Path) -> Iterator[Path]:
    """The live app ranks with a model fitted in this test's own folder."""
    folder = tmp_path / "model"
    live_server.app.config["MODEL_FOLDER"] = str(folder)
    matching.forget(live_server.app)
    yield folder
    matching.forget(live_server.app)
    live_server.app.config.pop("MODEL_FOLDER")


def seed_applicants(live_server: LiveServer, title: str) -> tuple[list[str], list[str]]:
    """Applications straight through the models (quicker than the browser), then a fitted
    model; returns the references and the candidates' names."""
    with live_server.app.app_context():
        vacancy = db.session.execute(db.select(Vacancy).filter_by(title=title)).scalar_one()
        made = [make_applicant(vacancy, ACCOUNTANT) for _ in range(4)]
        made += [make_applicant(vacancy, career) for career in OTHERS[:2]]
        db.session.commit()
        matching.fit(_QuietReporter())
        return [a.reference for a in made], [a.candidate.full_name for a in made]


def test_a_whole_campaign(
    page: Page, live_server: LiveServer, model_folder: Path, check_page: CheckPage
) -> None:
    (email,) = live_server.run(lambda: make_team_user("admin"), "email")

    def organisation() -> object:
        made = make_organisation(name=ORGANISATION)
        db.session.commit()
        return made

    live_server.run(organisation, "id")

    # Sign in.
    sign_in_team(page, email)

    # Specify: the whole specification through the form.
    page.get_by_role("button", name="Create a vacancy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a vacancy")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Organisation", exact=True).select_option(label=ORGANISATION)
    page.get_by_label("Role", exact=True).select_option("audit-chair")
    page.get_by_label("About the role", exact=True).fill(
        "The board needs a qualified accountant to chair its audit and risk committee."
    )
    page.get_by_label("Essential criteria", exact=True).fill("\n".join(ESSENTIALS))
    page.get_by_label("Desirable criteria (optional)", exact=True).fill(
        "Experience of chairing an audit committee"
    )
    skills = page.get_by_role("group", name="Skill areas sought")
    for label in ("Accountancy", "Audit and risk"):
        skills.get_by_label(label, exact=True).check()
    page.get_by_label("Time commitment", exact=True).fill("3 days a month")
    page.get_by_label("Pay, pounds a year (optional)", exact=True).fill("13000")
    page.get_by_label("Days a month", exact=True).fill("3")
    closes = date.today() + timedelta(days=28)
    for legend, day in (("Opening date (optional)", date.today()), ("Closing date", closes)):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))
    check_page(page, "specify")
    page.get_by_role("button", name="Continue").click()
    # The summary, checked before saving; changing a section keeps everything typed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the vacancy before saving it")
    check_page(page, "specify-check")
    page.get_by_role("button", name="Change essential and desirable criteria").click()
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label("Essential criteria", exact=True)).to_have_value("\n".join(ESSENTIALS))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save vacancy").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    page.get_by_role("button", name="Open for applications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open")
    vacancy_url = page.url

    references, names = seed_applicants(live_server, TITLE)

    # Rank: every applicant, those evidencing the essentials first, in a group of their own.
    page.goto(vacancy_url)
    ranked = page.locator("table.app-ranked > tbody > tr:not(.app-match-detail)")
    expect(ranked).to_have_count(6)
    groups = page.locator("h3.app-group-heading")
    expect(groups).to_have_text(["Evidence every essential criterion", "Not evidenced yet"])
    rows_under = (
        "xpath=following-sibling::table[1]/tbody/tr[not(contains(@class, 'app-match-detail'))]"
    )
    expect(groups.nth(0).locator(rows_under)).to_have_count(4)
    expect(groups.nth(1).locator(rows_under)).to_have_count(2)
    for row in range(4):
        expect(ranked.nth(row)).to_contain_text("All evidenced")
    # Each criterion's verdict, with the sentence that met it quoted.
    why = page.locator("table.app-ranked .app-match-detail").first
    why.locator("summary").click()
    criteria = why.locator("ul.app-criteria > li").filter(has_text="Essential:")
    expect(criteria).to_have_count(len(ESSENTIALS))
    for item in range(len(ESSENTIALS)):
        expect(criteria.nth(item).locator(".nhsuk-tag")).to_have_text("Met")
        expect(criteria.nth(item).locator("blockquote.app-evidence")).to_contain_text("accountant")
    not_yet = groups.nth(1).locator("xpath=following-sibling::table[1]")
    expect(not_yet.locator(".app-match-detail ul.app-criteria .nhsuk-tag").first).to_have_text(
        re.compile(r"^\s*(Not evidenced|Possible: check)\s*$")
    )
    check_page(page, "rank")
    content = page.content()
    for name in names:
        assert name.split()[-1] not in content

    # Sift blind: the top application shows no name, and the name in the text is redacted.
    top = ranked.nth(0).get_by_role("link").first
    reference = top.inner_text()
    assert reference in references
    top.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect(page.get_by_text("Candidate (blind)")).to_be_visible()
    expect(page.get_by_text("I am [redacted].", exact=False)).to_be_visible()
    name = names[references.index(reference)]
    assert name.split()[-1] not in page.content()
    check_page(page, "sift-blind")

    # Shortlist in bulk: the four who evidence the essentials, twice to the next stage.
    for stage in ("longlisted", "shortlisted"):
        page.goto(vacancy_url)
        for row in range(4):
            ranked.nth(row).get_by_role("checkbox").check()
        page.get_by_label("Action").select_option("advance")
        page.get_by_role("button", name="Apply to selected").click()
        # What will move and who will be told, before it is confirmed.
        expect(page.get_by_role("heading", level=1)).to_have_text("Check before you confirm")
        expect(page.locator(".app-bulk-summary")).to_contain_text("4 candidates will move.")
        check_page(page, f"bulk-preview-{stage}")
        page.get_by_role("button", name="Confirm and move 4 candidates").click()
        expect(page.locator(".app-flash")).to_contain_text("4 candidates moved.")
        # The flash comes first in the page: wait for the whole list, not only the flash.
        expect(ranked.filter(has_text=stage.capitalize())).to_have_count(4)
        check_page(page, f"bulk-{stage}")

    # Interview, and reveal identity for it.
    page.goto(f"/team/applications/{reference}")
    page.get_by_label("Move to").select_option("interview")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to invited to interview")
    page.get_by_role("button", name="Reveal identity for interview").click()
    # It cannot be undone, so a page asks first; nothing is revealed until it is confirmed.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Are you sure you want to reveal who {reference} is?"
    )
    assert name.split()[-1] not in page.content()
    check_page(page, "reveal-confirm")
    page.get_by_role("button", name="Reveal identity", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator(".app-flash")).to_contain_text("This is recorded in the history")
    check_page(page, "revealed")

    # Score at panel.
    page.goto(f"/team/applications/{reference}/panel")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Panel scores for {reference}")
    good = page.get_by_role("radio", name=re.compile(r"^3 . Good evidence"))
    expect(good, "one score for each essential and desirable criterion").to_have_count(3)
    for i in range(good.count()):
        good.nth(i).check()
    check_page(page, "panel")
    page.get_by_role("button", name="Submit scores").click()
    expect(page.locator(".app-flash")).to_contain_text(f"Scores submitted for {reference}")
    expect(page.get_by_role("heading", name="The panel's submitted scores")).to_be_visible()
    check_page(page, "panel-submitted")

    # Recommend; appointing waits for the fit and proper person checks.
    page.goto(f"/team/applications/{reference}")
    page.get_by_label("Move to").select_option("recommended")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to recommended")
    page.get_by_label("Move to").select_option("appointed")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "cannot be appointed until the fit and proper person checks are complete"
    )
    page.get_by_role("link", name=f"Fit and proper person checks for {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Fit and proper person checks: {reference}"
    )
    check_page(page, "fppt")
    today = date.today()
    record_every_fppt_check(page, today)
    check_page(page, "fppt-complete")
    page.goto(f"/team/applications/{reference}")
    page.get_by_label("Move to").select_option("appointed")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to appointed")
    expect(page.locator("main .nhsuk-tag").first).to_have_text("Appointed")
    check_page(page, "appoint")

    # The history has every step, with who did it.
    page.goto(vacancy_url + "/history")
    history = page.locator("table tbody")
    expect(history).to_contain_text("Identity revealed")
    expect(history).to_contain_text("Recommended for appointment → Appointed")
    expect(history).to_contain_text("Test admin")
    check_page(page, "history")
