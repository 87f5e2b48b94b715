"""Erasing a candidate's personal data without changing any diversity report.

What stays is an anonymous tombstone: the candidate row itself, emptied, with a random
``erased-<hex>@invalid`` address, no name, contact details or profile, not in the pool and
with new link identifiers. It is kept rather than deleted, or replaced by a nullable
``application.candidate_id`` or one shared "erased" row, because:

- the monitoring answers are keyed by an HMAC of the candidate's id: the same id keeps
  the same key, so reports count the answers without any re-keying;
- reports count candidates by id (answers per candidate, pool members who have not
  applied): one shared row would merge everyone's answers into one person;
- ``application (candidate_id, vacancy_id)`` is unique and not null: a row per person
  keeps both, and no query elsewhere has to learn about a null candidate.

The applications stay with their stages and stage history (dates and stages only), so
every count by stage is unchanged; everything written by or about the person goes.

Files and the model's copy are removed before the database changes, and the caller
commits after: if anything fails the erasure is not committed, and running it again
finishes the job (every step is idempotent).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, or_, select, update

from ...actors import Actor
from ...extensions import db
from ...models import (
    Application,
    ApplicationNote,
    AuditEvent,
    Candidate,
    FpptCheck,
    FpptOverride,
    FpptReminder,
    IdentityReveal,
    Invitation,
    Milestone,
    MonitoringResponse,
    NearMissOffer,
    PanelScore,
    PanelSubmission,
    Participant,
    PendingMessage,
    StageChange,
)
from ...models._types import utcnow
from ...models.application import CLOSED_STAGES, new_reference
from ...stages import Stage
from .. import matching
from ..alerts import subscriptions
from ..applications import cv, monitoring
from ..applications.monitoring import subject_key
from ..interviews import bookings as interview_bookings
from ..platform import audit

# Audit details that never hold personal data: stages, ids, sizes, flags. Everything else
# recorded about an erased person (reasons, references, declared items) is dropped.
SAFE_DETAIL_KEYS = frozenset(
    {"from_stage", "to_stage", "vacancy_id", "bytes", "guaranteed_interview_override"}
)


class ErasureError(Exception):
    """The erasure cannot go ahead; the message says why."""


@dataclass
class Erasure:
    """What one erasure did, for the audit trail, the admin's page and the command."""

    candidate_id: int
    # False: an appointment is kept (name, contact details and the appointed application).
    full: bool
    applications: list[str] = field(default_factory=list)  # references, as they were
    cv_removed: bool = False
    model_removed: bool = False


def _now(now: datetime | None) -> datetime:
    return now or utcnow()


def is_erased(candidate: Candidate) -> bool:
    return candidate.erased_at is not None


def has_appointment(candidate: Candidate) -> bool:
    return any(a.stage == Stage.APPOINTED for a in candidate.applications)


def _forget_in_model(candidate_id: int, persist: bool) -> bool:
    """Remove the candidate's text from the fitted model, in memory and on disk."""
    removed = matching.registry().remove(candidate_id, persist=persist)
    if removed and persist:
        matching.publish_saved()  # the database's copy, which every server loads, too
    return removed


def _remove_cv(candidate: Candidate) -> bool:
    if candidate.cv is None:
        return False
    cv.delete(candidate.cv.storage_name)
    db.session.delete(candidate.cv)
    candidate.cv = None
    return True


def _clear_profile(candidate: Candidate) -> None:
    """The pool profile: what the person wrote about their career, and their consent."""
    candidate.current_role = ""
    candidate.career_summary = ""
    candidate.skill_areas = []
    candidate.competency_evidence = {}
    candidate.board_experience = None
    candidate.availability = None
    candidate.willing_challenged = None
    candidate.consent_to_match = False
    candidate.consent_source = None
    candidate.in_pool = False
    candidate.draft_data = {}
    candidate.completed_steps = []
    candidate.reading = None  # the profile as the model read it
    subscriptions.forget(candidate.id)  # role alert choices; the alerts sent stay, as counts


def _anonymise_applications(applications: list[Application]) -> None:
    """Keep stages and dates; drop what was written by, or about, the person."""
    ids = [a.id for a in applications]
    if not ids:
        return
    db.session.execute(delete(ApplicationNote).where(ApplicationNote.application_id.in_(ids)))
    # Fit and proper person checks (references, DBS, registers): about the person, and
    # kept only for an appointment, which is not anonymised.
    db.session.execute(delete(FpptCheck).where(FpptCheck.application_id.in_(ids)))
    db.session.execute(delete(FpptOverride).where(FpptOverride.application_id.in_(ids)))
    db.session.execute(delete(FpptReminder).where(FpptReminder.application_id.in_(ids)))
    # Offers after interview and their answers: about the person.
    db.session.execute(delete(NearMissOffer).where(NearMissOffer.application_id.in_(ids)))
    # Messages waiting, and the record of those sent (a masked address): theirs alone.
    db.session.execute(delete(PendingMessage).where(PendingMessage.application_id.in_(ids)))
    interview_bookings.forget_adjustments(ids)  # what they need at interview: health data
    db.session.execute(
        update(PanelScore).where(PanelScore.application_id.in_(ids)).values(comment="")
    )
    db.session.execute(
        update(StageChange).where(StageChange.application_id.in_(ids)).values(reason="")
    )
    for application in applications:
        application.statement = ""
        application.draft_data = {}
        # The disability guaranteed interview scheme: health data, not needed for counts.
        application.guaranteed_interview = False


