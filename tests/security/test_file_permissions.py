"""The development database and the instance folder are private to the account that runs
the service: the SQLite file holds candidates' personal data and monitoring answers."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from nedmatch import create_app
from nedmatch.extensions import db


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask_and_logging() -> Iterator[None]:
    """The common umask (022: new files readable by everyone) and, afterwards, the test
    run's logging (a development app sets up a server's)."""
    old_umask = os.umask(0o022)
    logger = logging.getLogger("nedmatch")
    level, root_handlers = logger.level, list(logging.getLogger().handlers)
    yield
    os.umask(old_umask)
    logger.setLevel(level)
    logging.getLogger().handlers[:] = root_handlers


def development_app(instance: Path, **settings: object) -> object:
    settings.setdefault("SQLALCHEMY_DATABASE_URI", None)  # the default: instance/nedmatch.db
    app = create_app("development", instance_path=str(instance), **settings)
    with app.app_context():
        db.create_all()
        db.session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        db.session.execute(text("INSERT INTO scratch VALUES (1)"))
        db.session.commit()
        db.engine.dispose()
    return app


def test_the_development_database_and_instance_folder_are_private(tmp_path: Path) -> None:
    instance = tmp_path / "instance"

    development_app(instance)

    database = instance / "nedmatch.db"
    assert database.stat().st_size > 0  # SQLite wrote to the file we made
    assert mode(database) == 0o600
    assert mode(instance) == 0o700
    for name in ("secret_key", "monitoring_key", "cv_encryption_key"):
        assert mode(instance / name) == 0o600
    others = [p.name for p in instance.iterdir() if p.is_file() and mode(p) & 0o077]
    assert others == []


def test_a_database_made_before_is_made_private(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    database = instance / "nedmatch.db"
    database.touch(mode=0o644)
    os.chmod(instance, 0o755)  # noqa: S103 - the loose mode the app must tighten
    os.chmod(database, 0o644)

    development_app(instance)

    assert mode(database) == 0o600
    assert mode(instance) == 0o700
    assert "could be read by other accounts (644); it is now 600" in caplog.text


def test_a_sqlite_database_url_elsewhere_is_private_too(tmp_path: Path) -> None:
    database = tmp_path / "elsewhere" / "nedmatch.db"
    database.parent.mkdir()

    development_app(tmp_path / "instance", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}")

    assert mode(database) == 0o600
