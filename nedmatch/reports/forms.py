"""Forms for choosing what a report covers, auditing the model and loading a reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_wtf.file import FileField, FileRequired
from wtforms import FloatField, SelectField
from wtforms.validators import NumberRange, Optional, ValidationError

from ..diversity import Scope
from ..domain import REGIONS
from ..forms_common import BaseForm, optional_text, required_text
from ..services.reporting import choices

# The model audit's top N is one of these bands, never any number: audits of the top 20
# and the top 21 would differ by one person (docs/disclosure.md).
TOP_N_BANDS: tuple[int, ...] = (10, 20, 50, 100)
THRESHOLD_RANGE = (2, 20)  # for the command line's --threshold
DEFAULT_TOP_N = 20
ALL_TIME = "all"


@dataclass(frozen=True, slots=True)
class Period:
    """A fixed reporting period: all time, a financial year or a calendar quarter."""

    value: str
    label: str
    start: date | None
    end: date | None  # the last day, inclusive


def _financial_year(year: int) -> Period:
    return Period(
        f"fy-{year}",
        f"Financial year {year} to {year + 1} (April to March)",
        date(year, 4, 1),
        date(year + 1, 3, 31),
    )


def _quarter(year: int, quarter: int) -> Period:
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    months = ("January to March", "April to June", "July to September", "October to December")
    return Period(
        f"{year}-q{quarter}",
        f"{months[quarter - 1]} {year}",
        first,
        following - timedelta(days=1),
    )


def periods() -> list[Period]:
    """All time, then each financial year and each calendar quarter with applications,
    newest first. Only these periods can be reported: no free dates."""
    months = choices.application_months()
    quarters = sorted({(y, (m - 1) // 3 + 1) for y, m in months}, reverse=True)
    years = sorted({y if q > 1 else y - 1 for y, q in quarters}, reverse=True)
    return [
        Period(ALL_TIME, "All time", None, None),
        *(_financial_year(y) for y in years),
        *(_quarter(y, q) for y, q in quarters),
    ]


class ReadOnlyForm(BaseForm):
    """Forms sent by GET, so a report's address can be shared. Disclosure control is
    the service's (configuration), not the reader's: an old address carrying
    ``threshold``, ``method``, ``date_from`` or ``date_to`` has them ignored."""

    class Meta:
        csrf = False


class ScopeForm(ReadOnlyForm):
    vacancy = SelectField("Vacancy", choices=[], default="")
    organisation = SelectField("Organisation", choices=[], default="")
    region = SelectField(
        "Region",
        description="Applications by the organisation's region; pool members by where they live.",
        choices={"": "All regions", **REGIONS},
        default="",
    )
    period = SelectField(
        "Period",
        description=(
            "When the applications were made. Reports cover fixed periods only: all time, "
            "a financial year or a calendar quarter."
        ),
        choices=[],
        default=ALL_TIME,
        validate_choice=False,  # checked below, with a message a person can act on
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vacancy.choices = [("", "All vacancies"), *choices.vacancy_choices()]
        self.organisation.choices = [("", "All organisations"), *choices.organisation_choices()]
        self._periods = {p.value: p for p in periods()}
        self.period.choices = [(p.value, p.label) for p in self._periods.values()]
        if not self.period.data:
            self.period.data = ALL_TIME

    def validate_period(self, field: SelectField) -> None:
        if field.data not in self._periods:
            raise ValidationError(
                "Choose a period from the list: all time, a financial year or a quarter "
                "with applications"
            )

    def validate_vacancy(self, field: SelectField) -> None:
        # WTForms runs this even after "Not a valid choice": only a listed vacancy is an id.
        if not field.data or not self.organisation.data or field.errors:
            return
        organisation_id = choices.organisation_of_vacancy(int(field.data))
        if organisation_id is not None and str(organisation_id) != self.organisation.data:
            raise ValidationError(
                "That vacancy is at another organisation: choose the vacancy or the "
                "organisation, not both"
            )

    def scope(self) -> Scope:
        period = self._periods.get(self.period.data or ALL_TIME) or self._periods[ALL_TIME]
        return Scope(
            vacancy_id=int(self.vacancy.data) if self.vacancy.data else None,
            organisation_id=int(self.organisation.data) if self.organisation.data else None,
            region=self.region.data or None,
            date_from=period.start,
            date_to=period.end,
        )


def nearest_band(number: int) -> int:
    """The top-N band closest to a number (the smaller on a tie): an old address asking
    for the top 21 gets the top 20, the same table as everyone else's."""
    return min(TOP_N_BANDS, key=lambda band: (abs(band - number), band))


