"""Recording a member's scores: a private draft until submitted, and final once submitted."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError

from ...actors import Actor
from ...extensions import db
from ...models import PANEL_SCALE, Application, PanelScore, PanelSubmission, TeamUser
from ..platform import audit
from .rules import MAX_COMMENT, Entry, PanelError, criteria, is_scorable, short

# Recording scores.


def save(
    member: TeamUser, application: Application, entries: Mapping[str, Entry], *, submit: bool
) -> None:
    """Replace the member's score sheet for the candidate with ``entries`` (criterion key ->
    entry); with ``submit``, every criterion must be scored and the sheet becomes final.
    Flushes and records the audit event; the caller commits. The same sheet saved at the
    same moment from another page (two tabs) is refused with a PanelError, and the request's
    transaction is rolled back so that the page can still be shown."""
    reference = application.reference
    if not is_scorable(application):
        raise PanelError(
            f"{reference} is {application.stage_label.lower()}: panel scores can only be "
            "given or changed while a candidate is shortlisted, invited to interview or "
            "recommended."
        )
    already = db.session.execute(
        db.select(PanelSubmission).filter_by(application_id=application.id, member_id=member.id)
    ).scalar_one_or_none()
    if already is not None:
        raise PanelError(
            f"You have already submitted your scores for {reference}; they cannot be changed."
        )
    spec = {c.key: c for c in criteria(application.vacancy)}
    unknown = set(entries) - set(spec)
    if unknown:
        raise PanelError(
            "The scores sent do not match this vacancy's criteria, which may have changed. "
            "Check every score on this page and save again."
        )
    for key, entry in entries.items():
        text = spec[key].text
        if entry.score is not None and entry.score not in PANEL_SCALE:
            raise PanelError(f"Select a score between 0 and 4 for {short(text)}.")
        if len(entry.comment) > MAX_COMMENT:
            raise PanelError(
                f"Your comment on {short(text)} must be {MAX_COMMENT:,} characters or fewer."
            )
        if entry.score is None and entry.comment.strip():
            raise PanelError(f"Select a score for {short(text)} to save your comment on it.")
    if submit:
        missing = [c for k, c in spec.items() if entries.get(k, Entry(None)).score is None]
        if missing:
            raise PanelError(f"Select a score for {short(missing[0].text)} before you submit.")

    existing = {
        row.criterion: row
        for row in db.session.execute(
            db.select(PanelScore).filter_by(application_id=application.id, member_id=member.id)
        ).scalars()
    }
    recorded: dict[str, int] = {}
    for key, criterion in spec.items():
        entry = entries.get(key, Entry(None))
        row = existing.pop(criterion.text, None)
        if entry.score is None:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = PanelScore(
                application_id=application.id, member_id=member.id, criterion=criterion.text
            )
            db.session.add(row)
        row.score = entry.score
        row.comment = entry.comment.strip()
        recorded[criterion.text] = entry.score
    for stale in existing.values():  # criteria since removed from the specification
        db.session.delete(stale)
    if submit:
        db.session.add(PanelSubmission(application_id=application.id, member_id=member.id))
    audit.record(
        Actor.team(member),
        "panel_scores_submitted" if submit else "panel_scores_saved",
        "application",
        application.id,
        reference=reference,
        scores=recorded,
        criteria=len(spec),
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise PanelError(
            f"Your scores for {reference} were saved from another page at the same time. "
            "Check them below."
        ) from None
