"""Panel scoring and the panel's downloads.

Each panel member scores each shortlisted candidate against every criterion of the
vacancy on the published scale, independently: a member's scores are a private draft until
submitted, submitting is final, and a member sees how the others scored a candidate only
after submitting their own (or once scoring has closed, when there is nothing left to
sway). The downloads are the shortlist (the candidates who reached the panel) and the
panel's scores; neither ever reads equality monitoring data.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import fmean
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..matching import CriterionResult
from ..models import (
    DISAGREEMENT_SPREAD,
    PANEL_SCALE,
    PROGRESS_STAGES,
    STAGES,
    Application,
    Candidate,
    IdentityReveal,
    PanelScore,
    PanelSubmission,
    TeamUser,
    Vacancy,
)
from . import audit, matching

# Scores can be given and changed at these stages; afterwards they are the record.
SCORABLE_STAGES = ("shortlisted", "interview", "recommended")
# A candidate is on the panel once shortlisted, and stays on its record if later appointed,
# rejected or withdrawn.
FIRST_PANEL_STAGE = "shortlisted"
MAX_COMMENT = 2000

NOT_STARTED, DRAFT, SUBMITTED = "not-started", "draft", "submitted"
STATUS_LABELS = {NOT_STARTED: "Not started", DRAFT: "Draft saved", SUBMITTED: "Submitted"}
# Once scoring has closed, what was never submitted will not be.
CLOSED_STATUS_LABELS = {**STATUS_LABELS, NOT_STARTED: "Not scored", DRAFT: "Draft not submitted"}


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


def furthest_stage(application: Application) -> str:
    """The furthest progress stage reached: a candidate rejected after interview was still
    interviewed."""
    reached = [application.stage] + [change.to_stage for change in application.stage_changes]
    indexes = [PROGRESS_STAGES.index(stage) for stage in reached if stage in PROGRESS_STAGES]
    return PROGRESS_STAGES[max(indexes)] if indexes else "applied"


def on_panel(application: Application) -> bool:
    if application.stage == "draft":
        return False
    return PROGRESS_STAGES.index(furthest_stage(application)) >= PROGRESS_STAGES.index(
        FIRST_PANEL_STAGE
    )


def is_scorable(application: Application) -> bool:
    return application.stage in SCORABLE_STAGES


def stage_text(application: Application) -> str:
    """The stage, with how far a candidate got before leaving."""
    if application.stage in {"rejected", "withdrawn"}:
        furthest = STAGES[furthest_stage(application)].lower()
        return f"{application.stage_label} (furthest stage: {furthest})"
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


# Reading the panel's scores.


def _submissions(application_ids: Sequence[int]) -> dict[int, dict[int, datetime]]:
    """application id -> member id -> when they submitted."""
    found: dict[int, dict[int, datetime]] = defaultdict(dict)
    if application_ids:
        rows = db.session.execute(
            db.select(PanelSubmission).where(PanelSubmission.application_id.in_(application_ids))
        ).scalars()
        for row in rows:
            found[row.application_id][row.member_id] = row.at
    return found


def _scores(application_ids: Sequence[int]) -> dict[int, dict[int, list[PanelScore]]]:
    """application id -> member id -> their score rows (drafts included: filter before use)."""
    found: dict[int, dict[int, list[PanelScore]]] = defaultdict(lambda: defaultdict(list))
    if application_ids:
        rows = db.session.execute(
            db.select(PanelScore)
            .where(PanelScore.application_id.in_(application_ids))
            .order_by(PanelScore.id)
        ).scalars()
        for row in rows:
            found[row.application_id][row.member_id].append(row)
    return found


def _submitted_scores(
    rows: Mapping[int, list[PanelScore]], submitted: Mapping[int, datetime]
) -> dict[int, dict[str, int]]:
    return {
        member: {row.criterion: row.score for row in member_rows}
        for member, member_rows in rows.items()
        if member in submitted
    }


def _status(
    member_id: int, rows: Mapping[int, list[PanelScore]], submitted: Mapping[int, Any]
) -> str:
    if member_id in submitted:
        return SUBMITTED
    return DRAFT if rows.get(member_id) else NOT_STARTED


def status_label(status: str, application: Application) -> str:
    labels = STATUS_LABELS if is_scorable(application) else CLOSED_STATUS_LABELS
    return labels[status]


def may_see_panel(application: Application, member_id: int, submitted: Mapping[int, Any]) -> bool:
    """Independence: the others' scores stay hidden from a member until they have submitted
    their own, or until scoring has closed and there is nothing left to sway."""
    return member_id in submitted or not is_scorable(application)


def panel_applications(vacancy: Vacancy) -> list[Application]:
    """The candidates who reached the panel, by reference."""
    applications = db.session.execute(
        db.select(Application)
        .where(Application.vacancy_id == vacancy.id, Application.stage != "draft")
        .options(selectinload(Application.stage_changes))
        .order_by(Application.reference)
    ).scalars()
    return [a for a in applications if on_panel(a)]


@dataclass(frozen=True)
class PanelRow:
    """A candidate on the panel overview, as one member may see it."""

    application: Application
    status: str
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
    submissions, scores = _submissions(ids), _scores(ids)
    spec = criteria(vacancy)
    rows = []
    for application in applications:
        submitted = submissions.get(application.id, {})
        given = scores.get(application.id, {})
        summary = None
        if may_see_panel(application, member_id, submitted):
            summary = summarise(spec, _submitted_scores(given, submitted))
        rows.append(
            PanelRow(application, _status(member_id, given, submitted), len(submitted), summary)
        )
    return rows


@dataclass(frozen=True)
class ScoreSheet:
    """What one member's scoring page shows for one candidate."""

    application: Application
    criteria: list[Criterion]
    own: dict[str, PanelScore]  # criterion key -> this member's row
    status: str
    submitted_at: datetime | None
    submitted: int
    summary: Summary | None  # None while withheld from this member
    members: list[TeamUser] = field(default_factory=list)  # submitted, this member first
    comments: dict[str, list[tuple[TeamUser, str]]] = field(default_factory=dict)

    @property
    def can_edit(self) -> bool:
        return self.status != SUBMITTED and is_scorable(self.application)

    @property
    def status_label(self) -> str:
        return status_label(self.status, self.application)


