"""`flask fppt remind`: the annual fit and proper person re-check reminders (run daily
from cron; each reminder goes once per due date)."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup

from ...extensions import db
from ...services.fppt import due

fppt_cli = AppGroup("fppt", help="Fit and proper person checks.")


@fppt_cli.command("remind")
def remind() -> None:
    """Remind appointees whose annual re-check is due, and send administrators the list."""
    sent = due.send_reminders(date.today())
    db.session.commit()
    click.echo(
        f"Reminded {sent.members} board {'member' if sent.members == 1 else 'members'}; "
        f"sent the list of re-checks due to {sent.team} "
        f"{'administrator' if sent.team == 1 else 'administrators'}."
    )


def register(app: Flask) -> None:
    app.cli.add_command(fppt_cli)
