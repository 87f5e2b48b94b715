"""Saves that race and drafts that leak or grow: a double-clicked start, two tabs saving
different steps at once, a statement draft shown in another application, and a flood
kept as a draft.

The races need PostgreSQL (run the suite with TEST_DATABASE_URL): SQLite in memory has one
connection for every thread, so two requests cannot be two transactions there. Each race
is forced: both requests are held just before their write until the other gets there too
(or two seconds pass, when the fix makes one wait for the other's lock).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

from nedmatch.candidates.forms import EVIDENCE_MAX, SUMMARY_MAX
from nedmatch.domain import COMPETENCY_DOMAINS
from nedmatch.extensions import db
from nedmatch.models import Application, AuditEvent, Candidate, Vacancy
from tests.conftest import (
    CANDIDATE_EMAIL,
    VALID_STEPS,
    complete_steps,
    form_values,
    make_vacancy,
    start_application,
)

needs_postgres = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="two requests racing need two transactions: set TEST_DATABASE_URL to PostgreSQL",
)


class HoldBefore:
    """Holds each thread at its first statement starting with `prefix` until the other
    thread reaches its own, so both have read before either writes. When one waits for a
    lock instead, the other goes on after `patience` seconds."""

    def __init__(self, prefix: str, patience: float = 2.0) -> None:
        self.prefix = prefix.upper()
        self.barrier = threading.Barrier(2)
        self.patience = patience
        self.seen = threading.local()

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(self.prefix) and not getattr(
            self.seen, "done", False
        ):
            self.seen.done = True
            try:
                self.barrier.wait(timeout=self.patience)
            except threading.BrokenBarrierError:
                pass


def race(hold: HoldBefore, *requests: Callable[[], Any]) -> list[Any]:
    """Run the requests at once, each in a thread with an application context of its own
    (and so a database session and connection of its own), as two server threads would."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    engine = db.engine

    def in_context(request: Callable[[], Any]) -> Any:
        with app.app_context():
            return request()

    event.listen(engine, "before_cursor_execute", hold)
    try:
        with ThreadPoolExecutor(max_workers=len(requests)) as pool:
            futures = [pool.submit(in_context, r) for r in requests]
            return [f.result(timeout=60) for f in futures]
    finally:
        event.remove(engine, "before_cursor_execute", hold)


def same_browser(app: Flask, client: FlaskClient) -> FlaskClient:
    """A second tab: another client with the first one's session cookie."""
    tab = app.test_client()
    cookie = client.get_cookie("session")
    assert cookie is not None
    tab.set_cookie("session", cookie.value)
    return tab


def the_candidate() -> Candidate:
    db.session.expire_all()
    return db.session.execute(db.select(Candidate).filter_by(email=CANDIDATE_EMAIL)).scalar_one()


@needs_postgres
def test_a_double_clicked_start_makes_one_candidate_and_no_error(
    app: Flask, vacancy: Vacancy
) -> None:
    browser = app.test_client()
    tab = app.test_client()  # the second click: its response has no cookie yet

    url = f"/vacancies/{vacancy.id}/apply"  # read here: the threads have sessions of their own

    def click(client: FlaskClient) -> Callable[[], Any]:
        return lambda: client.post(url, data={"email": CANDIDATE_EMAIL})

    responses = race(HoldBefore("INSERT INTO candidate"), click(browser), click(tab))

    assert sorted(r.status_code for r in responses) == [302, 302], [
        r.status_code for r in responses
    ]
    locations = sorted(r.location for r in responses)
    assert locations[1] == "/return/check-your-email"  # the loser proves it by email
    assert locations[0].startswith("/applications/")  # the winner: its task list
    count = db.session.execute(db.select(db.func.count()).select_from(Candidate)).scalar_one()
    assert count == 1
    applications = db.session.execute(
        db.select(db.func.count()).select_from(Application)
    ).scalar_one()
    assert applications == 1


@needs_postgres
def test_two_tabs_starting_the_same_application_get_the_same_one(
    app: Flask, vacancy: Vacancy
) -> None:
    browser = app.test_client()
    start_application(browser, make_vacancy(vacancy.organisation, title="Another vacancy"))
    tab = same_browser(app, browser)

    url = f"/vacancies/{vacancy.id}/apply"

    def open_(client: FlaskClient) -> Callable[[], Any]:
        return lambda: client.get(url)

    responses = race(HoldBefore("INSERT INTO application"), open_(browser), open_(tab))

    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0].location == responses[1].location
    started = db.session.execute(
        db.select(db.func.count()).select_from(Application).filter_by(vacancy_id=vacancy.id)
    ).scalar_one()
    assert started == 1
    audited = db.session.execute(
        db.select(db.func.count()).select_from(AuditEvent).filter_by(action="application_started")
    ).scalar_one()
    assert audited == 2  # one for each vacancy: the race recorded no second start


INVALID_COMPETENCIES = {"evidence_governance": "I chaired", "evidence_outcomes": "x" * 40}


