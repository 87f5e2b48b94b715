"""Sign-in throttling and lockout; rate limits on starting applications, on return-link
emails and on team members' forgotten-password links. Over a limit, a person gets a page
that says when to try again."""

from __future__ import annotations

import functools
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.auth.lockout import LOCK_AFTER
from nedmatch.auth.routes import SIGN_IN_FAILED
from nedmatch.extensions import db
from nedmatch.models import Candidate, TeamUser, Vacancy
from nedmatch.services.platform import notifications
from tests.conftest import (
    TEAM_PASSWORD,
    make_organisation,
    make_team_user,
    make_vacancy,
    page_text,
)
from tests.security.conftest import AppFactory


@pytest.fixture
def limited(make_app: AppFactory) -> Flask:
    return make_app("testing", RATELIMIT_ENABLED=True)


def from_address(address: str) -> dict[str, Any]:
    return {"environ_base": {"REMOTE_ADDR": address}}


def assert_too_many(response: Any, wait: str) -> None:
    assert response.status_code == 429
    text = page_text(response)
    assert "You have tried too many times" in text
    assert f"Wait {wait} and try again" in text
    assert "Traceback" not in text
    assert int(response.headers["Retry-After"]) > 0


def candidates() -> int:
    return db.session.execute(db.select(db.func.count(Candidate.id))).scalar_one()


# Sign-in


def test_sign_in_is_throttled_per_client_address(limited: Flask) -> None:
    user = make_team_user()
    client = limited.test_client()
    for _ in range(10):
        # Guesses at other accounts: the throttle is per address, whatever the account.
        response = client.post(
            "/team/sign-in", data={"email": "guess@nhs.example", "password": "wrong password"}
        )
        assert response.status_code == 200
    assert_too_many(
        client.post("/team/sign-in", data={"email": user.email, "password": TEAM_PASSWORD}),
        "a minute",
    )
    # Reading the page is not limited, and another address can still sign in.
    assert client.get("/team/sign-in").status_code == 200
    other = limited.test_client()
    response = other.post(
        "/team/sign-in",
        data={"email": user.email, "password": TEAM_PASSWORD},
        **from_address("192.0.2.7"),
    )
    assert response.status_code == 302


def test_the_429_page_has_the_nonce_and_the_headers(limited: Flask) -> None:
    client = limited.test_client()
    for _ in range(11):
        response = client.post("/team/sign-in", data={"email": "x@nhs.example", "password": "y"})
    assert response.status_code == 429
    assert response.headers["X-Frame-Options"] == "DENY"
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.get_data(as_text=True)


def test_an_account_locks_after_repeated_failures_even_from_many_addresses(
    app: Flask, client: FlaskClient, reviewer: TeamUser
) -> None:
    for attempt in range(LOCK_AFTER):
        client.post(
            "/team/sign-in",
            data={"email": reviewer.email, "password": "not the password"},
            **from_address(f"198.51.100.{attempt}"),
        )
    response = client.post(
        "/team/sign-in", data={"email": reviewer.email, "password": TEAM_PASSWORD}
    )
    assert response.status_code == 200
    assert SIGN_IN_FAILED in page_text(response)  # the right password, refused while locked
    assert client.get("/team/").status_code == 302  # still signed out


# Applying


def test_starting_applications_is_limited_per_client_address(limited: Flask) -> None:
    vacancy = make_vacancy()
    for number in range(20):
        response = limited.test_client().post(
            f"/vacancies/{vacancy.id}/apply", data={"email": f"person{number}@example.com"}
        )
        assert response.status_code == 302
    before = candidates()
    response = limited.test_client().post(
        f"/vacancies/{vacancy.id}/apply", data={"email": "one.more@example.com"}
    )
    assert_too_many(response, "an hour")
    assert candidates() == before
    # Joining the pool shares the limit: it too creates a record and sends an email.
    assert (
        limited.test_client().post("/talent-pool/join", data={"email": "p@example.com"}).status_code
        == 429
    )
    # Someone else is not affected.
    response = limited.test_client().post(
        f"/vacancies/{vacancy.id}/apply",
        data={"email": "elsewhere@example.com"},
        **from_address("192.0.2.99"),
    )
    assert response.status_code == 302


def test_a_mistyped_form_does_not_count_against_the_limit(limited: Flask) -> None:
    vacancy = make_vacancy()
    client = limited.test_client()
    for _ in range(25):
        response = client.post(f"/vacancies/{vacancy.id}/apply", data={"email": "not an email"})
        assert response.status_code == 200
    assert (
        client.post(
            f"/vacancies/{vacancy.id}/apply", data={"email": "right@example.com"}
        ).status_code
        == 302
    )


