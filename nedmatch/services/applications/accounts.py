"""A candidate's account: who an email address or a session belongs to, starting with an
email address, and ending a candidate's sessions."""

from __future__ import annotations

from ...extensions import db
from ...models import Candidate
from ...models._types import utcnow
from . import operations as ops


def by_public_id(public_id: str) -> Candidate | None:
    return db.session.execute(
        db.select(Candidate).filter_by(public_id=public_id)
    ).scalar_one_or_none()


def start_with_email(email: str) -> Candidate | None:
    """The new candidate for an address nobody has used, with a return link sent; or None
    when the address exists, or another request (a double click) is creating it this
    moment: then it must be proved through its inbox, and a return link goes there."""
    existing = ops.find_candidate(email)
    candidate = ops.create_candidate(email) if existing is None else None
    if candidate is None:
        existing = existing or ops.find_candidate(email)
        if existing is not None:
            ops.send_return_link(existing, "You asked to continue with NEDMatch.")
        return None
    ops.send_return_link(
        candidate, "You have started using NEDMatch. Your progress is saved as you go."
    )
    return candidate


def request_return_link(email: str) -> None:
    """A return link for a known address; nothing for an unknown one."""
    candidate = ops.find_candidate(email)
    if candidate is not None:
        ops.send_return_link(candidate, "You asked for a link to come back to NEDMatch.")


def mark_active(candidate: Candidate) -> None:
    candidate.last_active_at = utcnow()


def end_sessions(public_id: str, version: int) -> None:
    """Bump the session version, so every cookie holding this one stops working. An UPDATE
    by public id rather than through a loaded object, so it also works after an erasure has
    deleted the row (then there is nothing left to sign in as)."""
    db.session.execute(
        db.update(Candidate)
        .where(Candidate.public_id == public_id, Candidate.session_version == version)
        .values(
            session_version=Candidate.session_version + 1,
            updated_at=Candidate.updated_at,  # signing out changes none of their data
        )
        .execution_options(synchronize_session=False)
    )
