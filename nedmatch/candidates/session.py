"""Which candidate this browser belongs to: set by starting an application or a return link.

The session holds the candidate's public id and their session version. Signing out bumps
the version in the database, so the cookie stops working everywhere, including any copy
taken before: the signed cookie alone cannot end a session, the database can.
"""

from __future__ import annotations

from flask import g, session

from ..extensions import db
from ..models import Candidate

_KEY = "candidate"
_VERSION = "candidate_version"


def current_candidate() -> Candidate | None:
    if "candidate" not in g:
        public_id = session.get(_KEY)
        candidate = (
            db.session.execute(
                db.select(Candidate).filter_by(public_id=public_id)
            ).scalar_one_or_none()
            if public_id
            else None
        )
        if candidate is not None and session.get(_VERSION) != candidate.session_version:
            candidate = None  # this session was ended by signing out
        g.candidate = candidate
    return g.candidate


def sign_in_candidate(candidate: Candidate) -> None:
    session.clear()  # a fresh session: no fixation, no team login carried over
    session[_KEY] = candidate.public_id
    session[_VERSION] = candidate.session_version
    session.permanent = True
    g.candidate = candidate


def sign_out_candidate() -> None:
    """End this candidate's sessions on the server, then forget them in this browser.

    Commits itself: the sign-out must hold whatever the caller does next. An UPDATE by
    public id rather than through the loaded object, so it also works after an erasure
    has deleted the row (then there is nothing left to sign in as).
    """
    public_id = session.get(_KEY)
    if public_id and session.get(_VERSION) is not None:
        db.session.execute(
            db.update(Candidate)
            .where(
                Candidate.public_id == public_id,
                Candidate.session_version == session[_VERSION],
            )
            .values(
                session_version=Candidate.session_version + 1,
                updated_at=Candidate.updated_at,  # signing out changes none of their data
            )
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    session.pop(_KEY, None)
    session.pop(_VERSION, None)
    g.pop("candidate", None)
