"""The public journey: vacancies, starting, the steps, the check page and submitting."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from ..domain import REGIONS, ROLE_TYPES
from ..extensions import db
from ..models import Application, Candidate, Vacancy
from ..services import matching
from ..services.applications import accounts, queries
from ..services.applications import operations as ops
from ..services.applications.cv import CVError
from ..services.campaigns import vacancies as vacancy_ops
from ..stages import Stage
from . import feeds_routes as feeds
from . import forms
from .journey import (
    STEP_BY_SLUG,
    draft_of,
    initial_data,
    is_complete,
    next_step,
    previous_step,
    steps_for,
    summary_rows,
)
from .limits import emails_to_one_address, starts_per_client
from .navigation import check_url, own_application, resume, step_url
from .session import candidate_required, current_candidate, sign_in_candidate, signed_in

bp = Blueprint("candidates", __name__)


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


@bp.route("/applications/<ref>/<step>", methods=["GET", "POST"])
@candidate_required
def application_step(ref: str, step: str) -> str | Response:
    application = own_application(ref)
    if application.stage != Stage.DRAFT:
        flash("You have already submitted this application.", "info")
        return redirect(url_for("my_data.my_applications"))
    return _step_view(step, application)


@bp.route("/profile/<step>", methods=["GET", "POST"])
@candidate_required
def profile_step(step: str) -> str | Response:
    return _step_view(step, None)


def _step_view(slug: str, application: Application | None) -> str | Response:
    candidate = signed_in()
    step = STEP_BY_SLUG.get(slug)
    if step is None or (step.application_only and application is None):
        abort(404)
    returning_to_check = request.args.get("change") == "1"

    if request.method == "POST":
        save_later = "save_later" in request.form
        # One save of this candidate at a time, each reading the steps' marks and drafts
        # afresh: two tabs saving different steps keep both.
        ops.lock_for_saving(candidate, application)
        form = step.form()
        valid = form.validate()
        if step.slug == "cv" and valid:
            valid = _handle_cv(form, candidate)
        if valid:
            ops.save_step(candidate, application, step.slug, form.data)
        elif step.slug != "equality":
            # Monitoring answers live only in monitoring_response, never on the candidate's
            # record; an invalid answer there can only be a tampered one, so nothing is lost.
            ops.save_draft(candidate, application, step.slug, draft_of(step, request.form))
        if save_later:
            ops.send_return_link(candidate, "You saved your progress on NEDMatch.")
        db.session.commit()
        if save_later:
            return redirect(url_for("candidates.saved"))
        if valid:
            following = None if returning_to_check else next_step(step, application)
            return redirect(
                step_url(following, application) if following else check_url(application)
            )
    else:
        draft = ops.draft_for(candidate, application, step.slug)
        if draft:
            form = step.form(formdata=MultiDict(draft))
        else:
            form = step.form(formdata=None, data=initial_data(step, candidate, application))

    back = previous_step(step, application)
    steps = steps_for(application)
    return render_template(
        f"candidates/steps/{step.slug.replace('-', '_')}.html",
        form=form,
        step=step,
        application=application,
        candidate=candidate,
        back_url=check_url(application)
        if returning_to_check
        else (step_url(back, application) if back else None),
        step_number=steps.index(step) + 1,
        step_count=len(steps),
    )


def _handle_cv(form: forms.CVForm, candidate: Candidate) -> bool:
    upload = request.files.get("cv")
    if form.remove.data:
        ops.remove_cv(candidate)
        return True
    if upload is None or not upload.filename:
        return True  # the CV is optional; an earlier upload stays
    data = upload.read()
    try:
        ops.attach_cv(candidate, data, upload.filename)
    except CVError as error:
        form.cv.errors = [str(error)]
        return False
    return True


@bp.route("/saved")
def saved() -> str:
    return render_template("candidates/saved.html", candidate=current_candidate())


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
            # Rankable at once with the fitted vocabulary; the next refit folds it in.
            matching.refresh_candidate(candidate)
            if application is not None:
                return redirect(
                    url_for("candidates.application_confirmation", ref=application.reference)
                )
            return redirect(url_for("candidates.profile_joined"))
    steps = steps_for(application)
    return render_template(
        "candidates/check.html",
        form=form,
        errors=errors,
        application=application,
        candidate=candidate,
        steps=steps,
        rows=summary_rows(candidate, application),
        complete={s.slug: is_complete(s, candidate, application) for s in steps},
        step_url=lambda s: step_url(s, application, change="1"),
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
