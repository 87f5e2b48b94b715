"""Every page of the team's side and the diversity reports, and the candidates' pages of role
alerts and recommending a role, on a phone: at 375 by 800 pixels, with every show-and-hide
section open, nothing makes the page scroll sideways (wide tables scroll inside their own
box), and axe finds nothing serious or critical. The team's pages are looked at on a
desktop screen too, where every table fits its column."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import (
    BoardMember,
    Cohort,
    ImportBatch,
    Job,
    Milestone,
    NearMissOffer,
    Participant,
    Programme,
    StageChange,
    WebhookDelivery,
)
from nedmatch.reports.downloads import PDF_JOB
from nedmatch.services import matching
from nedmatch.services.platform import api_tokens
from nedmatch.services.webhooks import events
from nedmatch.services.webhooks import subscriptions as webhooks
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, make_applicant, make_candidate
from tests.conftest import make_team_user, make_vacancy, team_urls

from .conftest import LiveServer, sign_in_team
from .test_campaign import _QuietReporter, model_folder  # noqa: F401 - a fixture, used by name

pytestmark = pytest.mark.browser

WIDTH = 375
# Team URLs that are files to download or data for a page's script, not pages to read.
DOWNLOADS = {
    "reports.board_composition_csv",
    "reports.journeys_csv",
    "panel.export_panel",
    "panel.export_shortlist",
    "reports.download",
    "reports.bias_audit_download",
    "reports.job_download",
    "sift.application_cv",
    "imports.template_file",
    "imports.problems",
    "imports.status",  # the status page's JSON
}
# Tables in the NHS.UK scroll component become focusable (so keyboards can scroll them)
# once its script sees they overflow; opening the sections makes them overflow, so wait.
SCROLL_BOXES_READY = """() => [...document.querySelectorAll('.nhsuk-scroll__content')]
  .every((box) => box.scrollWidth <= box.clientWidth || box.hasAttribute('tabindex'))"""


def campaign_in_progress() -> dict[str, Any]:
    """An open vacancy with eight applicants at several stages (one at interview, so its
    identity can be revealed), a pool member to invite, a fitted model and two jobs: enough
    for every team page and report to have something in it."""
    admin = make_team_user("admin")
    vacancy = make_vacancy()
    applicants = [make_applicant(vacancy, ACCOUNTANT) for _ in range(4)]
    applicants += [make_applicant(vacancy, career) for career in OTHERS]
    stages = ("shortlisted", "shortlisted", "interview")
    for application, stage in zip(applicants[:3], stages, strict=True):
        application.stage_changes.append(StageChange(from_stage="applied", to_stage=stage))
        application.stage = stage
    pool_member = make_candidate(ACCOUNTANT)
    fit = Job(kind="fit_model", status="done")
    pdf = Job(kind=PDF_JOB, status="running")
    db.session.add_all([fit, pdf])
    db.session.flush()
    # An import waiting for confirmation: its preview, with problems and duplicates.
    batch = ImportBatch(
        filename="regional-talent-list.xlsx",
        consent_source="Regional talent list, consent forms signed 2025",
        created_by=admin.id,
        status="checked",
        check_job_id=fit.id,
        rows=3,
        summary={
            "header_problems": [],
            "ignored_columns": ["Notes"],
            "ready": 1,
            "problem_rows": 1,
            "problems": [
                {
                    "row": 3,
                    "name": "Samplefirst Samplelast",
                    "problems": ["Region: 'Atlantis' is not a region we know. Use one of: London"],
                    "duplicate": "",
                }
            ],
            "duplicates": [
                {
                    "row": 4,
                    "name": "Samplefirst2 Samplelast2",
                    "problems": [],
                    "duplicate": "the same email as someone already in the pool",
                }
            ],
        },
    )
    db.session.add(batch)
    db.session.commit()
    token = api_tokens.create(Actor.team(admin), admin, "Trust recruitment system", "reviewer")
    hook = webhooks.create(
        Actor.team(admin),
        admin,
        "Trust recruitment system",
        "https://recruitment.example.nhs.uk/nedmatch-events",
        [events.STAGE_CHANGED, events.APPOINTED],
    ).subscription
    events.stage_changed(applicants[2], "applied")  # one waiting, one failed after every try
    db.session.flush()
    failed = db.session.execute(db.select(WebhookDelivery)).scalars().first()
    assert failed is not None
    failed.status, failed.attempts = "failed", 6
    failed.last_error = "No answer within 10 seconds"
    db.session.commit()
    # A board with a term ending within six months, for the board and succession pages.
    sitting = [
        BoardMember(
            organisation_id=vacancy.organisation_id,
            name=name,
            role=role,
            term_start=date.today() - timedelta(days=900),
            term_end=date.today() + timedelta(days=days) if days else None,
            committees=["audit"] if role == "audit-chair" else [],
            chairs=["audit"] if role == "audit-chair" else [],
            skill_areas=skills,
        )
        for name, role, days, skills in (
            ("Alex Morgan", "audit-chair", 120, ["accountancy", "audit-risk"]),
            ("Jo Whitfield", "chair", 700, ["business"]),
            ("Priya Nair", "executive", 0, ["clinical-medicine"]),
        )
    ]
    db.session.add_all(sitting)
    # A placement cohort with someone placed, a milestone, and an offer after interview.
    programme = Programme(kind="placement", name="NExT Director placements")
    cohort = Cohort(
        programme=programme,
        name="2026 intake",
        starts_on=date.today() - timedelta(days=100),
        ends_on=date.today() + timedelta(days=200),
        status="running",
    )
    participant = Participant(
        cohort=cohort,
        candidate=pool_member,
        status="placed",
        host_organisation_id=vacancy.organisation_id,
        mentor="Jo Whitfield, chair of another trust",
        applied_on=date.today() - timedelta(days=130),
        placed_on=date.today() - timedelta(days=100),
    )
    milestone = Milestone(
        participant=participant, title="Observe a public board meeting", due_on=date.today()
    )
    offer = NearMissOffer(application=applicants[2], kind="pool", offered_on=date.today())
    db.session.add_all([programme, cohort, participant, milestone, offer])
    db.session.commit()
    matching.fit(_QuietReporter())
    return {
        "programme_id": programme.id,
        "cohort_id": cohort.id,
        "participant_id": participant.id,
        "milestone_id": milestone.id,
        "offer_id": offer.id,
        "member_id": sitting[0].id,
        "organisation_id": vacancy.organisation_id,
        "token_id": token.token.id,
        "subscription_id": hook.id,
        "delivery_id": failed.id,
        "admin": admin.email,
        "ref": applicants[2].reference,
        "kind": "dbs",
        "public_id": applicants[0].candidate.public_id,
        "vacancy_id": vacancy.id,
        "batch_id": batch.id,
        "job_id": fit.id,
        "reports.job_id": pdf.id,
        "status": "closed",
        "pool_member": pool_member.id,
        "others": [a.id for a in applicants[3:]],
    }


def fits_and_passes(page: Page, check_page: Callable[..., None], name: str) -> None:
    """Open every show-and-hide section, then: no sideways scrolling, and axe passes."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true })")
    page.wait_for_function(SCROLL_BOXES_READY)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} pixels wide at {WIDTH}"
    check_page(page, name)


