"""Security (issue 7): the Content Security Policy in a real browser: pages work with JavaScript and nothing on
them is blocked, while an inline script without the nonce is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from nedmatch.extensions import db
from nedmatch.models import Job
from nedmatch.reports.downloads import PDF_JOB
from tests.conftest import make_team_user, make_vacancy

from .conftest import LiveServer, sign_in_team

pytestmark = pytest.mark.browser

# Runs before the page's own scripts, through the DevTools protocol (not governed by the CSP).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


class Watched:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.add_init_script(RECORD_VIOLATIONS)

    def _console(self, message: ConsoleMessage) -> None:
        self.console.append(f"{message.type}: {message.text}")

    def assert_clean(self, where: str) -> None:
        # A click's navigation may still be under way on a busy machine: read the new page.
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate("() => window.__cspViolations")
        assert violations == [], (where, violations)
        csp = [m for m in self.console if "Content Security Policy" in m]
        assert csp == [], (where, csp)
        assert self.errors == [], (where, self.errors)
        # The NHS.UK template's inline script (with the nonce) ran; its module script marks
        # the page as supported when it has loaded, which may take a moment on a busy machine.
        try:
            self.page.wait_for_function(
                "() => document.body.classList.contains('js-enabled')"
                " && document.body.classList.contains('nhsuk-frontend-supported')",
                timeout=30_000,
            )
        except PlaywrightTimeoutError:
            classes = self.page.evaluate("() => document.body.className")
            raise AssertionError((where, classes)) from None


@pytest.fixture
def watched(new_context: Callable[..., BrowserContext]) -> Iterator[Watched]:
    yield Watched(new_context().new_page())


def make_job(kind: str) -> Job:
    job = Job(kind=kind, status="running", step="Working", done=1, total=4)
    db.session.add(job)
    db.session.commit()
    return job


def test_pages_work_with_javascript_and_nothing_is_blocked(
    watched: Watched, live_server: LiveServer
) -> None:
    page = watched.page
    (vacancy_id,) = live_server.run(make_vacancy, "id")
    (email,) = live_server.run(lambda: make_team_user("admin"), "email")

    page.goto("/")
    watched.assert_clean("home")

    # The application's task list, reached through the start form (CSRF on), and a step.
    page.goto(f"/vacancies/{vacancy_id}/apply")
    page.get_by_label("Email address").fill("browser.sample@example.com")
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/applications/[^/]+$"))
    watched.assert_clean("task list")
    page.get_by_role("link", name="About you").click()
    expect(page).to_have_url(re.compile(r"/applications/[^/]+/about-you$"))
    watched.assert_clean("step page")

    sign_in_team(page, email)
    page.goto(f"/team/vacancies/{vacancy_id}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    watched.assert_clean("ranked list")

    (job_id,) = live_server.run(lambda: make_job("fit_model"), "id")
    page.goto(f"/team/jobs/{job_id}")
    # job-status.js (an ES module) hides the no-JavaScript refresh link.
    expect(page.locator(".app-no-js-only")).to_be_hidden()
    page.wait_for_timeout(1500)  # one poll of the status
    watched.assert_clean("model job status")

    (pdf_job_id,) = live_server.run(lambda: make_job(PDF_JOB), "id")
    page.goto(f"/team/reports/jobs/{pdf_job_id}")
    expect(page.locator(".app-no-js-only")).to_be_hidden()
    page.wait_for_timeout(1500)
    watched.assert_clean("report job status")

    page.goto(f"/team/reports/report?vacancy={vacancy_id}")
    watched.assert_clean("report")


def test_an_inline_script_without_the_nonce_is_blocked(
    watched: Watched, live_server: LiveServer
) -> None:
    page = watched.page
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement('script');
          script.textContent = 'window.__injected = true';
          document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__injected === true") is False
    violations = page.evaluate("() => window.__cspViolations")
    assert any(v.startswith("script-src") for v in violations), violations
