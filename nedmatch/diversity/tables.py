"""Counts by stage for every monitoring question, and their protected, published form.

Counting is done once over the records; each question's counts (with its derived
question, if any) then become one linked system for disclosure control, and the
published tables are built only from the protected figures, so percentages and
declaration rates can never reveal more than the counts they come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from nedmatch.domain import MONITORING_QUESTIONS, PREFER_NOT_TO_SAY

from .columns import RecordColumns, columns_from_records, row_keys
from .disclosure import CellId, DisclosurePolicy, ShownCount, cell_key
from .history import MARK, Prior, link_prior
from .protection import CellSystem, implied_pins, protect

if TYPE_CHECKING:
    from .linked import Link
from .records import (
    DECLARED,
    DERIVED_QUESTIONS,
    NOT_DECLARED,
    NOT_DECLARED_LABEL,
    PREFER_NOT_TO_SAY_LABEL,
    STAGES,
    TOTAL,
    MonitoringRecord,
    report_questions,
)

ALL = "*"  # the question part of the cell id of the stage totals, shared by all tables


@dataclass(frozen=True, slots=True)
class RawCounts:
    """Unprotected counts: never published, only passed to disclosure control.

    ``counts[question][row][i]`` is the number at stage ``STAGES[i]`` whose answer is
    ``row``; rows are the answer slugs, "prefer-not-to-say" and "not-declared".
    ``pool_nested`` is true when every application is also counted in the pool column
    (no person appears twice), which is then a fact a reader could use.
    """

    counts: dict[str, dict[str, list[int]]]
    totals: list[int]
    pool_nested: bool
    stages: tuple[str, ...] = STAGES
    # For the cell-key method: the sum of the record keys of the people in each cell
    # (same layout as ``counts`` and ``totals``); None when the records had no keys.
    key_sums: dict[str, dict[str, list[int]]] | None = None
    total_key_sums: list[int] | None = None


def count_records(
    records: Iterable[MonitoringRecord], questions: Sequence[str] | None = None
) -> RawCounts:
    """Count every record at each stage up to its furthest one."""
    return count_columns(columns_from_records(records), questions)


def count_columns(columns: RecordColumns, questions: Sequence[str] | None = None) -> RawCounts:
    """Count records held as columns: one ``bincount`` per question.

    A record counts at every stage from "applied" up to its furthest one, so a stage's
    count is the number whose furthest stage is that one or later (a reversed cumulative
    sum of the counts by furthest stage). The pool column counts each person once.
    """
    wanted = list(questions) if questions is not None else list(report_questions())
    for question in list(wanted):
        derived = DERIVED_QUESTIONS.get(question)
        if derived is not None and derived.source not in wanted:
            wanted.append(derived.source)  # derived rows are checked against their source
    width = len(STAGES)
    stages = columns.stages.astype(np.intp)
    first = columns.first_of_person
    people = int(first.sum())

    def at_or_after(by_furthest: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        return by_furthest[..., ::-1].cumsum(axis=-1)[..., ::-1]

    furthest = np.bincount(stages, minlength=width)
    totals = [people] + [int(n) for n in at_or_after(furthest)[1:]]
    weights = columns.record_keys.astype(np.int64) if columns.record_keys is not None else None
    counts: dict[str, dict[str, list[int]]] = {}
    key_sums: dict[str, dict[str, list[int]]] | None = None
    total_key_sums: list[int] | None = None
    if weights is not None:
        # Key sums are counts weighted by record key: the same bincounts with weights
        # (float64, exact below 2**53: 100,000 records of keys under 256 is 2.6e7).
        weighted = np.bincount(stages, weights=weights, minlength=width).astype(np.int64)
        total_key_sums = [int(weights[first].sum())] + [int(n) for n in at_or_after(weighted)[1:]]
        key_sums = {}
    for question in wanted:
        keys = row_keys(question)
        codes = columns.codes_for(question).astype(np.intp)
        cells = codes * width + stages
        by_furthest = np.bincount(cells, minlength=len(keys) * width)
        reached = at_or_after(by_furthest.reshape(len(keys), width))
        pool = np.bincount(codes[first], minlength=len(keys))
        counts[question] = {
            key: [int(pool[code]), *(int(n) for n in reached[code, 1:])]
            for code, key in enumerate(keys)
        }
        if weights is not None and key_sums is not None:
            summed = np.bincount(cells, weights=weights, minlength=len(keys) * width)
            reached_keys = at_or_after(summed.astype(np.int64).reshape(len(keys), width))
            pool_keys = np.bincount(
                codes[first], weights=weights[first], minlength=len(keys)
            ).astype(np.int64)
            key_sums[question] = {
                key: [int(pool_keys[code]), *(int(n) for n in reached_keys[code, 1:])]
                for code, key in enumerate(keys)
            }
    return RawCounts(
        counts,
        totals,
        pool_nested=people == len(columns),
        key_sums=key_sums,
        total_key_sums=total_key_sums,
    )


def question_families(questions: Iterable[str]) -> list[list[str]]:
    """Questions that must be protected together: a source and the ones derived from it."""
    families: list[list[str]] = []
    placed: set[str] = set()
    wanted = list(questions)
    for question in wanted:
        if question in placed:
            continue
        derived = DERIVED_QUESTIONS.get(question)
        root = derived.source if derived else question
        family = [root] + [d.slug for d in DERIVED_QUESTIONS.values() if d.source == root]
        family = [q for q in family if q in wanted or q == root]
        placed.update(family)
        families.append(family)
    return families


def cell_id(question: str, row: str, stage: str) -> CellId:
    """Where a table row's figure lives: derived questions share their source's
    "Prefer not to say", "Not declared" and declared rows, and all share the totals."""
    if row == TOTAL:
        return (ALL, TOTAL, stage)
    derived = DERIVED_QUESTIONS.get(question)
    if derived is not None and row in (PREFER_NOT_TO_SAY, NOT_DECLARED, DECLARED):
        return (derived.source, row, stage)
    return (question, row, stage)


def build_system(raw: RawCounts, family: Sequence[str]) -> CellSystem:
    """The linked system of one family of questions, for disclosure control."""
    root = family[0]
    options = list(MONITORING_QUESTIONS[root][1])
    root_counts = raw.counts[root]
    system = CellSystem(values={})
    stages = raw.stages
    # Key sums add up like counts: a sum cell's is the sum of its parts'.
    key_sums: dict[CellId, int] = {}
    root_keys = raw.key_sums[root] if raw.key_sums is not None else None
    for i, stage in enumerate(stages):
        total = (ALL, TOTAL, stage)
        system.values[total] = raw.totals[i]
        system.fixed.add(total)
        for row in (*options, PREFER_NOT_TO_SAY, NOT_DECLARED):
            system.values[(root, row, stage)] = root_counts[row][i]
            if root_keys is not None:
                key_sums[(root, row, stage)] = root_keys[row][i]
        declared = (root, DECLARED, stage)
        system.values[declared] = sum(root_counts[o][i] for o in options)
        if root_keys is not None and raw.total_key_sums is not None:
            key_sums[total] = raw.total_key_sums[i]
            key_sums[declared] = sum(root_keys[o][i] for o in options)
        system.equations.append((declared, tuple((root, o, stage) for o in options)))
        system.equations.append(
            (total, (declared, (root, PREFER_NOT_TO_SAY, stage), (root, NOT_DECLARED, stage)))
        )
        for question in family[1:]:
            derived = DERIVED_QUESTIONS[question]
            groups = list(derived.labels)
            for group in groups:
                members = tuple(
                    (root, o, stage) for o in options if derived.mapping.get(o) == group
                )
                cell = (question, group, stage)
                system.values[cell] = sum(system.values[m] for m in members)
                if root_keys is not None:
                    key_sums[cell] = sum(key_sums[m] for m in members)
                system.equations.append((cell, members))
            system.equations.append((declared, tuple((question, g, stage) for g in groups)))
    system.sensitive = {c for c in system.values if c[0] != ALL and c[1] != DECLARED}
    if key_sums:
        system.keys = {
            cell: cell_key(key_sum, key_sums[(ALL, TOTAL, cell[2])])
            for cell, key_sum in key_sums.items()
        }
    rows = dict.fromkeys(cell[:2] for cell in system.values if cell[0] != ALL)  # in order
    for question, row in rows:
        first = 0 if raw.pool_nested else 1
        for i in range(first, len(stages) - 1):
            system.orderings.append(((question, row, stages[i + 1]), (question, row, stages[i])))
    return system


LINKED = MARK  # marks the cells of a linked report, and of the difference, in a system


def link_system(
    system: CellSystem, inner: CellSystem, shown: Mapping[CellId, ShownCount], number: int
) -> None:
    """Add to ``system`` a report inside it (``inner``, published as ``shown``) and the
    difference between the two: every cell is the inner report's plus the difference's,
    which is never negative and is never published. The inner report's figures are
    given (published already, as its own download shows them); the difference's cells
    and the inner report's small counts must keep two possible values, like this
    report's own."""

    def renamed(cell: CellId, part: str) -> CellId:
        return (f"{cell[0]}{LINKED}{part}{number}", cell[1], cell[2])

    sensitive = inner.sensitive if inner.sensitive is not None else set(inner.values)
    outer_cells = [cell for cell in system.values if LINKED not in cell[0]]
    for cell in outer_cells:
        part, rest = renamed(cell, "in"), renamed(cell, "out")
        system.values[part] = inner.values[cell]
        system.given[part] = shown[cell]
        difference = system.values[cell] - inner.values[cell]
        system.values[rest] = difference
        fixed = cell in system.fixed
        # The difference of two exact totals is known exactly; every other one is not.
        system.given[rest] = ShownCount(difference) if fixed else ShownCount(None, suppressed=True)
        system.equations.append((cell, (part, rest)))
        if cell in sensitive:
            system.sensitive = (system.sensitive or set()) | {part, rest}
    for parent, children in inner.equations:
        for side in ("in", "out"):
            system.equations.append(
                (renamed(parent, side), tuple(renamed(c, side) for c in children))
            )
    for lower, upper in inner.orderings:
        system.orderings.append((renamed(lower, "in"), renamed(upper, "in")))
        if lower[2] != STAGES[1] or upper[2] != STAGES[0]:  # not the pool column
            system.orderings.append((renamed(lower, "out"), renamed(upper, "out")))