# Tables in the service's scroll boxes that are wider than their box.
OVERFLOWING_TABLES = """() => [...document.querySelectorAll('.app-table-scroll')]
  .filter((box) => box.scrollWidth > box.clientWidth)
  .map((box) => `${box.getAttribute('aria-label')}: ${box.scrollWidth} in ${box.clientWidth}`)"""


def fits_a_desktop(page: Page) -> None:
    """On a desktop screen the same page's tables fit their column: a scroll box is for
    phones, and a table cut at its last column hides figures from whoever does not scroll."""
    page.set_viewport_size({"width": 1280, "height": 800})
    try:
        assert page.evaluate(OVERFLOWING_TABLES) == [], page.url
    finally:
        page.set_viewport_size({"width": WIDTH, "height": 800})


def test_every_team_page_and_report_fits_a_phone(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    model_folder: Path,  # noqa: F811
    check_page: Callable[..., None],
) -> None:
    with live_server.app.app_context():
        values = campaign_in_progress()
        urls = [
            (endpoint, url)
            for endpoint, methods, url in team_urls(live_server.app, values)
            if "GET" in methods and endpoint not in DOWNLOADS
        ]
    page = new_context(viewport={"width": WIDTH, "height": 800}).new_page()
    sign_in_team(page, values["admin"])

    checked = []
    for endpoint, url in urls:
        response = page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        fits_and_passes(page, check_page, endpoint.replace(".", "-").replace("_", "-"))
        fits_a_desktop(page)
        checked.append(endpoint)
    # Every team page and report was looked at: a new one is covered without editing this.
    assert {e.split(".")[0] for e in checked} == {
        "appointments",
        "sift",
        "messages",
        "interviews",
        "panel",
        "privacy",
        "members",
        "reports",
        "pool",
        "imports",
        "api_tokens",
        "webhooks",
        "fppt",
        "timing",
        "boards",
        "development",
    }
    assert {"appointments.dashboard", "sift.vacancy", "reports.report"} <= set(checked)

    # The pages that ask before acting, reached as the team reaches them.
    vacancy = f"/team/vacancies/{values['vacancy_id']}"
    page.goto(f"{vacancy}/pool/invite?candidate_id={values['pool_member']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    fits_and_passes(page, check_page, "confirm-invite")
    page.goto(vacancy)
    for application_id in values["others"]:
        page.locator(f"#select-{application_id}").check()
    page.get_by_label("Action").select_option("rejected")
    page.get_by_label("Reason").fill("The essential criteria are not evidenced.")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Are you sure you want to reject \d+ candidates\?$")
    )
    fits_and_passes(page, check_page, "confirm-bulk-reject")

    # A new API token, shown once: the long token wraps rather than widening the page.
    page.goto("/team/api-tokens")
    page.get_by_label("Name").fill("Board reporting tool")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Copy the new token now")).to_be_visible()
    fits_and_passes(page, check_page, "api-token-created")

    # A new webhook's secret, shown once, wraps too.
    page.goto("/team/webhooks")
    page.get_by_label("Name").fill("Board reporting tool")
    page.get_by_label("Address to send events to").fill("https://reports.example.nhs.uk/hooks")
    page.get_by_role("button", name="Add webhook").click()
    expect(page.get_by_role("heading", name="Copy the signing secret now")).to_be_visible()
    fits_and_passes(page, check_page, "webhook-created")


