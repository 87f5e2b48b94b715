"""The attacker's solver: which answers of a person are consistent with everything
downloaded?

Possibilistic and strict. The attacker holds several publications (CSV figures parsed
into intervals: "<5" is 0 to 4, "[c]" is 0 or more, a noisy count v is v - 2 to v + 2 but
not under the threshold, a stage total is exact; "<5" is 0 to 6, because a count of 5 or
6 whose noise takes it under 5 is shown as "<5" too), knows every rule that links the figures
(options add up to groups and to the declared row, rows to the stage total, nobody is at
a later stage without the earlier one), knows exactly which people differ between the
publications and at which stages each of them counts in each one. What is unknown is
the answers of everyone, and the counts of the people the publications share.

For a question and a target person, an answer is *consistent* when some whole-number
counts for the shared people, and some answers for the other differing people, reproduce
every published figure within its interval. The integer programme is solved with HiGHS
(``scipy.optimize.milp``). A publication protects the target when at least two answers
are consistent, for every question.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from nedmatch.diversity.columns import row_keys
from nedmatch.diversity.records import DECLARED, DERIVED_QUESTIONS, STAGES, TOTAL
from nedmatch.domain import MONITORING_QUESTIONS

THRESHOLD = 5
NOISE_BOUND = 2  # published in every download's notes: "at most 2 either way"

Interval = tuple[int, int | None]
Cell = tuple[str, str, str]  # (question, row, stage)


@dataclass
class Publication:
    """What one download shows, as intervals, and which differing people it counts."""

    figures: dict[Cell, Interval]
    # person -> the stages at which that person counts in this publication
    members: dict[str, frozenset[str]] = field(default_factory=dict)


def interval(shown: str, row: str, threshold: int = THRESHOLD) -> Interval:
    """What a published figure says about the true count, in the published method."""
    if shown == "[c]":
        return (0, None)
    if shown == f"<{threshold}":
        return (0, threshold - 1 + NOISE_BOUND)
    value = int(shown.replace(",", ""))
    if row == TOTAL:
        return (value, value)
    return (max(threshold, value - NOISE_BOUND), value + NOISE_BOUND)


def exact_interval(shown: str, row: str, threshold: int = THRESHOLD) -> Interval:
    """The old methods' reading: a number is the true count ("suppress")."""
    if shown == "[c]":
        return (0, None)
    if shown.startswith("<"):
        return (1, int(shown[1:]) - 1)
    value = int(shown.replace(",", ""))
    return (value, value)


def parse_csv(data: bytes, read: object = interval) -> dict[Cell, Interval]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {
        (line["question"], line["answer"], line["stage"]): read(  # type: ignore[operator]
            line["shown_as"], line["answer"]
        )
        for line in reader
    }


def shown_csv(data: bytes) -> dict[Cell, str]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {(r["question"], r["answer"], r["stage"]): r["shown_as"] for r in reader}


def roots() -> list[str]:
    return list(MONITORING_QUESTIONS)


def family(root: str) -> list[str]:
    return [root] + [d.slug for d in DERIVED_QUESTIONS.values() if d.source == root]


def _row_terms(question: str, row: str, root: str) -> list[str] | None:
    """The root rows a published row is the sum of."""
    rows = row_keys(root)
    options = list(MONITORING_QUESTIONS[root][1])
    if row == TOTAL:
        return list(rows)
    if row == DECLARED:
        return options
    if question == root:
        return [row] if row in rows else None
    derived = DERIVED_QUESTIONS[question]
    if row in (rows[-2], rows[-1]):  # prefer not to say, not declared
        return [row]
    return [o for o in options if derived.mapping.get(o) == row]


