"""Monitoring records, the stages they pass through, and the scopes a report can cover.

A record is one person's journey in one campaign (or a pool member who has not yet
applied), reduced to what reporting needs: how far they got and their monitoring answers.
Reports never return records, only aggregates built from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from nedmatch.dates import long_date
from nedmatch.domain import (
    ETHNIC_GROUP_QUESTION,
    ETHNIC_GROUPS,
    ETHNICITY_TO_GROUP,
    MONITORING_QUESTIONS,
    PREFER_NOT_TO_SAY,
    SES_BACKGROUND,
)
from nedmatch.stages import ReportStage

# The report's stages and their labels come from the one vocabulary (nedmatch.stages):
# plain strings here, because records, tables and exports hold them as text.
STAGES: Final[tuple[str, ...]] = tuple(stage.value for stage in ReportStage)
STAGE_LABELS: Final[dict[str, str]] = {stage.value: stage.label for stage in ReportStage}
STAGE_INDEX: Final[dict[str, int]] = {stage: i for i, stage in enumerate(STAGES)}

# Row keys used beside the answer slugs. "Not declared" is the absence of an answer.
NOT_DECLARED: Final = "not-declared"
DECLARED: Final = "declared"
TOTAL: Final = "total"
PREFER_NOT_TO_SAY_LABEL: Final = "Prefer not to say"
NOT_DECLARED_LABEL: Final = "Not declared"

SES_QUESTION: Final = "ses_background"
SES_LABELS: Final[dict[str, str]] = {
    "professional": "Professional background",
    "intermediate": "Intermediate background",
    "working-class": "Working-class background",
    "unclassified": "Not classified (did not know, or not applicable)",
}


@dataclass(frozen=True, slots=True)
class DerivedQuestion:
    """A question reported from another one by grouping its answers.

    Reported beside its source so that readers get both the detail and the larger
    groups; disclosure control treats the two tables as one, because each group is the
    sum of its options and could otherwise give a suppressed option away.
    """

    slug: str
    source: str
    text: str
    labels: dict[str, str]
    mapping: dict[str, str]  # source answer -> derived answer


DERIVED_QUESTIONS: Final[dict[str, DerivedQuestion]] = {
    ETHNIC_GROUP_QUESTION: DerivedQuestion(
        slug=ETHNIC_GROUP_QUESTION,
        source="ethnicity",
        text="Ethnic group (the 5 Census 2021 groups)",
        labels={group: label for group, (label, _) in ETHNIC_GROUPS.items()},
        mapping=dict(ETHNICITY_TO_GROUP),
    ),
    SES_QUESTION: DerivedQuestion(
        slug=SES_QUESTION,
        source="parent_occupation",
        text="Socio-economic background (from the main earner's occupation at 14)",
        labels=SES_LABELS,
        mapping={
            answer: SES_BACKGROUND.get(answer, "unclassified")
            for answer in MONITORING_QUESTIONS["parent_occupation"][1]
        },
    ),
}


# Short names for headings, sheet names and charts; the full question text is shown too.
QUESTION_LABELS: Final[dict[str, str]] = {
    "age_band": "Age",
    "sex": "Sex",
    "gender_same_as_birth": "Gender same as at birth",
    "ethnicity": "Ethnicity (19 options)",
    "ethnic_group": "Ethnic group",
    "disability": "Disability",
    "sexual_orientation": "Sexual orientation",
    "religion": "Religion or belief",
    "marital_status": "Marriage and civil partnership",
    "pregnancy": "Pregnancy and maternity",
    "school_type": "School type at 11 to 16",
    "free_school_meals": "Free school meals",
    "parent_qualification": "Parents with a degree",
    "parent_occupation": "Main earner's occupation at 14",
    "ses_background": "Socio-economic background",
}


def question_label(question: str) -> str:
    """A short name for a question; unknown slugs fall back to a readable form."""
    return QUESTION_LABELS.get(question, question.replace("_", " ").capitalize())


def report_questions() -> dict[str, tuple[str, dict[str, str]]]:
    """Every question a report covers, derived ones placed right after their source."""
    questions: dict[str, tuple[str, dict[str, str]]] = {}
    for slug, (text, options) in MONITORING_QUESTIONS.items():
        questions[slug] = (text, dict(options))
        for derived in DERIVED_QUESTIONS.values():
            if derived.source == slug:
                questions[derived.slug] = (derived.text, dict(derived.labels))
    return questions


@dataclass(frozen=True, slots=True)
class MonitoringRecord:
    """How far one candidate got in one campaign, with their monitoring answers.

    ``furthest_stage`` is the last stage reached, even if the candidate was later
    rejected or withdrew: they count at that stage and every stage before it. A pool
    member who has not applied has ``furthest_stage="pool"`` and no vacancy.
    ``candidate_id`` lets the pool column count a person once however many campaigns
    they joined.
    """

    furthest_stage: str
    answers: Mapping[str, str] = field(default_factory=dict)
    vacancy_id: str | int | None = None
    organisation_id: str | int | None = None
    region: str | None = None
    applied_on: date | None = None
    candidate_id: str | int | None = None

    def __post_init__(self) -> None:
        if self.furthest_stage not in STAGE_INDEX:
            raise ValueError(
                f"Unknown stage {self.furthest_stage!r}: use one of {', '.join(STAGES)}"
            )


def answer_for(answers: Mapping[str, str], question: str) -> str:
    """The row a person falls in for a question, including derived questions.

    A missing or unrecognised answer is "not declared": an unknown slug is treated as
    no answer rather than invented as a new category.
    """
    derived = DERIVED_QUESTIONS.get(question)
    source = derived.source if derived else question
    raw = answers.get(source)
    if raw is None:
        return NOT_DECLARED
    if raw == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    if derived is not None:
        return derived.mapping.get(raw, NOT_DECLARED)
    options = MONITORING_QUESTIONS[question][1]
    return raw if raw in options else NOT_DECLARED


@dataclass(frozen=True, slots=True)
class Scope:
    """Which records a report covers. Empty fields mean "no restriction"."""

    vacancy_id: str | int | None = None
    organisation_id: str | int | None = None
    region: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("The start date must be on or before the end date.")

    @property
    def is_whole_pool(self) -> bool:
        return not any(
            (self.vacancy_id, self.organisation_id, self.region, self.date_from, self.date_to)
        )

    def describe(self) -> str:
        """A short label for the scope, used in file names, headers and CSV rows."""
        if self.is_whole_pool:
            return "Whole pool"
        parts = []
        if self.vacancy_id is not None:
            parts.append(f"Vacancy {self.vacancy_id}")
        if self.organisation_id is not None:
            parts.append(f"Organisation {self.organisation_id}")
        if self.region is not None:
            from nedmatch.domain import REGIONS

            parts.append(f"Region: {REGIONS.get(self.region, self.region)}")
        if self.date_from or self.date_to:
            start = long_date(self.date_from) if self.date_from else "the start"
            end = long_date(self.date_to) if self.date_to else "today"
            parts.append(f"Applied {start} to {end}")
        return "; ".join(parts)

    def includes(self, record: MonitoringRecord) -> bool:
        """Whether a record falls in this scope.

        A date range or vacancy restricts to applications, so pool-only records (no
        application date, no vacancy) drop out of such scopes.
        """
        if self.vacancy_id is not None and record.vacancy_id != self.vacancy_id:
            return False
        if self.organisation_id is not None and record.organisation_id != self.organisation_id:
            return False
        if self.region is not None and record.region != self.region:
            return False
        if self.date_from or self.date_to:
            if record.applied_on is None:
                return False
            if self.date_from and record.applied_on < self.date_from:
                return False
            if self.date_to and record.applied_on > self.date_to:
                return False
        return True


def filter_records(records: Iterable[MonitoringRecord], scope: Scope) -> Iterator[MonitoringRecord]:
    """The records inside a scope, lazily, so large inputs are not copied."""
    if scope.is_whole_pool:
        yield from records
        return
    for record in records:
        if scope.includes(record):
            yield record