# Return-link emails


def sent_to(address: str) -> int:
    return sum(1 for email in notifications.outbox if email.to == address)


@pytest.fixture
def known(limited: Flask, outbox: list[Any]) -> str:
    """A candidate who already exists, so each request sends them a return link."""
    vacancy: Vacancy = make_vacancy()
    address = "known@example.com"
    limited.test_client().post(
        f"/vacancies/{vacancy.id}/apply", data={"email": address}, **from_address("203.0.113.1")
    )
    outbox.clear()
    return address


def test_return_links_are_limited_per_email_address(limited: Flask, known: str) -> None:
    for number in range(4):  # the application above used one of the five
        response = limited.test_client().post(
            "/return", data={"email": known}, **from_address(f"192.0.2.{number + 10}")
        )
        assert response.status_code == 302
    assert sent_to(known) == 4
    response = limited.test_client().post(
        "/return", data={"email": f"  {known.upper()} "}, **from_address("192.0.2.50")
    )
    assert_too_many(response, "an hour")
    assert sent_to(known) == 4
    # Starting an application with that address would send one more: limited too.
    vacancy = make_vacancy(make_organisation(name="Another NHS Trust"))
    response = limited.test_client().post(
        f"/vacancies/{vacancy.id}/apply", data={"email": known}, **from_address("192.0.2.51")
    )
    assert response.status_code == 429
    assert sent_to(known) == 4


def test_return_links_are_limited_per_client_address(limited: Flask, known: str) -> None:
    client = limited.test_client()
    for number in range(5):
        address = known if number == 0 else f"nobody{number}@example.com"
        assert client.post("/return", data={"email": address}).status_code == 302
    assert_too_many(client.post("/return", data={"email": known}), "an hour")
    assert sent_to(known) == 1


# A team member's forgotten-password link


def test_password_reset_links_are_limited_per_email_address(limited: Flask) -> None:
    """Three links an hour to one address, from anywhere; an address with no account is
    counted the same way, so the limit says nothing about who has one."""
    member = make_team_user()
    for address in (member.email, "nobody.here@nhs.example"):
        for number in range(3):
            response = limited.test_client().post(
                "/team/forgotten-password",
                data={"email": address},
                **from_address(f"192.0.2.{number + 20}"),
            )
            assert response.status_code == 302, (address, number)
        response = limited.test_client().post(
            "/team/forgotten-password",
            data={"email": f" {address.upper()}"},
            **from_address("192.0.2.60"),
        )
        assert_too_many(response, "an hour")
    assert sent_to(member.email) == 3


def test_password_reset_requests_are_limited_per_client_address(limited: Flask) -> None:
    member = make_team_user()
    client = limited.test_client()
    for number in range(5):
        address = member.email if number == 0 else f"guess{number}@nhs.example"
        assert client.post("/team/forgotten-password", data={"email": address}).status_code == 302
    assert_too_many(
        client.post("/team/forgotten-password", data={"email": member.email}), "an hour"
    )
    assert sent_to(member.email) == 1
    # A mistyped address is shown back with its message and does not count.
    other = limited.test_client()
    for _ in range(6):
        response = other.post(
            "/team/forgotten-password",
            data={"email": "not an address"},
            **from_address("192.0.2.70"),
        )
        assert response.status_code == 200


# Where the counts live: said at start-up; a shared store that goes away is not a 500


PRODUCTION_SECRETS = {
    "SECRET_KEY": "a-production-like-secret-key-for-this-test-only",
    "MONITORING_KEY": "a-production-like-monitoring-key",
    "CV_ENCRYPTION_KEY": "dGVzdGluZy1jdi1lbmNyeXB0aW9uLWtleS0zMi1ieXQ=",
}


