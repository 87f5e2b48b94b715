"""Reading each campaign's dates for the time-to-appoint dashboard."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from ...extensions import db
from ...models import Application, Candidate, Organisation, StageChange, Vacancy
from ...stages import Stage
from .timing import PHASES, CampaignDates


def _day(value: datetime | date | str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def campaign_dates() -> list[CampaignDates]:
    """Every vacancy that has opened, with the first day each stage was reached."""
    stages = [stage for stage, _ in PHASES]
    firsts: dict[int, dict[str, date]] = defaultdict(dict)
    rows = db.session.execute(
        db.select(Application.vacancy_id, StageChange.to_stage, db.func.min(StageChange.at))
        .join(StageChange, StageChange.application_id == Application.id)
        .where(StageChange.to_stage.in_(stages))
        .group_by(Application.vacancy_id, StageChange.to_stage)
    ).all()
    for vacancy_id, stage, first in rows:
        firsts[vacancy_id][stage] = _day(first)
    applications = dict(
        db.session.execute(
            db.select(Application.vacancy_id, db.func.count())
            .where(Application.stage != Stage.DRAFT.value)
            .group_by(Application.vacancy_id)
        ).all()
    )
    willing = dict(
        db.session.execute(
            db.select(Candidate.region, db.func.count())
            .where(Candidate.in_pool.is_(True), Candidate.consent_to_match.is_(True))
            .group_by(Candidate.region)
        ).all()
    )
    willing_challenged = dict(
        db.session.execute(
            db.select(Candidate.region, db.func.count())
            .where(
                Candidate.in_pool.is_(True),
                Candidate.consent_to_match.is_(True),
                Candidate.willing_challenged.is_(True),
            )
            .group_by(Candidate.region)
        ).all()
    )
    vacancies = db.session.execute(
        db.select(Vacancy, Organisation)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .where(Vacancy.opens_on.is_not(None), Vacancy.status != "draft")
        .order_by(Vacancy.opens_on.desc())
    ).all()
    return [
        CampaignDates(
            vacancy_id=vacancy.id,
            title=vacancy.title,
            organisation=organisation.name,
            challenged=bool(organisation.challenged),
            opens_on=vacancy.opens_on,
            closes_on=vacancy.closes_on,
            first_reached=firsts.get(vacancy.id, {}),
            applications=int(applications.get(vacancy.id, 0)),
            # For an organisation in recovery, only members who said they would serve one.
            willing_pool=int(
                (willing_challenged if organisation.challenged else willing).get(
                    organisation.region, 0
                )
            ),
        )
        for vacancy, organisation in vacancies
        if vacancy.opens_on is not None and vacancy.opens_on <= date.today()
    ]
