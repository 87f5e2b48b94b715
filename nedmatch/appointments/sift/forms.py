"""The sift's forms: a stage move, a bulk action on the ranked list, a note, a confirmation."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, SelectField, SelectMultipleField, TextAreaField, ValidationError
from wtforms.validators import DataRequired

from ...forms_common import BaseForm, optional_text, required_text


class MoveForm(BaseForm):
    to_stage = SelectField("Move to", validators=[DataRequired("Choose a stage to move to")])
    reason = optional_text(
        "Reason",
        field=TextAreaField,
        description="Needed to reject a candidate or move them back. Candidates can ask to see it.",
        max_length=2000,
        name_in_message="Reason",
    )
    override = BooleanField(
        "Override the guaranteed interview scheme (administrators only; the reason is recorded)"
    )


BULK_ACTIONS = {
    "advance": "Move to the next stage",
    "rejected": "Reject (give a reason)",
}


class BulkForm(BaseForm):
    application_ids = SelectMultipleField("Selected candidates", coerce=int)
    action = SelectField(
        "Action", choices=BULK_ACTIONS, validators=[DataRequired("Choose an action")]
    )
    reason = optional_text("Reason", field=TextAreaField, max_length=2000, name_in_message="Reason")

    def validate_application_ids(self, field: Any) -> None:
        if not field.data:
            raise ValidationError("Select at least one candidate")

    def validate_reason(self, field: Any) -> None:
        if self.action.data == "rejected" and not (field.data or "").strip():
            raise ValidationError(
                "Enter a reason for rejecting the candidates: candidates can ask to see it"
            )


class NoteForm(BaseForm):
    text = required_text(
        "Add a note",
        field=TextAreaField,
        description="Notes are part of the record: candidates can ask to see them.",
        max_length=5000,
        required_message="Enter the note",
        name_in_message="A note",
    )


class ConfirmForm(BaseForm):
    """A button that changes something: the POST carries only the CSRF token."""
