"""The view models the panel pages show: what each member may see of the others' scores
depends on whether they have submitted their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ...extensions import db
from ...models import Application, PanelScore, TeamUser, Vacancy
from .queries import (
    panel_applications,
    score_rows_for,
    sheet_status,
    submissions_for,
    submitted_scores,
)
from .rules import (
    Criterion,
    SheetStatus,
    Summary,
    criteria,
    is_scorable,
    may_see_panel,
    status_label,
    summarise,
)


@dataclass(frozen=True)
class PanelRow:
    """A candidate on the panel overview, as one member may see it."""

    application: Application
    status: SheetStatus
    submitted: int
    summary: Summary | None  # None while withheld from this member

    @property
    def status_label(self) -> str:
        return status_label(self.status, self.application)

    @property
    def scoring_open(self) -> bool:
        return is_scorable(self.application)


def overview(vacancy: Vacancy, member_id: int) -> list[PanelRow]:
    applications = panel_applications(vacancy)
    ids = [a.id for a in applications]
    submissions, scores = submissions_for(ids), score_rows_for(ids)
    spec = criteria(vacancy)
    rows = []
    for application in applications:
        submitted = submissions.get(application.id, {})
        given = scores.get(application.id, {})
        summary = None
        if may_see_panel(application, member_id, submitted):
            summary = summarise(spec, submitted_scores(given, submitted))
        rows.append(
            PanelRow(
                application, sheet_status(member_id, given, submitted), len(submitted), summary
            )
        )
    return rows


@dataclass(frozen=True)
class ScoreSheet:
    """What one member's scoring page shows for one candidate."""

    application: Application
    criteria: list[Criterion]
    own: dict[str, PanelScore]  # criterion key -> this member's row
    status: SheetStatus
    submitted_at: datetime | None
    submitted: int
    summary: Summary | None  # None while withheld from this member
    members: list[TeamUser] = field(default_factory=list)  # submitted, this member first
    comments: dict[str, list[tuple[TeamUser, str]]] = field(default_factory=dict)

    @property
    def can_edit(self) -> bool:
        return self.status != SheetStatus.SUBMITTED and is_scorable(self.application)

    @property
    def status_label(self) -> str:
        return status_label(self.status, self.application)


def score_sheet(application: Application, member_id: int) -> ScoreSheet:
    spec = criteria(application.vacancy)
    keys = {c.text: c.key for c in spec}
    submitted = submissions_for([application.id]).get(application.id, {})
    given = score_rows_for([application.id]).get(application.id, {})
    own = {keys[row.criterion]: row for row in given.get(member_id, []) if row.criterion in keys}
    summary = None
    members: list[TeamUser] = []
    comments: dict[str, list[tuple[TeamUser, str]]] = {}
    if may_see_panel(application, member_id, submitted):
        summary = summarise(spec, submitted_scores(given, submitted))
        order = sorted(submitted, key=lambda m: (m != member_id, submitted[m], m))
        users = {
            u.id: u
            for u in db.session.execute(db.select(TeamUser).where(TeamUser.id.in_(order))).scalars()
        }
        members = [users[m] for m in order if m in users]
        for member in members:
            for row in given.get(member.id, []):
                if row.criterion in keys and row.comment:
                    comments.setdefault(keys[row.criterion], []).append((member, row.comment))
    return ScoreSheet(
        application=application,
        criteria=spec,
        own=own,
        status=sheet_status(member_id, given, submitted),
        submitted_at=submitted.get(member_id),
        submitted=len(submitted),
        summary=summary,
        members=members,
        comments=comments,
    )
