"""Importing a talent pool: every row checked and every duplicate found before anything is
written; the team confirms; people are added or merged, told, and counted. Crafted files
are refused with a message, and nothing in them runs."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from nedmatch.demo import import_file
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, ImportBatch, TeamUser
from nedmatch.services.imports import checking, reading
from nedmatch.services.platform import jobs
from tests.conftest import page_text, sign_in

HEADER = [c.label for c in import_file.COLUMNS]


@pytest.fixture
def admin_client(client: FlaskClient, admin: TeamUser) -> FlaskClient:
    sign_in(client, admin)
    return client


@pytest.fixture(autouse=True)
def jobs_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check and the import run in the request, so a test reads their result next."""
    monkeypatch.setattr(jobs, "run_in_thread", lambda job_id, work: jobs.run_job(job_id, work))


def upload(client: FlaskClient, data: bytes, name: str = "people.csv", **extra: Any) -> ImportBatch:
    form = {
        "people": (io.BytesIO(data), name),
        "consent_source": "Regional talent list, consent forms signed 2025",
        "tell_people": "y",
        **extra,
    }
    # Encoded here, in memory: werkzeug's test client spools a large body to a temporary
    # file that it never closes.
    files = {
        key: FileStorage(stream=value[0], filename=value[1]) if isinstance(value, tuple) else value
        for key, value in form.items()
    }
    boundary, body = encode_multipart(MultiDict(files))
    response = client.post(
        "/team/imports/new",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302, page_text(response)
    batch = (
        db.session.execute(db.select(ImportBatch).order_by(ImportBatch.id.desc())).scalars().first()
    )
    assert batch is not None
    db.session.refresh(batch)
    return batch


def csv_of(*rows: dict[str, str]) -> bytes:
    people = []
    for overrides in rows:
        person = import_file._person(len(people) + 900_000, import_file.random.Random(1))
        person.update(overrides)
        people.append(person)
    return import_file.to_csv(people)


def test_a_generated_file_with_every_kind_of_problem(
    app: Flask, admin_client: FlaskClient, outbox: list[Any]
) -> None:
    people, planted = import_file.rows(5000)
    db.session.add(
        Candidate(email=people[0]["email"], first_name="Already", last_name="Here", in_pool=True)
    )
    db.session.commit()

    batch = upload(admin_client, import_file.to_csv(people))

    # The preview: nothing written yet, every problem and duplicate found.
    assert batch.status == "checked"
    summary = batch.summary
    assert summary["problem_rows"] == planted.problems
    assert len(summary["duplicates"]) == planted.duplicates + 1  # and the one already here
    assert summary["ready"] == planted.clean - 1
    assert db.session.execute(db.select(db.func.count(Candidate.id))).scalar_one() == 1
    problems = " ".join(p for r in summary["problems"] for p in r["problems"])
    for expected in (
        "'not-an-email' is not an email address",
        "The email address is missing",
        "The first name is missing",
        "'12' is not a phone number",
        "'NOT A POSTCODE' is not a UK postcode",
        "'Atlantis' is not a region we know. Use one of:",
        "'Juggling' is not a skill area we know",
        "'perhaps' is not yes or no",
        "cut it to 10,000",
        "'missing-from-the-zip.pdf' is not in the ZIP of CVs",
    ):
        assert expected in problems, expected
    page = page_text(admin_client.get(f"/team/imports/{batch.id}"))
    assert f"Import {planted.clean - 1} people" in page
    assert "May already be in the pool" in page

    # Confirmed, skipping duplicates: the clean rows are added, each told once.
    response = admin_client.post(f"/team/imports/{batch.id}/confirm", data={"duplicates": "skip"})
    assert response.status_code == 302
    db.session.expire_all()
    batch = db.session.get(ImportBatch, batch.id)
    assert batch.status == "imported"
    assert batch.result["added"] == planted.clean - 1
    assert batch.result["skipped"] == planted.duplicates + 1
    assert batch.result["problems"] == planted.problems
    added = (
        db.session.execute(db.select(Candidate).filter_by(imported_from=batch.id)).scalars().all()
    )
    assert len(added) == planted.clean - 1
    assert all(c.in_pool and c.consent_source.startswith("Regional talent list") for c in added)
    assert len(outbox) == planted.clean - 1
    assert "added you to its talent pool" in outbox[0].body
    already = db.session.execute(db.select(Candidate).filter_by(first_name="Already")).scalar_one()
    assert already.last_name == "Here"  # skipped: untouched
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert {"import_checked", "import_confirmed", "import_done"} <= set(actions)
    assert "Import finished" in page_text(admin_client.get(f"/team/imports/{batch.id}"))


def test_merging_fills_gaps_and_never_changes_what_people_chose(
    app: Flask, admin_client: FlaskClient
) -> None:
    existing = Candidate(
        email="sam@example.com",
        first_name="Sam",
        last_name="Person",
        phone="",
        region="london",
        skill_areas=["legal"],
        consent_to_match=False,
        in_pool=True,
    )
    db.session.add(existing)
    db.session.commit()
    data = csv_of(
        {
            "email": "SAM@example.com",
            "first_name": "Samuel",
            "phone": "07700 900999",
            "region": "Midlands",
            "skill_areas": "Finance; Legal",
            "consent_to_match": "yes",
        }
    )
    batch = upload(admin_client, data, tell_people="")
    assert batch.summary["duplicates"][0]["duplicate"] == (
        "the same email as someone already in the pool"
    )
    admin_client.post(f"/team/imports/{batch.id}/confirm", data={"duplicates": "merge"})

    db.session.expire_all()
    merged = db.session.get(Candidate, existing.id)
    assert merged.phone == "07700 900999"  # was empty: filled in
    assert merged.region == "london"  # theirs: kept
    assert merged.first_name == "Sam"
    assert merged.consent_to_match is False  # their own choice: never changed by a file
    assert merged.skill_areas == ["legal", "finance"]
    assert db.session.execute(db.select(db.func.count(Candidate.id))).scalar_one() == 1


def test_an_xlsx_file_and_a_zip_of_cvs(app: Flask, admin_client: FlaskClient) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    person = import_file._person(1, import_file.random.Random(3))
    person["cv_file"] = "cv.docx"
    sheet.append([person[c.name] for c in import_file.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    cvs = io.BytesIO()
    with zipfile.ZipFile(cvs, "w") as archive:
        archive.writestr("folder/cv.docx", b"not really a word document")
    batch = upload(
        admin_client,
        buffer.getvalue(),
        "people.xlsx",
        cvs=(io.BytesIO(cvs.getvalue()), "cvs.zip"),
    )
    assert batch.status == "checked" and batch.summary["ready"] == 1
    admin_client.post(f"/team/imports/{batch.id}/confirm", data={"duplicates": "skip"})
    db.session.expire_all()
    batch = db.session.get(ImportBatch, batch.id)
    # The person is added; the CV, checked as an upload is, is refused with the reason.
    assert batch.result["added"] == 1
    [problem] = batch.result["cv_problems"]
    assert problem.startswith("Row 2: cv.docx:")
    person_row = db.session.execute(db.select(Candidate)).scalar_one()
    assert person_row.cv is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("people.csv", b"", "The file is empty"),
        ("people.csv", b"Email,First name\nx@example.com,Sam\n", "no 'Last name' column"),
        ("people.xlsx", b"PK\x03\x04garbage", "could not be opened"),
        ("people.xlsx", b"just text", "not an Excel workbook"),
        (
            "people.csv",
            b"Email,First name,Last name,Agreed to be matched to vacancies\n",
            "nobody in it",
        ),
        ("people.csv", b"\xff\xfe\x00\x00\x81\x8d\x8f\x90\x9d", "not text we can read"),
    ],
)
def test_an_unreadable_file_says_what_to_do_and_adds_nothing(
    app: Flask, admin_client: FlaskClient, name: str, data: bytes, message: str
) -> None:
    if not data:
        response = admin_client.post(
            "/team/imports/new",
            data={"people": (io.BytesIO(b""), name), "consent_source": "x"},
            content_type="multipart/form-data",
        )
        # An empty upload is refused by the form or by the check; either way it says so.
        text = (
            page_text(response)
            if response.status_code == 200
            else page_text(admin_client.get(response.location))
        )
        assert "Choose the file of people to import" in text or message in text
        return
    batch = upload(admin_client, data, name)
    assert batch.status == "unreadable"
    page = page_text(admin_client.get(f"/team/imports/{batch.id}"))
    assert message in page and "upload it again" in page
    assert db.session.execute(db.select(db.func.count(Candidate.id))).scalar_one() == 0


def test_formulas_in_a_file_stay_text_and_cannot_run_in_the_rows_to_fix(
    app: Flask, admin_client: FlaskClient
) -> None:
    evil = '=HYPERLINK("http://evil.example","click")'
    batch = upload(admin_client, csv_of({"first_name": evil, "email": "bad"}))
    download = admin_client.get(f"/team/imports/{batch.id}/problems.csv")
    assert download.status_code == 200
    text = download.get_data(as_text=True)
    assert "'=HYPERLINK" in text or "\t=HYPERLINK" in text or '"=HYPERLINK' not in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_zip_members_cannot_escape_or_overflow() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../etc/cv.pdf", b"%PDF-1.4")
        archive.writestr("big.pdf", b"0" * 2_000_000)
    cvs = reading.CVArchive(buffer.getvalue())
    assert "cv.pdf" in cvs  # by its own name only: the path is never used
    with pytest.raises(reading.ReadError, match="larger than 1 MB"):
        cvs.read("big.pdf", 1024 * 1024)
    with pytest.raises(reading.ReadError, match="not a ZIP"):
        reading.CVArchive(b"not a zip")


def test_duplicates_within_the_file_by_phone_and_by_name_and_postcode(app: Flask) -> None:
    sheet = reading.read_sheet(
        "people.csv",
        csv_of(
            {"email": "a@example.com", "phone": "07700 900001", "postcode": "LS1 4AP"},
            {"email": "b@example.com", "phone": "+44 7700 900001", "postcode": "M1 1AA"},
            {
                "email": "c@example.com",
                "phone": "",
                "first_name": "Samplefirst900000",
                "last_name": "Samplelast900000",
                "postcode": "ls14ap",
            },
        ),
    )
    checked = checking.check(sheet)
    reasons = [r.duplicate_reason for r in checked.rows]
    assert reasons == ["", "the same phone number as row 2", "the same name and postcode as row 2"]


def test_imports_are_for_administrators(
    app: Flask, client: FlaskClient, reviewer: TeamUser
) -> None:
    sign_in(client, reviewer)
    assert client.get("/team/imports/new").status_code == 403
    assert client.get("/team/imports").status_code == 403


def test_the_template_has_every_column(app: Flask, admin_client: FlaskClient) -> None:
    response = admin_client.get("/team/imports/template.csv")
    header = response.get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    for label in HEADER:
        assert label in header
    sheet = reading.read_sheet("t.csv", response.data)
    # The example row is right in every column; its CV is named but no ZIP came with it.
    [row] = checking.check(sheet).rows
    assert [p.split(":")[0] for p in row.problems] == ["CV file"]