def score_sheet(application: Application, member_id: int) -> ScoreSheet:
    spec = criteria(application.vacancy)
    keys = {c.text: c.key for c in spec}
    submitted = _submissions([application.id]).get(application.id, {})
    given = _scores([application.id]).get(application.id, {})
    own = {keys[row.criterion]: row for row in given.get(member_id, []) if row.criterion in keys}
    summary = None
    members: list[TeamUser] = []
    comments: dict[str, list[tuple[TeamUser, str]]] = {}
    if may_see_panel(application, member_id, submitted):
        summary = summarise(spec, _submitted_scores(given, submitted))
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
        status=_status(member_id, given, submitted),
        submitted_at=submitted.get(member_id),
        submitted=len(submitted),
        summary=summary,
        members=members,
        comments=comments,
    )


# Recording scores.


def save(
    member: TeamUser, application: Application, entries: Mapping[str, Entry], *, submit: bool
) -> None:
    """Replace the member's score sheet for the candidate with ``entries`` (criterion key ->
    entry); with ``submit``, every criterion must be scored and the sheet becomes final.
    Flushes and records the audit event; the caller commits."""
    reference = application.reference
    if not is_scorable(application):
        raise PanelError(
            f"{reference} is {application.stage_label.lower()}: panel scores can only be "
            "given or changed while a candidate is shortlisted, invited to interview or "
            "recommended."
        )
    already = db.session.execute(
        db.select(PanelSubmission).filter_by(application_id=application.id, member_id=member.id)
    ).scalar_one_or_none()
    if already is not None:
        raise PanelError(
            f"You have already submitted your scores for {reference}; they cannot be changed."
        )
    spec = {c.key: c for c in criteria(application.vacancy)}
    unknown = set(entries) - set(spec)
    if unknown:
        raise PanelError(
            "The scores sent do not match this vacancy's criteria, which may have changed. "
            "Check every score on this page and save again."
        )
    for key, entry in entries.items():
        text = spec[key].text
        if entry.score is not None and entry.score not in PANEL_SCALE:
            raise PanelError(f"Select a score between 0 and 4 for {short(text)}.")
        if len(entry.comment) > MAX_COMMENT:
            raise PanelError(
                f"Your comment on {short(text)} must be {MAX_COMMENT:,} characters or fewer."
            )
        if entry.score is None and entry.comment.strip():
            raise PanelError(f"Select a score for {short(text)} to save your comment on it.")
    if submit:
        missing = [c for k, c in spec.items() if entries.get(k, Entry(None)).score is None]
        if missing:
            raise PanelError(f"Select a score for {short(missing[0].text)} before you submit.")

    existing = {
        row.criterion: row
        for row in db.session.execute(
            db.select(PanelScore).filter_by(application_id=application.id, member_id=member.id)
        ).scalars()
    }
    recorded: dict[str, int] = {}
    for key, criterion in spec.items():
        entry = entries.get(key, Entry(None))
        row = existing.pop(criterion.text, None)
        if entry.score is None:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = PanelScore(
                application_id=application.id, member_id=member.id, criterion=criterion.text
            )
            db.session.add(row)
        row.score = entry.score
        row.comment = entry.comment.strip()
        recorded[criterion.text] = entry.score
    for stale in existing.values():  # criteria since removed from the specification
        db.session.delete(stale)
    if submit:
        db.session.add(PanelSubmission(application_id=application.id, member_id=member.id))
    audit.record(
        f"team:{member.id}",
        "panel_scores_submitted" if submit else "panel_scores_saved",
        "application",
        application.id,
        reference=reference,
        scores=recorded,
        criteria=len(spec),
    )
    db.session.flush()


