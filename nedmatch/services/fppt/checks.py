"""Recording an application's FPPT checks, and reading its record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...actors import Actor
from ...extensions import db
from ...models import FPPT_CHECKS, FPPT_CLEARED, FPPT_STATUSES, Application, FpptCheck, FpptOverride
from ..platform import audit


class FpptError(ValueError):
    """A check or override the rules refuse; the message says what to do."""


@dataclass(frozen=True)
class CheckRow:
    kind: str
    label: str
    check: FpptCheck | None

    @property
    def status(self) -> str:
        return self.check.status if self.check is not None else "not_started"

    @property
    def status_label(self) -> str:
        return FPPT_STATUSES[self.status]

    @property
    def cleared(self) -> bool:
        return self.status in FPPT_CLEARED


def current_round(application: Application) -> int:
    """The newest round of checks: 0 before appointment, then one per annual re-check."""
    newest = db.session.execute(
        db.select(db.func.max(FpptCheck.round)).where(FpptCheck.application_id == application.id)
    ).scalar_one()
    return int(newest or 0)


def record_of(application: Application, round_: int | None = None) -> list[CheckRow]:
    """Every check of a round, in the framework's order, started or not."""
    number = current_round(application) if round_ is None else round_
    found = {
        c.kind: c
        for c in db.session.execute(
            db.select(FpptCheck).where(
                FpptCheck.application_id == application.id, FpptCheck.round == number
            )
        ).scalars()
    }
    return [CheckRow(kind, label, found.get(kind)) for kind, label in FPPT_CHECKS.items()]


def outstanding(application: Application, round_: int = 0) -> list[str]:
    """The labels of the checks of a round that do not yet let the appointment go ahead."""
    return [row.label for row in record_of(application, round_) if not row.cleared]


def override_of(application: Application) -> FpptOverride | None:
    return db.session.execute(
        db.select(FpptOverride).where(FpptOverride.application_id == application.id)
    ).scalar_one_or_none()


def record(
    actor: Actor,
    application: Application,
    kind: str,
    *,
    status: str,
    checked_on: date | None,
    evidence: str,
    notes: str,
    round_: int | None = None,
) -> FpptCheck:
    """Record (or correct) one check; every change is audited with its outcome."""
    if kind not in FPPT_CHECKS:
        raise FpptError("Choose a check from the list.")
    if status not in FPPT_STATUSES:
        raise FpptError("Choose the outcome of the check.")
    if status != "not_started" and checked_on is None:
        raise FpptError("Enter the date the check was made.")
    if status in ("satisfactory", "concern") and not evidence.strip():
        raise FpptError("Say what evidence the check rests on, for example the reference's date.")
    if status in ("concern", "not_required") and not notes.strip():
        raise FpptError(
            "Say why the check is not required"
            if status == "not_required"
            else "Describe the concern and what was decided about it."
        )
    number = current_round(application) if round_ is None else round_
    check = db.session.execute(
        db.select(FpptCheck).where(
            FpptCheck.application_id == application.id,
            FpptCheck.round == number,
            FpptCheck.kind == kind,
        )
    ).scalar_one_or_none()
    if check is None:
        check = FpptCheck(application_id=application.id, round=number, kind=kind)
        db.session.add(check)
    check.status = status
    check.checked_on = checked_on
    check.checked_by = actor.id if actor.kind == "team" else None
    check.evidence = evidence.strip()
    check.notes = notes.strip()
    db.session.flush()
    audit.record(
        actor,
        "fppt_check_recorded",
        "application",
        application.id,
        kind=kind,
        status=status,
        round=number,
    )
    return check


def override(actor: Actor, application: Application, reason: str, *, is_admin: bool) -> None:
    """An administrator's decision to appoint without a complete record, with its reason."""
    if not is_admin:
        raise FpptError("Only an administrator can override the fit and proper person checks.")
    if not reason.strip():
        raise FpptError("Give the reason for appointing without every check complete.")
    existing = override_of(application)
    if existing is None:
        existing = FpptOverride(application_id=application.id, by=actor.id or 0, reason="")
        db.session.add(existing)
    existing.reason = reason.strip()
    existing.by = actor.id or 0
    db.session.flush()
    audit.record(actor, "fppt_overridden", "application", application.id, reason=reason.strip())
