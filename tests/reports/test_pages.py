"""The report pages and downloads: who may see them, what they show, what they record."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, Job, TeamUser
from nedmatch.services import matching
from nedmatch.services.platform import jobs
from tests.conftest import (
    assert_field_error,
    error_summary,
    make_team_user,
    page_text,
    parse_page,
    sign_in,
    start_application,
)

from .conftest import Campaign, make_person, people

TEAM_URLS = [
    "/team/reports/",
    "/team/reports/report",
    "/team/reports/download/csv",
    "/team/reports/download/xlsx",
    "/team/reports/vacancies/1/model-audit",
    "/team/reports/reference",
]


@pytest.fixture
def team(client: FlaskClient, admin: TeamUser) -> FlaskClient:
    """Reports are for admins only (reviewers: test_reviewers_cannot_read_reports)."""
    sign_in(client, admin)
    return client


@pytest.fixture
def exact(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set the service's disclosure policy, as configuration does (never the request),
    for tests that count by hand."""

    def configure(threshold: int = 5, method: str = "suppress") -> None:
        monkeypatch.setitem(app.config, "DIVERSITY_THRESHOLD", threshold)
        monkeypatch.setitem(app.config, "DIVERSITY_METHOD", method)

    return configure


def audit_events(action: str) -> list[AuditEvent]:
    return list(
        db.session.execute(db.select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id))
        .scalars()
        .all()
    )


@pytest.mark.parametrize("url", TEAM_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.location.startswith("/team/sign-in")


def test_candidates_are_refused(client: FlaskClient, campaign: Campaign) -> None:
    start_application(client, campaign.vacancy)  # this browser is now a signed-in candidate
    for url in TEAM_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.location.startswith("/team/sign-in")
    assert client.post("/team/reports/pdf").status_code == 302


def test_the_index_offers_a_scope(team: FlaskClient, campaign: Campaign) -> None:
    response = team.get("/team/reports/")
    assert response.status_code == 200
    text = page_text(response)
    assert "24 candidates are in the talent pool and 21 applications" in text
    page = parse_page(response)
    options = page.xpath("//select[@id='vacancy']/option/text()")
    assert any("Non-executive director, finance" in o for o in options)
    # Disclosure control is not the reader's choice; periods are fixed ones.
    assert not page.xpath("//*[@id='threshold' or @id='method' or @id='date_from']")
    periods = page.xpath("//select[@id='period']/option/@value")
    assert periods[:1] == ["all"]
    assert {"fy-2025", "fy-2024", "2025-q2", "2024-q2"} <= set(periods)
    assert page.xpath("//select[@id='audit-top_n']/option/@value") == ["10", "20", "50", "100"]


def test_reviewers_cannot_read_reports(client: FlaskClient, reviewer: TeamUser) -> None:
    sign_in(client, reviewer)
    for url in TEAM_URLS:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "You cannot see this page" in page_text(response)


def test_a_report_page(team: FlaskClient, campaign: Campaign) -> None:
    response = team.get(f"/team/reports/report?vacancy={campaign.vacancy.id}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Non-executive director, finance, Leeds Teaching Hospitals NHS Trust" in text
    assert "[c] marks a count withheld" in text
    assert "Relative likelihood" in text and "Compared with England, Census 2021" in text
    page = parse_page(response)
    # Every chart is an image with a name, followed by the table of its figures.
    charts = page.xpath("//svg[@role='img']")
    assert len(charts) >= 15
    for chart in charts:
        assert chart.xpath("./title/text()")
    sex = page.get_element_by_id("table-sex")
    assert "Female" in sex.text_content()
    # Female applied: 10 of 17, published with noise of at most 2; 4 shortlisted is
    # "fewer than 5".
    female = sex.xpath(".//tr[th[normalize-space()='Female']]/td")
    assert abs(int(female[1].text_content().split(",")[0].strip()) - 10) <= 2
    assert "<5" in female[3].text_content()
    assert "may not add up exactly" in text
    (event,) = audit_events("report_viewed")
    assert event.actor.startswith("team:")
    assert event.object_id == f"vacancy-{campaign.vacancy.id}"
    assert event.detail["threshold"] == 5


def test_adverse_impact_says_too_few_to_say(
    team: FlaskClient, campaign: Campaign, exact: Callable[..., None]
) -> None:
    exact(threshold=2)
    text = page_text(team.get(f"/team/reports/report?vacancy={campaign.vacancy.id}"))
    assert "for a meaningful comparison" in text
    assert "Too few to say" in text


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("period=2025-02-30", "period", "Choose a period from the list"),
        ("period=fy-1999", "period", "Choose a period from the list"),
        ("region=atlantis", "region", "Not a valid choice"),
    ],
)
def test_scope_errors_are_explained(
    team: FlaskClient, campaign: Campaign, query: str, field: str, message: str
) -> None:
    response = team.get(f"/team/reports/report?{query}")
    summary = error_summary(response)
    assert summary and summary[0][0] == f"#{field}"
    assert message in summary[0][1]
    assert not audit_events("report_viewed")