@needs_postgres
@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Both steps valid: neither completed mark may be lost.
        (("experience", VALID_STEPS["experience"]), ("competencies", VALID_STEPS["competencies"])),
        # One valid, one a draft: the mark and the typed draft both kept.
        (("experience", VALID_STEPS["experience"]), ("eligibility", {"details": "Typed"})),
        # Two drafts of different steps.
        (("experience", {"current_role": "Typed role"}), ("eligibility", {"details": "Typed"})),
    ],
    ids=["two-marks", "mark-and-draft", "two-drafts"],
)
def test_two_tabs_saving_different_steps_keep_both(
    app: Flask, vacancy: Vacancy, first: tuple[str, dict[str, Any]], second: tuple[str, Any]
) -> None:
    browser = app.test_client()
    ref = start_application(browser, vacancy)
    complete_steps(browser, f"/applications/{ref}", ["about-you"])
    tab = same_browser(app, browser)

    def save(client: FlaskClient, step: str, data: dict[str, Any]) -> Callable[[], Any]:
        return lambda: client.post(f"/applications/{ref}/{step}", data=data)

    responses = race(HoldBefore("UPDATE candidate"), save(browser, *first), save(tab, *second))

    assert all(r.status_code in {200, 302} for r in responses), [r.status_code for r in responses]
    candidate = the_candidate()
    for (step, data), response in zip([first, second], responses, strict=True):
        if response.status_code == 302:
            assert step in candidate.completed_steps, (step, candidate.completed_steps)
        else:
            kept = candidate.draft_data[step]
            for name, value in data.items():
                assert kept[name] == [value], (step, kept)
    assert "about-you" in candidate.completed_steps


def test_a_statement_draft_belongs_to_its_own_application(app: Flask, vacancy: Vacancy) -> None:
    """It showed in the candidate's other application, and saving it there deleted the
    first application's draft."""
    browser = app.test_client()
    other_vacancy = make_vacancy(vacancy.organisation, title="Non-executive director: digital")
    first = start_application(browser, vacancy)
    complete_steps(browser, f"/applications/{first}", ["about-you", "experience", "competencies"])
    second = browser.get(f"/vacancies/{other_vacancy.id}/apply").location.split("/")[2]
    draft_one = "Too short to be valid, for the audit committee role."
    draft_two = "Too short as well, for the digital role."

    browser.post(f"/applications/{first}/statement", data={"statement": draft_one})
    shown = form_values(browser.get(f"/applications/{second}/statement"))
    assert shown["statement"] == ""  # not the other application's draft

    browser.post(f"/applications/{second}/statement", data={"statement": draft_two})
    assert form_values(browser.get(f"/applications/{first}/statement"))["statement"] == draft_one
    assert form_values(browser.get(f"/applications/{second}/statement"))["statement"] == draft_two

    # Completing one application's statement leaves the other's draft alone.
    complete_steps(browser, f"/applications/{first}", ["statement"])
    assert form_values(browser.get(f"/applications/{second}/statement"))["statement"] == draft_two
    db.session.expire_all()
    by_ref = {a.reference: a for a in db.session.execute(db.select(Application)).scalars().all()}
    assert by_ref[first].draft_data == {}
    assert by_ref[second].draft_data["statement"]["statement"] == [draft_two]
    assert "statement" not in (the_candidate().draft_data or {})


# Item 11: what a draft keeps is capped.


def _stored_draft_bytes() -> int:
    candidate = the_candidate()
    applications = db.session.execute(db.select(Application.draft_data)).scalars().all()
    return len(json.dumps(candidate.draft_data)) + sum(len(json.dumps(d)) for d in applications)


@pytest.fixture
def application_url(client: FlaskClient, vacancy: Vacancy) -> Iterator[str]:
    ref = start_application(client, vacancy)
    yield f"/applications/{ref}"


def test_a_flood_on_an_invalid_step_keeps_a_small_draft(
    client: FlaskClient, application_url: str
) -> None:
    """An invalid experience step stored 5.7 MB of draft: a multipart post of fields just
    under the form size limit (500 KB each), most of them not on the form."""
    flood = "a" * 480_000
    data: dict[str, Any] = {
        "current_role": flood,
        "career_summary": flood,
        "skill_areas": ["finance"] * 300 + ["not-a-skill"] * 300,
        "board_experience": flood,
        **{f"extra_{n}": flood for n in range(8)},
    }

    # Encoded here, in memory: the test client would spool a body this size to a temporary
    # file it does not close.
    boundary, body = encode_multipart(MultiDict(data))
    response = client.post(
        f"{application_url}/experience",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )

    assert response.status_code == 200  # shown again with its errors
    draft = the_candidate().draft_data["experience"]
    assert set(draft) <= {
        "current_role",
        "career_summary",
        "skill_areas",
        "board_experience",
        "availability",
        "willing_challenged",
        "consent_to_match",
    }
    assert draft["career_summary"] == [flood[:SUMMARY_MAX]]  # cut to the field's maximum
    assert draft["current_role"] == [flood[:200]]
    assert draft["skill_areas"] == ["finance"]  # offered choices only, each once
    assert draft["board_experience"] == []  # not a choice: nothing to show again
    assert _stored_draft_bytes() < 40_000


def test_a_long_valid_draft_is_kept_whole(client: FlaskClient, application_url: str) -> None:
    """The cap is above the longest valid step: six pieces of evidence at their maximum,
    with one invalid field, are all kept."""
    complete_steps(client, application_url, ["about-you", "experience"])
    data = {f"evidence_{slug}": "é" * EVIDENCE_MAX for slug in COMPETENCY_DOMAINS}
    data["evidence_governance"] += "too long"

    client.post(f"{application_url}/competencies", data=data)

    draft = the_candidate().draft_data["competencies"]
    assert draft["evidence_governance"] == ["é" * EVIDENCE_MAX]
    assert all(draft[name] == ["é" * EVIDENCE_MAX] for name in data)
    shown = form_values(client.get(f"{application_url}/competencies"))
    assert shown["evidence_outcomes"] == "é" * EVIDENCE_MAX


def test_a_draft_holds_nothing_the_step_does_not_ask_for(
    client: FlaskClient, application_url: str
) -> None:
    client.post(
        f"{application_url}/about-you",
        data={"first_name": "Amara\x00", "phone": "0770", "csrf_token": "x", "is_admin": "1"},
    )
    draft = the_candidate().draft_data["about-you"]
    assert draft == {"first_name": ["Amara"], "phone": ["0770"]}
