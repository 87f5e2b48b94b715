"""The appointments team's pages. Access: team sign-in (auth.access), admin for changes."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..auth.access import admin_required
from ..domain import COMPETENCY_DOMAINS
from ..extensions import db
from ..matching.profiles import DEFAULT_PART_WEIGHTS
from ..models import JOB_STATUSES, Application, Job, Organisation, Vacancy
from ..services import matching
from ..services.campaigns import vacancies as ops
from ..services.platform import audit, jobs
from .forms import PART_LABELS, OrganisationForm, VacancyForm

bp = Blueprint("appointments", __name__)


def _actor() -> str:
    return f"team:{current_user.id}"


@bp.route("/")
def dashboard() -> str:
    vacancies = (
        db.session.execute(db.select(Vacancy).order_by(Vacancy.status.desc(), Vacancy.closes_on))
        .scalars()
        .all()
    )
    counts = dict(
        db.session.execute(
            db.select(Application.vacancy_id, db.func.count())
            .where(Application.stage != "draft")
            .group_by(Application.vacancy_id)
        ).all()
    )
    return render_template("appointments/dashboard.html", vacancies=vacancies, counts=counts)


def _vacancy(vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None:
        abort(404)
    return vacancy


@bp.route("/model", methods=["GET", "POST"])
def model() -> str | Response:
    if request.method == "POST":
        if not current_user.is_admin:
            abort(403)
        running = jobs.latest_running("fit_model")
        if running is None:
            running = jobs.create_job("fit_model", _actor())
            audit.record(_actor(), "model_fit_started", "job", running.id)
            db.session.commit()
            jobs.submit(running.id, "fit_model")
        return redirect(url_for("appointments.job", job_id=running.id))
    return render_template("appointments/model.html", model=matching.model_status())


@bp.route("/jobs/<int:job_id>")
def job(job_id: int) -> str | Response:
    item = db.session.get(Job, job_id)
    if item is None:
        abort(404)
    if request.args.get("format") == "json":
        return jsonify(
            status=item.status,
            label=JOB_STATUSES[item.status],
            step=item.step,
            percent=item.percent,
            done=item.done,
            total=item.total,
            message=item.message,
            finished=item.finished,
        )
    return render_template("appointments/job.html", job=item, JOB_STATUSES=JOB_STATUSES)


def _form(vacancy: Vacancy | None) -> VacancyForm:
    if vacancy is None:
        form = VacancyForm()
    else:
        data = {
            "essential_criteria": "\n".join(vacancy.essential_criteria),
            "desirable_criteria": "\n".join(vacancy.desirable_criteria),
            **{
                f"weight_{s}": str(int(vacancy.domain_weights.get(s, 3)))
                for s in COMPETENCY_DOMAINS
            },
            "board_skills": list(vacancy.board_skills or {}),
            **{
                f"part_{part}": round(100 * weight)
                for part, weight in {**DEFAULT_PART_WEIGHTS, **(vacancy.part_weights or {})}.items()
            },
        }
        # Not obj=vacancy: WTForms prefers obj over data, and would show the criteria lists
        # as Python lists instead of one criterion a line.
        columns = {c.key: getattr(vacancy, c.key) for c in db.inspect(Vacancy).column_attrs}
        form = VacancyForm(data={**columns, **data})
    organisations = db.session.execute(
        db.select(Organisation).order_by(Organisation.name)
    ).scalars()
    form.organisation_id.choices = [(o.id, o.name) for o in organisations]
    return form


@bp.route("/vacancies/new", methods=["GET", "POST"])
@admin_required
def vacancy_new() -> str | Response:
    form = _form(None)
    if form.validate_on_submit():
        item = ops.create_vacancy(_actor(), ops.VacancySpec.from_form(form))
        db.session.commit()
        flash(f"Vacancy created: {item.title}. It is a draft until you open it.", "success")
        return redirect(url_for("appointments.vacancy", vacancy_id=item.id))
    return render_template(
        "appointments/vacancy_form.html", form=form, vacancy=None, part_labels=PART_LABELS
    )


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@admin_required
def vacancy_edit(vacancy_id: int) -> str | Response:
    item = _vacancy(vacancy_id)
    form = _form(item)
    if form.validate_on_submit():
        ops.update_vacancy(_actor(), item, ops.VacancySpec.from_form(form))
        db.session.commit()
        flash("Vacancy saved.", "success")
        return redirect(url_for("appointments.vacancy", vacancy_id=item.id))
    return render_template(
        "appointments/vacancy_form.html", form=form, vacancy=item, part_labels=PART_LABELS
    )


@bp.route("/vacancies/<int:vacancy_id>/status/<status>", methods=["POST"])
@admin_required
def vacancy_status(vacancy_id: int, status: str) -> Response:
    item = _vacancy(vacancy_id)
    try:
        ops.set_status(_actor(), item, status)
    except ops.VacancyError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(f"Vacancy {'opened' if status == 'open' else 'closed'}.", "success")
    return redirect(url_for("appointments.vacancy", vacancy_id=item.id))


@bp.route("/organisations", methods=["GET", "POST"])
@admin_required
def organisations() -> str | Response:
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            item = ops.create_organisation(
                _actor(), form.name.data, form.org_type.data, form.region.data, form.challenged.data
            )
        except ops.VacancyError as error:
            form.name.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Organisation added: {item.name}.", "success")
            return redirect(url_for("appointments.organisations"))
    items = db.session.execute(db.select(Organisation).order_by(Organisation.name)).scalars().all()
    return render_template("appointments/organisations.html", form=form, organisations=items)


# The sift's routes live in their own module and register on this blueprint.
from . import sift_routes  # noqa: E402, F401

# Panel scoring and the downloads add their routes to this blueprint.
from . import panel_routes  # noqa: E402, F401  # isort: skip
