"""Databases for benchmarks: a throwaway PostgreSQL database, or SQLite when none answers."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from sqlalchemy.engine import make_url

SERVER = "postgresql://postgres@127.0.0.1:5432"


@contextlib.contextmanager
def database(
    url: str | None, folder: Path, console: Console, prefix: str = "nedmatch_bench"
) -> Iterator[tuple[str, str]]:
    """(SQLAlchemy URL, description): ``url`` if given; otherwise a fresh PostgreSQL
    database on the local server, dropped afterwards, or a SQLite file in ``folder`` when
    PostgreSQL does not answer (the description says so)."""
    if url:
        yield url, make_url(url).get_backend_name()
        return
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        console.print(
            f"[yellow]PostgreSQL at {SERVER} did not answer ({str(error).strip()}); "
            "falling back to SQLite.[/yellow]"
        )
        yield f"sqlite:///{folder / 'benchmark.db'}", "sqlite (fallback)"
        return
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", f"postgresql ({name})"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        console.print(f"Dropped the benchmark database {name}.")
