"""The talent pool as the team sees it: members who agreed to be matched, by pool number,
filtered by what they told us; and a blind profile that gives away neither who they are
nor which applications are theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, TeamUser
from nedmatch.services.sift.invitations import pool_label
from tests.appointments.test_sift import (
    ACCOUNTANT,
    MONITORING_LABELS,
    OTHERS,
    Campaign,
    campaign,  # noqa: F401 - a fixture
    listed,
    make_applicant,
    make_candidate,
)
from tests.conftest import make_vacancy, page_text, parse_page, sign_in

__all__ = ["Path"]


@pytest.fixture
def reviewer_client(client: FlaskClient, reviewer: TeamUser) -> FlaskClient:
    sign_in(client, reviewer)
    return client


def pool_numbers(client: FlaskClient, **args: object) -> set[str]:
    response = client.get("/team/pool", query_string=args)
    assert response.status_code == 200
    return {a.text_content() for a in parse_page(response).xpath("//table//td[1]//a")}


def test_the_pool_lists_members_who_agreed_to_be_matched(
    app: Flask, reviewer_client: FlaskClient
) -> None:
    agreed = make_candidate(ACCOUNTANT)
    refused = make_candidate(ACCOUNTANT, consent=False)
    erased = make_candidate(OTHERS[0])
    erased.erased_at = erased.created_at
    db.session.commit()

    shown = pool_numbers(reviewer_client)

    assert pool_label(agreed.public_id) in shown
    assert pool_label(refused.public_id) not in shown
    assert pool_label(erased.public_id) not in shown
    text = page_text(reviewer_client.get("/team/pool"))
    for secret in (agreed.first_name, agreed.last_name, agreed.email, *MONITORING_LABELS):
        assert secret not in text


def test_filters_narrow_the_pool(app: Flask, reviewer_client: FlaskClient) -> None:
    finance = make_candidate(ACCOUNTANT)  # skills: accountancy, audit-risk, ...
    nurse = make_candidate(OTHERS[0])
    nurse.willing_challenged = False
    db.session.commit()
    both = {pool_label(finance.public_id), pool_label(nurse.public_id)}

    assert pool_numbers(reviewer_client) == both
    assert pool_numbers(reviewer_client, skill=ACCOUNTANT[2][:1]) == {pool_label(finance.public_id)}
    assert pool_numbers(reviewer_client, skill=ACCOUNTANT[2][:2]) == {pool_label(finance.public_id)}
    assert pool_numbers(reviewer_client, challenged="no") == {pool_label(nurse.public_id)}
    assert pool_numbers(reviewer_client, region=finance.region) == {pool_label(finance.public_id)}
    assert pool_numbers(reviewer_client, board=nurse.board_experience) == {
        pool_label(nurse.public_id)
    }
    # Nonsense is ignored, not an error.
    assert pool_numbers(reviewer_client, region="atlantis", skill="juggling", page="x") == both
    text = page_text(reviewer_client.get("/team/pool", query_string={"challenged": "no"}))
    assert "1 of 2 members match the filters." in text


def test_the_profile_is_blind_and_records_who_looked(
    app: Flask, reviewer_client: FlaskClient, reviewer: TeamUser
) -> None:
    vacancy = make_vacancy()
    application = make_applicant(vacancy, ACCOUNTANT)
    member: Candidate = application.candidate
    db.session.commit()

    response = reviewer_client.get(f"/team/pool/{member.public_id}")

    assert response.status_code == 200
    text = page_text(response)
    assert pool_label(member.public_id) in text
    assert "Chartered accountant (ICAEW)" in text  # their own words, with identity taken out
    assert "I chaired a board committee for four years." in text
    for secret in (
        member.first_name,
        member.last_name,
        member.email,
        member.phone,
        member.postcode,
        *MONITORING_LABELS,
    ):
        assert secret not in text, secret
    # The application is counted, never named: its reference would tie this profile to a
    # sift that may still be blind (or, once revealed in one campaign, un-blind another).
    assert "Applications submitted: 1." in text
    assert application.reference not in response.get_data(as_text=True)
    [event] = db.session.execute(
        db.select(AuditEvent).filter_by(action="pool_profile_viewed")
    ).scalars()
    assert (event.actor, event.object_id) == (f"team:{reviewer.id}", str(member.id))


def test_a_profile_the_team_may_not_see_is_not_found(
    app: Flask, reviewer_client: FlaskClient
) -> None:
    refused = make_candidate(ACCOUNTANT, consent=False)
    db.session.commit()
    for public_id in (refused.public_id, "nobody", "x" * 40, "../etc"):
        assert reviewer_client.get(f"/team/pool/{public_id}").status_code == 404


def test_the_profile_needs_a_team_sign_in(app: Flask, client: FlaskClient) -> None:
    member = make_candidate(ACCOUNTANT)
    db.session.commit()
    response = client.get(f"/team/pool/{member.public_id}")
    assert response.status_code in (302, 401, 403)
    assert member.career_summary[:20] not in response.get_data(as_text=True)


def test_the_vacancy_pool_search_takes_the_same_filters(
    reviewer_client: FlaskClient,
    campaign: Campaign,  # noqa: F811
) -> None:
    url = f"/team/vacancies/{campaign.vacancy.id}/pool"
    everyone = reviewer_client.get(url)
    offered = set(parse_page(everyone).xpath("//input[@name='candidate_id']/@value"))
    assert offered == {str(c.id) for c in campaign.pool}

    nurse = campaign.pool[2]
    narrowed = reviewer_client.get(url, query_string={"skill": OTHERS[0][2][:1]})
    offered = set(parse_page(narrowed).xpath("//input[@name='candidate_id']/@value"))
    assert offered == {str(nurse.id)}
    # Each pool number links to the member's profile.
    links = parse_page(narrowed).xpath("//table//td[2]//a/@href")
    assert links and links[0].startswith(f"/team/pool/{nurse.public_id}")
    assert listed  # the ranked list helper is shared with the sift tests
