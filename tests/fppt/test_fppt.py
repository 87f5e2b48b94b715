"""The fit and proper person test: nobody is appointed without every check cleared or an
administrator's recorded override; checks are recorded with a date, evidence and outcome;
appointed members fall due for an annual re-check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import (
    FPPT_CHECKS,
    Application,
    AuditEvent,
    FpptCheck,
    FpptOverride,
    StageChange,
    TeamUser,
    Vacancy,
)
from nedmatch.services import matching
from nedmatch.services.fppt import due
from nedmatch.services.privacy import erasure
from nedmatch.services.sift import stages
from tests.appointments.test_sift import ACCOUNTANT, make_applicant, set_stage
from tests.conftest import error_summary, page_text, sign_in
from tests.factories import complete_fppt, make_vacancy


@pytest.fixture
def post(app: Flask, tmp_path: Path) -> Iterator[Vacancy]:
    """A vacancy with no fitted model: these tests are about the checks, not ranking."""
    app.config["MODEL_FOLDER"] = str(tmp_path / "model")
    matching.forget(app)
    yield make_vacancy()
    matching.forget(app)
    app.config.pop("MODEL_FOLDER")


def recommended(vacancy: Vacancy) -> Application:
    application = make_applicant(vacancy, ACCOUNTANT)
    for step in ("longlisted", "shortlisted", "interview", "recommended"):
        set_stage(application, step)
    return application


def appoint(client: FlaskClient, application: Application) -> object:
    return client.post(
        f"/team/applications/{application.reference}", data={"move-to_stage": "appointed"}
    )


def record_check(client: FlaskClient, application: Application, kind: str, **fields: str) -> object:
    today = date.today()
    data = {
        "status": "satisfactory",
        "checked_on-day": str(today.day),
        "checked_on-month": str(today.month),
        "checked_on-year": str(today.year),
        "evidence": "Seen and recorded",
        "notes": "",
        **fields,
    }
    return client.post(f"/team/applications/{application.reference}/fppt/{kind}", data=data)


def test_nobody_is_appointed_without_the_checks(
    client: FlaskClient, reviewer: TeamUser, post: Vacancy
) -> None:
    application = recommended(post)
    sign_in(client, reviewer)
    response = appoint(client, application)
    assert response.status_code == 200
    [(_, message)] = error_summary(response)
    assert "cannot be appointed until the fit and proper person checks are complete" in message
    assert "Disclosure and Barring Service (DBS) check" in message
    assert "an administrator can override with a recorded reason" in message
    db.session.refresh(application)
    assert application.stage == "recommended"


def test_the_checks_recorded_one_by_one_let_the_appointment_go_ahead(
    client: FlaskClient, reviewer: TeamUser, post: Vacancy
) -> None:
    application = recommended(post)
    sign_in(client, reviewer)
    page = client.get(f"/team/applications/{application.reference}/fppt")
    assert page.status_code == 200
    assert page_text(page).count("Not started") == len(FPPT_CHECKS)
    kinds = list(FPPT_CHECKS)
    for kind in kinds[:-1]:
        assert record_check(client, application, kind).status_code == 302
    # One check left: still refused, and the message names only that one.
    [(_, message)] = error_summary(appoint(client, application))
    assert "Self-attestation by the candidate" in message
    assert "References" not in message
    response = record_check(
        client, application, "self_attestation", status="not_required", notes="Signed on paper"
    )
    assert response.status_code == 302
    assert appoint(client, application).status_code == 302
    db.session.refresh(application)
    assert application.stage == "appointed"
    kinds_audited = db.session.execute(
        db.select(AuditEvent.detail).where(AuditEvent.action == "fppt_check_recorded")
    ).scalars()
    assert {d["kind"] for d in kinds_audited} == set(kinds)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"status": ""}, "status", "Select the outcome of the check"),
        (
            {"checked_on-day": "", "checked_on-month": "", "checked_on-year": ""},
            "checked_on",
            "Enter the date the check was made",
        ),
        ({"checked_on-month": "13"}, "checked_on", "must be a real date"),
        ({"evidence": ""}, "evidence", "Enter the evidence the check rests on"),
        ({"status": "concern"}, "notes", "Enter the concern and what was decided about it"),
        ({"status": "not_required"}, "notes", "Enter why the check is not required"),
    ],
)
def test_a_check_needs_its_date_evidence_and_reasons(
    client: FlaskClient,
    reviewer: TeamUser,
    post: Vacancy,
    fields: dict[str, str],
    field: str,
    message: str,
) -> None:
    application = recommended(post)
    sign_in(client, reviewer)
    response = record_check(client, application, "dbs", **fields)
    assert response.status_code == 200
    errors = error_summary(response)
    assert any(message in text for _, text in errors), errors
    # What was typed is kept.
    if fields.get("status"):
        assert f'value="{fields["status"]}" checked' in response.get_data(as_text=True)
    assert db.session.execute(db.select(FpptCheck)).first() is None


def test_only_an_administrator_overrides_and_gives_a_reason(
    client: FlaskClient, reviewer: TeamUser, admin: TeamUser, post: Vacancy
) -> None:
    application = recommended(post)
    url = f"/team/applications/{application.reference}/fppt/override"
    sign_in(client, reviewer)
    assert client.post(url, data={"reason": "Urgent"}).status_code == 403
    assert "Record the override" not in page_text(
        client.get(f"/team/applications/{application.reference}/fppt")
    )
    client.post("/team/sign-out")
    sign_in(client, admin)
    empty = client.post(url, data={"reason": " "})
    assert empty.status_code == 200
    assert error_summary(empty) == [
        ("#reason", "Enter the reason for appointing without every check complete")
    ]
    assert client.post(url, data={"reason": "Interim appointment: DBS awaited"}).status_code == 302
    override = db.session.execute(db.select(FpptOverride)).scalar_one()
    assert override.reason == "Interim appointment: DBS awaited"
    assert appoint(client, application).status_code == 302
    db.session.refresh(application)
    assert application.stage == "appointed"


def test_bulk_moves_respect_the_checks(admin: TeamUser, post: Vacancy) -> None:
    waiting, checked = recommended(post), recommended(post)
    complete_fppt(checked)
    db.session.commit()
    result = stages.bulk_move(
        Actor.team(admin), post, [waiting.id, checked.id], "advance", "", actor_is_admin=True
    )
    assert result.moved == 1
    [refused] = result.refused
    assert waiting.reference in refused and "fit and proper person checks" in refused
    assert (waiting.stage, checked.stage) == ("recommended", "appointed")


def test_the_record_opens_only_from_interview(
    client: FlaskClient, reviewer: TeamUser, post: Vacancy
) -> None:
    application = make_applicant(post, ACCOUNTANT)
    sign_in(client, reviewer)
    assert client.get(f"/team/applications/{application.reference}/fppt").status_code == 404
    page = client.get(f"/team/applications/{application.reference}")
    assert "Fit and proper person checks" not in page_text(page)
    set_stage(application, "longlisted")
    set_stage(application, "shortlisted")
    set_stage(application, "interview")
    page = client.get(f"/team/applications/{application.reference}")
    assert "Fit and proper person checks for" in page_text(page)


def appointed_on(application: Application, when: date) -> None:
    complete_fppt(application, on=when)
    application.stage_changes.append(
        StageChange(
            from_stage="recommended",
            to_stage="appointed",
            at=datetime.combine(when, datetime.min.time()),
        )
    )
    application.stage = "appointed"
    db.session.commit()


def test_annual_re_checks_fall_due(client: FlaskClient, reviewer: TeamUser, post: Vacancy) -> None:
    today = date(2026, 12, 2)
    recent, soon, late = recommended(post), recommended(post), recommended(post)
    appointed_on(recent, today - timedelta(days=200))
    appointed_on(soon, today - timedelta(days=340))
    appointed_on(late, today - timedelta(days=400))
    found = {d.application.reference: d for d in due.due(today)}
    assert set(found) == {soon.reference, late.reference}
    assert not found[soon.reference].overdue and found[late.reference].overdue
    assert found[late.reference].due_on == today - timedelta(days=35)
    assert [
        d.application.reference for d in due.due_for_organisation(post.organisation_id, today)
    ] == [
        late.reference,
        soon.reference,
    ]
    # Starting and finishing the re-check takes the member off the list.
    sign_in(client, reviewer)
    response = client.post(f"/team/applications/{late.reference}/fppt/recheck")
    assert response.status_code == 302
    assert due.due(today)[0].in_progress or late.reference not in {
        d.application.reference for d in due.due(today)
    }
    for kind in FPPT_CHECKS:
        assert record_check(client, late, kind).status_code == 302
    remaining = {d.application.reference for d in due.due(date.today() + timedelta(days=30))}
    assert late.reference not in remaining
    page = client.get("/team/fppt/due")
    assert page.status_code == 200


def test_erasure_deletes_the_checks_of_an_application_not_appointed(
    admin: TeamUser, post: Vacancy
) -> None:
    application = recommended(post)
    complete_fppt(application)
    db.session.commit()
    erasure.erase_candidate(application.candidate, str(Actor.team(admin)), "Asked by the candidate")
    db.session.commit()
    assert db.session.execute(db.select(FpptCheck)).first() is None
