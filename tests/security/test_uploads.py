"""CVs: checked by content, not by name; stored under random names outside static/,
encrypted; served only to the team, and only as attachments."""

from __future__ import annotations

import base64
import re
import resource
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
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
from nedmatch.services.applications import cv
from nedmatch.services.applications.cv_extract import Limits
from nedmatch.services.sift import identity as sift
from tests.appointments.test_sift import set_stage
from tests.candidates.test_cv import CV_LINES, MB, make_pdf, upload
from tests.conftest import (
    assert_field_error,
    complete_steps,
    make_team_user,
    page_text,
    sign_in,
    start_application,
)
from tests.security.crafted import CRAFTED, docx_million_paragraphs, pdf_huge_stream, two_page_cv

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


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        (
            "Address: 14 Wellington Street, Leeds LS1 4AP. Finance Director since 2015.",
            ["Wellington", "LS1 4AP"],
            "Finance Director since 2015.",
        ),
        ("Flat 3, 27 Park Road, Harrogate. Trustee.", ["Flat 3", "Park Road"], "Trustee."),
        ("See github.com/aokafor or @amaraokafor. Chair.", ["aokafor", "amaraokafor"], "Chair."),
        (
            "linkedin.com/in/amara-okafor-fca https://medium.com/@amara/post",
            ["amara-okafor", "medium.com", "@amara"],
            "",
        ),
        ("Amara Okafor FCA, 07700 900 982", ["Amara", "Okafor", "07700"], "FCA"),
    ],
)
def test_the_blind_text_removes_what_identifies_the_candidate(
    app: Flask, text: str, hidden: list[str], kept: str
) -> None:
    candidate = Candidate(
        first_name="Amara",
        last_name="Okafor",
        email="amara.okafor@example.com",
        phone="07700 900 982",
        postcode="LS1 4AP",
    )

    blind = sift.blind_text(text, candidate)

    for value in hidden:
        assert value not in blind, blind
    assert kept in blind


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


# Decompression and parser bombs: every upload's work is bounded (services/applications/cv_extract.py)


def refusal(kind: str) -> str:
    return cv.MESSAGES[kind]


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_file_is_refused_by_the_limits_with_a_message(
    app: Flask, client: FlaskClient, cv_url: str, name: str
) -> None:
    build, kind = CRAFTED[name]
    data = build()
    assert len(data) < app.config["CV_MAX_BYTES"], "small enough to be read, so the limits act"
    before = set(Path(app.config["UPLOAD_FOLDER"]).glob("*"))

    started = time.monotonic()
    response = upload(client, cv_url, data, f"{name}.{name.split('-')[0]}")
    elapsed = time.monotonic() - started

    assert_field_error(response, "cv", refusal(kind))
    # Refused by a limit, not after the parse ran its course (a minute of CPU for the
    # million paragraphs). Generous: test machines are busy; the child's CPU time, which
    # load does not inflate, is checked below.
    assert elapsed < 30, elapsed
    assert documents() == []
    assert set(Path(app.config["UPLOAD_FOLDER"]).glob("*")) == before


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_file_is_read_in_a_child_that_stays_within_its_bounds(name: str) -> None:
    build, kind = CRAFTED[name]
    limits = Limits()

    outcome = cv.run_extraction(build(), limits, timeout=10)

    assert (outcome.error, outcome.text) == (kind, "")
    assert outcome.seconds < 10, outcome
    assert 0 < outcome.peak_kb * 1024 < limits.memory_bytes, outcome
    assert outcome.cpu_seconds < limits.cpu_seconds, outcome


def test_an_ordinary_cv_passes_the_limits() -> None:
    outcome = cv.run_extraction(two_page_cv(), timeout=10)

    assert outcome.error is None
    assert outcome.content_type == cv.PDF
    assert len(outcome.text.split()) == 2 * 45 * 12
    assert outcome.peak_kb * 1024 < Limits().memory_bytes


# Checks switched off, so only the process's hard limits stand in the way.
UNCHECKED = Limits(
    pdf_stream_bytes=10**10,
    zip_unpacked_bytes=10**10,
    xml_part_bytes=10**10,
    max_ratio=10**9,
    xml_elements=10**9,
    paragraphs=10**9,
)


def test_the_cpu_limit_stops_what_the_checks_miss() -> None:
    limits = replace(UNCHECKED, cpu_seconds=1)

    outcome = cv.run_extraction(docx_million_paragraphs(), limits, timeout=30)

    assert outcome.error == "limits"
    # Soft limit at 1 s of CPU (the child says so), hard limit (a kill) at 2 s.
    assert outcome.cpu_seconds < 2.5, outcome


def test_the_memory_limit_stops_what_the_checks_miss() -> None:
    limits = replace(UNCHECKED, memory_bytes=150 * MB, cpu_seconds=60)

    # Unchecked, the PDF's content stream inflates to 70 MB, copied as it is decoded.
    outcome = cv.run_extraction(pdf_huge_stream(), limits, timeout=120)

    assert outcome.error == "limits"
    assert outcome.peak_kb * 1024 < 150 * MB, outcome


def test_the_wall_clock_limit_stops_a_slow_child() -> None:
    outcome = cv.run_extraction(two_page_cv(), timeout=0.05)

    assert (outcome.error, outcome.detail) == ("limits", "timed out")
    assert outcome.seconds < 1, outcome


def test_six_bombs_at_once_hold_no_worker(app: Flask) -> None:
    """The report: six uploads at once held every gunicorn thread for three minutes. Each
    is now refused within the wall-clock limit, and the server's own memory does not grow
    with what the files unpack to."""
    bomb = docx_million_paragraphs()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda _: cv.run_extraction(bomb), range(6)))

    assert [o.error for o in outcomes] == ["limits"] * 6
    # Two seconds of wall clock each (cv.TIMEOUT_SECONDS), plus the time to stop a child.
    assert max(o.seconds for o in outcomes) < 5, [o.seconds for o in outcomes]
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 50 * 1024, grown_kb
