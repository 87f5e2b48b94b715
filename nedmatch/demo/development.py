"""Demo development pipeline: a board placement programme (in the manner of NHS England's
NExT Director scheme) with a running cohort of twelve placed with host trusts, their
mentors and milestones at every state, an aspiring-chair cohort of serving non-executives
nominated by their chairs, and offers to candidates interviewed but not appointed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..extensions import db
from ..models import (
    Application,
    BoardMember,
    Candidate,
    Milestone,
    NearMissOffer,
    Organisation,
    Participant,
    Programme,
)
from ..models import Cohort as CohortModel
from ..services.development import near_misses
from ..services.development.programmes import STANDARD_MILESTONES


def _milestones(rng: random.Random, participant: Participant, start: date, today: date) -> None:
    for title, days in STANDARD_MILESTONES[participant.cohort.programme.kind]:
        due = start + timedelta(days=days)
        done = due if due < today and rng.random() < 0.8 else None
        participant.milestones.append(Milestone(title=title, due_on=due, done_on=done))


def seed_development(rng: random.Random, today: date, under_represented: set[int]) -> int:
    """Returns how many people were put on programmes or offered something.
    ``under_represented`` are the demo people the placements are for (the demo made up their
    answers, so it knows; the service itself never reads them to choose anyone)."""
    organisations = list(db.session.execute(db.select(Organisation)).scalars())
    chairs = list(
        db.session.execute(db.select(BoardMember).where(BoardMember.role == "chair")).scalars()
    )
    pool = list(
        db.session.execute(
            db.select(Candidate).where(Candidate.in_pool.is_(True)).order_by(Candidate.id)
        ).scalars()
    )
    novices = [
        c for c in pool if c.board_experience in (None, "none") and c.id in under_represented
    ]
    serving = [c for c in pool if c.board_experience not in (None, "none")]
    placements = Programme(
        kind="placement",
        name="NExT Director placements",
        description="Six to twelve months with a host trust's board, a mentor who chairs "
        "another board, board and committee observation, for aspiring non-executives from "
        "groups under-represented on NHS boards.",
    )
    chairs_programme = Programme(
        kind="aspiring-chair",
        name="Aspiring chairs",
        description="For serving non-executives nominated by their chair: a mentor who is a "
        "chair, observation of another board, and chairing a committee with support.",
    )
    db.session.add_all([placements, chairs_programme])
    running = CohortModel(
        programme=placements,
        name="2026 intake",
        starts_on=today - timedelta(days=150),
        ends_on=today + timedelta(days=215),
        status="running",
    )
    earlier = CohortModel(
        programme=placements,
        name="2025 intake",
        starts_on=today - timedelta(days=520),
        ends_on=today - timedelta(days=155),
        status="completed",
    )
    recruiting = CohortModel(
        programme=chairs_programme,
        name="2027 cohort",
        starts_on=today + timedelta(days=60),
        ends_on=today + timedelta(days=420),
        status="recruiting",
    )
    db.session.add_all([running, earlier, recruiting])
    people = rng.sample(novices, k=min(len(novices), 22))
    made = 0
    statuses = ["placed"] * 9 + ["selected", "withdrawn", "applied"]
    for cohort, group, states in (
        (running, people[:12], statuses),
        (earlier, people[12:22], ["completed"] * 8 + ["withdrawn", "not-selected"]),
    ):
        for person, status in zip(group, states, strict=False):
            host = rng.choice(organisations) if status in ("placed", "completed") else None
            # A mentor who chairs another board than the host's.
            elsewhere = [c for c in chairs if host and c.organisation_id != host.id]
            mentor = rng.choice(elsewhere) if elsewhere else None
            participant = Participant(
                cohort=cohort,
                candidate=person,
                status=status,
                host_organisation_id=host.id if host else None,
                mentor=f"{mentor.name}, chair of {mentor.organisation.name}" if mentor else "",
                applied_on=cohort.starts_on - timedelta(days=60),
                placed_on=cohort.starts_on if host else None,
                completed_on=cohort.ends_on if status == "completed" else None,
            )
            db.session.add(participant)
            if host:
                _milestones(rng, participant, cohort.starts_on, today)
            made += 1
    for person in rng.sample(serving, k=min(len(serving), 5)):
        chair = rng.choice(chairs) if chairs else None
        db.session.add(
            Participant(
                cohort=recruiting,
                candidate=person,
                status=rng.choice(["applied", "applied", "selected"]),
                nominated_by=f"{chair.name}, chair of {chair.organisation.name}" if chair else "",
                applied_on=today - timedelta(days=rng.randint(3, 30)),
            )
        )
        made += 1
    db.session.flush()
    # Offers to candidates interviewed but not appointed, with their answers.
    rejected = db.session.execute(
        db.select(Application).where(Application.stage.in_(["rejected", "withdrawn"]))
    ).scalars()
    near = [a for a in rejected if near_misses.is_near_miss(a)]
    for application in rng.sample(near, k=min(len(near), 12)):
        kind = rng.choice(["development", "placement", "pool"])
        answer = rng.choice(["pending", "accepted", "accepted", "declined"])
        offered = today - timedelta(days=rng.randint(5, 60))
        db.session.add(
            NearMissOffer(
                application_id=application.id,
                kind=kind,
                offered_on=offered,
                answer=answer,
                answered_on=offered + timedelta(days=7) if answer != "pending" else None,
            )
        )
        made += 1
    db.session.flush()
    return made
