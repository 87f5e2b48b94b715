"""Alerts as a vacancy opens: on the team opening it, or on its opening date through
`flask alerts send-due`; to members whose choices match and who fit, each once."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import (
    AlertSent,
    Application,
    Candidate,
    TeamUser,
    Vacancy,
    VacancyOpening,
)
from nedmatch.services.alerts import opening
from nedmatch.services.applications import monitoring
from nedmatch.services.platform import notifications
from tests.appointments.test_sift import ACCOUNTANT, make_candidate
from tests.conftest import page_text, sign_in

from .conftest import fit, subscribe

Outbox = list[notifications.Email]


def open_vacancy(client: FlaskClient, vacancy: Vacancy) -> str:
    response = client.post(f"/team/vacancies/{vacancy.id}/status/open", follow_redirects=True)
    assert response.status_code == 200
    return page_text(response)


def alerted(outbox: Outbox) -> set[str]:
    return {e.to for e in outbox if e.subject.startswith("A new board role")}


def test_opening_a_vacancy_alerts_the_members_who_asked_and_fit(
    app: Flask,
    client: FlaskClient,
    admin: TeamUser,
    pool: list[Candidate],
    draft: Vacancy,
    outbox: Outbox,
) -> None:
    accountants, others = pool[:4], pool[4:]
    wanted = subscribe(accountants[0])
    subscribe(accountants[1], regions=["london"])  # another region
    subscribe(accountants[2], role_types=["chair"])  # another kind of role
    subscribe(accountants[3], frequency="weekly")  # hears in the weekly digest instead
    subscribe(others[0])  # asked, but the model does not reckon them a fit
    subscribe(others[1], skill_areas=["accountancy"])
    sign_in(client, admin)

    open_vacancy(client, draft)

    assert alerted(outbox) == {accountants[0].email}
    [email] = [e for e in outbox if e.to == accountants[0].email]
    assert email.subject == f"A new board role: {draft.title}"
    assert f"Dear {accountants[0].first_name}," in email.body
    base = app.config["BASE_URL"]
    assert f"{base}/vacancies/{draft.id}\n" in email.body
    assert f"{base}/role-alerts\n" in email.body
    assert re.search(re.escape(base) + r"/role-alerts/stop/\S+", email.body)
    [sent] = db.session.execute(db.select(AlertSent)).scalars().all()
    assert (sent.candidate_id, sent.vacancy_id, sent.kind) == (
        wanted.candidate_id,
        draft.id,
        "immediate",
    )


def test_members_who_cannot_receive_alerts_are_not_emailed(
    app: Flask, pool: list[Candidate], draft: Vacancy, outbox: Outbox
) -> None:
    not_consenting = make_candidate(ACCOUNTANT, consent=False)
    left_pool = make_candidate(ACCOUNTANT)
    applied = make_candidate(ACCOUNTANT)
    fit()
    for member in (not_consenting, left_pool, applied):
        subscribe(member)
    left_pool.in_pool = False
    db.session.add(Application(candidate=applied, vacancy=draft))
    draft.status = "open"
    db.session.commit()

    assert opening.announce_due().alerted == 0
    assert alerted(outbox) == set()


def test_a_later_opening_date_is_announced_on_the_day(
    app: Flask,
    client: FlaskClient,
    admin: TeamUser,
    pool: list[Candidate],
    outbox: Outbox,
    runner: Any,
) -> None:
    tomorrow = date.today() + timedelta(days=1)
    vacancy = Vacancy(**_spec(status="draft", opens_on=tomorrow))
    db.session.add(vacancy)
    db.session.commit()
    subscribe(pool[0])
    sign_in(client, admin)

    page = open_vacancy(client, vacancy)
    assert alerted(outbox) == set()
    assert "emailed when it starts taking applications on" in page
    assert "sent 0 alert(s)" in runner.invoke(args=["alerts", "send-due"]).output

    sweep = opening.announce_due(today=tomorrow)
    assert (sweep.opened, sweep.alerted, sweep.waiting) == (1, 1, 0)
    assert alerted(outbox) == {pool[0].email}


def _spec(**changes: Any) -> dict[str, Any]:
    from tests.conftest import make_organisation

    values: dict[str, Any] = {
        "organisation": make_organisation(),
        "role_type": "audit-chair",
        "title": "Non-executive director and chair of the audit committee",
        "description": "The board needs a qualified accountant to chair its audit committee.",
        "essential_criteria": [
            "A professional accountancy qualification",
            "Recent and relevant financial experience",
        ],
        "skill_areas": ["accountancy", "audit-risk"],
        "location_requirement": "region",
        "closes_on": date.today() + timedelta(days=21),
    }
    values.update(changes)
    return values


def test_nobody_is_told_twice(
    app: Flask,
    client: FlaskClient,
    admin: TeamUser,
    pool: list[Candidate],
    draft: Vacancy,
    outbox: Outbox,
    runner: Any,
) -> None:
    subscribe(pool[0])
    sign_in(client, admin)
    open_vacancy(client, draft)
    assert len(outbox) == 1

    # Closed and opened again, and swept from cron twice: nothing more.
    client.post(f"/team/vacancies/{draft.id}/status/closed")
    open_vacancy(client, draft)
    for _ in range(2):
        assert "sent 0 alert(s)" in runner.invoke(args=["alerts", "send-due"]).output
    assert len(outbox) == 1
    assert db.session.execute(sa.select(sa.func.count()).select_from(AlertSent)).scalar() == 1
    assert db.session.execute(sa.select(sa.func.count()).select_from(VacancyOpening)).scalar() == 1


def test_alerts_wait_for_the_matching_model(
    app: Flask,
    client: FlaskClient,
    admin: TeamUser,
    model_folder: Path,
    draft: Vacancy,
    outbox: Outbox,
    runner: Any,
) -> None:
    member = make_candidate(ACCOUNTANT)
    others = [make_candidate(ACCOUNTANT) for _ in range(3)]
    subscribe(member)
    sign_in(client, admin)

    open_vacancy(client, draft)
    assert outbox == []
    page = page_text(client.get(f"/team/vacancies/{draft.id}"))
    assert "Emails to the talent pool are waiting" in page
    output = runner.invoke(args=["alerts", "send-due"]).output
    assert "1 vacancy(ies) still have alerts to send: is the matching model fitted" in output

    fit()
    assert others
    assert "sent 1 alert(s)" in runner.invoke(args=["alerts", "send-due"]).output
    assert alerted(outbox) == {member.email}
    assert "Emails to the talent pool are waiting" not in page_text(
        client.get(f"/team/vacancies/{draft.id}")
    )


def test_a_mail_service_failure_is_tried_again(
    app: Flask,
    pool: list[Candidate],
    draft: Vacancy,
    outbox: Outbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subscribe(pool[0])
    subscribe(pool[1])
    draft.status = "open"
    db.session.commit()
    real = notifications.send_email
    calls: list[str] = []

    def flaky(to: str, subject: str, body: str) -> None:
        calls.append(to)
        if len(calls) == 1:
            raise ConnectionError("the mail service is down")
        real(to, subject, body)

    monkeypatch.setattr(opening, "send_email", flaky)
    first = opening.announce_due()
    assert (first.alerted, first.waiting) == (1, 1)
    second = opening.announce_due()
    assert (second.alerted, second.waiting) == (1, 0)
    assert alerted(outbox) == {pool[0].email, pool[1].email}
    assert len(outbox) == 2


def test_equality_monitoring_answers_are_never_read(
    app: Flask, pool: list[Candidate], draft: Vacancy, outbox: Outbox
) -> None:
    """Two members alike but for their monitoring answers are treated alike, and sending
    alerts never touches the monitoring table."""
    twin_a, twin_b = pool[0], pool[1]
    monitoring.save_answers(twin_a.id, {"ethnicity": "african", "disability": "yes"})
    monitoring.save_answers(twin_b.id, {"ethnicity": "irish", "disability": "no"})
    subscribe(twin_a)
    subscribe(twin_b)
    draft.status = "open"
    db.session.commit()
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        opening.announce_due()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)

    assert alerted(outbox) == {twin_a.email, twin_b.email}
    assert statements and not [s for s in statements if "monitoring" in s.lower()]


def test_a_sweep_racing_another_tells_nobody_twice(
    app: Flask,
    pool: list[Candidate],
    draft: Vacancy,
    outbox: Outbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another sweep alerted the member between this one's reading and its sending: the
    unique alert row refuses the second, and no email goes."""
    subscribe(pool[0])
    draft.status = "open"
    db.session.add(AlertSent(candidate_id=pool[0].id, vacancy_id=draft.id, kind="immediate"))
    db.session.commit()
    monkeypatch.setattr(opening.recipients, "settled", lambda *args: set())

    sweep = opening.announce_due()

    assert (sweep.alerted, sweep.waiting) == (0, 0)
    assert outbox == []
