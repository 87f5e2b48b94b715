"""With REDIS_URL set, jobs and emails go to the RQ queue and a worker runs them, writing
progress to the same Job rows; without it, they run in-process (the rest of the suite)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from nedmatch.extensions import db
from nedmatch.models import Job
from nedmatch.services.platform import jobs, notifications
from tests.conftest import missing

REDIS_URL = "redis://127.0.0.1:6379/15"


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
    assert started == [] and queued.count == 1  # not in this process: on the queue
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
        assert sent == [] and queued.count == 1
        run_worker(queued)
        assert sent == [("someone@example.com", "Subject", "Body")]
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
        assert sent == [] and queued.count == 1
        run_worker(queued)
        [(to, subject, body, files)] = sent
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
