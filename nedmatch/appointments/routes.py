"""The team's vacancies, organisations and matching model. Access: team sign-in
(auth.access), administrators for changes. The sift, the panel and data requests are
blueprints of their own, in this package's subpackages."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import jobs_view
from ..auth.access import admin_required
from ..auth.current import current_actor
from ..extensions import db
from ..services import matching
from ..services.alerts import opening as alert_opening
from ..services.campaigns import organisations as orgs
from ..services.campaigns import vacancies
from ..services.platform import model_fit
from .forms import PART_LABELS, OrganisationForm, vacancy_form
from .lookups import or_404

bp = Blueprint("appointments", __name__)


@bp.route("/")
def dashboard() -> str:
    board = vacancies.dashboard()
    return render_template(
        "appointments/dashboard.html", vacancies=board.vacancies, counts=board.counts
    )


@bp.route("/model", methods=["GET", "POST"])
def model() -> str | Response:
    if request.method == "POST":
        if not current_user.is_admin:
            abort(403)
        job, new = model_fit.request_fit(current_actor())
        if new:
            db.session.commit()  # before the worker looks for the job's row
            model_fit.start(job)
        return redirect(url_for("appointments.job", job_id=job.id))
    return render_template("appointments/model.html", model=matching.model_status())


@bp.route("/jobs/<int:job_id>")
def job(job_id: int) -> str | Response:
    item = or_404(jobs_view.get(job_id))
    status = jobs_view.status_json(item)
    if request.args.get("format") == "json":
        return jsonify(status)
    return render_template("appointments/job.html", job=item, status=status)


@bp.route("/vacancies/new", methods=["GET", "POST"])
@admin_required
def vacancy_new() -> str | Response:
    form = vacancy_form(None, orgs.all_by_name())
    if form.validate_on_submit():
        item = vacancies.create_vacancy(current_actor(), vacancies.VacancySpec.from_form(form))
        db.session.commit()
        flash(f"Vacancy created: {item.title}. It is a draft until you open it.", "success")
        return redirect(url_for("sift.vacancy", vacancy_id=item.id))
    return render_template(
        "appointments/vacancy_form.html", form=form, vacancy=None, part_labels=PART_LABELS
    )


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@admin_required
def vacancy_edit(vacancy_id: int) -> str | Response:
    item = or_404(vacancies.get(vacancy_id))
    form = vacancy_form(item, orgs.all_by_name())
    if form.validate_on_submit():
        vacancies.update_vacancy(current_actor(), item, vacancies.VacancySpec.from_form(form))
        db.session.commit()
        flash("Vacancy saved.", "success")
        return redirect(url_for("sift.vacancy", vacancy_id=item.id))
    return render_template(
        "appointments/vacancy_form.html", form=form, vacancy=item, part_labels=PART_LABELS
    )


@bp.route("/vacancies/<int:vacancy_id>/status/<status>", methods=["GET", "POST"])
@admin_required
def vacancy_status(vacancy_id: int, status: str) -> str | Response:
    """Open or close a vacancy. Closing is asked first (GET): candidates part-way through an
    application cannot submit it once the vacancy closes. The confirmation posts here."""
    item = or_404(vacancies.get(vacancy_id))
    if request.method == "GET":
        if status != "closed":
            abort(404)
        try:
            closing = vacancies.closing(item)
        except vacancies.VacancyError as error:
            flash(str(error), "warning")
            return redirect(url_for("sift.vacancy", vacancy_id=item.id))
        return render_template("appointments/confirm/close.html", vacancy=item, closing=closing)
    try:
        vacancies.set_status(current_actor(), item, status)
    except vacancies.VacancyError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(f"Vacancy {'opened' if status == 'open' else 'closed'}.", "success")
        if status == "open":
            # Taking applications now: pool members who asked are told at once. A later
            # opening date is left to `flask alerts send-due`.
            alert_opening.announce_safely()
    return redirect(url_for("sift.vacancy", vacancy_id=item.id))


@bp.route("/vacancies/<int:vacancy_id>/preview")
def vacancy_preview(vacancy_id: int) -> str:
    return render_template("appointments/preview.html", vacancy=or_404(vacancies.get(vacancy_id)))


@bp.route("/organisations", methods=["GET", "POST"])
@admin_required
def organisations() -> str | Response:
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            item = orgs.create(
                current_actor(),
                form.name.data,
                form.org_type.data,
                form.region.data,
                form.challenged.data,
            )
        except orgs.OrganisationError as error:
            form.name.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Organisation added: {item.name}.", "success")
            return redirect(url_for("appointments.organisations"))
    return render_template(
        "appointments/organisations.html", form=form, organisations=orgs.all_by_name()
    )
