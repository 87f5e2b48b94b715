"""The candidate journey's forms: one per step, each error message says what to do."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, InputRequired, Optional

from ..domain import (
    AVAILABILITY,
    BOARD_EXPERIENCE,
    COMPETENCY_DOMAINS,
    ELIGIBILITY_ITEM_SUBJECTS,
    ELIGIBILITY_ITEMS,
    ETHNIC_GROUP_CHOICES,
    ETHNIC_GROUPS,
    ETHNICITY_BROAD,
    ETHNICITY_DESCRIPTION_MAX,
    MONITORING_QUESTIONS,
    PREFER_NOT_TO_SAY,
    REGIONS,
    SKILL_AREAS,
    ethnic_background_question,
)
from ..forms_common import BaseForm, CheckboxesField, optional_text, required_text

# UK postcode, loosely: the Royal Mail format, with or without the space.
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
NAME_MAX = 100
SUMMARY_MAX = 5000
EVIDENCE_MAX = 2500
STATEMENT_MAX = 7000
MAX_SKILLS = 8
# The candidates' messages have always written a maximum length without a thousands
# separator ("5000 characters"), so their text fields pass thousands_separator=False.

# Choices as {value: label}: WTForms 3.3 deprecates (value, label) tuples.
YES_NO = {"yes": "Yes", "no": "No"}


class StartForm(BaseForm):
    email = required_text(
        "Email address",
        field=EmailField,
        description="We will send you a link so you can come back to your application.",
        max_length=254,
        required_message="Enter your email address",
        name_in_message="Email address",
        validators=[Email("Enter an email address in the correct format, like name@example.com")],
    )


class ReturnForm(StartForm):
    pass


class AboutYouForm(BaseForm):
    first_name = required_text(
        "First name",
        max_length=NAME_MAX,
        required_message="Enter your first name",
        name_in_message="First name",
    )
    last_name = required_text(
        "Last name",
        max_length=NAME_MAX,
        required_message="Enter your last name",
        name_in_message="Last name",
    )
    phone = StringField(
        "Phone number",
        description="For example, 07700 900 982. We will only call you about your application.",
        validators=[DataRequired("Enter your phone number")],
    )
    postcode = StringField(
        "Postcode",
        description="Boards prefer people who live in or have strong links to the area they serve.",
        filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
        validators=[DataRequired("Enter your postcode")],
    )
    region = SelectField(
        "Which NHS region do you live in?",
        choices={"": "Select a region", **REGIONS},
        validators=[DataRequired("Select the NHS region you live in")],
    )

    def validate_phone(self, field: Any) -> None:
        if not PHONE_RE.match(field.data or ""):
            raise ValidationError("Enter a phone number, like 07700 900 982 or +44 808 157 0192")

    def validate_postcode(self, field: Any) -> None:
        if not POSTCODE_RE.match(field.data or ""):
            raise ValidationError("Enter a full UK postcode, like LS1 4AP")


class ExperienceForm(BaseForm):
    current_role = required_text(
        "What is your current or most recent role?",
        description="For example, Finance Director at a housing association",
        max_length=200,
        required_message="Enter your current or most recent role",
        name_in_message="Your role",
    )
    career_summary = required_text(
        "Summarise your career",
        field=TextAreaField,
        description="The roles you have held and what you achieved in them. Do not include your name or contact details.",
        min_length=50,
        max_length=SUMMARY_MAX,
        required_message="Summarise your career",
        name_in_message="Your career summary",
        thousands_separator=False,
    )
    skill_areas = CheckboxesField(
        "Which skill areas can you bring to a board?",
        description=f"Select up to {MAX_SKILLS}.",
        choices=SKILL_AREAS,
        validators=[DataRequired("Select at least one skill area")],
    )
    board_experience = RadioField(
        "What board experience do you have?",
        choices=BOARD_EXPERIENCE,
        validators=[InputRequired("Select your board experience")],
    )
    availability = RadioField(
        "How much time could you give a board?",
        description="Non-executive directors give about 2.5 to 5 days a month; a chair about 3 days a week.",
        choices=AVAILABILITY,
        validators=[InputRequired("Select how much time you could give")],
    )
    willing_challenged = RadioField(
        "Would you consider joining the board of an organisation in national recovery support?",
        description="These organisations face serious challenges and need particularly resilient boards.",
        choices=YES_NO,
        validators=[
            InputRequired("Select yes if you would consider an organisation in recovery support")
        ],
    )
    consent_to_match = RadioField(
        "Can the appointments team match you to other board vacancies in future?",
        description="We will compare your profile with new vacancies and may invite you to apply. You can change this at any time.",
        choices=YES_NO,
        validators=[InputRequired("Select yes if we can match you to future vacancies")],
    )

    def validate_skill_areas(self, field: Any) -> None:
        if field.data and len(field.data) > MAX_SKILLS:
            raise ValidationError(f"Select no more than {MAX_SKILLS} skill areas")


def _evidence_field(slug: str, label: str) -> TextAreaField:
    return optional_text(
        label,
        field=TextAreaField,
        max_length=EVIDENCE_MAX,
        name_in_message="Evidence",
        thousands_separator=False,
    )


class CompetenciesForm(BaseForm):
    """Evidence against the NHS Leadership Competency Framework's six domains."""

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if not any((self[f"evidence_{slug}"].data or "").strip() for slug in COMPETENCY_DOMAINS):
            self[f"evidence_{next(iter(COMPETENCY_DOMAINS))}"].errors.append(
                "Give evidence for at least one of the six areas"
            )
            return False
        return valid


for _slug, _label in COMPETENCY_DOMAINS.items():
    setattr(CompetenciesForm, f"evidence_{_slug}", _evidence_field(_slug, _label))


