"""`flask users create`, and production refusing to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from flask.testing import FlaskClient

from config import BASE_DIR
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, TeamUser
from nedmatch.services.platform.passwords import verify_password

EMAIL = "appointments.lead@nhs.example"
PASSWORD = "a long enough passphrase"


def create(runner: Any, *args: str) -> Any:
    return runner.invoke(args=["users", "create", "--email", EMAIL, "--name", "Jo Lead", *args])


def the_user() -> TeamUser:
    return db.session.execute(db.select(TeamUser).filter_by(email=EMAIL)).scalar_one()


def test_creates_an_admin_with_an_argon2id_hash(runner: Any, client: FlaskClient) -> None:
    result = create(runner, "--role", "admin", "--password", PASSWORD)

    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Created admin {EMAIL}"
    user = the_user()
    assert user.role == "admin" and user.name == "Jo Lead"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert verify_password(user.password_hash, PASSWORD)
    assert db.session.execute(
        db.select(AuditEvent.action).filter_by(object_id=str(user.id))
    ).scalars().all() == ["team_user_created"]
    # The new admin can sign in and reach an admin page.
    signed_in = client.post("/team/sign-in", data={"email": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/team/vacancies/new").status_code == 200


def test_the_email_address_is_stored_in_lower_case(runner: Any) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            " Appointments.Lead@NHS.example ",
            "--name",
            "Jo Lead",
            "--password",
            PASSWORD,
        ]
    )

    assert result.exit_code == 0, result.output
    assert the_user().role == "reviewer"  # the default role


def test_a_generated_password_is_shown_once_and_works(runner: Any) -> None:
    result = create(runner)

    assert result.exit_code == 0
    assert result.output.startswith(f"Created reviewer {EMAIL} with password ")
    password = result.output.rsplit(" ", 1)[1].strip()
    assert len(password) >= 12
    assert verify_password(the_user().password_hash, password)


@pytest.mark.parametrize("password", ["short", "x" * 11, "x" * 129])
def test_refuses_a_password_of_the_wrong_length(runner: Any, password: str) -> None:
    result = create(runner, "--password", password)

    assert result.exit_code == 2
    assert "Invalid value for --password: A password must be 12 to 128 characters long" in (
        result.output
    )
    assert "Traceback" not in result.output
    assert db.session.execute(db.select(TeamUser)).first() is None


def test_refuses_an_unknown_role(runner: Any) -> None:
    result = create(runner, "--role", "superuser", "--password", PASSWORD)

    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
    assert db.session.execute(db.select(TeamUser)).first() is None


def test_resets_an_existing_user(runner: Any, client: FlaskClient) -> None:
    assert create(runner, "--password", PASSWORD).exit_code == 0
    user = the_user()
    user.failed_logins = 10  # locked out
    db.session.commit()
    old_hash = user.password_hash

    result = create(runner, "--role", "admin", "--password", "a brand new passphrase")

    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Updated admin {EMAIL}"
    db.session.expire_all()
    user = the_user()
    assert user.password_hash != old_hash
    assert verify_password(user.password_hash, "a brand new passphrase")
    assert not verify_password(user.password_hash, PASSWORD)
    assert (user.role, user.failed_logins) == ("admin", 0)
    assert db.session.execute(db.select(db.func.count()).select_from(TeamUser)).scalar() == 1
    assert "team_user_reset" in db.session.execute(db.select(AuditEvent.action)).scalars().all()
    signed_in = client.post(
        "/team/sign-in", data={"email": EMAIL, "password": "a brand new passphrase"}
    )
    assert signed_in.status_code == 302


PRODUCTION_VARIABLES = ("SECRET_KEY", "DATABASE_URL", "MONITORING_KEY", "CV_ENCRYPTION_KEY")


def start_production(**env: str) -> subprocess.CompletedProcess[str]:
    """Start the app in a new interpreter, because config.py reads the environment once,
    when it is imported, as a server process does."""
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    clean.pop("NEDMATCH_CONFIG", None)
    code = "from nedmatch import create_app; create_app('production'); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "present",
    [(), ("SECRET_KEY", "DATABASE_URL")],
    ids=["none-set", "monitoring-key-missing"],
)
def test_production_refuses_to_start_without_its_secrets(present: tuple[str, ...]) -> None:
    values = {"SECRET_KEY": "s" * 64, "DATABASE_URL": "postgresql://db/nedmatch"}

    result = start_production(**{name: values[name] for name in present})

    assert result.returncode != 0
    assert "started" not in result.stdout
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("RuntimeError: Production needs these environment variables:")
    missing = [name for name in PRODUCTION_VARIABLES if name not in present]
    assert last_line.endswith(", ".join(missing))
    for name in present:
        assert name not in last_line