def test_role_alert_and_recommendation_pages_fit_a_phone(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    check_page: Callable[..., None],
) -> None:
    """The candidates' pages of role alerts and recommending a role, in each state a
    person meets them: first visit, with errors, chosen, and the email's stop link."""
    from nedmatch.services.alerts import wording

    from .test_role_alerts import pool_member, sign_in_with_emailed_link

    def seed() -> dict[str, Any]:
        member = pool_member()
        vacancy = make_vacancy()
        db.session.commit()
        return {"email": member.email, "vacancy_id": vacancy.id, "stop": wording.stop_link(member)}

    with live_server.app.app_context():
        values = seed()
    page = new_context(viewport={"width": WIDTH, "height": 800}).new_page()
    sign_in_with_emailed_link(page, values["email"])
    fits_and_passes(page, check_page, "my-applications")

    page.goto("/role-alerts")
    fits_and_passes(page, check_page, "role-alerts")
    page.get_by_role("button", name="Start emails about new roles").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    fits_and_passes(page, check_page, "role-alerts-errors")
    page.get_by_label("Non-executive director", exact=True).check()
    page.get_by_label("All NHS organisations").check()
    page.get_by_label("Once a week, listing the roles that opened that week").check()
    page.get_by_role("button", name="Start emails about new roles").click()
    expect(page.locator(".app-flash")).to_contain_text("Your choices are saved.")
    fits_and_passes(page, check_page, "role-alerts-chosen")

    stranger = new_context(viewport={"width": WIDTH, "height": 800}).new_page()
    stranger.goto(values["stop"])
    fits_and_passes(stranger, check_page, "role-alerts-stop")
    stranger.get_by_role("button", name="Stop emails about new roles").click()
    expect(stranger.locator(".nhsuk-panel")).to_be_visible()
    fits_and_passes(stranger, check_page, "role-alerts-stopped")
    stranger.goto(values["stop"][:-4])
    expect(stranger.locator(".nhsuk-error-summary")).to_be_visible()
    fits_and_passes(stranger, check_page, "role-alerts-stop-broken")

    stranger.goto(f"/vacancies/{values['vacancy_id']}")
    fits_and_passes(stranger, check_page, "vacancy")
    stranger.get_by_role("link", name="Recommend someone for this role").click()
    fits_and_passes(stranger, check_page, "recommend")
    stranger.get_by_role("button", name="Send the email").click()
    expect(stranger.locator(".nhsuk-error-summary")).to_be_visible()
    fits_and_passes(stranger, check_page, "recommend-errors")
    stranger.get_by_label("Their email address").fill("sam.friend@example.org")
    stranger.get_by_role("button", name="Send the email").click()
    expect(stranger.locator(".nhsuk-panel")).to_be_visible()
    fits_and_passes(stranger, check_page, "recommend-sent")


@pytest.mark.parametrize("width", [WIDTH, 1280])
def test_the_api_docs_page_fits_and_passes(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    check_page: Callable[..., None],
    width: int,
) -> None:
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    response = page.goto("/api/v1/docs")
    assert response is not None and response.ok
    expect(page.get_by_role("heading", level=1)).to_have_text("NEDMatch API")
    page.wait_for_load_state("load")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"the API docs are {scroll} pixels wide at {width}"
    check_page(page, f"api-docs-{width}")


