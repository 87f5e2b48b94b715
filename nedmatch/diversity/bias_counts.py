"""The bias audit's counts and their protection: how many of each sex, each ethnic group
and each sex and ethnic group together were scored, and how many scored above the median.

The three tables are one linked system for disclosure control: each sex is the sum of
its people over every ethnic group (and "not given"), each ethnic group the sum over both
sexes, so a withheld count of one table could otherwise be worked out from the others.
The cells the audit does not publish (the 19 ethnicity options, and the combinations
where one answer is unknown) are in the system as withheld figures, so the audit knows
exactly what a reader knows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nedmatch.domain import ETHNIC_GROUP_QUESTION, PREFER_NOT_TO_SAY

from .audit import check_same_people
from .columns import row_keys
from .disclosure import CellId, DisclosurePolicy, ShownCount, cell_key
from .history import MARK, Change, Members, Prior, link_prior
from .protection import CellSystem, protect
from .records import DECLARED, NOT_DECLARED, answer_for
from .tables import RawCounts, build_system

SCORED, ABOVE = "scored", "above"
BIAS_STAGES: tuple[str, ...] = (SCORED, ABOVE)
SEX, ETHNIC_GROUP, ETHNICITY = "sex", ETHNIC_GROUP_QUESTION, "ethnicity"
INTERSECTION = "sex_ethnic_group"
UNKNOWN_ROWS = (PREFER_NOT_TO_SAY, NOT_DECLARED)
APPLIED = "applied"  # the campaign report's stage holding the same people as SCORED


@dataclass(frozen=True, slots=True)
class ScoredPerson:
    """One person in the audit's sample: monitoring answers, the model's score, and the
    cell-key method's record key (0 to 255; None without monitoring keys)."""

    answers: Mapping[str, str]
    score: float
    record_key: int | None = None
    # The person's key for the memory of releases (``diversity.history``); 0 for none.
    member: int = 0


def pair(sex: str, group: str) -> str:
    return f"{sex}+{group}"


def declared_pairs() -> list[tuple[str, str]]:
    sexes = [s for s in row_keys(SEX) if s not in UNKNOWN_ROWS]
    groups = [g for g in row_keys(ETHNIC_GROUP) if g not in UNKNOWN_ROWS]
    return [(s, g) for s in sexes for g in groups]


def _tally(
    rows_of_people: Sequence[str], above: Sequence[bool], keys: Sequence[int]
) -> tuple[Counter[tuple[str, int]], Counter[tuple[str, int]]]:
    counts: Counter[tuple[str, int]] = Counter()
    sums: Counter[tuple[str, int]] = Counter()
    for row, is_above, key in zip(rows_of_people, above, keys, strict=True):
        for stage in (0, 1) if is_above else (0,):
            counts[(row, stage)] += 1
            sums[(row, stage)] += key
    return counts, sums


def _intersection(
    system: CellSystem,
    people: Sequence[ScoredPerson],
    above: Sequence[bool],
    keys: Sequence[int],
    total_key_sums: Sequence[int],
) -> set[CellId]:
    """Add the sex by ethnic group cells and the sums linking them to both tables;
    returns the cells that are not published (one answer unknown)."""
    sexes, groups = row_keys(SEX), row_keys(ETHNIC_GROUP)
    rows = [pair(answer_for(p.answers, SEX), answer_for(p.answers, ETHNIC_GROUP)) for p in people]
    counts, sums = _tally(rows, above, keys)
    published = {pair(s, g) for s, g in declared_pairs()}
    hidden: set[CellId] = set()
    for i, stage in enumerate(BIAS_STAGES):
        for s in sexes:
            for g in groups:
                cell = (INTERSECTION, pair(s, g), stage)
                system.values[cell] = counts[(pair(s, g), i)]
                system.keys[cell] = cell_key(sums[(pair(s, g), i)], total_key_sums[i])
                if pair(s, g) not in published:
                    hidden.add(cell)
        for s in sexes:
            system.equations.append(
                ((SEX, s, stage), tuple((INTERSECTION, pair(s, g), stage) for g in groups))
            )
        for g in groups:
            source = ETHNICITY if g in UNKNOWN_ROWS else ETHNIC_GROUP
            system.equations.append(
                ((source, g, stage), tuple((INTERSECTION, pair(s, g), stage) for s in sexes))
            )
        declared = (INTERSECTION, DECLARED, stage)
        system.values[declared] = sum(counts[(row, i)] for row in published)
        system.keys[declared] = cell_key(
            sum(sums[(row, i)] for row in published), total_key_sums[i]
        )
        system.equations.append(
            (declared, tuple((INTERSECTION, row, stage) for row in sorted(published)))
        )
    for s in sexes:
        for g in groups:
            system.orderings.append(
                ((INTERSECTION, pair(s, g), ABOVE), (INTERSECTION, pair(s, g), SCORED))
            )
    system.orderings.append(((INTERSECTION, DECLARED, ABOVE), (INTERSECTION, DECLARED, SCORED)))
    if system.sensitive is not None:
        system.sensitive |= {c for c in system.values if c[0] == INTERSECTION and c[1] != DECLARED}
    return hidden


