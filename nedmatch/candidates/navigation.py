"""Where the journey goes: the addresses of its task list, its sections and its check page,
and where a candidate resumes."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from werkzeug.wrappers import Response

from ..models import Application
from ..services.applications import queries
from ..stages import Stage
from .journey import Step
from .session import signed_in


def step_url(step: Step, application: Application | None, **kwargs: Any) -> str:
    if application is None:
        return url_for("candidates.profile_step", step=step.slug, **kwargs)
    return url_for(
        "candidates.application_step", ref=application.reference, step=step.slug, **kwargs
    )


def check_url(application: Application | None) -> str:
    if application is None:
        return url_for("candidates.profile_check")
    return url_for("candidates.application_check", ref=application.reference)


def tasks_url(application: Application | None) -> str:
    if application is None:
        return url_for("candidates.profile_tasks")
    return url_for("candidates.application_tasks", ref=application.reference)


def background_url(application: Application | None, **kwargs: Any) -> str:
    """The second ethnicity question, on a page of its own after the equality page."""
    if application is None:
        return url_for("candidates.profile_background", **kwargs)
    return url_for("candidates.application_background", ref=application.reference, **kwargs)


def resume(application: Application | None) -> Response:
    """The task list, where a candidate sees what is done and what is left; for an
    application already sent, their applications."""
    if application is not None and application.stage != Stage.DRAFT:
        flash(f"You have already applied for {application.vacancy.title}.", "info")
        return redirect(url_for("my_data.my_applications"))
    return redirect(tasks_url(application))


def own_application(ref: str) -> Application:
    """The signed-in candidate's application with this reference; 404 for anyone else's."""
    application = queries.for_candidate(signed_in(), ref)
    if application is None:
        abort(404)
    return application
