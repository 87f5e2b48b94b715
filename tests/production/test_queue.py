"""With REDIS_URL set, jobs and emails go to the RQ queue and a worker runs them, writing
progress to the same Job rows; without it, they run in-process (the rest of the suite)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from nedmatch.extensions import db
from nedmatch.models import Job
from nedmatch.services.platform import jobs, notifications
from tests.conftest import missing

# A Redis database per pytest-xdist worker (15, 14, ...): tests in two workers would
# otherwise empty, or run, each other's queued jobs.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{15 - _WORKER % 16}"
EMAIL = "nedmatch.services.platform.notifications:deliver"  # what an email job calls


@pytest.fixture
def queued(app: Flask) -> Iterator[Any]:
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisDown:
        missing(f"no Redis server at {REDIS_URL}: the queue is optional")
    app.config["REDIS_URL"] = REDIS_URL
    jobs_queue = jobs.queue()
    assert jobs_queue is not None
    jobs_queue.empty()
    yield jobs_queue
    jobs_queue.empty()
    app.config["REDIS_URL"] = None


def queued_with(jobs_queue: Any, *args: Any) -> int:
    """How many queued jobs were given these leading arguments. The app is shared by the
    tests of a worker process, so a thread left by an earlier test may queue its own work
    while REDIS_URL is set here: a test counts only its own jobs."""
    return sum(1 for job in jobs_queue.get_jobs() if tuple(job.args[: len(args)]) == args)


def run_worker(jobs_queue: Any) -> None:
    """What `flask jobs worker --burst` does, in this process so it sees the test database."""
    from rq import SimpleWorker

    SimpleWorker([jobs_queue], connection=jobs_queue.connection).work(burst=True)


def test_a_queued_job_is_run_by_the_worker_and_reports_on_its_row(
    app: Flask, queued: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(jobs, "run_in_thread", lambda *args: started.append(args))
    job = jobs.create_job("fit_model", "test")
    db.session.commit()
    jobs.submit(job.id, "fit_model")
    # Not in this process: on the queue.
    assert started == [] and queued_with(queued, job.id, "fit_model") == 1
    run_worker(queued)
    db.session.expire_all()
    finished = db.session.get(Job, job.id)
    assert finished.status == "done"
    assert "nothing to fit" in finished.message  # no candidates yet


def test_emails_are_sent_by_the_worker(app: Flask, queued: Any) -> None:
    app.config["MAIL_BACKEND"] = "log"
    sent: list[tuple[str, str, str]] = []
    original = notifications.deliver
    try:
        notifications.deliver = lambda *args: sent.append(args)  # type: ignore[assignment]
        notifications.send_email("someone@example.com", "Subject", "Body")
        assert sent == [] and queued_with(queued, EMAIL, "someone@example.com") == 1
        run_worker(queued)
        assert [s for s in sent if s[0] == "someone@example.com"] == [
            ("someone@example.com", "Subject", "Body")
        ]
    finally:
        notifications.deliver = original  # type: ignore[assignment]
        app.config["MAIL_BACKEND"] = "memory"


def test_emails_with_files_are_sent_by_the_worker(app: Flask, queued: Any) -> None:
    app.config["MAIL_BACKEND"] = "log"
    sent: list[tuple[Any, ...]] = []
    invite = notifications.Attachment("interview.ics", "text/calendar", b"BEGIN:VCALENDAR")
    original = notifications.deliver
    try:
        notifications.deliver = lambda *args: sent.append(args)  # type: ignore[assignment]
        notifications.send_email("someone@example.com", "Subject", "Body", [invite])
        assert sent == [] and queued_with(queued, EMAIL, "someone@example.com") == 1
        run_worker(queued)
        [(to, subject, body, files)] = [s for s in sent if s[0] == "someone@example.com"]
        assert (to, subject, body) == ("someone@example.com", "Subject", "Body")
        assert [notifications.Attachment.from_plain(f) for f in files] == [invite]
    finally:
        notifications.deliver = original  # type: ignore[assignment]
        app.config["MAIL_BACKEND"] = "memory"


def test_without_redis_jobs_run_in_this_process(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(jobs, "run_in_thread", lambda *args: started.append(args))
    job = jobs.create_job("fit_model", "test")
    db.session.commit()
    jobs.submit(job.id, "fit_model")
    assert [args[0] for args in started] == [job.id]
