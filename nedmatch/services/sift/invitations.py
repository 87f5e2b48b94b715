"""Inviting the best of the consenting talent pool to apply for a vacancy."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for

from ...actors import Actor
from ...dates import long_date
from ...extensions import db
from ...matching import Match
from ...models import Application, Candidate, Invitation, Vacancy
from .. import matching
from ..platform import audit
from ..platform.notifications import send_email
from ..pool.filters import PoolFilters, member_ids

POOL_SIZE = 50
# Ids are the database's 32-bit integers: a larger number names no one, and PostgreSQL
# refuses to compare with it at all.
_MAX_ID = 2**31 - 1


class InvitationError(Exception):
    """An invitation the team cannot send; the message says why."""


def pool_label(public_id: str) -> str:
    """How the team names a pool member, who stays anonymous until interview: P-3F9A2C."""
    return "P-" + public_id[:6].upper()


@dataclass(frozen=True)
class Pool:
    """The best matches in the consenting pool (None: no model yet), shown by public id."""

    matches: list[Match] | None
    public_ids: dict[int, str]  # candidate id -> public id
    invited: set[int]  # candidate ids already invited to this vacancy

    def label(self, candidate_id: int) -> str:
        return pool_label(self.public_ids.get(candidate_id, ""))


def pool_for(vacancy: Vacancy, top_k: int = POOL_SIZE, filters: PoolFilters | None = None) -> Pool:
    within = member_ids(filters) if filters is not None and filters.active else None
    matches = matching.rank_pool(vacancy, top_k=top_k, within=within)
    ids = [m.candidate_id for m in matches or []]
    public_ids = dict(
        db.session.execute(
            db.select(Candidate.id, Candidate.public_id).where(Candidate.id.in_(ids))
        ).all()
    )
    invited = set(
        db.session.execute(
            db.select(Invitation.candidate_id).where(Invitation.vacancy_id == vacancy.id)
        ).scalars()
    )
    return Pool(matches, public_ids, invited)


@dataclass(frozen=True)
class Invitee:
    """Who an invitation would go to, as the team may see them before it is sent."""

    candidate_id: int
    label: str


def invitee(actor: Actor, vacancy: Vacancy, candidate_id: int | None) -> Invitee:
    """The pool member an invitation would go to, for the page that asks the team to
    confirm it; raises InvitationError, with the reason, for anyone who cannot be invited."""
    candidate = _invitable(actor, vacancy, candidate_id)
    return Invitee(candidate.id, pool_label(candidate.public_id))


def _invitable(actor: Actor, vacancy: Vacancy, candidate_id: int | None) -> Candidate:
    """The candidate, if ``actor`` may invite them to apply for ``vacancy`` now."""
    wellformed = candidate_id is not None and 0 < candidate_id <= _MAX_ID
    candidate = db.session.get(Candidate, candidate_id) if wellformed else None
    if candidate is None:
        raise InvitationError("Choose someone from the list to invite.")
    if actor.kind != "team" or actor.id is None:
        raise InvitationError("Only a team member can invite someone to apply.")
    if not (candidate.in_pool and candidate.consent_to_match):
        raise InvitationError("This person has not agreed to be matched to vacancies.")
    if vacancy.status != "open":
        raise InvitationError("Open the vacancy before inviting people to apply.")
    if db.session.execute(
        db.select(Application.id).filter_by(vacancy_id=vacancy.id, candidate_id=candidate.id)
    ).first():
        raise InvitationError("This person has already started an application for this vacancy.")
    if db.session.execute(
        db.select(Invitation.id).filter_by(vacancy_id=vacancy.id, candidate_id=candidate.id)
    ).first():
        raise InvitationError("This person has already been invited to apply.")
    return candidate


def invite(actor: Actor, vacancy: Vacancy, candidate_id: int | None) -> Invitation:
    """Invite someone from the pool to apply, by email, with its audit record; the caller
    commits. ``candidate_id`` None (or no such person) is refused like any other choice."""
    candidate = _invitable(actor, vacancy, candidate_id)
    invitation = Invitation(vacancy_id=vacancy.id, candidate_id=candidate.id, invited_by=actor.id)
    db.session.add(invitation)
    db.session.flush()
    audit.record(actor, "invited_to_apply", "vacancy", vacancy.id, invitation_id=invitation.id)
    subject, body = invitation_email(vacancy, candidate.first_name)
    send_email(candidate.email, subject, body)
    return invitation


def invitation_email(vacancy: Vacancy, first_name: str) -> tuple[str, str]:
    """The invitation's subject and text: what is sent, and what the team previews (with
    "[their first name]", since the pool is blind)."""
    link = current_app.config["BASE_URL"].rstrip("/") + url_for(
        "candidates.vacancy", vacancy_id=vacancy.id
    )
    return (
        f"An invitation to apply: {vacancy.title}",
        f"Dear {first_name},\n\nThe NHS non-executive appointments team has matched "
        f"your talent pool profile with a board vacancy and invites you to apply:\n\n"
        f"{vacancy.title}, {vacancy.organisation.name}\n"
        f"Closing date: {long_date(vacancy.closes_on) or 'see the advert'}\n\n{link}\n\n"
        "Your profile is already saved, so you only need to add a supporting statement for "
        "this role. You can stop being matched to vacancies at any time from your applications "
        "page.\n",
    )
