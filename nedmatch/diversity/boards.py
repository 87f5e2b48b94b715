"""Board composition: each board's diversity beside its local population and its
workforce (the NHS Workforce Race Equality Standard's indicator 9 compares the board's
minority ethnic share with the workforce's), and the same for each region, England, and
organisations in national support against the rest.

Pure functions over plain seats. Every count is published under the service's disclosure
policy (cell-key noise and "fewer than N" by default), and then, because boards are small
and one appointment moves a count by one, rounded to the policy's base (5); a board's size
is public (trusts publish their boards) and is shown exactly. An aggregate that differs from one of its
published parts by 1 to ``threshold - 1`` members is withheld, because subtracting the
two would describe those few members (the same rule the diversity reports apply to
their linked scopes, ``linked.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from ..domain import ETHNICITY_BROAD, ETHNICITY_TO_GROUP, PREFER_NOT_TO_SAY
from ..spreadsheets import Column, Table, to_csv
from .columns import record_key
from .disclosure import DisclosurePolicy, ShownCount, cell_key, perturb, round_to_base
from .reference import Reference

Answers = Mapping[str, str]


def _ethnic_group(answers: Answers) -> str | None:
    background = answers.get("ethnicity")
    if background in ETHNICITY_TO_GROUP:
        return ETHNICITY_TO_GROUP[background]
    group = answers.get(ETHNICITY_BROAD)
    return group if group and group != PREFER_NOT_TO_SAY else None


@dataclass(frozen=True, slots=True)
class Measure:
    slug: str
    label: str
    # (declared an answer that says either way, has the characteristic)
    judge: Callable[[Answers], tuple[bool, bool]]
    reference_question: str
    reference_answers: tuple[str, ...]


def _minority_ethnic(answers: Answers) -> tuple[bool, bool]:
    group = _ethnic_group(answers)
    return group is not None, group not in (None, "white")


def _answer_is(question: str, value: str) -> Callable[[Answers], tuple[bool, bool]]:
    def judge(answers: Answers) -> tuple[bool, bool]:
        answer = answers.get(question)
        declared = bool(answer) and answer != PREFER_NOT_TO_SAY
        return declared, declared and answer == value

    return judge


MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        "minority_ethnic",
        "From a minority ethnic group",
        _minority_ethnic,
        "ethnic_group",
        ("asian", "black", "mixed", "other"),
    ),
    Measure("women", "Women", _answer_is("sex", "female"), "sex", ("female",)),
    Measure("disabled", "Disabled", _answer_is("disability", "yes"), "disability", ("yes",)),
)


@dataclass(frozen=True, slots=True)
class Seat:
    """One sitting board member, reduced to what the composition needs. ``person`` is a
    secret per-person value (the HMAC that keys their monitoring answers) for cell keys;
    ``answers`` is empty when the member has not declared."""

    organisation_id: int
    region: str
    challenged: bool
    person: str
    answers: Answers = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    """A group of boards to describe: its label, the kind of group, and which seats."""

    label: str
    kind: str  # "board", "region", "support" or "england"
    organisation_ids: frozenset[int]
    population: Mapping[str, float] = field(default_factory=dict)  # measure -> percent
    workforce: Mapping[str, float] = field(default_factory=dict)  # measure -> percent
    key: str = ""  # e.g. the organisation's id or the region's slug, for links


@dataclass(frozen=True, slots=True)
class MeasureFigures:
    measure: Measure
    declared: ShownCount
    count: ShownCount
    percent: float | None  # of those who declared, where both counts are shown
    population_percent: float | None
    workforce_percent: float | None

    @property
    def workforce_gap(self) -> float | None:
        """Board minus workforce, in percentage points (WRES indicator 9)."""
        if self.percent is None or self.workforce_percent is None:
            return None
        return self.percent - self.workforce_percent


@dataclass(frozen=True, slots=True)
class Composition:
    spec: ScopeSpec
    members: int
    measures: tuple[MeasureFigures, ...]
    withheld: bool = False

    def measure(self, slug: str) -> MeasureFigures:
        return next(m for m in self.measures if m.measure.slug == slug)


def population_percents(reference: Reference) -> dict[str, float]:
    """Each measure's share of the reference population (England's census by default)."""
    shares = {}
    for measure in MEASURES:
        figures = reference.percents.get(measure.reference_question, {})
        if figures:
            shares[measure.slug] = sum(figures.get(a, 0.0) for a in measure.reference_answers)
    return shares


def show_count(
    value: int, key_sum: int, column_key_sum: int, policy: DisclosurePolicy
) -> ShownCount:
    if policy.method == "cell-key":
        if value < policy.threshold:
            return ShownCount(None, small=True)
        noisy = perturb(value, cell_key(key_sum, column_key_sum))
        if noisy < policy.threshold:
            return ShownCount(None, small=True)
        # Then rounded: one appointment changes a board's counts by one, and two downloads
        # either side of it must not tell which way the appointee answered. With noise of
        # at most 2 either way, a figure rounded to 5 allows 9 true counts, and the figures
        # for c and c + 1 always share one (tests/privacy/attacks/test_board_composition.py).
        return ShownCount(round_to_base(noisy, policy.rounding_base), perturbed=True, rounded=True)
    if policy.method == "round":
        if 0 < value < policy.threshold:
            return ShownCount(None, small=True)
        return ShownCount(round_to_base(value, policy.rounding_base), rounded=True)
    if 0 < value < policy.threshold:
        return ShownCount(None, suppressed=True)
    return ShownCount(value)


def _figures(
    seats: Sequence[Seat], spec: ScopeSpec, policy: DisclosurePolicy
) -> tuple[MeasureFigures, ...]:
    keys = [record_key(seat.person) for seat in seats]
    column = sum(keys)
    out = []
    for measure in MEASURES:
        judged = [measure.judge(seat.answers) for seat in seats]
        declared_keys = [k for k, (d, _) in zip(keys, judged, strict=True) if d]
        having_keys = [k for k, (_, h) in zip(keys, judged, strict=True) if h]
        declared = show_count(len(declared_keys), sum(declared_keys), column, policy)
        count = show_count(len(having_keys), sum(having_keys), column, policy)
        if policy.method == "suppress" and not count.hidden and not declared.hidden:
            # Under plain suppression the rest of those who declared is the difference
            # of two published counts: hide the count when that rest is small.
            rest = len(declared_keys) - len(having_keys)
            if 0 < rest < policy.threshold:
                count = ShownCount(None, suppressed=True)
        if count.value is not None and declared.value is not None and count.value > declared.value:
            # Each count has its own noise: never publish more with the characteristic
            # than declared at all (a reader knows that cannot be).
            count = ShownCount(declared.value, perturbed=count.perturbed)
        percent = None
        if count.value is not None and declared.value:
            percent = min(100.0, 100.0 * count.value / declared.value)
        out.append(
            MeasureFigures(
                measure,
                declared,
                count,
                percent,
                spec.population.get(measure.slug),
                spec.workforce.get(measure.slug),
            )
        )
    return tuple(out)


def _withheld(measure: Measure) -> MeasureFigures:
    hidden = ShownCount(None, suppressed=True)
    return MeasureFigures(measure, hidden, hidden, None, None, None)


def compose(
    seats: Sequence[Seat], scopes: Sequence[ScopeSpec], policy: DisclosurePolicy
) -> list[Composition]:
    """The composition of each scope, protected together: a scope whose seats differ from
    a smaller published scope's by 1 to ``threshold - 1`` is withheld."""
    chosen = [[s for s in seats if s.organisation_id in spec.organisation_ids] for spec in scopes]
    sizes = [len(c) for c in chosen]
    out = []
    for i, spec in enumerate(scopes):
        inside = [
            j
            for j, other in enumerate(scopes)
            if j != i and other.organisation_ids < spec.organisation_ids and sizes[j] > 0
        ]
        near = any(0 < sizes[i] - sizes[j] < policy.threshold for j in inside)
        if near:
            out.append(
                Composition(spec, sizes[i], tuple(_withheld(m) for m in MEASURES), withheld=True)
            )
        else:
            out.append(Composition(spec, sizes[i], _figures(chosen[i], spec, policy)))
    return out