def test_the_application_task_list_and_its_new_pages_fit_a_phone(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    check_page: Callable[..., None],
) -> None:
    """The task list (with sections in every status), the equality page, the ethnic
    background page with its description shown, the eligibility page with a "Tell us more"
    box open, and the check page listing unfinished sections."""
    (vacancy_id,) = live_server.run(make_vacancy, "id")
    page = new_context(viewport={"width": WIDTH, "height": 800}).new_page()
    page.goto(f"/vacancies/{vacancy_id}/apply")
    page.get_by_label("Email address").fill("narrow.screen@example.com")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    base = page.url
    fits_and_passes(page, check_page, "task-list")

    page.goto(f"{base}/eligibility")
    page.get_by_label("I am an employee of the organisation I am applying to").check()
    expect(page.get_by_label("Tell us more about your job with the organisation")).to_be_visible()
    fits_and_passes(page, check_page, "eligibility-revealed")
    page.get_by_label("Tell us more about your job with the organisation").fill("A ward nurse.")
    page.get_by_label("I confirm that the information I have given is true and complete").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")

    page.goto(f"{base}/about-you")
    page.get_by_label("Phone number").fill("0770")
    page.get_by_role("button", name="Save and continue").click()  # kept, not valid: in progress
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()

    page.goto(f"{base}/equality")
    fits_and_passes(page, check_page, "equality")
    page.get_by_role("group", name="What is your ethnic group?").get_by_label(
        "Mixed or multiple ethnic groups"
    ).check()
    page.get_by_role("button", name="Save and continue").click()
    question = (
        "Which of the following best describes your Mixed or multiple ethnic groups background?"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    page.get_by_role("group", name=question).get_by_label(
        "Any other Mixed or Multiple ethnic background"
    ).check()
    page.get_by_label("How would you describe your background? (optional)").fill(
        "White and Chinese"
    )
    fits_and_passes(page, check_page, "ethnic-background")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    statuses = page.locator(".nhsuk-task-list__status").all_inner_texts()
    assert {" ".join(s.split()) for s in statuses} == {
        "Completed",
        "In progress",
        "Not yet started",
        "Cannot start yet",
    }, statuses
    fits_and_passes(page, check_page, "task-list-in-progress")

    page.goto(f"{base}/check")
    expect(page.get_by_text("You have not finished these sections")).to_be_visible()
    fits_and_passes(page, check_page, "check-unfinished")


def test_the_published_bias_audit_fits_a_phone(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    check_page: Callable[..., None],
) -> None:
    """The public summary of a published bias audit, read by anyone, with every table."""
    import random
    from datetime import date

    from nedmatch.diversity.bias_audit import bias_audit
    from nedmatch.diversity.bias_counts import ScoredPerson
    from nedmatch.diversity.bias_snapshot import snapshot
    from nedmatch.diversity.disclosure import DisclosurePolicy
    from nedmatch.domain import ETHNIC_GROUPS
    from nedmatch.models import BiasAuditPublication

    rng = random.Random(5)
    people = [
        ScoredPerson(
            {
                "sex": rng.choice(["female", "male"]),
                "ethnic_group": rng.choice(list(ETHNIC_GROUPS)),
            },
            rng.random(),
            rng.randrange(256),
        )
        for _ in range(400)
    ]
    with live_server.app.app_context():
        publisher = make_team_user("admin", email="publisher@example.com")
        for title in ("The talent pool", "Applicants: Non-executive director, finance"):
            db.session.add(
                BiasAuditPublication(
                    scope_key="pool",
                    title=title,
                    data_source="Everyone in the talent pool who agreed to be matched",
                    data_from=date(2026, 11, 30),
                    data_to=date(2026, 11, 30),
                    audited_on=date(2026, 11, 30),
                    model_version="model-1",
                    figures=snapshot(bias_audit(people, DisclosurePolicy(method="cell-key"))),
                    published_by=publisher.id,
                )
            )
        db.session.commit()
    page = new_context(viewport={"width": WIDTH, "height": 800}).new_page()
    page.goto("/bias-audit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bias audit of our matching model")
    fits_and_passes(page, check_page, "bias-audit-public")
    page.get_by_role("link", name="The talent pool, published").click()
    expect(page.get_by_text("This is an earlier audit.")).to_be_visible()
    fits_and_passes(page, check_page, "bias-audit-public-earlier")
