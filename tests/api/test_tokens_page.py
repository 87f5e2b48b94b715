"""The administrators' "API tokens" page and `flask api-tokens`: a token is shown once,
stored as a hash, and revoked after a confirmation."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import ApiToken, AuditEvent, TeamUser
from nedmatch.services.platform import api_tokens
from tests.api.conftest import bearer
from tests.conftest import error_summary, page_text, sign_in


def test_an_admin_makes_a_token_that_is_shown_once(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    response = client.post(
        "/team/api-tokens", data={"name": "Trust HR system", "scope": "reviewer"}
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    text = page_text(response)
    assert "Copy the new token now" in text
    secret = re.search(r"nedm_[\w-]+", text)
    assert secret is not None
    token = db.session.execute(db.select(ApiToken)).scalar_one()
    assert (token.name, token.scope, token.created_by) == ("Trust HR system", "reviewer", admin.id)
    assert token.token_hash == api_tokens.digest(secret.group())
    # It works, and is never shown again.
    assert client.get("/api/v1/team/vacancies", headers=bearer(secret.group())).status_code == 200
    again = page_text(client.get("/team/api-tokens"))
    assert secret.group() not in again and "Trust HR system" in again
    assert "Working" in again


def test_a_token_needs_a_name(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    response = client.post("/team/api-tokens", data={"name": " ", "scope": "admin"})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("#name", "Enter a name for the token, such as the system that will use it")
    ]
    assert db.session.execute(db.select(ApiToken)).first() is None


def test_revoking_asks_first_then_stops_the_token(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    made = api_tokens.create(api_tokens.Actor.team(admin), admin, "Old system", "admin")
    db.session.commit()
    confirm = client.get(f"/team/api-tokens/{made.token.id}/revoke")
    assert "Revoke the token Old system?" in page_text(confirm)
    done = client.post(f"/team/api-tokens/{made.token.id}/revoke")
    assert done.status_code == 302
    assert made.token.revoked_at is not None
    assert client.get("/api/v1/team/vacancies", headers=bearer(made.secret)).status_code == 401
    assert "Revoked" in page_text(client.get("/team/api-tokens"))
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert {"api_token_created", "api_token_revoked"} <= set(actions)


def test_reviewers_cannot_see_or_make_tokens(client: FlaskClient, reviewer: TeamUser) -> None:
    sign_in(client, reviewer)
    assert client.get("/team/api-tokens").status_code == 403
    assert client.post("/team/api-tokens", data={"name": "x", "scope": "admin"}).status_code == 403
    assert db.session.execute(db.select(ApiToken)).first() is None


def test_the_command_line_makes_lists_and_revokes(
    app: Flask, runner: object, admin: TeamUser
) -> None:
    made = runner.invoke(  # type: ignore[attr-defined]
        args=[
            "api-tokens",
            "create",
            "--email",
            admin.email,
            "--name",
            "Reporting",
            "--scope",
            "admin",
        ]
    )
    assert made.exit_code == 0, made.output
    secret = made.output.strip().splitlines()[-1]
    token = api_tokens.find(secret)
    assert token is not None and token.scope == "admin"
    listed = runner.invoke(args=["api-tokens", "list"])  # type: ignore[attr-defined]
    assert "Reporting" in listed.output and secret not in listed.output
    revoked = runner.invoke(args=["api-tokens", "revoke", str(token.id)])  # type: ignore[attr-defined]
    assert "Revoked" in revoked.output
    refused = runner.invoke(  # type: ignore[attr-defined]
        args=["api-tokens", "create", "--email", "nobody@example.com", "--name", "x"]
    )
    assert refused.exit_code != 0


def test_the_tokens_page_is_found_from_team_members(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    page = client.get("/team/members").get_data(as_text=True)
    assert 'href="/team/api-tokens"' in page
