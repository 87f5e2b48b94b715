"""Journeys from the database: everyone in the talent pool (or who applied), and whether
they have been on a board placement, appointed a non-executive, or appointed a chair, with
their monitoring answers, for ``diversity.journeys``. Individual-level: never shown."""

from __future__ import annotations

from ...diversity import DisclosurePolicy
from ...diversity.journeys import Journey, JourneyReport, journey_report
from ...extensions import db
from ...models import ON_PROGRAMME, Application, Candidate, Cohort, Participant, Programme, Vacancy
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
    placed = db.session.execute(
        db.select(Participant.candidate_id)
        .join(Cohort, Cohort.id == Participant.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Programme.kind == "placement", Participant.status.in_(list(ON_PROGRAMME)))
    ).scalars()
    for person in placed:
        reached.setdefault(person, {"pool"}).add("placement")
    appointed = db.session.execute(
        db.select(Application.candidate_id, Vacancy.role_type)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .where(Application.stage == Stage.APPOINTED.value)
    ).all()
    for person, role in appointed:
        reached.setdefault(person, {"pool"}).add("chair" if role == "chair" else "ned")
    ids = list(reached)
    answers = answers_by_candidate(ids)
    keys = subject_keys(ids)
    return [
        Journey(key, answers.get(person, {}), frozenset(reached[person]))
        for person, key in zip(ids, keys, strict=True)
    ]


def report(policy: DisclosurePolicy | None = None) -> JourneyReport:
    return journey_report(journeys(), policy or service_policy())
