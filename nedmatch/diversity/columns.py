"""Records held as columns: what counting needs, as numpy arrays, one entry per record.

Counting 100,000 records one by one in Python took over a second; in columns each
question is one ``numpy.bincount``. Answers are kept as row codes: the index of the row a
person falls in among ``row_keys(question)`` (the options, then "Prefer not to say",
then "Not declared"). Only the questions asked on the form are stored; derived ones
(the 5 ethnic groups, socio-economic background) are mapped from their source's codes
when asked for, so they always agree with it.

Like records, columns describe individuals and never leave the package's callers except
as a protected report.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Final

import numpy as np
import numpy.typing as npt

from nedmatch.domain import MONITORING_QUESTIONS, PREFER_NOT_TO_SAY

from .records import (
    DERIVED_QUESTIONS,
    NOT_DECLARED,
    STAGE_INDEX,
    MonitoringRecord,
    report_questions,
)

Codes = npt.NDArray[np.int16]


@cache
def row_keys(question: str) -> tuple[str, ...]:
    """The rows of a question's table, in code order."""
    return (*report_questions()[question][1], PREFER_NOT_TO_SAY, NOT_DECLARED)


@cache
def _code_of(question: str) -> dict[str | None, int]:
    """Answer slug -> row code for a question asked on the form; anything else
    (missing, unknown) is "Not declared", as in ``records.answer_for``."""
    return {key: code for code, key in enumerate(row_keys(question)) if key != NOT_DECLARED}


@cache
def _derived_codes(question: str) -> npt.NDArray[np.int16]:
    """For a derived question: source row code -> derived row code."""
    derived = DERIVED_QUESTIONS[question]
    own = {key: code for code, key in enumerate(row_keys(question))}
    table = [
        own[PREFER_NOT_TO_SAY]
        if key == PREFER_NOT_TO_SAY
        else own[derived.mapping.get(key, NOT_DECLARED)]
        for key in row_keys(derived.source)
    ]
    return np.array(table, dtype=np.int16)


def not_declared(question: str) -> int:
    return len(row_keys(question)) - 1


def encode_answers(
    answer_sets: Sequence[Mapping[str, str] | None], questions: Iterable[str] | None = None
) -> dict[str, Codes]:
    """Row codes for each question asked on the form, one per answer set (None: no
    answers at all).

    The loops run in C (``map`` over ``dict.get`` and a defaultdict's lookup): 0.27 s
    against 0.33 s for a generator calling ``get`` twice per answer, at 125,000 sets.
    """
    sets = [answers if type(answers) is dict else dict(answers or {}) for answers in answer_sets]
    codes: dict[str, Codes] = {}
    for question in questions if questions is not None else MONITORING_QUESTIONS:
        missing = not_declared(question)
        # Anything not an answer on the form (None, an unknown slug) is "Not declared".
        lookup = defaultdict(repeat(missing).__next__, _code_of(question))
        codes[question] = np.fromiter(
            map(lookup.__getitem__, map(dict.get, sets, repeat(question))),
            dtype=np.int16,
            count=len(sets),
        )
    return codes


NO_PLACE: Final = -1  # a pool-only record: no vacancy, organisation or application date


@dataclass(frozen=True)
class RecordPlaces:
    """Where and when each record sits, as codes: enough to pick out, from one scope's
    records, those of every fixed report inside it (``diversity.linked``).

    ``person`` is the record's person (the pool column counts people); ``vacancy`` and
    ``organisation`` are ids, ``region`` an index into ``regions``, ``applied`` the
    application's date as a proleptic ordinal; ``NO_PLACE`` where a record has none (a
    pool member who has not applied).
    """

    person: npt.NDArray[np.int64]
    vacancy: npt.NDArray[np.int64]
    organisation: npt.NDArray[np.int64]
    region: npt.NDArray[np.int64]
    applied: npt.NDArray[np.int64]
    regions: tuple[str, ...] = ()

    def take(self, mask: npt.NDArray[np.bool_]) -> RecordPlaces:
        return RecordPlaces(
            self.person[mask],
            self.vacancy[mask],
            self.organisation[mask],
            self.region[mask],
            self.applied[mask],
            self.regions,
        )


