"""Forgotten passwords: a team member asks for a link by email and sets a new password with it.

- The answer to "send me a link" is the same page whatever the address, and the same work
  is done either way (a signed token and the email's text are made for every request), so
  neither the page nor its timing says which addresses have accounts. With REDIS_URL the
  email itself is queued, so even sending it takes no time in the request.
- The link is signed and expires after PASSWORD_RESET_MAX_AGE (an hour). It carries a
  fingerprint of the password it was sent for, so it works once: setting a password, with
  it or any other way, ends it and every other link sent before. The change is one UPDATE
  that checks the password is still the one the link was for, so two tabs sending the same
  link at once change the password once.
- A new password ends every session of the account (its session version), like signing
  out everywhere, and ends a lockout from failed sign-ins: the owner has proved they hold
  the mailbox.
- Both the request and the change are audited; a request for an address with no account
  (or a deactivated one) is recorded without the address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..actors import Actor
from ..extensions import db
from ..models import TeamUser
from ..services.platform import audit
from ..services.platform.notifications import send_email
from ..services.platform.passwords import hash_password
from . import users

_SALT = "nedmatch-team-password-reset"
SUBJECT = "Reset your NEDMatch password"


class ResetLinkError(Exception):
    """The link cannot be used; the message says what to do."""


@dataclass(frozen=True, slots=True)
class ResetLink:
    """A team member a working link is for, and the password it was sent for."""

    user: TeamUser
    password_hash: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _fingerprint(password_hash: str) -> str:
    """Names the current password in the link without putting its hash in an email."""
    key = f"{_SALT}:{current_app.config['SECRET_KEY']}".encode()
    return hmac.new(key, password_hash.encode(), hashlib.sha256).hexdigest()[:32]


def minutes() -> int:
    return int(current_app.config["PASSWORD_RESET_MAX_AGE"].total_seconds() // 60)


def make_token(user_id: int, password_hash: str) -> str:
    return _serializer().dumps({"u": user_id, "p": _fingerprint(password_hash)})


def reset_link(token: str) -> str:
    path = url_for("password_reset.new_password", token=token)
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def email_body(name: str, link: str) -> str:
    return (
        f"Dear {name},\n\n"
        "Someone, probably you, asked to reset the password of your NEDMatch appointments "
        f"team account. Use this link to set a new password:\n\n{link}\n\n"
        f"The link works for {minutes()} minutes, and only once. Setting a new password "
        "signs your account out on every device.\n\n"
        "If you did not ask for this, you can ignore this email: your password has not "
        "changed. If you get emails like this you did not ask for, tell an administrator."
    )


def request_reset(email: str) -> None:
    """Email a link to set a new password when ``email`` is an active team member's; do
    the same work, and send nothing, when it is not. The caller commits."""
    user = users.by_email(email.strip().lower())
    wanted = user if user is not None and user.active else None
    if wanted is None:
        # The same token and text a real request makes, thrown away.
        email_body("", reset_link(make_token(0, secrets.token_urlsafe(72))))
        reason = "unknown email" if user is None else "deactivated"
        audit.record("system", "password_reset_requested", "team_user", "", reason=reason)
        return
    body = email_body(wanted.name, reset_link(make_token(wanted.id, wanted.password_hash)))
    audit.record("system", "password_reset_requested", "team_user", wanted.id)
    send_email(wanted.email, SUBJECT, body)


EXPIRED = (
    "This link has expired: a link to reset your password works for {minutes} minutes. "
    "Ask for a new link."
)
NOT_VALID = (
    "This link is not valid. Check you copied the whole link from the email, or ask for a new link."
)
USED = (
    "This link has already been used, or the password has been changed since it was sent. "
    "Sign in with your new password, or ask for a new link."
)


def load_token(token: str) -> ResetLink:
    """The account a link may set a password for; ResetLinkError when it may not."""
    try:
        data = _serializer().loads(
            token, max_age=int(current_app.config["PASSWORD_RESET_MAX_AGE"].total_seconds())
        )
    except SignatureExpired as exc:
        raise ResetLinkError(EXPIRED.format(minutes=minutes())) from exc
    except BadSignature as exc:
        raise ResetLinkError(NOT_VALID) from exc
    user_id, fingerprint = data.get("u"), data.get("p")
    if not isinstance(user_id, int) or not isinstance(fingerprint, str):
        raise ResetLinkError(NOT_VALID)
    user = users.member(user_id) if user_id > 0 else None
    if user is None or not user.active:
        raise ResetLinkError(NOT_VALID)
    if not hmac.compare_digest(fingerprint, _fingerprint(user.password_hash)):
        raise ResetLinkError(USED)
    return ResetLink(user, user.password_hash)


def set_new_password(link: ResetLink, password: str) -> None:
    """The new password, every session ended and any lockout cleared, with the audit
    record; ResetLinkError when the link was used in the meantime. The caller commits."""
    changed = db.session.execute(
        db.update(TeamUser)
        .where(TeamUser.id == link.user.id, TeamUser.password_hash == link.password_hash)
        .values(
            password_hash=hash_password(password),
            session_version=TeamUser.session_version + 1,
            failed_logins=0,
            locked_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise ResetLinkError(USED)
    db.session.refresh(link.user)
    audit.record(Actor.team(link.user), "password_reset", "team_user", link.user.id)
