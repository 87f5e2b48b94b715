"""Record factories: a valid organisation, vacancy or team member in one call, with any
field overridden by keyword. They write through the app's session, so call them inside an
application context (the `app` fixture, or `LiveServer.run` in the browser tests).

tests/conftest.py re-exports them, and its `vacancy`, `reviewer` and `admin` fixtures are
made with them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    BoardMember,
    Cohort,
    Milestone,
    NearMissOffer,
    Organisation,
    Participant,
    Programme,
    TeamUser,
    Vacancy,
)
from nedmatch.services.platform.passwords import hash_password

TEAM_PASSWORD = "correct horse battery staple"


def make_organisation(**kwargs: Any) -> Organisation:
    values: dict[str, Any] = {
        "name": "Leeds Teaching Hospitals NHS Trust",
        "org_type": "trust",
        "region": "north-east-and-yorkshire",
        "challenged": False,
    }
    values.update(kwargs)
    organisation = Organisation(**values)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def make_vacancy(organisation: Organisation | None = None, **kwargs: Any) -> Vacancy:
    organisation = organisation or make_organisation()
    values: dict[str, Any] = {
        "organisation": organisation,
        "role_type": "audit-chair",
        "title": "Non-executive director and chair of the audit committee",
        "description": "The board needs a qualified accountant to chair its audit committee.",
        "essential_criteria": [
            "A professional accountancy qualification",
            "Recent and relevant financial experience",
        ],
        "desirable_criteria": ["Experience of chairing an audit committee"],
        "domain_weights": {"governance": 5.0},
        "skill_areas": ["accountancy", "audit-risk"],
        "location_requirement": "region",
        "time_commitment": "3 days a month",
        "time_commitment_days": 3.0,
        "pay": 13000,
        "term_years": 3,
        "opens_on": date.today() - timedelta(days=7),
        "closes_on": date.today() + timedelta(days=21),
        "status": "open",
    }
    values.update(kwargs)
    vacancy = Vacancy(**values)
    db.session.add(vacancy)
    db.session.commit()
    return vacancy


def make_team_user(role: str = "reviewer", email: str | None = None) -> TeamUser:
    user = TeamUser(
        email=email or f"{role}@nhs.example",
        name=f"Test {role}",
        role=role,
        password_hash=hash_password(TEAM_PASSWORD),
    )
    db.session.add(user)
    db.session.commit()
    return user


def complete_fppt(application: Application, on: date | None = None) -> None:
    """Every fit and proper person check of an application recorded as satisfactory, as
    the team does before appointing (the rule is tested in tests/fppt/)."""
    from nedmatch.models import FPPT_CHECKS, FpptCheck

    for kind in FPPT_CHECKS:
        db.session.add(
            FpptCheck(
                application_id=application.id,
                round=0,
                kind=kind,
                status="satisfactory",
                checked_on=on or date.today(),
                evidence="Checked for the test",
            )
        )
    db.session.flush()


def board_and_pipeline_records(application: Application) -> dict[str, int]:
    """A board member at the application's organisation, and the applicant on a placement
    with a milestone and an offer after interview: one of each record the board and
    pipeline pages show, for the sweeps over every team page. Returns their ids by the
    names the pages' URLs use."""
    from datetime import timedelta

    today = date.today()
    member = BoardMember(
        organisation_id=application.vacancy.organisation_id,
        name="Alex Morgan",
        role="ned",
        term_start=today - timedelta(days=900),
        term_end=today + timedelta(days=200),
    )
    programme = Programme(kind="placement", name="Placements")
    cohort = Cohort(
        programme=programme, name="2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 1)
    )
    participant = Participant(cohort=cohort, candidate=application.candidate, applied_on=today)
    milestone = Milestone(participant=participant, title="Observe a board", due_on=today)
    offer = NearMissOffer(application=application, kind="pool", offered_on=today)
    db.session.add_all([member, programme, cohort, participant, milestone, offer])
    db.session.commit()
    return {
        "member_id": member.id,
        "programme_id": programme.id,
        "cohort_id": cohort.id,
        "participant_id": participant.id,
        "milestone_id": milestone.id,
        "offer_id": offer.id,
    }
