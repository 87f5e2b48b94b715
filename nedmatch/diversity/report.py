"""A whole diversity report: protected tables, adverse impact and benchmarks for a scope.

This is what the web pages, the downloads and ``flask report diversity`` share, so the
same figures are shown everywhere and disclosure control happens in exactly one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .columns import RecordColumns, columns_from_records
from .disclosure import CellId, DisclosurePolicy, ShownCount
from .history import Prior
from .impact import GroupImpact, RelativeLikelihood, relative_likelihood, selection_impact
from .linked import publish_linked
from .records import STAGES, MonitoringRecord, Scope, filter_records, report_questions
from .reference import BenchmarkRow, Reference, compare_with_reference, default_reference
from .tables import QuestionTable, RawCounts

METHOD_NOTES: tuple[str, ...] = (
    "Each person counts at every stage up to the furthest one they reached, even if they "
    "later withdrew or were not selected. The pool column counts each person once; the "
    "other columns count applications. Pool members who have not applied count only in "
    "the pool column.",
    "'Prefer not to say' and 'Not declared' (the question was not answered) are shown "
    "separately. '% of declared' is the share among those who gave an answer other than "
    "'Prefer not to say'; the declaration rate is that group's share of everyone at the stage.",
    "Ethnicity is shown both as the 19 Census 2021 options and as the 5 ethnic groups; "
    "socio-economic background is derived from the main earner's occupation at 14 "
    "(Social Mobility Commission).",
    "Adverse impact: for each selection step and group, the selection rate is the share "
    "of the group at one stage who reached the next. Its ratio to the highest group's rate "
    "below 0.80 is evidence of adverse impact under the four-fifths rule of thumb; Fisher's "
    "exact test says whether a gap could be chance. Groups smaller than the minimum size "
    "are not compared. The UK legal test (Equality Act 2010 s.19) has no numeric threshold.",
    "Relative likelihood (NHS Workforce Race Equality Standard, indicator 2 style): the "
    "appointment rate of White shortlisted candidates divided by that of ethnic minority "
    "shortlisted candidates. Practitioners read 0.80 to 1.25 as no adverse impact.",
    "Benchmarks compare the pool, as a share of those who declared, with a reference population.",
)


def disclosure_notes(policy: DisclosurePolicy) -> tuple[str, ...]:
    """How small numbers were protected, in words a board member can follow."""
    t = policy.threshold
    if policy.method == "cell-key":
        return (
            f"Every count below {t}, including none at all, is shown as '{policy.small_mark}' "
            f"(fewer than {t}). A stage with fewer than {t} people shows only how many "
            "there are.",
            f"Counts of {t} or more have a small amount of noise added, at most 2 either way "
            f"(the cell-key method the Office for National Statistics used for Census 2021); "
            f"one that the noise takes below {t} is shown as '{policy.small_mark}' too. The "
            "same people always get the same noise, so a report downloaded again, or in "
            "another format, shows the same figures. Stage totals are exact.",
            "Because of the noise, rows may not add up exactly to their totals, and a figure "
            "may differ slightly from the same figure in a report covering other people.",
            "Percentages, selection rates and the adverse impact tests are worked out from "
            "the published figures, never from the exact counts.",
            "Where published figures could still be combined to reveal a small count, a "
            "further figure is withheld and marked [c]. That includes combining this report "
            "with an earlier download of it from before a few people applied or moved on: "
            "so a figure shown before may be withheld now.",
        )
    if policy.method == "round":
        return (
            f"Counts are rounded to the nearest {policy.rounding_base}; counts from 1 to "
            f"{t - 1} are shown as '{policy.small_mark}'. Totals are rounded separately, so "
            "rows may not add up. Percentages and rates are worked out from the rounded figures.",
            "Where rounded figures could still be combined to reveal a small count, a further "
            "figure is withheld and marked [c].",
        )
    return (
        f"Counts from 1 to {t - 1} are withheld and marked [c] so that no individual can be "
        "identified; they are still included in the totals.",
        "Further counts are withheld (also marked [c]) wherever a withheld count could "
        "otherwise be worked out from totals, from other stages, from the ethnic group "
        "table, from percentages or from rates. Every report is checked by computing, for "
        f"each withheld count from 1 to {t - 1}, the range of values consistent with "
        "everything published; none is left with only one possible value.",
        "Percentages, declaration rates and selection rates are shown only where the "
        "counts they come from are shown.",
    )


@dataclass(frozen=True, slots=True)
class DiversityReport:
    """Aggregates only: nothing here identifies or describes a single person."""

    scope: Scope
    policy: DisclosurePolicy
    generated_on: date
    tables: list[QuestionTable]
    impact: list[GroupImpact]
    relative_likelihood: RelativeLikelihood | None
    benchmarks: list[BenchmarkRow]
    reference: Reference
    min_group_size: int
    stages: tuple[str, ...] = STAGES
    notes: tuple[str, ...] = field(default=())
    # Every published figure, for the memory of releases (``diversity.history``).
    figures: Mapping[CellId, ShownCount] = field(default_factory=dict)

    @property
    def stage_totals(self) -> dict[str, int | None]:
        """How many reached each stage (stage totals are always published)."""
        first = self.tables[0] if self.tables else None
        if first is None:
            return {}
        return {s: first.row("total").cells[s].count.value for s in self.stages}

    def table(self, question: str) -> QuestionTable:
        for table in self.tables:
            if table.question == question:
                return table
        raise KeyError(question)


def build_report(
    records: Iterable[MonitoringRecord],
    scope: Scope | None = None,
    policy: DisclosurePolicy | None = None,
    reference: Reference | None = None,
    questions: Sequence[str] | None = None,
    min_group_size: int = 10,
    generated_on: date | None = None,
) -> DiversityReport:
    """Count, protect and analyse the records in scope."""
    scope = scope or Scope()
    return report_from_columns(
        columns_from_records(filter_records(records, scope)),
        scope=scope,
        policy=policy,
        reference=reference,
        questions=questions,
        min_group_size=min_group_size,
        generated_on=generated_on,
    )


def report_from_columns(
    columns: RecordColumns,
    scope: Scope | None = None,
    policy: DisclosurePolicy | None = None,
    reference: Reference | None = None,
    questions: Sequence[str] | None = None,
    min_group_size: int = 10,
    generated_on: date | None = None,
    history: Sequence[tuple[Prior, Sequence[RawCounts]]] = (),
) -> DiversityReport:
    """Count, protect and analyse records already selected for ``scope`` and held as
    columns (the database path builds these without a record per application);
    ``history``: the report's earlier releases (``publish_tables``)."""
    scope = scope or Scope()
    policy = policy or DisclosurePolicy()
    reference = reference or default_reference()
    if min_group_size < 1:
        raise ValueError("The minimum group size must be 1 or more.")
    wanted = list(questions) if questions is not None else list(report_questions())
    unknown = [q for q in wanted if q not in report_questions()]
    if unknown:
        raise ValueError(f"Unknown monitoring question(s): {', '.join(unknown)}")
    tables, shown = publish_linked(columns, policy, wanted, history=history)
    impact = selection_impact(tables, min_group_size=min_group_size)
    ethnic = next((t for t in tables if t.question == "ethnic_group"), None)
    likelihood = relative_likelihood(ethnic, min_group_size) if ethnic else None
    return DiversityReport(
        scope=scope,
        policy=policy,
        generated_on=generated_on or date.today(),
        tables=tables,
        impact=impact,
        relative_likelihood=likelihood,
        benchmarks=compare_with_reference(tables, reference),
        reference=reference,
        min_group_size=min_group_size,
        notes=disclosure_notes(policy) + METHOD_NOTES,
        figures=shown,
    )
