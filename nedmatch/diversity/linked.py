"""Reports protected together with the fixed reports inside them.

A report of a scope and period contains the reports of every smaller scope and period
(a region holds its organisations, an organisation its vacancies, a financial year its
quarters). Where one of those differs from it by fewer than the threshold in some stage
column, a reader who downloads both learns about the few people who make the
difference: with cell-key noise of at most 2 on each side, a row that grew by one
person can sometimes only be explained by that person being in it (a year minus its
busy quarter, an organisation minus its big vacancy). So such a report is published
only after its figures are audited together with those nearby reports' published
figures: the difference counts (``T = N + D``, ``D >= 0``) join the linear programme
of ``protection``, and if any of the few people's answers could be pinned, another of
this report's cells is withheld.

The nearby reports are computed exactly as their own downloads are (recursively,
protected with the reports inside them), from this report's records, so the figures
audited are the figures published. The larger report is the one that gives way, so
whichever is downloaded first, both always show the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from .columns import NO_PLACE, RecordColumns, RecordPlaces
from .disclosure import CellId, DisclosurePolicy, ShownCount
from .history import Prior
from .records import STAGES
from .tables import QuestionTable, RawCounts, count_columns, publish_tables

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Link:
    """A nearby report inside this one: its counts and the figures it publishes."""

    columns: RecordColumns
    shown: Mapping[CellId, ShownCount]


def _period_codes(applied: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], ...]:
    """Each record's financial year (April to March) and calendar quarter, as numbers;
    NO_PLACE for a record with no application date."""
    years = np.full(len(applied), NO_PLACE, dtype=np.int64)
    quarters = np.full(len(applied), NO_PLACE, dtype=np.int64)
    for day in np.unique(applied[applied != NO_PLACE]):
        when = date.fromordinal(int(day))
        at = applied == day
        years[at] = when.year if when.month >= 4 else when.year - 1
        quarters[at] = when.year * 4 + (when.month - 1) // 3
    return years, quarters


def _stage_totals(columns: RecordColumns, people: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The report's stage totals: people in the pool column, applications at or after
    each later stage."""
    furthest = np.bincount(columns.stages.astype(np.intp), minlength=len(STAGES))
    reached = furthest[::-1].cumsum()[::-1]
    return np.array([len(np.unique(people)), *reached[1:]], dtype=np.int64)


def _groupings(places: RecordPlaces) -> Iterator[npt.NDArray[np.int64]]:
    """Each way of narrowing a report: by scope (everyone, each vacancy, organisation,
    region) combined with a period (all time, each financial year, each quarter). A
    grouping gives each record a group number; NO_PLACE: in no group (a pool member
    who has not applied, in any period or vacancy grouping)."""
    years, quarters = _period_codes(places.applied)
    everyone = np.zeros(len(places.person), dtype=np.int64)
    scopes = (everyone, places.vacancy, places.organisation, places.region)
    for scope in scopes:
        for period in (everyone, years, quarters):
            outside = (scope == NO_PLACE) | (period == NO_PLACE)
            # One number per (scope, period) pair: both are small whole numbers.
            group = scope * (int(period.max(initial=0)) + 1) + period
            group[outside] = NO_PLACE
            yield group


def near_masks(columns: RecordColumns, policy: DisclosurePolicy) -> list[Mask]:
    """The records of each fixed report inside this one that differs from it by between
    1 and threshold - 1 in some stage column where this report shows figures."""
    places = columns.places
    if places is None or len(columns) == 0:
        return []
    threshold = policy.threshold
    totals = _stage_totals(columns, places.person)
    stages = columns.stages.astype(np.intp)
    width = len(STAGES)
    seen: set[bytes] = set()
    found: list[Mask] = []
    for group in _groupings(places):
        inside = group != NO_PLACE
        if not inside.any():
            continue
        codes, dense = np.unique(group[inside], return_inverse=True)
        # Applications at or after each stage, per group: one bincount.
        counts = np.bincount(dense * width + stages[inside], minlength=len(codes) * width).reshape(
            len(codes), width
        )
        reached = counts[:, ::-1].cumsum(axis=1)[:, ::-1]
        records = counts.sum(axis=1)
        for i, code in enumerate(codes):
            # Close in a column where both reports show figures: a column of the inner
            # report that is all "fewer than N" says nothing the outer one does not.
            inner = reached[i, 1:]
            gap = totals[1:] - inner
            close = bool(np.any((inner >= threshold) & (gap >= 1) & (gap < threshold)))
            # The pool column counts people: a group with too few records to come close
            # needs no closer look.
            maybe_pool = records[i] > totals[0] - threshold and records[i] >= threshold
            if not (close or maybe_pool):
                continue
            mask = group == code
            if mask.all():
                continue  # the same records: the same report
            if not close:
                people = len(np.unique(places.person[mask]))
                if people < threshold or not (1 <= totals[0] - people < threshold):
                    continue
            key = np.packbits(mask).tobytes()
            if key not in seen:
                seen.add(key)
                found.append(mask)
    return found


def links_for(
    columns: RecordColumns,
    policy: DisclosurePolicy,
    publish: Callable[[RecordColumns, Sequence[Link]], Mapping[CellId, ShownCount]],
) -> list[Link]:
    """The nearby reports inside this one, each published as its own download publishes
    it (``publish`` with its own links, found the same way)."""
    memo: dict[bytes, Mapping[CellId, ShownCount]] = {}

    def published(whole: RecordColumns, mask: Mask, at: npt.NDArray[np.intp]) -> Link:
        part = whole.subset(mask)
        positions = at[mask]
        key = positions.tobytes()
        if key not in memo:
            inner = [published(part, m, positions) for m in near_masks(part, policy)]
            memo[key] = publish(part, inner)
        return Link(part, memo[key])

    every = np.arange(len(columns), dtype=np.intp)
    return [published(columns, mask, every) for mask in near_masks(columns, policy)]


def publish_linked(
    columns: RecordColumns,
    policy: DisclosurePolicy,
    questions: Sequence[str],
    given: Mapping[CellId, ShownCount] | None = None,
    history: Sequence[tuple[Prior, Sequence[RawCounts]]] = (),
) -> tuple[list[QuestionTable], dict[CellId, ShownCount]]:
    """The tables of these records, protected with every nearby report inside them: the
    one way a report's figures are published (the page, every download, the audits).
    ``history``: this report's earlier releases (``publish_tables``); the reports inside
    it are read as their figures stand, which their own releases can only withhold more
    of."""
    wanted = list(questions)

    def publish(part: RecordColumns, links: Sequence[Link]) -> Mapping[CellId, ShownCount]:
        return publish_tables(count_columns(part, wanted), policy, wanted, links=links)[1]

    # Only the service's method is protected this way. Under the suppression and
    # rounding methods (kept for the command line and for comparison) a figure shown is
    # the true count, or nearly, so nearby reports would withhold most of each other:
    # docs/disclosure.md says what those methods do not protect against.
    links = links_for(columns, policy, publish) if policy.method == "cell-key" else []
    return publish_tables(count_columns(columns, wanted), policy, wanted, given, links, history)
