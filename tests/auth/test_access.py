"""Who can open which team page, and signing in and out."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch import create_app
from nedmatch.actors import Actor
from nedmatch.auth import access
from nedmatch.auth.lockout import LOCK_AFTER
from nedmatch.auth.routes import SIGN_IN_FAILED
from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    AuditEvent,
    Candidate,
    ImportBatch,
    Job,
    TeamUser,
    Vacancy,
)
from nedmatch.reports.downloads import PDF_JOB
from nedmatch.services import matching
from nedmatch.services.platform import api_tokens, jobs
from nedmatch.services.webhooks import subscriptions as webhooks
from tests.conftest import (
    TEAM_BLUEPRINTS,
    TEAM_PASSWORD,
    error_summary,
    form_values,
    make_team_user,
    page_text,
    sign_in,
    start_application,
    team_urls,
)
from tests.factories import board_and_pipeline_records

# Changes only an administrator may make: (endpoint, method); None means every method.
ADMIN_ONLY = {
    ("appointments.vacancy_new", None),
    ("appointments.vacancy_edit", None),
    ("appointments.vacancy_status", None),
    ("appointments.organisations", None),
    ("appointments.model", "POST"),  # refitting the ranking model
    ("reports.reference", None),  # the population reports compare with
    ("reports.reference_default", None),
    # Requests received outside the service: find, export or erase a candidate's data.
    ("privacy.data_requests", None),
    ("privacy.data_request", None),
    ("privacy.data_request_export", None),
    ("privacy.data_request_erase", None),
    # Team members and unlocking an account locked after failed sign-ins.
    ("members.team_members", None),
    ("members.team_member_unlock", None),
    # Tokens for the JSON API: made and revoked by administrators only.
    ("api_tokens.tokens", None),
    ("api_tokens.revoke", None),
    # Webhooks to other systems: administrators only.
    ("webhooks.index", None),
    ("webhooks.show", None),
    ("webhooks.pause", None),
    ("webhooks.test", None),
    ("webhooks.redeliver", None),
    ("webhooks.delete", None),
    # Appointing without every fit and proper person check: administrators only.
    ("fppt.override", None),
    # A board's record, its national support and the succession vacancy: administrators.
    ("boards.member_new", None),
    ("boards.member_edit", None),
    ("boards.member_leave", None),
    ("boards.member_reappoint", None),
    ("boards.support", None),
    ("boards.successor_vacancy", None),
    ("boards.declaration_link", None),
    # The development pipeline: the team reads it, administrators change it.
    ("development.index", "POST"),
    ("development.cohort_new", None),
    ("development.participant_new", None),
    ("development.cohort_status", None),
    ("development.participant", "POST"),
    ("development.milestone_new", None),
    ("development.milestone_mark", None),
    ("development.offer", None),
    ("development.answer", None),
}
# Forms that post back to their own page and show it again when nothing valid was sent.
POST_SHOWS_PAGE = {
    ("sift.application", "POST"),
    # An empty form is shown again with its errors; with no slot named, the page says so.
    ("interviews.add_slot", "POST"),
    ("interviews.cancel_slot", "POST"),
}
# POSTs that, sent empty, show their page again with the errors beside the fields.
POST_SHOWS_ERRORS = {
    ("sift.vacancy_bulk", "POST"),
    ("sift.vacancy_bulk_preview", "POST"),
    ("api_tokens.tokens", "POST"),
    ("webhooks.index", "POST"),
}
# Pages that answer a team member with something other than 200, and why.
NOT_200 = {
    ("reports.job_download", "GET"): 404,  # the report's PDF has not been made yet
    ("sift.application_cv", "GET"): 404,  # the applicant uploaded no CV
    # The FPPT record opens at interview; the sweep's applicant is shortlisted.
    ("fppt.record", "GET"): 404,
    ("fppt.check", "GET"): 404,
    ("fppt.check", "POST"): 404,
    ("fppt.recheck", "POST"): 404,
    ("fppt.override", "POST"): 404,
}
WRONG = SIGN_IN_FAILED


def _admin_only(endpoint: str, method: str) -> bool:
    # Diversity reports and the model audit are for admins only: reviewers are the sift
    # panel, which never sees diversity data (docs/disclosure.md).
    if endpoint.startswith(("reports.", "imports.")):
        return True
    return (endpoint, None) in ADMIN_ONLY or (endpoint, method) in ADMIN_ONLY


def team_requests(app: Flask, vacancy: Vacancy) -> list[tuple[str, str, str]]:
    """(endpoint, method, URL) for every rule of the team's blueprints, with real ids."""
    fit = Job(kind="fit_model", status="done")
    pdf = Job(kind=PDF_JOB, status="running")
    db.session.add_all([fit, pdf])
    db.session.commit()
    applicant = Candidate(
        email="applicant@example.com",
        first_name="Sam",
        last_name="Lee",
        in_pool=True,
        consent_to_match=True,
    )
    # Shortlisted, so that the panel's scoring page (from the shortlist on) is open to it.
    application = Application(
        candidate=applicant, vacancy=vacancy, stage="shortlisted", statement="x"
    )
    db.session.add_all([applicant, application])
    db.session.commit()
    # An import waiting for confirmation, as after its check.
    batch = ImportBatch(
        filename="people.csv",
        consent_source="A list",
        created_by=make_team_user("admin", email="importer@example.com").id,
        status="checked",
        check_job_id=fit.id,
    )
    db.session.add(batch)
    db.session.commit()
    token_maker = make_team_user("admin", email="token-maker@example.com")
    token = api_tokens.create(Actor.team(token_maker), token_maker, "A system", "reviewer").token
    hook = webhooks.create(
        Actor.team(token_maker),
        token_maker,
        "A system",
        "https://hr.example.com/e",
        ["application.stage_changed"],
    ).subscription
    doomed = webhooks.create(
        Actor.team(token_maker),
        token_maker,
        "Old",
        "https://old.example.com/e",
        ["application.stage_changed"],
    ).subscription
    sent = webhooks.send_test(Actor.team(token_maker), hook)
    sent.status = "failed"
    db.session.commit()
    values: dict[str, Any] = {
        **board_and_pipeline_records(application),
        "batch_id": batch.id,
        "token_id": token.id,
        "subscription_id": hook.id,
        "webhooks.delete.subscription_id": doomed.id,
        "delivery_id": sent.id,
        "ref": application.reference,
        "kind": "dbs",
        "public_id": applicant.public_id,
        "vacancy_id": vacancy.id,
        "organisation_id": vacancy.organisation_id,
        "job_id": fit.id,
        "reports.job_id": pdf.id,
        "status": "closed",
    }
    return [
        (endpoint, method, url)
        for endpoint, methods, url in team_urls(app, values)
        for method in methods
    ]


