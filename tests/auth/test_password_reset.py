"""A team member who has forgotten their password: asks for a link (the same page whatever
the address, and the same work done), follows the emailed link, sets a new password under
the usual rules, and signs in with it. The link works once and for an hour; the new
password ends every session and any lockout; each request and change is audited."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.auth import lockout, password_reset
from nedmatch.auth.routes import SIGN_IN_FAILED
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, TeamUser
from nedmatch.observability import redact
from nedmatch.services.platform import notifications, passwords
from tests.conftest import (
    TEAM_PASSWORD,
    assert_field_error,
    error_summary,
    make_team_user,
    page_text,
    parse_page,
    sign_in,
)

NEW_PASSWORD = "a new and longer passphrase"
FORGOTTEN = "/team/forgotten-password"
CHECK_EMAIL = "/team/forgotten-password/check-your-email"
LINK = re.compile(r"https?://\S+/team/reset-password/(\S+)")


@pytest.fixture(autouse=True)
def _quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests count and compare, not time: a cheap argon2id keeps them quick."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)
    lockout._dummy_hash.cache_clear()


def ask(client: FlaskClient, email: str) -> Any:
    return client.post(FORGOTTEN, data={"email": email})


def links_to(outbox: list[notifications.Email], user: TeamUser) -> list[str]:
    return [
        f"/team/reset-password/{match[1]}"
        for email in outbox
        if email.to == user.email
        for match in [LINK.search(email.body)]
        if match
    ]


def link_for(client: FlaskClient, outbox: list[notifications.Email], user: TeamUser) -> str:
    assert ask(client, user.email).location == CHECK_EMAIL
    return links_to(outbox, user)[-1]


def set_password(client: FlaskClient, link: str, password: str, confirm: str | None = None) -> Any:
    return client.post(link, data={"password": password, "confirm": confirm or password})


def can_sign_in(app: Flask, user: TeamUser, password: str) -> bool:
    response = app.test_client().post(
        "/team/sign-in", data={"email": user.email, "password": password}
    )
    return response.status_code == 302


def events(action: str) -> list[AuditEvent]:
    query = db.select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id)
    return list(db.session.execute(query).scalars())


def test_sign_in_offers_a_way_back_in(client: FlaskClient) -> None:
    page = parse_page(client.get("/team/sign-in"))
    assert page.xpath("//a[normalize-space()='Forgotten your password?']/@href") == [FORGOTTEN]
    assert "Reset your password" in page_text(client.get(FORGOTTEN))


def test_a_team_member_resets_their_password_and_signs_in(
    app: Flask, client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    response = ask(client, "  Reviewer@NHS.example ")
    assert response.status_code == 302 and response.location == CHECK_EMAIL
    assert "we have sent it a link" in page_text(client.get(CHECK_EMAIL))
    (email,) = outbox
    assert email.to == reviewer.email and email.subject == "Reset your NEDMatch password"
    assert (
        "Dear Test reviewer" in email.body and "works for 60 minutes, and only once" in email.body
    )
    [link] = links_to(outbox, reviewer)

    form = client.get(link)
    assert form.status_code == 200 and "Set a new password" in page_text(form)
    assert form.headers["Cache-Control"] == "no-store"
    assert parse_page(form).xpath("//meta[@name='referrer']/@content") == ["no-referrer"]
    assert can_sign_in(app, reviewer, TEAM_PASSWORD), "opening the link changes nothing"

    done = set_password(client, link, NEW_PASSWORD)
    assert done.status_code == 302 and done.location == "/team/sign-in"
    assert "Your password has been changed" in page_text(client.get("/team/sign-in"))
    assert can_sign_in(app, reviewer, NEW_PASSWORD)
    assert not can_sign_in(app, reviewer, TEAM_PASSWORD)
    (requested,) = events("password_reset_requested")
    assert (requested.actor, requested.object_id, requested.detail) == (
        "system",
        str(reviewer.id),
        {},
    )
    (changed,) = events("password_reset")
    assert (changed.actor, changed.object_id) == (f"team:{reviewer.id}", str(reviewer.id))


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("", "", "Enter a new password"),
        ("too short", "too short", "Password must be between 12 and 128 characters"),
        ("x" * 129, "x" * 129, "Password must be between 12 and 128 characters"),
        (NEW_PASSWORD, "", "Enter your new password again"),
        (
            NEW_PASSWORD,
            NEW_PASSWORD + "!",
            "The passwords do not match. Enter the same password twice",
        ),
    ],
)
def test_the_new_password_follows_the_password_rules(
    app: Flask,
    client: FlaskClient,
    reviewer: TeamUser,
    outbox: list[notifications.Email],
    password: str,
    confirm: str,
    message: str,
) -> None:
    link = link_for(client, outbox, reviewer)
    response = client.post(link, data={"password": password, "confirm": confirm})
    field = "confirm" if "again" in message or "match" in message else "password"
    assert_field_error(response, field, message)
    if password:  # a password is never written back into the page
        assert password not in response.get_data(as_text=True)
    assert can_sign_in(app, reviewer, TEAM_PASSWORD) and not events("password_reset")
    # The link still works after a mistake.
    assert set_password(client, link, NEW_PASSWORD).status_code == 302


def test_unknown_and_deactivated_addresses_get_the_same_page_and_no_email(
    client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    gone = make_team_user("admin")
    gone.active = False
    db.session.commit()
    pages = set()
    for address in (reviewer.email, "nobody.here@nhs.example", gone.email):
        response = ask(client, address)
        assert (response.status_code, response.location) == (302, CHECK_EMAIL), address
        pages.add(page_text(client.get(response.location)))
    assert len(pages) == 1
    assert [email.to for email in outbox] == [reviewer.email]
    requested = events("password_reset_requested")
    assert [(e.object_id, e.detail.get("reason")) for e in requested] == [
        (str(reviewer.id), None),
        ("", "unknown email"),
        ("", "deactivated"),
    ]
    assert all("nobody.here" not in str(e.detail) for e in requested)


def test_an_unknown_address_does_the_same_work(
    client: FlaskClient, reviewer: TeamUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A token and an email's text are made for every request, so the answer takes about as
    long either way; only the sending differs (queued when REDIS_URL is set)."""
    work: list[str] = []
    for name in ("make_token", "email_body"):
        real = getattr(password_reset, name)
        monkeypatch.setattr(
            password_reset, name, lambda *a, _n=name, _r=real: work.append(_n) or _r(*a)
        )
    for address in (reviewer.email, "nobody.here@nhs.example"):
        work.clear()
        ask(client, address)
        assert work == ["make_token", "email_body"], address


