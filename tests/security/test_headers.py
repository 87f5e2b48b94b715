"""Security headers: a CSP with no inline script (one nonce for the NHS.UK template's
script), no framing, HSTS in production only, and session cookies that scripts cannot read
and other sites cannot send."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from config import BASE_DIR
from tests.conftest import make_vacancy, parse_page
from tests.security.conftest import AppFactory


def csp(response: TestResponse) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def nonce_of(response: TestResponse) -> str:
    sources = [s for s in csp(response)["script-src"] if s.startswith("'nonce-")]
    assert len(sources) == 1, sources
    return sources[0][len("'nonce-") : -1]


def test_script_src_allows_our_files_and_one_nonce_but_no_inline_script(
    client: FlaskClient,
) -> None:
    response = client.get("/")
    policy = csp(response)
    assert policy["script-src"][0] == "'self'"
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in policy.get(directive, []), directive
        assert "'unsafe-eval'" not in policy.get(directive, []), directive
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert len(nonce_of(response)) >= 16


@pytest.mark.parametrize("url", ["/", "/privacy", "/team/sign-in", "/no-such-page"])
def test_every_inline_script_carries_the_nonce_of_its_own_response(
    client: FlaskClient, url: str
) -> None:
    response = client.get(url)
    nonce = nonce_of(response)
    scripts = parse_page(response).xpath("//script")
    inline = [s for s in scripts if not s.get("src")]
    assert len(inline) == 1  # the NHS.UK template's `js-enabled` line
    assert all(s.get("nonce") == nonce for s in inline)
    assert all(s.get("type") == "module" for s in scripts if s.get("src"))


def test_the_nonce_is_new_for_every_response(client: FlaskClient) -> None:
    assert nonce_of(client.get("/")) != nonce_of(client.get("/"))


def test_templates_have_no_inline_script_style_or_event_handlers() -> None:
    """Anything inline would be blocked by the CSP in a browser: it belongs in static/.
    A JSON-LD data block (a job advert's JobPosting) is data, never run, so the CSP does not
    apply to it; its JSON is written by `tojson`, which escapes <, > and &."""
    offending = []
    for path in Path(BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            data_block = 'type="application/ld+json"' in match.group(0)
            if "src=" not in match.group(0) and not data_block:
                offending.append(f"{path}: {match.group(0)}")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            if block.strip() != "{{ job_posting | tojson }}":
                offending.append(f"{path}: a JSON-LD block not written by tojson")
        if re.search(r"\sstyle=[\"']", text) or re.search(r"<style\b", text):
            offending.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+=[\"']", text) or "javascript:" in text:
            offending.append(f"{path}: inline event handler or javascript: URL")
    assert offending == []


@pytest.mark.parametrize("url", ["/", "/team/sign-in", "/no-such-page"])
def test_pages_cannot_be_framed(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == ["'none'"]


def test_other_headers(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_team_pages_and_downloads_carry_the_headers_too(
    app: Flask, client: FlaskClient, reviewer: object
) -> None:
    from tests.conftest import make_team_user, sign_in

    # Reports are for admins only (docs/disclosure.md), so an admin downloads here.
    del reviewer
    sign_in(client, make_team_user("admin"))
    vacancy = make_vacancy()
    for url in [f"/team/vacancies/{vacancy.id}", "/team/reports/download/csv"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_no_hsts_or_https_redirect_outside_production(client: FlaskClient) -> None:
    response = client.get("/", base_url="https://localhost")
    assert "Strict-Transport-Security" not in response.headers
    assert client.get("/").status_code == 200  # plain http works for `make run`


# Production: the settings a real deployment would set, on a throwaway SQLite database.
PRODUCTION = {
    "SECRET_KEY": "production-test-secret",
    "SQLALCHEMY_DATABASE_URI": "sqlite://",
    "MONITORING_KEY": "production-test-monitoring-key",
    "CV_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "MAIL_BACKEND": "smtp",
}


# The test client follows PREFERRED_URL_SCHEME (https in production): ask for http plainly.
HTTP = "http://localhost"


@pytest.fixture
def production(make_app: AppFactory) -> FlaskClient:
    return make_app("production", **PRODUCTION).test_client()


def test_production_sends_hsts_over_https(production: FlaskClient) -> None:
    response = production.get("/team/sign-in", base_url="https://localhost")
    assert response.status_code == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert re.fullmatch(r"max-age=\d+", hsts), hsts
    assert int(hsts.split("=")[1]) >= 365 * 24 * 3600 - 86400


def test_production_redirects_plain_http_to_https(production: FlaskClient) -> None:
    response = production.get("/team/sign-in", base_url=HTTP)
    assert response.status_code == 302
    assert response.location == "https://localhost/team/sign-in"
    # Behind a load balancer that ends TLS, the forwarded scheme counts.
    forwarded = production.get(
        "/team/sign-in", base_url=HTTP, headers={"X-Forwarded-Proto": "https"}
    )
    assert forwarded.status_code == 200
    assert "Strict-Transport-Security" in forwarded.headers


def test_production_health_check_answers_over_plain_http(production: FlaskClient) -> None:
    """Load balancers check the app's own port over http: a redirect would read as down."""
    response = production.get("/health", base_url=HTTP)
    assert response.status_code != 302


def session_cookie(response: TestResponse) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def test_production_session_cookie_is_secure_httponly_and_samesite(
    production: FlaskClient,
) -> None:
    # The sign-in page puts its CSRF token in the session, so the cookie is set.
    cookie = session_cookie(production.get("/team/sign-in", base_url="https://localhost"))
    flags = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")}
    assert "secure" in flags
    assert "httponly" in flags
    assert flags["samesite"].strip() == "SameSite=Lax"


def test_session_cookie_is_httponly_and_samesite_in_development_too(
    make_app: AppFactory,
) -> None:
    client = make_app("testing", WTF_CSRF_ENABLED=True).test_client()
    cookie = session_cookie(client.get("/team/sign-in"))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http in development: the browser would drop it
