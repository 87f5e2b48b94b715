"""The stages of a campaign as a type, with the named sets the code asks about.

`Stage` is a `StrEnum`, so a stage read from the database (a plain string) compares equal
to its member and the column needs no migration. The reports count people by the furthest
stage they reached, in a coarser vocabulary (`ReportStage`): `Stage.report_stage` is the
one bridge between the two.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Stage(StrEnum):
    DRAFT = "draft"
    APPLIED = "applied"
    LONGLISTED = "longlisted"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    RECOMMENDED = "recommended"
    APPOINTED = "appointed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def report_stage(self) -> ReportStage | None:
        """The diversity reports' stage counted for someone who reached this stage."""
        return _REPORT_STAGE.get(self)

    @classmethod
    def parse(cls, value: str) -> Stage | None:
        """The stage named by ``value``, or None for a value that names none."""
        try:
            return cls(value)
        except ValueError:
            return None


class ReportStage(StrEnum):
    """The stages a diversity report counts, in order: the pool, then a campaign's steps."""

    POOL = "pool"
    APPLIED = "applied"
    LONGLISTED = "longlisted"
    SHORTLISTED = "shortlisted"
    INTERVIEWED = "interviewed"
    APPOINTED = "appointed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


_LABELS: Final[dict[Stage, str]] = {
    Stage.DRAFT: "Not yet submitted",
    Stage.APPLIED: "Applied",
    Stage.LONGLISTED: "Longlisted",
    Stage.SHORTLISTED: "Shortlisted",
    Stage.INTERVIEW: "Invited to interview",
    Stage.RECOMMENDED: "Recommended for appointment",
    Stage.APPOINTED: "Appointed",
    Stage.REJECTED: "Not progressed",
    Stage.WITHDRAWN: "Withdrawn",
}

# Recommended is past interview: a report counts a recommended candidate as interviewed.
_REPORT_STAGE: Final[dict[Stage, ReportStage]] = {
    Stage.APPLIED: ReportStage.APPLIED,
    Stage.LONGLISTED: ReportStage.LONGLISTED,
    Stage.SHORTLISTED: ReportStage.SHORTLISTED,
    Stage.INTERVIEW: ReportStage.INTERVIEWED,
    Stage.RECOMMENDED: ReportStage.INTERVIEWED,
    Stage.APPOINTED: ReportStage.APPOINTED,
}

# The way forward through a campaign, in order.
PROGRESS: Final[tuple[Stage, ...]] = (
    Stage.APPLIED,
    Stage.LONGLISTED,
    Stage.SHORTLISTED,
    Stage.INTERVIEW,
    Stage.RECOMMENDED,
    Stage.APPOINTED,
)
# Nothing more happens to an application at these stages.
CLOSED: Final[frozenset[Stage]] = frozenset({Stage.APPOINTED, Stage.REJECTED, Stage.WITHDRAWN})
# Not moving through a campaign: not yet submitted, or stopped short of appointment.
INACTIVE: Final[frozenset[Stage]] = frozenset({Stage.DRAFT, Stage.REJECTED, Stage.WITHDRAWN})
# A reviewer may reveal who a candidate is only once they are invited to interview.
REVEAL_ALLOWED: Final[frozenset[Stage]] = frozenset(
    {Stage.INTERVIEW, Stage.RECOMMENDED, Stage.APPOINTED}
)
# Panel scores can be given and changed at these stages; afterwards they are the record.
SCORABLE: Final[frozenset[Stage]] = frozenset(
    {Stage.SHORTLISTED, Stage.INTERVIEW, Stage.RECOMMENDED}
)
# A candidate is on the panel from this stage on, and stays on its record if later
# appointed, rejected or withdrawn.
FIRST_PANEL_STAGE: Final = Stage.SHORTLISTED
# Before interview, a guaranteed-interview candidate who meets the essentials cannot be
# rejected without an administrator's recorded override.
BEFORE_INTERVIEW: Final[frozenset[Stage]] = frozenset(
    {Stage.APPLIED, Stage.LONGLISTED, Stage.SHORTLISTED}
)


def progress_index(stage: str) -> int | None:
    """Where a stage stands on the way forward, or None for draft, rejected, withdrawn."""
    parsed = Stage.parse(stage)
    return PROGRESS.index(parsed) if parsed in PROGRESS else None


def furthest(stages: list[str]) -> Stage:
    """The furthest stage on the way forward among ``stages`` (applied when none is)."""
    indexes = [i for i in (progress_index(s) for s in stages) if i is not None]
    return PROGRESS[max(indexes)] if indexes else Stage.APPLIED
