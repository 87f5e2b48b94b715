"""Who may use which part of the JSON API: the public list for anyone; the team API by
API token only (never a browser session), admin-only parts for admin tokens; revoked
tokens refused; every error a problem document; every use of a token recorded."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.actors import Actor
from nedmatch.auth import access
from nedmatch.extensions import csrf, db
from nedmatch.models import ApiToken, AuditEvent, TeamUser, Vacancy
from nedmatch.services.platform import api_tokens
from tests.api.conftest import Tokens, bearer, make_token
from tests.conftest import make_team_user, make_vacancy, page_text, sign_in
from tests.security.conftest import AppFactory

TEAM_GETS = [
    "/api/v1/team/vacancies",
    "/api/v1/team/vacancies/{id}",
    "/api/v1/team/vacancies/{id}/applications",
    "/api/v1/team/vacancies/{id}/ranked",
    "/api/v1/team/reports/diversity",
]
STAGE_CHANGE = "/api/v1/team/applications/NED-0000-0000/stage-changes"


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"].startswith("/api/v1/problems/")
    assert body["title"] and body["detail"]
    return body


def team_urls(vacancy: Vacancy) -> list[str]:
    return [url.format(id=vacancy.id) for url in TEAM_GETS]


def test_the_team_api_is_token_only_and_nothing_else_skips_sign_in(app: Flask) -> None:
    assert access.TOKEN_BLUEPRINTS == {"api_team"}
    assert "api_team" not in access.PUBLIC_BLUEPRINTS
    # CSRF is switched off for the token-authenticated routes and nowhere else.
    assert {bp.name for bp in csrf._exempt_blueprints} == {"api_team"}
    assert not csrf._exempt_views


def test_no_token_is_a_401_problem(client: FlaskClient, vacancy: Vacancy) -> None:
    for url in team_urls(vacancy):
        body = assert_problem(client.get(url), 401)
        assert "Authorization: Bearer" in body["detail"]
    response = client.post(STAGE_CHANGE, json={"to_stage": "longlisted"})
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer nedm_not-a-token", "Basic dXNlcjpwYXNz", "Bearer", "nedm_no-scheme"],
)
def test_a_token_we_did_not_issue_is_refused(
    client: FlaskClient, vacancy: Vacancy, tokens: Tokens, header: str
) -> None:
    assert_problem(client.get("/api/v1/team/vacancies", headers={"Authorization": header}), 401)


def test_a_revoked_token_is_refused_and_the_attempt_recorded(
    client: FlaskClient, vacancy: Vacancy, tokens: Tokens
) -> None:
    body = assert_problem(client.get("/api/v1/team/vacancies", headers=bearer(tokens.revoked)), 401)
    assert "revoked" in body["detail"]
    token = api_tokens.find(tokens.revoked)
    assert token is not None and token.last_used_at is None
    attempts = (
        db.session.execute(
            db.select(AuditEvent).filter_by(action="api_request", object_id=str(token.id))
        )
        .scalars()
        .all()
    )
    assert [a.detail.get("refused") for a in attempts] == [body["detail"]]


def test_a_browser_session_does_not_open_the_team_api(
    client: FlaskClient, vacancy: Vacancy, admin: TeamUser
) -> None:
    sign_in(client, admin)
    for url in team_urls(vacancy):
        assert_problem(client.get(url), 401)
    # Nor does a POST with the session's CSRF token arrangement: the API reads only the header.
    assert_problem(client.post(STAGE_CHANGE, json={"to_stage": "longlisted"}), 401)


def test_a_token_works_and_each_use_is_recorded(
    client: FlaskClient, vacancy: Vacancy, tokens: Tokens
) -> None:
    for url in team_urls(vacancy):
        response = client.get(url, headers=bearer(tokens.admin))
        assert response.status_code == 200, (url, response.get_data(as_text=True))
        assert response.headers["Cache-Control"] == "no-store"
    token = api_tokens.find(tokens.admin)
    assert token is not None and token.last_used_at is not None
    paths = (
        db.session.execute(
            db.select(AuditEvent).filter_by(action="api_request", object_id=str(token.id))
        )
        .scalars()
        .all()
    )
    assert sorted(e.detail["path"] for e in paths) == sorted(team_urls(vacancy))
    assert {e.actor for e in paths} == {f"team:{tokens.admin_user.id}"}


def test_a_reviewer_token_cannot_read_the_diversity_report(
    client: FlaskClient, vacancy: Vacancy, tokens: Tokens
) -> None:
    body = assert_problem(
        client.get("/api/v1/team/reports/diversity", headers=bearer(tokens.reviewer)), 403
    )
    assert "administrator" in body["detail"]
    # Everything else is open to a reviewer's token.
    for url in team_urls(vacancy)[:-1]:
        assert client.get(url, headers=bearer(tokens.reviewer)).status_code == 200


def test_a_token_can_do_no_more_than_its_maker_today(
    client: FlaskClient, vacancy: Vacancy, tokens: Tokens
) -> None:
    tokens.admin_user.role = "reviewer"
    db.session.commit()
    assert_problem(client.get("/api/v1/team/reports/diversity", headers=bearer(tokens.admin)), 403)
    tokens.admin_user.active = False
    db.session.commit()
    body = assert_problem(client.get("/api/v1/team/vacancies", headers=bearer(tokens.admin)), 401)
    assert "no longer has an account" in body["detail"]


def test_only_a_hash_of_the_token_is_stored(app: Flask, tokens: Tokens) -> None:
    stored = db.session.execute(db.select(ApiToken.token_hash)).scalars().all()
    for secret in (tokens.admin, tokens.reviewer, tokens.revoked):
        assert secret not in stored
        assert api_tokens.digest(secret) in stored
    dump = repr(db.session.execute(db.select(AuditEvent.detail)).scalars().all())
    assert tokens.admin not in dump


def test_limits_count_per_token_with_a_problem_past_them(make_app: AppFactory) -> None:
    limited = make_app("testing", RATELIMIT_ENABLED=True, API_RATE_LIMIT="2/minute")
    maker = make_team_user("admin")
    first, second = make_token(maker, "reviewer"), make_token(maker, "reviewer", "Second")
    client = limited.test_client()
    for _ in range(2):
        assert client.get("/api/v1/team/vacancies", headers=bearer(first)).status_code == 200
    response = client.get("/api/v1/team/vacancies", headers=bearer(first))
    body = assert_problem(response, 429)
    assert "Wait a minute" in body["detail"]
    assert int(response.headers["Retry-After"]) > 0
    # Another token has its own count.
    assert client.get("/api/v1/team/vacancies", headers=bearer(second)).status_code == 200


def test_csrf_is_checked_on_team_pages_but_not_on_token_calls(make_app: AppFactory) -> None:
    protected = make_app("testing", WTF_CSRF_ENABLED=True)
    vacancy = make_vacancy()
    secret = make_token(make_team_user("admin"), "reviewer")
    browser = protected.test_client()
    response = browser.post(STAGE_CHANGE, json={"to_stage": "longlisted"}, headers=bearer(secret))
    assert_problem(response, 404)  # through the CSRF check to the API's own answer
    refused = browser.post(f"/team/vacancies/{vacancy.id}/status/closed")
    assert refused.status_code == 400
    assert "Your session has expired" in page_text(refused)
    # The public API takes no POST at all.
    assert_problem(browser.post("/api/v1/vacancies"), 405)


def test_unknown_api_addresses_and_methods_are_problems(
    client: FlaskClient, tokens: Tokens
) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert_problem(client.get("/api/v1/team/nothing", headers=bearer(tokens.admin)), 404)
    assert_problem(client.delete("/api/v1/vacancies"), 405)


def test_tokens_are_made_and_revoked_only_through_their_operations(
    app: Flask, tokens: Tokens
) -> None:
    with pytest.raises(api_tokens.TokenError):
        api_tokens.create(Actor.team(tokens.admin_user), tokens.admin_user, "  ", "reviewer")
    with pytest.raises(api_tokens.TokenError):
        api_tokens.create(Actor.team(tokens.admin_user), tokens.admin_user, "x", "owner")
    secret = make_token(tokens.admin_user, "reviewer", "Another")
    token = api_tokens.find(secret)
    assert token is not None and secret.startswith(api_tokens.PREFIX)
    assert api_tokens.revoke(Actor.team(tokens.admin_user), token) is True
    assert api_tokens.revoke(Actor.team(tokens.admin_user), token) is False
