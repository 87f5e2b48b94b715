"""Figures protected together with the earlier releases of the same report.

A report changes as people apply, move on, or change their answers, and a reader who
downloads it before and after one person applies holds two releases that differ by that
person. With cell-key noise of at most 2 either side, some draws of the noise can only be
explained by that person being in one row: a row shown as 13 (true count 11 to 15) and
then as 18 (16 to 20) grew, and only one person came in (docs/disclosure.md). Nested
reports have the same problem, and ``diversity.linked`` solves it by auditing a report
with the reports inside it; time has no such structure, so the service remembers what it
released (``services/reporting/releases.py``) and audits each new release of a report
with the earlier releases of the same report that differ from it by a few people.

The reader is assumed to know exactly which people differ between two releases, and at
which stages each counts in each of them (the strongest reading: the attacker tests
know it). So a release is linked to an earlier one through the people who did not
change (``kept``, unknown counts) and, for each group of people who changed the same
way, their own small table of answers (``who``, known only by its total): every cell of
this release is ``kept + who`` and every cell of the earlier one ``kept + who'``, each
group counted as many times as it counts at that stage in that release. If any small
count of those groups could be pinned, this release withholds another of its cells, as
for nested reports: the later release gives way, so what was released stays released.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .disclosure import CellId, ShownCount
from .protection import CellSystem

MARK = "#"  # cells that are not a release's own (``tables.LINKED`` is this mark too)


@dataclass(frozen=True)
class Members:
    """Who a release counts: each person as a 64-bit key (keyed by their id and their
    answers, so a change of answers is a change of key), sorted, and how many times they
    count at each stage (a row per person, a column per stage of the system)."""

    keys: npt.NDArray[np.uint64]
    counts: npt.NDArray[np.int64]

    @classmethod
    def build(cls, keys: Iterable[int], counts: Iterable[Sequence[int]], width: int) -> Members:
        key_array = np.fromiter(keys, dtype=np.uint64)
        rows = counts if isinstance(counts, np.ndarray) else list(counts)
        count_array = np.asarray(rows, dtype=np.int64).reshape(len(key_array), width)
        order = np.argsort(key_array, kind="stable")
        return cls(key_array[order], count_array[order])

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def width(self) -> int:
        return int(self.counts.shape[1])


@dataclass(frozen=True)
class Change:
    """People who changed between two releases in the same way: how many times each
    counts at each stage now and before. ``known`` is false for people no longer in the
    records (they left, or their answers changed): their answers are unknown here too,
    so they are linked but not checked."""

    now: tuple[int, ...]
    before: tuple[int, ...]
    people: tuple[int, ...]
    known: bool


@dataclass(frozen=True)
class Prior:
    """An earlier release of the same report: what it showed, and how it differs."""

    shown: Mapping[CellId, ShownCount]
    changes: Sequence[Change]


def _aligned(now: Members, before: Members) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Each person of ``now``'s counts in ``before`` (zeros if absent), and which of
    ``before``'s people are gone."""
    was = np.zeros_like(now.counts)
    if len(before):
        at = np.minimum(np.searchsorted(before.keys, now.keys), len(before) - 1)
        found = before.keys[at] == now.keys
        was[found] = before.counts[at[found]]
    gone = ~np.isin(before.keys, now.keys)
    return was, gone


def differing(now: Members, before: Members) -> npt.NDArray[np.int64]:
    """How many people differ between two releases at each stage (vectorised: the pool
    report remembers every member)."""
    if now.width != before.width:
        raise ValueError("The releases count different stages.")
    was, gone = _aligned(now, before)
    moved = (was != now.counts).sum(axis=0)
    left = (before.counts[gone] != 0).sum(axis=0)
    return np.asarray(moved + left, dtype=np.int64)


def is_near(now: Members, before: Members, threshold: int) -> bool:
    """Whether two releases differ by 1 to ``threshold - 1`` people at some stage: a
    difference of a threshold or more is a table of its own as large as any published
    one, and is not audited (as for nested reports)."""
    counts = differing(now, before)
    return bool(np.any((counts >= 1) & (counts < threshold)))


