"""Fixtures shared by the whole suite: the app on SQLite (or TEST_DATABASE_URL), clients,
sign-in helpers, and the record factories of tests/factories.py.

`make test` runs the suite in parallel (pytest-xdist, `-n auto --dist loadgroup`). Each
worker has a database of its own: on SQLite an in-memory database per process (and a file
in the worker's own temporary folder for the browser tests' live server); with
TEST_DATABASE_URL set to PostgreSQL, a database named after the given one and the worker
(`test_gw0`, `test_gw1`, ...), created when the worker starts and dropped when it ends.
Tests that share something outside their worker run together on one worker (SERIAL_GROUPS).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import lxml.html
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from sqlalchemy.engine import make_url
from werkzeug.datastructures import MultiDict
from werkzeug.routing import AnyConverter
from werkzeug.test import TestResponse

from config import TestingConfig
from nedmatch import create_app
from nedmatch.extensions import db
from nedmatch.models import TeamUser, Vacancy
from nedmatch.services.platform import notifications
from tests.factories import TEAM_PASSWORD as TEAM_PASSWORD
from tests.factories import make_organisation as make_organisation
from tests.factories import make_team_user, make_vacancy

# Hypothesis: "dev" (the default) is quick; "ci" (when CI is set) tries more examples, the
# same ones on every run, so a CI failure is reproducible and never depends on luck. No
# deadline in either: with the suite running in parallel, a slow example is not a bug.
# HYPOTHESIS_PROFILE chooses one by name. Tests that set max_examples themselves keep it.
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

# Tests that share something outside their worker process, so must not run at the same time
# as each other on two workers: each group runs on one worker (xdist's --dist loadgroup).
SERIAL_GROUPS = {
    # One Redis database (number 15), which each test empties.
    "tests/production/test_queue.py": "redis",
    # Two gunicorn servers and a seeded database per module: started once, not once per worker.
    "tests/production/test_two_servers.py": "gunicorn",
}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        group = SERIAL_GROUPS.get(item.nodeid.split("::")[0])
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


_WORKER_DATABASE = pytest.StashKey[tuple[str, str]]()


def _admin_url(url: str) -> str:
    """The server's maintenance database, as libpq takes it: where databases are made."""
    return (
        make_url(url)
        .set(drivername="postgresql", database="postgres")
        .render_as_string(hide_password=False)
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """On PostgreSQL, an xdist worker makes its own database and points the suite at it."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not url.startswith("postgresql"):
        return  # one process (its database is the given one), or SQLite (per process)
    import psycopg
    from psycopg import sql

    name = f"{make_url(url).database}_{worker}"
    with psycopg.connect(_admin_url(url), autocommit=True, connect_timeout=10) as connection:
        # Left behind by a run that was killed: start from nothing.
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    worker_url = make_url(url).set(database=name).render_as_string(hide_password=False)
    # config.py read the variable when it was imported; tests that read it later see this too.
    TestingConfig.SQLALCHEMY_DATABASE_URI = worker_url
    os.environ["TEST_DATABASE_URL"] = worker_url
    session.config.stash[_WORKER_DATABASE] = (url, name)


@pytest.hookimpl(trylast=True)  # after the session's fixtures have closed their connections
def pytest_sessionfinish(session: pytest.Session) -> None:
    made = session.config.stash.get(_WORKER_DATABASE, None)
    if made is None:
        return
    import psycopg
    from psycopg import sql

    url, name = made
    with psycopg.connect(_admin_url(url), autocommit=True, connect_timeout=10) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    os.environ["TEST_DATABASE_URL"] = url


class RequestContextClient(FlaskClient):
    """Gives every request its own application context, as a server does.

    The suite holds one application context open so tests can use the database, and Flask
    reuses an open context for requests: without this, `g` (the signed-in candidate, the
    signed-in team member) and the database session would carry over from one request, or
    one browser, to the next, and tests could pass that fail for real users.
    """

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()  # the test then reads what the request wrote
        return response


def missing(reason: str) -> None:
    """Skip a test whose requirement (a browser, gunicorn, Redis) is absent on a developer's
    machine; in CI, where every test must run, fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run this test", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    app = create_app("testing", UPLOAD_FOLDER=str(instance / "uploads"))
    app.instance_path = str(instance)
    app.test_client_class = RequestContextClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()  # close pooled connections now, not in a ResourceWarning at exit


@pytest.fixture
def app(_app: Flask) -> Iterator[Flask]:
    """A clean database for every test: rows are deleted, tables are kept (fast on both DBs)."""
    notifications.outbox.clear()
    yield _app
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def outbox() -> list[notifications.Email]:
    return notifications.outbox


def sign_in(client: FlaskClient, user: TeamUser) -> None:
    response = client.post("/team/sign-in", data={"email": user.email, "password": TEAM_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def vacancy(app: Flask) -> Vacancy:
    return make_vacancy()


@pytest.fixture
def reviewer(app: Flask) -> TeamUser:
    return make_team_user("reviewer")


@pytest.fixture
def admin(app: Flask) -> TeamUser:
    return make_team_user("admin")


# A whole valid application, step by step, used by journey tests and others.
VALID_STEPS: dict[str, dict[str, Any]] = {
    "about-you": {
        "first_name": "Amara",
        "last_name": "Okafor",
        "phone": "07700 900 982",
        "postcode": "ls1 4ap",
        "region": "north-east-and-yorkshire",
    },
    "experience": {
        "current_role": "Finance Director, Aire Valley Housing Association",
        "career_summary": (
            "Chartered accountant (ICAEW) with twenty years in finance leadership across "
            "housing and local government, including ten years as a finance director."
        ),
        "skill_areas": ["accountancy", "audit-risk", "finance"],
        "board_experience": "other-board",
        "availability": "3-5",
        "willing_challenged": "yes",
        "consent_to_match": "yes",
    },
    "competencies": {
        "evidence_governance": (
            "I chaired the audit and risk committee of a housing association for four years "
            "and rebuilt its board assurance framework."
        ),
        "evidence_outcomes": "I led a value for money review that released savings for services.",
    },
    "statement": {
        "statement": (
            "I am a qualified accountant with recent and relevant financial experience as a "
            "finance director, and I have chaired an audit committee. I want to bring that "
            "experience to the trust's board."
        ),
        "guaranteed_interview": "no",
    },
    "cv": {},
    "eligibility": {"items": ["none"], "confirm": "y"},
    "equality": {"sex": "female", "ethnicity": "african", "disability": "prefer-not-to-say"},
}


# Reading pages the way a person would: the error summary, field errors, and what is in the
# form. Shared by the candidate, team and sign-in tests.

CANDIDATE_EMAIL = "amara.okafor@example.com"

# Browsers show control characters as U+FFFD; lxml refuses them outright.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def as_browser_shows(value: str) -> str:
    return _CONTROL_CHARS.sub("\ufffd", value)


def parse_page(response: TestResponse) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(as_browser_shows(response.get_data(as_text=True)))


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def page_text(response: TestResponse) -> str:
    """The page's visible words, whitespace collapsed, without scripts."""
    page = parse_page(response)
    for script in page.xpath("//script"):
        script.drop_tree()
    return _text(page)


def error_summary(response: TestResponse) -> list[tuple[str, str]]:
    """The NHS.UK error summary as (link target, message) pairs; [] when there is none."""
    page = parse_page(response)
    summaries = page.find_class("nhsuk-error-summary")
    if not summaries:
        return []
    assert "There is a problem" in _text(summaries[0])
    return [
        (item.get("href", ""), _text(item))
        for item in summaries[0].xpath(".//li/a | .//li[not(a)]")
    ]


def assert_field_error(response: TestResponse, field_id: str, message: str) -> None:
    """The summary links to the field, the field exists, and the message is shown by it."""
    assert response.status_code == 200, response.status_code
    summary = error_summary(response)
    assert (f"#{field_id}", message) in summary, summary
    page = parse_page(response)
    assert page.get_element_by_id(field_id, None) is not None, f"no element #{field_id}"
    inline = page.get_element_by_id(f"{field_id}-error", None)
    assert inline is not None and message in _text(inline), f"no message by #{field_id}"


def task_statuses(response: TestResponse) -> dict[str, str]:
    """A task list page's sections, each with its status as shown: {name: status}."""
    assert response.status_code == 200, response.status_code
    return {
        _text(item.find_class("nhsuk-task-list__name-and-hint")[0].xpath("./*[1]")[0]): _text(
            item.find_class("nhsuk-task-list__status")[0]
        )
        for item in parse_page(response).find_class("nhsuk-task-list__item")
    }


def form_values(response: TestResponse) -> MultiDict[str, str]:
    """What the page's form would post if the person pressed the button now."""
    values: MultiDict[str, str] = MultiDict()
    page = parse_page(response)
    for element in page.xpath("//form[@method='post']//*[@name]"):
        name = element.get("name")
        if element.tag == "input":
            kind = element.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if element.get("checked") is not None:
                    values.add(name, element.get("value", "on"))
            elif kind not in {"submit", "file", "hidden"}:
                values.add(name, element.get("value", ""))
        elif element.tag == "textarea":
            values.add(name, element.text or "")
        elif element.tag == "select":
            options = element.xpath(".//option")
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            for option in chosen:
                values.add(name, option.get("value", ""))
    return values


def start_application(client: FlaskClient, vacancy: Vacancy, email: str = CANDIDATE_EMAIL) -> str:
    """Start an application as a new candidate in this browser; returns its reference."""
    response = client.post(f"/vacancies/{vacancy.id}/apply", data={"email": email})
    assert response.status_code == 302, response.get_data(as_text=True)
    ref = response.location.split("/")[2]
    assert response.location == f"/applications/{ref}"  # its task list
    return ref


def complete_steps(client: FlaskClient, base: str, slugs: Iterable[str]) -> None:
    """Post the valid answers of VALID_STEPS for each step under base ('/profile' or
    '/applications/<ref>')."""
    for slug in slugs:
        response = client.post(f"{base}/{slug}", data=VALID_STEPS[slug])
        assert response.status_code == 302, (slug, error_summary(response))


def return_links(outbox: list[notifications.Email], to: str) -> list[str]:
    """The return links emailed to an address, oldest first, as paths on this site."""
    found = []
    for email in outbox:
        if email.to == to:
            found += re.findall(r"https?://[^/\s]+(/return/[A-Za-z0-9_.\-]+)", email.body)
    return found


def use_return_link(client: FlaskClient, link: str) -> TestResponse:
    """Open an emailed return link and press "Continue", as the candidate does: opening the
    link alone signs nobody in. Returns the response to the button's POST."""
    page = client.get(link)
    assert page.status_code == 200, page.status_code
    assert "Continue as" in page_text(page), page_text(page)
    return client.post(link, data={"csrf_token": form_values_hidden(page, "csrf_token")})


def form_values_hidden(response: TestResponse, name: str) -> str:
    """A hidden input's value (empty when the test app does not use CSRF tokens)."""
    found = parse_page(response).xpath(f"//input[@name='{name}']/@value")
    return str(found[0]) if found else ""


TEAM_BLUEPRINTS = frozenset(
    {
        "appointments",
        "sift",
        "panel",
        "privacy",
        "members",
        "reports",
        "messages",
        "pool",
        "imports",
        "interviews",
        "fppt",
        "timing",
        "boards",
        "development",
        "api_tokens",
        "webhooks",
    }
)


def team_urls(app: Flask, values: dict[str, Any]) -> list[tuple[str, list[str], str]]:
    """(endpoint, methods, URL) for every rule of the team's blueprints, with real values in
    the URL: values[name], or values["<blueprint>.<name>"] where blueprints differ (or
    values["<endpoint>.<name>"] where one endpoint needs its own, e.g. a deletion). A rule
    that takes one of a fixed list (any(...)) gives a URL for each."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        blueprint = rule.endpoint.split(".")[0]
        if blueprint not in TEAM_BLUEPRINTS:
            continue
        options: dict[str, list[Any]] = {}
        for name in sorted(rule.arguments):
            converter = rule._converters[name]
            if isinstance(converter, AnyConverter):
                options[name] = sorted(converter.items)
            elif f"{rule.endpoint}.{name}" in values:
                options[name] = [values[f"{rule.endpoint}.{name}"]]
            elif f"{blueprint}.{name}" in values:
                options[name] = [values[f"{blueprint}.{name}"]]
            elif name in values:
                options[name] = [values[name]]
            else:
                raise AssertionError(f"{rule.rule}: give the test a value for {name!r}")
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for combination in itertools.product(*options.values()):
            url = rule.build(dict(zip(options, combination, strict=True)))[1]
            found.append((rule.endpoint, methods, url))
    return found
