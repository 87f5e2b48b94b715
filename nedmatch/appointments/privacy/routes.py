"""The team's data protection pages, under /team: requests received outside the service
(a letter, a phone call) to export or erase a candidate's data. For administrators only;
the default-deny sign-in (auth.access) applies as to every team page.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ...auth.access import admin_required
from ...auth.current import current_actor
from ...downloads import send_download
from ...extensions import db
from ...services.privacy import data_requests as team_requests
from ...services.privacy import data_rights, export
from ..lookups import or_404
from .forms import EraseForm, ExportForm, FindCandidateForm

bp = Blueprint("privacy", __name__)


@bp.route("/data-requests", methods=["GET", "POST"])
@admin_required
def data_requests() -> str | Response:
    form = FindCandidateForm()
    if form.validate_on_submit():
        candidate = data_rights.find_by_email(form.email.data)
        if candidate is not None:
            return redirect(url_for("privacy.data_request", public_id=candidate.public_id))
        form.email.errors = [
            "No candidate has this email address. Check it with the person: it must be the "
            "exact address they used with NEDMatch."
        ]
    return render_template("appointments/privacy/find.html", form=form)


@bp.route("/data-requests/<public_id>")
@admin_required
def data_request(public_id: str) -> str:
    candidate = or_404(team_requests.by_public_id(public_id))
    applications = team_requests.view(current_actor(), candidate)
    db.session.commit()
    return render_template(
        "appointments/privacy/candidate.html",
        candidate=candidate,
        applications=applications,
        form=ExportForm(formdata=None),
    )


@bp.route("/data-requests/<public_id>/export", methods=["POST"])
@admin_required
def data_request_export(public_id: str) -> str | Response:
    candidate = or_404(team_requests.by_public_id(public_id))
    form = ExportForm()
    if not form.validate_on_submit():
        return render_template(
            "appointments/privacy/candidate.html",
            candidate=candidate,
            applications=team_requests.applications_of(candidate),
            form=form,
        )
    data = data_rights.download(
        candidate, str(current_actor()), by_team=True, reason=form.reason.data
    )
    db.session.commit()
    return send_download(data, export.export_filename(candidate), "application/zip")


@bp.route("/data-requests/<public_id>/erase", methods=["GET", "POST"])
@admin_required
def data_request_erase(public_id: str) -> str | Response:
    candidate = or_404(team_requests.by_public_id(public_id))
    form = EraseForm()
    if form.validate_on_submit():
        result = data_rights.erase(candidate, str(current_actor()), form.reason.data)
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
        return redirect(url_for("privacy.data_requests"))
    check = team_requests.before_erasure(candidate)
    return render_template(
        "appointments/privacy/erase.html",
        form=form,
        candidate=candidate,
        appointed=check.appointed,
        open_applications=check.open_applications,
    )
