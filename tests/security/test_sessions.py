"""Signing out ends the session on the server: the header's "Sign out" works (it carries
the CSRF token), and a copy of the cookie taken before signing out no longer signs anyone
in, for team members and candidates alike. A new password or a deactivated account ends
a team member's sessions too."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, TeamUser
from tests.conftest import TEAM_PASSWORD, make_team_user, make_vacancy, page_text, parse_page
from tests.security.conftest import AppFactory

COOKIE = "session"


@pytest.fixture
def csrf_app(make_app: AppFactory) -> Flask:
    return make_app("testing", WTF_CSRF_ENABLED=True)


def form_token(client: FlaskClient, url: str) -> str:
    tokens = parse_page(client.get(url)).xpath("//main//form//input[@name='csrf_token']/@value")
    assert tokens, f"no CSRF token in the form on {url}"
    return str(tokens[0])


def press_header_sign_out(client: FlaskClient, url: str) -> Any:
    """What a browser posts when "Sign out" in the page header is pressed on url."""
    page = parse_page(client.get(url))
    forms = page.xpath("//header//form[.//button[normalize-space()='Sign out']]")
    assert len(forms) == 1, f"no Sign out form in the header of {url}"
    fields = {i.get("name"): i.get("value", "") for i in forms[0].xpath(".//input[@name]")}
    return client.post(forms[0].get("action"), data=fields)


def copy_cookie(client: FlaskClient, app: Flask) -> FlaskClient:
    """Another browser holding a copy of this one's session cookie (a stolen cookie)."""
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    other = app.test_client()
    other.set_cookie(COOKIE, cookie.value)
    return other


def sign_in_team(client: FlaskClient, user: TeamUser) -> None:
    token = form_token(client, "/team/sign-in")
    response = client.post(
        "/team/sign-in", data={"email": user.email, "password": TEAM_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, page_text(response)
    assert client.get("/team/").status_code == 200


def is_signed_out_of_team(client: FlaskClient) -> bool:
    response = client.get("/team/")
    return response.status_code == 302 and response.location.startswith("/team/sign-in")


def test_team_sign_out_in_the_header_ends_the_session_and_every_copy(csrf_app: Flask) -> None:
    user = make_team_user()
    browser = csrf_app.test_client()
    sign_in_team(browser, user)
    stolen = copy_cookie(browser, csrf_app)
    assert stolen.get("/team/").status_code == 200  # the copy works while the session lives

    response = press_header_sign_out(browser, "/team/")

    assert response.status_code == 302, page_text(response)
    assert response.location == "/team/sign-in"
    assert "You have signed out." in page_text(browser.get(response.location))
    assert is_signed_out_of_team(browser)
    assert is_signed_out_of_team(stolen)
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert "sign_out" in actions
    # Signing in again gives a new session that works; the old copy stays dead.
    sign_in_team(browser, user)
    assert is_signed_out_of_team(stolen)


def test_signing_out_without_the_token_is_refused(csrf_app: Flask) -> None:
    """The token is what makes the header form work; a cross-site post still cannot."""
    user = make_team_user()
    browser = csrf_app.test_client()
    sign_in_team(browser, user)

    response = browser.post("/team/sign-out")

    assert response.status_code == 400
    assert browser.get("/team/").status_code == 200


def test_a_new_password_ends_every_session(csrf_app: Flask) -> None:
    user = make_team_user()
    browser = csrf_app.test_client()
    sign_in_team(browser, user)

    result = csrf_app.test_cli_runner().invoke(
        args=["users", "create", "--email", user.email, "--name", user.name,
              "--role", user.role, "--password", "a brand new long password"]
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert is_signed_out_of_team(browser)


def test_deactivating_an_account_ends_its_sessions(csrf_app: Flask) -> None:
    user = make_team_user()
    browser = csrf_app.test_client()
    sign_in_team(browser, user)

    db.session.get(TeamUser, user.id).active = False
    db.session.commit()

    assert is_signed_out_of_team(browser)


def test_a_session_from_before_versions_is_refused(csrf_app: Flask) -> None:
    """A cookie that names the user without a session version (as issued before this
    check existed) is not enough to be signed in."""
    user = make_team_user()
    browser = csrf_app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = f"team:{user.id}"
        session["_fresh"] = True

    assert is_signed_out_of_team(browser)


# Candidates: their session comes from starting an application or from a return link.


def start_as_candidate(client: FlaskClient, vacancy_id: int) -> str:
    url = f"/vacancies/{vacancy_id}/apply"
    token = form_token(client, url)
    response = client.post(url, data={"email": "amara@example.com", "csrf_token": token})
    assert response.status_code == 302, page_text(response)
    return response.location


def is_signed_in_candidate(client: FlaskClient) -> bool:
    return client.get("/my-applications").status_code == 200


def test_candidate_sign_out_in_the_header_ends_the_session_and_every_copy(
    csrf_app: Flask,
) -> None:
    vacancy = make_vacancy()
    browser = csrf_app.test_client()
    first_step = start_as_candidate(browser, vacancy.id)
    assert is_signed_in_candidate(browser)
    stolen = copy_cookie(browser, csrf_app)
    assert is_signed_in_candidate(stolen)

    response = press_header_sign_out(browser, "/my-applications")

    assert response.status_code == 302, page_text(response)
    assert not is_signed_in_candidate(browser)
    assert not is_signed_in_candidate(stolen)
    # Their application is out of reach too, not only the list.
    application = stolen.get(first_step)
    assert application.status_code != 200 or "Amara" not in page_text(application)
    assert db.session.execute(db.select(Candidate.session_version)).scalar_one() == 1


def test_a_candidate_sign_out_that_is_not_current_changes_nothing(csrf_app: Flask) -> None:
    """An old copy of the cookie cannot sign the candidate's live session out either."""
    vacancy = make_vacancy()
    browser = csrf_app.test_client()
    start_as_candidate(browser, vacancy.id)
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    candidate.session_version = 5  # ended elsewhere since this cookie was issued
    db.session.commit()

    assert not is_signed_in_candidate(browser)
    token = form_token(browser, "/return")
    browser.post("/sign-out", data={"csrf_token": token})

    assert db.session.get(Candidate, candidate.id).session_version == 5
