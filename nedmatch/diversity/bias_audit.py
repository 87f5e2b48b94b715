"""A bias audit of a scoring tool in the form New York City's Local Law 144 asks for.

For each sex, each ethnic group and each sex and ethnic group together: how many were
scored, the *scoring rate* (the share scoring above the median score of the whole
sample) and the *impact ratio* (the category's scoring rate over the highest category's),
with the number whose category is unknown. Categories under 2% of the sample are left
out of the impact ratios, their counts still given. docs/bias-audit.md explains the
method and its reading.

The figures are protected like every other publication (``bias_counts``); rates, ratios
and their confidence intervals are worked out from the published figures only, never
from the exact counts, so they reveal nothing the counts do not.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from nedmatch.domain import ETHNIC_GROUPS, MONITORING_QUESTIONS

from .bias_counts import (
    ABOVE,
    ETHNIC_GROUP,
    ETHNICITY,
    INTERSECTION,
    SCORED,
    SEX,
    UNKNOWN_ROWS,
    ScoredPerson,
    audit_members,
    declared_pairs,
    pair,
    protected_counts,
)
from .disclosure import CellId, DisclosurePolicy, ShownCount
from .history import Members, Prior
from .intervals import katz_ratio, wilson
from .records import DECLARED, NOT_DECLARED_LABEL, PREFER_NOT_TO_SAY_LABEL, TOTAL
from .tables import ALL

# Local Law 144's rules allow categories under 2% of the sample to be left out of the
# impact ratios (their counts are still published).
MIN_SHARE: Final = 0.02

TABLE_TITLES: Final[dict[str, str]] = {
    SEX: "Sex",
    ETHNIC_GROUP: "Ethnic group (Census 2021)",
    INTERSECTION: "Sex and ethnic group",
}

# Why a category has no impact ratio.
HIGHEST, COMPARED = "highest", "compared"
UNDER_2_PERCENT, TOO_FEW, UNKNOWN = "under-2-percent", "too-few", "unknown"


@dataclass(frozen=True, slots=True)
class CategoryResult:
    key: str
    label: str
    people: ShownCount  # how many were scored
    above: ShownCount  # how many scored above the sample's median
    share: float | None  # of the sample, from the published figure
    rate: float | None  # the scoring rate
    rate_interval: tuple[float, float] | None  # Wilson, 95%
    impact_ratio: float | None
    ratio_interval: tuple[float, float] | None  # Katz log interval, 95%
    status: str  # HIGHEST, COMPARED, UNDER_2_PERCENT, TOO_FEW or UNKNOWN


@dataclass(frozen=True, slots=True)
class BiasTable:
    question: str
    title: str
    categories: list[CategoryResult]  # declared categories, then the unknown rows
    unknown: int | None  # how many have an unknown category (None: withheld)
    declared: tuple[ShownCount, ShownCount]  # how many gave a category: scored, above

    def answers(self) -> list[CategoryResult]:
        return [c for c in self.categories if c.status != UNKNOWN]


@dataclass(frozen=True, slots=True)
class BiasAudit:
    sample: int  # everyone scored (exact)
    above_median: int  # how many scored above the median (exact)
    median: float | None
    tables: list[BiasTable]
    policy: DisclosurePolicy
    # Every published figure, and who was counted: for the memory of releases.
    figures: Mapping[CellId, ShownCount] = field(default_factory=dict)
    members: Members | None = None

    @property
    def overall_rate(self) -> float | None:
        return self.above_median / self.sample if self.sample else None

    def table(self, question: str) -> BiasTable:
        for table in self.tables:
            if table.question == question:
                return table
        raise KeyError(question)


def above_median(scores: Sequence[float]) -> tuple[float | None, list[bool]]:
    """The sample's median score, and whether each score is strictly above it."""
    if not scores:
        return None, []
    median = float(statistics.median(scores))
    return median, [score > median for score in scores]


def _categories(question: str) -> list[tuple[str, str, CellId]]:
    """(key, label, cell of its count at the scored stage) for each declared category."""
    if question == SEX:
        return [(k, label, (SEX, k, SCORED)) for k, label in MONITORING_QUESTIONS[SEX][1].items()]
    if question == ETHNIC_GROUP:
        return [(k, label, (ETHNIC_GROUP, k, SCORED)) for k, (label, _) in ETHNIC_GROUPS.items()]
    sexes = MONITORING_QUESTIONS[SEX][1]
    return [
        (pair(s, g), f"{sexes[s]}, {ETHNIC_GROUPS[g][0]}", (INTERSECTION, pair(s, g), SCORED))
        for s, g in declared_pairs()
    ]


def _unknown_rows(question: str) -> list[tuple[str, str, CellId]]:
    if question == INTERSECTION:
        return []
    source = SEX if question == SEX else ETHNICITY
    labels = (PREFER_NOT_TO_SAY_LABEL, NOT_DECLARED_LABEL)
    return [(r, label, (source, r, SCORED)) for r, label in zip(UNKNOWN_ROWS, labels, strict=True)]


