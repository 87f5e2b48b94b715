"""The team's data protection pages: CV downloads, and requests received outside the
service (a letter, a phone call) to export or erase a candidate's data.

Registered on the appointments blueprint, so the default-deny sign-in applies; the data
request pages are for administrators only.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..auth.access import admin_required
from ..extensions import db
from ..models import Application, Candidate
from ..services.applications import cv
from ..services.platform import audit
from ..services.privacy import data_rights, export
from ..services.sift import ranked_list as sift
from .privacy_forms import EraseForm, ExportForm, FindCandidateForm
from .routes import _actor, bp


def _attachment(data: bytes, filename: str, media_type: str) -> Response:
    response = current_app.response_class(data, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/applications/<ref>/cv")
def application_cv(ref: str) -> Response:
    """The applicant's CV as a download (never shown in the page), for team members only;
    every download is recorded. Named by reference: the original file name often holds
    the person's name.

    The sift is blind until identity is revealed at interview, and a CV is full of identity
    (name, contact details, address, profile links): until then the team gets only the text
    with those removed, the same text the application page shows; the original file, after.
    """
    application = db.session.execute(
        db.select(Application).filter_by(reference=ref)
    ).scalar_one_or_none()
    if application is None or application.stage == "draft" or application.candidate.cv is None:
        abort(404)
    document = application.candidate.cv
    if sift.reveal_of(application) is None:
        text = sift.blind_text(document.text, application.candidate)
        audit.record(_actor(), "cv_downloaded", "application", application.id, original=False)
        db.session.commit()
        return _attachment(
            f"CV of {application.reference}: names, contact details, addresses and profile "
            f"links removed until identity is revealed at interview.\n\n{text}\n".encode(),
            f"{application.reference}-cv-text.txt",
            "text/plain; charset=utf-8",
        )
    try:
        data = cv.read(document.storage_name)
    except cv.CVMissing:
        abort(404)
    audit.record(_actor(), "cv_downloaded", "application", application.id, original=True)
    db.session.commit()
    extension = "pdf" if document.content_type == cv.PDF else "docx"
    return _attachment(data, f"{application.reference}-cv.{extension}", document.content_type)


def _candidate(public_id: str) -> Candidate:
    candidate = db.session.execute(
        db.select(Candidate).filter_by(public_id=public_id)
    ).scalar_one_or_none()
    if candidate is None or candidate.erased_at is not None:
        abort(404)
    return candidate


@bp.route("/data-requests", methods=["GET", "POST"])
@admin_required
def data_requests() -> str | Response:
    form = FindCandidateForm()
    if form.validate_on_submit():
        candidate = data_rights.find_by_email(form.email.data)
        if candidate is not None:
            return redirect(url_for("appointments.data_request", public_id=candidate.public_id))
        form.email.errors = [
            "No candidate has this email address. Check it with the person: it must be the "
            "exact address they used with NEDMatch."
        ]
    return render_template("appointments/privacy/find.html", form=form)


@bp.route("/data-requests/<public_id>")
@admin_required
def data_request(public_id: str) -> str:
    candidate = _candidate(public_id)
    audit.record(_actor(), "data_request_viewed", "candidate", candidate.id)
    db.session.commit()
    return render_template(
        "appointments/privacy/candidate.html",
        candidate=candidate,
        applications=sorted(candidate.applications, key=lambda a: a.created_at),
        form=ExportForm(formdata=None),
    )


@bp.route("/data-requests/<public_id>/export", methods=["POST"])
@admin_required
def data_request_export(public_id: str) -> str | Response:
    candidate = _candidate(public_id)
    form = ExportForm()
    if not form.validate_on_submit():
        return render_template(
            "appointments/privacy/candidate.html",
            candidate=candidate,
            applications=sorted(candidate.applications, key=lambda a: a.created_at),
            form=form,
        )
    data = data_rights.download(candidate, _actor(), by_team=True, reason=form.reason.data)
    db.session.commit()
    return _attachment(data, export.export_filename(candidate), "application/zip")


@bp.route("/data-requests/<public_id>/erase", methods=["GET", "POST"])
@admin_required
def data_request_erase(public_id: str) -> str | Response:
    candidate = _candidate(public_id)
    form = EraseForm()
    if form.validate_on_submit():
        result = data_rights.erase(candidate, _actor(), form.reason.data)
        db.session.commit()
        if result.full:
            flash(
                f"The data has been erased (record {result.candidate_id}). "
                "A confirmation email was sent to the person.",
                "success",
            )
        else:
            flash(
                f"Everything but the appointment record has been erased (record "
                f"{result.candidate_id}). A confirmation email was sent to the person.",
                "success",
            )
        return redirect(url_for("appointments.data_requests"))
    return render_template(
        "appointments/privacy/erase.html",
        form=form,
        candidate=candidate,
        appointed=[a for a in candidate.applications if a.stage == "appointed"],
        open_applications=[a for a in candidate.applications if a.can_withdraw],
    )
