"""Forms for recording an FPPT check and an administrator's override."""

from __future__ import annotations

from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired

from ...forms_common import BaseForm, DateInputField, optional_text, required_text
from ...models import FPPT_STATUSES


class CheckForm(BaseForm):
    status = RadioField(
        "Outcome",
        choices=dict(FPPT_STATUSES),
        validators=[DataRequired("Select the outcome of the check")],
    )
    checked_on = DateInputField(
        "Date checked",
        description="For example, 2 12 2026",
        name_in_message="Date checked",
    )
    evidence = optional_text(
        "Evidence",
        field=TextAreaField,
        description="What the check rests on: who gave the reference and when, the DBS "
        "certificate number, the register searched and its date.",
        max_length=4000,
        name_in_message="The evidence",
    )
    notes = optional_text(
        "Notes",
        field=TextAreaField,
        description="Needed for a concern (what it is and what was decided) and for a check "
        "that is not required (why not).",
        max_length=4000,
        name_in_message="The notes",
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = bool(super().validate())
        status = self.status.data
        if status and status != "not_started" and self.checked_on.data is None:
            if not self.checked_on.errors:
                self.checked_on.errors = ["Enter the date the check was made"]
            valid = False
        if status in ("satisfactory", "concern") and not (self.evidence.data or "").strip():
            self.evidence.errors = [
                "Enter the evidence the check rests on, for example the reference's date"
            ]
            valid = False
        if status in ("concern", "not_required") and not (self.notes.data or "").strip():
            self.notes.errors = [
                "Enter why the check is not required"
                if status == "not_required"
                else "Enter the concern and what was decided about it"
            ]
            valid = False
        return valid


class OverrideForm(BaseForm):
    reason = required_text(
        "Reason for appointing without every check complete",
        field=TextAreaField,
        max_length=2000,
        required_message="Enter the reason for appointing without every check complete",
        name_in_message="The reason",
    )


class ConfirmForm(BaseForm):
    """A button that changes something: CSRF only."""
