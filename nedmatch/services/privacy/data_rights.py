"""A candidate's rights over their data, used by their own pages, the team's pages and the
command line alike: each action is recorded and confirmed to them by email."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from ...dates import date_and_time
from ...extensions import db
from ...models import Candidate
from ...models._types import utcnow
from ..alerts import subscriptions
from ..platform import audit
from ..platform.notifications import send_email
from . import erasure, export


def find_by_email(email: str) -> Candidate | None:
    """Exact address (case does not matter); tombstones are never found."""
    return db.session.execute(
        select(Candidate).where(
            func.lower(Candidate.email) == email.strip().lower(), Candidate.erased_at.is_(None)
        )
    ).scalar_one_or_none()


def _greeting(candidate: Candidate) -> str:
    return f"Dear {candidate.first_name or 'candidate'},\n\n"


def leave_pool(candidate: Candidate, actor: str) -> None:
    """Out of the pool and no longer matched; applications carry on as they are."""
    candidate.in_pool = False
    candidate.consent_to_match = False
    candidate.last_active_at = utcnow()
    subscriptions.forget(candidate.id)  # role alerts are for pool members
    audit.record(actor, "left_pool", "candidate", candidate.id)
    db.session.flush()
    send_email(
        candidate.email,
        "You have left the NEDMatch talent pool",
        _greeting(candidate) + "You have left the talent pool. We will not match you to new "
        "vacancies, invite you to apply or email you about new roles. Any applications you "
        "have made carry on as before.\n\nYou can join the pool again at any time. If you "
        "want us to delete your data, use the link on your applications page.\n",
    )


def download(candidate: Candidate, actor: str, *, by_team: bool, reason: str = "") -> bytes:
    """The subject access ZIP; the candidate is told by email when they download it
    themselves, so a download by anyone else in their browser does not go unnoticed."""
    data = export.export_zip(candidate, actor, all_team_records=by_team, reason=reason)
    if not by_team:
        send_email(
            candidate.email,
            "You downloaded your NEDMatch data",
            _greeting(candidate) + f"A copy of your data was downloaded from your account on "
            f"{date_and_time(utcnow())} (UTC). If this was not you, contact the "
            f"appointments team at {current_app.config['APPOINTMENTS_TEAM_EMAIL']}.\n",
        )
    return data


def erase(
    candidate: Candidate, actor: str, reason: str, *, persist_model: bool = True
) -> erasure.Erasure:
    """Erase on request, and confirm by email before the erasure is committed: afterwards
    there is no address to send it to. The address is read first; the email goes only
    once the erasure has been made (not yet committed), so a failure sends nothing
    untrue. The caller commits."""
    appointed = erasure.has_appointment(candidate)
    address = candidate.email
    body = _greeting(candidate) + (
        "We have deleted your NEDMatch data as you asked: your profile, contact details, "
        "CV, statements and eligibility answers. Anonymous counts of who applied, and how "
        "far each application went, stay with nothing that identifies you.\n"
        if not appointed
        else "We have deleted your talent pool profile, your CV and your other applications "
        "as you asked. We keep the record of your appointment (your name, contact details "
        "and the application you were appointed on), because an appointment to a public "
        "office is a public record.\n"
    )
    result = erasure.erase_candidate(candidate, actor, reason, persist_model=persist_model)
    send_email(address, "We have deleted your NEDMatch data", body)
    return result
