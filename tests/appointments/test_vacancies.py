"""An administrator creates, edits, opens and closes vacancies; the public sees open ones."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from nedmatch.dates import long_date
from nedmatch.domain import COMPETENCY_DOMAINS
from nedmatch.extensions import db
from nedmatch.matching.profiles import DEFAULT_PART_WEIGHTS
from nedmatch.models import AuditEvent, Organisation, TeamUser, Vacancy
from tests.conftest import (
    assert_field_error,
    error_summary,
    form_values,
    make_organisation,
    make_vacancy,
    page_text,
    parse_page,
    sign_in,
)

TODAY = date.today()


@pytest.fixture
def organisation(app: Flask) -> Organisation:
    organisation = make_organisation(name="Bradford District Care NHS Foundation Trust")
    db.session.commit()
    return organisation


@pytest.fixture
def admin_client(client: FlaskClient, admin: TeamUser) -> FlaskClient:
    sign_in(client, admin)
    return client


def dated(name: str, day: date | None) -> dict[str, str]:
    """A date as the NHS.UK date input posts it: three boxes."""
    if day is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def vacancy_form(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "title": "Non-executive director with digital experience",
        "organisation_id": str(organisation.id),
        "role_type": "ned",
        "description": "The board wants a non-executive director to lead on digital change.",
        "essential_criteria": "Senior leadership of digital change\n- Board-level experience",
        "desirable_criteria": "Experience of health or care services",
        "skill_areas": ["digital", "transformation"],
        "location_requirement": "region",
        "location_detail": "Bradford and Craven",
        "time_commitment": "3 days a month",
        "time_commitment_days": "3",
        "pay": "13000",
        "term_years": "3",
        **dated("opens_on", TODAY),
        **dated("closes_on", TODAY + timedelta(days=28)),
        **{f"weight_{slug}": "3" for slug in COMPETENCY_DOMAINS},
        "weight_strategy": "5",
        "board_skills": ["accountancy", "clinical-nursing"],
        **{f"part_{part}": str(round(100 * w)) for part, w in DEFAULT_PART_WEIGHTS.items()},
        # As sent from the summary page, where the team checked it (the summary's own tests
        # post without it).
        "confirmed": "yes",
    }
    form.update(changes)
    return form


def audit(action: str) -> list[AuditEvent]:
    return (
        db.session.execute(db.select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id))
        .scalars()
        .all()
    )


def test_an_admin_creates_a_vacancy_as_a_draft(
    admin_client: FlaskClient, admin: TeamUser, organisation: Organisation
) -> None:
    assert admin_client.get("/team/vacancies/new").status_code == 200

    response = admin_client.post("/team/vacancies/new", data=vacancy_form(organisation))

    assert response.status_code == 302, error_summary(response)
    vacancy = db.session.execute(db.select(Vacancy)).scalar_one()
    assert response.location == f"/team/vacancies/{vacancy.id}"
    assert vacancy.status == "draft"
    assert vacancy.organisation_id == organisation.id
    assert vacancy.essential_criteria == [
        "Senior leadership of digital change",
        "Board-level experience",
    ]
    assert vacancy.desirable_criteria == ["Experience of health or care services"]
    assert vacancy.skill_areas == ["digital", "transformation"]
    assert vacancy.domain_weights["strategy"] == 5.0
    assert vacancy.domain_weights["governance"] == 3.0
    assert (vacancy.pay, vacancy.term_years, vacancy.time_commitment_days) == (13000, 3, 3.0)
    assert vacancy.closes_on == TODAY + timedelta(days=28)
    page = page_text(admin_client.get(response.location))
    assert "It is a draft until you open it." in page
    [event] = audit("vacancy_created")
    assert event.actor == f"team:{admin.id}"
    assert event.object_id == str(vacancy.id)
    assert event.detail["title"] == vacancy.title


INVALID = [
    (
        {**dated("opens_on", TODAY), **dated("closes_on", TODAY - timedelta(days=1))},
        "closes_on",
        "The closing date must be on or after the opening date",
    ),
    (dated("closes_on", None), "closes_on", "Enter the closing date"),
    (
        {"closes_on-day": "31", "closes_on-month": "2", "closes_on-year": "2027"},
        "closes_on",
        "Closing date must be a real date",
    ),
    (
        {"opens_on-day": "3", "opens_on-month": "", "opens_on-year": "2027"},
        "opens_on",
        "Opening date must include a month",
    ),
    ({"essential_criteria": ""}, "essential_criteria", "Enter at least one essential criterion"),
    (
        {"essential_criteria": "\n".join(f"Criterion {n}" for n in range(16))},
        "essential_criteria",
        "Enter no more than 15 essential criteria",
    ),
    (
        {"desirable_criteria": "\n".join(f"Criterion {n}" for n in range(16))},
        "desirable_criteria",
        "Enter no more than 15 desirable criteria",
    ),
    ({"pay": "500001"}, "pay", "Pay must be between £0 and £500,000 a year"),
    ({"pay": "-1"}, "pay", "Pay must be between £0 and £500,000 a year"),
    ({"term_years": "6"}, "term_years", "Term must be between 1 and 5 years"),
    (
        {"time_commitment_days": "40"},
        "time_commitment_days",
        "Days a month must be between 0.5 and 31",
    ),
    ({"title": ""}, "title", "Enter a title"),
    ({"title": "T" * 201}, "title", "Title must be 200 characters or fewer"),
    ({"description": ""}, "description", "Describe the role"),
    ({"time_commitment": ""}, "time_commitment", "Enter the time commitment"),
]


@pytest.mark.parametrize(
    ("changes", "field", "message"), INVALID, ids=[f"{c[1]}-{i}" for i, c in enumerate(INVALID)]
)
def test_an_invalid_vacancy_is_shown_again_with_the_error(
    admin_client: FlaskClient,
    organisation: Organisation,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    data = vacancy_form(organisation, **changes)

    response = admin_client.post("/team/vacancies/new", data=data)

    if field in ("opens_on", "closes_on"):
        # The summary links to the first box with the problem; the message is by the boxes,
        # which keep what was typed.
        [(target, shown_message)] = error_summary(response)
        assert target.startswith(f"#{field}-") and shown_message == message
        error = parse_page(response).get_element_by_id(f"{field}-error")
        assert message in error.text_content()
        for box in ("day", "month", "year"):
            assert form_values(response)[f"{field}-{box}"] == data[f"{field}-{box}"]
    else:
        assert_field_error(response, field, message)
    assert db.session.execute(db.select(Vacancy)).first() is None
    assert audit("vacancy_created") == []
    shown = form_values(response)
    assert shown["title"] == data["title"].strip()
    assert shown["essential_criteria"] == data["essential_criteria"]


def test_the_edit_form_shows_the_vacancy_as_saved(
    admin_client: FlaskClient, vacancy: Vacancy
) -> None:
    shown = form_values(admin_client.get(f"/team/vacancies/{vacancy.id}/edit"))

    assert shown["title"] == vacancy.title
    assert shown["essential_criteria"].splitlines() == vacancy.essential_criteria
    assert shown["desirable_criteria"].splitlines() == vacancy.desirable_criteria
    assert shown.getlist("skill_areas") == vacancy.skill_areas
    assert shown["weight_governance"] == "5"
    assert shown["weight_outcomes"] == "3"
    assert shown["organisation_id"] == str(vacancy.organisation_id)
    assert (shown["closes_on-day"], shown["closes_on-month"], shown["closes_on-year"]) == (
        str(vacancy.closes_on.day),
        str(vacancy.closes_on.month),
        str(vacancy.closes_on.year),
    )


def test_an_admin_edits_a_vacancy(
    admin_client: FlaskClient, admin: TeamUser, vacancy: Vacancy
) -> None:
    data = form_values(admin_client.get(f"/team/vacancies/{vacancy.id}/edit"))
    data["title"] = "Chair of the audit and risk committee"
    data["essential_criteria"] += "\nA current professional accountancy qualification"
    data["confirmed"] = "yes"  # as the summary page sends it

    response = admin_client.post(f"/team/vacancies/{vacancy.id}/edit", data=data)

    assert response.status_code == 302, error_summary(response)
    assert response.location == f"/team/vacancies/{vacancy.id}"
    assert "Vacancy saved." in page_text(admin_client.get(response.location))
    edited = db.session.get(Vacancy, vacancy.id)
    assert edited.title == "Chair of the audit and risk committee"
    assert len(edited.essential_criteria) == 3
    assert edited.domain_weights["governance"] == 5.0  # unchanged answers stay as they were
    [event] = audit("vacancy_updated")
    assert event.actor == f"team:{admin.id}"
    assert (
        event.detail["before"]["title"] == "Non-executive director and chair of the audit committee"
    )
    assert event.detail["after"]["title"] == "Chair of the audit and risk committee"


def test_an_invalid_edit_changes_nothing(admin_client: FlaskClient, vacancy: Vacancy) -> None:
    data = form_values(admin_client.get(f"/team/vacancies/{vacancy.id}/edit"))
    data["pay"] = "600000"

    response = admin_client.post(f"/team/vacancies/{vacancy.id}/edit", data=data)

    assert_field_error(response, "pay", "Pay must be between £0 and £500,000 a year")
    assert db.session.get(Vacancy, vacancy.id).pay == 13000
    assert audit("vacancy_updated") == []


def test_an_admin_opens_and_closes_a_vacancy(
    admin_client: FlaskClient, admin: TeamUser, organisation: Organisation
) -> None:
    vacancy = make_vacancy(organisation, status="draft")
    assert admin_client.get(f"/vacancies/{vacancy.id}").status_code == 404

    response = admin_client.post(f"/team/vacancies/{vacancy.id}/status/open")

    assert response.location == f"/team/vacancies/{vacancy.id}"
    assert "Vacancy opened." in page_text(admin_client.get(response.location))
    assert db.session.get(Vacancy, vacancy.id).status == "open"
    assert vacancy.title in page_text(admin_client.get("/vacancies"))
    assert admin_client.get(f"/vacancies/{vacancy.id}").status_code == 200

    response = admin_client.post(f"/team/vacancies/{vacancy.id}/status/closed")

    assert "Vacancy closed." in page_text(admin_client.get(response.location))
    assert db.session.get(Vacancy, vacancy.id).status == "closed"
    assert vacancy.title not in page_text(admin_client.get("/vacancies"))
    opened, closed = audit("vacancy_opened"), audit("vacancy_closed")
    assert [(e.actor, e.detail["from_status"]) for e in opened] == [(f"team:{admin.id}", "draft")]
    assert [(e.actor, e.detail["from_status"]) for e in closed] == [(f"team:{admin.id}", "open")]


def test_a_vacancy_past_its_closing_date_cannot_be_opened(
    admin_client: FlaskClient, organisation: Organisation
) -> None:
    vacancy = make_vacancy(organisation, status="closed", closes_on=TODAY - timedelta(days=1))

    response = admin_client.post(f"/team/vacancies/{vacancy.id}/status/open")

    assert "The closing date has passed. Change the closing date before you open the vacancy." in (
        page_text(admin_client.get(response.location))
    )
    assert db.session.get(Vacancy, vacancy.id).status == "closed"
    assert audit("vacancy_opened") == []


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_a_vacancy_can_only_be_opened_or_closed(
    admin_client: FlaskClient, vacancy: Vacancy, status: str
) -> None:
    response = admin_client.post(f"/team/vacancies/{vacancy.id}/status/{status}")

    assert "A vacancy can only be opened or closed." in page_text(
        admin_client.get(response.location)
    )
    assert db.session.get(Vacancy, vacancy.id).status == "open"


def test_a_vacancy_that_does_not_exist_is_not_found(admin_client: FlaskClient) -> None:
    for response in (
        admin_client.get("/team/vacancies/999999"),
        admin_client.get("/team/vacancies/999999/edit"),
        admin_client.post("/team/vacancies/999999/status/open"),
    ):
        assert response.status_code == 404
        assert "Page not found" in page_text(response)


def test_the_public_list_shows_open_vacancies_only(client: FlaskClient, app: Flask) -> None:
    organisation = make_organisation()
    titles = {
        "open": make_vacancy(organisation, title="Open now"),
        "draft": make_vacancy(organisation, title="Still a draft", status="draft"),
        "closed": make_vacancy(organisation, title="Closed by the team", status="closed"),
        "past": make_vacancy(
            organisation, title="Past its closing date", closes_on=TODAY - timedelta(days=1)
        ),
        "future": make_vacancy(
            organisation, title="Opens next week", opens_on=TODAY + timedelta(days=7)
        ),
        "last-day": make_vacancy(organisation, title="Closes today", closes_on=TODAY),
    }

    listed = page_text(client.get("/vacancies"))

    shown = {key for key, vacancy in titles.items() if vacancy.title in listed}
    assert shown == {"open", "last-day"}


def test_a_draft_vacancy_is_not_found_by_the_public(client: FlaskClient, app: Flask) -> None:
    draft = make_vacancy(status="draft", title="Still a draft")

    for url in (f"/vacancies/{draft.id}", f"/vacancies/{draft.id}/apply"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Still a draft" not in page_text(response)
    assert (
        client.post(
            f"/vacancies/{draft.id}/apply", data={"email": "amara.okafor@example.com"}
        ).status_code
        == 404
    )


def test_the_team_dashboard_lists_every_vacancy_with_its_status(
    admin_client: FlaskClient, organisation: Organisation
) -> None:
    make_vacancy(organisation, title="Open now")
    make_vacancy(organisation, title="Still a draft", status="draft")

    text = page_text(admin_client.get("/team/"))

    assert "Open now" in text and "Still a draft" in text
    assert "Draft" in text and "Open" in text


def test_the_specification_sets_the_board_gaps_and_the_ranking_parts(
    admin_client: FlaskClient, organisation: Organisation
) -> None:
    response = admin_client.post(
        "/team/vacancies/new",
        data=vacancy_form(organisation, part_text="50", part_skills="5"),
    )
    assert response.status_code == 302, error_summary(response)
    vacancy = db.session.execute(db.select(Vacancy)).scalar_one()
    assert vacancy.board_skills == {"accountancy": 1, "clinical-nursing": 1}
    assert vacancy.part_weights["text"] == pytest.approx(0.5)
    assert sum(vacancy.part_weights.values()) == pytest.approx(1.0)


def test_ranking_parts_must_add_up_to_100(
    admin_client: FlaskClient, organisation: Organisation
) -> None:
    response = admin_client.post(
        "/team/vacancies/new", data=vacancy_form(organisation, part_text="30")
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        ("#part_text", "The parts of the ranking add up to 90%: change them so they add up to 100%")
    ]


def test_a_new_vacancy_starts_with_no_organisation_or_role_chosen(
    admin_client: FlaskClient, organisation: Organisation
) -> None:
    page = parse_page(admin_client.get("/team/vacancies/new"))

    for name, prompt in (
        ("organisation_id", "Choose an organisation"),
        ("role_type", "Choose a role"),
    ):
        [select] = page.xpath(f"//select[@name='{name}']")
        options = select.xpath("./option")
        assert (options[0].get("value"), options[0].text_content()) == ("", prompt)
        assert [o.text_content() for o in options if o.get("selected") is not None] == [prompt]
    # Sent as it stands, the form picks neither: no silent first choice.
    assert form_values(admin_client.get("/team/vacancies/new"))["organisation_id"] == ""


@pytest.mark.parametrize(
    ("field", "message"),
    [("organisation_id", "Select the organisation"), ("role_type", "Select the role")],
)
def test_an_organisation_and_a_role_must_be_chosen(
    admin_client: FlaskClient, organisation: Organisation, field: str, message: str
) -> None:
    response = admin_client.post(
        "/team/vacancies/new", data=vacancy_form(organisation, **{field: ""})
    )

    assert_field_error(response, field, message)
    assert (f"#{field}", message) in error_summary(response)
    assert db.session.execute(db.select(Vacancy)).first() is None


# The form in sections, and the summary checked before saving


def test_the_form_is_in_sections_with_a_contents_list(admin_client: FlaskClient) -> None:
    page = parse_page(admin_client.get("/team/vacancies/new"))
    contents = page.xpath("//nav[@aria-label='Sections of this form']//a")
    targets = [a.get("href") for a in contents]
    assert len(targets) == 7
    for target in targets:
        section = page.get_element_by_id(target.removeprefix("#"))
        assert section.tag == "section" and section.xpath(".//h2")


def test_the_team_checks_a_summary_before_the_vacancy_is_saved(
    admin_client: FlaskClient, organisation: Organisation
) -> None:
    data = vacancy_form(organisation)
    del data["confirmed"]

    check = admin_client.post("/team/vacancies/new", data=data)

    # Nothing is saved yet: the summary shows what was typed, worded as it will be used.
    assert check.status_code == 200
    assert db.session.execute(db.select(Vacancy)).first() is None
    text = page_text(check)
    assert "Check the vacancy before saving it" in text
    for shown in (
        "Non-executive director with digital experience",
        organisation.name,
        "Senior leadership of digital change",
        "Technology and digital",
        "£13,000 a year",
        "3 days a month",
        "Must live in or have strong links to the region",
        long_date(TODAY + timedelta(days=28)),
    ):
        assert shown in text, shown

    # "Change" goes back to the form, at its section, with everything typed still there.
    page = parse_page(check)
    change = page.xpath("//form[.//button[@name='change'][@value='criteria']]")[0]
    assert change.get("action").endswith("#criteria")
    carried = {i.get("name"): i.get("value") for i in change.xpath(".//input[@type='hidden']")}
    back = admin_client.post("/team/vacancies/new", data={**carried, "change": "criteria"})
    assert back.status_code == 200
    assert error_summary(back) == []
    again = form_values(back)
    assert again["title"] == "Non-executive director with digital experience"
    assert again["essential_criteria"].startswith("Senior leadership of digital change")
    assert db.session.execute(db.select(Vacancy)).first() is None

    # Saving from the summary saves exactly what was checked.
    save = page.xpath("//form[.//input[@name='confirmed']]")[0]
    posted = [(i.get("name"), i.get("value")) for i in save.xpath(".//input[@type='hidden']")]
    response = admin_client.post("/team/vacancies/new", data=MultiDict(posted))
    assert response.status_code == 302
    saved = db.session.execute(db.select(Vacancy)).scalar_one()
    assert saved.title == "Non-executive director with digital experience"
    assert saved.skill_areas == ["digital", "transformation"]
    assert saved.essential_criteria == [
        "Senior leadership of digital change",
        "Board-level experience",
    ]
