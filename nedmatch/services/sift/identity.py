"""The blind sift: who a candidate is stays hidden until a reviewer reveals it at interview,
and every reveal is recorded."""

from __future__ import annotations

from ...actors import Actor
from ...extensions import db
from ...matching.text import scrub
from ...models import Application, Candidate, IdentityReveal
from ...stages import REVEAL_ALLOWED
from ..platform import audit


class RevealError(ValueError):
    """A reveal the rules do not allow; the message says why."""


def reveal_of(application: Application) -> IdentityReveal | None:
    return db.session.execute(
        db.select(IdentityReveal).filter_by(application_id=application.id)
    ).scalar_one_or_none()


def may_reveal(application: Application) -> bool:
    return application.stage in REVEAL_ALLOWED


def reveal(actor: Actor, application: Application) -> bool:
    """Reveal the candidate's identity to the team, with its audit record; the caller commits.
    False if it was already revealed (nothing new is recorded)."""
    if not may_reveal(application):
        raise RevealError("Identity can only be revealed once a candidate is invited to interview.")
    if reveal_of(application) is not None:
        return False
    if actor.kind != "team" or actor.id is None:
        raise RevealError("Only a team member can reveal a candidate's identity.")
    db.session.add(IdentityReveal(application_id=application.id, revealed_by=actor.id))
    audit.record(actor, "identity_revealed", "application", application.id, stage=application.stage)
    return True


def blind_text(text: str | None, candidate: Candidate) -> str:
    """``text`` with the candidate's name and contact details taken out."""
    known = (candidate.full_name, candidate.email, candidate.phone, candidate.postcode)
    return scrub(text or "", known)
