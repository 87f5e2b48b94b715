"""Requests received outside the service: an administrator exports or erases a candidate's
data from the team pages or the command line; team members download CVs as files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, TeamUser
from nedmatch.services.platform.notifications import Email
from tests.candidates.test_cv import make_pdf
from tests.conftest import error_summary, page_text, sign_in

from .conftest import CV_LINES, EMAIL, NAME, Person, found_anywhere


def _actions(action: str) -> list[AuditEvent]:
    return list(
        db.session.execute(
            db.select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id)
        ).scalars()
    )


@pytest.fixture
def team(app: Flask, admin: TeamUser) -> FlaskClient:
    browser = app.test_client()
    sign_in(browser, admin)
    return browser


def test_an_admin_finds_a_candidate_by_exact_email(team: FlaskClient, person: Person) -> None:
    response = team.post("/team/data-requests", data={"email": EMAIL.upper()})
    assert response.status_code == 302
    page = page_text(team.get(response.location))
    assert " ".join(NAME) in page and person.reference in page

    missing = team.post("/team/data-requests", data={"email": "teodora@example.net"})
    assert "No candidate has this email address" in error_summary(missing)[0][1]


def test_an_admin_exports_with_a_reason(team: FlaskClient, person: Person) -> None:
    public_id = db.session.get(Candidate, person.candidate_id).public_id
    url = f"/team/data-requests/{public_id}/export"

    refused = team.post(url, data={})
    assert error_summary(refused)[0][1] == "Enter the reason, so the audit trail shows why"

    response = team.post(url, data={"reason": "Letter of 3 March, identity checked"})

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        data = json.loads(archive.read("data.json"))
        assert archive.read("cv.pdf") == make_pdf(CV_LINES)
    # An admin's export includes the team's notes and panel comments, to review first.
    [application] = data["applications"]
    assert "Lapidary Guild" in application["panel_scores"][0]["comment"]
    assert application["team_notes"]
    [event] = _actions("data_exported")
    assert event.detail["reason"] == "Letter of 3 March, identity checked"
    assert event.actor.startswith("team:")


def test_an_admin_erases_after_confirming(
    app: Flask, team: FlaskClient, person: Person, outbox: list[Email]
) -> None:
    public_id = db.session.get(Candidate, person.candidate_id).public_id
    url = f"/team/data-requests/{public_id}/erase"
    assert "Delete this person's data" in page_text(team.get(url))

    refused = team.post(url, data={"reason": "Phone call"})
    assert ("#confirm", "Confirm you have checked the request") in error_summary(refused)
    assert db.session.get(Candidate, person.candidate_id).erased_at is None

    response = team.post(
        url, data={"reason": f"Phone call from {EMAIL}, identity checked", "confirm": "y"}
    )

    assert response.status_code == 302
    assert "The data has been erased" in page_text(team.get(response.location))
    assert db.session.get(Candidate, person.candidate_id).erased_at is not None
    [event] = _actions("candidate_erased")
    assert event.detail["reason"] == "Phone call from [erased], identity checked"
    assert outbox[-1].to == EMAIL
    assert found_anywhere(app, person.needles()) == []
    assert team.get(f"/team/data-requests/{public_id}").status_code == 404


def test_reviewers_cannot_use_data_requests(app: Flask, person: Person, reviewer: TeamUser) -> None:
    browser = app.test_client()
    sign_in(browser, reviewer)
    public_id = db.session.get(Candidate, person.candidate_id).public_id

    assert browser.get("/team/data-requests").status_code == 403
    assert browser.get(f"/team/data-requests/{public_id}").status_code == 403
    response = browser.post(
        f"/team/data-requests/{public_id}/erase", data={"reason": "x", "confirm": "y"}
    )
    assert response.status_code == 403
    assert db.session.get(Candidate, person.candidate_id).erased_at is None


def test_team_members_download_a_cv_as_a_file(
    app: Flask, person: Person, reviewer: TeamUser
) -> None:
    url = f"/team/applications/{person.reference}/cv"
    anonymous = app.test_client()
    assert anonymous.get(url).location.startswith("/team/sign-in")
    browser = app.test_client()
    sign_in(browser, reviewer)

    response = browser.get(url)

    assert response.status_code == 200
    assert response.data == make_pdf(CV_LINES)
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{person.reference}-cv.pdf"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    [event] = _actions("cv_downloaded")
    assert event.actor == f"team:{reviewer.id}"
    assert browser.get("/team/applications/NED-ZZZZ-ZZZZ/cv").status_code == 404


def test_the_command_line_exports_and_erases(
    app: Flask, runner: Any, person: Person, tmp_path: Path
) -> None:
    output = tmp_path / "request.zip"

    exported = runner.invoke(args=["candidate", "export", EMAIL, "--output", str(output)])

    assert exported.exit_code == 0, exported.output
    assert EMAIL not in exported.output
    with zipfile.ZipFile(output) as archive:
        assert json.loads(archive.read("data.json"))["profile"]["email"] == EMAIL
    assert output.stat().st_mode & 0o077 == 0  # readable by its owner only

    unconfirmed = runner.invoke(args=["candidate", "erase", EMAIL], input="n\n")
    assert unconfirmed.exit_code == 1
    db.session.expire_all()
    assert db.session.get(Candidate, person.candidate_id).erased_at is None

    erased = runner.invoke(args=["candidate", "erase", EMAIL, "--yes"])

    assert erased.exit_code == 0, erased.output
    assert f"Erased record {person.candidate_id}." in erased.output
    db.session.expire_all()
    assert db.session.get(Candidate, person.candidate_id).erased_at is not None
    output.unlink()
    assert found_anywhere(app, person.needles()) == []
    again = runner.invoke(args=["candidate", "erase", EMAIL, "--yes"])
    assert again.exit_code == 1 and "No candidate has this email address" in again.output
