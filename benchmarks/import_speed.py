"""Benchmark: importing a talent list of 50,000 rows (issue 16: under 2 minutes).

Run from the repository root:
    python -m benchmarks.import_speed [--rows 50000] [--postgres]

A generated file (nedmatch.demo.import_file: one row in 25 with a problem of some kind,
one in 40 a duplicate of an earlier row) is checked (the preview) and imported (new people
added, duplicates skipped, nobody emailed) through the same job functions the pages run,
into a fresh SQLite database (or, with --postgres, a throwaway database on the local
server). The baseline, measured in the same run on the same database, is the least any
import must do: parse the CSV with the standard library and bulk-insert the same number of
bare candidate rows with one executemany. The ratio shows what checking every value,
finding duplicates and writing full profiles cost on top of that.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import secrets
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import delete, func, insert, select

from benchmarks.databases import database
from nedmatch import create_app
from nedmatch.demo import import_file
from nedmatch.extensions import db
from nedmatch.models import Candidate, ImportBatch, TeamUser
from nedmatch.services.imports import running
from nedmatch.services.platform import artifacts
from nedmatch.services.platform.passwords import hash_password

GOAL_SECONDS = 120.0


class _Quiet:
    def step(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


def baseline(data: bytes) -> float:
    """Parse the CSV and bulk-insert bare rows: the floor under any import."""
    start = time.perf_counter()
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    next(reader)
    values = [
        {
            "email": f"baseline-{i}-{row[0]}",
            "first_name": row[1],
            "last_name": row[2],
            "public_id": secrets.token_urlsafe(16),
        }
        for i, row in enumerate(reader)
    ]
    db.session.execute(insert(Candidate), values)
    db.session.commit()
    took = time.perf_counter() - start
    db.session.execute(delete(Candidate).where(Candidate.email.like("baseline-%")))
    db.session.commit()
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, not SQLite")
    args = parser.parse_args(argv)
    console = Console()
    people, planted = import_file.rows(args.rows)
    data = import_file.to_csv(people)
    console.print(
        f"{args.rows:,} rows ({len(data) / 1e6:.1f} MB): {planted.problems:,} with a problem, "
        f"{planted.duplicates:,} duplicates, {planted.clean:,} to add."
    )
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        if args.postgres:
            url, described = stack.enter_context(database(None, Path(folder), console))
        else:
            url, described = f"sqlite:///{Path(folder) / 'import.db'}", "sqlite"
        app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, MAIL_BACKEND="memory")
        app.instance_path = folder
        with app.app_context():
            db.create_all()
            admin = TeamUser(
                email="bench@example.com",
                name="Benchmark",
                role="admin",
                password_hash=hash_password(secrets.token_urlsafe(16)),
            )
            db.session.add(admin)
            db.session.commit()
            base_s = baseline(data)

            batch = ImportBatch(
                filename="people.csv",
                consent_source="Benchmark list",
                tell_people=False,
                created_by=admin.id,
            )
            db.session.add(batch)
            db.session.commit()
            artifacts.put_file(f"import-{batch.id}-people", "people.csv", data, "text/csv")
            start = time.perf_counter()
            running.check_work(batch.id)(_Quiet())
            check_s = time.perf_counter() - start
            batch = db.session.get(ImportBatch, batch.id)
            assert batch is not None and batch.summary["problem_rows"] == planted.problems
            batch.duplicates = "skip"
            db.session.commit()
            start = time.perf_counter()
            running.import_work(batch.id)(_Quiet())
            import_s = time.perf_counter() - start
            added = db.session.execute(
                select(func.count())
                .select_from(Candidate)
                .where(Candidate.imported_from == batch.id)
            ).scalar_one()
            assert added == planted.clean, (added, planted.clean)

    total = check_s + import_s
    table = Table(title=f"Importing {args.rows:,} rows ({described})")
    for column in ("step", "seconds", "rows a second", "x baseline"):
        table.add_column(column, justify="right" if column != "step" else "left")
    table.add_row(
        "baseline: csv.reader + one executemany",
        f"{base_s:.1f}",
        f"{args.rows / base_s:,.0f}",
        "1.0",
    )
    table.add_row(
        "check (the preview)",
        f"{check_s:.1f}",
        f"{args.rows / check_s:,.0f}",
        f"{check_s / base_s:.1f}",
    )
    table.add_row(
        "import (add, skip duplicates)",
        f"{import_s:.1f}",
        f"{args.rows / import_s:,.0f}",
        f"{import_s / base_s:.1f}",
    )
    table.add_row(
        "check + import", f"{total:.1f}", f"{args.rows / total:,.0f}", f"{total / base_s:.1f}"
    )
    console.print(table)
    met = total <= GOAL_SECONDS
    console.print(
        f"Goal: {args.rows:,} rows in {GOAL_SECONDS:.0f} s or less: "
        + ("[green]met[/green]" if met else "[red]not met[/red]")
        + f" ({total:.1f} s; {added:,} people added)."
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