@dataclass(frozen=True, slots=True)
class PublishedCell:
    """One published figure with the percentages that may safely go with it."""

    count: ShownCount
    percent: float | None  # of everyone at the stage
    percent_of_declared: float | None  # of those who gave an answer (answer rows only)


@dataclass(frozen=True, slots=True)
class TableRow:
    key: str
    label: str
    kind: str  # "answer", "prefer_not_to_say", "not_declared", "declared" or "total"
    cells: dict[str, PublishedCell]


@dataclass(frozen=True, slots=True)
class QuestionTable:
    """The published table for one question: a row per answer, a column per stage."""

    question: str
    text: str
    rows: list[TableRow]
    stages: tuple[str, ...] = STAGES

    @property
    def unprotected(self) -> bool:
        """Figures withheld because they could not be protected (see ``protect``)."""
        return any(cell.count.unprotected for row in self.rows for cell in row.cells.values())

    def row(self, key: str) -> TableRow:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def answer_rows(self) -> list[TableRow]:
        return [row for row in self.rows if row.kind == "answer"]

    def declaration_rate(self, stage: str) -> float | None:
        """Percentage of those at the stage who gave an answer other than
        "Prefer not to say"; None when it would reveal a hidden count."""
        return self.row(DECLARED).cells[stage].percent


