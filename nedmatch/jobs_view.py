"""One status view for long work: the JSON the status pages poll, and the template partial
(`_job_status.html`) that shows the same fields before the script takes over."""

from __future__ import annotations

from typing import Any

from .extensions import db
from .models import JOB_STATUSES, Job


def status_json(job: Job) -> dict[str, Any]:
    """What `static/js/job-status.js` reads to update a status page in place."""
    return {
        "status": job.status,
        "label": JOB_STATUSES[job.status],
        "step": job.step,
        "percent": job.percent,
        "done": job.done,
        "total": job.total,
        "message": job.message,
        "finished": job.finished,
    }


def get(job_id: int) -> Job | None:
    return db.session.get(Job, job_id)
