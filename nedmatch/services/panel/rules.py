"""The panel's rules: who is on the panel, when scores can be given, what a score sheet
holds, and how scores are summarised. Pure functions over records and plain scores."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import fmean
from typing import Any

from ...models import DISAGREEMENT_SPREAD, Application, Vacancy
from ...stages import FIRST_PANEL_STAGE, PROGRESS, SCORABLE, Stage, furthest

MAX_COMMENT = 2000


class SheetStatus(StrEnum):
    """Where one member's score sheet for one candidate stands (not a candidate's stage)."""

    NOT_STARTED = "not-started"
    DRAFT = "draft"
    SUBMITTED = "submitted"


STATUS_LABELS = {
    SheetStatus.NOT_STARTED: "Not started",
    SheetStatus.DRAFT: "Draft saved",
    SheetStatus.SUBMITTED: "Submitted",
}
# Once scoring has closed, what was never submitted will not be.
CLOSED_STATUS_LABELS = {
    **STATUS_LABELS,
    SheetStatus.NOT_STARTED: "Not scored",
    SheetStatus.DRAFT: "Draft not submitted",
}


class PanelError(ValueError):
    """Scores that cannot be saved; the message says why and what to do."""


@dataclass(frozen=True)
class Criterion:
    key: str  # stable while the wording is unchanged, so a stale form cannot misfile a score
    text: str
    essential: bool

    @property
    def kind(self) -> str:
        return "Essential" if self.essential else "Desirable"


@dataclass(frozen=True)
class Entry:
    """One criterion on a member's score sheet: a score on PANEL_SCALE (None: not yet
    scored, allowed only in a draft) and an optional comment."""

    score: int | None
    comment: str = ""


def criterion_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def criteria(vacancy: Vacancy) -> list[Criterion]:
    """Every criterion of the vacancy, essentials first; a desirable criterion worded like an
    essential one is scored once, as essential."""
    found: list[Criterion] = []
    seen: set[str] = set()
    for essential, texts in (
        (True, vacancy.essential_criteria),
        (False, vacancy.desirable_criteria),
    ):
        for text in texts or []:
            if text and text not in seen:
                seen.add(text)
                found.append(Criterion(criterion_key(text), text, essential))
    return found


def furthest_stage(application: Application) -> Stage:
    """The furthest progress stage reached: a candidate rejected after interview was still
    interviewed."""
    return furthest([application.stage] + [change.to_stage for change in application.stage_changes])


def on_panel(application: Application) -> bool:
    if application.stage == Stage.DRAFT:
        return False
    # A candidate on the panel stays on its record if later appointed, rejected or withdrawn.
    return PROGRESS.index(furthest_stage(application)) >= PROGRESS.index(FIRST_PANEL_STAGE)


def is_scorable(application: Application) -> bool:
    return application.stage in SCORABLE


def stage_text(application: Application) -> str:
    """The stage, with how far a candidate got before leaving."""
    if application.stage in {Stage.REJECTED, Stage.WITHDRAWN}:
        reached = furthest_stage(application).label.lower()
        return f"{application.stage_label} (furthest stage: {reached})"
    return application.stage_label


# Summaries: pure functions over plain scores, so they can be checked by hand.


@dataclass(frozen=True)
class CriterionSummary:
    criterion: Criterion
    scores: dict[int, int]  # member id -> score, submitted members only

    @property
    def members(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return fmean(self.scores.values()) if self.scores else None

    @property
    def spread(self) -> int | None:
        return max(self.scores.values()) - min(self.scores.values()) if self.scores else None

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_SPREAD


@dataclass(frozen=True)
class Summary:
    criteria: list[CriterionSummary]
    member_means: dict[int, float]  # each submitted member's average over the criteria

    @property
    def members(self) -> int:
        return len(self.member_means)

    @property
    def mean(self) -> float | None:
        """The mean of the members' averages: every member counts once, whatever they scored."""
        return fmean(self.member_means.values()) if self.member_means else None

    @property
    def spread(self) -> float | None:
        values = self.member_means.values()
        return max(values) - min(values) if self.member_means else None

    @property
    def disagreements(self) -> list[CriterionSummary]:
        return [c for c in self.criteria if c.disagreement]

    @property
    def disagreement(self) -> bool:
        return bool(self.disagreements)


def summarise(criteria: Sequence[Criterion], scores: Mapping[int, Mapping[str, int]]) -> Summary:
    """scores: member id -> criterion text -> score, for submitted members only. Scores for
    criteria no longer in the specification are left out."""
    per_criterion = [
        CriterionSummary(c, {m: s[c.text] for m, s in scores.items() if c.text in s})
        for c in criteria
    ]
    texts = {c.text for c in criteria}
    member_means = {}
    for member, given in scores.items():
        values = [score for text, score in given.items() if text in texts]
        if values:
            member_means[member] = fmean(values)
    return Summary(per_criterion, member_means)


def short(text: str, limit: int = 80) -> str:
    """A criterion named in a message: whole when short, else its opening words."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def status_label(status: SheetStatus, application: Application) -> str:
    labels = STATUS_LABELS if is_scorable(application) else CLOSED_STATUS_LABELS
    return labels[status]


def may_see_panel(application: Application, member_id: int, submitted: Mapping[int, Any]) -> bool:
    """Independence: the others' scores stay hidden from a member until they have submitted
    their own, or until scoring has closed and there is nothing left to sway."""
    return member_id in submitted or not is_scorable(application)
