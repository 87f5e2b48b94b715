"""Annual re-checks: the framework asks for the FPPT checks again every year after
appointment. Due soon after 11 months, overdue after 12."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ...actors import Actor
from ...extensions import db
from ...models import FPPT_CHECKS, Application, FpptCheck, StageChange, Vacancy
from ...stages import Stage
from ..platform import audit
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
