"""Two app servers (gunicorn processes with caches of their own) on one database: nothing a
person does is tied to the server that happened to answer.

Uses PostgreSQL when TEST_DATABASE_URL is PostgreSQL (a throwaway database of its own),
else a SQLite file. The servers share only the database, the SECRET_KEY, and the CV folder
that a deployment mounts on every server; their model caches are separate folders.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from config import BASE_DIR
from nedmatch import create_app
from nedmatch.extensions import db
from nedmatch.models import Organisation, Vacancy
from tests.conftest import TEAM_PASSWORD, VALID_STEPS, make_team_user, make_vacancy, missing

pytestmark = pytest.mark.production

GUNICORN = Path(sys.executable).with_name("gunicorn")
PASSWORD_FIELD = {"email": "admin@nhs.example", "password": TEAM_PASSWORD}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    test_url = os.environ.get("TEST_DATABASE_URL", "")
    if not test_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'shared.db'}"
        return
    import psycopg

    base = make_url(test_url).set(drivername="postgresql")
    name = f"nedmatch_prod_{secrets.token_hex(4)}"
    admin_url = base.set(database="postgres").render_as_string(hide_password=False)
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        missing(f"PostgreSQL at {test_url} did not answer: {error}")
    yield base.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Seeded:
    vacancy_id: int
    other_vacancy_id: int


@pytest.fixture(scope="module")
def seeded(database_url: str) -> Iterator[Seeded]:
    """Schema, a team administrator, open vacancies and a small pool of applicants."""
    from nedmatch.demo.seed import seed_demo

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        db.create_all()
        seed_demo(pool_size=150, seed=7)
        db.session.commit()
        make_team_user("admin", email=PASSWORD_FIELD["email"])
        organisation = db.session.execute(db.select(Organisation).limit(1)).scalar_one()
        first = make_vacancy(organisation)
        other = make_vacancy(organisation, title="Non-executive director: digital")
        seeded = Seeded(vacancy_id=first.id, other_vacancy_id=other.id)
        applied = db.session.execute(
            db.select(Vacancy.id).join(Vacancy.applications).limit(1)
        ).scalar_one()
        seeded.vacancy_id = applied  # a vacancy that already has applicants to rank
        db.session.remove()
        db.engine.dispose()
    yield seeded


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


@pytest.fixture(scope="module")
def servers(
    database_url: str, seeded: Seeded, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Server]]:
    if not GUNICORN.exists():
        missing(f"gunicorn is not installed at {GUNICORN}")
    shared = tmp_path_factory.mktemp("shared")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "RATELIMIT_STORAGE_URI", "UPLOAD_FOLDER", "MODEL_FOLDER"}
    }
    env.update(
        NEDMATCH_CONFIG="development",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),  # the one thing sessions need to be shared
        MONITORING_KEY=secrets.token_hex(32),
        CV_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        SHARED_STORAGE_PATH=str(shared),
        MODEL_CHECK_SECONDS="1",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="4",
        GUNICORN_ACCESS_LOG="",
        LOG_FORMAT="plain",
    )
    started: list[Server] = []
    for name in ("a", "b"):
        port = _free_port()
        log = tmp_path_factory.mktemp(f"server-{name}") / "log"
        server_env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            # Each server's own cache: the model must reach it through the database.
            "MODEL_FOLDER": str(log.parent / "model"),
        }
        with log.open("wb") as output:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                [str(GUNICORN), "-c", str(BASE_DIR / "gunicorn.conf.py"), "wsgi:app"],
                cwd=BASE_DIR,
                env=server_env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        started.append(Server(f"http://127.0.0.1:{port}", process, log))
    try:
        for server in started:
            _wait_until_up(server)
        yield started[0], started[1]
    finally:
        for server in started:
            server.process.terminate()
        for server in started:
            try:
                server.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
        shutil.rmtree(shared, ignore_errors=True)


def _wait_until_up(server: Server) -> None:
    # Generous: with the suite running in parallel a worker takes a while to import the app.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"The server stopped:\n{server.log.read_text()[-3000:]}")
        try:
            if requests.get(f"{server.url}/health", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # the worker is still importing the app
            time.sleep(0.2)
    pytest.fail(f"The server did not start:\n{server.log.read_text()[-3000:]}")


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def post_form(session: requests.Session, url: str, data: dict[str, object]) -> requests.Response:
    """GET the page, read its CSRF token, POST the form; redirects are not followed."""
    page = session.get(url, timeout=10)
    assert page.status_code == 200, (url, page.status_code)
    token = CSRF.search(page.text)
    assert token, f"no CSRF token on {url}"
    return session.post(
        url, data={**data, "csrf_token": token.group(1)}, timeout=30, allow_redirects=False
    )


def test_a_candidate_starts_on_one_server_and_finishes_on_the_other(
    servers: tuple[Server, Server], seeded: Seeded
) -> None:
    a, b = servers
    browser = requests.Session()  # cookies are not port-specific: one jar for both servers
    started = post_form(
        browser,
        f"{a.url}/vacancies/{seeded.other_vacancy_id}/apply",
        {"email": f"two-servers-{secrets.token_hex(3)}@example.com"},
    )
    assert started.status_code == 302, started.text[:500]
    base = started.headers["Location"]  # the application's task list
    assert re.fullmatch(r"/applications/[^/]+", base), base
    for slug, values in VALID_STEPS.items():
        server = b if list(VALID_STEPS).index(slug) % 2 == 0 else a  # alternate servers
        response = post_form(browser, f"{server.url}{base}/{slug}", values)
        assert response.status_code == 302, (slug, server.url, response.text[:300])
    submitted = post_form(browser, f"{b.url}{base}/check", {})
    assert submitted.status_code == 302
    confirmation = browser.get(f"{a.url}{submitted.headers['Location']}", timeout=10)
    assert confirmation.status_code == 200
    assert "Application submitted" in confirmation.text or "reference" in confirmation.text


def test_a_model_fitted_through_one_server_is_used_by_the_other(
    servers: tuple[Server, Server], seeded: Seeded
) -> None:
    a, b = servers
    team = requests.Session()
    assert post_form(team, f"{a.url}/team/sign-in", PASSWORD_FIELD).status_code == 302
    ranked = f"/team/vacancies/{seeded.vacancy_id}"
    assert "has not been fitted" in team.get(f"{b.url}{ranked}", timeout=30).text

    fitting = post_form(team, f"{a.url}/team/model", {})
    assert fitting.status_code == 302
    job = _wait_for_job(team, f"{a.url}{fitting.headers['Location']}")
    assert job["status"] == "done", job

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        page = team.get(f"{b.url}{ranked}", timeout=30).text
        if "has not been fitted" not in page:
            break
        time.sleep(0.5)
    assert "has not been fitted" not in page
    scores = re.findall(r"<strong>(\d+)</strong>", page)
    assert scores, "B's ranked list shows no scores"
    health_a = requests.get(f"{a.url}/health", timeout=5).json()
    health_b = requests.get(f"{b.url}/health", timeout=5).json()
    assert health_b["model_version"] == health_a["model_version"] is not None


def test_a_report_made_on_one_server_downloads_from_the_other(
    servers: tuple[Server, Server],
) -> None:
    a, b = servers
    team = requests.Session()
    assert post_form(team, f"{a.url}/team/sign-in", PASSWORD_FIELD).status_code == 302
    page = team.get(f"{a.url}/team/reports/report", timeout=60)
    token = CSRF.search(page.text)
    assert token
    started = team.post(
        f"{a.url}/team/reports/pdf",
        data={"csrf_token": token.group(1)},
        timeout=30,
        allow_redirects=False,
    )
    assert started.status_code == 302, started.text[:300]
    job_url = started.headers["Location"]
    job = _wait_for_job(team, f"{a.url}{job_url}")
    assert job["status"] == "done", job
    download = team.get(f"{b.url}{job_url}/download", timeout=30)
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF-")


def _wait_for_job(session: requests.Session, url: str) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = session.get(url, params={"format": "json"}, timeout=10).json()
        if state.get("finished"):
            return dict(state)
        time.sleep(0.3)
    pytest.fail(f"The job at {url} did not finish")