def _merge(systems: Sequence[CellSystem]) -> CellSystem:
    merged = CellSystem(values={}, sensitive=set())
    for system in systems:
        merged.values.update(system.values)
        merged.equations.extend(system.equations)
        merged.orderings.extend(system.orderings)
        merged.fixed |= system.fixed
        merged.keys.update(system.keys)
        if merged.sensitive is not None and system.sensitive is not None:
            merged.sensitive |= system.sensitive
    return merged


def _system(
    people: Sequence[ScoredPerson], above: Sequence[bool]
) -> tuple[CellSystem, set[CellId], RawCounts]:
    """The linked system of the three tables, the cells it does not publish, and the
    counts of the two questions asked."""
    keys = [p.record_key or 0 for p in people]
    total_key_sums = [sum(keys), sum(k for k, a in zip(keys, above, strict=True) if a)]
    counts: dict[str, dict[str, list[int]]] = {}
    key_sums: dict[str, dict[str, list[int]]] = {}
    for question in (SEX, ETHNICITY):
        rows_of_people = [answer_for(p.answers, question) for p in people]
        tally, sums = _tally(rows_of_people, above, keys)
        counts[question] = {r: [tally[(r, 0)], tally[(r, 1)]] for r in row_keys(question)}
        key_sums[question] = {r: [sums[(r, 0)], sums[(r, 1)]] for r in row_keys(question)}
    with_keys = any(p.record_key is not None for p in people)
    raw = RawCounts(
        counts=counts,
        totals=[len(people), sum(above)],
        pool_nested=True,
        stages=BIAS_STAGES,
        key_sums=key_sums if with_keys else None,
        total_key_sums=total_key_sums if with_keys else None,
    )
    system = _merge([build_system(raw, [SEX]), build_system(raw, [ETHNICITY, ETHNIC_GROUP])])
    hidden = _intersection(system, people, above, keys, total_key_sums)
    # The 19 ethnicity options are not published here: only the five groups are.
    hidden |= {
        c for c in system.values if c[0] == ETHNICITY and c[1] not in (*UNKNOWN_ROWS, DECLARED)
    }
    return system, hidden, raw


def audit_members(people: Sequence[ScoredPerson], above: Sequence[bool]) -> Members:
    """Who the audit counts, for the memory of releases: each person scored, and
    whether above the median."""
    pairs = [(p.member, (1, int(a))) for p, a in zip(people, above, strict=True) if p.member]
    return Members.build((m for m, _ in pairs), (c for _, c in pairs), len(BIAS_STAGES))


def _changed_people(by_member: Mapping[int, ScoredPerson], change: Change) -> CellSystem:
    """The table of one group of people who changed between releases, at the scored
    stage (their answers; stand-ins for people no longer in the sample)."""
    if change.known:
        group = [by_member[m] for m in change.people]
    else:
        group = [ScoredPerson({}, 0.0) for _ in change.people]
    return _system(group, [False] * len(group))[0]


def protected_counts(
    people: Sequence[ScoredPerson],
    above: Sequence[bool],
    policy: DisclosurePolicy,
    published: Mapping[CellId, ShownCount] | None = None,
    history: Sequence[Prior] = (),
) -> dict[CellId, ShownCount]:
    """Every figure of the three tables as it may be published.

    ``published``: when the sample is exactly a campaign's applicants, the figures that
    campaign's diversity report published (``publish_tables``' second result under the
    same policy). The scored column is then shown exactly as the report's Applied column,
    so the two cannot be set side by side to reveal a withheld count.
    ``history``: earlier releases of the same audit to be protected with
    (``diversity.history``; people are told apart by ``ScoredPerson.member``).
    """
    system, hidden, raw = _system(people, above)
    given = {cell: ShownCount(None, suppressed=True) for cell in hidden}
    if published is not None:
        report = {
            (question, row, SCORED): shown
            for (question, row, stage), shown in published.items()
            if stage == APPLIED and (question, row, SCORED) in system.values
        }
        check_same_people(raw, report)
        given.update(report)
    system.given = given
    by_member = {p.member: p for p in people} if history else {}
    for number, prior in enumerate(history):
        profiles = [_changed_people(by_member, change) for change in prior.changes]
        link_prior(system, BIAS_STAGES, prior, profiles, number)
    shown = protect(system, policy)
    return {
        cell: value for cell, value in shown.items() if cell not in hidden and MARK not in cell[0]
    }