def test_the_link_works_once(
    app: Flask, client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    link = link_for(client, outbox, reviewer)
    assert set_password(client, link, NEW_PASSWORD).status_code == 302
    for response in (client.get(link), set_password(client, link, "yet another passphrase")):
        assert response.status_code == 200
        assert "This link has already been used" in page_text(response)
        assert "Ask for a new link" in page_text(response)
    assert can_sign_in(app, reviewer, NEW_PASSWORD)
    assert len(events("password_reset")) == 1


def test_a_new_password_ends_every_link_sent_before_it(
    app: Flask, client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    first, second = link_for(client, outbox, reviewer), link_for(client, outbox, reviewer)
    assert set_password(client, second, NEW_PASSWORD).status_code == 302
    assert "This link has already been used" in page_text(client.get(first))


def test_two_uses_of_one_link_at_once_change_the_password_once(
    client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    token = link_for(client, outbox, reviewer).rsplit("/", 1)[1]
    tab_one, tab_two = password_reset.load_token(token), password_reset.load_token(token)
    password_reset.set_new_password(tab_one, NEW_PASSWORD)
    db.session.commit()
    with pytest.raises(password_reset.ResetLinkError, match="already been used"):
        password_reset.set_new_password(tab_two, "yet another passphrase")
    db.session.rollback()
    assert passwords.verify_password(
        db.session.get(TeamUser, reviewer.id).password_hash, NEW_PASSWORD
    )


def test_the_link_expires_after_an_hour(
    app: Flask,
    client: FlaskClient,
    reviewer: TeamUser,
    outbox: list[notifications.Email],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    link = link_for(client, outbox, reviewer)
    sent = time.time()
    monkeypatch.setattr(time, "time", lambda: sent + 59 * 60)
    assert "Set a new password" in page_text(client.get(link))
    monkeypatch.setattr(time, "time", lambda: sent + 61 * 60)
    for response in (client.get(link), set_password(client, link, NEW_PASSWORD)):
        assert "This link has expired" in page_text(response)
    assert can_sign_in(app, reviewer, TEAM_PASSWORD)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "not-a-token",
        lambda token: token.split(".", 1)[1],
    ],
)
def test_a_damaged_link_is_not_valid(
    client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email], tamper: Any
) -> None:
    token = link_for(client, outbox, reviewer).rsplit("/", 1)[1]
    response = client.get(f"/team/reset-password/{tamper(token)}")
    assert "This link is not valid" in page_text(response)


def test_a_link_made_with_another_key_or_for_another_purpose_is_not_valid(
    app: Flask, client: FlaskClient, reviewer: TeamUser
) -> None:
    from nedmatch.services.platform.tokens import _serializer as return_links

    other_purpose = return_links().dumps({"u": reviewer.id, "p": "x"})
    assert "This link is not valid" in page_text(
        client.get(f"/team/reset-password/{other_purpose}")
    )


def test_a_deactivated_members_link_stops_working(
    client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    link = link_for(client, outbox, reviewer)
    reviewer.active = False
    db.session.commit()
    assert "This link is not valid" in page_text(client.get(link))


def test_a_new_password_signs_the_account_out_everywhere(
    app: Flask, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    elsewhere = app.test_client()
    sign_in(elsewhere, reviewer)
    assert elsewhere.get("/team/").status_code == 200
    here = app.test_client()
    assert set_password(here, link_for(here, outbox, reviewer), NEW_PASSWORD).status_code == 302
    response = elsewhere.get("/team/")
    assert response.status_code == 302 and response.location.startswith("/team/sign-in")


def test_a_locked_account_can_be_reset_and_is_unlocked(
    app: Flask, client: FlaskClient, reviewer: TeamUser, outbox: list[notifications.Email]
) -> None:
    for _ in range(lockout.LOCK_AFTER):
        app.test_client().post(
            "/team/sign-in", data={"email": reviewer.email, "password": "not the password"}
        )
    assert lockout.is_locked(db.session.get(TeamUser, reviewer.id), lockout.now())
    assert set_password(client, link_for(client, outbox, reviewer), NEW_PASSWORD).status_code == 302
    db.session.expire_all()
    user = db.session.get(TeamUser, reviewer.id)
    assert user.failed_logins == 0 and user.locked_until is None
    assert can_sign_in(app, reviewer, NEW_PASSWORD)


def test_the_pages_are_public(client: FlaskClient, reviewer: TeamUser) -> None:
    """The forgotten-password pages are public: the default-deny lets them through."""
    for url in (FORGOTTEN, CHECK_EMAIL, "/team/reset-password/anything"):
        assert client.get(url).status_code == 200, url


def test_no_log_line_carries_a_reset_token() -> None:
    assert redact("GET /team/reset-password/eyJ1IjoxfQ.aB3dEf HTTP/1.1") == (
        "GET /team/reset-password/[redacted] HTTP/1.1"
    )
    assert redact("GET /team/forgotten-password/check-your-email") == (
        "GET /team/forgotten-password/check-your-email"
    )


def test_sign_in_says_nothing_about_which_addresses_have_accounts(
    client: FlaskClient, reviewer: TeamUser
) -> None:
    """The same message, and the same page, for an unknown address, a wrong password and a
    deactivated account's right password (tests/auth/test_lockout.py adds a locked account
    and the timing)."""
    gone = make_team_user("admin")
    gone.active = False
    db.session.commit()
    pages = set()
    for email, password in (
        ("nobody.here@nhs.example", TEAM_PASSWORD),
        (reviewer.email, "not the password"),
        (gone.email, TEAM_PASSWORD),
    ):
        response = client.post("/team/sign-in", data={"email": email, "password": password})
        assert response.status_code == 200
        assert error_summary(response) == [("", SIGN_IN_FAILED)]
        pages.add(page_text(response).replace(email, "EMAIL"))
    assert len(pages) == 1
