"""Inviting the best of the consenting talent pool to apply for a vacancy."""

from __future__ import annotations

from flask import current_app, url_for

from ...extensions import db
from ...models import Application, Candidate, Invitation, Vacancy
from ..platform import audit
from ..platform.notifications import send_email


class InvitationError(Exception):
    """An invitation the team cannot send; the message says why."""


def invite(actor: str, team_user_id: int, vacancy: Vacancy, candidate: Candidate) -> Invitation:
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
    invitation = Invitation(
        vacancy_id=vacancy.id, candidate_id=candidate.id, invited_by=team_user_id
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(actor, "invited_to_apply", "vacancy", vacancy.id, invitation_id=invitation.id)
    link = current_app.config["BASE_URL"].rstrip("/") + url_for(
        "candidates.vacancy", vacancy_id=vacancy.id
    )
    send_email(
        candidate.email,
        f"An invitation to apply: {vacancy.title}",
        f"Dear {candidate.first_name},\n\nThe NHS non-executive appointments team has matched "
        f"your talent pool profile with a board vacancy and invites you to apply:\n\n"
        f"{vacancy.title}, {vacancy.organisation.name}\n"
        f"Closing date: {vacancy.closes_on or 'see the advert'}\n\n{link}\n\n"
        "Your profile is already saved, so you only need to add a supporting statement for "
        "this role. You can stop being matched to vacancies at any time from your applications "
        "page.\n",
    )
    return invitation
