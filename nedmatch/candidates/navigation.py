"""Where the journey goes next: the addresses of its steps and its check page, and where a
candidate resumes."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from werkzeug.wrappers import Response

from ..models import Application
from ..services.applications import queries
from ..stages import Stage
from .journey import Step, first_incomplete
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


def resume(application: Application | None) -> Response:
    """The first step still to do, or the check page when all are done."""
    candidate = signed_in()
    if application is not None and application.stage != Stage.DRAFT:
        flash(f"You have already applied for {application.vacancy.title}.", "info")
        return redirect(url_for("my_data.my_applications"))
    step = first_incomplete(candidate, application)
    if step is None:
        return redirect(check_url(application))
    return redirect(step_url(step, application))


def own_application(ref: str) -> Application:
    """The signed-in candidate's application with this reference; 404 for anyone else's."""
    application = queries.for_candidate(signed_in(), ref)
    if application is None:
        abort(404)
    return application
