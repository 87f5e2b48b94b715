"""CVs: checked by content, not by name; stored under random names outside static/,
encrypted; served only to the team, and only as attachments."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from config import BASE_DIR
from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    AuditEvent,
    Candidate,
    CVDocument,
    IdentityReveal,
    TeamUser,
    Vacancy,
)
from tests.appointments.test_sift import set_stage
from tests.candidates.test_cv import CV_LINES, make_pdf, upload
from tests.conftest import (
    assert_field_error,
    complete_steps,
    make_team_user,
    page_text,
    sign_in,
    start_application,
)

# A real 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
NOT_A_CV = "The CV must be a PDF or a Word document (.docx)."


@pytest.fixture
def cv_url(client: FlaskClient, vacancy: Vacancy) -> str:
    base = f"/applications/{start_application(client, vacancy)}"
    complete_steps(client, base, ["about-you", "experience", "competencies", "statement"])
    return f"{base}/cv"


def documents() -> list[CVDocument]:
    return list(db.session.execute(db.select(CVDocument)).scalars())


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("cv.pdf", PNG),
        ("cv.docx", PNG),
        ("cv.pdf", b"<html><script>alert(1)</script></html>"),
        ("cv.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows program
        ("cv.pdf", b"PK\x03\x04" + b"\x00" * 200),  # a zip that is not a Word document
    ],
)
def test_a_file_that_is_not_a_pdf_or_word_document_is_refused_whatever_its_name(
    client: FlaskClient, cv_url: str, filename: str, data: bytes
) -> None:
    response = upload(client, cv_url, data, filename)
    assert_field_error(response, "cv", NOT_A_CV)
    assert documents() == []


def test_a_real_pdf_named_txt_is_accepted_as_a_pdf(
    app: Flask, client: FlaskClient, cv_url: str
) -> None:
    response = upload(client, cv_url, make_pdf(CV_LINES), "cv.txt")
    assert response.status_code == 302
    [document] = documents()
    assert document.content_type == "application/pdf"


def test_stored_under_a_random_name_outside_static_and_encrypted(
    app: Flask, client: FlaskClient, cv_url: str
) -> None:
    pdf = make_pdf(CV_LINES)
    upload(client, cv_url, pdf, "../../static/Amara Okafor CV.pdf")
    [document] = documents()
    assert re.fullmatch(r"[0-9a-f]{32}", document.storage_name)
    stored = Path(app.config["UPLOAD_FOLDER"], document.storage_name).resolve()
    assert stored.is_file()
    static = Path(app.static_folder or "").resolve()
    assert static not in stored.parents
    assert not list(Path(BASE_DIR, "static").rglob(document.storage_name))
    assert not stored.read_bytes().startswith(b"%PDF")  # encrypted at rest
    assert client.get(f"/static/{document.storage_name}").status_code == 404
    # The default folder, when none is configured, is the instance folder, not static/.
    assert Path(BASE_DIR, "static").resolve() not in Path(app.instance_path).resolve().parents


@pytest.fixture
def submitted(app: Flask, client: FlaskClient, cv_url: str) -> tuple[str, bytes]:
    """An application submitted with a CV, by the candidate using `client`."""
    pdf = make_pdf(CV_LINES)
    assert upload(client, cv_url, pdf, "cv.pdf").status_code == 302
    base = cv_url.rsplit("/", 1)[0]
    complete_steps(client, base, ["eligibility", "equality"])
    response = client.post(f"{base}/check")
    assert response.status_code == 302, response.location
    return base.split("/")[-1], pdf


def test_the_cv_is_not_served_to_anyone_signed_out(
    app: Flask, submitted: tuple[str, bytes]
) -> None:
    ref, _ = submitted
    response = app.test_client().get(f"/team/applications/{ref}/cv")
    assert response.status_code == 302
    assert response.location.startswith("/team/sign-in")


def test_the_cv_is_not_served_to_candidates_even_its_own(
    client: FlaskClient, submitted: tuple[str, bytes]
) -> None:
    ref, pdf = submitted
    response = client.get(f"/team/applications/{ref}/cv")  # the candidate's own browser
    assert response.status_code == 302
    assert response.location.startswith("/team/sign-in")
    assert pdf not in response.get_data()


def reveal(team: FlaskClient, ref: str) -> None:
    """Take the application to interview and reveal the identity, as the panel would."""
    application = db.session.execute(db.select(Application).filter_by(reference=ref)).scalar_one()
    for stage in ("longlisted", "shortlisted", "interview"):
        set_stage(application, stage)
    response = team.post(f"/team/applications/{ref}/reveal")
    assert response.status_code == 302
    assert db.session.execute(db.select(IdentityReveal)).scalar_one() is not None


def test_the_team_gets_the_cv_only_as_an_attachment(
    app: Flask, submitted: tuple[str, bytes]
) -> None:
    ref, pdf = submitted
    team = app.test_client()
    reviewer: TeamUser = make_team_user()
    sign_in(team, reviewer)
    reveal(team, ref)
    response = team.get(f"/team/applications/{ref}/cv")
    assert response.status_code == 200
    assert response.get_data() == pdf
    assert response.headers["Content-Disposition"] == f'attachment; filename="{ref}-cv.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/pdf"
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


# A CV as people write them: everything that identifies them at the top.
IDENTIFYING_CV = [
    "Amara Okafor",
    "amara.okafor@example.com | 07700 900 982 | @amaraokafor",
    "Address: 14 Wellington Street, Leeds LS1 4AP",
    "linkedin.com/in/amara-okafor-fca and https://github.com/aokafor",
    "Finance Director, Aire Valley Housing Association, 2015 to date",
    "Chair of the audit and risk committee, Leeds Community Foundation",
]
IDENTITY = [
    "amara",
    "okafor",
    "amara.okafor@example.com",
    "07700 900 982",
    "07700900982",
    "@amaraokafor",
    "14 wellington street",
    "wellington",
    "ls1 4ap",
    "linkedin.com/in",
    "github.com/aokafor",
]


@pytest.fixture
def identifying(client: FlaskClient, cv_url: str) -> tuple[str, bytes]:
    pdf = make_pdf(IDENTIFYING_CV)
    assert upload(client, cv_url, pdf, "Amara Okafor CV.pdf").status_code == 302
    base = cv_url.rsplit("/", 1)[0]
    complete_steps(client, base, ["eligibility", "equality"])
    assert client.post(f"{base}/check").status_code == 302
    return base.split("/")[-1], pdf


def cv_downloads() -> list[AuditEvent]:
    return list(
        db.session.execute(
            db.select(AuditEvent).filter_by(action="cv_downloaded").order_by(AuditEvent.id)
        ).scalars()
    )


def test_a_reviewer_in_the_blind_sift_gets_no_original_cv_and_no_identity(
    app: Flask, identifying: tuple[str, bytes]
) -> None:
    """The attack: at the "applied" stage, download the CV to read the name the sift hides."""
    ref, pdf = identifying
    team = app.test_client()
    reviewer = make_team_user()
    sign_in(team, reviewer)
    application = db.session.execute(db.select(Application).filter_by(reference=ref)).scalar_one()
    assert application.stage == "applied"
    candidate = application.candidate

    download = team.get(f"/team/applications/{ref}/cv")
    served = [
        download,
        team.get(f"/team/applications/{ref}"),
        team.get(f"/team/vacancies/{application.vacancy_id}"),
        team.get(f"/team/vacancies/{application.vacancy_id}/pool"),
        team.get(f"/team/vacancies/{application.vacancy_id}/history"),
        team.get(f"/team/vacancies/{application.vacancy_id}/export/shortlist.csv"),
    ]

    assert download.status_code == 200
    body = download.get_data()
    assert pdf not in body and not body.startswith(b"%PDF")
    assert download.mimetype == "text/plain"
    assert download.headers["Content-Disposition"] == f'attachment; filename="{ref}-cv-text.txt"'
    text = body.decode()
    # What the sift needs is still there.
    assert "Finance Director, Aire Valley Housing Association" in text
    assert "Chair of the audit and risk committee, Leeds Community Foundation" in text
    for response in served:
        assert response.status_code == 200, response.request.path
        seen = response.get_data(as_text=True).lower()
        for value in [*IDENTITY, candidate.email.lower()]:
            assert value not in seen, (response.request.path, value)
    # The page links to the blind text, not the file.
    page = page_text(served[1])
    assert "Download the CV text (names and contact details removed)" in page
    assert "Download the original CV" not in page
    # The data request pages (which hand a person their own CV) are not a way round.
    assert team.get(f"/team/data-requests/{candidate.public_id}").status_code in {302, 403, 404}
    assert team.post(f"/team/data-requests/{candidate.public_id}/export").status_code in {
        302,
        403,
        404,
    }
    # Even the download of the blind text is on the record.
    [event] = cv_downloads()
    assert (event.actor, event.object_id, event.detail) == (
        f"team:{reviewer.id}",
        str(application.id),
        {"original": False},
    )


def test_after_reveal_the_original_cv_is_served_and_the_download_recorded(
    app: Flask, identifying: tuple[str, bytes]
) -> None:
    ref, pdf = identifying
    team = app.test_client()
    reviewer = make_team_user()
    sign_in(team, reviewer)
    reveal(team, ref)

    assert "Download the original CV" in page_text(team.get(f"/team/applications/{ref}"))
    response = team.get(f"/team/applications/{ref}/cv")

    assert response.status_code == 200
    assert response.get_data() == pdf
    assert response.headers["Content-Disposition"] == f'attachment; filename="{ref}-cv.pdf"'
    application = db.session.execute(db.select(Application).filter_by(reference=ref)).scalar_one()
    [event] = cv_downloads()
    assert (event.actor, event.object_id, event.detail) == (
        f"team:{reviewer.id}",
        str(application.id),
        {"original": True},
    )


def test_a_draft_applications_cv_is_not_served(
    app: Flask, client: FlaskClient, cv_url: str
) -> None:
    upload(client, cv_url, make_pdf(CV_LINES), "cv.pdf")
    ref = cv_url.split("/")[2]
    team = app.test_client()
    sign_in(team, make_team_user())
    assert team.get(f"/team/applications/{ref}/cv").status_code == 404
    assert db.session.execute(db.select(Candidate)).scalar_one().cv is not None
