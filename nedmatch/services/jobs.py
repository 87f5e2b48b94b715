"""Long work with visible progress: a rich bar on the command line, a status page in the
browser. Without a job queue (Redis), web-started jobs run in a thread of this process."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from flask import Flask, current_app
from rich.progress import Progress, TaskID
from sqlalchemy import update

from ..extensions import db
from ..models import Job
from ..models._types import utcnow


class Reporter(Protocol):
    """What long work calls to say how far it has got."""

    def step(self, name: str, total: int = 0) -> None: ...

    def advance(self, amount: int = 1) -> None: ...


class ConsoleReporter:
    """A rich progress bar per step, for `flask` commands."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def step(self, name: str, total: int = 0) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total or 1)
        self._task = self._progress.add_task(name, total=total or None)

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)


@contextmanager
def console_reporter() -> Iterator[ConsoleReporter]:
    with Progress() as progress:
        yield ConsoleReporter(progress)


class JobReporter:
    """Writes progress to the job's row through its own connection, so the work's session
    (and its transaction) is never committed half-way by a progress update."""

    # Write at most this often, so a tight loop does not hammer the database.
    EVERY = 200

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._done = 0
        self._unsaved = 0

    def _write(self, **values: object) -> None:
        with db.engine.begin() as connection:
            connection.execute(update(Job).where(Job.id == self.job_id).values(**values))

    def step(self, name: str, total: int = 0) -> None:
        self._done = 0
        self._unsaved = 0
        self._write(step=name, total=total, done=0, status="running")

    def advance(self, amount: int = 1) -> None:
        self._done += amount
        self._unsaved += amount
        if self._unsaved >= self.EVERY:
            self._unsaved = 0
            self._write(done=self._done)


def create_job(kind: str, actor: str) -> Job:
    job = Job(kind=kind, started_by=actor)
    db.session.add(job)
    db.session.flush()
    return job


def latest_running(kind: str) -> Job | None:
    return db.session.execute(
        db.select(Job)
        .where(Job.kind == kind, Job.status.in_(["queued", "running"]))
        .order_by(Job.id.desc())
    ).scalar_one_or_none()


def run_in_thread(job_id: int, work: Callable[[JobReporter], str]) -> threading.Thread:
    """Run `work` for a committed job in a background thread with its own app context."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]

    def target() -> None:
        with app.app_context():
            run_job(job_id, work)

    thread = threading.Thread(target=target, name=f"job-{job_id}", daemon=True)
    thread.start()
    return thread


def run_job(job_id: int, work: Callable[[JobReporter], str]) -> None:
    reporter = JobReporter(job_id)
    try:
        message = work(reporter)
    except Exception as error:  # the status page must say it failed, whatever the cause
        db.session.rollback()
        current_app.logger.exception("Job %s failed", job_id)
        reporter._write(status="failed", message=f"It failed: {error}", finished_at=utcnow())
    else:
        reporter._write(status="done", message=message, finished_at=utcnow())
    finally:
        db.session.remove()
