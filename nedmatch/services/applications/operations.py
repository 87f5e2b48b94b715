"""The candidate's side: start, save each step, submit, withdraw, join the pool."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from sqlalchemy.dialects import postgresql, sqlite

from ...actors import Actor
from ...dates import long_date
from ...extensions import db
from ...models import (
    Application,
    Candidate,
    CVDocument,
    StageChange,
    Vacancy,
)
from ...models._types import utcnow
from ...stages import Stage
from ..interviews import bookings as interview_bookings
from ..platform import audit
from ..platform.notifications import send_email
from ..platform.tokens import make_return_token
from . import cv


class ApplicationError(Exception):
    """An action the candidate cannot take now; the message says why and what to do."""


def _actor(candidate: Candidate) -> str:
    return str(Actor.candidate(candidate))


def find_candidate(email: str) -> Candidate | None:
    return db.session.execute(
        db.select(Candidate).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()


def _insert_once(model: type[Candidate] | type[Application], **values: Any) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING: the new row's id, or None when a unique key is
    taken, even by a request still in flight (PostgreSQL waits for it to commit). Two
    requests racing to create the same thing (a double click, two tabs) get one row and no
    error, on PostgreSQL and SQLite alike, without undoing anything else in the transaction."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    new_id: int | None = db.session.execute(statement).scalar_one_or_none()
    return new_id


def create_candidate(email: str) -> Candidate | None:
    """A new candidate, or None when the address is already taken, even by a request still
    in flight (a double-clicked start): the caller then treats the address as known."""
    new_id = _insert_once(Candidate, email=email.strip().lower())
    if new_id is None:
        return None
    candidate = db.session.get(Candidate, new_id)
    assert candidate is not None  # noqa: S101 - inserted just now, in this transaction
    audit.record(_actor(candidate), "candidate_created", "candidate", candidate.id)
    return candidate


def return_link(candidate: Candidate) -> str:
    path = url_for("links.return_with_token", token=make_return_token(candidate))
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def send_return_link(candidate: Candidate, reason: str) -> None:
    send_email(
        candidate.email,
        "Your NEDMatch link",
        f"{reason}\n\nUse this link to come back to NEDMatch, see your applications and "
        f"carry on where you left off:\n\n{return_link(candidate)}\n\n"
        f"The link works for {current_app.config['RETURN_LINK_MAX_AGE'].days} days. If you did "
        "not ask for it, you can ignore this email.",
    )


def start_application(candidate: Candidate, vacancy: Vacancy) -> Application:
    """Return the candidate's application for this vacancy, creating a draft if needed."""
    existing = _application_of(candidate, vacancy)
    if existing is not None:
        return existing
    # Two tabs (or a double click) starting the same application at once: the unique
    # (candidate, vacancy) pair lets one insert, and the other takes that one.
    new_id = _insert_once(
        Application, candidate_id=candidate.id, vacancy_id=vacancy.id, stage=Stage.DRAFT
    )
    application = _application_of(candidate, vacancy)
    assert application is not None  # noqa: S101 - inserted now, or by the request we raced
    if new_id is None:
        return application
    audit.record(
        _actor(candidate),
        "application_started",
        "application",
        application.id,
        vacancy_id=vacancy.id,
    )
    return application


def _application_of(candidate: Candidate, vacancy: Vacancy) -> Application | None:
    return db.session.execute(
        db.select(Application).filter_by(candidate_id=candidate.id, vacancy_id=vacancy.id)
    ).scalar_one_or_none()


def attach_cv(candidate: Candidate, data: bytes, filename: str) -> CVDocument:
    """Check and extract the CV, then replace any earlier one. Raises cv.CVError."""
    extracted = cv.extract(data, current_app.config["CV_MAX_BYTES"])
    storage_name = cv.store(data)
    if candidate.cv is not None:
        cv.delete(candidate.cv.storage_name)
        db.session.delete(candidate.cv)
        db.session.flush()
    document = CVDocument(
        candidate=candidate,
        original_filename=(filename or "cv")[-255:],
        content_type=extracted.content_type,
        size_bytes=len(data),
        storage_name=storage_name,
        text=extracted.text,
    )
    db.session.add(document)
    audit.record(_actor(candidate), "cv_uploaded", "candidate", candidate.id, bytes=len(data))
    db.session.flush()
    return document


