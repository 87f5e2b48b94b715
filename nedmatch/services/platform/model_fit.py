"""Refitting the matching model on request: one fit at a time, run as a background job."""

from __future__ import annotations

from ...actors import Actor
from ...models import Job
from . import audit, jobs

KIND = "fit_model"


def request_fit(actor: Actor) -> tuple[Job, bool]:
    """The fit under way, or a new one queued by ``actor`` (True) with its audit record.
    The caller commits, then `start`s a new one: the worker reads the job's row."""
    running = jobs.latest_running(KIND)
    if running is not None:
        return running, False
    job = jobs.create_job(KIND, str(actor))
    audit.record(actor, "model_fit_started", "job", job.id)
    return job, True


def start(job: Job) -> None:
    jobs.submit(job.id, KIND)
