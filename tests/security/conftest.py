"""An application built with the protections the rest of the suite switches off (CSRF, rate
limits), on its own database when the suite runs on SQLite, or on the same PostgreSQL
database (its rows are deleted afterwards, as the `app` fixture does)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from nedmatch import create_app
from nedmatch.extensions import db
from tests.conftest import RequestContextClient

AppFactory = Callable[..., Flask]


def _delete_rows() -> None:
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()


@pytest.fixture
def make_app(app: Flask, tmp_path: Path) -> Iterator[AppFactory]:
    """make_app(config="testing", **settings): a fresh app whose context stays pushed for the
    test. Its rate-limit counters start at zero (Flask-Limiter's memory storage is made anew
    for each app)."""
    contexts: list[Any] = []
    logger = logging.getLogger(app.logger.name)
    level, root_handlers = logger.level, list(logging.getLogger().handlers)

    def build(config: str = "testing", **settings: Any) -> Flask:
        settings.setdefault("UPLOAD_FOLDER", str(tmp_path / "uploads"))
        settings.setdefault("MODEL_FOLDER", str(tmp_path / "model"))
        built = create_app(config, **settings)
        built.instance_path = str(tmp_path)
        built.test_client_class = RequestContextClient
        context = built.app_context()
        context.push()
        contexts.append(context)
        db.create_all()  # a new SQLite in-memory database; a no-op on PostgreSQL
        return built

    yield build
    for context in reversed(contexts):
        _delete_rows()
        db.engine.dispose()
        context.pop()
    # A production app configures logging for a server; put the test run's back.
    logger.setLevel(level)
    logging.getLogger().handlers[:] = root_handlers
