"""Worlds for the attackers: a crowd of applicants with realistic monitoring answers, and
the people an attacker singles out, all made through the models in the test database."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from nedmatch.diversity.columns import record_keys
from nedmatch.domain import MONITORING_QUESTIONS, PREFER_NOT_TO_SAY
from nedmatch.extensions import db
from nedmatch.models import Candidate, Organisation, TeamUser, Vacancy
from nedmatch.services.applications import monitoring
from nedmatch.services.reporting import records as reporting_records
from tests.conftest import make_organisation, make_vacancy, sign_in
from tests.reports.conftest import make_person

STAGES_REACHED = ("applied", "applied", "applied", "longlisted", "longlisted", "shortlisted")


def random_answers(rng: random.Random) -> dict[str, str]:
    """Answers weighted to the first options, so a crowd has large and small rows, with
    some "Prefer not to say" and some questions left unanswered."""
    answers: dict[str, str] = {}
    for question, (_, options) in MONITORING_QUESTIONS.items():
        draw = rng.random()
        if draw < 0.08:
            continue  # not declared
        if draw < 0.14:
            answers[question] = PREFER_NOT_TO_SAY
            continue
        keys = list(options)
        weights = [1.0 / (i + 1) ** 1.5 for i in range(len(keys))]
        answers[question] = rng.choices(keys, weights)[0]
    return answers


class World:
    """Builds people; remembers each singled-out person's true answers."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.truth: dict[str, dict[str, str]] = {}
        self.candidates: dict[str, Candidate] = {}

    def crowd(
        self,
        vacancy: Vacancy,
        size: int,
        applied_at: datetime = datetime(2025, 5, 6, 10, 0),
        region: str = "north-east-and-yorkshire",
    ) -> list[Candidate]:
        return [
            make_person(
                vacancy,
                self.rng.choice(STAGES_REACHED),
                answers=random_answers(self.rng),
                applied_at=applied_at,
                region=region,
            )
            for _ in range(size)
        ]

    def person(
        self,
        name: str,
        vacancy: Vacancy | None,
        furthest: str | None = "applied",
        applied_at: datetime = datetime(2025, 5, 6, 10, 0),
        region: str = "north-east-and-yorkshire",
    ) -> Candidate:
        answers = random_answers(self.rng)
        candidate = make_person(
            vacancy, furthest, answers=answers, applied_at=applied_at, region=region
        )
        self.truth[name] = monitoring.answers_for(candidate.id)
        self.candidates[name] = candidate
        return candidate


@pytest.fixture
def world(app: Flask) -> Iterator[World]:
    yield World()


@pytest.fixture
def admin_client(client: FlaskClient, admin: TeamUser) -> FlaskClient:
    sign_in(client, admin)
    return client


def draw_record_keys(monkeypatch: pytest.MonkeyPatch, draw: str) -> None:
    """Record keys (and so the cell-key noise) from ``draw`` and each candidate's place in
    the order they were made, not from their database id: ids depend on the tests that
    ran before on PostgreSQL, so a draw named in a test is the same draw everywhere."""

    def keys(subject_keys: Iterable[str]) -> Any:
        ids = db.session.execute(select(Candidate.id).order_by(Candidate.id)).scalars().all()
        place = {key: i for i, key in enumerate(monitoring.subject_keys(ids))}
        return record_keys([f"{draw}:{place[key]}" for key in subject_keys])

    monkeypatch.setattr(reporting_records, "record_keys", keys)


def organisation(name: str, region: str = "north-east-and-yorkshire") -> Organisation:
    return make_organisation(name=name, region=region)


def vacancy_at(org: Organisation, title: str, **kwargs: Any) -> Vacancy:
    return make_vacancy(organisation=org, title=title, opens_on=None, closes_on=None, **kwargs)
