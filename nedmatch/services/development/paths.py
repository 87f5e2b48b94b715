"""A person's path through the pipeline over the years, in date order: joining the pool,
each application and how far it went, each programme place, each appointment. For the
team's page about a programme participant; no monitoring answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...extensions import db
from ...models import STAGES, Application, Candidate, Participant, StageChange
from ...stages import Stage


@dataclass(frozen=True)
class Step:
    on: date
    what: str


def path_of(candidate: Candidate) -> list[Step]:
    steps: list[Step] = []
    applications = db.session.execute(
        db.select(Application).where(
            Application.candidate_id == candidate.id, Application.stage != Stage.DRAFT.value
        )
    ).scalars()
    for application in applications:
        vacancy = application.vacancy
        if application.submitted_at is not None:
            steps.append(
                Step(
                    application.submitted_at.date(),
                    f"Applied: {vacancy.title}, {vacancy.organisation.name}",
                )
            )
        last = (
            db.session.execute(
                db.select(StageChange)
                .where(StageChange.application_id == application.id)
                .order_by(StageChange.at.desc(), StageChange.id.desc())
            )
            .scalars()
            .first()
        )
        if last is not None and last.at is not None and last.to_stage != Stage.APPLIED.value:
            label = STAGES.get(last.to_stage, last.to_stage)
            steps.append(
                Step(last.at.date(), f"{label}: {vacancy.title}, {vacancy.organisation.name}")
            )
    places = db.session.execute(
        db.select(Participant).where(Participant.candidate_id == candidate.id)
    ).scalars()
    for place in places:
        programme = place.cohort.programme.name
        if place.placed_on:
            host = f" with {place.host.name}" if place.host else ""
            steps.append(Step(place.placed_on, f"Started {programme}{host}"))
        if place.completed_on:
            steps.append(Step(place.completed_on, f"Completed {programme}"))
    # Joined when their record was made, or with their first application if earlier (an
    # imported or long-standing record).
    joined = min([candidate.created_at.date(), *(s.on for s in steps)])
    return [Step(joined, "Joined the talent pool"), *sorted(steps, key=lambda s: s.on)]
