"""Reading what a report counts from the database: the only app code that joins how far
each application got with the candidate's equality monitoring answers.

Answers are keyed by an HMAC of the candidate's id (services/monitoring.py), with no
foreign key, so the join happens here: the applications in scope are read in one query
(scope filters in SQL), the keys of their candidates are computed, the answers are fetched
by key (one scan, or in chunks for a small scope), and the counting columns
(``diversity.columns``) are built from them without an object per application. Those
columns describe individuals, so they never leave this package except as a
``DiversityReport`` or ``ModelAudit``, which hold only protected aggregates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, time, timedelta
from itertools import compress
from typing import Any

import numpy as np
from sqlalchemy import Text, case, cast, exists, func, select

from ...diversity import STAGES, Scope
from ...diversity.columns import (
    NO_PLACE,
    Codes,
    RecordColumns,
    RecordPlaces,
    encode_answers,
    not_declared,
    record_keys,
)
from ...domain import REGIONS
from ...extensions import db
from ...models import Application, Candidate, MonitoringResponse, Organisation, StageChange, Vacancy
from ...stages import ReportStage, Stage
from ..applications.monitoring import subject_keys
from ..platform.jobs import Reporter

# Application stages -> index in diversity.STAGES, through the one bridge between the two
# vocabularies (Stage.report_stage): "recommended" is past interview, so it counts as
# interviewed; the report has no recommended column.
STAGE_INDEX: dict[str, int] = {
    stage.value: STAGES.index(reported.value)
    for stage in Stage
    if (reported := stage.report_stage) is not None
}
APPLIED = STAGES.index(ReportStage.APPLIED.value)
# Under SQLite's (32,766) and PostgreSQL's (65,535) limits on parameters in one statement.
KEY_CHUNK = 5000
# Scan every response instead when the keys wanted are at least 1 in SCAN_SHARE of them.
SCAN_SHARE = 4


class Quiet:
    """A reporter for callers that do not show progress."""

    def step(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


def _stage_rank(column: Any) -> Any:
    """SQL for an application stage's position among the reported stages (0: none)."""
    return case(STAGE_INDEX, value=column, else_=0)


def _applications_query(scope: Scope, dialect: str) -> Any:
    """Submitted applications in scope: the candidate, the current stage's position and
    the furthest position the stage history reached. Scope filters are applied in SQL.

    Withdrawn and rejected applications keep the furthest progress stage they reached,
    so the history (StageChange) is read as well as the current stage. The two databases
    want this written differently (measured at 100,000 applications, tables analysed):
    PostgreSQL joins and groups the whole history in 0.23 s against 0.42 s for a
    subquery per application; SQLite runs the correlated subquery, which uses the index
    on stage_change.application_id, in 0.21 s against 0.44 s for the grouped join. For one
    vacancy both take about a millisecond.
    """
    applied_at = func.coalesce(Application.submitted_at, Application.created_at)
    # Where and when each application sits, so the reports inside this one can be
    # picked out of its records (diversity.linked).
    places = (Application.vacancy_id, Vacancy.organisation_id, Organisation.region, applied_at)
    if dialect == "postgresql":
        query = (
            select(
                Application.candidate_id,
                _stage_rank(Application.stage),
                func.coalesce(func.max(_stage_rank(StageChange.to_stage)), 0),
                *places,
            )
            .outerjoin(StageChange, StageChange.application_id == Application.id)
            .group_by(Application.id, Vacancy.id, Organisation.id)
        )
    else:
        furthest_change = (
            select(func.max(_stage_rank(StageChange.to_stage)))
            .where(StageChange.application_id == Application.id)
            .correlate(Application)
            .scalar_subquery()
        )
        query = select(
            Application.candidate_id,
            _stage_rank(Application.stage),
            func.coalesce(furthest_change, 0),
            *places,
        )
    query = (
        query.join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .where(Application.stage != Stage.DRAFT.value)
    )
    if scope.vacancy_id is not None:
        query = query.where(Application.vacancy_id == int(scope.vacancy_id))
    if scope.organisation_id is not None:
        query = query.where(Vacancy.organisation_id == int(scope.organisation_id))
    if scope.region is not None:
        query = query.where(Organisation.region == scope.region)
    if scope.date_from is not None:
        query = query.where(applied_at >= datetime.combine(scope.date_from, time.min))
    if scope.date_to is not None:
        query = query.where(applied_at < datetime.combine(scope.date_to + timedelta(1), time.min))
    return query


