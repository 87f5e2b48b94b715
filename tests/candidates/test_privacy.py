"""Equality monitoring answers are kept apart: only in monitoring_response, under a keyed
hash, and never on a page the appointments team uses to judge candidates."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from typing import Any

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.actors import Actor
from nedmatch.candidates.journey import STEPS
from nedmatch.domain import MONITORING_QUESTIONS
from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    Candidate,
    ImportBatch,
    Job,
    MonitoringResponse,
    TeamUser,
    Vacancy,
    WebhookDelivery,
)
from nedmatch.reports.downloads import PDF_JOB
from nedmatch.services.platform import api_tokens
from nedmatch.services.webhooks import events
from nedmatch.services.webhooks import subscriptions as webhooks
from tests.conftest import (
    VALID_STEPS,
    complete_steps,
    make_team_user,
    page_text,
    sign_in,
    start_application,
    team_urls,
)
from tests.factories import board_and_pipeline_records

# Answers whose labels are words that appear nowhere else in the service.
ANSWERS = {
    "age_band": "55-64",
    "sex": "female",
    "ethnicity": "african",
    "sexual_orientation": "bisexual",
    "religion": "sikh",
    "marital_status": "widowed",
    "parent_occupation": "routine",
}
LABELS = [MONITORING_QUESTIONS[q][1][a] for q, a in ANSWERS.items()]
STEPS_BEFORE_EQUALITY = [s.slug for s in STEPS if s.slug != "equality"]


def expected_subject_key(app: Flask, candidate_id: int) -> str:
    key = app.config["MONITORING_KEY"].encode()
    return hmac.new(key, f"candidate:{candidate_id}".encode(), hashlib.sha256).hexdigest()


@pytest.fixture
def applicant(client: FlaskClient, vacancy: Vacancy) -> Application:
    """A submitted application whose candidate answered the monitoring questions."""
    ref = start_application(client, vacancy)
    base = f"/applications/{ref}"
    complete_steps(client, base, STEPS_BEFORE_EQUALITY)
    assert client.post(f"{base}/equality", data=ANSWERS).status_code == 302
    assert client.post(f"{base}/check").status_code == 302
    return db.session.execute(db.select(Application)).scalar_one()


def _every_row_except_monitoring() -> str:
    dump = []
    for table in db.metadata.sorted_tables:
        if table.name == MonitoringResponse.__tablename__:
            continue
        for row in db.session.execute(table.select()).mappings():
            dump.append(json.dumps({k: str(v) for k, v in row.items()}))
    return "\n".join(dump)


def test_answers_are_stored_only_under_a_keyed_hash(app: Flask, applicant: Application) -> None:
    candidate = applicant.candidate

    [response] = db.session.execute(db.select(MonitoringResponse)).scalars().all()

    assert response.answers == ANSWERS
    assert response.subject_key == expected_subject_key(app, candidate.id)
    for identifier in (candidate.public_id, candidate.email, applicant.reference):
        assert identifier not in response.subject_key
    # The table cannot be joined to a candidate: no candidate column, no foreign key.
    table = MonitoringResponse.__table__
    assert not table.foreign_keys
    assert not [c.name for c in table.columns if "candidate" in c.name or "application" in c.name]
    # And no other table holds the answers.
    everything_else = _every_row_except_monitoring()
    for answer in ANSWERS.values():
        assert f'"{answer}"' not in everything_else
        assert f"'{answer}'" not in everything_else


def test_a_different_key_gives_an_unlinkable_subject(app: Flask, applicant: Application) -> None:
    stored = db.session.execute(db.select(MonitoringResponse.subject_key)).scalar_one()
    other_key = hmac.new(
        b"another-key", f"candidate:{applicant.candidate_id}".encode(), hashlib.sha256
    ).hexdigest()
    plain = hashlib.sha256(f"candidate:{applicant.candidate_id}".encode()).hexdigest()

    assert stored not in {other_key, plain}


def test_changing_answers_updates_the_one_record(
    client: FlaskClient, applicant: Application
) -> None:
    # A candidate can change their answers while their profile is open to them.
    assert client.post("/profile/equality", data={"sex": "prefer-not-to-say"}).status_code == 302

    [response] = db.session.execute(db.select(MonitoringResponse)).scalars().all()
    assert response.answers == {"sex": "prefer-not-to-say"}


def test_an_answer_not_on_the_list_is_not_kept_anywhere(
    client: FlaskClient, vacancy: Vacancy
) -> None:
    ref = start_application(client, vacancy)

    response = client.post(
        f"/applications/{ref}/equality", data={"ethnicity": "african", "sex": "not-an-answer"}
    )

    assert response.status_code == 200
    assert db.session.execute(db.select(MonitoringResponse)).first() is None
    # Not even as a draft of the page on the candidate's record.
    assert "african" not in _every_row_except_monitoring()


def test_the_candidate_sees_only_how_many_questions_they_answered(
    client: FlaskClient, applicant: Application
) -> None:
    check = page_text(client.get("/profile/check"))

    assert f"{len(ANSWERS)} of {len(MONITORING_QUESTIONS)}" in check
    for label in LABELS:
        assert label not in check


def _team_get_pages(app: Flask, applicant: Application) -> list[tuple[str, str]]:
    """(endpoint, URL) for every team page that can be fetched with GET."""
    fit = Job(kind="fit_model", status="done")
    pdf = Job(kind=PDF_JOB, status="running")
    db.session.add_all([fit, pdf])
    db.session.commit()
    someone = make_team_user("admin", email="privacy-pages@example.com")
    token = api_tokens.create(Actor.team(someone), someone, "A system", "reviewer").token
    hook = webhooks.create(
        Actor.team(someone), someone, "A system", "https://hr.example.com/e", [events.STAGE_CHANGED]
    ).subscription
    events.stage_changed(applicant, "longlisted")  # a delivery about them, in the webhook's log
    batch = ImportBatch(
        filename="people.csv",
        consent_source="A list",
        created_by=someone.id,
        status="checked",
        check_job_id=fit.id,
    )
    db.session.add(batch)
    db.session.commit()
    values = {
        # A board member the team recorded (their declaration link page is visited too),
        # and the applicant on a placement and offered the pool after interview.
        **board_and_pipeline_records(applicant),
        "token_id": token.id,
        "subscription_id": hook.id,
        "delivery_id": db.session.execute(db.select(WebhookDelivery.id)).scalars().first(),
        "batch_id": batch.id,
        "vacancy_id": applicant.vacancy_id,
        "organisation_id": applicant.vacancy.organisation_id,
        "job_id": fit.id,
        "reports.job_id": pdf.id,
        "status": "closed",  # POST only: not visited here
        "ref": applicant.reference,
        "kind": "dbs",
        "public_id": applicant.candidate.public_id,
    }
    # 404, or (the bias audit, with no model fitted) back to its page, which says why.
    no_file_yet = {"reports.job_download", "sift.application_cv", "reports.bias_audit_download"}
    # Unlocking needs ?member=<id>: without one it goes back to the team members' list.
    not_a_page = {"members.team_member_unlock"}
    return [
        (endpoint, url)
        for endpoint, methods, url in team_urls(app, values)
        if "GET" in methods and endpoint not in no_file_yet | not_a_page
    ]


def _download_text(response: Any) -> str:
    """Every cell of a CSV or XLSX download, as text."""
    if response.mimetype in {"text/csv", "application/json", "text/plain"}:
        return response.get_data(as_text=True)
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()), read_only=True)
    return "\n".join(
        " ".join(str(value) for value in row if value is not None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_answers_never_appear_on_team_pages(
    app: Flask, applicant: Application, admin: TeamUser
) -> None:
    team = app.test_client()
    sign_in(team, admin)
    # At interview, so the panel's pages and the fit and proper person checks about the
    # applicant are visited too.
    applicant.stage = "interview"
    db.session.commit()
    candidate = applicant.candidate
    pages = _team_get_pages(app, applicant)
    assert any(endpoint == "sift.vacancy" for endpoint, _ in pages)

    for endpoint, url in pages:
        response = team.get(url)
        assert response.status_code == 200, url
        if endpoint.startswith("reports."):
            # Reports are counts by group, so group names appear by design; what must not
            # appear is anything that points at a person. Downloads are checked as bytes.
            content = response.get_data()
            for identifier in (candidate.email, candidate.last_name, applicant.reference):
                assert identifier.encode() not in content, (url, identifier)
            continue
        text = _download_text(response) if response.mimetype != "text/html" else page_text(response)
        for label in LABELS:
            assert label not in text, (url, label)
        for word in ("ethnic", "Ethnicity", "sexual orientation", "religion", "disability"):
            assert word.lower() not in text.lower(), (url, word)


def test_the_vacancy_page_shows_the_applicant_by_reference(
    app: Flask, applicant: Application, admin: TeamUser
) -> None:
    """The check above looks at pages that do show the applicant."""
    team = app.test_client()
    sign_in(team, admin)

    text = page_text(team.get(f"/team/vacancies/{applicant.vacancy_id}"))

    assert applicant.reference in text
    assert VALID_STEPS["about-you"]["last_name"] not in text  # the sift is blind


def test_the_candidate_record_has_no_route_to_the_answers() -> None:
    mapper = db.inspect(Candidate)
    related = {r.mapper.class_ for r in mapper.relationships}
    assert MonitoringResponse not in related
    assert not any(
        MonitoringResponse in {r.mapper.class_ for r in db.inspect(cls).relationships}
        for cls in related
    )