class TopNField(SelectField):
    """One of the fixed bands; any other whole number is moved to the nearest band."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = DEFAULT_TOP_N
            return
        try:
            self.data = nearest_band(int(str(valuelist[0]).strip()))
        except ValueError:
            self.data = DEFAULT_TOP_N
            raise ValueError(
                "Choose how many top-ranked candidates to audit: 10, 20, 50 or 100"
            ) from None


class ModelAuditForm(ReadOnlyForm):
    top_n = TopNField(
        "How many of the top-ranked candidates to audit",
        description="The number a panel would look at first.",
        choices={band: str(band) for band in TOP_N_BANDS},
        coerce=int,
        default=DEFAULT_TOP_N,
        validate_choice=False,  # every number is moved to a band; a non-number is an error
    )


class VacancyChoiceForm(ModelAuditForm):
    """The model audit's entry point on the reports index: pick a vacancy first."""

    vacancy = SelectField("Vacancy", choices=[], default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vacancy.choices = choices.vacancy_choices()


class ReferenceForm(BaseForm):
    name = required_text(
        "Name of the reference population",
        description="Shown beside the benchmark, for example London, Census 2021.",
        max_length=100,
        required_message="Enter a name for the reference population",
        too_long="Enter a name of 100 characters or fewer",
    )
    file = FileField(
        "Reference population file (CSV)",
        description=(
            "Columns question, answer and percent, one row per answer; lines starting "
            "with # say where the figures come from."
        ),
        validators=[FileRequired(message="Choose a CSV file to upload")],
    )


class BiasAuditForm(ReadOnlyForm):
    """Which sample the bias audit covers: the pool, or one vacancy's applicants."""

    vacancy = SelectField(
        "What to audit",
        description="The talent pool is scored against every open vacancy.",
        choices=[],
        default="",
        validate_choice=False,  # checked below, with a message that says what to do
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vacancy.choices = [
            ("", "The talent pool (every open vacancy)"),
            *((value, f"Applicants: {label}") for value, label in choices.vacancy_choices()),
        ]

    def validate_vacancy(self, field: SelectField) -> None:
        if field.data not in {value for value, _ in field.choices}:
            raise ValidationError("Choose the talent pool or a vacancy from the list")


class PublishForm(BaseForm):
    """Publishing the bias audit: the button is the whole form (and its CSRF token)."""


def _percent(label: str, name: str) -> FloatField:
    return FloatField(
        label,
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message=f"{name} must be a percentage from 0 to 100"),
        ],
    )


class BoardFiguresForm(BaseForm):
    """The published figures an organisation's board is compared with."""

    population_minority_ethnic_pct = _percent(
        "Local population from minority ethnic groups, percent (optional)",
        "The local population figure",
    )
    workforce_minority_ethnic_pct = _percent(
        "Workforce from minority ethnic groups, percent (optional)", "The workforce figure"
    )
    workforce_women_pct = _percent(
        "Workforce who are women, percent (optional)", "The workforce figure"
    )
    figures_source = optional_text(
        "Where the figures come from (optional)",
        description="For example, WRES 2025 data return; Census 2021 for the trust's area",
        max_length=300,
        name_in_message="The source",
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = bool(super().validate())
        figures = (
            self.population_minority_ethnic_pct.data,
            self.workforce_minority_ethnic_pct.data,
            self.workforce_women_pct.data,
        )
        if any(f is not None for f in figures) and not (self.figures_source.data or "").strip():
            self.figures_source.errors = ["Enter where the figures come from"]
            valid = False
        return valid
