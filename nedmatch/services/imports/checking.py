"""Every row of an import checked, and every duplicate found, before anything is written:
the preview shows this, and the import itself checks again against the database as it is
then. Duplicates are the same email, the same phone number, or the same name and postcode,
against the pool and against earlier rows of the same file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...extensions import db
from ...models import Candidate
from .columns import Headers, Problem, header_map
from .reading import CVArchive, Sheet

BATCH = 2000  # rows looked up in the database at a time


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    duplicate_of: int | None = None  # an existing candidate's id
    duplicate_row: int | None = None  # an earlier row of this file
    duplicate_reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Checked:
    headers: Headers
    rows: list[Row]

    @property
    def ready(self) -> list[Row]:
        return [r for r in self.rows if r.ok and r.duplicate_of is None and r.duplicate_row is None]

    @property
    def duplicates(self) -> list[Row]:
        return [r for r in self.rows if r.ok and (r.duplicate_of or r.duplicate_row)]

    @property
    def with_problems(self) -> list[Row]:
        return [r for r in self.rows if not r.ok]


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits if len(digits) >= 10 else ""


def name_key(first: str, last: str, postcode: str) -> str:
    if not (first and last and postcode):
        return ""
    squash = re.sub(r"\s+", "", postcode.upper())
    return f"{first.casefold().strip()}|{last.casefold().strip()}|{squash}"


def _chunks(rows: list[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _existing(rows: list[Row]) -> dict[str, dict[str, int]]:
    """Candidates already in the service who match any row, by each kind of key."""
    found: dict[str, dict[str, int]] = {"email": {}, "phone": {}, "name": {}}
    for chunk in _chunks(rows):
        emails = [r.values["email"] for r in chunk if r.values.get("email")]
        lasts = {r.values["last_name"] for r in chunk if r.values.get("last_name")}
        query = db.select(
            Candidate.id,
            Candidate.email,
            Candidate.phone,
            Candidate.first_name,
            Candidate.last_name,
            Candidate.postcode,
        ).where(Candidate.erased_at.is_(None))
        by_email = query.where(Candidate.email.in_(emails)) if emails else None
        by_name = query.where(Candidate.last_name.in_(lasts)) if lasts else None
        for select in (by_email, by_name):
            if select is None:
                continue
            for cid, email, phone, first, last, postcode in db.session.execute(select):
                found["email"].setdefault(email.lower(), cid)
                if phone_key(phone):
                    found["phone"].setdefault(phone_key(phone), cid)
                if name_key(first, last, postcode):
                    found["name"].setdefault(name_key(first, last, postcode), cid)
    phones = {phone_key(r.values.get("phone", "")) for r in rows} - {""}
    if phones:
        # Phone numbers are written many ways, so they are compared as digits, here.
        for cid, phone in db.session.execute(
            db.select(Candidate.id, Candidate.phone).where(
                Candidate.erased_at.is_(None), Candidate.phone != ""
            )
        ):
            key = phone_key(phone)
            if key in phones:
                found["phone"].setdefault(key, cid)
    return found


def check(sheet: Sheet, cvs: CVArchive | None = None) -> Checked:
    headers = header_map(sheet.headers)
    rows: list[Row] = []
    if headers.problems:
        return Checked(headers, rows)
    for offset, raw in enumerate(sheet.rows):
        row = Row(number=offset + 2)
        for index, column in headers.columns.items():
            value = raw[index] if index < len(raw) else ""
            try:
                row.values[column.name] = column.parse(value)
            except Problem as problem:
                row.problems.append(f"{column.label}: {problem}")
        cv_file = row.values.get("cv_file")
        if cv_file and (cvs is None or cv_file not in cvs):
            row.problems.append(
                f"CV file: '{cv_file}' is not in the ZIP of CVs: add it, or clear the cell"
            )
        rows.append(row)
    _mark_duplicates([r for r in rows if r.ok])
    return Checked(headers, rows)


def _mark_duplicates(rows: list[Row]) -> None:
    existing = _existing(rows)
    earlier: dict[str, dict[str, int]] = {"email": {}, "phone": {}, "name": {}}
    reasons = {
        "email": "the same email",
        "phone": "the same phone number",
        "name": "the same name and postcode",
    }
    for row in rows:
        v = row.values
        keys = {
            "email": v.get("email", ""),
            "phone": phone_key(v.get("phone", "")),
            "name": name_key(
                v.get("first_name", ""), v.get("last_name", ""), v.get("postcode", "")
            ),
        }
        for kind, key in keys.items():
            if not key:
                continue
            if key in existing[kind] and row.duplicate_of is None and row.duplicate_row is None:
                row.duplicate_of = existing[kind][key]
                row.duplicate_reason = f"{reasons[kind]} as someone already in the pool"
            elif key in earlier[kind] and row.duplicate_of is None and row.duplicate_row is None:
                row.duplicate_row = earlier[kind][key]
                row.duplicate_reason = f"{reasons[kind]} as row {earlier[kind][key]}"
        for kind, key in keys.items():
            if key:
                earlier[kind].setdefault(key, row.number)
