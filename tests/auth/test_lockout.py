"""Failed sign-ins lock an account for a while, longer with each further failure, never
for good; the page's answer and its timing are the same whether or not the address has
an account (or is locked); an administrator can unlock a team member, a reviewer cannot."""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.auth import lockout
from nedmatch.auth.routes import SIGN_IN_FAILED
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, TeamUser
from nedmatch.services.platform import passwords
from tests.conftest import TEAM_PASSWORD, error_summary, make_team_user, page_text, sign_in

START = datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture(autouse=True)
def _quick_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that count failures, not time, check passwords with a cheap argon2id (a real
    check takes about a second on a busy machine); the timing test keeps the real one."""
    lockout._dummy_hash.cache_clear()
    request.addfinalizer(lockout._dummy_hash.cache_clear)
    if request.node.originalname != "test_unknown_wrong_and_locked_get_the_same_answer":
        cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        monkeypatch.setattr(passwords, "_hasher", cheap)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The lockout's clock, moved by the test instead of waiting."""
    controlled = Clock()
    monkeypatch.setattr(lockout, "now", controlled)
    return controlled


def attempt(client: FlaskClient, email: str, password: str) -> tuple[int, str]:
    response = client.post("/team/sign-in", data={"email": email, "password": password})
    if response.status_code == 302:
        return 302, response.location
    assert response.status_code == 200
    return 200, " | ".join(message for _, message in error_summary(response))


def fail(client: FlaskClient, user: TeamUser, times: int = 1) -> None:
    for _ in range(times):
        assert attempt(client, user.email, "not the password") == (200, SIGN_IN_FAILED)


def signs_in(client: FlaskClient, user: TeamUser) -> bool:
    status, _ = attempt(client, user.email, TEAM_PASSWORD)
    if status == 302:
        client.post("/team/sign-out")
        return True
    return False


def stored(user: TeamUser) -> TeamUser:
    db.session.expire_all()
    return db.session.get(TeamUser, user.id)


# The same answer, in the same time, for every address


def test_unknown_wrong_and_locked_get_the_same_answer(
    app: Flask, client: FlaskClient, reviewer: TeamUser
) -> None:
    locked = make_team_user("admin")
    fail(client, locked, lockout.LOCK_AFTER)
    assert lockout.is_locked(stored(locked), lockout.now())

    cases = {
        "unknown address": ("nobody.here@nhs.example", "not the password"),
        "wrong password": (reviewer.email, "not the password"),
        "locked account, right password": (locked.email, TEAM_PASSWORD),
    }
    # Warm up (the first check against the stand-in hash makes it), then interleave the
    # cases so that a busy machine slows them all alike.
    for email, password in cases.values():
        attempt(client, email, password)
    timings: dict[str, list[float]] = {name: [] for name in cases}
    pages: dict[str, set[str]] = {name: set() for name in cases}
    for _ in range(5):
        for name, (email, password) in cases.items():
            started = time.perf_counter()
            response = client.post("/team/sign-in", data={"email": email, "password": password})
            timings[name].append(time.perf_counter() - started)
            assert response.status_code == 200, name
            assert error_summary(response) == [("", SIGN_IN_FAILED)], name
            pages[name].add(page_text(response).replace(email, "EMAIL"))
        stored(reviewer).failed_logins = 0  # keep the known account itself unlocked
        stored(reviewer).locked_until = None
        db.session.commit()

    assert len({page for found in pages.values() for page in found}) == 1, pages
    medians = {name: statistics.median(found) for name, found in timings.items()}
    print({name: f"{seconds * 1000:.0f} ms" for name, seconds in medians.items()})
    assert max(medians.values()) / min(medians.values()) < 2.0, medians
    # Before this was fixed an unknown address answered in about a fortieth of the time.


