"""A signed-in candidate downloads, keeps, leaves and erases their data themselves."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Application, AuditEvent, Candidate, Vacancy
from nedmatch.services.platform.notifications import Email
from tests.candidates.test_cv import make_pdf
from tests.conftest import page_text

from .conftest import CV_LINES, EMAIL, NAME, PHONE, apply_through_the_service, found_anywhere


def _actions(candidate_id: int) -> list[str]:
    return list(
        db.session.execute(
            db.select(AuditEvent.action)
            .where(AuditEvent.object_type == "candidate", AuditEvent.object_id == str(candidate_id))
            .order_by(AuditEvent.id)
        ).scalars()
    )


def test_download_all_my_data(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    application = apply_through_the_service(client, vacancy)
    assert "Download your data" in page_text(client.get("/my-data"))

    response = client.post("/my-data/download")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert sorted(archive.namelist()) == ["cv.pdf", "data.json"]
        data = json.loads(archive.read("data.json"))
        assert archive.read("cv.pdf") == make_pdf(CV_LINES)
    profile = data["profile"]
    assert (profile["first_name"], profile["last_name"]) == NAME
    assert profile["email"] == EMAIL and profile["phone"] == PHONE
    [mine] = data["applications"]
    assert mine["reference"] == application.reference and mine["stage"] == "Applied"
    assert [h["to"] for h in mine["stage_history"]] == ["Applied"]
    assert "team_notes" not in mine  # still in the sift
    assert data["eligibility_declaration"]["answers"]["bankruptcy"] is True
    assert data["equality_monitoring"]["What is your sex?"] == "Female"
    assert CV_LINES[1] in data["cv"]["text_we_read_from_it"]
    assert {e["action"] for e in data["audit_trail"]} >= {"candidate_created", "cv_uploaded"}
    # Recorded, including the read of the monitoring answers, and confirmed by email.
    actions = _actions(application.candidate_id)
    assert "data_exported" in actions and "monitoring_read" in actions
    assert outbox[-1].subject == "You downloaded your NEDMatch data" and outbox[-1].to == EMAIL


def test_leave_the_pool_keeps_applications(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    application = apply_through_the_service(client, vacancy)
    assert "Are you sure" in page_text(client.get("/my-data/leave-pool"))

    response = client.post("/my-data/leave-pool")

    assert response.status_code == 302
    candidate = db.session.get(Candidate, application.candidate_id)
    assert not candidate.in_pool and not candidate.consent_to_match
    assert db.session.get(Application, application.id).stage == "applied"
    assert "left_pool" in _actions(candidate.id)
    assert outbox[-1].subject == "You have left the NEDMatch talent pool"


def test_renew_from_my_data(app: Flask, client: FlaskClient, vacancy: Vacancy) -> None:
    application = apply_through_the_service(client, vacancy)
    before = db.session.get(Candidate, application.candidate_id).last_active_at

    response = client.post("/my-data/renew", follow_redirects=True)

    assert "We will keep your profile until at least" in page_text(response)
    assert db.session.get(Candidate, application.candidate_id).last_active_at >= before
    assert "profile_renewed" in _actions(application.candidate_id)


def test_erase_my_data(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    application = apply_through_the_service(client, vacancy)
    page = page_text(client.get("/my-data/erase"))
    assert "We will withdraw your application" in page and application.reference in page
    storage = db.session.get(Candidate, application.candidate_id).cv.storage_name

    refused = client.post("/my-data/erase", data={})
    assert "Confirm that you want us to delete your data" in page_text(refused)

    response = client.post("/my-data/erase", data={"confirm": "y"})

    assert response.status_code == 302 and response.location.startswith("/my-data/erased")
    assert "Your data has been deleted" in page_text(client.get(response.location))
    assert client.get("/my-applications").status_code == 302  # signed out
    candidate = db.session.get(Candidate, application.candidate_id)
    assert candidate.erased_at is not None
    assert db.session.get(Application, application.id).stage == "withdrawn"
    assert not Path(app.config["UPLOAD_FOLDER"], storage).exists()
    assert outbox[-1].to == EMAIL and outbox[-1].subject == "We have deleted your NEDMatch data"
    assert "candidate_erased" in _actions(candidate.id)
    assert found_anywhere(app, [EMAIL, NAME[1], PHONE]) == []


def test_signed_out_visitors_are_asked_to_sign_in(client: FlaskClient) -> None:
    for url in ("/my-data", "/my-data/leave-pool", "/my-data/erase"):
        assert client.get(url).location == "/return"
    for url in ("/my-data/download", "/my-data/renew", "/my-data/erase"):
        assert client.post(url).location == "/return"


def test_every_form_links_to_the_privacy_notice(client: FlaskClient, vacancy: Vacancy) -> None:
    apply_page = client.get(f"/vacancies/{vacancy.id}/apply")
    ref = client.post(f"/vacancies/{vacancy.id}/apply", data={"email": "x@example.com"})
    step = client.get(ref.location)
    for response in (apply_page, step, client.get("/return")):
        assert b'href="/privacy"' in response.data
    notice = page_text(client.get("/privacy"))
    for words in ("lawful basis", "Who sees it", "How long we keep it", "12 months", "24 months"):
        assert words in notice
