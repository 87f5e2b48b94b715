"""The wording of each stage's message for a vacancy, under /team: read it, change it with
a preview for a sample candidate, or go back to the default. Each parses the request,
calls one operation in `services.messages.templates` and renders; the request commits."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...extensions import db
from ...services.campaigns import vacancies
from ...services.messages import templates
from ...services.messages.wording import PLACEHOLDERS, TOLD, TemplateError, Wording
from ..lookups import or_404
from .forms import ACTIONS, MessageTemplateForm

bp = Blueprint("messages", __name__)


@bp.route("/vacancies/<int:vacancy_id>/messages")
def vacancy_messages(vacancy_id: int) -> str:
    item = or_404(vacancies.get(vacancy_id))
    return render_template(
        "appointments/messages/index.html",
        vacancy=item,
        wordings=templates.for_vacancy(item),
        delay_minutes=templates.rejection_delay_minutes(),
    )


# Only the stages a candidate is told about have a message: any other is not found.
_TOLD_STAGES = ", ".join(stage.value for stage in TOLD)


@bp.route(
    f"/vacancies/<int:vacancy_id>/messages/<any({_TOLD_STAGES}):stage>", methods=["GET", "POST"]
)
def vacancy_message(vacancy_id: int, stage: str) -> str | Response:
    item = or_404(vacancies.get(vacancy_id))
    told = or_404(templates.told_stage(stage))
    current = templates.wording_for(item, told)
    form = MessageTemplateForm(data={"subject": current.subject, "body": current.body})
    action = request.form.get("action", "")
    if request.method == "POST" and (action not in ACTIONS or not form.validate()):
        flash("Choose Preview, Save or Use the default wording.", "warning")
        return redirect(url_for("messages.vacancy_message", vacancy_id=item.id, stage=told))
    wording = Wording(form.subject.data or "", form.body.data or "")
    preview = None
    try:
        if request.method == "POST" and action == "save":
            templates.save(current_actor(), item, told, wording)
        elif request.method == "POST" and action == "reset":
            templates.reset(current_actor(), item, told)
        else:
            preview = templates.preview(item, wording)
    except TemplateError as error:
        for name in ("subject", "body"):
            found = [message for field, message in error.problems if field == name]
            if found:  # one message per field, as the error summary shows one
                form[name].errors = [". ".join(found)]
    else:
        if request.method == "POST" and action != "preview":
            db.session.commit()
            flash(
                f"The {told.label.lower()} message for this vacancy is saved."
                if action == "save"
                else f"The {told.label.lower()} message for this vacancy is back to the default.",
                "success",
            )
            return redirect(url_for("messages.vacancy_messages", vacancy_id=item.id))
    return render_template(
        "appointments/messages/edit.html",
        vacancy=item,
        stage=told,
        form=form,
        preview=preview,
        PLACEHOLDERS=PLACEHOLDERS,
    )
