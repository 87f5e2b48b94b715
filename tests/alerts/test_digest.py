"""The weekly digest: one email per member listing the matching roles that opened since
their last, each role once, and nothing more on a rerun."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from nedmatch.extensions import db
from nedmatch.models import AlertSent, AlertSubscription, Candidate, Vacancy
from nedmatch.services.alerts import digest, opening
from nedmatch.services.platform import notifications
from tests.conftest import make_organisation, make_vacancy

from .conftest import subscribe

Outbox = list[notifications.Email]
START = datetime(2026, 3, 2, 8, 0)  # a Monday morning


def open_on(moment: datetime, **changes: Any) -> Vacancy:
    """A vacancy the alerts see open at ``moment``."""
    vacancy = make_vacancy(
        make_organisation(name=changes.pop("organisation", f"Trust opened {moment:%d %H%M}")),
        **changes,
    )
    opening.announce_due(today=date.today(), now=moment)
    return vacancy


def digests(outbox: Outbox) -> list[notifications.Email]:
    return [e for e in outbox if "for you this week" in e.subject]


def test_one_email_lists_the_roles_opened_since_the_last(
    app: Flask, pool: list[Candidate], outbox: Outbox, runner: Any
) -> None:
    member = pool[0]
    subscription = subscribe(member, frequency="weekly", created_at=START - timedelta(days=1))
    first = open_on(START + timedelta(days=1), title="Audit chair, first trust")
    second = open_on(START + timedelta(days=2), title="Audit chair, second trust")
    open_on(START + timedelta(days=3), title="Chair of the board", role_type="chair")
    week = START + timedelta(days=7)

    assert digest.send_digests(now=week) == 1

    [email] = digests(outbox)
    assert email.to == member.email
    assert email.subject == "2 new board roles for you this week"
    assert first.title in email.body and second.title in email.body
    assert "Chair of the board" not in email.body  # not a kind of role they chose
    assert "/role-alerts/stop/" in email.body
    sent = db.session.execute(db.select(AlertSent).order_by(AlertSent.vacancy_id)).scalars()
    assert [(a.vacancy_id, a.kind) for a in sent] == [(first.id, "digest"), (second.id, "digest")]
    assert db.session.get(AlertSubscription, subscription.id).last_digest_at == week

    # A rerun, at once or from the command line, sends nothing more.
    assert digest.send_digests(now=week + timedelta(minutes=5)) == 0
    assert "Sent 0 weekly email(s)." in runner.invoke(args=["alerts", "send-digest"]).output
    assert len(digests(outbox)) == 1


def test_the_next_week_lists_only_the_new_roles(
    app: Flask, pool: list[Candidate], outbox: Outbox
) -> None:
    subscribe(pool[0], frequency="weekly", created_at=START)
    earlier = open_on(START + timedelta(days=1), title="Audit chair, earlier")
    digest.send_digests(now=START + timedelta(days=7))
    later = open_on(START + timedelta(days=9), title="Audit chair, later")

    assert digest.send_digests(now=START + timedelta(days=14)) == 1

    second = digests(outbox)[-1]
    assert second.subject == "1 new board role for you this week"
    assert later.title in second.body and earlier.title not in second.body


def test_a_week_with_no_new_roles_sends_nothing_and_is_looked_back_on(
    app: Flask, pool: list[Candidate], outbox: Outbox
) -> None:
    subscription = subscribe(pool[0], frequency="weekly", created_at=START)

    assert digest.send_digests(now=START + timedelta(days=7)) == 0
    assert db.session.get(AlertSubscription, subscription.id).last_digest_at is None
    late = open_on(START + timedelta(days=8), title="Audit chair, opened in week two")
    assert digest.send_digests(now=START + timedelta(days=8, hours=1)) == 1
    assert late.title in digests(outbox)[0].body


def test_only_roles_still_open_and_opened_after_asking_are_listed(
    app: Flask, pool: list[Candidate], outbox: Outbox
) -> None:
    member = pool[0]
    open_on(START - timedelta(days=2), title="Audit chair, opened before they asked")
    subscribe(member, frequency="weekly", created_at=START)
    closed = open_on(START + timedelta(days=1), title="Audit chair, closed since")
    closed.status = "closed"
    fit_for_them = open_on(START + timedelta(days=2), title="Audit chair, still open")
    db.session.commit()

    assert digest.send_digests(now=START + timedelta(days=7)) == 1

    [email] = digests(outbox)
    assert fit_for_them.title in email.body
    assert "closed since" not in email.body and "before they asked" not in email.body


def test_members_who_do_not_fit_get_no_digest(
    app: Flask, pool: list[Candidate], outbox: Outbox
) -> None:
    subscribe(pool[5], frequency="weekly", created_at=START)  # not an accountant
    open_on(START + timedelta(days=1))

    assert digest.send_digests(now=START + timedelta(days=7)) == 0
    assert outbox == []


def test_immediate_subscribers_get_no_digest(
    app: Flask, pool: list[Candidate], outbox: Outbox
) -> None:
    subscribe(pool[0], frequency="immediate", created_at=START)
    open_on(START + timedelta(days=1))
    sent_at_opening = len(outbox)

    assert digest.send_digests(now=START + timedelta(days=7)) == 0
    assert len(outbox) == sent_at_opening == 1


def test_a_run_racing_another_sends_each_digest_once(
    app: Flask, pool: list[Candidate], outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run sent the member's digest between this one's planning and its sending:
    the claim on their last digest fails, and nothing more goes."""
    subscription = subscribe(pool[0], frequency="weekly", created_at=START)
    open_on(START + timedelta(days=1))
    real_plan = digest._plan

    def plan_then_lose_the_race(today: date, now: datetime) -> list[Any]:
        plans = real_plan(today, now)
        db.session.execute(
            sa.update(AlertSubscription)
            .where(AlertSubscription.id == subscription.id)
            .values(last_digest_at=now - timedelta(seconds=1))
        )
        return plans

    monkeypatch.setattr(digest, "_plan", plan_then_lose_the_race)

    assert digest.send_digests(now=START + timedelta(days=7)) == 0
    assert digests(outbox) == []
