"""The panel's downloads: the shortlist and the submitted scores, as tables for the one
table writer. Neither ever reads equality monitoring data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ...actors import Actor
from ...extensions import db
from ...matching import CriterionResult
from ...models import (
    DISAGREEMENT_SPREAD,
    PANEL_SCALE,
    STAGES,
    Candidate,
    IdentityReveal,
    TeamUser,
    Vacancy,
)
from ...spreadsheets import MEDIA_TYPES, Column, Table, to_csv, to_xlsx, yes_no
from .. import matching
from ..platform import audit
from .queries import panel_applications, score_rows_for, submissions_for, submitted_scores
from .rules import criteria, furthest_stage, may_see_panel, stage_text, summarise


def essentials_words(meets: bool) -> str:
    """The ranked list's group, in its own words."""
    return "Evidence every essential criterion" if meets else "Not evidenced yet"


def verdict_words(criteria: Iterable[CriterionResult]) -> str:
    """Each criterion with the verdict the ranked list shows ("Met", "Possible: check",
    "Not evidenced"), essentials first, one per line."""
    ordered = sorted(criteria, key=lambda c: not c.essential)
    return "\n".join(
        f"{c.verdict_label}: {'Essential' if c.essential else 'Desirable'}: {c.criterion}"
        for c in ordered
    )


def _declaration(candidate: Candidate) -> str:
    declaration = candidate.eligibility
    if declaration is None:
        return "Not answered"
    return "Issue declared: discuss" if declaration.flagged else "None declared"


def shortlist_table(vacancy: Vacancy) -> Table:
    """Everyone who reached the shortlist, by reference. Name and email only where the
    identity has been revealed at interview; no equality monitoring data at all."""
    applications = panel_applications(vacancy)
    ids = [a.id for a in applications]
    revealed = (
        set(
            db.session.execute(
                db.select(IdentityReveal.application_id).where(
                    IdentityReveal.application_id.in_(ids)
                )
            ).scalars()
        )
        if ids
        else set()
    )
    matches = matching.rank_applicants(vacancy, top_k=max(len(matching.applicant_ids(vacancy)), 1))
    by_candidate = {m.candidate_id: m for m in matches or []}
    table = Table(
        "Shortlist",
        [
            Column("Reference", 16),
            Column("Stage", 34),
            Column("Furthest stage", 28),
            Column("Submitted", 18),
            Column("Match score (0 to 100)", 12, "0.0"),
            Column("Essential criteria", 20),
            Column("Criterion verdicts", 60),
            Column("Guaranteed interview scheme", 14),
            Column("Eligibility declaration", 24),
            Column("Identity revealed", 12),
            Column("Name", 24),
            Column("Email", 30),
        ],
    )
    for a in applications:
        match = by_candidate.get(a.candidate_id)
        shown = a.id in revealed
        table.rows.append(
            [
                a.reference,
                a.stage_label,
                STAGES[furthest_stage(a)],
                a.submitted_at.date() if a.submitted_at else None,
                round(match.score, 1) if match else None,
                essentials_words(match.meets_essentials) if match else "",
                verdict_words(match.criteria) if match else "",
                yes_no(a.guaranteed_interview),
                _declaration(a.candidate),
                yes_no(shown),
                a.candidate.full_name if shown else "",
                a.candidate.email if shown else "",
            ]
        )
    return table


WITHHELD = "Withheld until you submit your own scores for this candidate"