class StatementForm(BaseForm):
    statement = required_text(
        "Why are you applying for this role?",
        field=TextAreaField,
        description="Tell us how you meet the essential and desirable criteria, with examples.",
        min_length=100,
        max_length=STATEMENT_MAX,
        required_message="Enter your supporting statement",
        name_in_message="Your statement",
        thousands_separator=False,
    )
    guaranteed_interview = RadioField(
        "Do you want to apply under the guaranteed interview scheme?",
        description=(
            "If you are disabled and you meet the essential criteria for the role, the scheme "
            "guarantees you an interview. The sift panel sees only that you opted in, not why."
        ),
        choices=YES_NO,
        validators=[InputRequired("Select yes if you want to apply under the scheme")],
    )


class CVForm(BaseForm):
    cv = FileField("Upload a file")
    remove = BooleanField("Remove my CV")


NONE_APPLY = "none"
ELIGIBILITY_DETAIL_MAX = 2000


def detail_field(item: str) -> str:
    """The name of the "Tell us more" box under an eligibility item."""
    return "detail_" + item.replace("-", "_")


class EligibilityForm(BaseForm):
    """Each item ticked reveals its own "Tell us more" box (all show without JavaScript):
    the box is required while its item is ticked, and what is in it is not kept when it
    is not."""

    items = CheckboxesField(
        "Do any of these apply to you?",
        choices={**ELIGIBILITY_ITEMS, NONE_APPLY: "None of these apply to me"},
        validators=[
            DataRequired("Select any that apply to you, or select 'None of these apply to me'")
        ],
    )
    # The one box of the form before the boxes per item, from a page opened before them:
    # its words go under the first item declared.
    details = optional_text(
        "Tell us more",
        field=TextAreaField,
        max_length=3000,
        name_in_message="Details",
        thousands_separator=False,
    )
    confirm = BooleanField(
        "I confirm that the information I have given is true and complete",
        validators=[DataRequired("Confirm that the information you have given is true")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        boxes = [self[detail_field(item)] for item in self.declared()]
        if self.details.data and boxes and not any(box.data for box in boxes):
            boxes[0].data = self.details.data
        self.details.data = ""

    def detail(self, item: str) -> Any:
        """The "Tell us more" box of an item."""
        return self[detail_field(item)]

    def declared(self) -> list[str]:
        return [item for item in ELIGIBILITY_ITEMS if item in (self.items.data or [])]

    def item_details(self) -> dict[str, str]:
        return {item: self[detail_field(item)].data or "" for item in self.declared()}

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators)
        declared = self.declared()
        for item in ELIGIBILITY_ITEMS:
            box = self.detail(item)
            if item not in declared:
                # Hidden with its item: not asked for, and not kept (item_details), but
                # shown again as typed if the page comes back with another error.
                box.errors = []
            elif not box.errors and not box.data:
                box.errors = [f"Tell us more about {ELIGIBILITY_ITEM_SUBJECTS[item]}"]
        return not any(field.errors for field in self)

    def validate_items(self, field: Any) -> None:
        if field.data and NONE_APPLY in field.data and len(field.data) > 1:
            raise ValidationError(
                "Select the items that apply to you, or 'None of these apply to me', not both"
            )


for _item, _subject in ELIGIBILITY_ITEM_SUBJECTS.items():
    setattr(
        EligibilityForm,
        detail_field(_item),
        optional_text(
            f"Tell us more about {_subject}",
            field=TextAreaField,
            max_length=ELIGIBILITY_DETAIL_MAX,
            name_in_message="What you tell us",
            thousands_separator=False,
        ),
    )


class MonitoringForm(BaseForm):
    """Every question is optional and offers 'Prefer not to say'. Ethnicity is asked as
    the broad group here and the background within it on a page of its own
    (``EthnicBackgroundForm``); a background posted here, by the one-question form that
    came before, is still taken."""


for _question, (_text, _answers) in MONITORING_QUESTIONS.items():
    setattr(
        MonitoringForm,
        _question,
        RadioField(
            _text,
            choices={**_answers, PREFER_NOT_TO_SAY: "Prefer not to say"},
            validators=[Optional()],
        ),
    )
setattr(
    MonitoringForm,
    ETHNICITY_BROAD,
    RadioField(
        "What is your ethnic group?",
        description="If you choose a group, we will ask about your background within it next.",
        choices={**ETHNIC_GROUP_CHOICES, PREFER_NOT_TO_SAY: "Prefer not to say"},
        validators=[Optional()],
    ),
)


class EthnicBackgroundForm(BaseForm):
    """The second ethnicity question: the backgrounds of the group given on the first.
    Its "Any other ..." background reveals a box to describe it; the description is kept
    only with that background."""

    ethnicity = RadioField(validators=[Optional()])
    description = optional_text(
        "How would you describe your background? (optional)",
        max_length=ETHNICITY_DESCRIPTION_MAX,
        name_in_message="Your description",
    )

    @classmethod
    def for_group(cls, group: str, **kwargs: Any) -> EthnicBackgroundForm:
        form = cls(**kwargs)
        form.ethnicity.label.text = ethnic_background_question(group)
        form.ethnicity.choices = {**ETHNIC_GROUPS[group][1], PREFER_NOT_TO_SAY: "Prefer not to say"}
        return form


class ConfirmForm(BaseForm):
    """The check-answers page posts only its CSRF token."""


class WithdrawForm(BaseForm):
    reason = optional_text(
        "Why are you withdrawing? (optional)",
        field=TextAreaField,
        max_length=1000,
        name_in_message="Reason",
        thousands_separator=False,
    )


class EraseForm(BaseForm):
    confirm = BooleanField(
        "I understand that my profile, CV and applications will be deleted and cannot be "
        "brought back",
        validators=[DataRequired("Confirm that you want us to delete your data")],
    )
