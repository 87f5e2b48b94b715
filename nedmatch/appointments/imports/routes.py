"""Importing a talent pool from a spreadsheet: upload, the check as a job with a status page,
the preview (nothing written yet), the team's confirmation, the import as a job, and the
report of what was done. Administrators only."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ... import jobs_view
from ...auth.access import admin_required
from ...auth.current import current_actor
from ...downloads import send_download
from ...extensions import db
from ...models import IMPORT_STATUSES, ImportBatch, Job
from ...services.imports import running, template
from ...spreadsheets import to_csv
from ..lookups import or_404
from .forms import ConfirmImportForm, UploadForm

bp = Blueprint("imports", __name__)
MAX_UPLOAD = 60 * 1024 * 1024


def _batch(batch_id: int) -> ImportBatch:
    return or_404(db.session.get(ImportBatch, batch_id))


def _read(upload: Any) -> bytes:
    """An uploaded file's bytes (at most one more than allowed), its temporary file closed."""
    if not upload or not getattr(upload, "filename", ""):
        return b""
    try:
        return bytes(upload.read(MAX_UPLOAD + 1))
    finally:
        upload.close()


@bp.route("/imports")
@admin_required
def index() -> str:
    batches = db.session.execute(
        db.select(ImportBatch).order_by(ImportBatch.id.desc()).limit(50)
    ).scalars()
    return render_template(
        "appointments/imports/index.html", batches=list(batches), STATUSES=IMPORT_STATUSES
    )


@bp.route("/imports/template.<any(csv, xlsx):kind>")
@admin_required
def template_file(kind: str) -> Response:
    data, media_type = template.example(kind)
    return send_download(data, f"talent-pool-import-template.{kind}", media_type)


@bp.route("/imports/new", methods=["GET", "POST"])
@admin_required
def new() -> str | Response:
    form = UploadForm()
    if form.validate_on_submit():
        data, cvs = _read(form.people.data), _read(form.cvs.data)
        if len(data) > MAX_UPLOAD or len(cvs) > MAX_UPLOAD:
            form.people.errors = ["Each file must be smaller than 60 MB: split it into parts"]
        else:
            actor = current_actor()
            batch = ImportBatch(
                filename=(form.people.data.filename or "people.csv")[-255:],
                cv_filename=(form.cvs.data.filename if cvs else "")[-255:],
                consent_source=form.consent_source.data,
                tell_people=form.tell_people.data,
                created_by=actor.id,
            )
            db.session.add(batch)
            db.session.flush()
            batch_id = batch.id
            running.start(actor, batch, data, cvs or None)
            return redirect(url_for("imports.batch", batch_id=batch_id))
    return render_template("appointments/imports/new.html", form=form)


@bp.route("/imports/<int:batch_id>")
@admin_required
def batch(batch_id: int) -> str:
    item = _batch(batch_id)
    job_id = item.import_job_id or item.check_job_id
    job = db.session.get(Job, job_id) if job_id else None
    return render_template(
        "appointments/imports/batch.html",
        batch=item,
        job=job,
        status=jobs_view.status_json(job) if job else None,
        form=ConfirmImportForm(formdata=None),
        STATUSES=IMPORT_STATUSES,
    )


@bp.route("/imports/<int:batch_id>/status")
@admin_required
def status(batch_id: int) -> Response:
    item = _batch(batch_id)
    job_id = item.import_job_id or item.check_job_id
    job = db.session.get(Job, job_id) if job_id else None
    if job is None:
        abort(404)
    return jsonify(jobs_view.status_json(job))


@bp.route("/imports/<int:batch_id>/confirm", methods=["POST"])
@admin_required
def confirm(batch_id: int) -> Response:
    item = _batch(batch_id)
    form = ConfirmImportForm()
    if item.status != "checked" or not form.validate_on_submit():
        flash("This file cannot be imported now: it is not waiting for confirmation.", "warning")
        return redirect(url_for("imports.batch", batch_id=item.id))
    batch_id = item.id
    running.confirm(current_actor(), item, form.duplicates.data)
    return redirect(url_for("imports.batch", batch_id=batch_id))


@bp.route("/imports/<int:batch_id>/problems.csv")
@admin_required
def problems(batch_id: int) -> Response:
    item = _batch(batch_id)
    rows = item.summary.get("problems", []) + item.summary.get("duplicates", [])
    table = template.problems_table(sorted(rows, key=lambda r: r["row"]))
    return send_download(
        to_csv([table]), f"import-{item.id}-rows-to-fix.csv", "text/csv; charset=utf-8"
    )
