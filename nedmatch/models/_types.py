"""Column helpers shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON


def utcnow() -> datetime:
    """Evaluated per row (not once at import), in UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


# JSON works on SQLite and PostgreSQL alike; lists and dicts of plain values only.
JSONType = JSON
