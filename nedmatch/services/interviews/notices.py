"""The emails that confirm an interview booking, a change and a cancellation: one to the
candidate and one to the appointments team's address, each with a calendar file. The
team's email names the candidate only once their identity has been revealed (the sift is
blind until then, services/sift/identity.py); it gives the reference either way."""

from __future__ import annotations

from typing import Literal

from flask import current_app

from ...dates import date_and_time
from ...models import Application, InterviewBooking, InterviewSlot
from ...stages import Stage
from ..platform.notifications import Attachment, send_email
from ..platform.tokens import make_calendar_token, make_interview_token
from ..sift.identity import reveal_of
from . import calendar
from .adjustments import labels
from .times import change_cutoff, length, to_uk, when

By = Literal["candidate", "team", "service"]
SIGN_OFF = "NHS non-executive appointments team\n"


def _url(endpoint: str, **values: object) -> str:
    # Built from the URL map, not url_for: a withdrawal or an erasure may run in a command.
    path = current_app.url_map.bind("").build(endpoint, values)
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def interview_link(application: Application) -> str:
    """The link that signs the candidate in and opens their interview page."""
    return _url("interview.from_link", token=make_interview_token(application))


def _team() -> tuple[str, str]:
    config = current_app.config
    return str(config["APPOINTMENTS_TEAM_EMAIL"]), str(config["APPOINTMENTS_TEAM_NAME"])


def where(slot: InterviewSlot) -> str:
    return f"By video call: {slot.place}" if slot.mode == "video" else f"In person at {slot.place}"


def details(slot: InterviewSlot) -> str:
    """The interview's when and where, as lines for an email."""
    lines = [
        f"Date and time: {when(slot.starts_at, slot.minutes)} (UK time)",
        f"Length: {length(slot.minutes)}",
        f"Where: {where(slot)}",
    ]
    if slot.instructions:
        lines.append(f"Instructions: {slot.instructions}")
    return "\n".join(lines)


def _adjustments(booking: InterviewBooking, own_words: str) -> str:
    lines = [f"- {label}" for label in labels(booking.adjustments)]
    if booking.adjustments_detail:
        lines.append(f"- {own_words}: {booking.adjustments_detail}")
    return "\n".join(lines) if lines else "None."


def who(booking: InterviewBooking) -> str:
    """The candidate as the team may see them: by name once revealed, else the reference."""
    application = booking.application
    name = application.candidate.full_name
    if name and reveal_of(application) is not None:
        return f"{name} ({application.reference})"
    return application.reference


def _invitation(
    booking: InterviewBooking, slot: InterviewSlot, *, for_team: bool
) -> calendar.Invitation:
    application = booking.application
    vacancy = slot.vacancy
    team_email, team_name = _team()
    if for_team:
        summary = f"Interview: {application.reference}, {vacancy.title}"
        note = (
            f"Candidate {application.reference}. Their reasonable adjustments are on the "
            f"schedule: {_url('interviews.schedule', vacancy_id=vacancy.id)}"
        )
    else:
        summary = f"Interview: {vacancy.title}, {vacancy.organisation.name}"
        note = f"Your reference: {application.reference}. Questions: {team_name}, {team_email}."
    description = "\n\n".join(part for part in (where(slot), slot.instructions, note) if part)
    return calendar.Invitation(
        uid=booking.uid,
        sequence=booking.sequence,
        method="CANCEL" if booking.status == "cancelled" else "REQUEST",
        starts_at=slot.starts_at,
        minutes=slot.minutes,
        summary=summary,
        location="Video call" if slot.mode == "video" else slot.place,
        url=slot.place if slot.mode == "video" and slot.place.startswith("https://") else "",
        description=description,
        organizer_email=team_email,
        organizer_name=team_name,
        attendee_email=team_email if for_team else application.candidate.email,
    )


def _file(booking: InterviewBooking, slot: InterviewSlot, *, for_team: bool) -> Attachment:
    recipient = "team" if for_team else "candidate"
    link = _url("interview.calendar_file", token=make_calendar_token(booking.uid, recipient))
    return calendar.attachment(_invitation(booking, slot, for_team=for_team), link)


def calendar_for(booking: InterviewBooking, recipient: str) -> bytes:
    """The booking's calendar file as it stands, for the calendar link."""
    return calendar.render(_invitation(booking, booking.slot, for_team=recipient == "team"))


