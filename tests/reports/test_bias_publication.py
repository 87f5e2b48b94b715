"""The bias audit published: an administrator freezes the figures, anyone reads them in
plain English without signing in, with earlier publications linked; nothing unpublished
is ever shown publicly. And the audit as an accessible PDF (PDF/UA-1)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, BiasAuditPublication, TeamUser
from nedmatch.services import matching
from tests.conftest import make_team_user, page_text, sign_in
from tests.reports.pdfua import problems

from .conftest import Campaign
from .test_bias_audit_pages import URL, score_campaign, scored

PUBLIC = "/bias-audit"


def publish(team: FlaskClient, vacancy_id: int) -> str:
    response = team.post(f"{URL}/publish", query_string={"vacancy": vacancy_id})
    assert response.status_code == 302, page_text(response)
    return str(response.location)


def test_published_figures_are_public_in_plain_english(
    team: FlaskClient,
    app: Flask,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    exact: Callable[..., None],
) -> None:
    exact(threshold=2)
    score_campaign(monkeypatch, campaign)
    anyone = app.test_client()
    assert "No audit has been published yet" in page_text(anyone.get(PUBLIC))
    # Looking at the audit publishes nothing.
    assert team.get(URL, query_string={"vacancy": campaign.vacancy.id}).status_code == 200
    assert "No audit has been published yet" in page_text(anyone.get(PUBLIC))

    location = publish(team, campaign.vacancy.id)
    text = page_text(anyone.get(PUBLIC))
    assert location.endswith(
        f"{PUBLIC}/{db.session.execute(db.select(BiasAuditPublication.id)).scalar_one()}"
    )
    assert "Everyone who applied for Non-executive director, finance" in text
    assert "People scored 17" in text and "Scored above the median 8" in text
    assert "Highest scoring rate: Male, where 71.4% scored above the median." in text
    assert (
        "Lowest impact ratio: Female, 0.42 (95% confidence interval 0.15 to 1.21), from a "
        "scoring rate of 30.0%. It is under 0.80, so it is worth looking into." in text
    )
    assert "Category unknown (not given, or prefer not to say): 17." in text
    assert "Model version model-7" in text
    # The public CSV is the audit's own CSV, figure for figure.
    own = team.get(f"{URL}/download/csv", query_string={"vacancy": campaign.vacancy.id})
    public = anyone.get(location + "/figures.csv")
    assert public.status_code == 200
    assert public.get_data() == own.get_data()
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert actions.count("bias_audit_published") == 1


def test_publishing_freezes_the_figures_and_keeps_earlier_ones(
    team: FlaskClient,
    app: Flask,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    exact: Callable[..., None],
) -> None:
    exact(threshold=2)
    score_campaign(monkeypatch, campaign)
    first = publish(team, campaign.vacancy.id)
    # The model changes its mind: everyone scores the same as their id.
    ids = matching.applicant_ids(campaign.vacancy)
    monkeypatch.setattr(matching, "rank_applicants", scored({c: float(c) for c in ids}))
    anyone = app.test_client()
    before = page_text(anyone.get(first))
    assert "Female, 0.42" in before
    assert page_text(anyone.get(PUBLIC)).count("Female, 0.42") == 1  # still the latest
    second = publish(team, campaign.vacancy.id)
    latest = page_text(anyone.get(PUBLIC))
    assert "Female, 0.42" not in latest
    assert "Earlier audits" in latest
    after = page_text(anyone.get(first))
    assert "This is an earlier audit." in after and "This is an earlier audit." not in before
    figures = slice(before.index("Whose scores"), before.index("Download these figures"))
    assert (
        after[after.index("Whose scores") : after.index("Download these figures")]
        == (before[figures])
    )  # the first is as it was
    assert second != first


def test_only_administrators_publish(
    client: FlaskClient, app: Flask, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_campaign(monkeypatch, campaign)
    response = client.post(f"{URL}/publish", query_string={"vacancy": campaign.vacancy.id})
    assert response.status_code == 302 and "/sign-in" in response.location
    sign_in(client, make_team_user(email="reviewer@nhs.net", role="reviewer"))
    response = client.post(f"{URL}/publish", query_string={"vacancy": campaign.vacancy.id})
    assert response.status_code == 403
    assert db.session.execute(db.select(BiasAuditPublication)).first() is None
    assert app.test_client().get(f"{PUBLIC}/1").status_code == 404


def test_nothing_to_publish_says_why(
    team: FlaskClient, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "get_ranker", lambda: None)
    response = team.post(f"{URL}/publish", follow_redirects=True)
    assert "There is nothing to publish" in page_text(response)
    assert db.session.execute(db.select(BiasAuditPublication)).first() is None


def test_the_audit_as_an_accessible_pdf(
    team: FlaskClient,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    exact: Callable[..., None],
) -> None:
    exact(threshold=2)
    score_campaign(monkeypatch, campaign)
    response = team.get(f"{URL}/download/pdf", query_string={"vacancy": campaign.vacancy.id})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    data = response.get_data()
    assert problems(data) == []
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Bias audit of the matching model" in text
    assert "Lowest impact ratio: Female, 0.42" in " ".join(text.split())
    with pytest.raises(AssertionError):  # the checks have teeth: a plain PDF fails them
        from pypdf import PdfWriter

        plain = PdfWriter()
        plain.add_blank_page(100, 100)
        out = io.BytesIO()
        plain.write(out)
        assert problems(out.getvalue()) == []


def test_the_public_page_is_open_to_everyone(client: FlaskClient, reviewer: TeamUser) -> None:
    assert client.get(PUBLIC).status_code == 200
    assert client.get(f"{PUBLIC}/99").status_code == 404
    assert client.get(f"{PUBLIC}/99/figures.csv").status_code == 404
    assert list(csv.reader(io.StringIO(""))) == []