def _percent(part: ShownCount, whole: ShownCount) -> float | None:
    """A percentage only from published figures, so it reveals nothing more than they do."""
    if part.value is None or whole.value is None or whole.value == 0:
        return None
    return 100.0 * part.value / whole.value


def publish_tables(
    raw: RawCounts,
    policy: DisclosurePolicy,
    questions: Sequence[str] | None = None,
    given: Mapping[CellId, ShownCount] | None = None,
    links: Sequence[Link] = (),
    history: Sequence[tuple[Prior, Sequence[RawCounts]]] = (),
) -> tuple[list[QuestionTable], dict[CellId, ShownCount]]:
    """Protect every family of questions and lay the results out as tables.

    ``given`` holds cells already published elsewhere, which are shown as they were there
    (see ``CellSystem.given``). ``links`` are the nearby reports inside this one, audited
    together with it (``diversity.linked``); ``history`` the earlier releases of this
    report, each with the counts of every group of people who changed since, at the
    first stage (``diversity.history``).
    """
    wanted = list(questions) if questions is not None else list(raw.counts)
    all_questions = report_questions()
    shown: dict[CellId, ShownCount] = {}
    inner = [(count_columns(link.columns, wanted), link.shown) for link in links]
    for family in question_families(wanted):
        system = build_system(raw, family)
        if given:
            system.given = {cell: given[cell] for cell in system.values if cell in given}
        for number, (inner_raw, inner_shown) in enumerate(inner):
            link_system(system, build_system(inner_raw, family), inner_shown, number)
        if inner:
            # The inner reports' figures, but for their totals (always published).
            figures = [c for c in system.given if f"{LINKED}in" in c[0] and c[0][0] != ALL]
            system.accepted = implied_pins(system, policy, figures)
        # Earlier releases are linked after: what this release would give away on its
        # own is still protected, by withholding more of it.
        for number, (prior, groups) in enumerate(history):
            profiles = [build_system(group, family) for group in groups]
            link_prior(system, raw.stages, prior, profiles, number)
        protected = protect(system, policy)
        shown.update({cell: protected[cell] for cell in system.values if LINKED not in cell[0]})
    tables: list[QuestionTable] = []
    for question in wanted:
        text, options = all_questions[question]
        layout = [
            *((key, label, "answer") for key, label in options.items()),
            (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL, "prefer_not_to_say"),
            (NOT_DECLARED, NOT_DECLARED_LABEL, "not_declared"),
            (DECLARED, "Declared (gave an answer)", "declared"),
            (TOTAL, "Total", "total"),
        ]
        rows: list[TableRow] = []
        for key, label, kind in layout:
            cells: dict[str, PublishedCell] = {}
            for stage in raw.stages:
                count = shown[cell_id(question, key, stage)]
                total = shown[cell_id(question, TOTAL, stage)]
                declared = shown[cell_id(question, DECLARED, stage)]
                cells[stage] = PublishedCell(
                    count=count,
                    percent=_percent(count, total),
                    percent_of_declared=_percent(count, declared) if kind == "answer" else None,
                )
            rows.append(TableRow(key, label, kind, cells))
        tables.append(QuestionTable(question, text, rows, raw.stages))
    return tables, shown
