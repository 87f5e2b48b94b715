"""Who acted on a report: the signed-in administrator, one value made once per request."""

from __future__ import annotations

from flask import Flask
from flask_login import login_user

from nedmatch.actors import Actor
from nedmatch.auth.current import current_actor
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, TeamUser
from tests.conftest import make_team_user, sign_in


def test_the_actor_is_made_once_per_request_from_the_signed_in_member(
    app: Flask, admin: TeamUser
) -> None:
    other = make_team_user("admin", email="second.admin@nhs.example")
    # Each request has its own application context, and so its own flask.g, as in service.
    with app.app_context(), app.test_request_context():
        login_user(admin)
        actor = current_actor()
        assert actor == Actor.team(admin)
        assert current_actor() is actor
    with app.app_context(), app.test_request_context():  # a new request, a new value
        login_user(other)
        assert current_actor() == Actor.team(other)


def test_a_report_view_is_recorded_under_the_signed_in_administrator(
    app: Flask, admin: TeamUser
) -> None:
    client = app.test_client()
    sign_in(client, admin)
    assert client.get("/team/reports/report").status_code == 200
    (event,) = db.session.execute(db.select(AuditEvent).filter_by(action="report_viewed")).scalars()
    assert event.actor == f"team:{admin.id}"
