"""Fixtures for the JSON API: tokens of each kind, and a campaign whose candidates have
distinctive equality monitoring answers planted, so every response can be searched for them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import MonitoringResponse, TeamUser
from nedmatch.services.platform import api_tokens
from tests.appointments.test_sift import Campaign
from tests.appointments.test_sift import campaign as campaign  # noqa: F401 - a fixture
from tests.conftest import make_team_user
from tests.security.conftest import make_app as make_app  # noqa: F401 - a fixture

# Monitoring answers no real person gives, planted in every applicant's record: none may
# appear in any API response, whatever the token.
PLANTED = "zqplantedmonitoringvalue"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def make_token(user: TeamUser, scope: str, name: str = "Recruitment system") -> str:
    made = api_tokens.create(Actor.team(user), user, name, scope)
    db.session.commit()
    return made.secret


@dataclass
class Tokens:
    reviewer: str
    admin: str
    revoked: str
    admin_user: TeamUser


@pytest.fixture
def tokens(app: Flask) -> Tokens:
    admin = make_team_user("admin")
    revoked = make_token(admin, "admin", "Old system")
    token = api_tokens.find(revoked)
    assert token is not None
    api_tokens.revoke(Actor.team(admin), token)
    db.session.commit()
    return Tokens(
        reviewer=make_token(admin, "reviewer"),
        admin=make_token(admin, "admin"),
        revoked=revoked,
        admin_user=admin,
    )


@pytest.fixture
def planted(campaign: Campaign) -> Iterator[Campaign]:  # noqa: F811 - uses the fixture
    """The campaign with planted monitoring answers alongside the real ones."""
    for response in db.session.execute(db.select(MonitoringResponse)).scalars():
        response.answers = {
            **response.answers,
            "gender_identity": PLANTED,
            "disability_detail": PLANTED + "-detail",
        }
    db.session.commit()
    yield campaign
