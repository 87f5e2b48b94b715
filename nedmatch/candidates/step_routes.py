"""The application's task list and its sections, done in any order. "Save and continue"
on a section returns to the task list, as the NHS.UK pattern has it (to the check page when
the candidate came from there to change an answer); the equality section asks the
background within an ethnic group on a page of its own."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from ..domain import ETHNIC_GROUPS, ETHNICITY_BROAD, ETHNICITY_DESCRIPTION
from ..extensions import db
from ..forms_common import BaseForm
from ..models import Application, Candidate
from ..services.applications import monitoring, steps
from ..services.applications import operations as ops
from ..services.applications.cv import CVError
from ..stages import Stage
from . import forms
from .blueprint import bp
from .journey import STEP_BY_SLUG, answers_of, draft_of, initial_data
from .navigation import background_url, check_url, own_application, step_url, tasks_url
from .session import candidate_required, current_candidate, signed_in
from .tasks import Status, task_list


def _draft_application(ref: str) -> Application | Response:
    """The signed-in candidate's application, if it is still theirs to change."""
    application = own_application(ref)
    if application.stage != Stage.DRAFT:
        flash("You have already submitted this application.", "info")
        return redirect(url_for("my_data.my_applications"))
    return application


@bp.route("/applications/<ref>")
@candidate_required
def application_tasks(ref: str) -> str | Response:
    application = _draft_application(ref)
    if isinstance(application, Response):
        return application
    return _tasks_view(application)


@bp.route("/profile")
@candidate_required
def profile_tasks() -> str:
    return _tasks_view(None)


def _tasks_view(application: Application | None) -> str:
    candidate = signed_in()
    return render_template(
        "candidates/tasks.html",
        tasks=task_list(candidate, application),
        Status=Status,
        application=application,
        candidate=candidate,
        step_url=lambda s: step_url(s, application),
        check_url=check_url(application),
    )


@bp.route("/applications/<ref>/<step>", methods=["GET", "POST"])
@candidate_required
def application_step(ref: str, step: str) -> str | Response:
    application = _draft_application(ref)
    if isinstance(application, Response):
        return application
    return _step_view(step, application)


@bp.route("/profile/<step>", methods=["GET", "POST"])
@candidate_required
def profile_step(step: str) -> str | Response:
    return _step_view(step, None)


def _after_saving(application: Application | None, returning_to_check: bool) -> Response:
    return redirect(check_url(application) if returning_to_check else tasks_url(application))


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
        steps.lock_for_saving(candidate, application)
        form = step.form()
        valid = form.validate()
        if step.slug == "cv" and valid:
            valid = _handle_cv(form, candidate)
        if valid:
            steps.save_step(candidate, application, step.slug, answers_of(form))
        elif step.slug != "equality":
            # Monitoring answers live only in monitoring_response, never on the candidate's
            # record; an invalid answer there can only be a tampered one, so nothing is lost.
            steps.save_draft(candidate, application, step.slug, draft_of(step, request.form))
        if save_later:
            ops.send_return_link(candidate, "You saved your progress on NEDMatch.")
        db.session.commit()
        if save_later:
            return redirect(url_for("candidates.saved"))
        if valid:
            if step.slug == "equality" and _asks_background(form):
                change = {"change": "1"} if returning_to_check else {}
                return redirect(background_url(application, **change))
            return _after_saving(application, returning_to_check)
    else:
        draft = steps.draft_for(candidate, application, step.slug)
        if draft:
            form = step.form(formdata=MultiDict(draft))
        else:
            form = step.form(formdata=None, data=initial_data(step, candidate, application))

    return render_template(
        f"candidates/steps/{step.slug.replace('-', '_')}.html",
        form=form,
        step=step,
        application=application,
        candidate=candidate,
        back_url=check_url(application) if returning_to_check else tasks_url(application),
    )


def _asks_background(form: BaseForm) -> bool:
    """A group chosen on the equality page, rather than a background posted by the
    one-question form that came before: the background within the group comes next."""
    return form[ETHNICITY_BROAD].data in ETHNIC_GROUPS and not form["ethnicity"].data


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


@bp.route("/applications/<ref>/equality/ethnic-background", methods=["GET", "POST"])
@candidate_required
def application_background(ref: str) -> str | Response:
    application = _draft_application(ref)
    if isinstance(application, Response):
        return application
    return _background_view(application)


@bp.route("/profile/equality/ethnic-background", methods=["GET", "POST"])
@candidate_required
def profile_background() -> str | Response:
    return _background_view(None)


def _background_view(application: Application | None) -> str | Response:
    candidate = signed_in()
    equality = STEP_BY_SLUG["equality"]
    returning_to_check = request.args.get("change") == "1"
    change = {"change": "1"} if returning_to_check else {}
    answers = monitoring.answers_for(candidate.id)
    group = monitoring.ethnic_group_of(answers)
    if group not in ETHNIC_GROUPS:
        # No group given (or "Prefer not to say"): the first question comes first.
        return redirect(step_url(equality, application, **change))
    assert group is not None  # noqa: S101 - a key of ETHNIC_GROUPS

    if request.method == "POST":
        steps.lock_for_saving(candidate, application)
        form = forms.EthnicBackgroundForm.for_group(group)
        if form.validate():
            steps.save_ethnic_background(
                candidate, application, form.ethnicity.data or "", form.description.data or ""
            )
            save_later = "save_later" in request.form
            if save_later:
                ops.send_return_link(candidate, "You saved your progress on NEDMatch.")
            db.session.commit()
            if save_later:
                return redirect(url_for("candidates.saved"))
            return _after_saving(application, returning_to_check)
    else:
        form = forms.EthnicBackgroundForm.for_group(
            group,
            formdata=None,
            data={
                "ethnicity": answers.get("ethnicity"),
                "description": answers.get(ETHNICITY_DESCRIPTION, ""),
            },
        )
    return render_template(
        "candidates/steps/ethnic_background.html",
        form=form,
        group=group,
        step=equality,
        application=application,
        candidate=candidate,
        back_url=step_url(equality, application, **change),
    )


@bp.route("/saved")
def saved() -> str:
    return render_template("candidates/saved.html", candidate=current_candidate())
