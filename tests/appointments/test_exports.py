"""The shortlist and the panel's scores as CSV and XLSX: the right rows, identity only once
revealed, and never a word of equality monitoring."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl.worksheet.worksheet import Worksheet

from nedmatch.extensions import db
from nedmatch.matching import CriterionResult
from nedmatch.models import (
    Application,
    AuditEvent,
    EligibilityDeclaration,
    IdentityReveal,
    TeamUser,
    Vacancy,
)
from nedmatch.services import matching
from tests.appointments.test_panel import (
    DESIRABLE,
    ESSENTIAL_1,
    ESSENTIAL_2,
    MONITORING_WORDS,
    all_scores,
    browser,
    make_application,
    score_data,
    submit,
    url,
)
from tests.conftest import make_team_user, start_application

SHORTLIST_COLUMNS = [
    "Reference",
    "Stage",
    "Furthest stage",
    "Submitted",
    "Match score (0 to 100)",
    "Essential criteria",
    "Criterion verdicts",
    "Guaranteed interview scheme",
    "Eligibility declaration",
    "Identity revealed",
    "Name",
    "Email",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Campaign:
    vacancy: Vacancy
    shortlisted: Application
    revealed: Application
    rejected_after_interview: Application
    withdrawn_after_shortlist: Application
    appointed: Application
    excluded: list[Application]


@pytest.fixture
def campaign(vacancy: Vacancy, admin: TeamUser) -> Campaign:
    shortlisted = make_application(
        vacancy, "shortlisted", first_name="Aoife", last_name="Brennan-Kowalczyk"
    )
    shortlisted.guaranteed_interview = True
    db.session.add(
        EligibilityDeclaration(
            candidate=shortlisted.candidate, answers={"bankrupt": True}, confirmed=True
        )
    )
    revealed = make_application(
        vacancy, "interview", first_name="Tomasz", last_name="Revealed", email="tomasz@example.com"
    )
    db.session.add(IdentityReveal(application_id=revealed.id, revealed_by=admin.id))
    campaign = Campaign(
        vacancy=vacancy,
        shortlisted=shortlisted,
        revealed=revealed,
        rejected_after_interview=make_application(vacancy, "interview", "rejected"),
        withdrawn_after_shortlist=make_application(vacancy, "shortlisted", "withdrawn"),
        appointed=make_application(vacancy, "appointed"),
        excluded=[
            make_application(vacancy, "applied", last_name="Applicantonly"),
            make_application(vacancy, "longlisted", "rejected", last_name="Longlistonly"),
            make_application(vacancy, "longlisted", "withdrawn", last_name="Leftearly"),
        ],
    )
    db.session.commit()
    return campaign


@pytest.fixture
def team(app: Flask, reviewer: TeamUser) -> FlaskClient:
    return browser(app, reviewer)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads accents right with the mark
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_sheet(sheet: Worksheet) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def everything_in(workbook: openpyxl.Workbook) -> str:
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def assert_no_monitoring(text: str) -> None:
    for word in MONITORING_WORDS:
        assert word.lower() not in text.lower(), word


def audit_exports() -> list[AuditEvent]:
    return list(
        db.session.execute(
            db.select(AuditEvent).filter_by(action="export_downloaded").order_by(AuditEvent.id)
        ).scalars()
    )


def expected_shortlist(c: Campaign) -> dict[str, dict[str, str]]:
    def row(a: Application, stage: str, furthest: str, **changes: str) -> dict[str, str]:
        values = {
            "Reference": a.reference,
            "Stage": stage,
            "Furthest stage": furthest,
            "Submitted": "1 May 2025",
            "Match score (0 to 100)": "",
            "Essential criteria": "",
            "Criterion verdicts": "",
            "Guaranteed interview scheme": "No",
            "Eligibility declaration": "Not answered",
            "Identity revealed": "No",
            "Name": "",
            "Email": "",
        }
        values.update(changes)
        return values

    rows = [
        row(
            c.shortlisted,
            "Shortlisted",
            "Shortlisted",
            **{
                "Guaranteed interview scheme": "Yes",
                "Eligibility declaration": "Issue declared: discuss",
            },
        ),
        row(
            c.revealed,
            "Invited to interview",
            "Invited to interview",
            **{
                "Identity revealed": "Yes",
                "Name": "Tomasz Revealed",
                "Email": "tomasz@example.com",
            },
        ),
        row(c.rejected_after_interview, "Not progressed", "Invited to interview"),
        row(c.withdrawn_after_shortlist, "Withdrawn", "Shortlisted"),
        row(c.appointed, "Appointed", "Appointed"),
    ]
    return {r["Reference"]: r for r in rows}


def test_the_shortlist_as_csv(team: FlaskClient, reviewer: TeamUser, campaign: Campaign) -> None:
    response = team.get(f"/team/vacancies/{campaign.vacancy.id}/export/shortlist.csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="shortlist-vacancy-{campaign.vacancy.id}-{date.today()}.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    rows = read_csv(response.data)
    assert list(rows[0]) == SHORTLIST_COLUMNS
    assert [r["Reference"] for r in rows] == sorted(r["Reference"] for r in rows)
    assert {r["Reference"]: r for r in rows} == expected_shortlist(campaign)
    text = response.data.decode("utf-8-sig")
    for person in campaign.excluded + [campaign.shortlisted, campaign.appointed]:
        assert person.candidate.last_name not in text
        assert person.candidate.email not in text
    assert "Brennan" not in text and "Aoife" not in text
    assert_no_monitoring(text)
    (event,) = audit_exports()
    assert event.actor == f"team:{reviewer.id}"
    assert (event.object_type, event.object_id) == ("vacancy", str(campaign.vacancy.id))
    assert event.detail == {"export": "shortlist", "format": "csv", "rows": 5}


def test_the_shortlist_as_xlsx(team: FlaskClient, campaign: Campaign) -> None:
    response = team.get(f"/team/vacancies/{campaign.vacancy.id}/export/shortlist.xlsx")

    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Shortlist"]
    sheet = workbook["Shortlist"]
    assert [c.value for c in sheet[1]] == SHORTLIST_COLUMNS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["L"].width == 30  # Email
    rows = read_sheet(sheet)
    expected = expected_shortlist(campaign)
    assert {r["Reference"] for r in rows} == set(expected)
    for row in rows:
        want = expected[row["Reference"]]
        assert row["Submitted"].date() == date(2025, 5, 1)
        assert row["Match score (0 to 100)"] is None  # no model fitted
        for column in ("Stage", "Furthest stage", "Identity revealed", "Eligibility declaration"):
            assert row[column] == want[column]
        assert (row["Name"] or "", row["Email"] or "") == (want["Name"], want["Email"])
    assert sheet["D2"].number_format == "d mmmm yyyy"  # shown as 1 May 2025
    assert_no_monitoring(everything_in(workbook))
    assert "Brennan" not in everything_in(workbook)
    assert [e.detail["format"] for e in audit_exports()] == ["xlsx"]


def test_the_shortlist_has_the_models_scores_when_there_is_a_model(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    accountant = "A professionally qualified accountant"
    chairing = "Experience of chairing an audit committee"
    matches = [
        SimpleNamespace(
            candidate_id=campaign.shortlisted.candidate_id,
            score=81.26,
            meets_essentials=True,
            criteria=[
                CriterionResult(chairing, False, False, "I sat on it.", "CV", verdict="possible"),
                CriterionResult(accountant, True, True, "I am an ACA.", "CV", verdict="met"),
            ],
        ),
        SimpleNamespace(
            candidate_id=campaign.appointed.candidate_id,
            score=64.0,
            meets_essentials=False,
            criteria=[CriterionResult(accountant, True, False, None, None)],
        ),
    ]
    asked: list[int] = []

    def rank(vacancy: Vacancy, top_k: int = 50) -> list[Any]:
        asked.append(top_k)
        return matches

    monkeypatch.setattr(matching, "rank_applicants", rank)

    rows = read_csv(team.get(f"/team/vacancies/{campaign.vacancy.id}/export/shortlist.csv").data)
    workbook = openpyxl.load_workbook(
        io.BytesIO(team.get(f"/team/vacancies/{campaign.vacancy.id}/export/shortlist.xlsx").data)
    )

    by_ref = {r["Reference"]: r for r in rows}
    assert by_ref[campaign.shortlisted.reference]["Match score (0 to 100)"] == "81.3"
    shortlisted, appointed = (
        by_ref[campaign.shortlisted.reference],
        by_ref[campaign.appointed.reference],
    )
    assert shortlisted["Essential criteria"] == "Evidence every essential criterion"
    assert appointed["Essential criteria"] == "Not evidenced yet"
    assert shortlisted["Criterion verdicts"].splitlines() == [
        f"Met: Essential: {accountant}",
        f"Possible: check: Desirable: {chairing}",
    ]
    assert appointed["Criterion verdicts"] == f"Not evidenced: Essential: {accountant}"
    assert by_ref[campaign.revealed.reference]["Match score (0 to 100)"] == ""
    assert asked == [8, 8]  # every applicant is ranked, not only the first 50
    cells = {r["Reference"]: r for r in read_sheet(workbook["Shortlist"])}
    assert cells[campaign.shortlisted.reference]["Match score (0 to 100)"] == 81.3
    sheet = workbook["Shortlist"]
    scored = next(
        r for r in sheet.iter_rows(min_row=2) if r[0].value == campaign.shortlisted.reference
    )
    assert scored[4].number_format == "0.0"


@pytest.fixture
def scored(app: Flask, campaign: Campaign, reviewer: TeamUser, admin: TeamUser) -> Campaign:
    """The admin and the reviewer submit for the shortlisted candidate; only the admin for
    the revealed one; a third member leaves a draft; the appointed one was scored by the
    admin before the decision."""
    drafting = make_team_user("reviewer", email="drafting@nhs.example")
    submit(
        app,
        admin,
        campaign.shortlisted,
        scores=all_scores(4, 2, 3),
        comments={ESSENTIAL_1: '=HYPERLINK("http://evil.example","Click")'},
    )
    submit(app, reviewer, campaign.shortlisted, scores=all_scores(2, 2, 2))
    submit(
        app,
        admin,
        campaign.revealed,
        scores=all_scores(3, 3, 3),
        comments={DESIRABLE: "Admin's view"},
    )
    browser(app, drafting).post(
        url(campaign.shortlisted),
        data=score_data(all_scores(0, 0, 0), {DESIRABLE: "Draft thoughts"}, action="draft"),
    )
    campaign.appointed.stage = "recommended"
    db.session.commit()
    submit(app, admin, campaign.appointed, scores=all_scores(4, 4, 4))
    campaign.appointed.stage = "appointed"
    db.session.commit()
    return campaign


def test_the_panels_scores_as_csv(team: FlaskClient, scored: Campaign) -> None:
    response = team.get(f"/team/vacancies/{scored.vacancy.id}/export/panel.csv")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="panel-vacancy-{scored.vacancy.id}-{date.today()}.csv"'
    )
    rows = read_csv(response.data)
    assert list(rows[0])[:10] == [
        "Row type",
        "Reference",
        "Stage",
        "Criterion type",
        "Criterion",
        "Panel member",
        "Score",
        "Score meaning",
        "Comment",
        "Submitted",
    ]
    scores = [r for r in rows if r["Row type"] == "Scores"]
    shortlisted = scored.shortlisted.reference
    # One row per candidate, member and criterion: the reviewer (who asks) submitted for the
    # shortlisted candidate; the appointed candidate is closed, so open to everyone.
    assert sorted(
        (r["Reference"], r["Panel member"], r["Criterion"], r["Score"]) for r in scores
    ) == sorted(
        [
            (shortlisted, "Test admin", c, s)
            for c, s in zip([ESSENTIAL_1, ESSENTIAL_2, DESIRABLE], "423", strict=True)
        ]
        + [(shortlisted, "Test reviewer", c, "2") for c in (ESSENTIAL_1, ESSENTIAL_2, DESIRABLE)]
        + [
            (scored.appointed.reference, "Test admin", c, "4")
            for c in (ESSENTIAL_1, ESSENTIAL_2, DESIRABLE)
        ]
    )
    comment = next(r["Comment"] for r in scores if r["Comment"])
    assert comment == '\'=HYPERLINK("http://evil.example","Click")'  # stays text
    assert {r["Score meaning"] for r in scores} == {
        "Good evidence",
        "Some evidence",
        "Strong evidence",
    }

    summary = {(r["Reference"], r["Criterion"]): r for r in rows if r["Row type"] == "Summary"}
    first = summary[(shortlisted, ESSENTIAL_1)]
    assert (
        first["Mean"],
        first["Spread"],
        first["Members submitted"],
        first["Large disagreement"],
    ) == (
        "3.0",
        "2",
        "2",
        "Yes",
    )
    overall = summary[(shortlisted, "Overall")]
    assert (overall["Mean"], overall["Spread"], overall["Large disagreement"]) == (
        "2.5",
        "1.0",
        "Yes",
    )
    assert overall["Note"] == "Spread of 2 or more on 1 criterion"
    # The reviewer has not submitted for the revealed candidate: withheld, counted only.
    withheld = summary[(scored.revealed.reference, "Overall")]
    assert (withheld["Mean"], withheld["Members submitted"]) == ("", "1")
    assert withheld["Note"] == "Withheld until you submit your own scores for this candidate"
    assert not [r for r in scores if r["Reference"] == scored.revealed.reference]
    text = response.data.decode("utf-8-sig")
    assert "Admin's view" not in text
    assert "Draft thoughts" not in text  # drafts are never exported
    assert "Tomasz" not in text and "tomasz@example.com" not in text  # references only
    assert_no_monitoring(text)
    assert audit_exports()[-1].detail == {"export": "panel", "format": "csv", "rows": len(rows)}


def test_the_panels_scores_as_xlsx(app: Flask, scored: Campaign, admin: TeamUser) -> None:
    response = browser(app, admin).get(f"/team/vacancies/{scored.vacancy.id}/export/panel.xlsx")

    assert response.status_code == 200
    assert response.mimetype == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Scores", "Summary"]
    for sheet in workbook.worksheets:
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
    scores = read_sheet(workbook["Scores"])
    # The admin submitted for all three, so sees all three panels.
    assert {(r["Reference"], r["Panel member"]) for r in scores} == {
        (scored.shortlisted.reference, "Test admin"),
        (scored.shortlisted.reference, "Test reviewer"),
        (scored.revealed.reference, "Test admin"),
        (scored.appointed.reference, "Test admin"),
    }
    assert len(scores) == 4 * 3
    formula = next(
        row[7]
        for row in workbook["Scores"].iter_rows(min_row=2)
        if row[7].value and "HYPERLINK" in row[7].value
    )
    assert formula.data_type == "s"  # a comment is never run as a formula
    summary = read_sheet(workbook["Summary"])
    overall = next(
        r
        for r in summary
        if r["Reference"] == scored.shortlisted.reference and r["Criterion"] == "Overall"
    )
    assert overall["Mean"] == pytest.approx(2.5)
    assert overall["Members submitted"] == 2
    mean_cell = next(
        row[4] for row in workbook["Summary"].iter_rows(min_row=2) if row[4].value is not None
    )
    assert mean_cell.number_format == "0.00"
    assert workbook["Scores"].column_dimensions["H"].width == 60
    text = everything_in(workbook)
    assert "Draft thoughts" not in text
    assert "Tomasz" not in text
    assert_no_monitoring(text)


def test_a_vacancy_with_nobody_shortlisted_gives_headers_only(
    team: FlaskClient, vacancy: Vacancy
) -> None:
    make_application(vacancy, "longlisted")

    shortlist = read_csv(team.get(f"/team/vacancies/{vacancy.id}/export/shortlist.csv").data)
    workbook = openpyxl.load_workbook(
        io.BytesIO(team.get(f"/team/vacancies/{vacancy.id}/export/panel.xlsx").data)
    )

    assert shortlist == []
    assert [c.value for c in workbook["Scores"][1]][:2] == ["Reference", "Stage"]
    assert workbook["Scores"].max_row == 1


@pytest.mark.parametrize("who", ["anonymous", "candidate"])
@pytest.mark.parametrize("path", ["shortlist.csv", "shortlist.xlsx", "panel.csv", "panel.xlsx"])
def test_only_the_team_can_download(app: Flask, campaign: Campaign, who: str, path: str) -> None:
    client = app.test_client()
    if who == "candidate":
        start_application(client, campaign.vacancy)

    response = client.get(f"/team/vacancies/{campaign.vacancy.id}/export/{path}")

    assert response.status_code == 302
    assert response.location.startswith("/team/sign-in?next=")
    assert audit_exports() == []


def test_an_unknown_vacancy_or_format_is_not_found(team: FlaskClient, vacancy: Vacancy) -> None:
    assert team.get("/team/vacancies/9999/export/shortlist.csv").status_code == 404
    assert team.get(f"/team/vacancies/{vacancy.id}/export/shortlist.pdf").status_code == 404
    assert team.get(f"/team/vacancies/{vacancy.id}/export/monitoring.csv").status_code == 404
    assert audit_exports() == []


def test_the_panel_page_and_the_files_agree(team: FlaskClient, scored: Campaign) -> None:
    """What the reviewer can see on the scoring page is exactly what the file gives them."""
    page = team.get(url(scored.revealed)).get_data(as_text=True)
    rows = read_csv(team.get(f"/team/vacancies/{scored.vacancy.id}/export/panel.csv").data)

    assert "Admin's view" not in page
    assert not [
        r for r in rows if r["Reference"] == scored.revealed.reference and r["Row type"] == "Scores"
    ]
