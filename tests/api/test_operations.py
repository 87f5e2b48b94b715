"""What the API gives and does: open vacancies; the team's vacancies, applications and
stage moves with the page's rules and messages; the ranked list without identity until
reveal; the diversity report's published figures only; never a monitoring answer."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from nedmatch.api import documents
from nedmatch.diversity.exports import tidy_rows
from nedmatch.extensions import db
from nedmatch.matching import CriterionResult, Match, MatchedTerm
from nedmatch.models import AuditEvent, IdentityReveal, MonitoringResponse, StageChange
from nedmatch.services import reporting
from nedmatch.services.boards import seating
from nedmatch.services.sift import identity, stages
from tests.api.conftest import PLANTED, Tokens, bearer
from tests.api.test_access import assert_problem
from tests.appointments.test_sift import MONITORING, MONITORING_LABELS, Campaign, set_stage
from tests.conftest import make_organisation, make_vacancy
from tests.factories import complete_fppt


def test_the_public_list_is_the_open_vacancies_with_filters(client: FlaskClient) -> None:
    london = make_organisation(name="A London trust", region="london")
    open_one = make_vacancy(london, title="Audit chair in London")
    leeds = make_organisation()
    make_vacancy(leeds, title="A draft", status="draft")
    other = make_vacancy(leeds, role_type="chair", title="A chair")

    body = client.get("/api/v1/vacancies").get_json()
    assert {v["title"] for v in body["items"]} == {"Audit chair in London", "A chair"}
    assert body["count"] == 2
    only = client.get("/api/v1/vacancies?region=london&role=audit-chair").get_json()
    assert [v["id"] for v in only["items"]] == [open_one.id]
    assert only["items"][0]["organisation"] == {
        "id": london.id,
        "name": "A London trust",
        "region": "london",
    }
    assert only["items"][0]["url"].endswith(f"/vacancies/{open_one.id}")
    problem = assert_problem(client.get("/api/v1/vacancies?region=atlantis"), 422)
    assert "region" in problem["errors"]

    one = client.get(f"/api/v1/vacancies/{other.id}")
    assert one.status_code == 200 and one.get_json()["title"] == "A chair"
    assert one.headers["Cache-Control"] == "public, max-age=300"


def test_a_draft_is_not_public_but_the_team_sees_it(client: FlaskClient, tokens: Tokens) -> None:
    draft = make_vacancy(status="draft")
    body = assert_problem(client.get(f"/api/v1/vacancies/{draft.id}"), 404)
    assert str(draft.id) in body["detail"]
    team = client.get(f"/api/v1/team/vacancies/{draft.id}", headers=bearer(tokens.reviewer))
    assert team.get_json()["status"] == "draft"
    listed = client.get("/api/v1/team/vacancies?status=draft", headers=bearer(tokens.reviewer))
    assert [v["id"] for v in listed.get_json()["items"]] == [draft.id]
    assert_problem(
        client.get("/api/v1/team/vacancies?status=lost", headers=bearer(tokens.reviewer)), 422
    )


def test_applications_come_with_their_stages(
    client: FlaskClient, tokens: Tokens, campaign: Campaign
) -> None:
    response = client.get(
        f"/api/v1/team/vacancies/{campaign.vacancy.id}/applications",
        headers=bearer(tokens.reviewer),
    )
    body = response.get_json()
    assert body["count"] == len(campaign.applications)
    first = next(a for a in body["items"] if a["reference"] == campaign.others[0].reference)
    assert first["stage"] == "applied"
    assert first["allowed_moves"] == ["longlisted", "rejected"]
    assert [(c["from_stage"], c["to_stage"]) for c in first["stage_changes"]] == [
        ("draft", "applied")
    ]


def _move(client: FlaskClient, secret: str, reference: str, **body: Any) -> Any:
    return client.post(
        f"/api/v1/team/applications/{reference}/stage-changes", json=body, headers=bearer(secret)
    )


def test_a_stage_move_follows_the_page_rules(
    client: FlaskClient, tokens: Tokens, campaign: Campaign
) -> None:
    item = campaign.others[0]
    moved = _move(client, tokens.reviewer, item.reference, to_stage="longlisted")
    assert moved.status_code == 200, moved.get_data(as_text=True)
    assert moved.get_json()["stage"] == "longlisted"
    db.session.refresh(item)
    assert item.stage == "longlisted"
    change = db.session.execute(
        db.select(AuditEvent).filter_by(action="stage_changed", object_id=str(item.id))
    ).scalar_one()
    assert change.actor == f"team:{tokens.admin_user.id}"
    assert change.detail == {"from_stage": "applied", "to_stage": "longlisted"}

    # Skipping a stage, or rejecting without a reason: refused with the page's words.
    skipped = assert_problem(
        _move(client, tokens.reviewer, item.reference, to_stage="appointed"), 409
    )
    assert skipped["detail"] == (f"{item.reference} is longlisted: it cannot move to appointed.")
    no_reason = assert_problem(
        _move(client, tokens.reviewer, item.reference, to_stage="rejected"), 409
    )
    assert no_reason["detail"] == f"Give a reason to reject {item.reference}."
    rejected = _move(
        client, tokens.reviewer, item.reference, to_stage="rejected", reason="Not evidenced"
    )
    assert rejected.get_json()["stage_changes"][-1]["reason"] == "Not evidenced"
    assert (
        db.session.execute(
            db.select(db.func.count(StageChange.id)).filter_by(application_id=item.id)
        ).scalar_one()
        == 3
    )


def test_no_appointment_through_the_api_without_the_fit_and_proper_person_checks(
    client: FlaskClient, tokens: Tokens, campaign: Campaign
) -> None:
    item = campaign.others[0]
    for step in ("longlisted", "shortlisted", "interview", "recommended"):
        set_stage(item, step)
    refused = assert_problem(_move(client, tokens.admin, item.reference, to_stage="appointed"), 409)
    assert "fit and proper person checks are complete" in refused["detail"]
    assert seating.seat_of(item) is None
    complete_fppt(item)
    db.session.commit()
    done = _move(client, tokens.admin, item.reference, to_stage="appointed")
    assert done.status_code == 200 and done.get_json()["stage"] == "appointed"
    # Appointed through the API as on the pages: seated on the organisation's board.
    seat = seating.seat_of(item)
    assert seat is not None and seat.organisation_id == item.vacancy.organisation_id


def test_the_guaranteed_interview_scheme_holds_through_the_api(
    client: FlaskClient, tokens: Tokens, campaign: Campaign
) -> None:
    protected = campaign.protected.reference
    refused = assert_problem(
        _move(client, tokens.reviewer, protected, to_stage="rejected", reason="x"), 409
    )
    assert "guaranteed interview scheme" in refused["detail"]
    override = assert_problem(
        _move(client, tokens.reviewer, protected, to_stage="rejected", reason="x", override=True),
        409,
    )
    assert (
        override["detail"] == "Only an administrator can override the guaranteed interview scheme."
    )
    done = _move(
        client,
        tokens.admin,
        protected,
        to_stage="rejected",
        reason="Withdrew in a call",
        override=True,
    )
    assert done.status_code == 200 and done.get_json()["stage"] == "rejected"


def test_a_bad_move_request_is_a_problem(
    client: FlaskClient, tokens: Tokens, campaign: Campaign
) -> None:
    ref = campaign.others[1].reference
    invalid = assert_problem(_move(client, tokens.reviewer, ref, to_stage="promoted"), 422)
    assert list(invalid["errors"]) == ["to_stage"]
    assert_problem(_move(client, tokens.reviewer, ref), 422)
    not_json = client.post(
        f"/api/v1/team/applications/{ref}/stage-changes",
        data="to_stage=longlisted",
        headers=bearer(tokens.reviewer),
    )
    assert_problem(not_json, 400)
    assert_problem(_move(client, tokens.reviewer, "NED-NONE-NONE", to_stage="longlisted"), 404)
    assert campaign.others[1].stage == "applied"
    assert stages.StageError  # the same operation the page calls


def test_the_ranked_list_names_nobody_until_reveal(
    client: FlaskClient, tokens: Tokens, campaign: Campaign
) -> None:
    url = f"/api/v1/team/vacancies/{campaign.vacancy.id}/ranked"
    body = client.get(url, headers=bearer(tokens.reviewer)).get_json()
    assert body["model_ready"] is True and body["total"] == len(campaign.applications)
    text = json.dumps(body)
    for application in campaign.applications:
        candidate = application.candidate
        for known in (
            candidate.first_name,
            candidate.last_name,
            candidate.email,
            candidate.phone,
        ):
            assert known not in text
    assert all(row["name"] is None and row["revealed"] is False for row in body["items"])
    top = body["items"][0]
    assert top["rank"] == 1 and top["explanation"]["criteria"]
    assert any(c["evidence"] for c in top["explanation"]["criteria"])

    # Revealed at interview: that one candidate is named, nobody else.
    shown = campaign.accountants[1]
    shown.stage = "interview"
    db.session.add(IdentityReveal(application_id=shown.id, revealed_by=tokens.admin_user.id))
    db.session.commit()
    body = client.get(url, headers=bearer(tokens.reviewer)).get_json()
    named = {row["reference"]: row["name"] for row in body["items"] if row["name"]}
    assert named == {shown.reference: shown.candidate.full_name}


def test_explanation_quotes_lose_contact_details_as_on_the_page() -> None:
    quote = "I led audit at 12 Sample Street and post at linkedin.com/in/somebody-sample"
    match = Match(
        candidate_id=1,
        rank=1,
        score=80.0,
        meets_essentials=True,
        criteria=[
            CriterionResult("Audit", True, True, quote, "career_summary", verdict="met"),
            CriterionResult("Law", False, False, quote, "career_summary", verdict="not_evidenced"),
        ],
        matched_terms=[MatchedTerm("audit", "word", 0.5, "career_summary", quote)],
    )
    document = documents.explanation(match)
    met, unmet = document["criteria"]
    assert met["evidence"] == identity.without_contact_details(quote)
    assert "Sample Street" not in met["evidence"] and "linkedin" not in met["evidence"]
    assert unmet["evidence"] is None  # the page quotes evidence only for met or possible
    assert document["matched_terms"][0]["snippet"] == identity.without_contact_details(quote)


def _every_get(client: FlaskClient, campaign: Campaign, tokens: Tokens) -> dict[str, str]:
    vacancy = campaign.vacancy.id
    public = [
        "/api/v1/vacancies",
        f"/api/v1/vacancies/{vacancy}",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ]
    team = [
        "/api/v1/team/vacancies",
        f"/api/v1/team/vacancies/{vacancy}",
        f"/api/v1/team/vacancies/{vacancy}/applications",
        f"/api/v1/team/vacancies/{vacancy}/ranked",
        f"/api/v1/team/vacancies/{vacancy}/ranked?page=2",
    ]
    seen = {url: client.get(url).get_data(as_text=True) for url in public}
    for secret in (tokens.reviewer, tokens.admin):
        for url in team:
            response = client.get(url, headers=bearer(secret))
            assert response.status_code == 200, url
            seen[f"{url} ({secret[:8]})"] = response.get_data(as_text=True)
    moved = _move(client, tokens.reviewer, campaign.others[2].reference, to_stage="longlisted")
    seen["stage change"] = moved.get_data(as_text=True)
    return seen


def test_no_monitoring_answer_is_in_any_response(
    client: FlaskClient, tokens: Tokens, planted: Campaign
) -> None:
    keys = db.session.execute(db.select(MonitoringResponse.subject_key)).scalars().all()
    assert keys
    seen = _every_get(client, planted, tokens)
    report = client.get("/api/v1/team/reports/diversity", headers=bearer(tokens.admin))
    assert report.status_code == 200
    for where, text in [*seen.items(), ("report", report.get_data(as_text=True))]:
        assert PLANTED not in text, where
        assert not [key for key in keys if key in text], where
    # Outside the report's published tables, not even a monitoring answer's name or label.
    for where, text in seen.items():
        for value in [*MONITORING.values(), *MONITORING_LABELS]:
            assert value not in text, (where, value)


def test_the_report_is_the_published_tables_the_downloads_use(
    app: Flask, client: FlaskClient, tokens: Tokens, planted: Campaign
) -> None:
    scope_args = f"?vacancy_id={planted.vacancy.id}"
    response = client.get(
        "/api/v1/team/reports/diversity" + scope_args, headers=bearer(tokens.admin)
    )
    body = response.get_json()
    from nedmatch.diversity import Scope

    policy = reporting.service_policy()
    expected = list(
        tidy_rows(reporting.diversity_report(Scope(vacancy_id=planted.vacancy.id), policy))
    )
    assert body["rows"] == expected
    # Twelve applicants share one set of answers: every answer row is withheld or noised,
    # as in the download, never a count of one person.
    assert body["rows"] and all(set(row) == set(expected[0]) for row in body["rows"])
    event = db.session.execute(
        db.select(AuditEvent).filter_by(action="report_downloaded")
    ).scalar_one()
    assert event.detail["format"] == "json"
    assert_problem(
        client.get("/api/v1/team/reports/diversity?vacancy_id=x", headers=bearer(tokens.admin)), 422
    )