def short(text: str, limit: int = 80) -> str:
    """A criterion named in a message: whole when short, else its opening words."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# Downloads: tables built once, written as CSV or XLSX.


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 14
    number_format: str | None = None


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)


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


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


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
            Column("Submitted", 12, "yyyy-mm-dd"),
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
                _yes_no(a.guaranteed_interview),
                _declaration(a.candidate),
                _yes_no(shown),
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
    submissions, scores = _submissions(ids), _scores(ids)
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
            Column("Submitted", 18, "yyyy-mm-dd hh:mm"),
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
        summary = summarise(spec, _submitted_scores(given, submitted))
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
                    _yes_no(c.disagreement),
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
                _yes_no(summary.disagreement),
                note,
            ]
        )
    return detail, summary_table


# A cell starting with one of these is run as a formula by spreadsheet programs: text typed
# by people (comments, criteria) is written so that it stays text (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, float):
        return str(round(value, 2))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def to_csv(tables: Sequence[Table]) -> bytes:
    """One tidy CSV in UTF-8 with a byte-order mark (so Excel reads accents right). Several
    tables share one header, with a first column naming the table each row comes from."""
    titles: list[str] = []
    for table in tables:
        titles += [c.title for c in table.columns if c.title not in titles]
    several = len(tables) > 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((["Row type"] if several else []) + titles)
    for table in tables:
        positions = [titles.index(c.title) for c in table.columns]
        for row in table.rows:
            out = [""] * len(titles)
            for position, value in zip(positions, row, strict=True):
                out[position] = _csv_value(value)
            writer.writerow(([table.name] if several else []) + out)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """A sheet per table: bold header kept in view, set widths and number formats."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append([c.title for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([_ILLEGAL_XML.sub("", v) if isinstance(v, str) else v for v in row])
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    if column.width >= 40:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif column.number_format and cell.value is not None:
                    cell.number_format = column.number_format
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
