"""Moving candidates through a campaign's stages, with the rules a complaint would test:
allowed moves only, a reason to reject or to move back, and the guaranteed interview
scheme enforced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ...actors import Actor
from ...extensions import db
from ...models import Application, StageChange, Vacancy
from ...stages import BEFORE_INTERVIEW, PROGRESS, Stage, progress_index
from ..platform import audit
from .applications import submitted_for
from .ranked_list import assessment_for

# Forward one stage at a time; reject from any open stage; back one stage with a reason;
# a rejected candidate can be reinstated (back to where they were) with a reason.
_FORWARD = {stage: PROGRESS[i + 1] for i, stage in enumerate(PROGRESS[:-1])}
_BACK = {PROGRESS[i + 1]: stage for i, stage in enumerate(PROGRESS[:-1])}

BulkAction = Literal["advance", "rejected"]


class StageError(ValueError):
    """A move the rules do not allow; the message says why and what to do."""


@dataclass(frozen=True)
class Move:
    to_stage: str
    reason: str = ""
    override: bool = False  # an administrator overriding the guaranteed interview scheme


def _label(stage: str) -> str:
    parsed = Stage.parse(stage)
    return parsed.label if parsed is not None else stage


def allowed_moves(application: Application) -> list[Stage]:
    stage = Stage.parse(application.stage)
    if stage is None or stage in {Stage.DRAFT, Stage.WITHDRAWN}:
        return []
    if stage == Stage.REJECTED:
        return [_stage_before_rejection(application)]
    moves = []
    if stage in _FORWARD:
        moves.append(_FORWARD[stage])
    if stage in _BACK:
        moves.append(_BACK[stage])
    if stage != Stage.APPOINTED:
        moves.append(Stage.REJECTED)
    return moves


def _stage_before_rejection(application: Application) -> Stage:
    for change in reversed(application.stage_changes):
        if change.to_stage == Stage.REJECTED:
            return Stage.parse(change.from_stage) or Stage.APPLIED
    return Stage.APPLIED


def is_backward(application: Application, to_stage: str) -> bool:
    if application.stage == Stage.REJECTED:
        return False
    target, current = progress_index(to_stage), progress_index(application.stage)
    if target is None or current is None:
        return False
    return target < current


def needs_reason(application: Application, to_stage: str) -> bool:
    return (
        to_stage == Stage.REJECTED
        or is_backward(application, to_stage)
        or (application.stage == Stage.REJECTED)
    )


def protected_by_scheme(application: Application, meets_essentials: bool | None) -> bool:
    """A guaranteed-interview candidate who meets the essentials, not yet at interview."""
    return bool(
        application.guaranteed_interview
        and meets_essentials
        and application.stage in BEFORE_INTERVIEW
    )


def move(
    actor: Actor | str,
    application: Application,
    change: Move,
    *,
    actor_is_admin: bool,
    meets_essentials: bool | None,
) -> None:
    to_stage = check_move(
        application, change, actor_is_admin=actor_is_admin, meets_essentials=meets_essentials
    )
    reason = change.reason.strip()
    previous = application.stage
    application.stage = to_stage.value
    db.session.add(
        StageChange(
            application=application, from_stage=previous, to_stage=to_stage.value, reason=reason
        )
    )
    detail: dict[str, object] = {"from_stage": previous, "to_stage": to_stage.value}
    if reason:
        detail["reason"] = reason
    if change.override and to_stage == Stage.REJECTED:
        detail["guaranteed_interview_override"] = True
    audit.record(actor, "stage_changed", "application", application.id, **detail)
    db.session.flush()


def check_move(
    application: Application,
    change: Move,
    *,
    actor_is_admin: bool,
    meets_essentials: bool | None,
) -> Stage:
    """The stage ``change`` moves the application to, if the rules allow it; changes
    nothing. Raises StageError, saying why, where they do not."""
    to_stage = Stage.parse(change.to_stage)
    if to_stage is None:
        raise StageError("Choose a stage to move the candidate to.")
    if to_stage not in allowed_moves(application):
        raise StageError(
            f"{application.reference} is {_label(application.stage).lower()}: it cannot move "
            f"to {to_stage.label.lower()}."
        )
    reason = change.reason.strip()
    if needs_reason(application, to_stage) and not reason:
        raise StageError(
            f"Give a reason to {'reject' if to_stage == Stage.REJECTED else 'move back'} "
            f"{application.reference}."
        )
    if to_stage == Stage.REJECTED and protected_by_scheme(application, meets_essentials):
        if not change.override:
            raise StageError(
                f"{application.reference} is in the guaranteed interview scheme and meets "
                "the essential criteria, so must be offered an interview. An administrator "
                "can override this with a recorded reason."
            )
        if not actor_is_admin:
            raise StageError("Only an administrator can override the guaranteed interview scheme.")
    return to_stage


def move_one(actor: Actor, application: Application, change: Move, *, actor_is_admin: bool) -> None:
    """Move one application, judging the guaranteed interview scheme by the model's verdict
    on the essentials among everyone who applied."""
    applications = submitted_for(application.vacancy)
    assessment = assessment_for(
        application.vacancy, [a.candidate_id for a in applications.values()]
    )
    move(
        actor,
        application,
        change,
        actor_is_admin=actor_is_admin,
        meets_essentials=assessment.meets_of(application.candidate_id) if assessment else None,
    )


def next_stage(application: Application) -> Stage | None:
    """The next stage forward, or None where there is none (appointed, rejected, withdrawn)."""
    forward = [
        s
        for s in allowed_moves(application)
        if not is_backward(application, s) and s != Stage.REJECTED
    ]
    return forward[0] if forward else None


@dataclass
class BulkResult:
    moved: int = 0
    refused: list[str] = field(default_factory=list)  # why, one message per application


@dataclass(frozen=True)
class PlannedMove:
    application: Application
    to_stage: Stage
    meets_essentials: bool | None


@dataclass
class BulkPlan:
    """What a bulk action would do, before it is done: the page that asks the team to
    confirm a bulk rejection shows it."""

    action: BulkAction
    reason: str
    moves: list[PlannedMove] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why, one message per application


def plan_bulk(
    vacancy: Vacancy,
    application_ids: Iterable[int],
    action: BulkAction,
    reason: str,
    *,
    actor_is_admin: bool,
) -> BulkPlan:
    """Which of the chosen applications the action would move, and why the others would
    stay where they are; changes nothing."""
    if action == "rejected" and not reason:
        raise StageError("Give a reason to reject the selected candidates.")
    applications = submitted_for(vacancy)
    assessment = assessment_for(vacancy, [a.candidate_id for a in applications.values()])
    plan = BulkPlan(action, reason)
    for app_id in dict.fromkeys(application_ids):  # each once, in the order chosen
        application = applications.get(app_id)
        if application is None:
            continue  # not one of this vacancy's: the form's choices already refuse it
        if action == "advance":
            target = next_stage(application)
            if target is None:
                plan.refused.append(f"{application.reference} has no next stage")
                continue
        else:
            target = Stage.REJECTED
        meets = assessment.meets_of(application.candidate_id) if assessment else None
        try:
            check_move(
                application,
                Move(target, reason),
                actor_is_admin=actor_is_admin,
                meets_essentials=meets,
            )
        except StageError as error:
            plan.refused.append(str(error))
        else:
            plan.moves.append(PlannedMove(application, target, meets))
    return plan


def bulk_move(
    actor: Actor,
    vacancy: Vacancy,
    application_ids: Iterable[int],
    action: BulkAction,
    reason: str,
    *,
    actor_is_admin: bool,
) -> BulkResult:
    """Move each chosen application to its next stage, or reject each with one reason. An
    application that cannot move is left where it is, with the reason in the result."""
    plan = plan_bulk(vacancy, application_ids, action, reason, actor_is_admin=actor_is_admin)
    for planned in plan.moves:
        move(
            actor,
            planned.application,
            Move(planned.to_stage, reason),
            actor_is_admin=actor_is_admin,
            meets_essentials=planned.meets_essentials,
        )
    return BulkResult(moved=len(plan.moves), refused=plan.refused)
