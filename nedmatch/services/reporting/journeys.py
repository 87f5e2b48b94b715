"""Journeys from the database: everyone in the talent pool (or who applied), and whether
they have been on a board placement, appointed a non-executive, or appointed a chair, with
their monitoring answers, for ``diversity.journeys``. Individual-level: never shown."""

from __future__ import annotations

from datetime import date

from ...diversity import DisclosurePolicy
from ...diversity.journeys import Journey, JourneyReport, journey_report
from ...extensions import db
from ...models import (
    ON_PROGRAMME,
    Application,
    Candidate,
    Cohort,
    Participant,
    Programme,
    StageChange,
    Vacancy,
)
from ...stages import Stage
from ..applications.monitoring import subject_keys
from .records import answers_by_candidate
from .report import service_policy


def journeys() -> list[Journey]:
    people = list(
        db.session.execute(
            db.select(Candidate.id).where(
                db.or_(
                    Candidate.in_pool.is_(True),
                    Candidate.id.in_(
                        db.select(Application.candidate_id).where(
                            Application.stage != Stage.DRAFT.value
                        )
                    ),
                )
            )
        ).scalars()
    )
    reached: dict[int, set[str]] = {person: {"pool"} for person in people}
    # When each step was first reached (placement) or reached at all (appointments), so
    # that a conversion counts only a step taken after the one before it.
    placed_on: dict[int, date] = {}
    placed = db.session.execute(
        db.select(Participant.candidate_id, Participant.placed_on, Cohort.starts_on)
        .join(Cohort, Cohort.id == Participant.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Programme.kind == "placement", Participant.status.in_(list(ON_PROGRAMME)))
    ).all()
    for person, on, cohort_start in placed:
        reached.setdefault(person, {"pool"}).add("placement")
        start = on or cohort_start
        placed_on[person] = min(placed_on.get(person, start), start)
    appointed_on: dict[tuple[int, str], list[date]] = {}
    appointed = db.session.execute(
        db.select(Application.candidate_id, Vacancy.role_type, db.func.max(StageChange.at))
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(StageChange, StageChange.application_id == Application.id)
        .where(
            Application.stage == Stage.APPOINTED.value,
            StageChange.to_stage == Stage.APPOINTED.value,
        )
        .group_by(Application.id, Application.candidate_id, Vacancy.role_type)
    ).all()
    for person, role, at in appointed:
        step = "chair" if role == "chair" else "ned"
        reached.setdefault(person, {"pool"}).add(step)
        appointed_on.setdefault((person, step), []).append(at.date() if at else date.min)

    def followed(person: int) -> frozenset[tuple[str, str]]:
        pairs = set()
        neds = appointed_on.get((person, "ned"), [])
        chairs = appointed_on.get((person, "chair"), [])
        if person in placed_on and any(day >= placed_on[person] for day in neds):
            pairs.add(("placement", "ned"))
        if neds and any(day >= min(neds) for day in chairs):
            pairs.add(("ned", "chair"))
        return frozenset(pairs)

    ids = list(reached)
    answers = answers_by_candidate(ids)
    keys = subject_keys(ids)
    return [
        Journey(key, answers.get(person, {}), frozenset(reached[person]), followed(person))
        for person, key in zip(ids, keys, strict=True)
    ]


def report(policy: DisclosurePolicy | None = None) -> JourneyReport:
    return journey_report(journeys(), policy or service_policy())
