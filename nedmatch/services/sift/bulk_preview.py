"""What a bulk action on the ranked list would do, shown before it is confirmed: how many
candidates move, how many get which message, and one message as it would read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...models import Vacancy
from ...stages import Stage
from ..messages import templates
from ..messages.wording import TOLD, Wording
from .stages import BulkAction, Move, StageError, check, planned


@dataclass(frozen=True)
class BulkPreview:
    moving: int
    messages: list[tuple[Stage, int]]  # the message (by stage) and how many get it
    refused: list[str] = field(default_factory=list)
    example: Wording | None = None  # the first message, for a sample candidate
    rejection_delay_minutes: int = 0
    references: list[str] = field(default_factory=list)  # those who would move, in order
    moving_ids: list[int] = field(default_factory=list)  # their applications, to confirm

    @property
    def silent(self) -> int:
        """Moving, but to a stage the candidate is not told about."""
        return self.moving - sum(count for _, count in self.messages)


def preview(
    vacancy: Vacancy,
    application_ids: Iterable[int],
    action: BulkAction,
    reason: str,
    *,
    actor_is_admin: bool,
) -> BulkPreview:
    """Judge each move by the same rules as bulk_move, changing nothing."""
    if action == "rejected" and not reason:
        raise StageError("Give a reason to reject the selected candidates.")
    moving = 0
    told: Counter[Stage] = Counter()
    first_reference: dict[Stage, str] = {}
    refused: list[str] = []
    references: list[str] = []
    moving_ids: list[int] = []
    for application, target, meets in planned(vacancy, application_ids, action):
        if target is None:
            refused.append(f"{application.reference} has no next stage")
            continue
        try:
            check(
                application,
                Move(target, reason),
                actor_is_admin=actor_is_admin,
                meets_essentials=meets,
            )
        except StageError as error:
            refused.append(str(error))
            continue
        moving += 1
        references.append(application.reference)
        moving_ids.append(application.id)
        if target in TOLD:
            told[target] += 1
            first_reference.setdefault(target, application.reference)
    kinds = [stage for stage in TOLD if told[stage]]
    example = None
    if kinds:
        wording = templates.wording_for(vacancy, kinds[0])
        example = templates.preview(vacancy, wording, first_reference[kinds[0]])
    return BulkPreview(
        moving=moving,
        messages=[(stage, told[stage]) for stage in kinds],
        refused=refused,
        example=example,
        rejection_delay_minutes=templates.rejection_delay_minutes(),
        references=references,
        moving_ids=moving_ids,
    )
