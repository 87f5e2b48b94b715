"""Report files: built at once when quick (CSV, XLSX), or as a job when not (PDF).

Measured on the demo data (2,000 candidates, about 1,000 applications): CSV takes a few
milliseconds and XLSX under a second, but the PDF takes seconds (about 4 for the whole
pool), because laying out its pages and charts dominates. So the PDF is built in a
background job with a status page, and the other formats are sent straight back. The finished PDF is kept
in the database (services.platform.artifacts), so whichever server or worker made it, any server
can send it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from .. import jobs_view
from ..actors import Actor
from ..diversity import (
    DisclosurePolicy,
    DiversityReport,
    Scope,
    impact_to_csv,
    report_to_csv,
    report_to_pdf,
    report_to_xlsx,
)
from ..models import Job
from ..services import reporting
from ..services.platform import artifacts, audit, jobs
from ..services.platform.jobs import Reporter
from ..services.reporting.scopes import audit_detail, audit_key
from .presentation import MEDIA_TYPES, download_name

PDF_JOB = "diversity_pdf"
# Finished PDFs are aggregates only, but there is no reason to keep them long.
KEEP_SECONDS = 24 * 60 * 60

FORMATS = {
    "csv": ("diversity-report", "csv"),
    "impact-csv": ("adverse-impact", "csv"),
    "xlsx": ("diversity-report", "xlsx"),
    "pdf": ("diversity-report", "pdf"),
}


def build(report: DiversityReport, fmt: str) -> tuple[bytes, str, str]:
    """The file's bytes, its download name and media type."""
    kind, extension = FORMATS[fmt]
    if fmt == "csv":
        data = report_to_csv(report)
    elif fmt == "impact-csv":
        data = impact_to_csv(report)
    elif fmt == "xlsx":
        data = report_to_xlsx(report)
    else:
        data = report_to_pdf(report)
    return data, download_name(report, kind, extension), MEDIA_TYPES[extension]


def download(actor: Actor | str, scope: Scope, fmt: str) -> tuple[bytes, str, str]:
    """A report file built now (CSV or XLSX), with the record that ``actor`` downloaded it."""
    policy = reporting.service_policy()
    data, name, media_type = build(reporting.diversity_report(scope, policy), fmt)
    audit.record(
        actor,
        "report_downloaded",
        "report",
        audit_key(scope),
        **audit_detail(scope, policy, format=fmt, filename=name),
    )
    return data, name, media_type


def _owner(job_id: int) -> str:
    return f"job-{job_id}"


def job_file(job: Job) -> artifacts.SharedFile | None:
    """The finished file of a report job, if it is still kept."""
    if job.kind != PDF_JOB or job.status != "done":
        return None
    return artifacts.find_file(_owner(job.id))


def _remove_old_files() -> None:
    artifacts.remove_files_older_than(timedelta(seconds=KEEP_SECONDS))


def pdf_work(job_id: int, scope: Scope, policy: DisclosurePolicy) -> Callable[[Reporter], str]:
    """The job: read, protect and analyse, then lay out the PDF and keep it for download."""

    def work(reporter: Reporter) -> str:
        report = reporting.diversity_report(scope, policy, reporter)
        reporter.step("Drawing the charts and laying out the PDF")
        data, name, media_type = build(report, "pdf")
        artifacts.put_file(_owner(job_id), name, data, media_type)
        return f"The PDF is ready: {len(report.tables)} questions, {len(data) // 1024:,} KB."

    return work


def start_pdf_job(actor: Actor | str, scope: Scope, policy: DisclosurePolicy) -> Job:
    """A new job row for the PDF, with the record that ``actor`` asked for it; the caller
    commits it, then starts the work."""
    _remove_old_files()
    job = jobs.create_job(PDF_JOB, str(actor))
    audit.record(
        actor, "report_pdf_started", "report", audit_key(scope), **audit_detail(scope, policy)
    )
    return job


def find_pdf_job(job_id: int) -> Job | None:
    """A PDF job by its id; None when there is none, or the job is of another kind."""
    job = jobs_view.get(job_id)
    return job if job is not None and job.kind == PDF_JOB else None


def pdf_download(actor: Actor | str, job: Job) -> artifacts.SharedFile | None:
    """The finished PDF of a job, with the record that ``actor`` downloaded it; None when
    it is not ready or no longer kept."""
    path = job_file(job)
    if path is not None:
        audit.record(
            actor, "report_downloaded", "report", f"job-{job.id}", format="pdf", filename=path.name
        )
    return path
