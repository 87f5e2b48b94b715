"""CSRF: every form that changes something needs the session's token."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter

from nedmatch.auth import access
from nedmatch.models import TeamUser
from tests.conftest import TEAM_PASSWORD, make_team_user, page_text, parse_page
from tests.security.conftest import AppFactory

EXPIRED = "Your session has expired"


@pytest.fixture
def csrf_app(make_app: AppFactory) -> Flask:
    return make_app("testing", WTF_CSRF_ENABLED=True)


def post_urls(app: Flask) -> list[tuple[str, str]]:
    """(endpoint, URL) for every rule that takes a POST, with made-up values in the URL."""
    found = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        values: dict[str, Any] = {}
        for name in rule.arguments:
            converter = rule._converters[name]
            if isinstance(converter, AnyConverter):
                values[name] = sorted(converter.items)[0]
            elif isinstance(converter, IntegerConverter):
                values[name] = 1
            else:
                values[name] = "x"
        found.append((rule.endpoint, rule.build(values)[1]))
    return sorted(found)


def test_the_app_has_post_forms_to_check(csrf_app: Flask) -> None:
    endpoints = {endpoint for endpoint, _ in post_urls(csrf_app)}
    assert {"auth.login", "candidates.apply_start", "appointments.vacancy_new"} <= endpoints
    assert len(endpoints) >= 20


def test_every_post_without_a_token_gets_the_session_expired_page(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    client.get("/")  # a session exists; only the token is missing
    for endpoint, url in post_urls(csrf_app):
        response = client.post(url, data={"email": "someone@example.com"})
        if endpoint.split(".")[0] in access.TOKEN_BLUEPRINTS:
            # The team API reads only an Authorization header, which no other site can make
            # a browser send: with the session alone it refuses, and needs no CSRF token.
            assert response.status_code == 401, (endpoint, url, response.status_code)
            assert response.mimetype == "application/problem+json", endpoint
            continue
        assert response.status_code == 400, (endpoint, url, response.status_code)
        assert EXPIRED in page_text(response), endpoint


def test_a_token_from_another_session_is_refused(csrf_app: Flask) -> None:
    user = make_team_user()
    other = csrf_app.test_client()
    stolen = token_from(other.get("/team/sign-in"))
    client = csrf_app.test_client()
    client.get("/team/sign-in")
    response = client.post(
        "/team/sign-in",
        data={"email": user.email, "password": TEAM_PASSWORD, "csrf_token": stolen},
    )
    assert response.status_code == 400
    assert EXPIRED in page_text(response)


def token_from(response: Any) -> str:
    tokens = parse_page(response).xpath("//form[@method='post']//input[@name='csrf_token']/@value")
    assert tokens, "the form has no CSRF token"
    return str(tokens[0])


def test_sign_in_works_with_the_forms_token(csrf_app: Flask) -> None:
    user: TeamUser = make_team_user()
    client = csrf_app.test_client()
    token = token_from(client.get("/team/sign-in"))
    response = client.post(
        "/team/sign-in",
        data={"email": user.email, "password": TEAM_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.location == "/team/"
    assert client.get("/team/").status_code == 200


def test_a_candidate_form_works_with_its_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    token = token_from(client.get("/return"))
    response = client.post("/return", data={"email": "a@example.com", "csrf_token": token})
    assert response.status_code == 302
    assert response.location == "/return/check-your-email"
