"""Looking up a candidate's own applications."""

from __future__ import annotations

from ...extensions import db
from ...models import Application, Candidate


def for_candidate(candidate: Candidate, reference: str) -> Application | None:
    """The application with this reference if it is this candidate's, else None."""
    application: Application | None = db.session.execute(
        db.select(Application).filter_by(reference=reference)
    ).scalar_one_or_none()
    if application is None or application.candidate_id != candidate.id:
        return None
    return application


def lock(application: Application) -> None:
    """Wait for any other request changing this application to commit, then read it afresh
    (a PostgreSQL row lock): a double-clicked "Submit" sees the first one's result."""
    db.session.refresh(application, with_for_update=True)