def _cutoff_words(slot: InterviewSlot) -> str:
    hours = int(change_cutoff().total_seconds() // 3600)
    deadline = to_uk(slot.starts_at - change_cutoff())
    return f"{date_and_time(deadline)} ({hours} hours before it starts)"


def booked(
    booking: InterviewBooking, *, previous: InterviewSlot | None, adjustments_only: bool
) -> None:
    """A time booked, changed (``previous`` the old slot) or its adjustments changed."""
    application = booking.application
    slot = booking.slot
    vacancy = slot.vacancy
    team_email, team_name = _team()
    first_booking = booking.sequence == 0
    if first_booking:
        subject, opening = "Interview booked", "Your interview is booked."
    elif adjustments_only:
        subject = "Interview adjustments updated"
        opening = "We have your updated adjustments. Your interview time has not changed."
    else:
        subject = "Interview time changed"
        old = when(previous.starts_at, previous.minutes) if previous else "its old time"
        opening = f"Your interview has moved from {old} to the time below."
    body = (
        f"Dear {application.candidate.first_name or 'candidate'},\n\n"
        f"{opening}\n\n{vacancy.title} at {vacancy.organisation.name}\n\n{details(slot)}\n\n"
        f"Adjustments you asked for:\n{_adjustments(booking, 'In your words')}\n\n"
        "The calendar invitation is attached"
        + ("" if first_booking else ": it replaces the one we sent before")
        + ".\n\n"
        f"You can change or cancel your interview, or your adjustments, until "
        f"{_cutoff_words(slot)}:\n\n{interview_link(application)}\n\n"
        f"If you have any questions, contact {team_name} at {team_email}, quoting your "
        f"reference {application.reference}.\n\n{SIGN_OFF}"
    )
    send_email(
        application.candidate.email,
        f"{subject}: {vacancy.title}",
        body,
        [_file(booking, slot, for_team=False)],
    )
    moved = f"Moved from: {when(previous.starts_at, previous.minutes)}\n" if previous else ""
    team_body = (
        f"{subject}: {who(booking)} for {vacancy.title}, {vacancy.organisation.name}.\n\n"
        f"{moved}{details(slot)}\n\n"
        f"Reasonable adjustments asked for:\n{_adjustments(booking, 'In their words')}\n\n"
        f"The schedule: {_url('interviews.schedule', vacancy_id=vacancy.id)}\n"
    )
    send_email(
        team_email,
        f"{subject}: {application.reference}, {vacancy.title}",
        team_body,
        [_file(booking, slot, for_team=True)],
    )


def cancelled(
    booking: InterviewBooking,
    slot: InterviewSlot,
    *,
    by: By,
    reason: str = "",
    tell_candidate: bool = True,
) -> None:
    """A booking cancelled: by the candidate, by the team (its slot), or by the service
    (the candidate withdrew or was erased). Each email carries the calendar cancellation."""
    application = booking.application
    vacancy = slot.vacancy
    team_email, team_name = _team()
    if tell_candidate:
        if by == "candidate":
            opening = "You have cancelled your interview."
        elif by == "team":
            opening = "We are sorry: we have had to cancel your interview." + (
                f"\n\nThe reason: {reason}" if reason else ""
            )
        else:
            opening = "Your interview is cancelled, because you have withdrawn your application."
        again = (
            f"You can choose another time here:\n\n{interview_link(application)}\n\n"
            if application.stage == Stage.INTERVIEW
            else ""
        )
        body = (
            f"Dear {application.candidate.first_name or 'candidate'},\n\n{opening}\n\n"
            f"{vacancy.title} at {vacancy.organisation.name}\n\n{details(slot)}\n\n"
            "The attached calendar file removes it from your calendar.\n\n"
            f"{again}If you have any questions, contact {team_name} at {team_email}, quoting "
            f"your reference {application.reference}.\n\n{SIGN_OFF}"
        )
        send_email(
            application.candidate.email,
            f"Interview cancelled: {vacancy.title}",
            body,
            [_file(booking, slot, for_team=False)],
        )
    because = {
        "candidate": "The candidate cancelled it.",
        "team": "The team cancelled this interview time."
        + (f" Reason: {reason}" if reason else ""),
        "service": "The candidate withdrew their application or asked for their data to be deleted.",
    }[by]
    team_body = (
        f"Interview cancelled: {who(booking)} for {vacancy.title}, "
        f"{vacancy.organisation.name}.\n\n{because}\n\n{details(slot)}\n\n"
        + (
            "The candidate has been told, and asked to choose another time. "
            if by == "team"
            else "The place is free again. "
        )
        + "The schedule: "
        f"{_url('interviews.schedule', vacancy_id=vacancy.id)}\n"
    )
    send_email(
        team_email,
        f"Interview cancelled: {application.reference}, {vacancy.title}",
        team_body,
        [_file(booking, slot, for_team=True)],
    )