def start_up_lines(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [
        (record.levelno, record.getMessage())
        for record in caplog.records
        if record.getMessage().startswith("Rate limits are")
    ]


def test_production_without_a_shared_store_warns_that_limits_are_per_process(
    app: Flask, make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    make_app(
        "production",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        RATELIMIT_STORAGE_URI="memory://",
        MAIL_BACKEND="smtp",  # production refuses the development backend
        **PRODUCTION_SECRETS,
    )
    ((level, message),) = start_up_lines(caplog)
    assert level == logging.WARNING
    assert "counted in this process's memory" in message
    assert "every gunicorn worker and every server allows the full limit" in message
    assert "REDIS_URL" in message


def test_start_up_names_the_shared_store_without_its_password(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    make_app(
        "testing",
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="redis://:s3cret-word@127.0.0.1:6379/2",
    )
    ((level, message),) = start_up_lines(caplog)
    assert level == logging.INFO
    assert "counted in redis://:***@127.0.0.1:6379/2, shared by every worker" in message
    assert "s3cret-word" not in caplog.text


def test_the_store_follows_redis_url_unless_told_otherwise() -> None:
    import config

    script = "import config; print(config.Config.RATELIMIT_STORAGE_URI)"
    env = {"PATH": os.environ.get("PATH", ""), "REDIS_URL": "redis://cache.internal:6379/0"}
    found = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=config.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert found == "redis://cache.internal:6379/0"
    env["RATELIMIT_STORAGE_URI"] = "redis://limits.internal:6379/3"
    found = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=config.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert found == "redis://limits.internal:6379/3"


def test_an_unreachable_store_falls_back_to_counting_in_memory(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Redis going away must not turn every sign-in and application into a 500."""
    unreachable = make_app(
        "testing", RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0"
    )
    client = unreachable.test_client()
    codes = [
        client.post("/team/sign-in", data={"email": "x@nhs.example", "password": "y"}).status_code
        for _ in range(11)
    ]
    assert codes == [200] * 10 + [429]
    assert "falling back to in-memory storage" in caplog.text


def later(clock: Callable[[], float], seconds: float) -> float:
    return clock() + seconds


def test_an_app_made_after_an_unreachable_store_counts_from_its_first_request(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limiter is one object for the process: a store found unreachable by one app must
    not send the next app's first counts to a throwaway fallback (a recommendation test
    failed about one run in eight on PostgreSQL this way)."""
    unreachable = make_app(
        "testing", RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0"
    )
    for _ in range(2):  # the first finds the store dead, the second checks it again
        unreachable.test_client().post("/team/sign-in", data={"email": "x@nhs.example"})
    limited = make_app("testing", RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    vacancy = make_vacancy()
    for number in range(3):
        response = limited.test_client().post(
            f"/vacancies/{vacancy.id}/recommend",
            data={"email": "friend@example.org"},
            **from_address(f"192.0.2.{number + 20}"),
        )
        assert response.status_code == 302
        if number == 0:
            # Seconds later, when the limiter would look at a store it thought dead again.
            monkeypatch.setattr(time, "time", functools.partial(later, time.time, 5.0))
    response = limited.test_client().post(
        f"/vacancies/{vacancy.id}/recommend",
        data={"email": "friend@example.org"},
        **from_address("192.0.2.70"),
    )
    assert_too_many(response, "24 hours")


# Recommending a vacancy emails someone who never asked


def test_recommendations_to_one_address_are_limited(limited: Flask) -> None:
    vacancy = make_vacancy()
    friend = "friend@example.org"
    for number in range(3):
        response = limited.test_client().post(
            f"/vacancies/{vacancy.id}/recommend",
            data={"email": friend},
            **from_address(f"192.0.2.{number + 10}"),
        )
        assert response.status_code == 302
    response = limited.test_client().post(
        f"/vacancies/{vacancy.id}/recommend",
        data={"email": f" {friend.upper()} "},
        **from_address("192.0.2.60"),
    )
    assert_too_many(response, "24 hours")
    assert sent_to(friend) == 3
    # Someone else can still be sent one.
    response = limited.test_client().post(
        f"/vacancies/{vacancy.id}/recommend",
        data={"email": "another@example.org"},
        **from_address("192.0.2.61"),
    )
    assert response.status_code == 302


def test_recommendations_are_limited_per_client_address(limited: Flask) -> None:
    vacancy = make_vacancy()
    client = limited.test_client()
    for _ in range(5):  # mistakes shown back on the page do not count
        assert client.post(f"/vacancies/{vacancy.id}/recommend", data={}).status_code == 200
    for number in range(10):
        response = client.post(
            f"/vacancies/{vacancy.id}/recommend", data={"email": f"friend{number}@example.org"}
        )
        assert response.status_code == 302
    response = client.post(
        f"/vacancies/{vacancy.id}/recommend", data={"email": "one.more@example.org"}
    )
    assert_too_many(response, "an hour")
    assert sent_to("one.more@example.org") == 0