def _declared_cell(question: str) -> CellId:
    source = {SEX: SEX, ETHNIC_GROUP: ETHNICITY, INTERSECTION: INTERSECTION}[question]
    return (source, DECLARED, SCORED)


def _at_above(cell: CellId) -> CellId:
    return (cell[0], cell[1], ABOVE)


def _table(question: str, shown: Mapping[CellId, ShownCount], sample: int) -> BiasTable:
    rates: dict[str, tuple[int, int]] = {}  # published (above, people) of compared categories
    first: list[tuple[str, str, ShownCount, ShownCount, float | None, float | None, str]] = []
    for key, label, cell in _categories(question):
        people, above = shown[cell], shown[_at_above(cell)]
        share = people.value / sample if people.value is not None and sample else None
        rate = None
        status = TOO_FEW
        if people.value and above.value is not None:
            rate = min(1.0, above.value / people.value)
            status = COMPARED
            if share is not None and share < MIN_SHARE:
                status = UNDER_2_PERCENT
            else:
                rates[key] = (min(above.value, people.value), people.value)
        first.append((key, label, people, above, share, rate, status))
    best = max(rates, key=lambda k: (rates[k][0] / rates[k][1], k), default=None)
    categories: list[CategoryResult] = []
    for key, label, people, above, share, rate, status in first:
        ratio = ratio_interval = None
        rate_interval = None
        if rate is not None and people.value is not None and above.value is not None:
            rate_interval = wilson(min(above.value, people.value), people.value)
        if key in rates and best is not None:
            a, n = rates[key]
            b, m = rates[best]
            if b > 0:
                ratio = (a / n) / (b / m)
                ratio_interval = None if key == best else katz_ratio(a, n, b, m)
                status = HIGHEST if key == best else COMPARED
            else:
                status = COMPARED
        categories.append(
            CategoryResult(
                key, label, people, above, share, rate, rate_interval, ratio, ratio_interval, status
            )
        )
    for key, label, cell in _unknown_rows(question):
        people, above = shown[cell], shown[_at_above(cell)]
        share = people.value / sample if people.value is not None and sample else None
        categories.append(
            CategoryResult(key, label, people, above, share, None, None, None, None, UNKNOWN)
        )
    declared_cell = _declared_cell(question)
    declared = (shown[declared_cell], shown[_at_above(declared_cell)])
    unknown = None if declared[0].value is None else max(0, sample - declared[0].value)
    return BiasTable(question, TABLE_TITLES[question], categories, unknown, declared)


@dataclass(frozen=True, slots=True)
class ScoringLikelihood:
    """The UK reading (WRES indicator 2's relative likelihood) applied to the scores:
    how many times more likely White people were to score above the median than people
    of an ethnic minority. Minority counts are the declared count less the White one,
    both published figures."""

    white: tuple[int, int] | None  # (above the median, scored)
    minority: tuple[int, int] | None
    ratio: float | None
    interval: tuple[float, float] | None  # Katz log interval, 95%


def scoring_likelihood(audit: BiasAudit, min_group_size: int = 10) -> ScoringLikelihood:
    table = audit.table(ETHNIC_GROUP)
    white = next(c for c in table.categories if c.key == "white")
    declared_people, declared_above = (d.value for d in table.declared)
    wp, wa = white.people.value, white.above.value
    if wp is None or wa is None or declared_people is None or declared_above is None:
        return ScoringLikelihood(None, None, None, None)
    mp, ma = max(0, declared_people - wp), max(0, declared_above - wa)
    wa, ma = min(wa, wp), min(ma, mp)
    if wp < min_group_size or mp < min_group_size or not ma:
        # As the report's relative likelihood: no ratio for groups under 10.
        return ScoringLikelihood((wa, wp), (ma, mp), None, None)
    ratio = (wa / wp) / (ma / mp)
    return ScoringLikelihood((wa, wp), (ma, mp), ratio, katz_ratio(wa, wp, ma, mp))


def bias_audit(
    people: Sequence[ScoredPerson],
    policy: DisclosurePolicy | None = None,
    published: Mapping[CellId, ShownCount] | None = None,
    history: Callable[[Members], Sequence[Prior]] | None = None,
) -> BiasAudit:
    """The audit of one sample of scores (see ``bias_counts.protected_counts`` for
    ``published``). ``history`` gives the earlier releases of the same audit that
    differ from this one's people by a few (``diversity.history``)."""
    policy = policy or DisclosurePolicy()
    median, above = above_median([p.score for p in people])
    members = audit_members(people, above)
    priors = history(members) if history is not None else ()
    shown = protected_counts(people, above, policy, published, priors)
    sample = int(shown[(ALL, TOTAL, SCORED)].value or 0)
    tables = [_table(q, shown, sample) for q in (SEX, ETHNIC_GROUP, INTERSECTION)]
    return BiasAudit(
        sample=len(people),
        above_median=sum(above),
        median=median,
        tables=tables,
        policy=policy,
        figures=shown,
        members=members,
    )