@dataclass(frozen=True)
class RecordColumns:
    """``stages[i]`` is the index in ``STAGES`` of record i's furthest stage;
    ``first_of_person[i]`` is true for a person's first record (the pool column counts
    people, the others applications); ``codes[question][i]`` is the record's row code
    for each question asked on the form."""

    stages: npt.NDArray[np.int8]
    first_of_person: npt.NDArray[np.bool_]
    codes: Mapping[str, Codes]
    # Each record's key for the cell-key method, 0 to 255: fixed for a person, and the
    # same for all their records (see ``record_key``). None: no perturbation keys.
    record_keys: npt.NDArray[np.uint8] | None = None
    # Where and when each record sits; None: the records cannot be split into the fixed
    # reports inside their scope, so no report is protected together with them.
    places: RecordPlaces | None = None

    def __post_init__(self) -> None:
        size = len(self.stages)
        if len(self.first_of_person) != size or any(len(c) != size for c in self.codes.values()):
            raise ValueError("Every column must have one entry per record.")
        if self.record_keys is not None and len(self.record_keys) != size:
            raise ValueError("Every column must have one entry per record.")

    def __len__(self) -> int:
        return len(self.stages)

    def subset(self, mask: npt.NDArray[np.bool_]) -> RecordColumns:
        """The records where ``mask`` holds, as the report of just those records would
        hold them: each person's first record among them counts them in the pool column."""
        if self.places is None:
            raise ValueError("Records without places cannot be split.")
        places = self.places.take(mask)
        first = np.zeros(len(places.person), dtype=bool)
        first[np.unique(places.person, return_index=True)[1]] = True
        return RecordColumns(
            stages=self.stages[mask],
            first_of_person=first,
            codes={question: codes[mask] for question, codes in self.codes.items()},
            record_keys=self.record_keys[mask] if self.record_keys is not None else None,
            places=places,
        )

    def codes_for(self, question: str) -> Codes:
        """Row codes for any reported question, derived ones included."""
        derived = DERIVED_QUESTIONS.get(question)
        if derived is None:
            return self.codes[question]
        return _derived_codes(question)[self.codes[derived.source]]


def record_key(person: str) -> int:
    """A person's record key for the cell-key method, 0 to 255, from a secret per-person
    value (the service passes the HMAC that keys their monitoring answers, so the key
    cannot be worked out without MONITORING_KEY)."""
    return hashlib.blake2b(f"cell-key:{person}".encode(), digest_size=1).digest()[0]


def record_keys(people: Iterable[str]) -> npt.NDArray[np.uint8]:
    return np.fromiter(map(record_key, people), dtype=np.uint8)


def first_occurrences(people: Sequence[object] | npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """True where a person id appears for the first time; None is always a new person."""
    first = np.ones(len(people), dtype=bool)
    seen: set[object] = set()
    for i, person in enumerate(people):
        if person is None:
            continue
        if person in seen:
            first[i] = False
        else:
            seen.add(person)
    return first


def columns_from_records(records: Iterable[MonitoringRecord]) -> RecordColumns:
    """The columns of a list of records (already filtered to a scope)."""
    stages: list[int] = []
    answer_sets: list[Mapping[str, str]] = []
    people: list[object] = []
    listed = list(records)
    for record in listed:
        stages.append(STAGE_INDEX[record.furthest_stage])
        answer_sets.append(record.answers)
        people.append(record.candidate_id)
    # Outside the service (tests, benchmarks), a record's key comes from its person id;
    # a record without one counts as a person of its own.
    names = [f"id:{p}" if p is not None else f"record:{i}" for i, p in enumerate(people)]
    return RecordColumns(
        stages=np.array(stages, dtype=np.int8),
        first_of_person=first_occurrences(people),
        codes=encode_answers(answer_sets),
        record_keys=record_keys(names),
        places=_places_of(listed, names),
    )


def _places_of(records: Sequence[MonitoringRecord], names: Sequence[str]) -> RecordPlaces:
    """Places as codes: ids and regions numbered in order of first appearance (only
    equality matters), dates as ordinals."""
    numbering: dict[object, int] = {}

    def code(values: Iterable[tuple[str, object]]) -> npt.NDArray[np.int64]:
        return np.fromiter(
            (
                NO_PLACE if value is None else numbering.setdefault(pair, len(numbering))
                for pair in values
                for value in (pair[1],)
            ),
            dtype=np.int64,
            count=len(records),
        )

    regions = tuple(sorted({r.region for r in records if r.region is not None}))
    region_index = {region: i for i, region in enumerate(regions)}
    return RecordPlaces(
        person=code(("person", name) for name in names),
        vacancy=code(("vacancy", r.vacancy_id) for r in records),
        organisation=code(("organisation", r.organisation_id) for r in records),
        region=np.array(
            [region_index.get(r.region, NO_PLACE) if r.region else NO_PLACE for r in records],
            dtype=np.int64,
        ),
        applied=np.array(
            [r.applied_on.toordinal() if r.applied_on else NO_PLACE for r in records],
            dtype=np.int64,
        ),
        regions=regions,
    )
