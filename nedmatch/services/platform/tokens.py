"""Signed links in emails: expiring return links, so a candidate can come back to a saved
application; the interview invitation's link; a calendar file's link; and the links that
stop role alerts."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ...extensions import db
from ...models import Application, Candidate

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


# The interview invitation's link: like a return link, it signs the candidate in (after
# they press Continue), then opens the page where they choose their interview time.
_INTERVIEW_SALT = "nedmatch-interview-link"


def make_interview_token(application: Application) -> str:
    candidate = application.candidate
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_INTERVIEW_SALT)
    return serializer.dumps(
        {"c": candidate.public_id, "v": candidate.link_version, "a": application.reference}
    )


def load_interview_token(token: str) -> Application:
    """The application the link is for; TokenError saying what to do when it cannot be used."""
    max_age = int(current_app.config["RETURN_LINK_MAX_AGE"].total_seconds())
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_INTERVIEW_SALT)
    try:
        data = serializer.loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError(
            "This link has expired. Enter your email address to get a new one, then choose "
            "your interview time from your applications."
        ) from exc
    except BadSignature as exc:
        raise TokenError(
            "This link is not valid. Check you copied the whole link from the email, or "
            "enter your email address to get a new one."
        ) from exc
    application: Application | None = db.session.execute(
        db.select(Application).filter_by(reference=data.get("a"))
    ).scalar_one_or_none()
    stale = TokenError("This link is no longer valid. Enter your email address to get a new one.")
    if application is None:
        raise stale
    candidate = application.candidate
    if candidate.public_id != data.get("c") or candidate.link_version != data.get("v"):
        raise stale
    return application


# A calendar file's own link, for mail services that cannot attach it (GOV.UK Notify): it
# names a booking and who the file is for, and gives nothing but that file.
_CALENDAR_SALT = "nedmatch-interview-calendar"


def make_calendar_token(booking_uid: str, recipient: str) -> str:
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_CALENDAR_SALT)
    return serializer.dumps({"b": booking_uid, "r": recipient})


def load_calendar_token(token: str) -> tuple[str, str]:
    """(booking uid, recipient); TokenError when the link cannot be used."""
    max_age = int(current_app.config["INTERVIEW_CALENDAR_LINK_MAX_AGE"].total_seconds())
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_CALENDAR_SALT)
    try:
        data = serializer.loads(token, max_age=max_age)
    except BadSignature as exc:  # SignatureExpired is one
        raise TokenError("This calendar link is not valid or has expired.") from exc
    return str(data.get("b", "")), str(data.get("r", ""))


# A board member's private link to their equality monitoring declaration: a member the team
# recorded (not appointed through the service) declares for the board composition report.
# It names the member only, and lets its holder replace that member's answers, nothing more;
# the team sees the link, never the answers.
_BOARD_SALT = "nedmatch-board-declaration"
BOARD_LINK_MAX_AGE = 60 * 60 * 24 * 60  # 60 days: long enough to reach a busy board


def make_board_declaration_token(member_id: int) -> str:
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_BOARD_SALT)
    return serializer.dumps({"m": member_id})


def load_board_declaration_token(token: str) -> int:
    """The board member's id; TokenError saying what to do when the link cannot be used."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_BOARD_SALT)
    try:
        data = serializer.loads(token, max_age=BOARD_LINK_MAX_AGE)
    except SignatureExpired as exc:
        raise TokenError("This link has expired. Ask the appointments team for a new one.") from exc
    except BadSignature as exc:
        raise TokenError(
            "This link is not valid. Check you copied the whole link, or ask the "
            "appointments team for a new one."
        ) from exc
    member = data.get("m") if isinstance(data, dict) else None
    if not isinstance(member, int):
        raise TokenError("This link is not valid. Ask the appointments team for a new one.")
    return member
