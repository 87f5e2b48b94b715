"""Long work with visible progress: a rich bar on the command line, a status page in the
browser. Web-started jobs run on the RQ queue when REDIS_URL is set (see submit), else in a
thread of this process."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from flask import Flask, current_app, has_app_context
from rich.progress import Progress, TaskID
from sqlalchemy import update

from ...extensions import db
from ...models import Job
from ...models._types import utcnow


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


# Where background work runs -------------------------------------------------------------
#
# With REDIS_URL set, work goes on an RQ queue and a worker process (`flask jobs worker`)
# runs it, writing progress to the same Job rows the status pages read; without it, the
# web process runs the work in a thread, as before. Either way a job is named by its kind
# and keyword arguments, so the same work runs in both places.

QUEUE_NAME = "nedmatch"
# A refit of a large pool takes minutes; RQ's default of three minutes is too short.
JOB_TIMEOUT_SECONDS = 60 * 60


def work_for(job_id: int, kind: str, kwargs: dict[str, Any]) -> Callable[[Reporter], str]:
    """The work behind a job kind. Imported here: these modules import this one."""
    if kind == "fit_model":
        from .. import matching

        return matching.fit
    if kind == "diversity_pdf":
        from ...reports import downloads

        return downloads.pdf_work(job_id, **kwargs)
    if kind in {"import_check", "import_run"}:
        from ..imports import running

        make = running.check_work if kind == "import_check" else running.import_work
        return make(**kwargs)
    raise ValueError(f"No background work is called {kind!r}.")


def queue() -> Any | None:
    """The RQ queue when REDIS_URL is configured, else None (work runs in-process)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    from rq import Queue

    return Queue(QUEUE_NAME, connection=_redis(url))


_connections: dict[str, Any] = {}


def _redis(url: str) -> Any:
    """One client (and its connection pool) per URL per process, not one per request."""
    from redis import Redis

    if url not in _connections:
        _connections[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    return _connections[url]


def submit(job_id: int, kind: str, **kwargs: Any) -> None:
    """Run a committed job's work on the queue, or in a thread of this process."""
    work = work_for(job_id, kind, kwargs)  # fails here, in the request, if kind is unknown
    jobs_queue = queue()
    if jobs_queue is not None:
        try:
            jobs_queue.enqueue(
                run_queued,
                job_id,
                kind,
                kwargs,
                job_timeout=JOB_TIMEOUT_SECONDS,
                description=f"{kind} job {job_id}",
            )
            return
        except Exception:  # Redis down: the work still gets done, here
            current_app.logger.exception("Could not queue job %s; running it here", job_id)
    run_in_thread(job_id, work)


def enqueue_call(function_path: str, *args: Any) -> bool:
    """Queue a plain call ("module:function", e.g. sending an email) when a queue is
    configured; False means the caller should do it now."""
    jobs_queue = queue()
    if jobs_queue is None:
        return False
    try:
        jobs_queue.enqueue(call_in_app, function_path, *args, job_timeout=120, retry=_retry())
    except Exception:  # Redis down: the caller does the work inline instead
        current_app.logger.exception("Could not queue %s; doing it now", function_path)
        return False
    return True


def _retry() -> Any:
    from rq import Retry

    # Mail services have bad minutes: try again after 10 s, 1 min and 5 min.
    return Retry(max=3, interval=[10, 60, 300])


_worker_app: Flask | None = None
# Set by `flask jobs worker`: the process whose app (and connection pool) jobs inherit.
worker_pid: int | None = None


def worker_app() -> Flask:
    """The app for code run by an RQ worker: the one whose context the worker was started
    in (`flask jobs worker`), else one built from the environment (`rq worker`)."""
    global _worker_app
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]
    if _worker_app is None:
        from ... import create_app

        _worker_app = create_app()
    return _worker_app


def run_queued(job_id: int, kind: str, kwargs: dict[str, Any]) -> None:
    """What an RQ worker runs: the job's work, with progress written to its row."""
    app = worker_app()
    with app.app_context():
        if worker_pid is not None and os.getpid() != worker_pid:
            # RQ forks a process per job: connections copied from the worker are not ours
            # to use (or close), so start with a pool of our own.
            db.engine.dispose(close=False)
        run_job(job_id, work_for(job_id, kind, kwargs))


def call_in_app(function_path: str, *args: Any) -> None:
    """What an RQ worker runs for a queued call: `module:function` inside the app."""
    module_name, _, name = function_path.partition(":")
    function = getattr(__import__(module_name, fromlist=[name]), name)
    with worker_app().app_context():
        function(*args)