def _delete_drafts(drafts: list[Application]) -> None:
    """Drafts were never submitted, so no report counts them: they go whole."""
    ids = [a.id for a in drafts]
    if not ids:
        return
    for model in (ApplicationNote, PanelScore, PanelSubmission, IdentityReveal, PendingMessage):
        db.session.execute(delete(model).where(model.application_id.in_(ids)))
    owners = {draft.candidate for draft in drafts}
    for draft in drafts:
        db.session.delete(draft)
    db.session.flush()
    for owner in owners:  # their collections still hold the deleted drafts until reloaded
        db.session.expire(owner, ["applications"])


def application_has_content(application: Application) -> bool:
    """Does an application still hold anything written by or about the person?"""
    if application.statement or application.guaranteed_interview:
        return True
    if any(change.reason for change in application.stage_changes):
        return True
    note = db.session.execute(
        select(ApplicationNote.id).where(ApplicationNote.application_id == application.id)
    ).first()
    comment = db.session.execute(
        select(PanelScore.id).where(
            PanelScore.application_id == application.id, PanelScore.comment != ""
        )
    ).first()
    return note is not None or comment is not None


def anonymise_application(application: Application, actor: str, reason: str) -> None:
    """An unsuccessful application whose retention period has ended, of a candidate who is
    kept (in the pool): its content goes, its stages stay. A draft is deleted."""
    if application.stage == Stage.DRAFT:
        audit.record(actor, "draft_deleted", "application", application.id, reason=reason)
        _delete_drafts([application])
    else:
        _anonymise_applications([application])
        _scrub_audit_details(application.candidate, [application.id], [])
        audit.record(actor, "application_anonymised", "application", application.id, reason=reason)
    db.session.flush()


def _scrub_audit_details(
    candidate: Candidate, application_ids: list[int], identifiers: list[str]
) -> int:
    """Drop personal data from the audit trail's details about this person.

    Events about them (by them, on their record or on their applications) keep only
    details in SAFE_DETAIL_KEYS; any other event whose details mention their email, name
    or phone loses those details too. Who did what, and when, stays.
    """
    about = or_(
        AuditEvent.actor == str(Actor.candidate(candidate)),
        (AuditEvent.object_type == "candidate") & (AuditEvent.object_id == str(candidate.id)),
        (AuditEvent.object_type == "application")
        & AuditEvent.object_id.in_([str(i) for i in application_ids] or ["-"]),
    )
    mentions = [
        cast(AuditEvent.detail, String).contains(value) for value in identifiers if len(value) >= 5
    ]
    condition = or_(about, *mentions) if mentions else about
    scrubbed = 0
    for event in db.session.execute(select(AuditEvent).where(condition)).scalars():
        text = json.dumps(event.detail, sort_keys=True)
        mentioned = any(value in text for value in identifiers if len(value) >= 5)
        keep: dict[str, Any] = {
            k: v for k, v in (event.detail or {}).items() if k in SAFE_DETAIL_KEYS
        }
        if mentioned:
            keep = {}
        if keep != event.detail:
            keep["anonymised"] = True
            event.detail = keep
            scrubbed += 1
    return scrubbed


def _identifiers(candidate: Candidate) -> list[str]:
    values = [candidate.email, candidate.full_name, candidate.phone]
    return [v for v in values if v and len(v) >= 5]


def _withdraw_open(applications: list[Application], now: datetime) -> None:
    """An application still in a campaign is withdrawn, so the team does not sift an empty
    record. The furthest stage it reached is kept, so reports do not change."""
    for application in applications:
        if application.stage in CLOSED_STAGES or application.stage == Stage.DRAFT:
            continue
        previous = application.stage
        application.stage = Stage.WITHDRAWN
        application.withdrawn_at = now
        db.session.add(
            StageChange(
                application=application, from_stage=previous, to_stage=Stage.WITHDRAWN, at=now
            )
        )


