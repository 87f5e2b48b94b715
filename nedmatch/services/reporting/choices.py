"""What a report can be asked for: the vacancies, organisations and months with
applications that the report forms offer as choices."""

from __future__ import annotations

from sqlalchemy import extract, func, select

from ...extensions import db
from ...models import Application, Organisation, Vacancy
from ...stages import Stage


def application_months() -> list[tuple[int, int]]:
    """Each (year, month) in which a submitted application was made."""
    applied_at = func.coalesce(Application.submitted_at, Application.created_at)
    rows = db.session.execute(
        select(extract("year", applied_at), extract("month", applied_at))
        .where(Application.stage != Stage.DRAFT.value)
        .distinct()
    ).all()
    return [(int(year), int(month)) for year, month in rows]


def vacancy_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Vacancy.id, Vacancy.title, Organisation.name)
        .join(Organisation)
        .order_by(Organisation.name, Vacancy.title)
    ).all()
    return [(str(vid), f"{title} - {name}") for vid, title, name in rows]


def organisation_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    return [(str(oid), name) for oid, name in rows]


def organisation_of_vacancy(vacancy_id: int) -> int | None:
    """The organisation a vacancy is at, or None when there is no such vacancy."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    return vacancy.organisation_id if vacancy is not None else None