def _pool_only_query(scope: Scope) -> Any | None:
    """Pool members who have not applied for anything; None when the scope is about
    applications only (a vacancy, an organisation or a date range).

    In a region scope they are placed by where they live, applications by the region of
    the organisation applied to.
    """
    if scope.vacancy_id is not None or scope.organisation_id is not None:
        return None
    if scope.date_from is not None or scope.date_to is not None:
        return None
    applied = exists().where(
        Application.candidate_id == Candidate.id, Application.stage != Stage.DRAFT.value
    )
    # An erased pool member's tombstone still counts, so erasure leaves reports unchanged.
    member = Candidate.in_pool.is_(True) | Candidate.erased_from_pool.is_(True)
    query = select(Candidate.id, Candidate.region).where(member, ~applied)
    if scope.region is not None:
        query = query.where(Candidate.region == scope.region)
    return query


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored_answers(keys: Sequence[str], reporter: Reporter) -> Iterator[Sequence[Any]]:
    """Batches of (subject key, answers as JSON text) for the responses stored under
    these keys, and possibly others, which callers drop.

    A small scope (a vacancy, a region) looks its keys up with ``IN`` in chunks; when the
    keys are a large share of all responses, one scan of the table is much faster than
    thousands of index lookups (1.7 s against 0.3 s at 125,000 responses on SQLite).
    Answers are read as text and decoded by the caller, only for the keys it wants: the
    JSON type's per-row processing took twice as long as ``json.loads`` at 100,000 rows.
    """
    if not keys:
        return
    columns = select(MonitoringResponse.subject_key, cast(MonitoringResponse.answers, Text))
    connection = db.session.connection()
    stored = connection.execute(select(func.count()).select_from(MonitoringResponse)).scalar_one()
    if len(keys) * SCAN_SHARE >= stored:
        batches: Iterable[Sequence[Any]] = [connection.execute(columns).all()]
    else:
        batches = (
            connection.execute(columns.where(MonitoringResponse.subject_key.in_(chunk))).all()
            for chunk in _chunks(keys, KEY_CHUNK)
        )
    for rows in batches:  # each batch is fetched at once: row-by-row fetching is slower
        yield rows
        reporter.advance(len(rows))


def answers_by_candidate(
    candidate_ids: Iterable[int], reporter: Reporter | None = None
) -> dict[int, dict[str, str]]:
    """Monitoring answers for these candidates, fetched by their HMAC keys. Candidates
    without a response are left out (they count as "Not declared")."""
    reporter = reporter or Quiet()
    ids = list(set(candidate_ids))
    key_to_id = dict(zip(subject_keys(ids), ids, strict=True))
    reporter.step("Reading equality monitoring answers", total=len(key_to_id))
    found: dict[int, dict[str, str]] = {}
    for rows in _stored_answers(list(key_to_id), reporter):
        for key, text in rows:
            candidate_id = key_to_id.get(key)
            if candidate_id is not None:
                found[candidate_id] = json.loads(text) if text else {}
    return found