def test_an_unknown_address_is_checked_against_a_stand_in_hash(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = lockout.verify_password
    monkeypatch.setattr(lockout, "verify_password", lambda h, p: checked.append(h) or real(h, p))

    attempt(client, "nobody.here@nhs.example", "a guessed password")

    assert len(checked) == 1 and checked[0].startswith("$argon2id$")


# A temporary lock that grows


@pytest.mark.parametrize("role", ["admin", "reviewer"])
def test_the_lock_ends_by_itself_and_grows_with_further_failures(
    app: Flask, client: FlaskClient, clock: Clock, role: str
) -> None:
    user = make_team_user(role)
    fail(client, user, lockout.LOCK_AFTER - 1)
    assert stored(user).locked_until is None  # not yet

    fail(client, user)
    assert stored(user).locked_until == START + timedelta(minutes=1)
    clock.advance(seconds=59)
    assert not signs_in(client, user)  # the right password waits for the lock to end
    assert stored(user).failed_logins == lockout.LOCK_AFTER  # waiting is not failing

    expected_minutes = [5, 15, 60, 60]
    for minutes in expected_minutes:
        clock.now = stored(user).locked_until + timedelta(seconds=1)
        fail(client, user)
        assert stored(user).locked_until == clock.now + timedelta(minutes=minutes)

    clock.now = stored(user).locked_until + timedelta(seconds=1)
    assert signs_in(client, user)
    assert stored(user).failed_logins == 0
    assert stored(user).locked_until is None
    reasons = [
        event.detail.get("reason")
        for event in db.session.execute(
            db.select(AuditEvent).filter_by(action="sign_in_failed", object_id=str(user.id))
        ).scalars()
    ]
    assert reasons.count("wrong password") == lockout.LOCK_AFTER + len(expected_minutes)
    assert reasons.count("locked") == 1


def test_a_lock_does_not_outlast_an_hour_however_many_failures(
    client: FlaskClient, clock: Clock, reviewer: TeamUser
) -> None:
    for _ in range(30):
        clock.now = max(clock.now, stored(reviewer).locked_until or clock.now)
        clock.advance(seconds=1)
        fail(client, reviewer)
    clock.now = stored(reviewer).locked_until + timedelta(seconds=1)
    assert stored(reviewer).locked_until - START < timedelta(hours=31)
    assert signs_in(client, reviewer)


# Unlocking in the web app


def lock(client: FlaskClient, user: TeamUser) -> None:
    fail(client, user, lockout.LOCK_AFTER)
    assert lockout.is_locked(stored(user), lockout.now())


def test_an_admin_unlocks_a_team_member(app: Flask, admin: TeamUser, reviewer: TeamUser) -> None:
    lock(app.test_client(), reviewer)
    browser = app.test_client()
    sign_in(browser, admin)

    listing = browser.get("/team/members")
    assert listing.status_code == 200
    text = page_text(listing)
    assert "Team members" in text and reviewer.email in text
    assert "Locked until" in text and f"after {lockout.LOCK_AFTER} failed attempts" in text
    assert "Team members" in page_text(browser.get("/team/"))  # in the admin's menu

    confirm = browser.get(f"/team/members/unlock?member={reviewer.id}")
    assert confirm.status_code == 200
    assert f"Unlock {reviewer.name}'s account?" in page_text(confirm)
    assert lockout.is_locked(stored(reviewer), lockout.now())  # asking is not doing

    response = browser.post(f"/team/members/unlock?member={reviewer.id}")

    assert response.status_code == 302
    assert response.location == "/team/members"
    assert f"{reviewer.name}'s account is unlocked" in page_text(browser.get(response.location))
    assert stored(reviewer).locked_until is None and stored(reviewer).failed_logins == 0
    event = db.session.execute(
        db.select(AuditEvent).filter_by(action="team_user_unlocked")
    ).scalar_one()
    assert event.actor == f"team:{admin.id}" and event.object_id == str(reviewer.id)
    assert event.detail["failures"] == lockout.LOCK_AFTER
    assert signs_in(app.test_client(), reviewer)


def test_a_reviewer_cannot_unlock_or_see_the_team(
    app: Flask, admin: TeamUser, reviewer: TeamUser
) -> None:
    colleague = make_team_user("reviewer", email="colleague@nhs.example")
    lock(app.test_client(), colleague)
    browser = app.test_client()
    sign_in(browser, reviewer)

    assert browser.get("/team/members").status_code == 403
    assert browser.get(f"/team/members/unlock?member={colleague.id}").status_code == 403
    response = browser.post(f"/team/members/unlock?member={colleague.id}")

    assert response.status_code == 403
    assert "You cannot see this page" in page_text(response)
    assert lockout.is_locked(stored(colleague), lockout.now())
    assert "Team members" not in page_text(browser.get("/team/"))
    unlocked = db.session.execute(db.select(AuditEvent).filter_by(action="team_user_unlocked"))
    assert unlocked.first() is None


def test_signed_out_visitors_are_sent_to_sign_in(app: Flask, reviewer: TeamUser) -> None:
    lock(app.test_client(), reviewer)
    response = app.test_client().post(f"/team/members/unlock?member={reviewer.id}")
    assert response.status_code == 302 and response.location.startswith("/team/sign-in")
    assert lockout.is_locked(stored(reviewer), lockout.now())


@pytest.mark.parametrize("query", ["", "?member=abc", "?member=99999999999999"])
def test_an_unlock_without_a_member_goes_back_to_the_list_or_is_not_found(
    client: FlaskClient, admin: TeamUser, query: str
) -> None:
    sign_in(client, admin)
    response = client.post(f"/team/members/unlock{query}")
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        assert response.location == "/team/members"


def test_unlocking_an_open_account_says_so(client: FlaskClient, admin: TeamUser) -> None:
    other = make_team_user("reviewer")
    sign_in(client, admin)
    response = client.get(f"/team/members/unlock?member={other.id}")
    assert response.status_code == 302
    assert "account is not locked" in page_text(client.get(response.location))
