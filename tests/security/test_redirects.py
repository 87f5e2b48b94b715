"""After signing in, `next` may only lead to a page on this site."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from nedmatch.auth.access import is_safe_next
from nedmatch.models import TeamUser
from tests.conftest import TEAM_PASSWORD

UNSAFE = [
    "https://evil.example/team/",
    "http://evil.example",
    "//evil.example/team/",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",  # browsers drop tabs and newlines: this is //evil.example
    "/\n/evil.example",
    "/\r\nSet-Cookie: x=1",
    " //evil.example",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", UNSAFE)
def test_unsafe_targets_are_refused(target: str) -> None:
    assert not is_safe_next(target)


@pytest.mark.parametrize("target", UNSAFE)
def test_signing_in_with_an_unsafe_next_goes_to_the_dashboard(
    client: FlaskClient, reviewer: TeamUser, target: str
) -> None:
    response = client.post(
        "/team/sign-in",
        query_string={"next": target},
        data={"email": reviewer.email, "password": TEAM_PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == "/team/"


@pytest.mark.parametrize("target", ["/team/", "/team/vacancies/new", "/team/reports/?x=1"])
def test_a_page_on_this_site_is_followed(
    client: FlaskClient, reviewer: TeamUser, target: str
) -> None:
    response = client.post(
        "/team/sign-in",
        query_string={"next": target},
        data={"email": reviewer.email, "password": TEAM_PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == target


def test_the_sign_in_redirect_keeps_where_the_person_was_going(client: FlaskClient) -> None:
    response = client.get("/team/reports/")
    assert response.status_code == 302
    assert response.location.startswith("/team/sign-in?next=")