def answer_codes(
    people: Sequence[int], reporter: Reporter | None = None, keys: Sequence[str] | None = None
) -> dict[str, Codes]:
    """Row codes (see ``diversity.columns``) for each question asked on the form, one per
    person in ``people`` (distinct candidate ids); no response is "Not declared".
    ``keys`` are the people's subject keys, if already computed."""
    reporter = reporter or Quiet()
    reporter.step("Keying equality monitoring answers", total=len(people))
    keys = keys if keys is not None else subject_keys(people)
    key_to_position = {key: i for i, key in enumerate(keys)}
    reporter.advance(len(people))
    reporter.step("Reading equality monitoring answers", total=len(people))
    positions: list[int] = []
    texts: list[str] = []
    for rows in _stored_answers(list(key_to_position), reporter):
        if not rows:
            continue
        # Whole columns at a time, so the loops run in C.
        keys, answers = zip(*rows, strict=True)
        found = list(map(key_to_position.get, keys))
        positions.extend(position for position in found if position is not None)
        wanted = [position is not None for position in found]
        texts.extend(text or "null" for text in compress(answers, wanted))
    # One call decodes every answer set: about half the time of one call per row.
    answer_sets: list[dict[str, str] | None] = json.loads(f"[{','.join(texts)}]")
    at = np.array(positions, dtype=np.intp)
    codes: dict[str, Codes] = {}
    for question, answered in encode_answers(answer_sets).items():
        column = np.full(len(people), not_declared(question), dtype=answered.dtype)
        column[at] = answered
        codes[question] = column
    return codes


def monitoring_columns(scope: Scope, reporter: Reporter | None = None) -> RecordColumns:
    """One record per submitted application in scope, plus pool members who have not
    applied where the scope includes them, held as columns for ``report_from_columns``.
    Individual-level: never shown or exported."""
    reporter = reporter or Quiet()
    reporter.step("Reading applications")
    connection = db.session.connection()  # plain rows: no ORM processing is needed
    applications = connection.execute(_applications_query(scope, connection.dialect.name)).all()
    pool_query = _pool_only_query(scope)
    pool_only = connection.execute(pool_query).all() if pool_query is not None else []
    applicants, now, reached = (
        (np.array(column, dtype=np.int64) for column in list(zip(*applications, strict=True))[:3])
        if applications
        else (np.zeros(0, dtype=np.int64) for _ in range(3))
    )
    # The furthest stage is at least "applied": a submitted application has applied.
    furthest = np.maximum(np.maximum(now, reached), APPLIED).astype(np.int8)
    stages = np.concatenate([furthest, np.zeros(len(pool_only), dtype=np.int8)])
    everyone = np.concatenate([applicants, np.array([row[0] for row in pool_only], dtype=np.int64)])
    # Each person's answers are fetched once; np.unique's first index marks the record
    # that counts them in the pool column.
    people, first_index, record_person = np.unique(everyone, return_index=True, return_inverse=True)
    first_of_person = np.zeros(len(everyone), dtype=bool)
    first_of_person[first_index] = True
    person_ids = [int(p) for p in people]
    keys = subject_keys(person_ids)
    by_person = answer_codes(person_ids, reporter, keys=keys)
    return RecordColumns(
        stages=stages,
        first_of_person=first_of_person,
        codes={question: codes[record_person] for question, codes in by_person.items()},
        record_keys=record_keys(keys)[record_person],
        places=_places(applications, pool_only, everyone),
    )


def _day(value: datetime | str | None) -> int:
    """An application's date as an ordinal (SQLite may hand back text)."""
    if value is None:
        return NO_PLACE
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.date().toordinal()


def _places(
    applications: Sequence[Any], pool_only: Sequence[Any], everyone: np.ndarray
) -> RecordPlaces:
    """Where and when each record sits: applications by their vacancy, organisation,
    the organisation's region and date; pool members by where they live."""
    regions = tuple(REGIONS)
    index = {region: i for i, region in enumerate(regions)}
    none = [NO_PLACE] * len(pool_only)
    return RecordPlaces(
        person=everyone,
        vacancy=np.array([row[3] for row in applications] + none, dtype=np.int64),
        organisation=np.array([row[4] for row in applications] + none, dtype=np.int64),
        region=np.array(
            [index.get(row[5], NO_PLACE) for row in applications]
            + [index.get(row[1], NO_PLACE) for row in pool_only],
            dtype=np.int64,
        ),
        applied=np.array([_day(row[6]) for row in applications] + none, dtype=np.int64),
        regions=regions,
    )


def cell_keys_of(candidate_ids: Sequence[int]) -> list[int]:
    """The cell-key method's record key of each candidate: derived from the HMAC that
    keys their monitoring answers, so it is fixed for the person, the same in every
    report and process, and secret without MONITORING_KEY."""
    return [int(k) for k in record_keys(subject_keys(candidate_ids))]
