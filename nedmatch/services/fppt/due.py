"""Annual re-checks: the framework asks for the FPPT checks again every year after
appointment. Due soon after 11 months, overdue after 12."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ...actors import Actor
from ...dates import long_date
from ...extensions import db
from ...models import (
    FPPT_CHECKS,
    Application,
    FpptCheck,
    FpptReminder,
    StageChange,
    TeamUser,
    Vacancy,
)
from ...stages import Stage
from ..platform import audit
from ..platform.notifications import send_email
from .checks import current_round, outstanding

DUE_SOON_AFTER = timedelta(days=335)  # about 11 months
OVERDUE_AFTER = timedelta(days=365)


@dataclass(frozen=True)
class Due:
    application: Application
    last_complete: date  # the last complete round, or the appointment
    due_on: date
    overdue: bool
    in_progress: bool  # a re-check round has been started and is not finished


def _appointed_on(application: Application) -> date | None:
    at = db.session.execute(
        db.select(db.func.max(StageChange.at)).where(
            StageChange.application_id == application.id,
            StageChange.to_stage == Stage.APPOINTED.value,
        )
    ).scalar_one()
    return at.date() if at is not None else None


def last_complete(application: Application) -> date | None:
    """The day the newest complete round of checks was finished (its latest check), or
    the appointment day when no round is complete (an overridden appointment)."""
    newest = current_round(application)
    for number in range(newest, -1, -1):
        if outstanding(application, number):
            continue
        finished = db.session.execute(
            db.select(db.func.max(FpptCheck.checked_on)).where(
                FpptCheck.application_id == application.id, FpptCheck.round == number
            )
        ).scalar_one()
        if finished is not None:
            done: date = finished
            return max(done, _appointed_on(application) or done)
    return _appointed_on(application)


def due(today: date, organisation_id: int | None = None) -> list[Due]:
    """Appointed members whose annual re-check is due within a month or overdue, most
    overdue first."""
    query = db.select(Application).where(Application.stage == Stage.APPOINTED.value)
    if organisation_id is not None:
        query = query.join(Vacancy, Vacancy.id == Application.vacancy_id).where(
            Vacancy.organisation_id == organisation_id
        )
    found: list[Due] = []
    for application in db.session.execute(query).scalars():
        last = last_complete(application)
        if last is None or today - last < DUE_SOON_AFTER:
            continue
        newest = current_round(application)
        found.append(
            Due(
                application,
                last,
                last + OVERDUE_AFTER,
                today - last > OVERDUE_AFTER,
                in_progress=newest > 0 and bool(outstanding(application, newest)),
            )
        )
    return sorted(found, key=lambda d: d.due_on)


def due_for_organisation(organisation_id: int, today: date) -> list[Due]:
    return due(today, organisation_id)


def start_recheck(actor: Actor, application: Application) -> int:
    """Open the next round of checks for an appointed member; returns its number."""
    number = current_round(application)
    if outstanding(application, number) and number > 0:
        return number  # a re-check is already under way
    number += 1
    for kind in FPPT_CHECKS:
        db.session.add(FpptCheck(application_id=application.id, round=number, kind=kind))
    db.session.flush()
    audit.record(actor, "fppt_recheck_started", "application", application.id, round=number)
    return number


@dataclass(frozen=True)
class Reminders:
    members: int  # appointees told their annual re-check is due
    team: int  # administrators sent the list


def send_reminders(today: date) -> Reminders:
    """Tell each appointee whose re-check is due (once per due date) what to send, and
    send the administrators the list of who is due. Run daily (``flask fppt remind``)."""
    items = due(today)
    told = 0
    for item in items:
        sent = db.session.execute(
            db.select(FpptReminder.id).where(
                FpptReminder.application_id == item.application.id,
                FpptReminder.due_on == item.due_on,
            )
        ).first()
        candidate = item.application.candidate
        if sent is not None or not candidate.email:
            continue
        vacancy = item.application.vacancy
        send_email(
            candidate.email,
            "Your annual fit and proper person check is due",
            f"Dear {candidate.full_name or 'board member'},\n\n"
            f"As a member of the board of {vacancy.organisation.name}, your fit and proper "
            "person checks are made again every year (NHS England's FPPT framework). Yours "
            f"are due by {long_date(item.due_on)}.\n\nThe appointments team will ask for "
            "your signed self-attestation and will check the registers again. Please reply "
            "to the team if anything has changed since your last check: a new directorship, "
            "a change to your professional registration, or anything you would need to "
            "declare.\n\nNHS non-executive appointments team",
        )
        db.session.add(FpptReminder(application_id=item.application.id, due_on=item.due_on))
        audit.record(
            "system",
            "fppt_reminder_sent",
            "application",
            item.application.id,
            due_on=item.due_on.isoformat(),
        )
        told += 1
    admins = 0
    if items:
        lines = [
            f"- {i.application.reference} ({i.application.vacancy.organisation.name}): due "
            f"{long_date(i.due_on)}{' - overdue' if i.overdue else ''}"
            for i in items
        ]
        for admin in db.session.execute(
            db.select(TeamUser).where(TeamUser.role == "admin", TeamUser.active.is_(True))
        ).scalars():
            send_email(
                admin.email,
                f"Fit and proper person re-checks due: {len(items)}",
                "Annual re-checks due within a month or overdue:\n\n" + "\n".join(lines),
            )
            admins += 1
    db.session.flush()
    return Reminders(told, admins)
