"""Forms of the team's data request pages."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, TextAreaField
from wtforms.validators import DataRequired, Email

from ...forms_common import BaseForm, required_text


class FindCandidateForm(BaseForm):
    email = required_text(
        "Email address",
        field=EmailField,
        description="The exact address the person used with NEDMatch.",
        max_length=254,
        required_message="Enter the person's email address",
        name_in_message="Email address",
        validators=[Email("Enter an email address in the correct format, like name@example.com")],
    )


class _ReasonForm(BaseForm):
    reason = required_text(
        "Why are you doing this?",
        field=TextAreaField,
        description=(
            "For example: 'Letter received 3 March, identity checked by phone'. Do not "
            "include the person's name or contact details."
        ),
        max_length=500,
        required_message="Enter the reason, so the audit trail shows why",
        name_in_message="Reason",
    )


class ExportForm(_ReasonForm):
    pass


class EraseForm(_ReasonForm):
    confirm = BooleanField(
        "I have checked this person's identity and that they asked for their data to be deleted",
        validators=[DataRequired("Confirm you have checked the request")],
    )
