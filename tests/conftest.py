"""Fixtures shared by the whole suite: the app on SQLite (or TEST_DATABASE_URL), clients,
sign-in helpers and record factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch import create_app
from nedmatch.extensions import db
from nedmatch.models import Organisation, TeamUser, Vacancy
from nedmatch.services import notifications
from nedmatch.services.passwords import hash_password

TEAM_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def _app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    app = create_app("testing", UPLOAD_FOLDER=str(instance / "uploads"))
    app.instance_path = str(instance)
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def app(_app: Flask) -> Iterator[Flask]:
    """A clean database for every test: rows are deleted, tables are kept (fast on both DBs)."""
    notifications.outbox.clear()
    yield _app
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def outbox() -> list[notifications.Email]:
    return notifications.outbox


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


def sign_in(client: FlaskClient, user: TeamUser) -> None:
    response = client.post(
        "/team/sign-in", data={"email": user.email, "password": TEAM_PASSWORD}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def vacancy(app: Flask) -> Vacancy:
    return make_vacancy()


@pytest.fixture
def reviewer(app: Flask) -> TeamUser:
    return make_team_user("reviewer")


@pytest.fixture
def admin(app: Flask) -> TeamUser:
    return make_team_user("admin")


# A whole valid application, step by step, used by journey tests and others.
VALID_STEPS: dict[str, dict[str, Any]] = {
    "about-you": {
        "first_name": "Amara",
        "last_name": "Okafor",
        "phone": "07700 900 982",
        "postcode": "ls1 4ap",
        "region": "north-east-and-yorkshire",
    },
    "experience": {
        "current_role": "Finance Director, Aire Valley Housing Association",
        "career_summary": (
            "Chartered accountant (ICAEW) with twenty years in finance leadership across "
            "housing and local government, including ten years as a finance director."
        ),
        "skill_areas": ["accountancy", "audit-risk", "finance"],
        "board_experience": "other-board",
        "availability": "3-5",
        "willing_challenged": "yes",
        "consent_to_match": "yes",
    },
    "competencies": {
        "evidence_governance": (
            "I chaired the audit and risk committee of a housing association for four years "
            "and rebuilt its board assurance framework."
        ),
        "evidence_outcomes": "I led a value for money review that released savings for services.",
    },
    "statement": {
        "statement": (
            "I am a qualified accountant with recent and relevant financial experience as a "
            "finance director, and I have chaired an audit committee. I want to bring that "
            "experience to the trust's board."
        )
    },
    "cv": {},
    "eligibility": {"items": ["none"], "confirm": "y"},
    "equality": {"sex": "female", "ethnicity": "african", "disability": "prefer-not-to-say"},
}


@pytest.fixture(autouse=True)
def _no_real_postgres_needed() -> None:
    """Documents the contract: TEST_DATABASE_URL switches the whole suite to PostgreSQL."""
    os.environ.get("TEST_DATABASE_URL")
