"""Which candidate this browser belongs to: set by starting an application or a return link.

The session holds the candidate's public id and their session version. Signing out bumps
the version in the database, so the cookie stops working everywhere, including any copy
taken before: the signed cookie alone cannot end a session, the database can.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import flash, g, redirect, session, url_for

from ..models import Candidate
from ..services.applications import accounts

_KEY = "candidate"
_VERSION = "candidate_version"

F = TypeVar("F", bound=Callable[..., Any])


def current_candidate() -> Candidate | None:
    if "candidate" not in g:
        public_id = session.get(_KEY)
        candidate = accounts.by_public_id(public_id) if public_id else None
        if candidate is not None and session.get(_VERSION) != candidate.session_version:
            candidate = None  # this session was ended by signing out
        g.candidate = candidate
    known: Candidate | None = g.candidate
    return known


def signed_in() -> Candidate:
    """The candidate of a view behind candidate_required."""
    candidate = current_candidate()
    assert candidate is not None  # noqa: S101 - candidate_required checked it
    return candidate


def candidate_required(view: F) -> F:
    """A page for a signed-in candidate: anyone else is sent to ask for a return link."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_candidate() is None:
            flash(
                "Your session has ended. Enter your email address and we will send you a "
                "link to carry on.",
                "info",
            )
            return redirect(url_for("links.return_request"))
        return view(*args, **kwargs)

    return cast(F, wrapped)


def sign_in_candidate(candidate: Candidate) -> None:
    session.clear()  # a fresh session: no fixation, no team login carried over
    session[_KEY] = candidate.public_id
    session[_VERSION] = candidate.session_version
    session.permanent = True
    g.candidate = candidate


def sign_out_candidate() -> None:
    """End this candidate's sessions on the server, then forget them in this browser.

    The caller commits, before anything else can fail: the sign-out must hold.
    """
    public_id = session.get(_KEY)
    if public_id and session.get(_VERSION) is not None:
        accounts.end_sessions(public_id, session[_VERSION])
    session.pop(_KEY, None)
    session.pop(_VERSION, None)
    g.pop("candidate", None)
