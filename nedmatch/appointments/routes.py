"""The appointments team's pages. Access: team sign-in (auth.access), admin for changes."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..auth.access import admin_required
from ..domain import COMPETENCY_DOMAINS
from ..extensions import db
from ..models import JOB_STATUSES, Application, Candidate, Job, Organisation, Vacancy
from ..services import audit, jobs, matching
from ..services import vacancies as ops
from .forms import OrganisationForm, VacancyForm

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


@bp.route("/vacancies/<int:vacancy_id>")
def vacancy(vacancy_id: int) -> str:
    item = _vacancy(vacancy_id)
    applications = (
        db.session.execute(
            db.select(Application)
            .where(Application.vacancy_id == item.id, Application.stage != "draft")
            .order_by(Application.submitted_at)
        )
        .scalars()
        .all()
    )
    by_candidate = {a.candidate_id: a for a in applications}
    matches = matching.rank_applicants(item, top_k=max(len(applications), 1))
    return render_template(
        "appointments/vacancy.html",
        vacancy=item,
        applications=applications,
        matches=matches,
        by_candidate=by_candidate,
        model=matching.model_status(),
    )


@bp.route("/vacancies/<int:vacancy_id>/pool")
def vacancy_pool(vacancy_id: int) -> str:
    item = _vacancy(vacancy_id)
    matches = matching.rank_pool(item, top_k=50)
    ids = [m.candidate_id for m in matches or []]
    public_ids = dict(
        db.session.execute(
            db.select(Candidate.id, Candidate.public_id).where(Candidate.id.in_(ids))
        ).all()
    )
    return render_template(
        "appointments/pool.html", vacancy=item, matches=matches, public_ids=public_ids
    )


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
            jobs.run_in_thread(running.id, matching.fit)
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
    return render_template("appointments/vacancy_form.html", form=form, vacancy=None)


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
    return render_template("appointments/vacancy_form.html", form=form, vacancy=item)


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
