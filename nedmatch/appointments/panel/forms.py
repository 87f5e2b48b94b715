"""The panel's score sheet: a score on the published scale and a comment per criterion."""

from __future__ import annotations

from typing import Any

from wtforms import Field, RadioField, TextAreaField
from wtforms.validators import InputRequired

from ...forms_common import BaseForm, optional_text
from ...models import PANEL_SCALE
from ...services import panel


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
            optional_text(
                "Your notes on this criterion (optional)",
                field=TextAreaField,
                max_length=panel.MAX_COMMENT,
                name_in_message=f"Your notes on {name}",
            ),
        )
    return ScoreForm()


def fields(form: BaseForm, criterion: panel.Criterion) -> tuple[Field, Field]:
    """The score and the comment fields for ``criterion``."""
    return form[f"score_{criterion.key}"], form[f"comment_{criterion.key}"]


def validate(form: BaseForm, criteria: list[panel.Criterion]) -> bool:
    """The form's own checks, and a comment is kept only with a score."""
    valid: bool = form.validate()
    for criterion in criteria:
        score, comment = fields(form, criterion)
        if score.data is None and not score.errors and comment.data:
            score.errors = [
                f"Select a score for {panel.short(criterion.text)} to keep your notes on it"
            ]
            valid = False
    return valid


def unknown_fields(form: BaseForm, posted: Any) -> bool:
    """Scores sent for criteria this form does not have: the vacancy's criteria changed."""
    known = {name for name in form.data if name.startswith(("score_", "comment_"))}
    sent = {name for name in posted if name.startswith(("score_", "comment_"))}
    return bool(sent - known)


def entries(form: BaseForm, criteria: list[panel.Criterion]) -> dict[str, panel.Entry]:
    return {
        c.key: panel.Entry(fields(form, c)[0].data, fields(form, c)[1].data or "") for c in criteria
    }


def fill(form: BaseForm, sheet: panel.ScoreSheet) -> None:
    """Show the member's own saved scores and comments."""
    for criterion in sheet.criteria:
        score, comment = fields(form, criterion)
        row = sheet.own.get(criterion.key)
        if row is not None:
            score.data, comment.data = row.score, row.comment