def test_a_vacancy_at_another_organisation_is_refused(
    team: FlaskClient, campaign: Campaign
) -> None:
    response = team.get(
        f"/team/reports/report?vacancy={campaign.vacancy.id}"
        f"&organisation={campaign.other.organisation_id}"
    )
    assert_field_error(
        response,
        "vacancy",
        "That vacancy is at another organisation: choose the vacancy or the organisation, not both",
    )


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_download(team: FlaskClient, campaign: Campaign, exact: Callable[..., None]) -> None:
    exact(threshold=2)
    response = team.get(f"/team/reports/download/csv?vacancy={campaign.vacancy.id}")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="diversity-report-vacancy-')
    assert disposition.endswith('.csv"')
    rows = read_csv(response.data)
    female = {
        r["stage"]: r["count"] for r in rows if r["question"] == "sex" and r["answer"] == "female"
    }
    assert female == {
        "pool": "10",
        "applied": "10",
        "longlisted": "4",
        "shortlisted": "4",
        "interviewed": "2",
        "appointed": "2",
    }
    assert {r["scope"] for r in rows} == {f"Vacancy {campaign.vacancy.id}"}
    (event,) = audit_events("report_downloaded")
    assert event.detail["format"] == "csv"
    assert event.detail["threshold"] == 2


def test_impact_csv_download(team: FlaskClient, campaign: Campaign) -> None:
    response = team.get("/team/reports/download/impact-csv")
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="adverse-impact-whole-pool-'
    )
    rows = read_csv(response.data)
    assert {"question", "group", "selection_rate", "fisher_p", "reading"} <= set(rows[0])


