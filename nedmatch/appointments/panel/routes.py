"""Panel scoring and the shortlist and panel downloads, under /team.

Every team member may score and download; candidates appear by reference only.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...downloads import send_download
from ...extensions import db
from ...models import PANEL_SCALE
from ...services import panel
from ...services.campaigns import vacancies
from ..lookups import or_404
from . import forms

bp = Blueprint("panel", __name__)


@bp.context_processor
def vocabulary() -> dict[str, Any]:
    """The score sheet's statuses as a type, for the panel's templates to compare with."""
    return {"SheetStatus": panel.SheetStatus}


@bp.route("/vacancies/<int:vacancy_id>/panel")
def overview(vacancy_id: int) -> str:
    vacancy = or_404(vacancies.get(vacancy_id))
    return render_template(
        "appointments/panel/overview.html",
        vacancy=vacancy,
        rows=panel.overview(vacancy, current_user.id),
        criteria=panel.criteria(vacancy),
        stage_text=panel.stage_text,
        PANEL_SCALE=PANEL_SCALE,
        DISAGREEMENT_SPREAD=panel.DISAGREEMENT_SPREAD,
    )


@bp.route("/applications/<ref>/panel", methods=["GET", "POST"])
def scores(ref: str) -> str | Response:
    application = or_404(panel.by_reference(ref))
    sheet = panel.score_sheet(application, current_user.id)
    submitting = request.form.get("action") == "submit"
    form = forms.score_form(sheet.criteria, submitting)
    problems: list[str] = []
    if request.method == "POST":
        if forms.unknown_fields(form, request.form):
            problems.append(
                "The scores sent do not match this vacancy's criteria, which may have "
                "changed. Check every score on this page and save again."
            )
        if not sheet.can_edit:
            problems.append(_closed_message(sheet))
        elif forms.validate(form, sheet.criteria) and not problems:
            try:
                panel.save(
                    current_user,
                    application,
                    forms.entries(form, sheet.criteria),
                    submit=submitting,
                )
            except panel.PanelError as error:
                problems.append(str(error))
            else:
                db.session.commit()
                if submitting:
                    flash(f"Scores submitted for {application.reference}.", "success")
                else:
                    flash(
                        "Draft saved. Nobody else can see your scores until you submit them.",
                        "success",
                    )
                return redirect(url_for("panel.scores", ref=application.reference))
    elif sheet.can_edit:
        forms.fill(form, sheet)
    return render_template(
        "appointments/panel/scores.html",
        application=application,
        vacancy=application.vacancy,
        sheet=sheet,
        form=form,
        problems=problems,
        PANEL_SCALE=PANEL_SCALE,
        DISAGREEMENT_SPREAD=panel.DISAGREEMENT_SPREAD,
        stage_text=panel.stage_text(application),
    )


def _closed_message(sheet: panel.ScoreSheet) -> str:
    reference = sheet.application.reference
    if sheet.status == panel.SheetStatus.SUBMITTED:
        return f"You have already submitted your scores for {reference}; they cannot be changed."
    return (
        f"{reference} is {sheet.application.stage_label.lower()}: panel scores can no longer "
        "be given or changed."
    )


@bp.route("/vacancies/<int:vacancy_id>/export/shortlist.<any(csv, xlsx):fmt>")
def export_shortlist(vacancy_id: int, fmt: panel.ExportFormat) -> Response:
    vacancy = or_404(vacancies.get(vacancy_id))
    file = panel.download(current_actor(), vacancy, "shortlist", fmt)
    db.session.commit()
    return send_download(file.data, file.filename, file.media_type)


@bp.route("/vacancies/<int:vacancy_id>/export/panel.<any(csv, xlsx):fmt>")
def export_panel(vacancy_id: int, fmt: panel.ExportFormat) -> Response:
    vacancy = or_404(vacancies.get(vacancy_id))
    file = panel.download(current_actor(), vacancy, "panel", fmt)
    db.session.commit()
    return send_download(file.data, file.filename, file.media_type)
