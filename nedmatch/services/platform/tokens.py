"""Signed, expiring return links, so a candidate can come back to a saved application."""

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
