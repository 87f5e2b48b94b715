"""The bias audit's page and downloads: administrators only, the hand-counted campaign's
figures, the pool's median percentile, and what is recorded."""

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

from nedmatch.dates import long_date
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate
from nedmatch.models._types import utcnow
from nedmatch.services import matching
from nedmatch.services.reporting.bias_audit import percentiles
from tests.conftest import make_team_user, page_text, sign_in

from .conftest import Campaign

URL = "/team/reports/bias-audit"


def scored(scores: dict[int, float]) -> Callable[..., list[Any]]:
    return lambda vacancy, top_k=50: [
        SimpleNamespace(candidate_id=cid, score=score, rank=i + 1)
        for i, (cid, score) in enumerate(sorted(scores.items(), key=lambda s: -s[1]))
    ]


def score_campaign(monkeypatch: pytest.MonkeyPatch, campaign: Campaign) -> None:
    """The 10 women score 1 to 7 and 15 to 17, the 7 men 8 to 14: the median is 9, so
    3 women (15 to 17) and 5 men (10 to 14) are above it."""
    applicants = matching.applicant_ids(campaign.vacancy)
    females = sorted(women(applicants))
    males = sorted(set(applicants) - set(females))
    female_scores = [1, 2, 3, 4, 5, 6, 7, 15, 16, 17]
    scores = {c: float(s) for c, s in zip(females, female_scores, strict=True)}
    scores |= {c: float(8 + i) for i, c in enumerate(males)}
    monkeypatch.setattr(matching, "get_ranker", lambda: object())
    monkeypatch.setattr(matching, "rank_applicants", scored(scores))
    fitted_model(monkeypatch)


def fitted_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "model_status", lambda: {"created": "2026-11-30T09:00:00+00:00"})
    monkeypatch.setattr(matching, "loaded_model_version", lambda: "model-7")


def women(ids: list[int]) -> set[int]:
    from nedmatch.services.applications import monitoring

    return {c for c in ids if monitoring.answers_for(c).get("sex") == "female"}


@pytest.mark.parametrize("path", [URL, f"{URL}?vacancy=1", f"{URL}/download/csv"])
def test_reviewers_and_the_signed_out_cannot_see_it(
    client: FlaskClient, app: Flask, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/sign-in" in response.location
    sign_in(client, make_team_user(email="reviewer@nhs.net", role="reviewer"))
    assert client.get(path).status_code == 403


def test_a_campaign_counted_by_hand(
    team: FlaskClient,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    exact: Callable[..., None],
) -> None:
    exact(threshold=2)
    score_campaign(monkeypatch, campaign)
    response = team.get(URL, query_string={"vacancy": campaign.vacancy.id})
    assert response.status_code == 200
    text = page_text(response)
    assert "People scored 17" in text and "Scored above the median 8" in text
    # Men: 5 of 7 (71.4%, Wilson 35.9% to 91.8%), the highest rate. Women: 3 of 10
    # (30.0%, Wilson 10.8% to 60.3%); impact ratio 0.3 / (5/7) = 0.42, Katz 0.15 to 1.21.
    interval = ", 95% confidence interval"
    assert f"Male 7 5 71.4%{interval} 35.9% to 91.8% 1.00 Highest scoring rate" in text
    assert f"Female 10 3 30.0%{interval} 10.8% to 60.3% 0.42{interval} 0.15 to 1.21" in text
    # Nobody gave an ethnic group: all 17 are of unknown category.
    assert "Not declared 17 8 Category unknown" in text
    assert "Unknown (sex or ethnic group not given): 17" in text
    assert "Everyone who applied for Non-executive director, finance" in text
    assert "model-7, fitted 30 November 2026" in text

    data = team.get(f"{URL}/download/csv", query_string={"vacancy": campaign.vacancy.id})
    assert data.status_code == 200 and "attachment" in data.headers["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(data.get_data().decode("utf-8-sig"))))
    male = next(r for r in lines if (r["table"], r["category"]) == ("sex", "male"))
    assert (male["people"], male["scored_above_median"], male["impact_ratio"]) == ("7", "5", "1.0")
    book = team.get(f"{URL}/download/xlsx", query_string={"vacancy": campaign.vacancy.id})
    sheet = openpyxl.load_workbook(io.BytesIO(book.get_data())).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Everyone who applied for Non-executive director, finance (" in " ".join(cells)
    events = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.object_type == "bias_audit").order_by(AuditEvent.id)
    ).scalars()
    assert [(e.action, e.detail["format"]) for e in events] == [
        ("report_viewed", "page"),
        ("report_downloaded", "csv"),
        ("report_downloaded", "xlsx"),
    ]


def test_a_small_count_and_what_would_reveal_it_are_withheld(
    team: FlaskClient,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    exact: Callable[..., None],
) -> None:
    """At threshold 5, the 3 women above the median are withheld; so are the 5 men, who
    with the published total of 8 above it would give the women's count away."""
    exact(threshold=5)
    score_campaign(monkeypatch, campaign)
    text = page_text(team.get(URL, query_string={"vacancy": campaign.vacancy.id}))
    assert "Female 10 [c] Fewer than 5: no rate is given" in text
    assert "Male 7 [c] Fewer than 5: no rate is given" in text
    assert "Scored above the median 8" in text


def test_the_pool_uses_each_members_median_percentile(
    team: FlaskClient,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    exact: Callable[..., None],
) -> None:
    exact()
    for candidate in db.session.execute(db.select(Candidate)).scalars():
        candidate.consent_to_match = True
    db.session.commit()
    ids = list(db.session.execute(db.select(Candidate.id).where(Candidate.in_pool)).scalars())
    ranker = SimpleNamespace(
        assess=lambda profile, candidate_ids: SimpleNamespace(
            candidate_ids=list(candidate_ids), scores=[float(c) for c in candidate_ids]
        )
    )
    monkeypatch.setattr(matching, "get_ranker", lambda: ranker)
    monkeypatch.setattr(matching, "vacancy_profile", lambda vacancy: vacancy)
    fitted_model(monkeypatch)
    text = page_text(team.get(URL))
    assert f"People scored {len(ids)}" in text
    assert f"Scored above the median {len(ids) // 2}" in text
    assert "scored by the matching model against each of the 2 vacancies open" in text
    assert "Data dates " + long_date(utcnow().date()) + " Model" in text


def test_percentiles_put_every_vacancy_on_one_scale() -> None:
    assert percentiles([10.0, 30.0, 20.0]) == [0.0, 1.0, 0.5]
    assert percentiles([5.0, 5.0, 9.0]) == [0.25, 0.25, 1.0]
    assert percentiles([3.0]) == [0.5]


def test_no_model_and_an_unknown_vacancy(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "get_ranker", lambda: None)
    assert "No ranking model yet" in page_text(team.get(URL))
    # With nothing to download, a download link leads to the page that says why.
    download = team.get(f"{URL}/download/csv")
    assert download.status_code == 302 and download.location == URL
    response = team.get(URL, query_string={"vacancy": "999"})
    assert response.status_code == 200
    assert "There is a problem Choose the talent pool or a vacancy from the list" in page_text(
        response
    )
