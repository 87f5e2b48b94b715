"""NUL and other control characters: PostgreSQL cannot store NUL in text, so a post carrying
one gave a 500, lost the rest of the form (the typed panel scores with it) and logged the
SQL parameters. Every form now derives from one base form whose input filter drops them,
and the engine never logs parameters. Run on PostgreSQL with TEST_DATABASE_URL."""

from __future__ import annotations

import importlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm

from nedmatch.extensions import db
from nedmatch.forms_common import BaseForm, clean_text
from nedmatch.models import (
    Application,
    ApplicationNote,
    Candidate,
    Organisation,
    PanelScore,
    StageChange,
    TeamUser,
    Vacancy,
)
from nedmatch.services import reporting
from tests.appointments.test_panel import DESIRABLE, ESSENTIAL_1, ESSENTIAL_2, key
from tests.appointments.test_panel import make_application as make_shortlisted
from tests.conftest import (
    TEAM_PASSWORD,
    VALID_STEPS,
    complete_steps,
    error_summary,
    make_team_user,
    make_vacancy,
    sign_in,
    start_application,
)

NUL = "\x00"
# Typed with a NUL and other invisible controls in the middle; what must be kept.
TYPED = "Chaired the\x00 audit\x1b committee\x7f for four years"
KEPT = "Chaired the audit committee for four years"

FORM_MODULES = [
    "nedmatch.auth.forms",
    "nedmatch.candidates.forms",
    "nedmatch.candidates.alerts_forms",
    "nedmatch.appointments.forms",
    "nedmatch.appointments.sift.forms",
    "nedmatch.appointments.panel.forms",
    "nedmatch.appointments.privacy.forms",
    "nedmatch.reports.forms",
]


