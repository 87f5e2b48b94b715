"""Records for the interview tests: a vacancy's interview times and candidates invited to
interview."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from flask import Flask

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import Application, InterviewSlot, StageChange, TeamUser, Vacancy
from nedmatch.services.interviews import slots
from tests.appointments.test_sift import ACCOUNTANT, make_applicant

# A week ahead: well past the 24-hour cut-off, whatever the time of the run.
SOON = date.today() + timedelta(days=7)


def add_slot(
    vacancy: Vacancy,
    user: TeamUser,
    *,
    day: date = SOON,
    at: time = time(14, 30),
    minutes: int = 60,
    capacity: int = 1,
    mode: str = "in_person",
    place: str = "Room 4, Trust Headquarters, St James's Hospital, Leeds LS9 7TF",
    instructions: str = "Ask for the board secretary at the main reception.",
) -> InterviewSlot:
    slot = slots.add(
        Actor.team(user),
        vacancy,
        slots.NewSlot(day, at, minutes, mode, place, instructions, capacity),
    )
    db.session.commit()
    return slot


def invited(vacancy: Vacancy) -> Application:
    """An applicant moved to interview (as the team's move would leave them)."""
    application = make_applicant(vacancy, ACCOUNTANT)
    application.stage_changes.append(StageChange(from_stage="shortlisted", to_stage="interview"))
    application.stage = "interview"
    db.session.commit()
    return application


@pytest.fixture
def slot(app: Flask, vacancy: Vacancy, reviewer: TeamUser) -> InterviewSlot:
    return add_slot(vacancy, reviewer)


@pytest.fixture
def candidate_app(app: Flask, vacancy: Vacancy) -> Application:
    return invited(vacancy)
