"""The team's list of vacancies: keyword search, filters by status and role, sort and pages,
with the number of applications each has. One query for the page and one for the counts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_

from ...domain import ROLE_TYPES
from ...extensions import db
from ...forms_common import link_args
from ...models import VACANCY_STATUSES, Application, Organisation, Vacancy
from ...stages import Stage

PAGE_SIZE = 25
MAX_QUERY = 100
SORTS = {
    "closing": "Closing date (open first)",
    "newest": "Newest first",
    "title": "Title (A to Z)",
    "applications": "Most applications",
}


@dataclass(frozen=True)
class ListFilters:
    q: str = ""
    status: str = ""
    role: str = ""
    sort: str = "closing"
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> ListFilters:
        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        sort = args.get("sort", "closing")
        return cls(
            q=" ".join((args.get("q") or "").split())[:MAX_QUERY],
            status=args.get("status", "") if args.get("status") in VACANCY_STATUSES else "",
            role=args.get("role", "") if args.get("role") in ROLE_TYPES else "",
            sort=sort if sort in SORTS else "closing",
            page=page,
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.status or self.role)

    def as_args(self, **changes: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "q": self.q,
            "status": self.status,
            "role": self.role,
            "sort": self.sort,
            "page": self.page,
        }
        values.update(changes)
        return link_args(values, default_sort="closing")


@dataclass(frozen=True)
class VacancyList:
    vacancies: list[Vacancy]
    counts: dict[int, int]  # vacancy id -> submitted applications
    total: int  # vacancies of any kind
    found: int  # matching the search and filters
    page: int
    pages: int


def _words(query: str) -> list[ColumnElement[bool]]:
    """Every word must appear in the title, the organisation or the description."""
    conditions = []
    for word in query.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                Vacancy.title.ilike(pattern, escape="\\"),
                Organisation.name.ilike(pattern, escape="\\"),
                Vacancy.description.ilike(pattern, escape="\\"),
            )
        )
    return conditions


def _applications() -> Any:
    return (
        db.select(Application.vacancy_id, func.count().label("n"))
        .where(Application.stage != Stage.DRAFT)
        .group_by(Application.vacancy_id)
        .subquery()
    )


def _ordered(query: Select[Any], sort: str, counts: Any) -> Select[Any]:
    open_first = (Vacancy.status == "open").desc()
    if sort == "newest":
        return query.order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
    if sort == "title":
        return query.order_by(func.lower(Vacancy.title), Vacancy.id)
    if sort == "applications":
        return query.order_by(func.coalesce(counts.c.n, 0).desc(), Vacancy.closes_on, Vacancy.id)
    # Open first, soonest closing first; vacancies with no closing date after those with one.
    return query.order_by(
        open_first, Vacancy.closes_on.is_(None), Vacancy.closes_on, Vacancy.id.desc()
    )


def vacancy_list(filters: ListFilters, page_size: int = PAGE_SIZE) -> VacancyList:
    counts = _applications()
    query = (
        db.select(Vacancy, func.coalesce(counts.c.n, 0))
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .outerjoin(counts, counts.c.vacancy_id == Vacancy.id)
    )
    conditions = _words(filters.q)
    if filters.status:
        conditions.append(Vacancy.status == filters.status)
    if filters.role:
        conditions.append(Vacancy.role_type == filters.role)
    query = query.where(*conditions)
    found = db.session.execute(
        db.select(func.count())
        .select_from(Vacancy)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .where(*conditions)
    ).scalar_one()
    total = db.session.execute(db.select(func.count()).select_from(Vacancy)).scalar_one()
    pages = max(1, math.ceil(found / page_size))
    page = min(filters.page, pages)
    rows = db.session.execute(
        _ordered(query, filters.sort, counts).limit(page_size).offset((page - 1) * page_size)
    ).all()
    return VacancyList(
        vacancies=[row[0] for row in rows],
        counts={row[0].id: int(row[1]) for row in rows},
        total=total,
        found=found,
        page=page,
        pages=pages,
    )