def consistent_answers(
    root: str,
    publications: Sequence[Publication],
    target: str,
    stop_after: int | None = None,
    first: Sequence[str] = (),
    stages: Sequence[str] = STAGES,
    ordered_from: int = 1,
) -> list[str]:
    """The target's answers to ``root`` consistent with every publication.

    ``stop_after``: stop once that many are found (tests need two), trying ``first``
    answers first.
    """
    rows = list(row_keys(root))
    stages = list(stages)
    people = sorted({p for pub in publications for p in pub.members})
    n_rows, n_stages = len(rows), len(stages)
    n_common = n_rows * n_stages
    n_vars = n_common + len(people) * n_rows

    def common(r: int, s: int) -> int:
        return r * n_stages + s

    def person(p: str, r: int) -> int:
        return n_common + people.index(p) * n_rows + r

    base_rows: list[np.ndarray] = []
    lows: list[float] = []
    highs: list[float] = []
    questions = family(root)
    for pub in publications:
        for (question, row, stage), (low, high) in pub.figures.items():
            if question not in questions or stage not in stages:
                continue
            terms = _row_terms(question, row, root)
            if terms is None:
                continue
            s = stages.index(stage)
            line = np.zeros(n_vars)
            for term in terms:
                r = rows.index(term)
                line[common(r, s)] += 1
                for p, at in pub.members.items():
                    if stage in at:
                        line[person(p, r)] += 1
            base_rows.append(line)
            lows.append(low)
            highs.append(np.inf if high is None else high)
    # The shared people: nobody at a later stage without the earlier ones.
    for r in range(n_rows):
        for s in range(ordered_from, n_stages - 1):
            line = np.zeros(n_vars)
            line[common(r, s + 1)] = 1
            line[common(r, s)] = -1
            base_rows.append(line)
            lows.append(-np.inf)
            highs.append(0)
    # Each differing person has exactly one answer.
    for p in people:
        line = np.zeros(n_vars)
        for r in range(n_rows):
            line[person(p, r)] = 1
        base_rows.append(line)
        lows.append(1)
        highs.append(1)
    matrix = np.array(base_rows)
    upper = np.full(n_vars, np.inf)
    upper[n_common:] = 1
    order = [a for a in first if a in rows] + [a for a in rows if a not in first]
    found: list[str] = []
    for answer in order:
        bounds_low = np.zeros(n_vars)
        bounds_high = upper.copy()
        bounds_low[person(target, rows.index(answer))] = 1
        result = milp(
            c=np.zeros(n_vars),
            constraints=LinearConstraint(matrix, np.array(lows), np.array(highs)),
            integrality=np.ones(n_vars),
            bounds=Bounds(bounds_low, bounds_high),
            # HiGHS's presolve (scipy 1.17) called feasible systems infeasible: with it,
            # a draw whose true answers satisfy every constraint had every answer ruled
            # out. Without it the same systems solve, and these are small.
            options={"presolve": False},
        )
        if result.status == 0:
            found.append(answer)
            if stop_after is not None and len(found) >= stop_after:
                break
    return found


def derived_answers(question: str, root_answers: Sequence[str]) -> set[str]:
    """The answers to a derived question that the consistent root answers allow."""
    derived = DERIVED_QUESTIONS[question]
    rows = row_keys(derived.source)
    return {a if a in (rows[-2], rows[-1]) else derived.mapping[a] for a in root_answers}


def recovered(
    publications: Sequence[Publication],
    target: str,
    truth: Mapping[str, str],
    stages: Sequence[str] = STAGES,
    ordered_from: int = 1,
) -> dict[str, list[str]]:
    """For each question the attacker pins down (one consistent answer), that answer.

    Also checks the solver is sound: the person's true answer is always consistent.
    """
    pinned: dict[str, list[str]] = {}
    options = {"stages": stages, "ordered_from": ordered_from}
    for root in roots():
        true = truth.get(root, row_keys(root)[-1])
        answers = consistent_answers(
            root, publications, target, stop_after=2, first=[true], **options
        )
        assert true in answers, f"solver unsound: {root}={true} ruled out"
        if len(answers) < 2:
            pinned[root] = answers
        for question in family(root)[1:]:
            if len(derived_answers(question, answers)) >= 2:
                continue
            every = consistent_answers(root, publications, target, first=[true], **options)
            if len(derived_answers(question, every)) < 2:
                pinned[question] = sorted(derived_answers(question, every))
    return pinned
