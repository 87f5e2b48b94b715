"""Every page of the team's side and the diversity reports on a phone: at 375 by 800 pixels,
with every show-and-hide section open, nothing makes the page scroll sideways (wide tables
scroll inside their own box), and axe finds nothing serious or critical."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.extensions import db
from nedmatch.models import Job, StageChange
from nedmatch.reports.downloads import PDF_JOB
from nedmatch.services import matching
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, make_applicant, make_candidate
from tests.conftest import TEAM_PASSWORD, make_team_user, make_vacancy, team_urls

from .conftest import LiveServer
from .test_campaign import _QuietReporter, model_folder  # noqa: F401 - a fixture, used by name

pytestmark = pytest.mark.browser

WIDTH = 375
# Team pages that are files to download, not pages to read.
DOWNLOADS = {
    "panel.export_panel",
    "panel.export_shortlist",
    "reports.download",
    "reports.bias_audit_download",
    "reports.job_download",
    "sift.application_cv",
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
    db.session.commit()
    matching.fit(_QuietReporter())
    return {
        "admin": admin.email,
        "ref": applicants[2].reference,
        "public_id": applicants[0].candidate.public_id,
        "vacancy_id": vacancy.id,
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
    page.goto("/team/sign-in")
    page.get_by_label("Email address").fill(values["admin"])
    page.get_by_label("Password").fill(TEAM_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacancies")

    checked = []
    for endpoint, url in urls:
        response = page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        fits_and_passes(page, check_page, endpoint.replace(".", "-").replace("_", "-"))
        checked.append(endpoint)
    # Every team page and report was looked at: a new one is covered without editing this.
    assert {e.split(".")[0] for e in checked} == {
        "appointments",
        "sift",
        "messages",
        "panel",
        "privacy",
        "members",
        "reports",
        "pool",
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
