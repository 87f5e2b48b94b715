"""The team's side keeps one shape: a blueprint per area under /team, one actor per request,
one job-status view."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, g
from flask_login import login_user

from nedmatch.actors import Actor
from nedmatch.auth.current import current_actor
from nedmatch.extensions import db
from nedmatch.jobs_view import status_json
from nedmatch.models import Job, TeamUser
from nedmatch.services.sift.history import History
from tests.conftest import sign_in


def test_each_area_is_its_own_blueprint_under_team(app: Flask) -> None:
    areas: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        if blueprint in {"appointments", "sift", "panel", "privacy"}:
            assert rule.rule.startswith("/team/"), rule.rule
            areas.setdefault(blueprint, set()).add(rule.endpoint)
    assert {"sift.vacancy", "sift.application", "sift.application_cv"} <= areas["sift"]
    assert {"panel.overview", "panel.scores", "panel.export_panel"} <= areas["panel"]
    assert {"privacy.data_requests", "privacy.data_request_erase"} <= areas["privacy"]
    assert {"appointments.dashboard", "appointments.job"} <= areas["appointments"]


def test_the_actor_is_made_once_per_request(app: Flask, reviewer: TeamUser) -> None:
    # A request of its own, as in a real one: g lives in the app context, and the tests'
    # session-wide app context would carry it from one test to the next.
    with app.app_context(), app.test_request_context():
        login_user(reviewer)
        first = current_actor()
        assert first == Actor.team(reviewer) and str(first) == f"team:{reviewer.id}"
        assert current_actor() is first
        assert g.current_actor is first


def test_no_actor_without_a_signed_in_team_member(app: Flask) -> None:
    with app.app_context(), app.test_request_context(), pytest.raises(LookupError):
        current_actor()


def test_the_job_page_and_its_json_show_the_same_status(app: Flask, reviewer: TeamUser) -> None:
    job = Job(kind="fit_model", status="running", step="Reading profiles", done=3, total=12)
    db.session.add(job)
    db.session.commit()
    client = app.test_client()
    sign_in(client, reviewer)

    polled: dict[str, Any] = client.get(f"/team/jobs/{job.id}?format=json").get_json()
    page = client.get(f"/team/jobs/{job.id}").get_data(as_text=True)

    assert polled == status_json(job)
    assert polled["step"] == "Reading profiles" and polled["percent"] == job.percent
    assert f">{polled['label']}</span>" in page and ">Reading profiles</span>" in page


@pytest.mark.parametrize(
    ("actor", "shown"),
    [
        ("team:7", "Pat Kaur"),
        ("team:8", "A former team member"),
        ("candidate:3", "The candidate"),
        ("candidate:erased", "The candidate"),
        ("system:retention", "NEDMatch"),
        ("team:x", "NEDMatch"),
    ],
)
def test_the_history_names_who_acted(actor: str, shown: str) -> None:
    assert History(events=[], references={}, team={7: "Pat Kaur"}).actor_name(actor) == shown
