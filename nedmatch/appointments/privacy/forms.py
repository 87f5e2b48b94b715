"""Forms of the team's data request pages."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from ...forms_common import BaseForm
from ...forms_common import strip_text as _strip


class FindCandidateForm(BaseForm):
    email = EmailField(
        "Email address",
        description="The exact address the person used with NEDMatch.",
        filters=[_strip],
        validators=[
            DataRequired("Enter the person's email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.com"),
        ],
    )


class _ReasonForm(BaseForm):
    reason = TextAreaField(
        "Why are you doing this?",
        description=(
            "For example: 'Letter received 3 March, identity checked by phone'. Do not "
            "include the person's name or contact details."
        ),
        filters=[_strip],
        validators=[
            DataRequired("Enter the reason, so the audit trail shows why"),
            Length(max=500, message="Reason must be 500 characters or fewer"),
        ],
    )


class ExportForm(_ReasonForm):
    pass


class EraseForm(_ReasonForm):
    confirm = BooleanField(
        "I have checked this person's identity and that they asked for their data to be deleted",
        validators=[DataRequired("Confirm you have checked the request")],
    )