def panel_tables(vacancy: Vacancy, member_id: int) -> tuple[Table, Table]:
    """The submitted scores (one row per candidate, member and criterion) and the summary
    (one row per candidate and criterion, and one overall). Drafts are never included, and
    a candidate still being scored is withheld from a member who has not yet submitted."""
    applications = panel_applications(vacancy)
    ids = [a.id for a in applications]
    submissions, scores = submissions_for(ids), score_rows_for(ids)
    spec = criteria(vacancy)
    kinds = {c.text: c.kind for c in spec}
    members = {m for submitted in submissions.values() for m in submitted}
    names = {
        user.id: user.name
        for user in db.session.execute(
            db.select(TeamUser).where(TeamUser.id.in_(members))
        ).scalars()
    }
    detail = Table(
        "Scores",
        [
            Column("Reference", 16),
            Column("Stage", 34),
            Column("Criterion type", 12),
            Column("Criterion", 48),
            Column("Panel member", 24),
            Column("Score", 8, "0"),
            Column("Score meaning", 18),
            Column("Comment", 60),
            Column("Submitted", 26),
        ],
    )
    summary_table = Table(
        "Summary",
        [
            Column("Reference", 16),
            Column("Stage", 34),
            Column("Criterion type", 12),
            Column("Criterion", 48),
            Column("Mean", 8, "0.00"),
            Column("Spread", 8, "0.00"),
            Column("Members submitted", 11, "0"),
            Column("Large disagreement", 12),
            Column("Note", 40),
        ],
    )
    for a in applications:
        submitted = submissions.get(a.id, {})
        stage = stage_text(a)
        if not may_see_panel(a, member_id, submitted):
            summary_table.rows.append(
                [a.reference, stage, "", "Overall", None, None, len(submitted), "", WITHHELD]
            )
            continue
        given = scores.get(a.id, {})
        order = sorted(submitted, key=lambda m: (submitted[m], m))
        for member in order:
            by_text = {row.criterion: row for row in given.get(member, [])}
            ordered = [by_text.pop(c.text) for c in spec if c.text in by_text] + list(
                by_text.values()
            )
            for row in ordered:
                detail.rows.append(
                    [
                        a.reference,
                        stage,
                        kinds.get(row.criterion, "No longer in the specification"),
                        row.criterion,
                        names.get(member, f"Team member {member}"),
                        row.score,
                        PANEL_SCALE.get(row.score, ""),
                        row.comment,
                        submitted[member],
                    ]
                )
        summary = summarise(spec, submitted_scores(given, submitted))
        for c in summary.criteria:
            summary_table.rows.append(
                [
                    a.reference,
                    stage,
                    c.criterion.kind,
                    c.criterion.text,
                    c.mean,
                    c.spread,
                    c.members,
                    yes_no(c.disagreement),
                    "",
                ]
            )
        flagged = len(summary.disagreements)
        note = (
            f"Spread of {DISAGREEMENT_SPREAD} or more on {flagged} "
            + ("criterion" if flagged == 1 else "criteria")
            if flagged
            else ""
        )
        summary_table.rows.append(
            [
                a.reference,
                stage,
                "",
                "Overall",
                summary.mean,
                summary.spread,
                summary.members,
                yes_no(summary.disagreement),
                note,
            ]
        )
    return detail, summary_table


ExportKind = Literal["shortlist", "panel"]
ExportFormat = Literal["csv", "xlsx"]


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str


def download(actor: Actor, vacancy: Vacancy, kind: ExportKind, fmt: ExportFormat) -> Download:
    """The shortlist or the panel's scores as a file, with an audit record of who took it
    (the caller commits). The panel's scores are those ``actor`` may see."""
    if kind == "shortlist":
        tables = [shortlist_table(vacancy)]
    else:
        if actor.id is None:
            raise ValueError("Only a team member can download the panel's scores.")
        tables = list(panel_tables(vacancy, actor.id))
    data = to_csv(tables) if fmt == "csv" else to_xlsx(tables)
    audit.record(
        actor,
        "export_downloaded",
        "vacancy",
        vacancy.id,
        export=kind,
        format=fmt,
        rows=sum(len(t.rows) for t in tables),
    )
    name = f"{kind}-vacancy-{vacancy.id}-{date.today().isoformat()}.{fmt}"
    return Download(data, name, MEDIA_TYPES[fmt])
