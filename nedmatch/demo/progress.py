"""A demo application's way through the stages, with the dates of each move."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..models import PROGRESS_STAGES, Application, StageChange


def advance(
    rng: random.Random, application: Application, furthest: str, rejected: bool, start: datetime
) -> None:
    at = start
    previous = "draft"
    for stage in PROGRESS_STAGES[: PROGRESS_STAGES.index(furthest) + 1]:
        at += timedelta(days=rng.randint(1, 10))
        application.stage_changes.append(StageChange(from_stage=previous, to_stage=stage, at=at))
        previous = stage
    application.stage = furthest
    if rejected:
        at += timedelta(days=rng.randint(1, 5))
        application.stage_changes.append(
            StageChange(
                from_stage=previous,
                to_stage="rejected",
                at=at,
                reason="Did not meet the criteria as well as others at this stage",
            )
        )
        application.stage = "rejected"
