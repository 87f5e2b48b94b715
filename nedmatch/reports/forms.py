"""Forms for choosing what a report covers, auditing the model and loading a reference."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..diversity import DisclosurePolicy, Scope
from ..domain import REGIONS
from ..extensions import db
from ..forms_common import BaseForm
from ..models import Organisation, Vacancy

THRESHOLD_RANGE = (2, 20)
TOP_N_RANGE = (1, 500)
DEFAULT_TOP_N = 20


class IsoDateField(DateField):
    """A date typed in a date input (YYYY-MM-DD), with an error message a person can act on."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not valuelist[0]:
            self.data = None
            return
        try:
            self.data = datetime.strptime(valuelist[0].strip(), "%Y-%m-%d").date()
        except ValueError:
            self.data = None
            raise ValueError(
                f"Enter {self.label.text.lower()} as a real date, for example 2025-04-01"
            ) from None


def _vacancy_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(
        db.select(Vacancy.id, Vacancy.title, Organisation.name)
        .join(Organisation)
        .order_by(Organisation.name, Vacancy.title)
    ).all()
    return [(str(vid), f"{title} - {name}") for vid, title, name in rows]


def _organisation_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(
        db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    return [(str(oid), name) for oid, name in rows]


def _threshold_default() -> int:
    return int(current_app.config.get("DIVERSITY_THRESHOLD", 5))


class DisclosureFields(BaseForm):
    """How small numbers are protected; shared by the report and the model audit."""

    class Meta:
        csrf = False  # read-only forms sent by GET, so a report's address can be shared

    threshold = IntegerField(
        "Smallest count to publish",
        description=(
            f"Counts below this are withheld or shown as 'fewer than'. From "
            f"{THRESHOLD_RANGE[0]} to {THRESHOLD_RANGE[1]}; 5 is the usual choice."
        ),
        validators=[
            Optional(),
            NumberRange(
                *THRESHOLD_RANGE,
                message=f"Enter a number from {THRESHOLD_RANGE[0]} to {THRESHOLD_RANGE[1]}",
            ),
        ],
    )
    method = RadioField(
        "How to protect small numbers",
        # {value: label}: WTForms 3.3 deprecates (value, label) tuples here.
        choices={
            "suppress": "Withhold small counts (and any that would reveal them)",
            "round": "Round every count to the nearest 5",
        },
        default="suppress",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.threshold.data is None and not self.threshold.raw_data:
            self.threshold.data = _threshold_default()

    def policy(self) -> DisclosurePolicy:
        threshold = self.threshold.data or _threshold_default()
        if self.method.data == "round":
            return DisclosurePolicy(threshold=threshold, method="round")
        return DisclosurePolicy(threshold=threshold, method="suppress")


class ScopeForm(DisclosureFields):
    vacancy = SelectField("Vacancy", choices=[], default="")
    organisation = SelectField("Organisation", choices=[], default="")
    region = SelectField(
        "Region",
        description="Applications by the organisation's region; pool members by where they live.",
        choices={"": "All regions", **REGIONS},
        default="",
    )
    date_from = IsoDateField("Applied on or after", validators=[Optional()])
    date_to = IsoDateField("Applied on or before", validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vacancy.choices = [("", "All vacancies"), *_vacancy_choices()]
        self.organisation.choices = [("", "All organisations"), *_organisation_choices()]

    def validate_date_to(self, field: IsoDateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date must be the same as or after the start date")

    def validate_vacancy(self, field: SelectField) -> None:
        # WTForms runs this even after "Not a valid choice": only a listed vacancy is an id.
        if not field.data or not self.organisation.data or field.errors:
            return
        vacancy = db.session.get(Vacancy, int(field.data))
        if vacancy is not None and str(vacancy.organisation_id) != self.organisation.data:
            raise ValidationError(
                "That vacancy is at another organisation: choose the vacancy or the "
                "organisation, not both"
            )

    def scope(self) -> Scope:
        return Scope(
            vacancy_id=int(self.vacancy.data) if self.vacancy.data else None,
            organisation_id=int(self.organisation.data) if self.organisation.data else None,
            region=self.region.data or None,
            date_from=self.date_from.data,
            date_to=self.date_to.data,
        )


class ModelAuditForm(DisclosureFields):
    top_n = IntegerField(
        "How many of the top-ranked candidates to audit",
        description="The number a panel would look at first, for example 20.",
        default=DEFAULT_TOP_N,
        validators=[
            Optional(),
            NumberRange(
                *TOP_N_RANGE,
                message=f"Enter a number from {TOP_N_RANGE[0]} to {TOP_N_RANGE[1]}",
            ),
        ],
    )


class VacancyChoiceForm(ModelAuditForm):
    """The model audit's entry point on the reports index: pick a vacancy first."""

    vacancy = SelectField("Vacancy", choices=[], default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vacancy.choices = _vacancy_choices()


class ReferenceForm(BaseForm):
    name = StringField(
        "Name of the reference population",
        description="Shown beside the benchmark, for example London, Census 2021.",
        validators=[
            InputRequired(message="Enter a name for the reference population"),
            Length(max=100, message="Enter a name of 100 characters or fewer"),
        ],
    )
    file = FileField(
        "Reference population file (CSV)",
        description=(
            "Columns question, answer and percent, one row per answer; lines starting "
            "with # say where the figures come from."
        ),
        validators=[FileRequired(message="Choose a CSV file to upload")],
    )