def _cell(shown: ShownCount, policy: DisclosurePolicy) -> int | str:
    if shown.value is not None:
        return shown.value
    return shown.display(policy)


COLUMNS: Final = (
    Column("Scope", 36),
    Column("Kind", 10),
    Column("Members", 10),
    Column("Measure", 28),
    Column("Declared", 10),
    Column("Count", 10),
    Column("Percent of those who declared", 14, "0.0"),
    Column("Population percent", 14, "0.0"),
    Column("Workforce percent", 14, "0.0"),
    Column("Board minus workforce, points", 14, "0.0"),
    Column("Note", 40),
)


def composition_table(compositions: Sequence[Composition], policy: DisclosurePolicy) -> Table:
    """One row per scope and measure, as published."""
    rows: list[list[object]] = []
    for item in compositions:
        for figures in item.measures:
            rows.append(
                [
                    item.spec.label,
                    item.spec.kind,
                    item.members,
                    figures.measure.label,
                    _cell(figures.declared, policy),
                    _cell(figures.count, policy),
                    figures.percent,
                    figures.population_percent,
                    figures.workforce_percent,
                    figures.workforce_gap,
                    "Withheld: differs from a smaller published group by fewer than "
                    f"{policy.threshold} members"
                    if item.withheld
                    else "",
                ]
            )
    return Table("Board composition", list(COLUMNS), rows)


def composition_rows_for_test(
    compositions: Sequence[Composition], policy: DisclosurePolicy
) -> list[list[object]]:
    return composition_table(compositions, policy).rows


def composition_to_csv(compositions: Sequence[Composition], policy: DisclosurePolicy) -> bytes:
    return to_csv([composition_table(compositions, policy)])