def test_xlsx_download(team: FlaskClient, campaign: Campaign) -> None:
    response = team.get("/team/reports/download/xlsx?region=london")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "region-london" in response.headers["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames[0] == "Notes"
    assert {"Sex", "Ethnic group", "Adverse impact", "Benchmarks"} <= set(workbook.sheetnames)


def test_configuration_sets_the_policy_and_the_address_cannot(
    team: FlaskClient, campaign: Campaign, exact: Callable[..., None]
) -> None:
    base = f"/team/reports/download/csv?vacancy={campaign.vacancy.id}"

    def female(query: str = "") -> dict[str, str]:
        rows = read_csv(team.get(base + query).data)
        return {
            r["stage"]: r["shown_as"]
            for r in rows
            if r["question"] == "sex" and r["answer"] == "female"
        }

    exact(threshold=2)
    assert female()["shortlisted"] == "4"
    exact(threshold=5)
    assert female()["shortlisted"] == "[c]"
    assert female("&threshold=2&method=round")["shortlisted"] == "[c]"  # ignored
    exact(threshold=5, method="round")
    rounded = female()
    assert rounded["applied"] == "10"
    assert rounded["shortlisted"] == "<5"
    rows = read_csv(team.get(base).data)
    assert all(int(r["count"]) % 5 == 0 for r in rows if r["count"] and r["rounded"] == "true")


def test_no_individual_leaves_in_any_download(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One applicant gives an answer nobody else gives: no download may reveal it, and
    none names or numbers anyone."""
    unique = make_person(
        campaign.vacancy, "shortlisted", None, {"sex": "female", "ethnicity": "roma"}
    )
    db.session.commit()
    identifiers = [unique.email, unique.last_name, unique.public_id, str(unique.id)]
    references = [
        a.reference
        for a in db.session.execute(db.select(Candidate)).scalars()
        for a in a.applications
    ]
    scope = f"?vacancy={campaign.vacancy.id}"
    csv_rows = read_csv(team.get(f"/team/reports/download/csv{scope}").data)
    roma = [r for r in csv_rows if r["answer"] == "roma"]
    assert roma and all(r["count"] in ("", "0") for r in roma)
    assert any(r["suppressed"] == "true" for r in roma)
    assert "candidate" not in ",".join(csv_rows[0]).lower()
    impact = team.get(f"/team/reports/download/impact-csv{scope}").get_data(as_text=True)
    workbook = openpyxl.load_workbook(
        io.BytesIO(team.get(f"/team/reports/download/xlsx{scope}").data)
    )
    cells = [
        str(cell.value)
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    sheet = (
        workbook["Ethnicity (19 options)"]
        if "Ethnicity (19 options)" in workbook.sheetnames
        else None
    )
    if sheet is not None:
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == "Roma":
                assert 1 not in row[1:]
    pdf_text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(pdf_bytes(team, scope, monkeypatch))).pages
    )
    everything = "\n".join(
        [",".join(",".join(r.values()) for r in csv_rows), impact, *cells, pdf_text]
    )
    for value in identifiers[:3] + references:
        assert value not in everything, value
    assert "Roma 1 " not in pdf_text


def pdf_bytes(team: FlaskClient, query: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Ask for a PDF and run its job at once, as the background thread would."""
    monkeypatch.setattr(jobs, "run_in_thread", lambda job_id, work: jobs.run_job(job_id, work))
    response = team.post(f"/team/reports/pdf{query}")
    assert response.status_code == 302
    job_page = team.get(response.location)
    assert "Download the PDF" in page_text(job_page)
    link = parse_page(job_page).xpath("//a[contains(., 'Download the PDF')]/@href")[0]
    download = team.get(link)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    return download.data


def test_pdf_is_made_as_a_job(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdf_bytes(team, f"?vacancy={campaign.vacancy.id}", monkeypatch)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    assert "Diversity report" in reader.pages[0].extract_text()
    job = db.session.execute(db.select(Job)).scalar_one()
    assert job.kind == "diversity_pdf" and job.status == "done"
    assert team.get(f"/team/reports/jobs/{job.id}?format=json").json["finished"] is True
    assert [
        e.action
        for e in db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id)).scalars()
        if e.action.startswith("report_")
    ] == ["report_pdf_started", "report_downloaded"]


def test_unknown_or_unfinished_jobs_are_not_found(team: FlaskClient, app: Flask) -> None:
    job = jobs.create_job("fit_model", "system")
    db.session.commit()
    assert team.get(f"/team/reports/jobs/{job.id}").status_code == 404
    queued = jobs.create_job("diversity_pdf", "system")
    db.session.commit()
    assert team.get(f"/team/reports/jobs/{queued.id}/download").status_code == 404
    assert team.get("/team/reports/jobs/9999").status_code == 404


def fake_rank(ids_and_ranks: list[tuple[int, int]]) -> Any:
    return lambda vacancy, top_k=50: [
        SimpleNamespace(candidate_id=cid, rank=rank) for cid, rank in ids_and_ranks
    ]


def test_model_audit(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    applicants = matching.applicant_ids(campaign.vacancy)
    monkeypatch.setattr(matching, "get_ranker", lambda: object())
    monkeypatch.setattr(
        matching, "rank_applicants", fake_rank([(c, i + 1) for i, c in enumerate(applicants)])
    )
    monkeypatch.setattr(matching, "rank_pool", lambda vacancy, top_k=50: [])
    response = team.get(f"/team/reports/vacancies/{campaign.vacancy.id}/model-audit?top_n=5")
    assert response.status_code == 200
    text = page_text(response)
    # 5 is not a band: the nearest, 10, is audited.
    assert "17 ranked; the top 10 are compared with all of them" in text
    assert "No consenting pool members" in text
    assert "Demographic parity ratio" in text
    (event,) = audit_events("report_viewed")
    assert event.object_type == "model_audit" and event.detail["top_n"] == 10


def test_model_audit_without_a_model(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "get_ranker", lambda: None)
    monkeypatch.setattr(matching, "rank_applicants", lambda vacancy, top_k=50: None)
    monkeypatch.setattr(matching, "rank_pool", lambda vacancy, top_k=50: None)
    response = team.get(f"/team/reports/vacancies/{campaign.vacancy.id}/model-audit")
    assert "No ranking model yet" in page_text(response)
    chosen = team.get(
        f"/team/reports/model-audit?audit-vacancy={campaign.vacancy.id}&audit-top_n=7"
    )
    # Only the fixed bands: 7 is moved to the nearest, 10.
    assert chosen.location == f"/team/reports/vacancies/{campaign.vacancy.id}/model-audit?top_n=10"


REFERENCE = b"# London, Census 2021 (test figures)\nquestion,answer,percent\nsex,female,51.5\nsex,male,48.5\n"


def upload(client: FlaskClient, data: bytes, name: str = "London, Census 2021") -> Any:
    return client.post(
        "/team/reports/reference",
        data={"name": name, "file": (io.BytesIO(data), "london.csv")},
        content_type="multipart/form-data",
    )


def test_reviewers_cannot_change_the_reference(client: FlaskClient, reviewer: TeamUser) -> None:
    sign_in(client, reviewer)
    assert client.get("/team/reports/reference").status_code == 403
    assert upload(client, REFERENCE).status_code == 403
    assert client.post("/team/reports/reference/default").status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"question,answer\nsex,female\n",
            "The reference file needs the columns question, answer and percent.",
        ),
        (
            b"question,answer,percent\nsex,female,51\nsex,male,40\n",
            "The percentages for sex add up to 91.0",
        ),
        (b"question,answer,percent\nsex,woman,100\n", "Line 2: unknown answer 'woman' for sex."),
        (b"\xff\xfe\x00q", "Save the file as CSV in UTF-8 and upload it again"),
    ],
)
def test_a_bad_reference_file_is_explained(
    client: FlaskClient, admin: TeamUser, data: bytes, message: str
) -> None:
    sign_in(client, admin)
    response = upload(client, data)
    assert response.status_code == 200
    summary = error_summary(response)
    assert summary[0][0] == "#file" and message in summary[0][1]


