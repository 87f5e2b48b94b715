from __future__ import annotations

from typing import Any

from sqlalchemy import inspect as sa_inspect
from wtforms import (
    BooleanField,
    FloatField,
    IntegerField,
    SelectField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from ..domain import (
    COMPETENCY_DOMAINS,
    LOCATION_REQUIREMENTS,
    ORGANISATION_TYPES,
    REGIONS,
    ROLE_TYPES,
    SKILL_AREAS,
)
from ..forms_common import BaseForm, CheckboxesField, DateInputField, optional_text, required_text
from ..forms_common import strip_text as _strip
from ..matching.profiles import DEFAULT_PART_WEIGHTS
from ..models import Organisation, Vacancy

MAX_CRITERIA = 15


def _lines(text: str | None) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def _id_or_none(value: Any) -> int | None:
    """A chosen record's id; None for the "Choose ..." option, which names none."""
    return None if value in ("", None) else int(value)


# Choices as {value: label}: WTForms 3.3 deprecates (value, label) tuples.
WEIGHT_CHOICES = {
    "0": "0 - not assessed",
    "1": "1",
    "2": "2",
    "3": "3 - standard",
    "4": "4",
    "5": "5 - most important",
}


class VacancyForm(BaseForm):
    title = required_text(
        "Title", max_length=200, required_message="Enter a title", name_in_message="Title"
    )
    # No silent defaults: a new vacancy starts with nothing chosen, and saying nothing is an
    # error with a message, not the first organisation or role in the list.
    organisation_id = SelectField(
        "Organisation", coerce=_id_or_none, validators=[InputRequired("Select the organisation")]
    )
    role_type = SelectField(
        "Role",
        choices={"": "Choose a role", **ROLE_TYPES},
        default="",
        validators=[DataRequired("Select the role")],
    )
    description = required_text(
        "About the role",
        field=TextAreaField,
        description="What the board needs and what the role involves. Leave a blank line between paragraphs.",
        max_length=10000,
        required_message="Describe the role",
        name_in_message="Description",
    )
    essential_criteria = TextAreaField(
        "Essential criteria",
        description="One criterion on each line. Candidates who do not evidence these are shown separately.",
        filters=[_strip],
        validators=[DataRequired("Enter at least one essential criterion")],
    )
    desirable_criteria = TextAreaField(
        "Desirable criteria (optional)", description="One criterion on each line.", filters=[_strip]
    )
    skill_areas = CheckboxesField("Skill areas sought", choices=SKILL_AREAS)
    location_requirement = SelectField(
        "Location requirement",
        choices=LOCATION_REQUIREMENTS,
        validators=[DataRequired("Select a location requirement")],
    )
    location_detail = optional_text(
        "Area served (optional)",
        description="For example, Leeds and the surrounding area",
        max_length=300,
        name_in_message="Area",
    )
    time_commitment = required_text(
        "Time commitment",
        description="For example, 3 days a month",
        max_length=200,
        required_message="Enter the time commitment",
        name_in_message="Time commitment",
    )
    time_commitment_days = FloatField(
        "Days a month",
        description="Used to match candidates' availability",
        validators=[
            Optional(),
            NumberRange(min=0.5, max=31, message="Days a month must be between 0.5 and 31"),
        ],
    )
    pay = IntegerField(
        "Pay, pounds a year (optional)",
        validators=[
            Optional(),
            NumberRange(min=0, max=500_000, message="Pay must be between £0 and £500,000 a year"),
        ],
    )
    term_years = IntegerField(
        "Term in years",
        default=3,
        validators=[
            InputRequired("Enter the term in years"),
            NumberRange(min=1, max=5, message="Term must be between 1 and 5 years"),
        ],
    )
    opens_on = DateInputField(
        "Opening date (optional)",
        description="Leave it empty to take applications as soon as you open the vacancy. "
        "For example, 3 2 2027",
        name_in_message="Opening date",
    )
    closes_on = DateInputField(
        "Closing date",
        description="For example, 31 3 2027",
        required_message="Enter the closing date",
        name_in_message="Closing date",
    )

    def validate_closes_on(self, field: Any) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError("The closing date must be on or after the opening date")

    def validate_essential_criteria(self, field: Any) -> None:
        if len(_lines(field.data)) > MAX_CRITERIA:
            raise ValidationError(f"Enter no more than {MAX_CRITERIA} essential criteria")

    def validate_desirable_criteria(self, field: Any) -> None:
        if len(_lines(field.data)) > MAX_CRITERIA:
            raise ValidationError(f"Enter no more than {MAX_CRITERIA} desirable criteria")

    board_skills = CheckboxesField(
        "Skills the sitting board already has",
        description="Tick what at least one current board member brings. Candidates who fill "
        "the gaps count for more. Leave all unticked to use the board as recorded on its "
        "board page.",
        choices=SKILL_AREAS,
    )

    def criteria(self) -> tuple[list[str], list[str]]:
        return _lines(self.essential_criteria.data), _lines(self.desirable_criteria.data)

    def part_weights(self) -> dict[str, float]:
        """The ranking's parts as fractions that add up to 1."""
        return {part: self[f"part_{part}"].data / 100 for part in PART_LABELS}

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        values = [self[f"part_{part}"].data for part in PART_LABELS]
        if all(v is not None for v in values) and round(sum(values)) != 100:
            self[f"part_{next(iter(PART_LABELS))}"].errors.append(
                f"The parts of the ranking add up to {sum(values):g}%: change them so they "
                "add up to 100%"
            )
            return False
        return valid


# The parts of the ranking's score, as the team would name them.
PART_LABELS = {
    "text": "Career, evidence and CV text against the description and criteria",
    "skills": "Skill areas sought (gaps on the board count for more)",
    "competencies": "Competency framework evidence against the domain weights",
    "desirable": "Desirable criteria",
    "location": "Location requirement",
    "availability": "Time available against the time commitment",
    "experience": "Board experience",
    "challenged": "Willing to serve an organisation in recovery support",
}
for _part, _label in PART_LABELS.items():
    setattr(
        VacancyForm,
        f"part_{_part}",
        IntegerField(
            _label,
            default=round(100 * DEFAULT_PART_WEIGHTS[_part]),
            validators=[
                InputRequired(f"Enter a percentage for {_label.lower()}"),
                # WTForms fills in the message with %: a literal % is written %%.
                NumberRange(min=0, max=100, message="Each part must be between 0%% and 100%%"),
            ],
        ),
    )


for _slug, _label in COMPETENCY_DOMAINS.items():
    setattr(
        VacancyForm,
        f"weight_{_slug}",
        SelectField(_label, choices=WEIGHT_CHOICES, default="3", validators=[DataRequired()]),
    )


def vacancy_form(vacancy: Vacancy | None, organisations: list[Organisation]) -> VacancyForm:
    """The vacancy form, filled in from ``vacancy`` (None: a new one) or from the request."""
    if vacancy is None:
        form = VacancyForm()
    else:
        data = {
            "essential_criteria": "\n".join(vacancy.essential_criteria),
            "desirable_criteria": "\n".join(vacancy.desirable_criteria),
            **{
                f"weight_{s}": str(int(vacancy.domain_weights.get(s, 3)))
                for s in COMPETENCY_DOMAINS
            },
            "board_skills": list(vacancy.board_skills or {}),
            **{
                f"part_{part}": round(100 * weight)
                for part, weight in {**DEFAULT_PART_WEIGHTS, **(vacancy.part_weights or {})}.items()
            },
        }
        # Not obj=vacancy: WTForms prefers obj over data, and would show the criteria lists
        # as Python lists instead of one criterion a line.
        columns = {c.key: getattr(vacancy, c.key) for c in sa_inspect(Vacancy).column_attrs}
        form = VacancyForm(data={**columns, **data})
    form.organisation_id.choices = [("", "Choose an organisation")] + [
        (o.id, o.name) for o in organisations
    ]
    return form


class StatusForm(BaseForm):
    """Open or close a vacancy: the POST carries only the CSRF token."""


class OrganisationForm(BaseForm):
    name = required_text(
        "Name",
        max_length=200,
        required_message="Enter the organisation's name",
        name_in_message="Name",
    )
    org_type = SelectField(
        "Type",
        choices=ORGANISATION_TYPES,
        validators=[DataRequired("Select the type of organisation")],
    )
    region = SelectField(
        "NHS region",
        choices={"": "Select a region", **REGIONS},
        validators=[DataRequired("Select the NHS region")],
    )
    challenged = BooleanField("In the national recovery support programme")
