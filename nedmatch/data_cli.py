"""`flask data ...` (retention, reminders, CV encryption) and `flask candidate ...`
(requests received outside the service). Nothing here prints anyone's name or address:
output gives counts, record numbers and application references."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from .extensions import db
from .models import Candidate, CVDocument
from .services.applications import cv
from .services.platform.jobs import console_reporter
from .services.privacy import data_rights, retention

data_cli = AppGroup("data", help="Retention and protection of candidates' personal data.")
candidate_cli = AppGroup(
    "candidate", help="Requests about one candidate's data received by letter, email or phone."
)


def _list(items: list[object], limit: int = 50) -> str:
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


@data_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be erased; change nothing.")
def purge(dry_run: bool) -> None:
    """Erase personal data whose retention period has ended.

    Each candidate is erased in a transaction of their own, so the command can be stopped
    at any point and run again; a second run finds nothing more to do.
    """
    with console_reporter() as reporter:
        result = retention.purge(dry_run=dry_run, reporter=reporter)
    verb = "Would" if dry_run else "Did"
    click.echo(
        f"{verb} erase {len(result.erased)} candidate(s)"
        + (f": records {_list(list(result.erased))}" if result.erased else "")
    )
    click.echo(
        f"{verb} remove the pool profile of {len(result.profiles_removed)} appointed "
        "candidate(s)"
        + (f": records {_list(list(result.profiles_removed))}" if result.profiles_removed else "")
    )
    click.echo(
        f"{verb} anonymise {len(result.anonymised)} application(s)"
        + (f": {_list(list(result.anonymised))}" if result.anonymised else "")
    )
    click.echo(f"{verb} delete {result.drafts_deleted} unsubmitted draft(s)")
    if not dry_run:
        click.echo(
            f"Removed {result.model_swept} erased candidate(s) from the matching model and "
            f"{result.orphan_files} CV file(s) no record points to."
        )


@data_cli.command("remind")
def remind() -> None:
    """Email pool members whose profile will be deleted within a month (once each)."""
    with console_reporter() as reporter:
        sent = retention.send_reminders(reporter=reporter)
    click.echo(f"Sent {sent} reminder(s).")


@data_cli.command("encrypt-cvs")
def encrypt_cvs() -> None:
    """Encrypt CV files saved before encryption, and re-encrypt under the first key when
    CV_ENCRYPTION_KEY lists more than one (key rotation). Safe to run again."""
    names = list(db.session.execute(db.select(CVDocument.storage_name)).scalars())
    encrypted, rotated = cv.encrypt_stored(names)
    click.echo(f"Encrypted {encrypted} plain CV file(s); re-encrypted {rotated} under the new key.")


def _find(email: str) -> Candidate:
    candidate = data_rights.find_by_email(email)
    if candidate is None:
        raise click.ClickException(
            "No candidate has this email address. It must be the exact address they used."
        )
    return candidate


@candidate_cli.command("export")
@click.argument("email")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the ZIP file (default: nedmatch-data-<record>.zip here).",
)
@click.option("--reason", default="Request received outside the service", show_default=True)
def export_candidate(email: str, output: Path | None, reason: str) -> None:
    """Write a copy of everything held about a candidate to a ZIP file."""
    candidate = _find(email)
    path = output or Path(f"nedmatch-data-{candidate.id}.zip")
    data = data_rights.download(candidate, "system:cli", by_team=True, reason=reason)
    # Readable by this user only: the file holds the person's personal data.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    db.session.commit()
    click.echo(f"Wrote the data of record {candidate.id} to {path} ({len(data):,} bytes).")


@candidate_cli.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--reason", default="Request received outside the service", show_default=True)
def erase_candidate(email: str, yes: bool, reason: str) -> None:
    """Erase a candidate's personal data, keeping anonymous stages and monitoring answers."""
    candidate = _find(email)
    if not yes:
        click.confirm(
            f"Erase record {candidate.id} ({len(candidate.applications)} application(s))? "
            "This cannot be undone",
            abort=True,
        )
    result = data_rights.erase(candidate, "system:cli", reason)
    db.session.commit()
    if result.full:
        click.echo(f"Erased record {result.candidate_id}.")
    else:
        click.echo(
            f"Erased record {result.candidate_id} except its appointment, which is kept as a "
            "public office record."
        )


def register(app: Flask) -> None:
    app.cli.add_command(data_cli)
    app.cli.add_command(candidate_cli)
