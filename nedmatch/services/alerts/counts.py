"""What the team sees of role alerts on a vacancy's page: whether it has opened to alerts,
how many pool members were alerted, and how many of them applied. Counts only: who was
alerted is not shown, as pool members stay anonymous until they apply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ...extensions import db
from ...models import AlertSent, Application, Vacancy, VacancyOpening
from ...stages import Stage


@dataclass(frozen=True)
class VacancyAlerts:
    # "opened": alerts have gone (or are going); "opens-later": open, with an opening date
    # to come; "due": taking applications, and the next sweep sends its alerts; "draft"
    # and "closed": not open, and never was to the alerts.
    state: str
    opened_at: datetime | None
    waiting: bool  # opened, and some alerts are still to go (the model may be missing)
    alerted: int  # pool members told of it, as it opened or in a weekly digest
    applied: int  # of those, how many submitted an application for it


def _state(vacancy: Vacancy, opening: VacancyOpening | None, today: date) -> str:
    if opening is not None:
        return "opened"
    if vacancy.status != "open":
        return vacancy.status
    if vacancy.opens_on and vacancy.opens_on > today:
        return "opens-later"
    return "due" if vacancy.is_accepting_applications(today) else "closed"


def for_vacancy(vacancy: Vacancy, today: date | None = None) -> VacancyAlerts:
    opening = db.session.execute(
        db.select(VacancyOpening).filter_by(vacancy_id=vacancy.id)
    ).scalar_one_or_none()
    alerted = db.session.execute(
        db.select(db.func.count()).select_from(AlertSent).where(AlertSent.vacancy_id == vacancy.id)
    ).scalar_one()
    applied = db.session.execute(
        db.select(db.func.count())
        .select_from(AlertSent)
        .join(
            Application,
            (Application.candidate_id == AlertSent.candidate_id)
            & (Application.vacancy_id == AlertSent.vacancy_id),
        )
        .where(AlertSent.vacancy_id == vacancy.id, Application.stage != Stage.DRAFT)
    ).scalar_one()
    return VacancyAlerts(
        state=_state(vacancy, opening, today or date.today()),
        opened_at=opening.opened_at if opening else None,
        waiting=opening is not None and opening.alerted_at is None,
        alerted=int(alerted),
        applied=int(applied),
    )
