"""Finding the applications a sift works on: submitted ones only, never a draft."""

from __future__ import annotations

from ...extensions import db
from ...models import Application, Vacancy
from ...stages import Stage


def by_reference(reference: str) -> Application | None:
    """The submitted application with this reference, or None (a draft is the candidate's
    alone: the team never sees it)."""
    application: Application | None = db.session.execute(
        db.select(Application).filter_by(reference=reference)
    ).scalar_one_or_none()
    if application is None or application.stage == Stage.DRAFT:
        return None
    return application


def submitted_for(vacancy: Vacancy) -> dict[int, Application]:
    """The vacancy's submitted applications by id."""
    return {
        a.id: a
        for a in db.session.execute(
            db.select(Application).where(
                Application.vacancy_id == vacancy.id, Application.stage != Stage.DRAFT
            )
        ).scalars()
    }
