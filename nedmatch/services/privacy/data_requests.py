"""Requests received outside the service (a letter, a phone call) to export or erase a
candidate's data, handled by an administrator: finding the person and recording each look."""

from __future__ import annotations

from dataclasses import dataclass

from ...actors import Actor
from ...extensions import db
from ...models import Application, Candidate
from ...stages import Stage
from ..platform import audit


def by_public_id(public_id: str) -> Candidate | None:
    """The candidate, or None for no one (or someone whose data is already erased)."""
    candidate: Candidate | None = db.session.execute(
        db.select(Candidate).filter_by(public_id=public_id)
    ).scalar_one_or_none()
    if candidate is None or candidate.erased_at is not None:
        return None
    return candidate


def applications_of(candidate: Candidate) -> list[Application]:
    return sorted(candidate.applications, key=lambda a: a.created_at)


def view(actor: Actor, candidate: Candidate) -> list[Application]:
    """The candidate's applications, oldest first; records that ``actor`` looked (the
    caller commits)."""
    audit.record(actor, "data_request_viewed", "candidate", candidate.id)
    return applications_of(candidate)


@dataclass(frozen=True)
class ErasureCheck:
    """What an administrator must know before erasing: an appointment record is kept."""

    appointed: list[Application]
    open_applications: list[Application]


def before_erasure(candidate: Candidate) -> ErasureCheck:
    return ErasureCheck(
        appointed=[a for a in candidate.applications if a.stage == Stage.APPOINTED],
        open_applications=[a for a in candidate.applications if a.can_withdraw],
    )
