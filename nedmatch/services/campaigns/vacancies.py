"""The team's operations on vacancies, and the public's view of the open ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...actors import Actor
from ...domain import COMPETENCY_DOMAINS, REGIONS, ROLE_TYPES
from ...extensions import db
from ...models import VACANCY_STATUSES, Application, Organisation, Vacancy
from ...stages import Stage
from ..platform import audit


class VacancyError(Exception):
    """A change the team cannot make; the message says why."""


def get(vacancy_id: int) -> Vacancy | None:
    return db.session.get(Vacancy, vacancy_id)


@dataclass
class VacancySpec:
    title: str
    organisation_id: int
    role_type: str
    description: str
    essential_criteria: list[str]
    desirable_criteria: list[str] = field(default_factory=list)
    skill_areas: list[str] = field(default_factory=list)
    domain_weights: dict[str, float] = field(default_factory=dict)
    board_skills: dict[str, int] = field(default_factory=dict)
    part_weights: dict[str, float] = field(default_factory=dict)
    location_requirement: str = "none"
    location_detail: str = ""
    time_commitment: str = ""
    time_commitment_days: float | None = None
    pay: int | None = None
    term_years: int = 3
    opens_on: date | None = None
    closes_on: date | None = None

    @classmethod
    def from_form(cls, form: Any) -> VacancySpec:
        essential, desirable = form.criteria()
        return cls(
            title=form.title.data,
            organisation_id=form.organisation_id.data,
            role_type=form.role_type.data,
            description=form.description.data,
            essential_criteria=essential,
            desirable_criteria=desirable,
            skill_areas=list(form.skill_areas.data or []),
            domain_weights={s: float(form[f"weight_{s}"].data) for s in COMPETENCY_DOMAINS},
            board_skills={s: 1 for s in form.board_skills.data or []},
            part_weights=form.part_weights(),
            location_requirement=form.location_requirement.data,
            location_detail=form.location_detail.data or "",
            time_commitment=form.time_commitment.data,
            time_commitment_days=form.time_commitment_days.data,
            pay=form.pay.data,
            term_years=form.term_years.data,
            opens_on=form.opens_on.data,
            closes_on=form.closes_on.data,
        )


def _apply(vacancy: Vacancy, spec: VacancySpec) -> None:
    for name, value in spec.__dict__.items():
        if name == "board_skills":
            # Keep the counts the board already recorded for skills still ticked.
            value = {skill: (vacancy.board_skills or {}).get(skill, 1) for skill in value}
        setattr(vacancy, name, value)


def create_vacancy(actor: Actor | str, spec: VacancySpec) -> Vacancy:
    vacancy = Vacancy(status="draft")
    _apply(vacancy, spec)
    db.session.add(vacancy)
    db.session.flush()
    audit.record(actor, "vacancy_created", "vacancy", vacancy.id, **vacancy.as_dict())
    return vacancy


def update_vacancy(actor: Actor | str, vacancy: Vacancy, spec: VacancySpec) -> None:
    before = vacancy.as_dict()
    _apply(vacancy, spec)
    db.session.flush()
    audit.record(
        actor, "vacancy_updated", "vacancy", vacancy.id, before=before, after=vacancy.as_dict()
    )


def set_status(actor: Actor | str, vacancy: Vacancy, status: str) -> None:
    if status not in VACANCY_STATUSES or status == "draft":
        raise VacancyError("A vacancy can only be opened or closed.")
    if status == "open" and vacancy.closes_on and vacancy.closes_on < date.today():
        raise VacancyError(
            "The closing date has passed. Change the closing date before you open the vacancy."
        )
    previous = vacancy.status
    vacancy.status = status
    db.session.flush()
    audit.record(
        actor,
        f"vacancy_{'opened' if status == 'open' else 'closed'}",
        "vacancy",
        vacancy.id,
        from_status=previous,
    )


@dataclass(frozen=True)
class Closing:
    """What closing a vacancy to applications would do, for the page that asks first."""

    submitted: int  # applications the team goes on with
    unsubmitted: int  # started and not submitted: they cannot be submitted once it closes


def closing(vacancy: Vacancy) -> Closing:
    """What closing ``vacancy`` would do now; raises VacancyError if it is not open."""
    if vacancy.status != "open":
        raise VacancyError("This vacancy is not open, so it cannot be closed.")
    by_stage: dict[str, int] = dict(
        db.session.execute(
            db.select(Application.stage, db.func.count())
            .where(Application.vacancy_id == vacancy.id, Application.stage != Stage.WITHDRAWN)
            .group_by(Application.stage)
        ).all()
    )
    unsubmitted = by_stage.pop(Stage.DRAFT, 0)
    return Closing(submitted=sum(by_stage.values()), unsubmitted=unsubmitted)


@dataclass(frozen=True)
class PublicFilters:
    """The filters on the public list of vacancies; a value not in its list is ignored."""

    region: str = ""
    role: str = ""


def _open_on(today: date) -> Any:
    return (
        db.select(Vacancy)
        .join(Organisation)
        .where(Vacancy.status == "open")
        .where((Vacancy.opens_on.is_(None)) | (Vacancy.opens_on <= today))
        .where((Vacancy.closes_on.is_(None)) | (Vacancy.closes_on >= today))
    )


def open_for_applications(filters: PublicFilters, today: date) -> list[Vacancy]:
    """The vacancies taking applications today, closing soonest first."""
    query = _open_on(today)
    if filters.region in REGIONS:
        query = query.where(Organisation.region == filters.region)
    if filters.role in ROLE_TYPES:
        query = query.where(Vacancy.role_type == filters.role)
    return list(db.session.execute(query.order_by(Vacancy.closes_on, Vacancy.id)).scalars())


def count_open(today: date) -> int:
    count: int = db.session.execute(
        db.select(db.func.count()).select_from(_open_on(today).subquery())
    ).scalar_one()
    return count


def get_published(vacancy_id: int) -> Vacancy | None:
    """A vacancy the public may see (any but a draft, so a closed one still shows)."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status == "draft":
        return None
    return vacancy


def every_vacancy(status: str = "") -> list[Vacancy]:
    """Every vacancy in any status (or in ``status``), newest first: the team's view."""
    query = db.select(Vacancy)
    if status:
        query = query.where(Vacancy.status == status)
    return list(db.session.execute(query.order_by(Vacancy.id.desc())).scalars())
