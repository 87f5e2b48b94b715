"""A candidate with everything the service can hold about a person, and ways to look for
them afterwards in every table and every stored file."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    ApplicationNote,
    Candidate,
    IdentityReveal,
    Invitation,
    PanelScore,
    PanelSubmission,
    TeamUser,
    Vacancy,
)
from nedmatch.services import matching
from nedmatch.services.platform import audit
from nedmatch.services.sift import stages
from tests.candidates.test_cv import make_pdf
from tests.conftest import VALID_STEPS, complete_steps, make_team_user, make_vacancy

# Sample input: values that appear nowhere else in the suite.
NAME = ("Teodora", "Quennell-Ashdown")
EMAIL = "teodora.qa@example.net"
PHONE = "07700 900 417"
CV_LINES = [
    "Teodora Quennell-Ashdown, chartered public finance accountant (CIPFA)",
    "Treasurer of the Wharfedale Lapidary Guild, 2011 to date",
    "Head of internal audit, Calderbrook Borough Council, 2016 to 2024",
]
ABOUT = {
    **VALID_STEPS["about-you"],
    "first_name": NAME[0],
    "last_name": NAME[1],
    "phone": PHONE,
}
STEPS_AFTER_ABOUT = ["experience", "competencies", "statement"]
EQUALITY = {"sex": "female", "ethnicity": "african", "age_band": "45-54"}


class QuietReporter:
    def step(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


@pytest.fixture
def model_folder(app: Flask) -> Iterator[Path]:
    """A model of this test's own, inside the instance folder that the searches cover."""
    folder = Path(app.instance_path, f"model-{id(app)}-privacy")
    app.config["MODEL_FOLDER"] = str(folder)
    matching.forget(app)
    yield folder
    matching.forget(app)
    app.config.pop("MODEL_FOLDER")
    for path in sorted(folder.glob("**/*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    if folder.exists():
        folder.rmdir()


def apply_through_the_service(
    client: FlaskClient, vacancy: Vacancy, email: str = EMAIL, about: dict[str, Any] = ABOUT
) -> Application:
    """A submitted application with a CV, eligibility details and monitoring answers,
    made the way a candidate makes it."""
    response = client.post(f"/vacancies/{vacancy.id}/apply", data={"email": email})
    assert response.status_code == 302, response.get_data(as_text=True)
    ref = response.location.split("/")[2]
    base = f"/applications/{ref}"
    assert client.post(f"{base}/about-you", data=about).status_code == 302
    complete_steps(client, base, STEPS_AFTER_ABOUT)
    upload = {"cv": (io.BytesIO(make_pdf(CV_LINES)), "Teodora CV.pdf")}
    response = client.post(f"{base}/cv", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    eligibility = {"items": ["bankruptcy"], "details": "Discharged 2009, Leeds", "confirm": "y"}
    assert client.post(f"{base}/eligibility", data=eligibility).status_code == 302
    assert client.post(f"{base}/equality", data=EQUALITY).status_code == 302
    assert client.post(f"{base}/check").status_code == 302
    application = db.session.execute(db.select(Application).filter_by(reference=ref)).scalar_one()
    assert application.stage == "applied"
    return application


def team_records(application: Application, reviewer: TeamUser, other: Vacancy) -> None:
    """What a sift and a panel write about a candidate, naming them as people do."""
    full_name = " ".join(NAME)
    actor = f"team:{reviewer.id}"
    stages.move(
        actor,
        application,
        stages.Move("longlisted"),
        actor_is_admin=False,
        meets_essentials=True,
    )
    db.session.add_all(
        [
            ApplicationNote(
                application_id=application.id,
                author_id=reviewer.id,
                text=f"Spoke to {full_name} on {PHONE} about her audit committee work.",
            ),
            PanelScore(
                application_id=application.id,
                member_id=reviewer.id,
                criterion="A professional accountancy qualification",
                score=3,
                comment=f"{NAME[0]} described the Lapidary Guild accounts well.",
            ),
            PanelSubmission(application_id=application.id, member_id=reviewer.id),
            IdentityReveal(application_id=application.id, revealed_by=reviewer.id),
            Invitation(
                vacancy_id=other.id, candidate_id=application.candidate_id, invited_by=reviewer.id
            ),
        ]
    )
    audit.record(actor, "note_added", "application", application.id, text=f"Called {EMAIL}")
    audit.record(actor, "identity_revealed", "application", application.id, name=full_name)
    stages.move(
        actor,
        application,
        stages.Move("rejected", reason=f"{NAME[0]} withdrew her bankruptcy explanation"),
        actor_is_admin=False,
        meets_essentials=True,
    )
    db.session.commit()


@dataclass
class Person:
    candidate_id: int
    reference: str
    cv_text: str
    storage_name: str

    def needles(self) -> list[str]:
        return [
            NAME[0],
            NAME[1],
            " ".join(NAME),
            EMAIL,
            PHONE,
            PHONE.replace(" ", ""),
            self.cv_text,
            *CV_LINES,
        ]


@pytest.fixture
def person(app: Flask, client: FlaskClient, vacancy: Vacancy) -> Person:
    reviewer = make_team_user("reviewer", email="sift.reviewer@nhs.example")
    other = make_vacancy(vacancy.organisation, title="Chair of the quality committee")
    application = apply_through_the_service(client, vacancy)
    team_records(application, reviewer, other)
    candidate = db.session.get(Candidate, application.candidate_id)
    assert candidate is not None and candidate.cv is not None
    return Person(
        candidate_id=candidate.id,
        reference=application.reference,
        cv_text=candidate.cv.text,
        storage_name=candidate.cv.storage_name,
    )


def every_row_as_text() -> str:
    """Every column of every row of every table, as text."""
    dump = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).mappings():
            dump.append(table.name + " " + json.dumps({k: str(v) for k, v in row.items()}))
            dump.append(" ".join(str(v) for v in row.values()))
            for value in row.values():  # stored files and readings: look inside them too
                if isinstance(value, bytes):
                    dump += [part.decode("utf-8", "ignore") for part in _readable(value)]
    return "\n".join(dump)


def _readable(data: bytes) -> Iterator[bytes]:
    yield data
    if data[:4] == b"PK\x03\x04":  # a ZIP (skops, npz): look inside, uncompressed
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield from _readable(archive.read(name))
    elif data[:1] == b"\x78":  # zlib (a stored reading): look inside, decompressed
        try:
            inflated = zlib.decompress(data)
        except zlib.error:
            return
        yield from _readable(inflated)


def every_stored_file(instance: str) -> Iterator[tuple[Path, bytes]]:
    for path in Path(instance).rglob("*"):
        if path.is_file() and path.suffix not in {".db", ".sqlite"}:
            for content in _readable(path.read_bytes()):
                yield path, content


def found_anywhere(app: Flask, needles: list[str]) -> list[str]:
    """Where any needle still is: '<table dump>' or a file path (case-insensitive)."""
    found = []
    rows = every_row_as_text().lower()
    for needle in needles:
        if needle.lower() in rows:
            found.append(f"database: {needle}")
    for path, content in every_stored_file(app.instance_path):
        text = content.decode("utf-8", errors="ignore").lower()
        escaped = json.dumps(text)  # pool.json escapes nothing here, but be safe
        for needle in needles:
            if needle.lower() in text or json.dumps(needle.lower())[1:-1] in escaped:
                found.append(f"{path.name}: {needle}")
    return found
