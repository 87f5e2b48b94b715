"""The two jobs of an import: checking the file (the preview: nothing is written but what
the check found), and, once the team confirms, adding or merging the people. Both run with
progress on a status page; the file waits between them as a stored file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from sqlalchemy import insert

from ...actors import Actor
from ...extensions import db
from ...models import Candidate, CVDocument, ImportBatch
from ..applications import cv
from ..platform import artifacts, audit, jobs
from ..platform.jobs import Reporter
from ..platform.notifications import send_email
from .checking import Checked, Row, check
from .reading import CVArchive, ReadError, read_sheet

CHECK_JOB = "import_check"
IMPORT_JOB = "import_run"
KEPT_PROBLEMS = 20_000  # rows with problems kept for the download of rows to fix
CHUNK = 1000  # people written per flush
# What a merge may fill in on someone already in the pool, where they left it empty.
MERGED_FIELDS = (
    "phone",
    "postcode",
    "region",
    "current_role",
    "career_summary",
    "board_experience",
    "availability",
    "willing_challenged",
)
PROFILE_FIELDS = ("first_name", "last_name", *MERGED_FIELDS)


def _owner(batch: ImportBatch, part: str) -> str:
    return f"import-{batch.id}-{part}"


def start(actor: Actor, batch: ImportBatch, data: bytes, cv_zip: bytes | None) -> None:
    """Keep the files and start checking them (the caller has added the batch)."""
    db.session.flush()
    artifacts.put_file(_owner(batch, "people"), batch.filename, data, "application/octet-stream")
    if cv_zip:
        artifacts.put_file(_owner(batch, "cvs"), batch.cv_filename, cv_zip, "application/zip")
    job = jobs.create_job(CHECK_JOB, str(actor))
    batch.check_job_id = job.id
    audit.record(actor, "import_checked", "import_batch", batch.id, filename=batch.filename)
    db.session.commit()
    jobs.submit(job.id, CHECK_JOB, batch_id=batch.id)


def _files(batch: ImportBatch) -> tuple[bytes, CVArchive]:
    people = artifacts.find_file(_owner(batch, "people"))
    if people is None:
        raise ReadError("The file is no longer kept (files are kept for a day): upload it again")
    cvs = artifacts.find_file(_owner(batch, "cvs"))
    return people.read_bytes(), CVArchive(cvs.read_bytes() if cvs else None)


def _row_summary(row: Row) -> dict[str, Any]:
    return {
        "row": row.number,
        "name": f"{row.values.get('first_name', '')} {row.values.get('last_name', '')}".strip(),
        "problems": row.problems,
        "duplicate": row.duplicate_reason,
    }


def _check(batch: ImportBatch, reporter: Reporter) -> Checked:
    reporter.step("Reading the file", 1)
    data, cvs = _files(batch)
    sheet = read_sheet(batch.filename, data)
    reporter.advance()
    reporter.step(f"Checking {len(sheet.rows):,} rows", 1)
    checked = check(sheet, cvs)
    reporter.advance()
    return checked


def check_work(batch_id: int) -> Callable[[Reporter], str]:
    def work(reporter: Reporter) -> str:
        batch = db.session.get(ImportBatch, batch_id)
        assert batch is not None  # noqa: S101 - the job is created with its batch
        try:
            checked = _check(batch, reporter)
        except ReadError as error:
            batch.status, batch.summary = "unreadable", {"error": str(error)}
            db.session.commit()
            return f"The file could not be read: {error}"
        problems = checked.with_problems
        batch.rows = len(checked.rows)
        batch.summary = {
            "header_problems": checked.headers.problems,
            "ignored_columns": checked.headers.ignored,
            "ready": len(checked.ready),
            "duplicates": [_row_summary(r) for r in checked.duplicates],
            "problem_rows": len(problems),
            "problems": [_row_summary(r) for r in problems[:KEPT_PROBLEMS]],
        }
        batch.status = "unreadable" if checked.headers.problems else "checked"
        db.session.commit()
        return (
            f"Checked {len(checked.rows):,} rows: {len(checked.ready):,} ready, "
            f"{len(checked.duplicates):,} possible duplicates, {len(problems):,} with problems."
        )

    return work


def confirm(actor: Actor, batch: ImportBatch, duplicates: str) -> None:
    job = jobs.create_job(IMPORT_JOB, str(actor))
    batch.duplicates = "merge" if duplicates == "merge" else "skip"
    batch.import_job_id = job.id
    batch.status = "importing"
    audit.record(actor, "import_confirmed", "import_batch", batch.id, duplicates=batch.duplicates)
    db.session.commit()
    jobs.submit(job.id, IMPORT_JOB, batch_id=batch.id)


def _new_values(batch: ImportBatch, row: Row) -> dict[str, Any]:
    """A new pool member's columns, for one bulk insert (defaults such as the public id are
    filled in by SQLAlchemy for each row)."""
    values = row.values
    return {
        "email": values["email"],
        **{name: values[name] for name in PROFILE_FIELDS if values.get(name) is not None},
        "skill_areas": values.get("skill_areas") or [],
        "consent_to_match": bool(values["consent_to_match"]),
        "consent_source": f"{batch.consent_source} (import {batch.id}, row {row.number})"[:300],
        "imported_from": batch.id,
        "in_pool": True,
        "cv_file": values.get("cv_file") or "",
    }


def _get(person: Candidate | dict[str, Any], name: str) -> Any:
    return person.get(name) if isinstance(person, dict) else getattr(person, name)


def _set(person: Candidate | dict[str, Any], name: str, value: Any) -> None:
    if isinstance(person, dict):
        person[name] = value
    else:
        setattr(person, name, value)


def _merge(person: Candidate | dict[str, Any], row: Row) -> None:
    """Fill in what the person left empty; never change what they chose themselves (their
    consent, email or answers), and add skill areas rather than replace them."""
    for name in MERGED_FIELDS:
        value = row.values.get(name)
        if value not in (None, "") and _get(person, name) in (None, ""):
            _set(person, name, value)
    skills = list(_get(person, "skill_areas") or [])
    skills += [s for s in row.values.get("skill_areas") or [] if s not in skills]
    _set(person, "skill_areas", skills)


def _attach_cv(candidate: Candidate, cvs: CVArchive, name: str) -> str | None:
    """The CV from the ZIP, checked as an upload is; a problem is returned, not raised."""
    limit = int(current_app.config["CV_MAX_BYTES"])
    try:
        data = cvs.read(name, limit)
        extracted = cv.extract(data, limit)
    except (ReadError, cv.CVError) as error:
        return f"{name}: {error}"
    candidate.cv = CVDocument(
        original_filename=name[-255:],
        content_type=extracted.content_type,
        size_bytes=len(data),
        storage_name=cv.store(data),
        text=extracted.text,
    )
    return None


def _tell(person: dict[str, Any], batch: ImportBatch) -> None:
    base = current_app.config["BASE_URL"].rstrip("/")
    send_email(
        person["email"],
        "You have been added to the NHS non-executive talent pool",
        f"Dear {person['first_name']},\n\nThe NHS non-executive appointments team has added "
        f"you to its talent pool in NEDMatch, from: {batch.consent_source}.\n\n"
        + (
            "You agreed to be matched to board vacancies, so we may invite you to apply for "
            "roles that fit your experience.\n\n"
            if person["consent_to_match"]
            else "You will not be matched to vacancies unless you say you want to be.\n\n"
        )
        + f"To see or change your details, or to leave the pool, go to {base}/return and "
        "enter this email address.\n\nOur privacy notice says what we keep and why: "
        f"{base}/privacy\n",
    )


def import_work(batch_id: int) -> Callable[[Reporter], str]:
    def work(reporter: Reporter) -> str:
        batch = db.session.get(ImportBatch, batch_id)
        assert batch is not None  # noqa: S101 - the job is created with its batch
        try:
            checked = _check(batch, reporter)
            _, cvs = _files(batch)
        except ReadError as error:
            batch.status, batch.result = "failed", {"error": str(error)}
            db.session.commit()
            return f"Nothing was imported: {error}"
        counts = {"added": 0, "merged": 0, "skipped": 0, "problems": len(checked.with_problems)}
        todo = [r for r in checked.rows if r.ok]
        new: dict[int, dict[str, Any]] = {}  # file row -> a person to add
        merged_into: list[tuple[Row, Candidate]] = []  # rows merged into people already here
        for row in todo:
            if row.duplicate_of is None and row.duplicate_row is None:
                new[row.number] = _new_values(batch, row)
                counts["added"] += 1
                continue
            target = _merge_target(batch, row, new)
            if target is None:
                counts["skipped"] += 1
                continue
            _merge(target, row)
            counts["merged"] += 1
            if isinstance(target, Candidate):
                merged_into.append((row, target))
        people = list(new.values())
        reporter.step(f"Adding {len(people):,} people", len(people))
        for start in range(0, len(people), CHUNK):
            chunk = people[start : start + CHUNK]
            db.session.execute(insert(Candidate), [_columns(p) for p in chunk])
            reporter.advance(len(chunk))
        cv_problems = _attach_cvs(batch, cvs, new, merged_into, reporter)
        if batch.tell_people:
            reporter.step("Telling the people added", len(people))
            for person in people:
                _tell(person, batch)
                reporter.advance()
        batch.status = "imported"
        batch.result = {**counts, "cv_problems": cv_problems[:KEPT_PROBLEMS]}
        audit.record("system", "import_done", "import_batch", batch.id, **counts)
        db.session.commit()
        return (
            f"Imported: {counts['added']:,} added, {counts['merged']:,} merged, "
            f"{counts['skipped']:,} skipped, {counts['problems']:,} rows with problems left out."
        )

    return work


def _merge_target(
    batch: ImportBatch, row: Row, new: dict[int, dict[str, Any]]
) -> Candidate | dict[str, Any] | None:
    """Who a duplicate row merges into, or None when it is skipped."""
    if batch.duplicates != "merge":
        return None
    if row.duplicate_row is not None:
        return new.get(row.duplicate_row)  # None: that row was itself skipped or merged
    target = db.session.get(Candidate, row.duplicate_of)
    return target if target is not None and target.erased_at is None else None


def _columns(person: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in person.items() if k != "cv_file"}


def _attach_cvs(
    batch: ImportBatch,
    cvs: CVArchive,
    new: dict[int, dict[str, Any]],
    merged_into: list[tuple[Row, Candidate]],
    reporter: Reporter,
) -> list[str]:
    """CVs named in the file, checked as uploads are; a refused CV is reported, the person
    is added without it."""
    wanted = [(number, p["email"], p["cv_file"]) for number, p in new.items() if p["cv_file"]]
    if not wanted and not merged_into:
        return []
    ids = dict(
        db.session.execute(
            db.select(Candidate.email, Candidate.id).where(Candidate.imported_from == batch.id)
        ).all()
    )
    jobs_to_do = [(n, db.session.get(Candidate, ids[email]), name) for n, email, name in wanted]
    jobs_to_do += [
        (row.number, person, row.values["cv_file"])
        for row, person in merged_into
        if row.values.get("cv_file") and person.cv is None
    ]
    reporter.step(f"Checking {len(jobs_to_do):,} CVs", len(jobs_to_do))
    problems = []
    for number, person, name in jobs_to_do:
        if person is not None:
            problem = _attach_cv(person, cvs, name)
            if problem:
                problems.append(f"Row {number}: {problem}")
        reporter.advance()
    db.session.flush()
    return problems
