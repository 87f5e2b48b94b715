"""Programmes, cohorts and their participants: applications to a cohort, selection, the
host organisation and mentor, milestones and completion. Operations flush and audit; the
request commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...actors import Actor
from ...extensions import db
from ...models import (
    COHORT_STATUSES,
    PARTICIPANT_STATUSES,
    PROGRAMME_KINDS,
    Candidate,
    Cohort,
    Milestone,
    Organisation,
    Participant,
    Programme,
)
from ..platform import audit

# What a placement usually includes (NHS England's NExT Director scheme places people with a
# host trust for 6 to 12 months): the team adds these to each new participant's plan.
STANDARD_MILESTONES: dict[str, tuple[tuple[str, int], ...]] = {
    "placement": (
        ("First meeting with the mentor", 30),
        ("Observe a public board meeting", 60),
        ("Shadow a board committee", 120),
        ("Mid-placement review with the host chair", 180),
        ("Final review and next steps", 300),
    ),
    "aspiring-chair": (
        ("First meeting with the mentor", 30),
        ("Observe another chair's board meeting", 90),
        ("Chair a committee meeting with the mentor present", 180),
        ("Final review and next steps", 300),
    ),
}


class DevelopmentError(ValueError):
    """A change the team cannot make; the message says what to do."""


def programmes() -> list[Programme]:
    return list(db.session.execute(db.select(Programme).order_by(Programme.name)).scalars())


def get_cohort(cohort_id: int) -> Cohort | None:
    return db.session.get(Cohort, cohort_id)


def get_participant(participant_id: int) -> Participant | None:
    return db.session.get(Participant, participant_id)


def create_programme(actor: Actor | str, kind: str, name: str, description: str) -> Programme:
    if kind not in PROGRAMME_KINDS:
        raise DevelopmentError("Choose the kind of programme.")
    if db.session.execute(
        db.select(Programme.id).where(db.func.lower(Programme.name) == name.lower())
    ).first():
        raise DevelopmentError("A programme with this name already exists. Choose another name.")
    programme = Programme(kind=kind, name=name, description=description)
    db.session.add(programme)
    db.session.flush()
    audit.record(actor, "programme_created", "programme", programme.id, name=name)
    return programme


def create_cohort(
    actor: Actor | str, programme: Programme, name: str, starts_on: date, ends_on: date
) -> Cohort:
    if ends_on <= starts_on:
        raise DevelopmentError("The cohort must end after it starts. Check the two dates.")
    cohort = Cohort(programme=programme, name=name, starts_on=starts_on, ends_on=ends_on)
    db.session.add(cohort)
    db.session.flush()
    audit.record(actor, "cohort_created", "cohort", cohort.id, programme=programme.id)
    return cohort


def set_cohort_status(actor: Actor | str, cohort: Cohort, status: str) -> None:
    if status not in COHORT_STATUSES:
        raise DevelopmentError("Choose the cohort's status.")
    cohort.status = status
    db.session.flush()
    audit.record(actor, "cohort_status_changed", "cohort", cohort.id, status=status)


def find_person(email: str) -> Candidate | None:
    return db.session.execute(
        db.select(Candidate).where(db.func.lower(Candidate.email) == email.strip().lower())
    ).scalar_one_or_none()


def add_participant(
    actor: Actor | str, cohort: Cohort, email: str, today: date, nominated_by: str = ""
) -> Participant:
    """Someone applies to (or is nominated for) a cohort: a person the service knows, by
    the email address they use with it."""
    person = find_person(email)
    if person is None:
        raise DevelopmentError(
            "Nobody with this email address is in the talent pool. Ask them to join it first."
        )
    if cohort.status == "completed":
        raise DevelopmentError(
            "This cohort has finished. Add people to a cohort that is recruiting."
        )
    if any(p.candidate_id == person.id for p in cohort.participants):
        raise DevelopmentError("This person is already in the cohort.")
    if cohort.programme.kind == "aspiring-chair" and not nominated_by.strip():
        raise DevelopmentError(
            "Enter who nominated them: an aspiring chair is nominated by their own chair."
        )
    participant = Participant(
        cohort=cohort, candidate=person, applied_on=today, nominated_by=nominated_by.strip()
    )
    db.session.add(participant)
    db.session.flush()
    audit.record(actor, "participant_added", "participant", participant.id, cohort=cohort.id)
    return participant


@dataclass(frozen=True)
class Placement:
    status: str
    host_organisation_id: int | None
    mentor: str
    notes: str


def update_participant(
    actor: Actor | str, participant: Participant, change: Placement, today: date
) -> None:
    """Selection, the host and mentor, completion or withdrawal."""
    if change.status not in PARTICIPANT_STATUSES:
        raise DevelopmentError("Choose the participant's status.")
    placement = participant.cohort.programme.kind == "placement"
    if change.status in ("placed", "completed") and placement and not change.host_organisation_id:
        raise DevelopmentError("Choose the host organisation for the placement.")
    if change.status in ("placed", "completed") and not change.mentor.strip():
        raise DevelopmentError("Enter the mentor's name and role.")
    if (
        change.host_organisation_id
        and db.session.get(Organisation, change.host_organisation_id) is None
    ):
        raise DevelopmentError("Choose a host organisation from the list.")
    before = participant.status
    participant.status = change.status
    participant.host_organisation_id = change.host_organisation_id
    participant.mentor = change.mentor.strip()
    participant.notes = change.notes
    if change.status == "placed" and participant.placed_on is None:
        participant.placed_on = today
        kind = participant.cohort.programme.kind
        if not participant.milestones:
            start = max(today, participant.cohort.starts_on)
            for title, days in STANDARD_MILESTONES.get(kind, ()):
                participant.milestones.append(
                    Milestone(title=title, due_on=date.fromordinal(start.toordinal() + days))
                )
    if change.status == "completed":
        participant.placed_on = participant.placed_on or today
        participant.completed_on = participant.completed_on or today
    db.session.flush()
    audit.record(
        actor,
        "participant_updated",
        "participant",
        participant.id,
        from_status=before,
        to_status=change.status,
    )


def add_milestone(actor: Actor | str, participant: Participant, title: str, due_on: date) -> None:
    participant.milestones.append(Milestone(title=title, due_on=due_on))
    db.session.flush()
    audit.record(actor, "milestone_added", "participant", participant.id, title=title)


def mark_milestone(actor: Actor | str, milestone: Milestone, done_on: date | None) -> None:
    milestone.done_on = done_on
    db.session.flush()
    audit.record(
        actor,
        "milestone_done" if done_on else "milestone_reopened",
        "participant",
        milestone.participant_id,
        milestone=milestone.id,
    )


def get_milestone(milestone_id: int) -> Milestone | None:
    return db.session.get(Milestone, milestone_id)
