"""Signed links in emails: expiring return links, so a candidate can come back to a saved
application, and the links that stop role alerts."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ...extensions import db
from ...models import Candidate

_SALT = "nedmatch-return-link"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def make_return_token(candidate: Candidate) -> str:
    return _serializer().dumps({"c": candidate.public_id, "v": candidate.link_version})


class TokenError(Exception):
    """The link cannot be used; the message says what the candidate should do."""


def load_return_token(token: str) -> Candidate:
    max_age = int(current_app.config["RETURN_LINK_MAX_AGE"].total_seconds())
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError(
            "This link has expired. Enter your email address to get a new one."
        ) from exc
    except BadSignature as exc:
        raise TokenError(
            "This link is not valid. Check you copied the whole link from the email, or "
            "enter your email address to get a new one."
        ) from exc
    candidate: Candidate | None = db.session.execute(
        db.select(Candidate).filter_by(public_id=data.get("c"))
    ).scalar_one_or_none()
    if candidate is None or candidate.link_version != data.get("v"):
        raise TokenError("This link is no longer valid. Enter your email address to get a new one.")
    return candidate


# Stopping role alerts from an email: the link must keep working for as long as the emails
# are read (people unsubscribe from old ones), so it does not expire. It names the person
# only; holding it lets someone stop that person's alerts, nothing more.
_ALERTS_SALT = "nedmatch-stop-role-alerts"


def _alerts_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_ALERTS_SALT)


def make_stop_alerts_token(candidate: Candidate) -> str:
    return _alerts_serializer().dumps({"c": candidate.public_id})


def load_stop_alerts_token(token: str) -> Candidate | None:
    """The person the link was sent to; None when they have since been erased. Raises
    TokenError for a link that was not made by this service (or not copied whole)."""
    try:
        data = _alerts_serializer().loads(token)
    except BadSignature as exc:
        raise TokenError(
            "This link is not valid. Check you copied the whole link from the email."
        ) from exc
    public_id = data.get("c") if isinstance(data, dict) else None
    if not isinstance(public_id, str):
        raise TokenError("This link is not valid. Check you copied the whole link from the email.")
    candidate: Candidate | None = db.session.execute(
        db.select(Candidate).filter_by(public_id=public_id)
    ).scalar_one_or_none()
    return candidate
