"""A copy of everything held about a candidate (UK GDPR Art. 15, the right of access).

One ZIP file: ``data.json`` (profile, applications with their stages, eligibility
declaration, equality monitoring answers, role alert choices and the alerts sent, the
audit trail about them) and their CV as
uploaded. Team members are named only as "the appointments team": they are other people.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from ...actors import Actor
from ...domain import (
    ETHNIC_GROUP_CHOICES,
    ETHNICITY_BROAD,
    ETHNICITY_DESCRIPTION,
    MONITORING_QUESTIONS,
    PREFER_NOT_TO_SAY,
)
from ...extensions import db
from ...models import (
    CLOSED_STAGES,
    FPPT_CHECKS,
    FPPT_STATUSES,
    STAGES,
    AlertSent,
    AlertSubscription,
    Application,
    ApplicationNote,
    AuditEvent,
    Candidate,
    FpptCheck,
    NearMissOffer,
    PanelScore,
    Participant,
    Vacancy,
)
from ...models._types import utcnow
from ...stages import Stage
from ..applications import cv, monitoring
from ..interviews.bookings import records_for as interview_records
from ..platform import audit

FORMAT = "nedmatch-subject-access-1"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _actor_label(actor: str, candidate: Candidate) -> str:
    if actor == str(Actor.candidate(candidate)):
        return "you"
    if actor.startswith("team:"):
        return "the appointments team"
    return "the service"


def _application(application: Application, team_records: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference": application.reference if application.stage != Stage.DRAFT else None,
        "vacancy": application.vacancy.title,
        "organisation": application.vacancy.organisation.name,
        "stage": STAGES.get(application.stage, application.stage),
        "started": _iso(application.created_at),
        "submitted": _iso(application.submitted_at),
        "withdrawn": _iso(application.withdrawn_at),
        "supporting_statement": application.statement,
        "unsaved_answers": dict(application.draft_data or {}),
        "guaranteed_interview_scheme": application.guaranteed_interview,
        "stage_history": [
            {
                "from": STAGES.get(change.from_stage, change.from_stage),
                "to": STAGES.get(change.to_stage, change.to_stage),
                "reason": change.reason,
                "at": _iso(change.at),
            }
            for change in application.stage_changes
        ],
        "interviews": interview_records(application),
    }
    if team_records:
        notes = db.session.execute(
            select(ApplicationNote)
            .where(ApplicationNote.application_id == application.id)
            .order_by(ApplicationNote.at)
        ).scalars()
        scores = db.session.execute(
            select(PanelScore)
            .where(PanelScore.application_id == application.id)
            .order_by(PanelScore.criterion, PanelScore.at)
        ).scalars()
        data["team_notes"] = [{"at": _iso(n.at), "note": n.text} for n in notes]
        data["panel_scores"] = [
            {"criterion": s.criterion, "score": s.score, "comment": s.comment, "at": _iso(s.at)}
            for s in scores
        ]
        checks = db.session.execute(
            select(FpptCheck)
            .where(FpptCheck.application_id == application.id)
            .order_by(FpptCheck.round, FpptCheck.kind)
        ).scalars()
        offers = db.session.execute(
            select(NearMissOffer).where(NearMissOffer.application_id == application.id)
        ).scalars()
        data["offers_after_interview"] = [
            {
                "offer": o.kind_label,
                "offered": _iso(o.offered_on),
                "answer": o.answer_label,
                "answered": _iso(o.answered_on),
            }
            for o in offers
        ]
        data["fit_and_proper_person_checks"] = [
            {
                "check": FPPT_CHECKS.get(c.kind, c.kind),
                "round": c.round,
                "outcome": FPPT_STATUSES.get(c.status, c.status),
                "checked_on": c.checked_on.isoformat() if c.checked_on else None,
                "evidence": c.evidence,
                "notes": c.notes,
            }
            for c in checks
        ]
    return data


def _audit_trail(candidate: Candidate) -> list[dict[str, Any]]:
    application_ids = [str(a.id) for a in candidate.applications] or ["-"]
    events = db.session.execute(
        select(AuditEvent)
        .where(
            or_(
                AuditEvent.actor == str(Actor.candidate(candidate)),
                (AuditEvent.object_type == "candidate")
                & (AuditEvent.object_id == str(candidate.id)),
                (AuditEvent.object_type == "application")
                & AuditEvent.object_id.in_(application_ids),
            )
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    ).scalars()
    return [
        {
            "at": _iso(event.at),
            "by": _actor_label(event.actor, candidate),
            "action": event.action,
            "detail": event.detail,
        }
        for event in events
    ]


def candidate_data(candidate: Candidate, *, all_team_records: bool) -> dict[str, Any]:
    """Everything held about the candidate, as plain values.

    The team's notes and panel scores are about the candidate too: an administrator's
    export includes them all, to review before sending; the candidate's own download
    includes them once each campaign has closed for them, so a sift is not disturbed.
    """
    answers = monitoring.answers_for(candidate.id)
    eligibility = candidate.eligibility
    document = candidate.cv
    return {
        "format": FORMAT,
        "exported_at": _iso(utcnow()),
        "profile": {
            "email": candidate.email,
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "phone": candidate.phone,
            "postcode": candidate.postcode,
            "region": candidate.region,
            "current_role": candidate.current_role,
            "career_summary": candidate.career_summary,
            "skill_areas": list(candidate.skill_areas or []),
            "competency_evidence": dict(candidate.competency_evidence or {}),
            "board_experience": candidate.board_experience,
            "availability": candidate.availability,
            "willing_to_join_a_challenged_board": candidate.willing_challenged,
            "consent_to_be_matched_to_vacancies": candidate.consent_to_match,
            # For people added from a list kept elsewhere: where they agreed to be included.
            "consent_recorded_in": candidate.consent_source,
            "in_talent_pool": candidate.in_pool,
            "unsaved_answers": dict(candidate.draft_data or {}),
            "created": _iso(candidate.created_at),
            "last_active": _iso(candidate.last_active_at),
        },
        "cv": None
        if document is None
        else {
            "file_name": document.original_filename,
            "content_type": document.content_type,
            "size_bytes": document.size_bytes,
            "uploaded": _iso(document.uploaded_at),
            "text_we_read_from_it": document.text,
        },
        "eligibility_declaration": None
        if eligibility is None
        else {
            "answers": dict(eligibility.answers or {}),
            "details": eligibility.details,
            "confirmed": eligibility.confirmed,
            "declared": _iso(eligibility.declared_at),
        },
        "equality_monitoring": _monitoring(answers),
        "role_alerts": _role_alerts(candidate),
        "development_programmes": _programmes(candidate),
        "applications": [
            _application(a, all_team_records or a.stage in CLOSED_STAGES)
            for a in sorted(candidate.applications, key=lambda a: a.created_at)
        ],
        "audit_trail": _audit_trail(candidate),
    }


# What is kept beside the questions' answers (see domain.ETHNICITY_BROAD).
_BESIDE_THE_QUESTIONS: dict[str, tuple[str, dict[str, str]]] = {
    ETHNICITY_BROAD: ("Your ethnic group", ETHNIC_GROUP_CHOICES),
    ETHNICITY_DESCRIPTION: ("How you describe your background", {}),
}


def _role_alerts(candidate: Candidate) -> dict[str, Any]:
    subscription = db.session.execute(
        select(AlertSubscription).filter_by(candidate_id=candidate.id)
    ).scalar_one_or_none()
    sent = db.session.execute(
        select(AlertSent, Vacancy.title)
        .join(Vacancy, Vacancy.id == AlertSent.vacancy_id)
        .where(AlertSent.candidate_id == candidate.id)
        .order_by(AlertSent.sent_at)
    ).all()
    return {
        "choices": None
        if subscription is None
        else {
            "role_types": list(subscription.role_types),
            "regions": list(subscription.regions),
            "skill_areas": list(subscription.skill_areas),
            "only_organisations_in_recovery_support": subscription.challenged_only,
            "how_often": subscription.frequency,
            "since": _iso(subscription.created_at),
            "last_weekly_email": _iso(subscription.last_digest_at),
        },
        "alerts_sent": [
            {"vacancy": title, "kind": a.kind, "sent": _iso(a.sent_at)} for a, title in sent
        ],
    }


def _programmes(candidate: Candidate) -> list[dict[str, Any]]:
    """Their places on development programmes: cohort, host, mentor and milestones."""
    places = db.session.execute(
        select(Participant).where(Participant.candidate_id == candidate.id)
    ).scalars()
    return [
        {
            "programme": p.cohort.programme.name,
            "cohort": p.cohort.name,
            "status": p.status_label,
            "host": p.host.name if p.host else None,
            "mentor": p.mentor or None,
            "nominated_by": p.nominated_by or None,
            "applied": _iso(p.applied_on),
            "placed": _iso(p.placed_on),
            "completed": _iso(p.completed_on),
            "milestones": [
                {"milestone": m.title, "due": _iso(m.due_on), "done": _iso(m.done_on)}
                for m in p.milestones
            ],
        }
        for p in places
    ]


def _monitoring(answers: dict[str, str]) -> dict[str, str]:
    readable = {}
    for question, answer in answers.items():
        label, options = MONITORING_QUESTIONS.get(
            question, _BESIDE_THE_QUESTIONS.get(question, (question, {}))
        )
        readable[label] = (
            "Prefer not to say" if answer == PREFER_NOT_TO_SAY else options.get(answer, answer)
        )
    return readable


def _cv_name(candidate: Candidate) -> str:
    document = candidate.cv
    assert document is not None  # noqa: S101 - callers check
    extension = ".pdf" if document.content_type == cv.PDF else ".docx"
    return f"cv{extension}"


def export_zip(
    candidate: Candidate, actor: str, *, all_team_records: bool, reason: str = ""
) -> bytes:
    """The ZIP file, and the audit records of the export and of the monitoring answers
    read for it. The caller commits."""
    data = candidate_data(candidate, all_team_records=all_team_records)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        if candidate.cv is not None:
            try:
                archive.writestr(_cv_name(candidate), cv.read(candidate.cv.storage_name))
            except cv.CVMissing:
                archive.writestr(
                    "cv-missing.txt", "The CV file could not be found. Ask the team for help.\n"
                )
    detail: dict[str, Any] = {"cv": candidate.cv is not None}
    if reason:
        detail["reason"] = reason[:500]
    audit.record(actor, "data_exported", "candidate", candidate.id, **detail)
    audit.record(actor, "monitoring_read", "candidate", candidate.id, purpose="subject access")
    return buffer.getvalue()


def export_filename(candidate: Candidate) -> str:
    return f"nedmatch-data-{utcnow():%Y-%m-%d}.zip"
