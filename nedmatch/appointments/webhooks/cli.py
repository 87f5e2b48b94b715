"""`flask webhooks deliver`: send the deliveries that are due (from cron, e.g. every
minute, so retries go on time when the service has no visitors)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from ...services.webhooks import delivery

webhooks_cli = AppGroup("webhooks", help="Events sent to other systems.")


@webhooks_cli.command("deliver")
def deliver() -> None:
    """Send every webhook delivery that is due, and say what happened."""
    sent = delivery.send_due()
    forgotten = delivery.forget_finished()
    click.echo(
        f"Delivered {sent.delivered}; {sent.retrying} to try again later; {sent.failed} failed."
        + (f" Deleted {forgotten} finished more than 30 days ago." if forgotten else "")
    )


def register(app: Flask) -> None:
    app.cli.add_command(webhooks_cli)
