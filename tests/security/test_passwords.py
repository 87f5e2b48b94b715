"""Team passwords: argon2id, and a maximum length so a huge password cannot tie up a CPU."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from nedmatch.models import TeamUser
from nedmatch.services.platform import passwords
from tests.conftest import TEAM_PASSWORD, page_text


def test_passwords_are_hashed_with_argon2id() -> None:
    hashed = passwords.hash_password("a long enough password")
    assert hashed.startswith("$argon2id$")
    assert "a long enough password" not in hashed
    assert passwords.verify_password(hashed, "a long enough password")
    assert not passwords.verify_password(hashed, "a long enough passwort")


def test_stored_team_passwords_are_argon2id(reviewer: TeamUser) -> None:
    assert reviewer.password_hash.startswith("$argon2id$")


@pytest.mark.parametrize("length", [passwords.MAX_LENGTH + 1, 100_000])
def test_a_password_over_the_maximum_cannot_be_set(length: int) -> None:
    with pytest.raises(ValueError, match="128"):
        passwords.hash_password("x" * length)


def test_the_maximum_length_itself_is_allowed() -> None:
    hashed = passwords.hash_password("x" * passwords.MAX_LENGTH)
    assert passwords.verify_password(hashed, "x" * passwords.MAX_LENGTH)


def test_an_overlong_password_is_refused_without_hashing_it(
    monkeypatch: pytest.MonkeyPatch, reviewer: TeamUser
) -> None:
    class Refusing:
        def verify(self, *args: object) -> bool:
            raise AssertionError("an overlong password reached the hasher")

    monkeypatch.setattr(passwords, "_hasher", Refusing())
    assert not passwords.verify_password(reviewer.password_hash, "x" * 1_000_000)


def test_signing_in_with_a_huge_password_gets_a_message(
    client: FlaskClient, reviewer: TeamUser
) -> None:
    response = client.post(
        "/team/sign-in", data={"email": reviewer.email, "password": TEAM_PASSWORD * 10_000}
    )
    assert response.status_code == 200
    assert "Password must be 128 characters or fewer" in page_text(response)
    assert "/team/" not in (response.location or "")
