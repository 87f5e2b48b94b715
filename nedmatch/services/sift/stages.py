"""Moving candidates through a campaign's stages, with the rules a complaint would test:
allowed moves only, a reason to reject or to move back, and the guaranteed interview
scheme enforced."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ...actors import Actor
from ...extensions import db
from ...models import Application, StageChange, Vacancy
from ...stages import BEFORE_INTERVIEW, PROGRESS, Stage, progress_index
from ..boards import seating
from ..fppt import gate as fppt_gate
from ..messages import queue as messages
from ..platform import audit
from ..webhooks import events as webhooks
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
        return [stage_before_rejection(application)]
    moves = []
    if stage in _FORWARD:
        moves.append(_FORWARD[stage])
    if stage in _BACK:
        moves.append(_BACK[stage])
    if stage != Stage.APPOINTED:
        moves.append(Stage.REJECTED)
    return moves


def stage_before_rejection(application: Application) -> Stage:
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


def check(
    application: Application,
    change: Move,
    *,
    actor_is_admin: bool,
    meets_essentials: bool | None,
) -> Stage:
    """The stage the move goes to, or StageError saying why the rules refuse it."""
    to_stage = Stage.parse(change.to_stage)
    if to_stage is None:
        raise StageError("Choose a stage to move the candidate to.")
    if to_stage not in allowed_moves(application):
        raise StageError(
            f"{application.reference} is {_label(application.stage).lower()}: it cannot move "
            f"to {to_stage.label.lower()}."
        )
    if needs_reason(application, to_stage) and not change.reason.strip():
        raise StageError(
            f"Give a reason to {'reject' if to_stage == Stage.REJECTED else 'move back'} "
            f"{application.reference}."
        )
    if to_stage == Stage.APPOINTED:
        refused = fppt_gate.refusal(application)
        if refused is not None:
            raise StageError(refused)
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


def move(
    actor: Actor | str,
    application: Application,
    change: Move,
    *,
    actor_is_admin: bool,
    meets_essentials: bool | None,
) -> None:
    to_stage = check(
        application, change, actor_is_admin=actor_is_admin, meets_essentials=meets_essentials
    )
    reason = change.reason.strip()
    previous = application.stage
    backward = is_backward(application, to_stage)
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
    if to_stage == Stage.APPOINTED:
        seating.seat(str(actor), application, date.today())
    elif previous == Stage.APPOINTED:
        seating.unseat(str(actor), application)
    webhooks.stage_changed(application, previous)
    if previous == Stage.REJECTED:
        # Reinstated: a rejection the candidate has not been sent yet is not sent.
        pending = messages.pending_rejection(application)
        if pending is not None:
            messages.cancel(pending)
    elif not backward:
        messages.queue(application, to_stage)


UNDO_REASON = "Rejection undone before the candidate was told"


def undo_rejection(actor: Actor, application: Application) -> Stage:
    """Take back a rejection whose message is still waiting: the application goes back to
    the stage it was rejected from and the message is cancelled. Returns that stage."""
    pending = messages.pending_rejection(application)
    if application.stage != Stage.REJECTED or pending is None:
        raise StageError(
            f"The rejection of {application.reference} can no longer be undone: the candidate "
            "has been told. Move them back with a reason instead."
        )
    if not messages.cancel(pending):
        raise StageError(
            f"The rejection of {application.reference} was sent to the candidate a moment "
            "ago, so it can no longer be undone. Move them back with a reason instead."
        )
    back = stage_before_rejection(application)
    application.stage = back.value
    db.session.add(
        StageChange(
            application=application,
            from_stage=Stage.REJECTED.value,
            to_stage=back.value,
            reason=UNDO_REASON,
        )
    )
    audit.record(
        actor,
        "rejection_undone",
        "application",
        application.id,
        from_stage=Stage.REJECTED.value,
        to_stage=back.value,
    )
    db.session.flush()
    return back


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


def planned(
    vacancy: Vacancy, application_ids: Iterable[int], action: BulkAction
) -> Iterator[tuple[Application, Stage | None, bool | None]]:
    """Each chosen application of this vacancy with the stage a bulk action would move it
    to (None: it has no next stage) and the model's verdict on its essentials."""
    applications = submitted_for(vacancy)
    assessment = assessment_for(vacancy, [a.candidate_id for a in applications.values()])
    for app_id in application_ids:
        application = applications.get(app_id)
        if application is None:
            continue  # not one of this vacancy's: the form's choices already refuse it
        target = next_stage(application) if action == "advance" else Stage.REJECTED
        meets = assessment.meets_of(application.candidate_id) if assessment else None
        yield application, target, meets


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
    if action == "rejected" and not reason:
        raise StageError("Give a reason to reject the selected candidates.")
    result = BulkResult()
    for application, target, meets in planned(vacancy, application_ids, action):
        if target is None:
            result.refused.append(f"{application.reference} has no next stage")
            continue
        try:
            move(
                actor,
                application,
                Move(target, reason or ""),
                actor_is_admin=actor_is_admin,
                meets_essentials=meets,
            )
        except StageError as error:
            result.refused.append(str(error))
        else:
            result.moved += 1
    return result