@pytest.fixture
def no_background_work(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Actions that start long work in a thread only record that they would have."""
    started: list[Any] = []
    monkeypatch.setattr(jobs, "run_in_thread", lambda *args, **kwargs: started.append(args))
    return started


def _is_sign_in_redirect(response: Any, url: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response.location)
    return location.path == "/team/sign-in" and parse_qs(location.query).get("next") == [url]


@pytest.mark.parametrize("who", ["anonymous", "candidate"])
def test_team_pages_send_everyone_else_to_sign_in(
    app: Flask, vacancy: Vacancy, who: str, no_background_work: list[Any]
) -> None:
    browser = app.test_client()
    if who == "candidate":
        ref = start_application(browser, vacancy)
        assert browser.get(f"/applications/{ref}/about-you").status_code == 200
    requests = team_requests(app, vacancy)
    assert len(requests) >= 6

    wrong = []
    for endpoint, method, url in requests:
        response = browser.open(url, method=method)
        if not _is_sign_in_redirect(response, url):
            wrong.append((endpoint, method, response.status_code, response.location))
    assert wrong == []
    assert no_background_work == []
    assert db.session.get(Vacancy, vacancy.id).status == "open"


def test_reviewers_read_but_cannot_change(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, no_background_work: list[Any]
) -> None:
    browser = app.test_client()
    sign_in(browser, reviewer)

    wrong = []
    for endpoint, method, url in team_requests(app, vacancy):
        response = browser.open(url, method=method)
        if _admin_only(endpoint, method):
            expected = 403
        elif (endpoint, method) in POST_SHOWS_PAGE:
            expected = 200
        elif (endpoint, method) in POST_SHOWS_ERRORS:
            expected = 400
        elif method == "POST":
            # The action is done, and the next page shown (or the record is not open yet).
            expected = NOT_200.get((endpoint, method), 302)
        else:
            expected = NOT_200.get((endpoint, method), 200)
        if response.status_code != expected:
            wrong.append((endpoint, method, response.status_code, expected))
        if expected == 403:
            assert "You cannot see this page" in page_text(response)
    assert wrong == []
    assert [work for work in no_background_work if work[1] is matching.fit] == []
    assert db.session.get(Vacancy, vacancy.id).status == "open"
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert not [a for a in actions if a.startswith(("vacancy_", "organisation_", "model_"))]


def test_admins_get_through(
    app: Flask, vacancy: Vacancy, admin: TeamUser, no_background_work: list[Any]
) -> None:
    browser = app.test_client()
    sign_in(browser, admin)

    wrong = []
    for endpoint, method, url in team_requests(app, vacancy):
        response = browser.open(url, method=method)
        answered = 400 if (endpoint, method) in POST_SHOWS_ERRORS else 200
        through = response.status_code == NOT_200.get((endpoint, method), answered) or (
            response.status_code == 302 and not response.location.startswith("/team/sign-in")
        )
        if not through:
            wrong.append((endpoint, method, response.status_code, response.location))
    assert wrong == []
    # The status change went through: the admin closed the vacancy.
    assert db.session.get(Vacancy, vacancy.id).status == "closed"


def test_every_endpoint_is_either_declared_public_or_covered_above(app: Flask) -> None:
    uncovered = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in access.PUBLIC_ENDPOINTS
        and rule.endpoint.split(".")[0]
        not in access.PUBLIC_BLUEPRINTS | TEAM_BLUEPRINTS | access.TOKEN_BLUEPRINTS
    ]
    assert uncovered == []


def test_a_page_nobody_declared_public_needs_a_team_sign_in() -> None:
    """Default deny: a new page is closed until someone opens it on purpose."""
    fresh = create_app("testing")
    fresh.add_url_rule("/new-page", "new_page", lambda: "secret")

    response = fresh.test_client().get("/new-page")

    assert response.status_code == 302
    assert response.location == "/team/sign-in?next=/new-page"


def test_a_wrong_password_is_refused_with_a_message(
    client: FlaskClient, reviewer: TeamUser
) -> None:
    response = client.post(
        "/team/sign-in", data={"email": reviewer.email, "password": "not the password"}
    )

    assert response.status_code == 200
    assert error_summary(response) == [("", WRONG)]
    assert client.get("/team/").status_code == 302
    assert db.session.get(TeamUser, reviewer.id).failed_logins == 1


def test_an_unknown_email_gets_the_same_message(client: FlaskClient, reviewer: TeamUser) -> None:
    response = client.post(
        "/team/sign-in", data={"email": "nobody@nhs.example", "password": TEAM_PASSWORD}
    )

    assert error_summary(response) == [("", WRONG)]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "", "password": TEAM_PASSWORD}, "email", "Enter your email address"),
        (
            {"email": "reviewer", "password": TEAM_PASSWORD},
            "email",
            "Enter an email address in the correct format, like name@nhs.net",
        ),
        ({"email": "reviewer@nhs.example", "password": ""}, "password", "Enter your password"),
        (
            {"email": "reviewer@nhs.example", "password": "p" * 129},
            "password",
            "Password must be 128 characters or fewer",
        ),
    ],
)
def test_an_incomplete_sign_in_says_what_to_fix(
    client: FlaskClient, reviewer: TeamUser, data: dict[str, str], field: str, message: str
) -> None:
    response = client.post("/team/sign-in", data=data)

    assert (f"#{field}", message) in error_summary(response)
    assert form_values(response).getlist("password") == [""]


def test_the_password_is_never_written_into_the_page(
    client: FlaskClient, reviewer: TeamUser
) -> None:
    typed = "my-secret-Passw0rd-typo"
    for data in (
        {"email": reviewer.email, "password": typed},
        {"email": "", "password": typed},
    ):
        response = client.post("/team/sign-in", data=data)
        assert response.status_code == 200
        assert typed not in response.get_data(as_text=True)
        assert form_values(response).getlist("password") == [""]
        assert form_values(response).getlist("email") == [data["email"]]  # this one is kept


def test_one_failure_short_of_the_limit_still_signs_in_and_resets(
    client: FlaskClient, reviewer: TeamUser
) -> None:
    for _ in range(LOCK_AFTER - 1):
        client.post("/team/sign-in", data={"email": reviewer.email, "password": "nope"})

    sign_in(client, reviewer)

    assert client.get("/team/").status_code == 200
    assert db.session.get(TeamUser, reviewer.id).failed_logins == 0


def test_an_inactive_account_cannot_sign_in(client: FlaskClient, reviewer: TeamUser) -> None:
    reviewer.active = False
    db.session.commit()

    response = client.post(
        "/team/sign-in", data={"email": reviewer.email, "password": TEAM_PASSWORD}
    )

    assert error_summary(response) == [("", WRONG)]
    assert client.get("/team/").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/team/",
        "//evil.example/team/",
        "///evil.example",
        "/\\evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "/team/\r\nSet-Cookie: x=1",
    ],
)
def test_an_unsafe_next_is_ignored(client: FlaskClient, reviewer: TeamUser, target: str) -> None:
    response = client.post(
        "/team/sign-in",
        query_string={"next": target},
        data={"email": reviewer.email, "password": TEAM_PASSWORD},
    )

    assert response.status_code == 302
    assert response.location == "/team/"


def test_a_safe_next_is_followed(client: FlaskClient, reviewer: TeamUser) -> None:
    page = client.get("/team/reports/")
    assert page.status_code == 302

    response = client.post(page.location, data={"email": reviewer.email, "password": TEAM_PASSWORD})

    assert response.status_code == 302
    assert response.location == "/team/reports/"


def test_signing_out(client: FlaskClient, reviewer: TeamUser) -> None:
    sign_in(client, reviewer)
    assert client.get("/team/").status_code == 200
    assert client.get("/team/sign-out").status_code == 405  # a link cannot sign anyone out

    response = client.post("/team/sign-out")

    assert response.status_code == 302
    assert response.location == "/team/sign-in"
    assert "You have signed out." in page_text(client.get(response.location))
    assert client.get("/team/").status_code == 302


def test_signing_in_twice_goes_to_the_dashboard(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)

    response = client.get("/team/sign-in")

    assert response.location == "/team/"


def test_a_second_team_member_is_not_signed_in_by_the_first(app: Flask, admin: TeamUser) -> None:
    first = app.test_client()
    sign_in(first, admin)
    other = make_team_user("reviewer")
    second = app.test_client()

    assert second.get("/team/").status_code == 302
    sign_in(second, other)
    assert "Test reviewer" in page_text(second.get("/team/"))
    assert "Test admin" in page_text(first.get("/team/"))
