"""Panel scoring and the shortlist and panel downloads, on the appointments blueprint.

Every team member may score and download; candidates appear by reference only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response
from wtforms import Field, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..extensions import db
from ..forms_common import BaseForm
from ..models import PANEL_SCALE, Application, Vacancy
from ..services import panel
from ..services.platform import audit
from .routes import _vacancy, bp

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ScoreField(RadioField):
    """A score on the published scale. Unanswered is not an invalid choice: whether an
    answer is needed depends on the button (a draft may be partial), so `required` decides."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:  # not a number at all: say what to do, as for any other
            raise ValueError(self.invalid_choice_message) from None

    def pre_validate(self, form: Any) -> None:
        if self.raw_data:
            super().pre_validate(form)


def score_form(criteria: list[panel.Criterion], submitting: bool) -> BaseForm:
    """A form with a score and a comment for each criterion, named by the criterion's key."""

    class ScoreForm(BaseForm):
        pass

    for criterion in criteria:
        name = panel.short(criterion.text)
        validators: list[Any] = [InputRequired(f"Select a score for {name}")] if submitting else []
        setattr(
            ScoreForm,
            f"score_{criterion.key}",
            ScoreField(
                f"{criterion.kind}: {criterion.text}",
                choices={value: f"{value} – {label}" for value, label in PANEL_SCALE.items()},
                coerce=int,
                validators=validators,
                invalid_choice_message=f"Select a score between 0 and 4 for {name}",
            ),
        )
        setattr(
            ScoreForm,
            f"comment_{criterion.key}",
            TextAreaField(
                "Your notes on this criterion (optional)",
                filters=[lambda value: value.strip() if isinstance(value, str) else value],
                validators=[
                    Length(
                        max=panel.MAX_COMMENT,
                        message=f"Your notes on {name} must be {panel.MAX_COMMENT:,} characters or fewer",
                    )
                ],
            ),
        )
    return ScoreForm()


def _panel_application(ref: str) -> Application:
    """A candidate on the panel; anyone not yet shortlisted is not the panel's to see."""
    application = db.session.execute(
        db.select(Application).filter_by(reference=ref)
    ).scalar_one_or_none()
    if application is None or not panel.on_panel(application):
        abort(404)
    return application


@bp.route("/vacancies/<int:vacancy_id>/panel")
def panel_overview(vacancy_id: int) -> str:
    vacancy = _vacancy(vacancy_id)
    return render_template(
        "appointments/panel/overview.html",
        vacancy=vacancy,
        rows=panel.overview(vacancy, current_user.id),
        criteria=panel.criteria(vacancy),
        stage_text=panel.stage_text,
        PANEL_SCALE=PANEL_SCALE,
        DISAGREEMENT_SPREAD=panel.DISAGREEMENT_SPREAD,
    )


def _fields(form: BaseForm, criterion: panel.Criterion) -> tuple[Field, Field]:
    return form[f"score_{criterion.key}"], form[f"comment_{criterion.key}"]


@bp.route("/applications/<ref>/panel", methods=["GET", "POST"])
def panel_scores(ref: str) -> str | Response:
    application = _panel_application(ref)
    sheet = panel.score_sheet(application, current_user.id)
    submitting = request.form.get("action") == "submit"
    form = score_form(sheet.criteria, submitting)
    problems: list[str] = []
    if request.method == "POST":
        known = {name for name in form.data if name.startswith(("score_", "comment_"))}
        posted = {name for name in request.form if name.startswith(("score_", "comment_"))}
        if posted - known:
            problems.append(
                "The scores sent do not match this vacancy's criteria, which may have "
                "changed. Check every score on this page and save again."
            )
        if not sheet.can_edit:
            problems.append(_closed_message(sheet))
        elif _validate(form, sheet.criteria) and not problems:
            entries = {
                c.key: panel.Entry(_fields(form, c)[0].data, _fields(form, c)[1].data or "")
                for c in sheet.criteria
            }
            try:
                panel.save(current_user, application, entries, submit=submitting)
                db.session.commit()
            except panel.PanelError as error:
                db.session.rollback()
                problems.append(str(error))
            except IntegrityError:  # the same scores sent twice at once, from two tabs
                db.session.rollback()
                problems.append(
                    f"Your scores for {application.reference} were saved from another page "
                    "at the same time. Check them below."
                )
            else:
                if submitting:
                    flash(f"Scores submitted for {application.reference}.", "success")
                else:
                    flash(
                        "Draft saved. Nobody else can see your scores until you submit them.",
                        "success",
                    )
                return redirect(url_for("appointments.panel_scores", ref=application.reference))
    elif sheet.can_edit:
        for criterion in sheet.criteria:
            score, comment = _fields(form, criterion)
            row = sheet.own.get(criterion.key)
            if row is not None:
                score.data, comment.data = row.score, row.comment
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


def _validate(form: BaseForm, criteria: list[panel.Criterion]) -> bool:
    valid = form.validate()
    for criterion in criteria:
        score, comment = _fields(form, criterion)
        if score.data is None and not score.errors and comment.data:
            score.errors = [
                f"Select a score for {panel.short(criterion.text)} to keep your notes on it"
            ]
            valid = False
    return valid


def _closed_message(sheet: panel.ScoreSheet) -> str:
    reference = sheet.application.reference
    if sheet.status == panel.SUBMITTED:
        return f"You have already submitted your scores for {reference}; they cannot be changed."
    return (
        f"{reference} is {sheet.application.stage_label.lower()}: panel scores can no longer "
        "be given or changed."
    )


def _download(vacancy: Vacancy, kind: str, fmt: str, tables: list[panel.Table]) -> Response:
    data = panel.to_csv(tables) if fmt == "csv" else panel.to_xlsx(tables)
    audit.record(
        f"team:{current_user.id}",
        "export_downloaded",
        "vacancy",
        vacancy.id,
        export=kind,
        format=fmt,
        rows=sum(len(t.rows) for t in tables),
    )
    db.session.commit()
    name = f"{kind}-vacancy-{vacancy.id}-{date.today().isoformat()}.{fmt}"
    return Response(
        data,
        mimetype=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            # Personal data: not to be kept by the browser or anything in between.
            "Cache-Control": "no-store",
        },
    )


@bp.route("/vacancies/<int:vacancy_id>/export/shortlist.<any(csv, xlsx):fmt>")
def export_shortlist(vacancy_id: int, fmt: str) -> Response:
    vacancy = _vacancy(vacancy_id)
    return _download(vacancy, "shortlist", fmt, [panel.shortlist_table(vacancy)])


@bp.route("/vacancies/<int:vacancy_id>/export/panel.<any(csv, xlsx):fmt>")
def export_panel(vacancy_id: int, fmt: str) -> Response:
    vacancy = _vacancy(vacancy_id)
    return _download(vacancy, "panel", fmt, list(panel.panel_tables(vacancy, current_user.id)))
