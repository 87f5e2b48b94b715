"""Moving candidates through a campaign's stages, with the rules a complaint would test:
allowed moves only, a reason to reject or to move back, and the guaranteed interview
scheme enforced."""

from __future__ import annotations

from dataclasses import dataclass

from ...extensions import db
from ...models import PROGRESS_STAGES, STAGES, Application, StageChange
from ..platform import audit

# Forward one stage at a time; reject from any open stage; back one stage with a reason;
# a rejected candidate can be reinstated (back to where they were) with a reason.
_FORWARD = {stage: PROGRESS_STAGES[i + 1] for i, stage in enumerate(PROGRESS_STAGES[:-1])}
_BACK = {PROGRESS_STAGES[i + 1]: stage for i, stage in enumerate(PROGRESS_STAGES[:-1])}
# Before these stages, a guaranteed-interview candidate who meets the essentials cannot be
# rejected without an administrator's recorded override.
BEFORE_INTERVIEW = {"applied", "longlisted", "shortlisted"}


class StageError(ValueError):
    """A move the rules do not allow; the message says why and what to do."""


@dataclass(frozen=True)
class Move:
    to_stage: str
    reason: str = ""
    override: bool = False  # an administrator overriding the guaranteed interview scheme


def allowed_moves(application: Application) -> list[str]:
    stage = application.stage
    if stage in {"draft", "withdrawn"}:
        return []
    if stage == "rejected":
        return [_stage_before_rejection(application)]
    moves = []
    if stage in _FORWARD:
        moves.append(_FORWARD[stage])
    if stage in _BACK:
        moves.append(_BACK[stage])
    if stage != "appointed":
        moves.append("rejected")
    return moves


def _stage_before_rejection(application: Application) -> str:
    for change in reversed(application.stage_changes):
        if change.to_stage == "rejected":
            return change.from_stage
    return "applied"


def is_backward(application: Application, to_stage: str) -> bool:
    if application.stage == "rejected":
        return False
    if to_stage not in PROGRESS_STAGES or application.stage not in PROGRESS_STAGES:
        return False
    return PROGRESS_STAGES.index(to_stage) < PROGRESS_STAGES.index(application.stage)


def needs_reason(application: Application, to_stage: str) -> bool:
    return (
        to_stage == "rejected"
        or is_backward(application, to_stage)
        or (application.stage == "rejected")
    )


def protected_by_scheme(application: Application, meets_essentials: bool | None) -> bool:
    """A guaranteed-interview candidate who meets the essentials, not yet at interview."""
    return bool(
        application.guaranteed_interview
        and meets_essentials
        and application.stage in BEFORE_INTERVIEW
    )


def move(
    actor: str,
    application: Application,
    change: Move,
    *,
    actor_is_admin: bool,
    meets_essentials: bool | None,
) -> None:
    to_stage = change.to_stage
    if to_stage not in STAGES:
        raise StageError("Choose a stage to move the candidate to.")
    if to_stage not in allowed_moves(application):
        raise StageError(
            f"{application.reference} is {STAGES[application.stage].lower()}: it cannot move "
            f"to {STAGES[to_stage].lower()}."
        )
    reason = change.reason.strip()
    if needs_reason(application, to_stage) and not reason:
        raise StageError(
            f"Give a reason to {'reject' if to_stage == 'rejected' else 'move back'} "
            f"{application.reference}."
        )
    if to_stage == "rejected" and protected_by_scheme(application, meets_essentials):
        if not change.override:
            raise StageError(
                f"{application.reference} is in the guaranteed interview scheme and meets "
                "the essential criteria, so must be offered an interview. An administrator "
                "can override this with a recorded reason."
            )
        if not actor_is_admin:
            raise StageError("Only an administrator can override the guaranteed interview scheme.")
    previous = application.stage
    application.stage = to_stage
    db.session.add(
        StageChange(application=application, from_stage=previous, to_stage=to_stage, reason=reason)
    )
    detail: dict[str, object] = {"from_stage": previous, "to_stage": to_stage}
    if reason:
        detail["reason"] = reason
    if change.override and to_stage == "rejected":
        detail["guaranteed_interview_override"] = True
    audit.record(actor, "stage_changed", "application", application.id, **detail)
    db.session.flush()
