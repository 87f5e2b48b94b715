"""The team's list of vacancies: keyword search, filters, sort and pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Organisation, TeamUser, Vacancy
from nedmatch.services.campaigns import listing
from tests.appointments.test_sift import OTHERS, make_applicant
from tests.conftest import make_organisation, make_vacancy, parse_page, sign_in

TODAY = date.today()


@pytest.fixture
def reviewer_client(client: FlaskClient, reviewer: TeamUser) -> FlaskClient:
    sign_in(client, reviewer)
    return client


@pytest.fixture
def board(app: Flask) -> dict[str, Vacancy]:
    leeds = make_organisation(name="Leeds Teaching Hospitals NHS Trust")
    bradford = make_organisation(name="Bradford District Care NHS Foundation Trust")
    plain = "The board wants a non-executive director."
    made = {
        "audit": make_vacancy(
            leeds,
            title="Chair of the audit committee",
            role_type="audit-chair",
            description=plain,
        ),
        "digital": make_vacancy(
            bradford,
            title="Non-executive director (digital)",
            role_type="ned",
            description="Lead the board's oversight of the electronic patient record.",
            closes_on=TODAY + timedelta(days=5),
        ),
        "chair": make_vacancy(
            leeds,
            title="Chair",
            role_type="chair",
            status="draft",
            description=plain,
            closes_on=TODAY + timedelta(60),
        ),
        "old": make_vacancy(
            bradford,
            title="Non-executive director (finance)",
            role_type="ned",
            status="closed",
            description=plain,
            closes_on=TODAY - timedelta(days=30),
        ),
    }
    db.session.commit()
    return made


def titles(client: FlaskClient, **args: str) -> list[str]:
    response = client.get("/team/", query_string=args)
    assert response.status_code == 200
    page = parse_page(response)
    return [a.text_content() for a in page.xpath("//table//td[1]//a")]


def test_keywords_search_title_organisation_and_description(
    reviewer_client: FlaskClient, board: dict[str, Vacancy]
) -> None:
    assert titles(reviewer_client, q="audit") == ["Chair of the audit committee"]
    # Every word must match somewhere: organisation and description both count.
    assert titles(reviewer_client, q="bradford patient record") == [
        "Non-executive director (digital)"
    ]
    assert sorted(titles(reviewer_client, q="LEEDS")) == ["Chair", "Chair of the audit committee"]
    # Characters that mean something to SQL LIKE are searched for as themselves.
    assert titles(reviewer_client, q="100%") == []
    assert titles(reviewer_client, q="_") == []


def test_filters_and_the_count_say_what_matched(
    reviewer_client: FlaskClient, board: dict[str, Vacancy]
) -> None:
    assert titles(reviewer_client, status="draft") == ["Chair"]
    assert sorted(titles(reviewer_client, role="ned")) == [
        "Non-executive director (digital)",
        "Non-executive director (finance)",
    ]
    page = parse_page(reviewer_client.get("/team/", query_string={"q": "zebra"}))
    assert "0 of 4 vacancies match" in page.text_content()
    assert "No vacancies match" in page.text_content()
    # Nonsense choices are ignored rather than failing.
    assert len(titles(reviewer_client, status="lost", role="x", sort="y", page="z")) == 4


def test_sorts(reviewer_client: FlaskClient, board: dict[str, Vacancy]) -> None:
    # Open first, soonest closing first; then the rest.
    closing = titles(reviewer_client)
    assert closing[:2] == ["Non-executive director (digital)", "Chair of the audit committee"]
    assert titles(reviewer_client, sort="title") == sorted(closing, key=str.lower)
    for career in OTHERS[:3]:
        make_applicant(board["old"], career)
    make_applicant(board["chair"], OTHERS[0])
    db.session.commit()
    assert titles(reviewer_client, sort="applications")[:2] == [
        "Non-executive director (finance)",
        "Chair",
    ]


def test_the_list_is_paged(app: Flask) -> None:
    organisation: Organisation = make_organisation()
    for n in range(7):
        make_vacancy(organisation, title=f"Vacancy {n}")
    db.session.commit()
    first = listing.vacancy_list(listing.ListFilters(sort="title"), page_size=3)
    last = listing.vacancy_list(listing.ListFilters(sort="title", page=9), page_size=3)
    assert (first.found, first.pages, len(first.vacancies)) == (7, 3, 3)
    assert (last.page, [v.title for v in last.vacancies]) == (3, ["Vacancy 6"])