def remove_cv(candidate: Candidate) -> None:
    if candidate.cv is None:
        return
    cv.delete(candidate.cv.storage_name)
    db.session.delete(candidate.cv)
    candidate.cv = None
    audit.record(_actor(candidate), "cv_removed", "candidate", candidate.id)
    db.session.flush()


def missing_steps(candidate: Candidate, application: Application | None) -> list[str]:
    """The titles of the required sections not yet complete (see candidates.tasks)."""
    from ...candidates.tasks import unfinished

    return [s.title for s in unfinished(candidate, application)]


def submit_application(application: Application, today: Any) -> None:
    candidate = application.candidate
    if application.stage != Stage.DRAFT:
        raise ApplicationError("You have already submitted this application.")
    if not application.vacancy.is_accepting_applications(today):
        raise ApplicationError(
            "This vacancy has closed, so the application cannot be submitted. Your profile "
            "is saved and you can apply for other vacancies."
        )
    missing = missing_steps(candidate, application)
    if missing:
        raise ApplicationError("Complete these sections first: " + ", ".join(missing))
    application.stage = Stage.APPLIED
    application.submitted_at = utcnow()
    db.session.add(
        StageChange(application=application, from_stage=Stage.DRAFT, to_stage=Stage.APPLIED)
    )
    candidate.in_pool = True
    audit.record(
        _actor(candidate),
        "application_submitted",
        "application",
        application.id,
        reference=application.reference,
    )
    db.session.flush()
    send_email(
        candidate.email,
        f"Application received: {application.vacancy.title} ({application.reference})",
        f"Dear {candidate.first_name},\n\nThank you for applying for {application.vacancy.title} "
        f"at {application.vacancy.organisation.name}.\n\nYour reference number is "
        f"{application.reference}.\n\nThe vacancy closes on "
        f"{long_date(application.vacancy.closes_on) or 'the date in the advert'}. We will tell you the "
        "outcome of the sift after that. You can see the stage of your application, or "
        f"withdraw it, at any time:\n\n{return_link(candidate)}\n",
    )


def join_pool(candidate: Candidate) -> None:
    missing = missing_steps(candidate, None)
    if missing:
        raise ApplicationError("Complete these sections first: " + ", ".join(missing))
    first_time = not candidate.in_pool
    candidate.in_pool = True
    audit.record(_actor(candidate), "joined_pool", "candidate", candidate.id)
    db.session.flush()
    if first_time:
        send_email(
            candidate.email,
            "You have joined the NEDMatch talent pool",
            f"Dear {candidate.first_name},\n\nThank you for joining the talent pool for NHS "
            "board roles. "
            + (
                "We will match your profile with new vacancies and may invite you to apply."
                if candidate.consent_to_match
                else "You asked us not to match you to vacancies; you can change this at any time."
            )
            + f"\n\nSee or update your profile:\n\n{return_link(candidate)}\n",
        )


def withdraw(application: Application, reason: str) -> None:
    if not application.can_withdraw:
        raise ApplicationError("This application cannot be withdrawn: it has already closed.")
    previous = application.stage
    application.stage = Stage.WITHDRAWN
    application.withdrawn_at = utcnow()
    db.session.add(
        StageChange(
            application=application, from_stage=previous, to_stage=Stage.WITHDRAWN, reason=reason
        )
    )
    audit.record(
        _actor(application.candidate),
        "application_withdrawn",
        "application",
        application.id,
        from_stage=previous,
    )
    db.session.flush()
    # An interview still to come is cancelled, so its place is offered to others.
    interview_bookings.release([application], tell_candidate=True)
    send_email(
        application.candidate.email,
        f"Application withdrawn: {application.vacancy.title} ({application.reference})",
        f"Dear {application.candidate.first_name},\n\nYou have withdrawn your application for "
        f"{application.vacancy.title}. If this was a mistake, contact the appointments team "
        f"at {current_app.config['APPOINTMENTS_TEAM_EMAIL']}, quoting {application.reference}.\n",
    )


def submit(candidate: Candidate, application: Application | None, today: Any) -> None:
    """Submit the application, or with none, put the candidate's profile in the pool. On
    an ApplicationError nothing of this request is kept."""
    try:
        if application is not None:
            submit_application(application, today)
        else:
            join_pool(candidate)
    except ApplicationError:
        db.session.rollback()
        raise
