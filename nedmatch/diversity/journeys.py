"""Journeys and conversion: how far people get along the pipeline (the talent pool, a
board placement, a non-executive appointment, a chair's appointment), and the rate at each
step for people with and without a characteristic, protected as board composition is
(cell-key noise then rounding to 5, "fewer than 5" below the threshold; a rate only where
both its counts are shown). And the sentence the report leads with: whether the pipeline
is narrowing the chairs' gap, or that the numbers are too small to say.

Pure functions over plain journeys; no Flask, no database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from ..spreadsheets import Column, Table, to_csv
from .boards import MEASURES, Measure, show_count
from .columns import record_key
from .disclosure import DisclosurePolicy, ShownCount

STEPS: Final[dict[str, str]] = {
    "pool": "In the talent pool",
    "placement": "Board placement",
    "ned": "Appointed non-executive",
    "chair": "Appointed chair",
}
# (label, from step, to step): the rate is of those who reached "from" who then reached "to".
TRANSITIONS: Final[tuple[tuple[str, str, str], ...]] = (
    ("Pool to placement", "pool", "placement"),
    ("Pool to non-executive", "pool", "ned"),
    ("Placement to non-executive", "placement", "ned"),
    ("Non-executive to chair", "ned", "chair"),
)
# The four-fifths rule: a group's rate below 80% of the other's is adverse impact.
FOUR_FIFTHS: Final = 0.8


@dataclass(frozen=True, slots=True)
class Journey:
    """One person: a secret per-person value for cell keys, their monitoring answers (empty
    if none), the steps they have reached, and the pairs of steps where the second came
    after the first (a placement after an appointment is not a placement that led to it).
    ``followed=None`` takes every pair of reached steps as in order."""

    person: str
    answers: Mapping[str, str] = field(default_factory=dict)
    reached: frozenset[str] = frozenset({"pool"})
    followed: frozenset[tuple[str, str]] | None = None


@dataclass(frozen=True, slots=True)
class GroupFigures:
    label: str
    counts: dict[str, ShownCount]  # step -> how many reached it
    rates: dict[str, float | None]  # transition label -> percent, where both counts shown


@dataclass(frozen=True, slots=True)
class MeasureJourneys:
    measure: Measure
    having: GroupFigures  # declared and have the characteristic
    others: GroupFigures  # declared and do not
    four_fifths: dict[str, float | None]  # transition -> having's rate / others' rate


@dataclass(frozen=True, slots=True)
class JourneyReport:
    everyone: GroupFigures
    measures: tuple[MeasureJourneys, ...]
    chairs_gap: str  # the sentence


def _both(journey: Journey, first: str, second: str) -> bool:
    """Reached ``second`` after ``first`` (everyone starts in the pool)."""
    if first not in journey.reached or second not in journey.reached:
        return False
    if first == "pool" or journey.followed is None:
        return True
    return (first, second) in journey.followed


def _group(
    label: str, people: Sequence[Journey], column: int, policy: DisclosurePolicy
) -> GroupFigures:
    counts: dict[str, ShownCount] = {}
    for step in STEPS:
        keys = [record_key(j.person) for j in people if step in j.reached]
        counts[step] = show_count(len(keys), sum(keys), column, policy)
    rates: dict[str, float | None] = {}
    for name, first, second in TRANSITIONS:
        keys = [record_key(j.person) for j in people if _both(j, first, second)]
        both = show_count(len(keys), sum(keys), column, policy)
        base = counts[first]
        if both.value is not None and base.value:
            rates[name] = min(100.0, 100.0 * both.value / base.value)
        else:
            rates[name] = None
    return GroupFigures(label, counts, rates)


def _share(group: GroupFigures, everyone_declared: GroupFigures, step: str) -> float | None:
    part, whole = group.counts[step].value, everyone_declared.counts[step].value
    if part is None or not whole:
        return None
    return min(100.0, 100.0 * part / whole)


def _chairs_gap(minority: MeasureJourneys, declared: GroupFigures) -> str:
    pool = _share(minority.having, declared, "pool")
    neds = _share(minority.having, declared, "ned")
    chairs = _share(minority.having, declared, "chair")
    placements = _share(minority.having, declared, "placement")
    ratio = minority.four_fifths.get("Non-executive to chair")
    if pool is None or chairs is None or neds is None:
        return (
            "Too few chairs and non-executives have been appointed through the service to "
            "say whether the pipeline is narrowing the chairs' gap: the counts are below what "
            "can be published. The report will say once they are large enough."
        )
    gap = pool - chairs
    # Those coming through: non-executive appointments, and placements where shown.
    intake = neds if placements is None else max(neds, placements)
    narrowing = intake > chairs and (ratio is None or ratio >= FOUR_FIFTHS)
    fed = (
        f"{placements:.0f}% of placements and {neds:.0f}% of non-executive appointments"
        if placements is not None
        else f"{neds:.0f}% of non-executive appointments"
    )
    head = (
        f"People from minority ethnic groups are {pool:.0f}% of the pool who declared, "
        f"{fed}, and {chairs:.0f}% of chairs appointed"
    )
    if gap <= 0:
        return head + ": there is no chairs' gap against the pool."
    if narrowing:
        return (
            head + f". The gap of {gap:.0f} points is narrowing: those coming through are more "
            "diverse than the chairs, and they become chairs at a rate within four-fifths of "
            "everyone else's."
        )
    why = (
        "they become chairs at less than four-fifths of everyone else's rate"
        if ratio is not None and ratio < FOUR_FIFTHS
        else "those coming through are no more diverse than the chairs"
    )
    return head + f". The gap of {gap:.0f} points is not narrowing: {why}."


def journey_report(journeys: Sequence[Journey], policy: DisclosurePolicy) -> JourneyReport:
    column = sum(record_key(j.person) for j in journeys)
    everyone = _group("Everyone", journeys, column, policy)
    measures = []
    declared_ethnicity: GroupFigures | None = None
    for measure in MEASURES:
        judged = [(j, *measure.judge(j.answers)) for j in journeys]
        having = [j for j, declared, has in judged if declared and has]
        others = [j for j, declared, has in judged if declared and not has]
        declared_group = _group("Declared", having + others, column, policy)
        if measure.slug == "minority_ethnic":
            declared_ethnicity = declared_group
        having_figures = _group(measure.label, having, column, policy)
        others_figures = _group("Everyone else who declared", others, column, policy)
        ratios: dict[str, float | None] = {}
        for name, _, _ in TRANSITIONS:
            a, b = having_figures.rates[name], others_figures.rates[name]
            ratios[name] = a / b if a is not None and b else None
        measures.append(MeasureJourneys(measure, having_figures, others_figures, ratios))
    minority = next(m for m in measures if m.measure.slug == "minority_ethnic")
    assert declared_ethnicity is not None  # noqa: S101 - MEASURES has minority_ethnic
    return JourneyReport(everyone, tuple(measures), _chairs_gap(minority, declared_ethnicity))


def _cell(shown: ShownCount, policy: DisclosurePolicy) -> int | str:
    return shown.value if shown.value is not None else shown.display(policy)


def journeys_table(report: JourneyReport, policy: DisclosurePolicy) -> Table:
    """One row per group: the counts at each step, then the rate of each transition."""
    columns = [Column("Measure", 28), Column("Group", 30)]
    columns += [Column(label, 14) for label in STEPS.values()]
    columns += [Column(f"{name}, percent", 16, "0.0") for name, _, _ in TRANSITIONS]
    rows: list[list[object]] = []

    def row(measure: str, group: GroupFigures) -> None:
        rows.append(
            [measure, group.label]
            + [_cell(group.counts[step], policy) for step in STEPS]
            + [group.rates[name] for name, _, _ in TRANSITIONS]
        )

    row("All", report.everyone)
    for item in report.measures:
        row(item.measure.label, item.having)
        row(item.measure.label, item.others)
    return Table("Journeys", columns, rows)


def journeys_to_csv(report: JourneyReport, policy: DisclosurePolicy) -> bytes:
    return to_csv([journeys_table(report, policy)])
