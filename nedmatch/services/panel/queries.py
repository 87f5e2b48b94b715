"""Reading the panel's records: who reached the panel, the submissions and the score rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import Application, PanelScore, PanelSubmission, Vacancy
from ...stages import Stage
from .rules import SheetStatus, on_panel


def submissions_for(application_ids: Sequence[int]) -> dict[int, dict[int, datetime]]:
    """application id -> member id -> when they submitted."""
    found: dict[int, dict[int, datetime]] = defaultdict(dict)
    if application_ids:
        rows = db.session.execute(
            db.select(PanelSubmission).where(PanelSubmission.application_id.in_(application_ids))
        ).scalars()
        for row in rows:
            found[row.application_id][row.member_id] = row.at
    return found


def score_rows_for(application_ids: Sequence[int]) -> dict[int, dict[int, list[PanelScore]]]:
    """application id -> member id -> their score rows (drafts included: filter before use)."""
    found: dict[int, dict[int, list[PanelScore]]] = defaultdict(lambda: defaultdict(list))
    if application_ids:
        rows = db.session.execute(
            db.select(PanelScore)
            .where(PanelScore.application_id.in_(application_ids))
            .order_by(PanelScore.id)
        ).scalars()
        for row in rows:
            found[row.application_id][row.member_id].append(row)
    return found


def submitted_scores(
    rows: Mapping[int, list[PanelScore]], submitted: Mapping[int, datetime]
) -> dict[int, dict[str, int]]:
    return {
        member: {row.criterion: row.score for row in member_rows}
        for member, member_rows in rows.items()
        if member in submitted
    }


def sheet_status(
    member_id: int, rows: Mapping[int, list[PanelScore]], submitted: Mapping[int, Any]
) -> SheetStatus:
    if member_id in submitted:
        return SheetStatus.SUBMITTED
    return SheetStatus.DRAFT if rows.get(member_id) else SheetStatus.NOT_STARTED


def panel_applications(vacancy: Vacancy) -> list[Application]:
    """The candidates who reached the panel, by reference."""
    applications = db.session.execute(
        db.select(Application)
        .where(Application.vacancy_id == vacancy.id, Application.stage != Stage.DRAFT)
        .options(selectinload(Application.stage_changes))
        .order_by(Application.reference)
    ).scalars()
    return [a for a in applications if on_panel(a)]


def by_reference(reference: str) -> Application | None:
    """A candidate on the panel, or None: anyone not yet shortlisted is not the panel's to see."""
    application: Application | None = db.session.execute(
        db.select(Application).filter_by(reference=reference)
    ).scalar_one_or_none()
    if application is None or not on_panel(application):
        return None
    return application
