"""Boards and succession: the sitting board and its skills matrix, the terms ending in 6,
12 and 18 months, the draft vacancy from a term ending with the board's gaps filled in,
the appointee seated on appointment (and unseated if it is moved back), the national
support package on the advert, and the annual FPPT reminders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    AuditEvent,
    BoardMember,
    FpptReminder,
    Organisation,
    TeamUser,
    Vacancy,
)
from nedmatch.services import matching
from nedmatch.services.boards import members, seating, succession
from nedmatch.services.fppt import due
from tests.appointments.test_sift import ACCOUNTANT, make_applicant, set_stage
from tests.conftest import error_summary, page_text, parse_page, sign_in
from tests.factories import complete_fppt, make_organisation, make_vacancy

TODAY = date.today()


def member(
    organisation: Organisation,
    name: str,
    role: str = "ned",
    *,
    months_left: int | None = 24,
    skills: tuple[str, ...] = (),
    started_years_ago: int = 2,
    term_number: int = 1,
) -> BoardMember:
    end = TODAY + relativedelta(months=months_left) if months_left is not None else None
    item = BoardMember(
        organisation_id=organisation.id,
        name=name,
        role=role,
        # A three-year term, or an executive's open-ended post.
        term_start=end - relativedelta(years=3)
        if end
        else TODAY - relativedelta(years=started_years_ago),
        term_end=end,
        term_number=term_number,
        skill_areas=list(skills),
        domains=["governance"],
    )
    db.session.add(item)
    db.session.flush()
    return item


@pytest.fixture
def board(app: Flask) -> Organisation:
    """A board of six: an audit chair who alone brings accountancy, whose term ends in four
    months; a clinical NED ending in ten; a NED ending in fifteen; a chair ending in three
    years; and two executives."""
    organisation = make_organisation()
    member(
        organisation,
        "Asha Patel",
        "audit-chair",
        months_left=4,
        skills=("accountancy", "audit-risk"),
    )
    member(organisation, "Ben Clarke", "clinical-ned", months_left=10, skills=("clinical-nursing",))
    member(organisation, "Cara Jones", "ned", months_left=15, skills=("digital",))
    member(organisation, "Dev Shah", "chair", months_left=36, skills=("business",))
    member(organisation, "Eve Hart", "executive", months_left=None, skills=("finance",))
    member(organisation, "Finn Ray", "executive", months_left=None, skills=("hr",))
    db.session.commit()
    return organisation


def test_terms_ending_fall_in_the_6_12_and_18_month_bands(board: Organisation) -> None:
    ending = succession.terms_ending(TODAY)
    assert [(e.member.name, e.band) for e in ending] == [
        ("Asha Patel", 6),
        ("Ben Clarke", 12),
        ("Cara Jones", 18),
    ]
    # Executives have no term; the chair's ends beyond 18 months.
    audit_chair = ending[0]
    assert audit_chair.losing == ["Accountancy", "Audit and risk"]
    assert audit_chair.can_reappoint


def test_a_member_in_a_second_term_cannot_be_reappointed_beyond_six_years(
    board: Organisation,
) -> None:
    veteran = member(board, "Gail Fox", months_left=3, started_years_ago=3, term_number=2)
    veteran.first_appointed = veteran.term_start - relativedelta(years=3)
    db.session.commit()
    found = {e.member.name: e for e in succession.terms_ending(TODAY)}
    assert not found["Gail Fox"].can_reappoint
    assert found["Cara Jones"].can_reappoint


def test_the_skills_matrix_is_the_sitting_boards(board: Organisation) -> None:
    sitting = members.sitting(board, TODAY)
    matrix = succession.skills_matrix(sitting)
    assert matrix["accountancy"] == 1 and matrix["governance"] == 6 and matrix["hr"] == 1
    assert succession.core_gaps(sitting) == []
    without_audit_chair = [m for m in sitting if m.name != "Asha Patel"]
    # The finance executive does not count: the Code asks it of a non-executive.
    assert succession.core_gaps(without_audit_chair) == ["Recent, relevant financial experience"]


def test_the_vacancy_from_a_term_ending_carries_the_boards_gaps(
    client: FlaskClient, admin: TeamUser, board: Organisation
) -> None:
    leaving = db.session.execute(db.select(BoardMember).filter_by(name="Asha Patel")).scalar_one()
    sign_in(client, admin)
    response = client.post(f"/team/succession/{leaving.id}/vacancy")
    assert response.status_code == 302
    vacancy = db.session.get(Vacancy, db.session.get(BoardMember, leaving.id).successor_vacancy_id)
    assert response.location == f"/team/vacancies/{vacancy.id}/edit"
    assert vacancy.status == "draft"
    assert vacancy.role_type == "audit-chair" and vacancy.organisation_id == board.id
    assert vacancy.skill_areas == ["accountancy", "audit-risk"]
    # The rest of the board as the matrix: what the leaving member held is not in it.
    assert vacancy.board_skills == {
        "clinical-nursing": 1,
        "digital": 1,
        "business": 1,
        "finance": 1,
        "hr": 1,
    }
    assert (
        "A professional accountancy qualification (CCAB or equivalent)"
        in vacancy.essential_criteria
    )
    assert "Senior experience in accountancy" in vacancy.desirable_criteria
    assert (
        "Asha Patel's term as non-executive director (audit committee chair) ends"
        in vacancy.description
    )
    # The succession page now links to it instead of offering another.
    page = client.get("/team/succession")
    assert f"/team/vacancies/{vacancy.id}" in page.get_data(as_text=True)
    again = client.post(f"/team/succession/{leaving.id}/vacancy", follow_redirects=True)
    assert "already exists" in page_text(again)
    assert db.session.execute(db.select(db.func.count(Vacancy.id))).scalar_one() == 1


def test_reviewers_read_boards_but_cannot_change_them(
    client: FlaskClient, reviewer: TeamUser, board: Organisation
) -> None:
    sign_in(client, reviewer)
    page = client.get(f"/team/boards/{board.id}")
    assert page.status_code == 200
    text = page_text(page)
    assert "Asha Patel" in text and "Ends within 6 months" in text
    assert "Add a board member" not in text
    assert client.get("/team/succession").status_code == 200
    leaving = db.session.execute(db.select(BoardMember).filter_by(name="Asha Patel")).scalar_one()
    assert client.post(f"/team/succession/{leaving.id}/vacancy").status_code == 403
    assert client.get(f"/team/boards/{board.id}/members/new").status_code == 403


def _member_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Hana Ito",
        "role": "ned",
        "title": "",
        "term_start-day": "1",
        "term_start-month": "4",
        "term_start-year": "2025",
        "term_end-day": "31",
        "term_end-month": "3",
        "term_end-year": "2028",
        "term_number": "1",
        "skill_areas": "legal",
        "committees": "audit",
    }
    data.update(overrides)
    return data


def test_adding_a_member_checks_the_dates_and_keeps_what_was_typed(
    client: FlaskClient, admin: TeamUser, board: Organisation
) -> None:
    sign_in(client, admin)
    url = f"/team/boards/{board.id}/members/new"
    bad = client.post(url, data=_member_form(**{"term_end-year": "2024"}))
    assert ("#role", "The term must end after it starts. Check the two dates.") in error_summary(
        bad
    )
    assert 'value="Hana Ito"' in bad.get_data(as_text=True)
    no_end = client.post(
        url, data=_member_form(**{"term_end-day": "", "term_end-month": "", "term_end-year": ""})
    )
    assert any("Enter the date the term ends" in m for _, m in error_summary(no_end))
    chairs_elsewhere = client.post(url, data={**_member_form(), "chairs": "quality"})
    assert any(
        "only chair a committee they sit on" in m for _, m in error_summary(chairs_elsewhere)
    )
    done = client.post(url, data=_member_form())
    assert done.status_code == 302
    added = db.session.execute(db.select(BoardMember).filter_by(name="Hana Ito")).scalar_one()
    assert added.term_end == date(2028, 3, 31) and added.committees == ["audit"]
    assert db.session.execute(
        db.select(AuditEvent).filter_by(action="board_member_added", object_id=str(added.id))
    ).scalar_one()


def test_recording_a_member_leaving_takes_them_off_the_board(
    client: FlaskClient, admin: TeamUser, board: Organisation
) -> None:
    leaving = db.session.execute(db.select(BoardMember).filter_by(name="Cara Jones")).scalar_one()
    sign_in(client, admin)
    url = f"/team/boards/members/{leaving.id}/leave"
    missing = client.post(url, data={"reason": ""})
    assert [m for _, m in error_summary(missing)] == [
        "Enter the date the member leaves the board",
        "Enter why the member leaves the board",
    ]
    client.post(
        url,
        data={
            "left_on-day": str(TODAY.day),
            "left_on-month": str(TODAY.month),
            "left_on-year": str(TODAY.year),
            "reason": "Resigned",
        },
    )
    assert "Cara Jones" not in [m.name for m in members.sitting(board, TODAY)]
    assert "Cara Jones" in [m.name for m in members.sitting(board, TODAY - timedelta(days=1))]


@pytest.fixture
def unfitted(app: Flask, tmp_path: Path) -> Iterator[None]:
    app.config["MODEL_FOLDER"] = str(tmp_path / "model")
    matching.forget(app)
    yield
    matching.forget(app)
    app.config.pop("MODEL_FOLDER")


def test_appointing_seats_the_appointee_after_the_member_they_succeed(
    client: FlaskClient, admin: TeamUser, board: Organisation, unfitted: None
) -> None:
    leaving = db.session.execute(db.select(BoardMember).filter_by(name="Asha Patel")).scalar_one()
    vacancy = succession.draft_successor("test", leaving, TODAY)
    vacancy.status = "open"
    application = make_applicant(vacancy, ACCOUNTANT)
    for step in ("longlisted", "shortlisted", "interview", "recommended"):
        set_stage(application, step)
    complete_fppt(application)
    db.session.commit()
    sign_in(client, admin)
    client.post(f"/team/applications/{application.reference}", data={"move-to_stage": "appointed"})
    seat = seating.seat_of(db.session.get(Application, application.id))
    assert seat is not None
    assert seat.name == application.candidate.full_name
    assert seat.role == "audit-chair" and seat.skill_areas == [
        "accountancy",
        "audit-risk",
        "finance",
    ]
    assert seat.term_start == leaving.term_end + timedelta(days=1)
    assert seat.term_end == seat.term_start + relativedelta(years=3)
    assert db.session.get(BoardMember, leaving.id).left_on == seat.term_start
    # The board page shows them joining; the succession page no longer offers the vacancy.
    assert "Appointed, not yet started" in page_text(client.get(f"/team/boards/{board.id}"))
    # Moved back (an administrator's correction): the seat goes, the member stays.
    client.post(
        f"/team/applications/{application.reference}",
        data={"move-to_stage": "recommended", "move-reason": "Appointment recorded in error"},
    )
    assert seating.seat_of(db.session.get(Application, application.id)) is None
    assert db.session.get(BoardMember, leaving.id).left_on is None


def test_the_advert_shows_the_support_package_of_an_organisation_in_national_support(
    client: FlaskClient, admin: TeamUser, board: Organisation
) -> None:
    sign_in(client, admin)
    url = f"/team/boards/{board.id}/support"
    refused = client.post(url, data={"challenged": "y", "support_programme": ""})
    assert ("#support_programme", "Enter the programme the organisation is in") in error_summary(
        refused
    )
    client.post(
        url,
        data={
            "challenged": "y",
            "support_programme": "Recovery Support Programme",
            "support_since-day": "1",
            "support_since-month": "6",
            "support_since-year": "2026",
            "support_package": "A mentor who chairs a recovered trust, and two extra paid days a month.",
        },
    )
    organisation = db.session.get(Organisation, board.id)
    assert organisation.challenged and organisation.support_since == date(2026, 6, 1)
    vacancy = make_vacancy(organisation, status="open")
    db.session.commit()
    advert = page_text(client.get(f"/vacancies/{vacancy.id}"))
    assert "This organisation is in the Recovery Support Programme (since 1 June 2026)" in advert
    assert "A mentor who chairs a recovered trust, and two extra paid days a month." in advert


def test_annual_re_check_reminders_go_once_per_due_date(
    app: Flask, runner: object, outbox: list, board: Organisation, admin: TeamUser
) -> None:
    vacancy = make_vacancy(board, status="closed")
    application = make_applicant(vacancy, ACCOUNTANT)
    set_stage(application, "appointed")
    application.stage_changes[-1].at = application.stage_changes[-1].at - timedelta(days=350)
    complete_fppt(application, on=TODAY - timedelta(days=352))
    db.session.commit()
    assert [d.application.id for d in due.due(TODAY)] == [application.id]
    result = runner.invoke(args=["fppt", "remind"])  # type: ignore[attr-defined]
    assert (
        "Reminded 1 board member; sent the list of re-checks due to 1 administrator."
        in result.output
    )
    to_member = [m for m in outbox if m.to == application.candidate.email]
    assert [m.subject for m in to_member] == ["Your annual fit and proper person check is due"]
    assert application.reference in [m for m in outbox if m.to == admin.email][0].body
    again = runner.invoke(args=["fppt", "remind"])  # type: ignore[attr-defined]
    assert "Reminded 0 board members" in again.output
    assert db.session.execute(db.select(db.func.count(FpptReminder.id))).scalar_one() == 1
    # The board page shows who is due.
    browser = app.test_client()
    sign_in(browser, admin)
    due_list = parse_page(browser.get(f"/team/boards/{board.id}")).get_element_by_id(
        "board-fppt-due"
    )
    assert application.candidate.full_name in due_list.text_content()


def test_population_and_workforce_figures_are_an_administrators_report_setting(
    app: Flask, client: FlaskClient, admin: TeamUser, reviewer: TeamUser, board: Organisation
) -> None:
    url = f"/team/reports/boards/{board.id}/figures"
    panel = app.test_client()
    sign_in(panel, reviewer)
    assert panel.get(url).status_code == 403
    sign_in(client, admin)
    unsourced = client.post(url, data={"workforce_minority_ethnic_pct": "31.5"})
    assert ("#figures_source", "Enter where the figures come from") in error_summary(unsourced)
    out_of_range = client.post(url, data={"workforce_women_pct": "140", "figures_source": "WRES"})
    assert any("from 0 to 100" in m for _, m in error_summary(out_of_range))
    saved = client.post(
        url, data={"workforce_minority_ethnic_pct": "31.5", "figures_source": "WRES 2025"}
    )
    assert saved.status_code == 302
    assert db.session.get(Organisation, board.id).workforce_minority_ethnic_pct == 31.5


def test_a_vacancy_without_a_matrix_of_its_own_ranks_against_the_recorded_board(
    board: Organisation,
) -> None:
    from nedmatch.services.matching import vacancy_profile

    plain = make_vacancy(board, board_skills={})
    assert vacancy_profile(plain).board_skills == {
        "accountancy": 1,
        "audit-risk": 1,
        "clinical-nursing": 1,
        "digital": 1,
        "business": 1,
        "finance": 1,
        "hr": 1,
    }
    typed = make_vacancy(board, title="Typed", board_skills={"legal": 2})
    assert vacancy_profile(typed).board_skills == {"legal": 2}
