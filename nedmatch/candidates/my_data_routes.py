"""My data: the candidate's applications, withdrawing one, and their rights over their
data: download it, keep it, leave the pool, erase it."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..actors import Actor
from ..dates import long_date
from ..extensions import db
from ..models import Candidate
from ..services.alerts import subscriptions
from ..services.applications import operations as ops
from ..services.applications import progress
from ..services.privacy import data_rights, export, retention
from ..stages import Stage
from . import forms
from .navigation import own_application
from .session import candidate_required, sign_out_candidate, signed_in

bp = Blueprint("my_data", __name__)


def _actor_for(candidate: Candidate) -> str:
    return str(Actor.candidate(candidate))


@bp.route("/my-applications")
@candidate_required
def my_applications() -> str:
    candidate = signed_in()
    return render_template(
        "candidates/my_applications.html",
        candidate=candidate,
        applications=progress.for_candidate(candidate),
        alerts=subscriptions.for_candidate(candidate),
    )


@bp.route("/applications/<ref>/withdraw", methods=["GET", "POST"])
@candidate_required
def withdraw(ref: str) -> str | Response:
    application = own_application(ref)
    if not application.can_withdraw:
        flash("This application cannot be withdrawn.", "warning")
        return redirect(url_for("my_data.my_applications"))
    form = forms.WithdrawForm()
    if form.validate_on_submit():
        ops.withdraw(application, form.reason.data or "")
        db.session.commit()
        flash(f"You have withdrawn your application for {application.vacancy.title}.", "success")
        return redirect(url_for("my_data.my_applications"))
    return render_template("candidates/withdraw.html", form=form, application=application)


@bp.route("/my-data")
@candidate_required
def my_data() -> str:
    candidate = signed_in()
    policy = retention.Policy.from_config()
    return render_template(
        "candidates/my_data.html",
        candidate=candidate,
        expires=retention.profile_expires_at(candidate, policy),
        erasure_on=retention.scheduled_erasure(candidate, policy),
        appointed=any(a.stage == Stage.APPOINTED for a in candidate.applications),
        pool_months=policy.pool_months,
        unsuccessful_months=policy.unsuccessful_months,
        form=forms.ConfirmForm(),
    )


@bp.route("/my-data/download", methods=["POST"])
@candidate_required
def my_data_download() -> Response:
    candidate = signed_in()
    # CSRFProtect has checked the form's token before this runs.
    data = data_rights.download(candidate, _actor_for(candidate), by_team=False)
    db.session.commit()
    return _zip_response(data, export.export_filename(candidate))


def _zip_response(data: bytes, filename: str) -> Response:
    response = current_app.response_class(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/my-data/renew", methods=["POST"])
@candidate_required
def my_data_renew() -> Response:
    candidate = signed_in()
    until = retention.renew(candidate, _actor_for(candidate))
    db.session.commit()
    flash(f"We will keep your profile until at least {long_date(until)}.", "success")
    return redirect(url_for("my_data.my_data"))


@bp.route("/my-data/leave-pool", methods=["GET", "POST"])
@candidate_required
def leave_pool() -> str | Response:
    candidate = signed_in()
    if not candidate.in_pool:
        flash("You are not in the talent pool.", "info")
        return redirect(url_for("my_data.my_data"))
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        data_rights.leave_pool(candidate, _actor_for(candidate))
        db.session.commit()
        flash("You have left the talent pool. We have sent you an email to confirm.", "success")
        return redirect(url_for("my_data.my_data"))
    return render_template("candidates/leave_pool.html", form=form, candidate=candidate)


@bp.route("/my-data/erase", methods=["GET", "POST"])
@candidate_required
def erase_my_data() -> str | Response:
    candidate = signed_in()
    form = forms.EraseForm()
    if form.validate_on_submit():
        result = data_rights.erase(
            candidate, _actor_for(candidate), "Asked for by the candidate in the service"
        )
        sign_out_candidate()
        db.session.commit()
        kept = None if result.full else "appointment"
        return redirect(url_for("my_data.data_erased", kept=kept))
    return render_template(
        "candidates/erase.html",
        form=form,
        candidate=candidate,
        open_applications=[a for a in candidate.applications if a.can_withdraw],
        appointed=[a for a in candidate.applications if a.stage == Stage.APPOINTED],
    )


@bp.route("/my-data/erased")
def data_erased() -> str:
    return render_template(
        "candidates/erased.html", kept_appointment=request.args.get("kept") == "appointment"
    )
