"""The team's vacancies, organisations and matching model. Access: team sign-in
(auth.access), administrators for changes. The sift, the panel and data requests are
blueprints of their own, in this package's subpackages."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import jobs_view
from ..auth.access import admin_required
from ..auth.current import current_actor
from ..domain import ROLE_TYPES
from ..extensions import db
from ..models import VACANCY_STATUSES, Organisation, Vacancy
from ..services import matching
from ..services.alerts import opening as alert_opening
from ..services.campaigns import listing, vacancies
from ..services.campaigns import organisations as orgs
from ..services.platform import model_fit
from .forms import PART_LABELS, OrganisationForm, VacancyForm, vacancy_form
from .lookups import or_404
from .vacancy_check import SECTIONS, summary

bp = Blueprint("appointments", __name__)


@bp.route("/")
def dashboard() -> str:
    filters = listing.ListFilters.from_args(request.args)
    return render_template(
        "appointments/dashboard.html",
        listed=listing.vacancy_list(filters),
        filters=filters,
        SORTS=listing.SORTS,
        ROLE_TYPES=ROLE_TYPES,
        VACANCY_STATUSES=VACANCY_STATUSES,
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


# Not sent back to the form from the summary page: they say what to do, not what was typed.
_CONTROLS = {"csrf_token", "confirmed", "change"}


def _specification(
    form: VacancyForm, vacancy: Vacancy | None, save: Callable[[vacancies.VacancySpec], Response]
) -> str | Response:
    """The vacancy form in sections, then a summary to check, then ``save``. What was typed
    travels with the summary page, so "Change" goes back to the form with all of it."""

    def form_page() -> str:
        return render_template(
            "appointments/vacancy_form.html",
            form=form,
            vacancy=vacancy,
            part_labels=PART_LABELS,
            sections=SECTIONS,
        )

    if request.method == "POST" and request.form.get("change") in SECTIONS:
        return form_page()
    if not form.validate_on_submit():
        return form_page()
    spec = vacancies.VacancySpec.from_form(form)
    if request.form.get("confirmed") == "yes":
        return save(spec)
    organisation = db.session.get(Organisation, spec.organisation_id)
    return render_template(
        "appointments/vacancy_check.html",
        vacancy=vacancy,
        sections=SECTIONS,
        summary=summary(spec, organisation.name if organisation else ""),
        posted=[(k, v) for k, v in request.form.items(multi=True) if k not in _CONTROLS],
    )


@bp.route("/vacancies/new", methods=["GET", "POST"])
@admin_required
def vacancy_new() -> str | Response:
    def save(spec: vacancies.VacancySpec) -> Response:
        item = vacancies.create_vacancy(current_actor(), spec)
        db.session.commit()
        flash(f"Vacancy created: {item.title}. It is a draft until you open it.", "success")
        return redirect(url_for("sift.vacancy", vacancy_id=item.id))

    return _specification(vacancy_form(None, orgs.all_by_name()), None, save)


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@admin_required
def vacancy_edit(vacancy_id: int) -> str | Response:
    item = or_404(vacancies.get(vacancy_id))

    def save(spec: vacancies.VacancySpec) -> Response:
        vacancies.update_vacancy(current_actor(), item, spec)
        db.session.commit()
        flash("Vacancy saved.", "success")
        return redirect(url_for("sift.vacancy", vacancy_id=item.id))

    return _specification(vacancy_form(item, orgs.all_by_name()), item, save)


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
