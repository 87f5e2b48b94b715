"""Forms for a board member, their leaving, reappointment, and an organisation's national
support (its population and workforce figures are in reports/forms.py: diversity data)."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange

from ...domain import COMPETENCY_DOMAINS, SKILL_AREAS
from ...forms_common import BaseForm, CheckboxesField, DateInputField, optional_text, required_text
from ...models import BOARD_ROLES, COMMITTEES


class MemberForm(BaseForm):
    name = required_text(
        "Full name",
        max_length=200,
        required_message="Enter the member's full name",
        name_in_message="Full name",
    )
    role = SelectField(
        "Role on the board",
        choices={"": "Choose a role", **BOARD_ROLES},
        validators=[DataRequired("Choose the member's role on the board")],
    )
    title = optional_text(
        "Title (optional)",
        description="As on the board's page, for example Chief Nurse or Senior Independent Director",
        max_length=200,
        name_in_message="The title",
    )
    term_start = DateInputField(
        "Current term started",
        description="For example, 1 4 2024",
        required_message="Enter the date the current term started",
        name_in_message="Term start",
    )
    term_end = DateInputField(
        "Current term ends",
        description="Leave empty for an executive director on a permanent contract",
        name_in_message="Term end",
    )
    term_number = IntegerField(
        "Which term this is",
        default=1,
        description="1 for a first appointment, 2 after one reappointment",
        validators=[
            InputRequired("Enter which term this is, for example 1"),
            NumberRange(min=1, max=4, message="The term must be a number from 1 to 4"),
        ],
    )
    first_appointed = DateInputField(
        "First appointed to this board (optional)",
        description="Only if different from the start of the current term",
        name_in_message="First appointed",
    )
    committees = CheckboxesField("Committees they sit on", choices=COMMITTEES)
    chairs = CheckboxesField("Committees they chair", choices=COMMITTEES)
    skill_areas = CheckboxesField("Skill areas they bring", choices=SKILL_AREAS)
    domains = CheckboxesField("Competency domains they are strong in", choices=COMPETENCY_DOMAINS)
    notes = optional_text(
        "Notes (optional)", field=TextAreaField, max_length=2000, name_in_message="The notes"
    )


class LeaveForm(BaseForm):
    left_on = DateInputField(
        "Date they leave the board",
        required_message="Enter the date the member leaves the board",
        name_in_message="Date they leave",
    )
    reason = required_text(
        "Why they leave",
        description="For example, term ended, resigned, or not reappointed",
        max_length=300,
        required_message="Enter why the member leaves the board",
        name_in_message="The reason",
    )


class ReappointForm(BaseForm):
    new_end = DateInputField(
        "New term ends",
        required_message="Enter the date the new term ends",
        name_in_message="New term end",
    )


class SupportForm(BaseForm):
    challenged = BooleanField("The organisation is in a national support programme")
    support_programme = optional_text(
        "National support programme (optional)",
        description="For example, the NHS Oversight Framework's Recovery Support Programme. "
        "Leave empty if the organisation is in none.",
        max_length=200,
        name_in_message="The programme",
    )
    support_since = DateInputField("In the programme since (optional)", name_in_message="Since")
    support_package = optional_text(
        "Support offered to appointees (optional)",
        field=TextAreaField,
        description="Shown on every advert for this organisation's board: induction, a mentor, "
        "time with the national team.",
        max_length=2000,
        name_in_message="The support package",
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = bool(super().validate())
        if (self.challenged.data or self.support_since.data) and not (
            self.support_programme.data or ""
        ).strip():
            self.support_programme.errors = ["Enter the programme the organisation is in"]
            valid = False
        return valid