def changes_between(now: Members, before: Members) -> list[Change]:
    """The people who differ between two releases, grouped by how they changed. People
    who changed the same way are interchangeable to a reader, so each group is linked
    as one small table (its total is known, its rows are not)."""
    was, gone = _aligned(now, before)
    zero = (0,) * now.width
    groups: dict[tuple[tuple[int, ...], tuple[int, ...], bool], list[int]] = defaultdict(list)
    for i in np.flatnonzero(np.any(was != now.counts, axis=1)):
        counts = tuple(int(n) for n in now.counts[i])
        groups[(counts, tuple(int(n) for n in was[i]), True)].append(int(now.keys[i]))
    for i in np.flatnonzero(gone):
        groups[(zero, tuple(int(n) for n in before.counts[i]), False)].append(int(before.keys[i]))
    return [
        Change(counts, before_counts, tuple(sorted(people)), known)
        for (counts, before_counts, known), people in sorted(groups.items())
    ]


def link_prior(
    system: CellSystem,
    stages: Sequence[str],
    prior: Prior,
    profiles: Sequence[CellSystem],
    number: int,
) -> None:
    """Add an earlier release (``prior``) to ``system``: its figures as given, the
    people who did not change, and each group of people who did (``profiles[j]`` holds
    group j's answers at ``stages[0]``, built like ``system``). What this release would
    give away on its own is left to its own audit, which withholds more of it."""
    first = stages[0]
    column = {stage: i for i, stage in enumerate(stages)}

    def renamed(cell: CellId, part: str) -> CellId:
        return (f"{cell[0]}{MARK}{part}{number}", cell[1], cell[2])

    def who(j: int, question: str, row: str) -> CellId:
        return (f"{question}{MARK}who{number}.{j}", row, first)

    own = [cell for cell in system.values if MARK not in cell[0]]
    own_set = set(own)
    total_cells = {cell for cell in own if cell in system.fixed}
    for j, (change, profile) in enumerate(zip(prior.changes, profiles, strict=True)):
        for cell, value in profile.values.items():
            if cell[2] != first:
                continue
            part = who(j, cell[0], cell[1])
            system.values[part] = value
            if cell in profile.fixed:
                system.given[part] = ShownCount(len(change.people))
            else:
                system.given[part] = ShownCount(None, suppressed=True)
                if change.known and cell in (profile.sensitive or set(profile.values)):
                    system.sensitive = (system.sensitive or set()) | {part}
        for parent, children in profile.equations:
            if parent[2] == first:
                system.equations.append(
                    (who(j, *parent[:2]), tuple(who(j, *c[:2]) for c in children))
                )
    for cell in own:
        question, row, stage = cell
        i = column[stage]
        kept, was = renamed(cell, "kept"), renamed(cell, "was")
        now_terms: list[CellId] = []
        was_terms: list[CellId] = []
        came, went = 0, 0
        for j, change in enumerate(prior.changes):
            part = who(j, question, row)
            if part not in system.values:
                raise ValueError(f"The changed people's table has no cell {cell}.")
            value = system.values[part]
            now_terms += [part] * change.now[i]
            was_terms += [part] * change.before[i]
            came += value * change.now[i]
            went += value * change.before[i]
        system.values[kept] = system.values[cell] - came
        # The people who did not change: their totals follow from the known ones.
        exact = cell in total_cells
        system.given[kept] = (
            ShownCount(system.values[kept]) if exact else ShownCount(None, suppressed=True)
        )
        system.values[was] = system.values[kept] + went
        system.given[was] = prior.shown.get(cell, ShownCount(None, suppressed=True))
        system.equations.append((cell, (kept, *now_terms)))
        system.equations.append((was, (kept, *was_terms)))
    for parent, children in list(system.equations):
        if parent in own_set and all(c in own_set for c in children):
            for side in ("kept", "was"):
                system.equations.append(
                    (renamed(parent, side), tuple(renamed(c, side) for c in children))
                )
    for lower, upper in list(system.orderings):
        if lower in own_set and upper in own_set:
            for side in ("kept", "was"):
                system.orderings.append((renamed(lower, side), renamed(upper, side)))
