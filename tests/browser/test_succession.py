"""From a term ending to a seated appointee, in a real browser: the succession page shows
the audit chair's term ending and what the board would lose; the team creates the vacancy
from it with the board's skills filled in, opens it, runs the campaign, completes the fit
and proper person checks and appoints; the board page then shows the appointee joining
and the succession page the vacancy in place of the button."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import Page, expect

from nedmatch.extensions import db
from nedmatch.models import Application, BoardMember, Cohort, Participant, Programme, Vacancy
from nedmatch.services.applications.monitoring import subject_key
from nedmatch.services.reporting import journeys
from tests.conftest import make_organisation, make_team_user

from .conftest import LiveServer, record_every_fppt_check, sign_in_team
from .test_campaign import CheckPage, model_folder, seed_applicants  # noqa: F401

pytestmark = pytest.mark.browser

ORGANISATION = "Airedale and Craven NHS Foundation Trust"
TODAY = date.today()


def _board() -> object:
    organisation = make_organisation(name=ORGANISATION)
    for name, role, months, skills in (
        ("Asha Patel", "audit-chair", 4, ["accountancy", "audit-risk"]),
        ("Dev Shah", "chair", 30, ["business"]),
        ("Ben Clarke", "clinical-ned", 16, ["clinical-nursing", "quality-safety"]),
    ):
        end = TODAY + relativedelta(months=months)
        db.session.add(
            BoardMember(
                organisation_id=organisation.id,
                name=name,
                role=role,
                term_start=end - relativedelta(years=3),
                term_end=end,
                skill_areas=skills,
                domains=["governance"],
            )
        )
    db.session.add(
        BoardMember(
            organisation_id=organisation.id,
            name="Eve Hart",
            role="executive",
            title="Chief Finance Officer",
            term_start=TODAY - timedelta(days=800),
            skill_areas=["finance"],
        )
    )
    db.session.commit()
    return organisation


def _move(page: Page, reference: str, stage: str, label: str) -> None:
    page.goto(f"/team/applications/{reference}")
    page.get_by_label("Move to").select_option(stage)
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".app-flash")).to_contain_text(f"{reference} moved to {label}")


def test_from_a_term_ending_to_the_appointee_on_the_board(
    page: Page,
    live_server: LiveServer,
    model_folder: Path,  # noqa: F811
    check_page: CheckPage,
) -> None:
    (email,) = live_server.run(lambda: make_team_user("admin"), "email")
    (organisation_id,) = live_server.run(_board, "id")
    sign_in_team(page, email)

    # The succession page: the audit chair's term ends within six months.
    page.get_by_role("link", name="Boards").first.click()
    page.get_by_role("link", name="Terms ending across all boards (succession)").click()
    soon = page.locator("#ending-6")
    expect(soon).to_contain_text("Asha Patel")
    expect(soon).to_contain_text("Accountancy, Audit and risk")
    expect(page.locator("#ending-18")).to_contain_text("Ben Clarke")
    check_page(page, "succession")

    # Create the vacancy: the draft carries the role, the gaps and the board's matrix.
    page.get_by_role("button", name="Create the vacancy to succeed Asha Patel").click()
    expect(page.locator(".app-flash")).to_contain_text(
        "Draft vacancy created to succeed Asha Patel"
    )
    title = f"Non-executive director (audit committee chair), {ORGANISATION}"
    expect(page.get_by_label("Title", exact=True)).to_have_value(title)
    sought = page.get_by_role("group", name="Skill areas sought")
    expect(sought.get_by_label("Accountancy", exact=True)).to_be_checked()
    expect(sought.get_by_label("Audit and risk", exact=True)).to_be_checked()
    board = page.get_by_role("group", name="Skills the sitting board already has")
    expect(board.get_by_label("Clinical: nursing", exact=True)).to_be_checked()
    expect(board.get_by_label("Accountancy", exact=True)).not_to_be_checked()
    check_page(page, "successor-draft")
    page.get_by_label("Time commitment", exact=True).fill("3 days a month")
    closes = TODAY + timedelta(days=28)
    group = page.get_by_role("group", name="Closing date")
    group.get_by_label("Day").fill(str(closes.day))
    group.get_by_label("Month").fill(str(closes.month))
    group.get_by_label("Year").fill(str(closes.year))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("button", name="Open for applications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open")

    # The campaign: applicants, the ranked list, the stages to recommended.
    references, names = seed_applicants(live_server, title)
    page.goto(page.url)
    ranked = page.locator("table.app-ranked > tbody > tr:not(.app-match-detail)")
    expect(ranked).to_have_count(6)
    reference = ranked.nth(0).get_by_role("link").first.inner_text()
    name = names[references.index(reference)]
    for stage, label in (
        ("longlisted", "longlisted"),
        ("shortlisted", "shortlisted"),
        ("interview", "invited to interview"),
        ("recommended", "recommended"),
    ):
        _move(page, reference, stage, label)

    # The candidate came through last year's board placement.
    def placed_before() -> object:
        application = db.session.execute(
            db.select(Application).filter_by(reference=reference)
        ).scalar_one()
        programme = Programme(kind="placement", name="NExT Director placements")
        cohort = Cohort(
            programme=programme,
            name="2025 intake",
            starts_on=TODAY - timedelta(days=500),
            ends_on=TODAY - timedelta(days=140),
            status="completed",
        )
        participant = Participant(
            cohort=cohort,
            candidate=application.candidate,
            status="completed",
            host_organisation_id=organisation_id,
            mentor="Dev Shah, chair",
            applied_on=TODAY - timedelta(days=560),
            placed_on=TODAY - timedelta(days=500),
            completed_on=TODAY - timedelta(days=140),
        )
        db.session.add(participant)
        db.session.commit()
        return participant

    (participant_id,) = live_server.run(placed_before, "id")

    # The fit and proper person checks, each recorded, then the appointment.
    page.goto(f"/team/applications/{reference}/fppt")
    record_every_fppt_check(page, TODAY)
    _move(page, reference, "appointed", "appointed")

    # The board: the appointee joins the day after the audit chair's term ends.
    page.goto(f"/team/boards/{organisation_id}")
    joining = page.locator("#joining")
    expect(joining).to_contain_text(name)
    with live_server.app.app_context():
        leaving = db.session.execute(
            db.select(BoardMember).filter_by(name="Asha Patel")
        ).scalar_one()
        assert leaving.term_end is not None
        starts = leaving.term_end + timedelta(days=1)
        vacancy_id = db.session.execute(db.select(Vacancy.id).filter_by(title=title)).scalar_one()
    expect(joining).to_contain_text(f"from {starts.day} {starts:%B %Y}")
    check_page(page, "board-after")
    # The succession page now names the successor and links to the vacancy instead of
    # offering to create one.
    page.goto("/team/succession")
    soon = page.locator("#ending-6")
    expect(soon).to_contain_text(f"Successor appointed: {name}")
    expect(soon.get_by_role("link", name=re.compile("^Vacancy"))).to_have_attribute(
        "href", f"/team/vacancies/{vacancy_id}"
    )
    expect(
        page.get_by_role("button", name="Create the vacancy to succeed Asha Patel")
    ).to_have_count(0)
    check_page(page, "succession-after")

    # The pipeline: the person's path ends in the appointment, and the journeys report
    # counts it (protected: the figures are those the report computes from the records).
    page.goto(f"/team/development/participants/{participant_id}")
    expect(page.locator("#path li").last).to_contain_text(f"Appointed: {title}")
    check_page(page, "path-after")
    assert journeys_counted(live_server, application_reference=reference)
    page.goto("/team/reports/journeys")
    with live_server.app.app_context():
        ned = journeys.report().everyone.counts["ned"]
    expected = str(ned.value) if ned.value is not None else "<5"
    expect(page.locator("#everyone tbody tr").first.locator("td").nth(2)).to_have_text(expected)
    check_page(page, "journeys-after")


def journeys_counted(live_server: LiveServer, application_reference: str) -> bool:
    """The appointee's journey, as the report reads it, reaches a placement and a
    non-executive's appointment."""
    with live_server.app.app_context():
        application = db.session.execute(
            db.select(Application).filter_by(reference=application_reference)
        ).scalar_one()
        keyed = {j.person: j for j in journeys.journeys()}
        reached = keyed[subject_key(application.candidate_id)].reached
        return {"placement", "ned"} <= reached
