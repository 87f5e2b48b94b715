"""Demo fit and proper person records: appointed members checked before appointment, and
candidates after interview at every state (not started, part done, a concern, complete)."""

from __future__ import annotations

from datetime import date, timedelta

from ..extensions import db
from ..models import FPPT_CHECKS, Application, FpptCheck

EVIDENCE = {
    "references": "Two references received, including the standard board member reference",
    "dbs": "Enhanced DBS certificate seen; number recorded in the HR file",
    "disqualified_directors": "Companies House register searched: not listed",
    "insolvency": "Insolvency Service register searched: not listed",
    "employment_history": "Ten years' history received; one gap explained (study)",
    "qualifications": "Certificates and professional registration checked online",
    "public_information": "Press and social media search: nothing of concern",
    "self_attestation": "Declaration signed and returned",
}


def _check(application: Application, kind: str, on: date, status: str = "satisfactory") -> None:
    db.session.add(
        FpptCheck(
            application_id=application.id,
            round=0,
            kind=kind,
            status=status,
            checked_on=on,
            evidence=EVIDENCE[kind],
            notes=(
                "A former employer's reference raised a late accounts filing; discussed at "
                "interview and explained"
                if status == "concern"
                else ""
            ),
        )
    )


def _appointed_on(application: Application) -> date | None:
    for change in application.stage_changes:
        if change.to_stage == "appointed" and change.at is not None:
            return change.at.date()
    return None


def seed_fppt(today: date) -> int:
    """Records for the demo's appointed and recommended candidates; returns how many."""
    made = 0
    appointed = db.session.execute(
        db.select(Application).where(Application.stage == "appointed")
    ).scalars()
    for application in appointed:
        when = _appointed_on(application) or today
        for number, kind in enumerate(FPPT_CHECKS):
            _check(application, kind, when - timedelta(days=14 - number))
            made += 1
    # Checks start once the panel has met: candidates at interview and recommended.
    recommended = db.session.execute(
        db.select(Application)
        .where(Application.stage.in_(("interview", "recommended")))
        .order_by(Application.id)
    ).scalars()
    kinds = list(FPPT_CHECKS)
    for position, application in enumerate(recommended):
        state = position % 4  # 0: not started, 1: part done, 2: a concern, 3: complete
        chosen = {1: kinds[:3], 2: kinds, 3: kinds}.get(state, [])
        for number, kind in enumerate(chosen):
            status = "concern" if state == 2 and kind == "references" else "satisfactory"
            _check(application, kind, today - timedelta(days=10 - number), status)
            made += 1
    db.session.flush()
    return made
