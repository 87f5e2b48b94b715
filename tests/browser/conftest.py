"""Fixtures for the browser tests: the real app served over HTTP with CSRF on, Chromium
driven through Playwright, and a check that screenshots each page and runs axe-core on it."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from werkzeug.serving import WSGIRequestHandler, make_server

from nedmatch import create_app
from nedmatch.extensions import db
from nedmatch.services.platform import notifications
from tests.conftest import TEAM_PASSWORD, missing

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NHSUK_CSS = ROOT / "static" / "vendor" / "nhsuk" / "nhsuk-frontend.min.css"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# How long a step may take before the test fails: a bound on failure, not a wait (a passing
# step takes what it takes). Generous, because `make test` runs the suite on every core and
# the live server shares them with the other workers: at 5 s, pages timed out on a busy machine.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)
# Axe findings at these levels fail the test; the others are printed for a person to read.
BLOCKING_IMPACTS = {"serious", "critical"}


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine, but fail in CI: there the browser tests must run."""
    missing(reason)


class _ErrorLog(logging.Handler):
    """Keeps what the app logs at ERROR: its error handler turns exceptions into a 500 page,
    so without this a crash would only show up as a confusing assertion about page text."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _QuietRequestHandler(WSGIRequestHandler):
    """One log line per stylesheet and script would bury a failure's own output."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@dataclass
class LiveServer:
    app: Flask
    url: str
    errors: _ErrorLog = field(default_factory=_ErrorLog)

    def run(self, make: Callable[[], Any], *attributes: str) -> tuple[Any, ...]:
        """Call a record factory in the app and return the named attributes of what it made
        (the object itself is detached once the app context ends)."""
        with self.app.app_context():
            made = make()
            return tuple(getattr(made, name) for name in attributes)


@pytest.fixture(scope="session")
def _live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not NHSUK_CSS.exists():
        _unavailable(f"{NHSUK_CSS.relative_to(ROOT)} is missing: run `make setup`.")
    folder = tmp_path_factory.mktemp("browser")
    database = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{folder / 'nedmatch.db'}"
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=database,
        WTF_CSRF_ENABLED=True,
        MAIL_BACKEND="memory",
        UPLOAD_FOLDER=str(folder / "uploads"),
    )
    app.instance_path = str(folder)
    with app.app_context():
        db.create_all()  # a no-op on PostgreSQL when the suite's tables already exist

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietRequestHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    # Links in emails point at this server, so a test can follow them like a person would.
    app.config["BASE_URL"] = url
    live = LiveServer(app=app, url=url)
    app.logger.addHandler(live.errors)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield live
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    app.logger.removeHandler(live.errors)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(_live_server: LiveServer) -> Iterator[LiveServer]:
    """The running app with an empty outbox; afterwards its rows are deleted, because on
    PostgreSQL (TEST_DATABASE_URL) it shares tables with the rest of the suite."""
    notifications.outbox.clear()
    _live_server.errors.records.clear()
    yield _live_server
    app = _live_server.app
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()
    notifications.outbox.clear()
    errors = [f"{r.getMessage()}\n{r.exc_text or ''}" for r in _live_server.errors.records]
    if errors:
        pytest.fail("The app logged errors:\n" + "\n".join(errors))


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (`make chromium` installs it).")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer
) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts (each a fresh set of cookies) on the live server; they are
    closed after the test. Requests to other hosts are refused, so the tests never depend
    on the network (the NHS.UK font falls back to Arial)."""
    contexts: list[BrowserContext] = []

    def open_context(**options: Any) -> BrowserContext:
        options.setdefault("viewport", {"width": 1024, "height": 768})
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.route(
            re.compile(r"^(?!" + re.escape(live_server.url) + r"/)"),
            lambda route: route.abort(),
        )
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


# NHS.UK frontend (like GOV.UK's, which it follows) sets aria-expanded on a radio that
# reveals a question, on purpose: ARIA does not yet allow it on radios (w3c/aria#1404), but
# screen readers announce it and users are helped by it; GOV.UK lists axe's complaint as a
# known issue (alphagov/govuk-frontend#979, #2823). Only that finding is set aside: on a
# radio of the NHS.UK component that controls a conditional reveal, for aria-expanded alone.
_REVEALING_RADIO = re.compile(
    r'^<input class="nhsuk-radios__input"[^>]* aria-controls="conditional-'
)


def _known_issue(rule: str, node: dict[str, Any]) -> bool:
    summary = node.get("failureSummary") or ""
    disallowed = re.findall(r"ARIA attributes? (?:is|are) not allowed: (.+)", summary)
    return (
        rule == "aria-allowed-attr"
        and bool(_REVEALING_RADIO.match(node.get("html", "")))
        and bool(disallowed)
        and all(re.fullmatch(r'aria-expanded="(true|false)"', d.strip()) for d in disallowed)
    )


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does
    # not govern; a <script> tag would be (rightly) refused by the CSP.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    violations: list[dict[str, Any]] = page.evaluate(
        "() => axe.run().then((results) => results.violations)"
    )
    found = []
    for violation in violations:
        nodes = [n for n in violation["nodes"] if not _known_issue(violation["id"], n)]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


@pytest.fixture
def check_page(request: pytest.FixtureRequest) -> Callable[..., None]:
    """Save a numbered full-page screenshot of the page and, unless JavaScript is off,
    run axe-core on it: serious or critical findings fail the test, others are printed."""
    if not AXE.exists():
        _unavailable(f"{AXE.relative_to(ROOT)} is missing: run `npm ci`.")
    prefix = request.node.name.removeprefix("test_").replace("_", "-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{prefix}-[0-9][0-9]-*.png"):
        old.unlink()
    count = 0

    def check(page: Page, name: str, *, axe: bool = True) -> None:
        nonlocal count
        count += 1
        page.screenshot(path=str(SCREENSHOTS / f"{prefix}-{count:02d}-{name}.png"), full_page=True)
        if not axe:
            return
        violations = axe_violations(page)
        for v in violations:
            print(
                f"axe on {page.url} [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)"
            )
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']}\n"
            + "\n".join(f"    {node['html']}\n    {node['failureSummary']}" for node in v["nodes"])
            for v in violations
            if v["impact"] in BLOCKING_IMPACTS
        ]
        assert not blocking, f"axe found problems on {page.url}:\n" + "\n".join(blocking)

    return check


def sign_in_team(page: Page, email: str) -> None:
    """A team member signs in through the page, and lands on the vacancies."""
    page.goto("/team/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(TEAM_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacancies")
    # The header's script sorts its links into "More" once the page has loaded: a click on
    # a header link before that can land on a link that is being moved.
    page.wait_for_load_state("load")


def record_every_fppt_check(page: Page, on: date) -> None:
    """On an application's fit and proper person page: record each of the eight checks as
    satisfactory on ``on``, each on its own form, as the team does."""
    for _ in range(8):
        page.get_by_role("link", name=re.compile("^Record")).first.click()
        page.get_by_label("Satisfactory").check()
        page.get_by_label("Day").fill(str(on.day))
        page.get_by_label("Month").fill(str(on.month))
        page.get_by_label("Year").fill(str(on.year))
        page.get_by_label("Evidence").fill("Seen by the appointments team")
        page.get_by_role("button", name="Save the check").click()
        expect(page.locator(".app-flash")).to_contain_text("satisfactory")
    expect(page.locator("main")).to_contain_text("Every check is complete")
