"""The Alembic migrations build the schema the models describe, and can be undone, on a
fresh SQLite file and, when TEST_DATABASE_URL is PostgreSQL, on a database of their own."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from config import BASE_DIR
from nedmatch import create_app
from nedmatch.extensions import db

MIGRATIONS = str(BASE_DIR / "migrations")


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """Alembic's env.py runs logging.config.fileConfig, which disables every logger that
    exists and replaces the root logger's handlers: put them back for the tests after us."""
    root = logging.getLogger()
    root_state = (root.level, list(root.handlers))
    loggers = {
        name: (logger.disabled, logger.level, list(logger.handlers), logger.propagate)
        for name, logger in logging.Logger.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    yield
    root.setLevel(root_state[0])
    root.handlers[:] = root_state[1]
    for name, logger in logging.Logger.manager.loggerDict.items():
        if not isinstance(logger, logging.Logger):
            continue
        if name in loggers:
            logger.disabled, logger.level, handlers, logger.propagate = loggers[name]
            logger.handlers[:] = handlers
        else:
            logger.handlers.clear()
            logger.disabled = False


def schema_differences() -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, db.metadata))


def table_names() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


def upgrade_downgrade_upgrade(url: str) -> None:
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    model_tables = set(db.metadata.tables)
    with app.app_context():
        try:
            assert table_names() == set()

            upgrade(directory=MIGRATIONS)
            assert table_names() == model_tables | {"alembic_version"}
            assert schema_differences() == []

            downgrade(directory=MIGRATIONS, revision="base")
            assert table_names() <= {"alembic_version"}

            upgrade(directory=MIGRATIONS)
            assert schema_differences() == []
            with db.engine.connect() as connection:
                heads = MigrationContext.configure(connection).get_current_heads()
            assert len(heads) == 1
        finally:
            db.engine.dispose()


def test_migrations_on_a_fresh_sqlite_file(tmp_path: Path) -> None:
    upgrade_downgrade_upgrade(f"sqlite:///{tmp_path / 'migrations.db'}")


@pytest.mark.postgres
def test_migrations_on_a_fresh_postgresql_database() -> None:
    server = os.environ.get("TEST_DATABASE_URL", "")
    if not server.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not a PostgreSQL database")
    url = sa.make_url(server).set(drivername="postgresql+psycopg")
    name = f"nedmatch_migrations_{secrets.token_hex(4)}"
    # A database of its own, so the tables the rest of the suite uses are not touched.
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            upgrade_downgrade_upgrade(url.set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
