"""`flask jobs worker`: runs queued refits, report PDFs and emails (needs REDIS_URL)."""

from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs on the Redis queue.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for scripts).")
def worker(burst: bool) -> None:
    """Run queued jobs until stopped. Start as many as the work needs, on any server."""
    from rq import Worker

    from .services.platform import jobs

    jobs_queue = jobs.queue()
    if jobs_queue is None:
        raise click.ClickException(
            "REDIS_URL is not set: without a queue the web app runs jobs itself."
        )
    # The app context pushed by `flask` is inherited by each job's forked process, so the
    # jobs run with this app's configuration (see jobs.worker_app).
    jobs.worker_pid = os.getpid()
    current_app.logger.info("Worker listening on queue %r", jobs_queue.name)
    Worker([jobs_queue], connection=jobs_queue.connection).work(burst=burst)


def register(app: Flask) -> None:
    app.cli.add_command(jobs_cli)
