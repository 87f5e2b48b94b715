"""A tiny campaign made through the models, small enough to count by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import (
    PROGRESS_STAGES,
    Application,
    Candidate,
    StageChange,
    TeamUser,
    Vacancy,
)
from nedmatch.services.applications import monitoring
from tests.conftest import make_organisation, make_vacancy, sign_in

APPLIED_AT = datetime(2025, 5, 1, 10, 0)


def make_person(
    vacancy: Vacancy | None,
    furthest: str | None,
    final: str | None = None,
    answers: dict[str, str] | None = None,
    region: str = "north-east-and-yorkshire",
    applied_at: datetime = APPLIED_AT,
    in_pool: bool = True,
) -> Candidate:
    """A candidate with monitoring answers and, for a vacancy, an application whose
    history runs through every stage up to ``furthest``, then to ``final`` if given."""
    count = db.session.execute(db.select(db.func.count()).select_from(Candidate)).scalar_one()
    candidate = Candidate(
        email=f"person{count + 1}@example.com",
        first_name="Test",
        last_name=f"Person{count + 1}",
        region=region,
        in_pool=in_pool,
    )
    db.session.add(candidate)
    db.session.flush()
    if answers:
        monitoring.save_answers(candidate.id, answers)
    if vacancy is not None and furthest is not None:
        application = Application(candidate=candidate, vacancy=vacancy, stage=furthest)
        db.session.add(application)
        if furthest != "draft":
            application.submitted_at = applied_at
            at, previous = applied_at, "draft"
            for stage in PROGRESS_STAGES[: PROGRESS_STAGES.index(furthest) + 1]:
                application.stage_changes.append(
                    StageChange(from_stage=previous, to_stage=stage, at=at)
                )
                previous, at = stage, at + timedelta(days=2)
            if final:
                application.stage_changes.append(
                    StageChange(from_stage=previous, to_stage=final, at=at)
                )
                application.stage = final
    db.session.flush()
    return candidate


def people(count: int, *args: Any, **kwargs: Any) -> list[Candidate]:
    return [make_person(*args, **kwargs) for _ in range(count)]


@dataclass
class Campaign:
    vacancy: Vacancy
    other: Vacancy


@pytest.fixture
def campaign(app: Flask) -> Campaign:
    """Sex by furthest stage in the vacancy (hand-counted in test_reporting.py):

    female: 6 applied only (not progressed), 2 shortlisted then withdrew,
            2 appointed                                     -> 10 applied
    male:   5 longlisted (not progressed), 2 recommended (counts as interviewed)
                                                            -> 7 applied
    plus 1 draft (never counted), 3 pool members who have not applied (male,
    in London), and 4 applicants to another organisation's vacancy in 2024.
    """
    vacancy = make_vacancy(title="Non-executive director, finance")
    london = make_organisation(name="Barts Health NHS Trust", region="london")
    other = make_vacancy(organisation=london, title="Chair", opens_on=None, closes_on=None)
    female, male = {"sex": "female"}, {"sex": "male"}
    people(6, vacancy, "applied", "rejected", female)
    people(2, vacancy, "shortlisted", "withdrawn", female)
    people(2, vacancy, "appointed", None, female)
    people(5, vacancy, "longlisted", "rejected", male)
    people(2, vacancy, "recommended", None, male)
    make_person(vacancy, "draft", answers=female, in_pool=False)
    people(3, None, None, answers=male, region="london")
    people(4, other, "applied", None, female, applied_at=datetime(2024, 6, 1))
    db.session.commit()
    return Campaign(vacancy=vacancy, other=other)


# The bias audit's pages and its publication: an administrator signed in, and exact figures.
@pytest.fixture
def team(client: FlaskClient, admin: TeamUser) -> FlaskClient:
    sign_in(client, admin)
    return client


@pytest.fixture
def exact(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def configure(threshold: int = 5, method: str = "suppress") -> None:
        monkeypatch.setitem(app.config, "DIVERSITY_THRESHOLD", threshold)
        monkeypatch.setitem(app.config, "DIVERSITY_METHOD", method)

    return configure
