"""Forms for programmes, cohorts, participants, milestones and near-miss offers."""

from __future__ import annotations

from wtforms import EmailField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired

from ...forms_common import BaseForm, DateInputField, optional_text, required_text
from ...models import COHORT_STATUSES, OFFER_KINDS, PARTICIPANT_STATUSES, PROGRAMME_KINDS


class ProgrammeForm(BaseForm):
    kind = RadioField(
        "Kind of programme",
        choices=dict(PROGRAMME_KINDS),
        validators=[DataRequired("Choose the kind of programme")],
    )
    name = required_text(
        "Name",
        description="For example, NExT Director placements",
        max_length=200,
        required_message="Enter the programme's name",
        name_in_message="The name",
    )
    description = optional_text(
        "What it offers (optional)",
        field=TextAreaField,
        max_length=2000,
        name_in_message="The description",
    )


class CohortForm(BaseForm):
    name = required_text(
        "Cohort name",
        description="For example, 2027 intake",
        max_length=200,
        required_message="Enter the cohort's name",
        name_in_message="The name",
    )
    starts_on = DateInputField(
        "Starts", required_message="Enter the date the cohort starts", name_in_message="Starts"
    )
    ends_on = DateInputField(
        "Ends", required_message="Enter the date the cohort ends", name_in_message="Ends"
    )


class CohortStatusForm(BaseForm):
    status = SelectField("Cohort status", choices=dict(COHORT_STATUSES))


class AddParticipantForm(BaseForm):
    email = required_text(
        "Their email address",
        field=EmailField,
        description="The address they use with this service: they must be in the talent pool.",
        max_length=254,
        required_message="Enter the person's email address",
        name_in_message="The email address",
    )
    nominated_by = optional_text(
        "Nominated by (aspiring chair programmes)",
        description="Their chair's name and board, for example Jo Smith, chair of Leeds Teaching Hospitals",
        max_length=300,
        name_in_message="Who nominated them",
    )


class ParticipantForm(BaseForm):
    status = RadioField(
        "Status",
        choices=dict(PARTICIPANT_STATUSES),
        validators=[DataRequired("Choose the participant's status")],
    )
    host_organisation_id = SelectField("Host organisation", coerce=int, choices=[])
    mentor = optional_text(
        "Mentor",
        description="Name and role, for example Sam Patel, chair of Mersey Vale NHS Trust",
        max_length=200,
        name_in_message="The mentor",
    )
    notes = optional_text(
        "Notes (optional)", field=TextAreaField, max_length=2000, name_in_message="The notes"
    )


class MilestoneForm(BaseForm):
    title = required_text(
        "Milestone",
        description="For example, observe a public board meeting",
        max_length=200,
        required_message="Enter the milestone",
        name_in_message="The milestone",
    )
    due_on = DateInputField(
        "Due by", required_message="Enter the date it is due by", name_in_message="Due by"
    )


class OfferForm(BaseForm):
    kind = RadioField(
        "What to offer",
        choices=dict(OFFER_KINDS),
        validators=[DataRequired("Choose what to offer")],
    )


class AnswerForm(BaseForm):
    answer = RadioField(
        "Their answer",
        choices={"accepted": "Accepted", "declined": "Declined"},
        validators=[DataRequired("Choose their answer")],
    )
    notes = optional_text("Notes (optional)", max_length=500, name_in_message="The notes")
