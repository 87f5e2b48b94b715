"""Which candidate this browser belongs to: set by starting an application or a return link."""

from __future__ import annotations

from flask import g, session

from ..extensions import db
from ..models import Candidate

_KEY = "candidate"


def current_candidate() -> Candidate | None:
    if "candidate" not in g:
        public_id = session.get(_KEY)
        g.candidate = (
            db.session.execute(
                db.select(Candidate).filter_by(public_id=public_id)
            ).scalar_one_or_none()
            if public_id
            else None
        )
    return g.candidate


def sign_in_candidate(candidate: Candidate) -> None:
    session.clear()  # a fresh session: no fixation, no team login carried over
    session[_KEY] = candidate.public_id
    session.permanent = True
    g.candidate = candidate


def sign_out_candidate() -> None:
    session.pop(_KEY, None)
    g.pop("candidate", None)
