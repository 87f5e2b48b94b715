"""The public journey: vacancies, starting an application, the check page and submitting
(the task list and its sections are in step_routes)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..domain import REGIONS, ROLE_TYPES
from ..extensions import db
from ..models import Application, Candidate, Vacancy
from ..services import matching
from ..services.applications import accounts, queries
from ..services.applications import operations as ops
from ..services.campaigns import vacancies as vacancy_ops
from ..stages import Stage
from . import feeds_routes as feeds
from . import forms
from .blueprint import bp
from .journey import summary_rows
from .limits import emails_to_one_address, starts_per_client
from .navigation import check_url, own_application, resume, step_url, tasks_url
from .session import candidate_required, current_candidate, sign_in_candidate, signed_in
from .tasks import Status, task_list


def _today() -> date:
    return date.today()


@bp.route("/")
def index() -> str:
    return render_template(
        "candidates/index.html",
        open_count=vacancy_ops.count_open(_today()),
        candidate=current_candidate(),
    )


@bp.route("/privacy")
def privacy() -> str:
    return render_template("candidates/privacy.html")


@bp.route("/vacancies")
def vacancies() -> str:
    filters = vacancy_ops.PublicFilters(
        region=request.args.get("region", ""), role=request.args.get("role", "")
    )
    items = vacancy_ops.open_for_applications(filters, _today())
    return render_template(
        "candidates/vacancies.html",
        vacancies=items,
        region=filters.region,
        role=filters.role,
        # The same filters for the page's Atom and RSS feeds.
        feed_args={
            k: v
            for k, v in (("region", filters.region), ("role", filters.role))
            if v in (REGIONS if k == "region" else ROLE_TYPES)
        },
    )


def _published(vacancy_id: int) -> Vacancy:
    vacancy = vacancy_ops.get_published(vacancy_id)
    if vacancy is None:
        abort(404)
    return vacancy


@bp.route("/vacancies/<int:vacancy_id>")
def vacancy(vacancy_id: int) -> str:
    item = _published(vacancy_id)
    accepting = item.is_accepting_applications(_today())
    return render_template(
        "candidates/vacancy.html",
        vacancy=item,
        accepting=accepting,
        # Only an advert taking applications is offered to job search engines.
        job_posting=feeds.job_posting(item) if accepting else None,
    )


def _start(form: forms.StartForm) -> Candidate | None:
    """Shared by 'apply' and 'join the pool': who is this, and may this browser be them?
    The candidate signed in, or None when the address must be proved through its inbox."""
    email = form.email.data.strip().lower()
    candidate = current_candidate()
    if candidate is not None and candidate.email == email:
        return candidate
    candidate = accounts.start_with_email(email)
    if candidate is not None:
        sign_in_candidate(candidate)
    return candidate


def _check_your_email() -> Response:
    db.session.commit()
    return redirect(url_for("links.check_email"))


@bp.route("/vacancies/<int:vacancy_id>/apply", methods=["GET", "POST"])
@starts_per_client
@emails_to_one_address
def apply_start(vacancy_id: int) -> str | Response:
    item = _published(vacancy_id)
    if not item.is_accepting_applications(_today()):
        flash("This vacancy is not taking applications.", "warning")
        return redirect(url_for("candidates.vacancy", vacancy_id=vacancy_id))
    candidate = current_candidate()
    form = forms.StartForm() if request.method == "POST" or candidate is None else None
    if form is not None:
        if not form.validate_on_submit():
            return render_template("candidates/start.html", form=form, vacancy=item)
        candidate = _start(form)
        if candidate is None:
            return _check_your_email()
    assert candidate is not None  # noqa: S101 - signed in above
    application = ops.start_application(candidate, item)
    db.session.commit()
    return resume(application)


@bp.route("/talent-pool/join", methods=["GET", "POST"])
@starts_per_client
@emails_to_one_address
def pool_start() -> str | Response:
    if request.method == "GET" and current_candidate() is not None:
        return resume(None)
    form = forms.StartForm()
    if not form.validate_on_submit():
        return render_template("candidates/start.html", form=form, vacancy=None)
    if _start(form) is None:
        return _check_your_email()
    db.session.commit()
    return resume(None)


@bp.route("/applications/<ref>/check", methods=["GET", "POST"])
@candidate_required
def application_check(ref: str) -> str | Response:
    application = own_application(ref)
    if request.method == "POST":
        queries.lock(application)  # a double-clicked "Submit" waits for the first one
    if application.stage != Stage.DRAFT:
        return redirect(url_for("candidates.application_confirmation", ref=ref))
    return _check_view(application)


@bp.route("/profile/check", methods=["GET", "POST"])
@candidate_required
def profile_check() -> str | Response:
    return _check_view(None)


def _check_view(application: Application | None) -> str | Response:
    candidate = signed_in()
    form = forms.ConfirmForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            ops.submit(candidate, application, _today())
        except ops.ApplicationError as error:
            errors.append(str(error))
        else:
            db.session.commit()
            # Rankable at once with the fitted vocabulary, and read once for the next refit.
            matching.refresh_candidate(candidate)
            db.session.commit()
            if application is not None:
                return redirect(
                    url_for("candidates.application_confirmation", ref=application.reference)
                )
            return redirect(url_for("candidates.profile_joined"))
    tasks = task_list(candidate, application)
    return render_template(
        "candidates/check.html",
        form=form,
        errors=errors,
        application=application,
        candidate=candidate,
        tasks=tasks,
        completed=Status.COMPLETED,
        rows=summary_rows(candidate, application),
        step_url=lambda s: step_url(s, application, change="1"),
        tasks_url=tasks_url(application),
    )


@bp.route("/applications/<ref>/confirmation")
@candidate_required
def application_confirmation(ref: str) -> str | Response:
    application = own_application(ref)
    if application.stage == Stage.DRAFT:
        return redirect(check_url(application))
    return render_template("candidates/confirmation.html", application=application)


@bp.route("/profile/joined")
@candidate_required
def profile_joined() -> str:
    return render_template("candidates/joined.html", candidate=signed_in())