def test_an_admin_loads_a_reference_and_goes_back(
    client: FlaskClient, admin: TeamUser, campaign: Campaign
) -> None:
    sign_in(client, admin)
    assert upload(client, REFERENCE).status_code == 302
    text = page_text(client.get("/team/reports/report"))
    assert "Compared with London, Census 2021" in text
    assert "test figures" in text
    assert client.post("/team/reports/reference/default").status_code == 302
    assert "Compared with England, Census 2021" in page_text(client.get("/team/reports/report"))
    assert [
        e.action
        for e in db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id)).scalars()
        if e.action.startswith("reference_")
    ] == ["reference_uploaded", "reference_reset"]


def test_an_empty_scope_says_so(team: FlaskClient, app: Flask) -> None:
    people(0, None, None)
    make_team_user("admin", email="another@nhs.example")
    response = team.get("/team/reports/report")
    assert "Nobody in this report" in page_text(response)


def test_a_table_that_cannot_be_protected_is_withheld_not_a_500(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nedmatch.diversity import protection

    def failing(*args: object, **kwargs: object) -> SimpleNamespace:
        return SimpleNamespace(status=2, message="The problem is infeasible.", x=None)

    monkeypatch.setattr(protection, "linprog", failing)
    response = team.get(f"/team/reports/report?vacancy={campaign.vacancy.id}")
    assert response.status_code == 200
    assert "Figures withheld: they could not be protected." in page_text(response)
