"""Dates read "2 December 2026" wherever a person reads them: one helper (nedmatch/dates.py)
for every page, email and download."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from openpyxl import load_workbook
from pypdf import PdfReader

from nedmatch.dates import date_and_time, long_date, time_of_day
from nedmatch.diversity import Scope, build_report, report_to_pdf, report_to_xlsx
from nedmatch.diversity.synthetic import synthetic_records
from nedmatch.models import Vacancy
from nedmatch.services.platform.notifications import Email
from nedmatch.spreadsheets import Column, Table, to_csv, to_xlsx
from tests.conftest import CANDIDATE_EMAIL, VALID_STEPS, complete_steps, start_application

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 12, 2), "2 December 2026"),
        (date(2027, 1, 31), "31 January 2027"),
        (datetime(2026, 12, 2, 23, 59), "2 December 2026"),
        (None, ""),
    ],
)
def test_a_date_is_written_in_words(value: date | None, expected: str) -> None:
    assert long_date(value) == expected


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 0, "midnight"),
        (12, 0, "midday"),
        (9, 0, "9am"),
        (0, 5, "12:05am"),
        (12, 30, "12:30pm"),
        (14, 5, "2:05pm"),
        (23, 59, "11:59pm"),
    ],
)
def test_a_time_is_written_the_nhs_way(hour: int, minute: int, expected: str) -> None:
    assert time_of_day(datetime(2026, 12, 2, hour, minute)) == expected


def test_a_date_and_time_read_together() -> None:
    assert date_and_time(datetime(2026, 12, 2, 14, 5)) == "2 December 2026 at 2:05pm"
    assert date_and_time(None) == ""


def test_every_template_writes_dates_through_the_filters(app: Flask) -> None:
    """A template that formats a date itself (strftime, isoformat) would show it another way."""
    offenders = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for line in path.read_text().splitlines()
        if re.search(r"\.(strftime|isoformat)\(", line)
    ]
    assert offenders == []
    with app.test_request_context():
        shown = render_template_string(
            "{{ d | nice_date }}|{{ t | nice_datetime }}|{{ t | nice_time }}",
            d=date(2026, 12, 2),
            t=datetime(2026, 12, 2, 9, 0),
        )
    assert shown == "2 December 2026|2 December 2026 at 9am|9am"


def test_no_code_spells_out_a_month_but_the_date_helper() -> None:
    """Month names come from nedmatch/dates.py alone, so every date reads the same way."""
    offenders = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sorted((ROOT / "nedmatch").rglob("*.py"))
        if path.name != "dates.py"
        for line in path.read_text().splitlines()
        if re.search(r"%-?[bB]\b|strftime\(", line)
    ]
    assert offenders == []


def test_downloads_write_dates_in_words_and_keep_spreadsheet_dates_real() -> None:
    table = Table(
        "Dates",
        [Column("Day"), Column("When")],
        [[date(2026, 12, 2), datetime(2026, 12, 2, 14, 5)]],
    )

    csv_rows = to_csv([table]).decode("utf-8-sig").splitlines()
    assert csv_rows == ["Day,When", "2 December 2026,2 December 2026 at 2:05pm"]

    sheet = load_workbook(io.BytesIO(to_xlsx([table])))["Dates"]
    day, when = sheet["A2"], sheet["B2"]
    assert day.value == datetime(2026, 12, 2)  # a real date: it sorts and filters
    assert day.number_format == "d mmmm yyyy"
    assert when.value == datetime(2026, 12, 2, 14, 5)
    assert when.number_format == 'd mmmm yyyy "at" h:mmam/pm'


def test_a_diversity_report_says_when_it_was_made_in_words() -> None:
    report = build_report(
        synthetic_records(300, seed=5, vacancies=4),
        scope=Scope(date_from=date(2025, 4, 1), date_to=date(2026, 3, 31)),
        questions=["sex"],
    )
    made = long_date(report.generated_on)
    assert report.scope.describe() == "Applied 1 April 2025 to 31 March 2026"

    notes = load_workbook(io.BytesIO(report_to_xlsx(report)))["Notes"]
    facts = {row[0]: row[1] for row in notes.iter_rows(values_only=True) if row[0]}
    assert facts["Generated on"] == made
    assert facts["Scope"] == "Applied 1 April 2025 to 31 March 2026"

    first_page = PdfReader(io.BytesIO(report_to_pdf(report))).pages[0].extract_text()
    assert f"Generated {made}" in " ".join(first_page.split())


def test_the_application_receipt_gives_the_closing_date_in_words(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = start_application(client, vacancy)
    complete_steps(client, f"/applications/{ref}", VALID_STEPS)
    assert client.post(f"/applications/{ref}/check").status_code == 302

    receipt = outbox[-1]
    assert receipt.to == CANDIDATE_EMAIL
    assert f"The vacancy closes on {long_date(vacancy.closes_on)}." in " ".join(
        receipt.body.split()
    )
    assert vacancy.closes_on.isoformat() not in receipt.body