def erase_candidate(
    candidate: Candidate,
    actor: str,
    reason: str,
    *,
    now: datetime | None = None,
    persist_model: bool = True,
) -> Erasure:
    """Erase a person. Someone appointed keeps the record of the appointment (their name,
    contact details and the appointed application: a public office is a matter of public
    record); everything else about them goes, as for anyone else.

    The caller commits. ``persist_model=False`` leaves saving the model to the caller
    (the purge command saves it once at the end).
    """
    if is_erased(candidate):
        raise ErasureError("This person's data has already been erased.")
    moment = _now(now)
    identifiers = _identifiers(candidate)
    applications = list(candidate.applications)
    appointed = [a for a in applications if a.stage == Stage.APPOINTED]
    others = [a for a in applications if a.stage != Stage.APPOINTED]
    result = Erasure(
        candidate_id=candidate.id,
        full=not appointed,
        applications=[a.reference for a in applications if a.stage != Stage.DRAFT],
    )

    # Outside the database first: a failure here leaves nothing committed.
    result.model_removed = _forget_in_model(candidate.id, persist_model)
    result.cv_removed = _remove_cv(candidate)

    counted_in_pool = candidate.in_pool
    _clear_profile(candidate)
    monitoring.forget_description(candidate.id)  # the answers reports count may stay
    db.session.execute(delete(Invitation).where(Invitation.candidate_id == candidate.id))
    # Places on development programmes (hosts, mentors, milestones): theirs alone.
    places = select(Participant.id).where(Participant.candidate_id == candidate.id)
    db.session.execute(delete(Milestone).where(Milestone.participant_id.in_(places)))
    db.session.execute(delete(Participant).where(Participant.candidate_id == candidate.id))
    interview_bookings.release(others, tell_candidate=False, now=moment)  # places freed
    _withdraw_open(others, moment)
    drafts = [a for a in others if a.stage == Stage.DRAFT]
    submitted = [a for a in others if a.stage != Stage.DRAFT]
    _delete_drafts(drafts)
    _anonymise_applications(submitted)

    if appointed:
        # Kept: an appointment is a public office record, and so is the fit and proper
        # person declaration it was made on. The pool profile, the CV and the other
        # applications have gone above.
        _scrub_audit_details(candidate, [a.id for a in submitted], [])
        candidate.retention_reminded_at = None
        audit.record(
            actor,
            "candidate_erased_except_appointment",
            "candidate",
            candidate.id,
            reason=_redact(reason, identifiers),
            applications=len(submitted),
        )
        db.session.flush()
        return result

    if candidate.eligibility is not None:
        db.session.delete(candidate.eligibility)
        candidate.eligibility = None
    _scrub_audit_details(candidate, [a.id for a in applications], identifiers)
    if not submitted and not counted_in_pool:
        # Counted in no report: the monitoring answers go too.
        db.session.execute(
            delete(MonitoringResponse).where(
                MonitoringResponse.subject_key == subject_key(candidate.id)
            )
        )
    token = secrets.token_hex(12)
    candidate.email = f"erased-{token}@invalid"
    candidate.first_name = ""
    candidate.last_name = ""
    candidate.phone = ""
    candidate.postcode = ""
    if not counted_in_pool:
        candidate.region = None  # only a pool member's region places them in a report
    candidate.public_id = secrets.token_urlsafe(16)  # old sessions and links stop working
    candidate.link_version += 1
    candidate.retention_reminded_at = None
    candidate.erased_at = moment
    candidate.erased_from_pool = counted_in_pool
    for application in submitted:
        # A new reference: the old one is in the person's emails and would link them back.
        application.reference = new_reference()
    audit.record(
        actor,
        "candidate_erased",
        "candidate",
        candidate.id,
        reason=_redact(reason, identifiers),
        applications=len(submitted),
    )
    db.session.flush()
    return result


def remove_pool_profile(
    candidate: Candidate, actor: str, reason: str, *, persist_model: bool = True
) -> None:
    """The pool profile of someone kept for their appointment, when it expires."""
    _forget_in_model(candidate.id, persist_model)
    _remove_cv(candidate)
    _clear_profile(candidate)
    candidate.retention_reminded_at = None
    audit.record(actor, "pool_profile_removed", "candidate", candidate.id, reason=reason)
    db.session.flush()


def has_pool_profile(candidate: Candidate) -> bool:
    return bool(
        candidate.in_pool
        or candidate.consent_to_match
        or candidate.career_summary
        or candidate.current_role
        or candidate.competency_evidence
        or candidate.skill_areas
        or candidate.cv is not None
    )


def _redact(text: str, identifiers: list[str]) -> str:
    """A reason typed by an admin may name the person: their details never stay in it."""
    for value in identifiers:
        text = text.replace(value, "[erased]")
    return text.strip()[:500]


def sweep_model(persist: bool = True) -> int:
    """Remove every erased candidate still in the saved model: after an interrupted purge,
    or an erasure made while the model folder was being replaced."""
    models = matching.registry()
    if not models.folder.exists():
        return 0
    ranker = models.load()
    if ranker is None:
        return 0
    erased = set(
        db.session.execute(select(Candidate.id).where(Candidate.erased_at.is_not(None))).scalars()
    )
    present = [cid for cid in ranker.index_ if cid in erased]
    for candidate_id in present:
        models.remove(candidate_id, persist=False)
    if present and persist:
        models.save()
        matching.publish_saved()
    return len(present)
