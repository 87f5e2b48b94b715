"""Who a report counts, for the memory of releases (``diversity.history``): each person
with how many times they count at each stage, and the counts of a group of people who
changed between two releases, at the first stage, for the audit that links them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .columns import RecordColumns
from .history import Change, Members
from .records import STAGES
from .tables import RawCounts, count_columns


def first_records(columns: RecordColumns) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
    """Each person's id and the index of the record that counts them in the pool."""
    if columns.places is None:
        raise ValueError("Records without people cannot be remembered.")
    first = np.flatnonzero(columns.first_of_person)
    return columns.places.person[first], first


def answer_rows(columns: RecordColumns, records: npt.NDArray[np.intp]) -> list[bytes]:
    """Each record's answers as bytes (every question's row code), in a fixed order."""
    questions = sorted(columns.codes)
    if not questions:
        return [b"" for _ in records]
    matrix = np.stack([np.asarray(columns.codes[q])[records] for q in questions], axis=1)
    return [row.astype(np.int64).tobytes() for row in matrix]


def report_members(
    columns: RecordColumns, names: Callable[[Sequence[int], Sequence[bytes]], list[int]]
) -> tuple[Members, dict[int, int]]:
    """Who the report counts: each person (keyed by ``names`` from their id and their
    answers) with one in the pool column and their applications at or after each later
    stage; and the index of each person's first record, by key."""
    people, first = first_records(columns)
    keys = names([int(p) for p in people], answer_rows(columns, first))
    everyone = columns.places.person if columns.places is not None else people
    _, person_of = np.unique(everyone, return_inverse=True)
    width = len(STAGES)
    by_furthest = np.zeros((len(people), width), dtype=np.int64)
    np.add.at(by_furthest, (person_of, columns.stages.astype(np.intp)), 1)
    reached = by_furthest[:, ::-1].cumsum(axis=1)[:, ::-1][person_of[first]]
    reached[:, 0] = 1  # the pool column counts each person once
    members = Members.build(keys, reached, width)
    return members, {key: int(first[i]) for i, key in enumerate(keys)}


def changed_counts(
    columns: RecordColumns,
    first_of: Mapping[int, int],
    changes: Sequence[Change],
    questions: Sequence[str],
) -> list[RawCounts]:
    """The counts of each group of changed people, at the first stage: their answers,
    or stand-ins for people who are no longer in the records."""
    out = []
    for change in changes:
        if change.known:
            records = np.array([first_of[p] for p in change.people], dtype=np.intp)
        else:
            records = np.zeros(len(change.people), dtype=np.intp)
        size = len(records)
        group = RecordColumns(
            stages=np.zeros(size, dtype=np.int8),
            first_of_person=np.ones(size, dtype=bool),
            codes={q: np.asarray(c)[records] for q, c in columns.codes.items()},
        )
        out.append(count_columns(group, questions))
    return out
