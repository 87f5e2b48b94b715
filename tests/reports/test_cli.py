"""`flask report diversity` writes each format, with the scope and disclosure options."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from nedmatch.extensions import db
from nedmatch.models import AuditEvent

from .conftest import Campaign


def run(runner: Any, *args: str) -> Any:
    result = runner.invoke(args=["report", "diversity", *args])
    assert result.exit_code == 0, result.output
    return result


def female_shown(path: Path) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return {
        r["stage"]: r["shown_as"]
        for r in rows
        if r["question"] == "sex" and r["answer"] == "female"
    }


def test_csv_with_scope_threshold_and_rounding(
    runner: Any, campaign: Campaign, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    vacancy = str(campaign.vacancy.id)
    result = run(
        runner, "--format", "csv", "--output", str(out), "--vacancy", vacancy, "--threshold", "2"
    )
    assert f"Vacancy {vacancy}, 17 applications, 17 people" in result.output
    assert female_shown(out)["shortlisted"] == "4"
    # Without options: the service's policy (cell key), where 4 is "fewer than 5".
    run(runner, "--format", "csv", "--output", str(out), "--vacancy", vacancy)
    assert female_shown(out)["shortlisted"] == "<5"
    run(runner, "--format", "csv", "--output", str(out), "--vacancy", vacancy, "--round")
    assert female_shown(out)["shortlisted"] == "<5"
    run(
        runner,
        "--format",
        "csv",
        "--output",
        str(out),
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    )
    assert female_shown(out)["applied"] == "<5"  # the 4 applicants of 2024
    events = (
        db.session.execute(db.select(AuditEvent).filter_by(action="report_downloaded"))
        .scalars()
        .all()
    )
    assert len(events) == 4 and all(e.actor == "system" for e in events)


def test_xlsx_and_pdf(runner: Any, campaign: Campaign, tmp_path: Path) -> None:
    run(runner, "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"), "--region", "london")
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert {"Notes", "Sex", "Adverse impact", "Benchmarks"} <= set(workbook.sheetnames)
    run(
        runner,
        "--format",
        "pdf",
        "--output",
        str(tmp_path / "r.pdf"),
        "--organisation",
        str(campaign.other.organisation_id),
    )
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "1"], "1 is not in the range 2<=x<=20"),
        (["--region", "atlantis"], "'atlantis' is not one of"),
        (["--from", "2025-06-01", "--to", "2025-01-01"], "The start date must be on or before"),
    ],
)
def test_bad_options(runner: Any, app: Any, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(args=["report", "diversity", "--output", str(tmp_path / "x.csv"), *args])
    assert result.exit_code == 2
    assert message in result.output
