"""Emailed links are credentials: a return link signs its holder in as the candidate.

The attacks: replaying a return link read from a log (gunicorn's access log, werkzeug's,
the app's JSON lines, an error's traceback); reading whole emails from the log in
production; and login CSRF, where an attacker's own link, opened in a victim's browser,
signs the victim in as the attacker. The defences: one redacting filter on every log,
production refuses the `log` mail backend, and a link is exchanged for a session only by
a CSRF-protected POST from the "Continue as a...@example.com?" page.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import secrets
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.fernet import Fernet
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from config import BASE_DIR
from nedmatch import create_app, observability
from nedmatch.extensions import db
from nedmatch.models import Candidate, Vacancy
from nedmatch.services.applications import operations as applications
from nedmatch.services.platform import notifications
from nedmatch.services.platform.tokens import make_return_token, make_stop_alerts_token
from nedmatch.services.privacy import retention
from tests.conftest import (
    CANDIDATE_EMAIL,
    missing,
    page_text,
    parse_page,
    return_links,
    start_application,
    use_return_link,
)
from tests.security.conftest import AppFactory
from tests.security.test_headers import PRODUCTION

ATTACKER = "mallory@example.net"
LINK_PATH = re.compile(r"/(?:return|keep-my-profile)/[^\s\"'?#]+")


def signed_in_as(client: FlaskClient) -> str | None:
    """Whose applications this browser sees, or None when it is not signed in."""
    if client.get("/my-applications").status_code != 200:
        return None
    shown = page_text(client.get("/saved"))  # "We have emailed a link to <address>"
    for email in (CANDIDATE_EMAIL, ATTACKER):
        if email in shown:
            return email
    return "someone"


def csrf_token(response: Any) -> str:
    text = response.text if hasattr(response, "text") else response.get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', text)
    assert found, "the page has no CSRF token"
    return found.group(1)


# Exchanging a link for a session.


def test_opening_a_link_signs_nobody_in_and_asks_first(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Any]
) -> None:
    start_application(client, vacancy)
    link = return_links(outbox, CANDIDATE_EMAIL)[-1]
    other = app.test_client()

    page = other.get(link)

    assert page.status_code == 200
    assert "Continue as a...@example.com?" in page_text(page)
    assert CANDIDATE_EMAIL not in page.get_data(as_text=True)  # the address is masked
    assert parse_page(page).xpath("//meta[@name='referrer']/@content") == ["no-referrer"]
    assert "no-store" in page.headers["Cache-Control"]
    [form] = parse_page(page).xpath("//main//form[@method='post']")
    assert form.get("action") in (None, "")  # posts back to the link itself
    assert signed_in_as(other) is None
    # The same GET again, as a mail scanner would: still nobody.
    other.get(link)
    assert signed_in_as(other) is None


def test_the_button_signs_in(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Any]
) -> None:
    start_application(client, vacancy)
    other = app.test_client()

    response = use_return_link(other, return_links(outbox, CANDIDATE_EMAIL)[-1])

    assert response.location == "/my-applications"
    assert signed_in_as(other) == CANDIDATE_EMAIL


@pytest.fixture
def csrf_app(make_app: AppFactory) -> Flask:
    return make_app("testing", WTF_CSRF_ENABLED=True)


def _token_for(email: str) -> str:
    candidate = applications.create_candidate(email)
    assert candidate is not None
    db.session.commit()
    return f"/return/{make_return_token(candidate)}"


def test_a_cross_site_post_without_the_csrf_token_signs_nobody_in(csrf_app: Flask) -> None:
    """Login CSRF: the attacker's page posts their own link from the victim's browser."""
    attackers_link = _token_for(ATTACKER)
    victim = csrf_app.test_client()
    victim.get("/")  # the victim has a session of their own

    response = victim.post(attackers_link, headers={"Origin": "https://evil.example"})

    assert response.status_code == 400
    assert "Your session has expired" in page_text(response)
    assert signed_in_as(victim) is None
    # Nor with a token from the attacker's own session.
    attacker = csrf_app.test_client()
    stolen = csrf_token(attacker.get(attackers_link))
    assert victim.post(attackers_link, data={"csrf_token": stolen}).status_code == 400
    assert signed_in_as(victim) is None


def test_a_signed_in_victim_stays_themselves_after_a_cross_site_post(csrf_app: Flask) -> None:
    victims_link = _token_for(CANDIDATE_EMAIL)
    attackers_link = _token_for(ATTACKER)
    victim = csrf_app.test_client()
    page = victim.get(victims_link)
    victim.post(victims_link, data={"csrf_token": csrf_token(page)})
    assert signed_in_as(victim) == CANDIDATE_EMAIL

    victim.post(attackers_link)  # no token: a page elsewhere cannot read it

    assert signed_in_as(victim) == CANDIDATE_EMAIL


def test_with_the_pages_own_token_the_post_signs_in(csrf_app: Flask) -> None:
    link = _token_for(CANDIDATE_EMAIL)
    browser = csrf_app.test_client()
    page = browser.get(link)
    assert signed_in_as(browser) is None

    response = browser.post(link, data={"csrf_token": csrf_token(page)})

    assert response.location == "/my-applications"
    assert signed_in_as(browser) == CANDIDATE_EMAIL


def test_the_renew_link_also_changes_nothing_until_its_button(
    app: Flask, client: FlaskClient, vacancy: Vacancy
) -> None:
    start_application(client, vacancy)
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    path = retention.renew_link(candidate).split("127.0.0.1:5000", 1)[-1]
    before = candidate.last_active_at
    other = app.test_client()

    page = other.get(path)

    assert page.status_code == 200
    assert parse_page(page).xpath("//meta[@name='referrer']/@content") == ["no-referrer"]
    db.session.refresh(candidate)
    assert candidate.last_active_at == before
    assert signed_in_as(other) is None  # and it never signs anyone in


# The mail backend that writes emails where logs go.


def test_production_refuses_the_log_mail_backend(make_app: AppFactory) -> None:
    for backend in ("log", "memory", ""):
        with pytest.raises(RuntimeError, match="MAIL_BACKEND=notify"):
            create_app("production", **{**PRODUCTION, "MAIL_BACKEND": backend})
    assert make_app("production", **PRODUCTION).config["MAIL_BACKEND"] == "smtp"


def test_the_development_mail_backend_keeps_emails_out_of_the_log(
    app: Flask, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    instance = app.instance_path
    app.config["MAIL_BACKEND"], app.instance_path = "log", str(tmp_path)
    candidate = applications.create_candidate("logged.person@example.com")
    assert candidate is not None
    try:
        with caplog.at_level(logging.INFO), app.test_request_context():
            applications.send_return_link(candidate, "You asked for a link.")
    finally:
        app.config["MAIL_BACKEND"], app.instance_path = "memory", instance
    [saved] = (tmp_path / "outbox").iterdir()
    body = saved.read_text()
    [link] = LINK_PATH.findall(body)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    assert "l...@example.com" in caplog.text and str(saved) in caplog.text
    assert link.rsplit("/", 1)[1] not in caplog.text
    assert "logged.person@example.com" not in caplog.text


# Every log a request to a link reaches, captured and replayed.


def _replay_every_logged_link(app: Flask, log: str) -> list[str]:
    """Each link-shaped path in the log, tried as an attacker would: GET, then the POST.
    Returns the paths tried; fails if any signs in."""
    tried = sorted(set(LINK_PATH.findall(log)))
    for path in tried:
        thief = app.test_client()
        page = thief.get(path)
        assert page.status_code < 500
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
        thief.post(path, data={"csrf_token": token.group(1) if token else ""})
        assert signed_in_as(thief) is None, path
    return tried


def _secrets_of(token_path: str) -> list[str]:
    token = token_path.rsplit("/", 1)[1]
    return [token, token.rsplit(".", 1)[1]]  # the whole token, and its signature alone


@pytest.fixture
def served(csrf_app: Flask) -> Iterator[str]:
    """The app behind werkzeug's server (what `make run` uses), in a thread."""
    server = make_server("127.0.0.1", 0, csrf_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def _visit(base: str, path: str) -> requests.Session:
    """Open the link, press the button (with a Referer, as a browser sends one)."""
    browser = requests.Session()
    page = browser.get(base + path, timeout=10)
    browser.post(
        base + path,
        data={"csrf_token": csrf_token(page)},
        headers={"Referer": base + path},
        allow_redirects=True,
        timeout=10,
    )
    return browser


def test_no_log_line_of_a_link_request_carries_its_token(
    csrf_app: Flask, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """werkzeug's request lines and the app's JSON logs, errors included, as production
    configures them; then every link-shaped path in them is replayed."""
    link = _token_for(CANDIDATE_EMAIL)
    candidate = db.session.execute(
        db.select(Candidate).filter_by(email=CANDIDATE_EMAIL)
    ).scalar_one()
    renew = "/keep-my-profile/" + retention.renew_link(candidate).rsplit("/", 1)[1]
    erroring = _token_for(ATTACKER)
    buffer = io.StringIO()
    logging.getLogger().addHandler(logging.StreamHandler(buffer))
    observability.configure_logging("json")

    browser = _visit(served, link)
    assert CANDIDATE_EMAIL in browser.get(f"{served}/saved", timeout=10).text  # it worked
    requests.get(served + renew, headers={"Referer": served + link}, timeout=10)
    # An error while using a link: the traceback names the address it failed on.
    from nedmatch.candidates import links_routes as routes

    def broken(who: Any) -> None:
        from flask import request

        raise RuntimeError(f"could not sign in through {request.url}")

    monkeypatch.setattr(routes, "sign_in_candidate", broken)
    _visit(served, erroring)

    log = buffer.getvalue()
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert any("could not sign in through" in line.get("exception", "") for line in lines)
    assert sum("POST /return/" in line["message"] for line in lines) >= 2  # werkzeug's
    for secret in [*_secrets_of(link), *_secrets_of(renew), *_secrets_of(erroring)]:
        assert secret not in log
    monkeypatch.undo()
    assert _replay_every_logged_link(csrf_app, log)


GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.production
@pytest.mark.parametrize("log_format", ["json", "plain"])
def test_gunicorns_access_and_error_logs_carry_no_token(tmp_path: Path, log_format: str) -> None:
    """gunicorn with the production settings file: its access log (request line, path,
    query, referer) and the app's lines, in both formats."""
    if not GUNICORN.exists():
        missing(f"gunicorn is not installed at {GUNICORN}")
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    keys = {
        "SECRET_KEY": secrets.token_hex(32),
        "MONITORING_KEY": secrets.token_hex(32),
        "CV_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    }
    seed = create_app("testing", SQLALCHEMY_DATABASE_URI=url, **keys)
    with seed.app_context():
        db.create_all()
        link = _token_for(CANDIDATE_EMAIL)
        db.session.remove()
        db.engine.dispose()
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "RATELIMIT_STORAGE_URI", "TEST_DATABASE_URL"}
    }
    env.update(
        keys,
        NEDMATCH_CONFIG="development",
        DATABASE_URL=url,
        UPLOAD_FOLDER=str(tmp_path / "uploads"),
        MODEL_FOLDER=str(tmp_path / "model"),
        WEB_CONCURRENCY="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG="-",
        LOG_FORMAT=log_format,
    )
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as output:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", str(BASE_DIR / "gunicorn.conf.py"), "wsgi:app"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            try:
                requests.get(f"{base}/health", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        browser = _visit(base, link)
        assert CANDIDATE_EMAIL in browser.get(f"{base}/saved", timeout=10).text
        # The token pasted into a query string and sent as a Referer elsewhere.
        requests.get(f"{base}/vacancies?next={link}", headers={"Referer": base + link}, timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = log_path.read_text()
    assert "/return/[redacted]" in log  # the access log has the requests, without tokens
    for secret in _secrets_of(link):
        assert secret not in log
    with seed.app_context():
        assert _replay_every_logged_link(seed, log)
        db.session.remove()
        db.engine.dispose()


def test_the_redaction_leaves_pages_that_are_not_links(app: Flask) -> None:
    assert observability.redact("GET /return/check-your-email") == "GET /return/check-your-email"
    assert observability.redact("/return/abc.def?x") == "/return/[redacted]?x"
    token = make_return_token(
        Candidate(public_id=secrets.token_urlsafe(16), email="x@example.com", link_version=1)
    )
    assert token not in observability.redact(f"next={token}&a=1")


def test_the_link_that_stops_role_alerts_is_redacted(app: Flask) -> None:
    candidate = Candidate(public_id=secrets.token_urlsafe(16), email="x@example.com")
    token = make_stop_alerts_token(candidate)
    logged = observability.redact(f'"GET /role-alerts/stop/{token} HTTP/1.1" 200')
    assert token not in logged and "/role-alerts/stop/[redacted] HTTP/1.1" in logged
    assert observability.redact("POST /role-alerts/stop") == "POST /role-alerts/stop"
    assert observability.redact("GET /role-alerts") == "GET /role-alerts"


def test_notify_of_the_masked_address() -> None:
    assert notifications.mask_email("amara.okafor@example.com") == "a...@example.com"
    assert notifications.mask_email("nobody") == "..."