def _all_form_classes() -> set[type[FlaskForm]]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    found: set[type[FlaskForm]] = set()
    todo: list[type[FlaskForm]] = [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found and sub.__module__.startswith("nedmatch."):
                found.add(sub)
                todo.append(sub)
    return found


def test_every_form_of_the_app_uses_the_one_input_filter(app: Flask) -> None:
    from nedmatch.appointments.panel.forms import score_form
    from nedmatch.services import panel

    classes = _all_form_classes()
    assert len(classes) >= 20
    outside = sorted(c.__qualname__ for c in classes if not issubclass(c, BaseForm))
    assert outside == []
    with app.test_request_context(method="POST", data={"x": "1"}):
        form = score_form([panel.Criterion(key(ESSENTIAL_1), ESSENTIAL_1, True)], False)
        assert isinstance(form, BaseForm)
        assert clean_text in form[f"comment_{key(ESSENTIAL_1)}"].filters


def test_the_filter_keeps_newlines_and_tabs_and_drops_the_rest() -> None:
    assert clean_text(" a\x00b\tc\r\nd\x1b\x7f\x85e ") == "ab\tc\r\nde"
    assert clean_text(["x\x00", "y"]) == ["x", "y"]
    assert clean_text(3) == 3


# Every form that takes text, posted with NUL in its text: the normal next page (or the
# form again with a message), never a 500, and the text kept without the controls.


@dataclass
class World:
    app: Flask
    team: FlaskClient
    admin: TeamUser
    vacancy: Vacancy
    shortlisted: Application


@pytest.fixture
def world(app: Flask) -> World:
    admin = make_team_user("admin")
    team = app.test_client()
    sign_in(team, admin)
    shortlisted = make_shortlisted(make_vacancy())
    return World(app, team, admin, shortlisted.vacancy, shortlisted)


def _candidate_client(w: World, steps: list[str]) -> tuple[FlaskClient, str]:
    client = w.app.test_client()
    ref = start_application(client, w.vacancy, email="nul.person@example.com")
    complete_steps(client, f"/applications/{ref}", steps)
    return client, ref


def _candidate() -> Candidate:
    return db.session.execute(
        db.select(Candidate).filter_by(email="nul.person@example.com")
    ).scalar_one()


Case = Callable[[World], tuple[Any, Callable[[], object], object]]


def _step(step: str, field: str, stored: Callable[[], object], before: list[str]) -> Case:
    def run(w: World) -> tuple[Any, Callable[[], object], object]:
        client, ref = _candidate_client(w, before)
        text = TYPED + " " + "x" * 120 if step in {"statement", "experience"} else TYPED
        data = {**VALID_STEPS[step], field: text}
        if step == "eligibility":
            data = {"items": ["employee"], field: text, "confirm": "y"}
        response = client.post(f"/applications/{ref}/{step}", data=data)
        return response, stored, clean_text(text)

    return run


def _start(w: World) -> tuple[Any, Callable[[], object], object]:
    response = w.app.test_client().post(
        f"/vacancies/{w.vacancy.id}/apply", data={"email": "nul.person\x00@example.com"}
    )
    return response, lambda: _candidate().email, "nul.person@example.com"


def _withdraw(w: World) -> tuple[Any, Callable[[], object], object]:
    client, ref = _candidate_client(w, [s for s in VALID_STEPS if s != "cv"] + ["cv"])
    assert client.post(f"/applications/{ref}/check").status_code == 302
    response = client.post(f"/applications/{ref}/withdraw", data={"reason": TYPED})
    return response, lambda: _last_change(ref).reason, KEPT


def _last_change(ref: str) -> StageChange:
    application = db.session.execute(db.select(Application).filter_by(reference=ref)).scalar_one()
    return application.stage_changes[-1]


def _organisation(w: World) -> tuple[Any, Callable[[], object], object]:
    data = {"name": "Aire\x00 Valley NHS Trust", "org_type": "trust", "region": "london"}
    response = w.team.post("/team/organisations", data=data)

    def stored() -> object:
        names = db.session.execute(db.select(Organisation.name)).scalars().all()
        return "Aire Valley NHS Trust" if "Aire Valley NHS Trust" in names else names

    return response, stored, "Aire Valley NHS Trust"


def _vacancy(w: World) -> tuple[Any, Callable[[], object], object]:
    from tests.appointments.test_vacancies import vacancy_form

    data = vacancy_form(w.vacancy.organisation, title="Audit\x00 chair")
    response = w.team.post("/team/vacancies/new", data=data)
    return (
        response,
        lambda: db.session.execute(db.select(Vacancy.title).order_by(Vacancy.id.desc())).scalar(),
        "Audit chair",
    )


def _move(w: World) -> tuple[Any, Callable[[], object], object]:
    ref = w.shortlisted.reference
    data = {"move-to_stage": "rejected", "move-reason": TYPED}
    response = w.team.post(f"/team/applications/{ref}", data=data)
    return response, lambda: _last_change(ref).reason, KEPT


def _bulk(w: World) -> tuple[Any, Callable[[], object], object]:
    ref = w.shortlisted.reference
    data = {
        "application_ids": [str(w.shortlisted.id)],
        "action": "rejected",
        "reason": TYPED,
        "confirmed": "yes",
    }
    response = w.team.post(f"/team/vacancies/{w.vacancy.id}/bulk", data=data)
    return response, lambda: _last_change(ref).reason, KEPT


def _note(w: World) -> tuple[Any, Callable[[], object], object]:
    response = w.team.post(
        f"/team/applications/{w.shortlisted.reference}", data={"note-text": TYPED}
    )
    return response, lambda: db.session.execute(db.select(ApplicationNote.text)).scalar(), KEPT


def _panel(w: World) -> tuple[Any, Callable[[], object], object]:
    """The typed scores are what a 500 used to lose."""
    data = {
        "action": "save",
        f"score_{key(ESSENTIAL_1)}": "3",
        f"score_{key(ESSENTIAL_2)}": "2",
        f"score_{key(DESIRABLE)}": "4",
        f"comment_{key(ESSENTIAL_1)}": TYPED,
    }
    response = w.team.post(f"/team/applications/{w.shortlisted.reference}/panel", data=data)

    def stored() -> object:
        rows = db.session.execute(db.select(PanelScore)).scalars().all()
        return sorted((r.score, r.comment) for r in rows)

    return response, stored, [(2, ""), (3, KEPT), (4, "")]


def _reference(w: World) -> tuple[Any, Callable[[], object], object]:
    csv = b"question,answer,percent\nsex,female,51.5\nsex,male,48.5\n"
    response = w.team.post(
        "/team/reports/reference",
        data={"name": "London\x00 2021", "file": (io.BytesIO(csv), "london.csv")},
        content_type="multipart/form-data",
    )
    return response, lambda: reporting.current_reference().name, "London 2021"


def _sign_in(w: World) -> tuple[Any, Callable[[], object], object]:
    client = w.app.test_client()
    response = client.post(
        "/team/sign-in", data={"email": "admin\x00@nhs.example", "password": TEAM_PASSWORD}
    )
    return response, lambda: client.get("/team/").status_code, 200


def _find_candidate(w: World) -> tuple[Any, Callable[[], object], object]:
    _candidate_client(w, [])
    response = w.team.post("/team/data-requests", data={"email": "nul.person@example.com\x00"})
    return response, lambda: response.location.startswith("/team/data-requests/"), True


CASES: dict[str, Case] = {
    "start: email": _start,
    "about you: first name": _step("about-you", "first_name", lambda: _candidate().first_name, []),
    "experience: career summary": _step(
        "experience", "career_summary", lambda: _candidate().career_summary, ["about-you"]
    ),
    "competencies: evidence": _step(
        "competencies",
        "evidence_governance",
        lambda: _candidate().competency_evidence["governance"],
        ["about-you", "experience"],
    ),
    "statement": _step(
        "statement",
        "statement",
        lambda: _candidate().applications[0].statement,
        ["about-you", "experience", "competencies"],
    ),
    "eligibility: details": _step(
        "eligibility",
        "detail_employee",
        lambda: _candidate().eligibility.item_details["employee"],
        ["about-you"],
    ),
    "withdrawal reason": _withdraw,
    "organisation name": _organisation,
    "vacancy title": _vacancy,
    "move reason": _move,
    "bulk reason": _bulk,
    "note": _note,
    "panel comment and scores": _panel,
    "reference name": _reference,
    "team sign-in email": _sign_in,
    "data request email": _find_candidate,
}


@pytest.mark.parametrize("case", list(CASES))
def test_nul_in_every_text_form_is_dropped_and_nothing_is_lost(world: World, case: str) -> None:
    response, stored, expected = CASES[case](world)
    assert response.status_code < 500, response.status_code
    assert response.status_code == 302, error_summary(response)
    assert stored() == expected


def test_a_failing_statement_is_logged_without_its_parameters(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """The error handler logs the exception; its text must not carry what was typed."""
    secret = "Morwenna Trelawney, 07700 900 982"
    statement = sa.text("INSERT INTO no_such_table (name) VALUES (:name)")
    with caplog.at_level(logging.ERROR):
        try:
            db.session.execute(statement, {"name": secret})
        except sa.exc.DBAPIError:
            app.logger.exception("Unhandled error")
        finally:
            db.session.rollback()
    assert "no_such_table" in caplog.text  # the failure itself is logged
    assert "SQL parameters hidden" in caplog.text
    assert secret not in caplog.text
    assert db.engine.hide_parameters
