"""The ranked list a sift works from: every applicant scored once by the model, filtered,
sorted and paged, with explanations for the page shown only."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from ...extensions import db
from ...matching import Assessment, Match
from ...models import Application, Candidate, EligibilityDeclaration, IdentityReveal, Vacancy
from ...stages import INACTIVE, Stage
from .. import matching
from .filters import SORTS, Filters

PAGE_SIZE = 25
__all__ = ["SORTS", "Filters", "RankedList", "Row", "neighbours", "ranked_list"]


@dataclass
class Row:
    application_id: int
    reference: str
    stage: str
    submitted_at: datetime | None
    candidate_id: int
    region: str | None
    board_experience: str | None
    guaranteed_interview: bool
    declaration: bool
    revealed: bool
    name: str | None = None  # only once the identity is revealed
    rank: int | None = None
    score: float | None = None
    meets: bool | None = None
    match: Match | None = None

    @property
    def inactive(self) -> bool:
        """Withdrawn or rejected: listed after everyone still in the campaign, unranked."""
        return self.stage in INACTIVE


@dataclass
class RankedList:
    rows: list[Row]
    total: int
    filtered: int
    page: int
    pages: int
    model_ready: bool
    stage_counts: dict[str, int] = field(default_factory=dict)


def _rows(vacancy: Vacancy) -> list[Row]:
    """One narrow query for every applicant: no ORM objects, so 5,000 rows stay cheap."""
    revealed = db.select(IdentityReveal.application_id).scalar_subquery()
    result = db.session.execute(
        db.select(
            Application.id,
            Application.reference,
            Application.stage,
            Application.submitted_at,
            Application.candidate_id,
            Candidate.region,
            Candidate.board_experience,
            Application.guaranteed_interview,
            EligibilityDeclaration.answers,
            Application.id.in_(revealed),
            Candidate.first_name,
            Candidate.last_name,
        )
        .join(Candidate, Candidate.id == Application.candidate_id)
        .outerjoin(EligibilityDeclaration, EligibilityDeclaration.candidate_id == Candidate.id)
        .where(Application.vacancy_id == vacancy.id, Application.stage != Stage.DRAFT)
    )
    return [
        Row(
            application_id=r[0],
            reference=r[1],
            stage=r[2],
            submitted_at=r[3],
            candidate_id=r[4],
            region=r[5],
            board_experience=r[6],
            guaranteed_interview=bool(r[7]),
            declaration=any((r[8] or {}).values()),
            revealed=bool(r[9]),
            # A name is searchable and shown only where the identity is revealed: searching
            # for a guessed name must not tell a reviewer who is behind a reference.
            name=f"{r[10]} {r[11]}".strip() if r[9] else None,
        )
        for r in result
    ]


def assessment_for(vacancy: Vacancy, candidate_ids: list[int]) -> Assessment | None:
    """Every applicant scored once. Scores depend only on the specification, the model and
    who applied, so paging, filtering and stage moves reuse them from the model registry;
    a changed specification or model, or another applicant, makes a new key."""
    ranker = matching.get_ranker()
    if ranker is None:
        return None
    key = ("assessment", vacancy.id, vacancy.updated_at, frozenset(candidate_ids))
    return matching.registry().cached(
        key, lambda: ranker.assess(matching.vacancy_profile(vacancy), candidate_ids)
    )


def _ordered(vacancy: Vacancy, filters: Filters) -> tuple[list[Row], list[Row], Assessment | None]:
    """Every applicant, and those the filters keep in the order asked for."""
    rows = _rows(vacancy)
    assessment = assessment_for(vacancy, [r.candidate_id for r in rows])
    if assessment is not None:
        for row in rows:
            row.score = assessment.score_of(row.candidate_id)
            row.meets = assessment.meets_of(row.candidate_id)
        # Ranks count only those still in the campaign: a withdrawn candidate is not "1st".
        active = sorted(
            (r for r in rows if not r.inactive and assessment.rank_of(r.candidate_id)),
            key=lambda r: assessment.rank_of(r.candidate_id) or 0,
        )
        for number, row in enumerate(active, start=1):
            row.rank = number

    kept = [r for r in rows if _keep(r, filters)]
    if filters.sort == "submitted":
        kept.sort(key=lambda r: (r.submitted_at or datetime.max, r.reference))
    elif filters.sort == "reference":
        kept.sort(key=lambda r: r.reference)
    else:
        # Those still in the campaign first, best match first; unranked rows (no model yet, or
        # a profile the model has not seen) after them; withdrawn and rejected last.
        kept.sort(
            key=lambda r: (
                r.inactive,
                r.rank is None,
                r.rank or 0,
                -(r.score or 0),
                r.submitted_at or datetime.max,
            )
        )
    return rows, kept, assessment


def ranked_list(vacancy: Vacancy, filters: Filters, page_size: int = PAGE_SIZE) -> RankedList:
    rows, kept, assessment = _ordered(vacancy, filters)
    stage_counts: dict[str, int] = {}
    for row in rows:
        stage_counts[row.stage] = stage_counts.get(row.stage, 0) + 1
    pages = max(1, math.ceil(len(kept) / page_size))
    page = min(filters.page, pages)
    shown = kept[(page - 1) * page_size : page * page_size]
    if assessment is not None:
        explained = assessment.explain([r.candidate_id for r in shown])
        for row in shown:
            row.match = explained.get(row.candidate_id)
    return RankedList(
        rows=shown,
        total=len(rows),
        filtered=len(kept),
        page=page,
        pages=pages,
        model_ready=assessment is not None,
        stage_counts=stage_counts,
    )


@dataclass(frozen=True)
class Neighbours:
    """Where an application sits in the list the reviewer came from."""

    previous: str | None
    next: str | None
    position: int  # 1-based; 0 when the filters no longer keep it
    count: int
    page: int  # the list page it is on, for "Back to the ranked list"


def neighbours(
    vacancy: Vacancy, filters: Filters, application_id: int, page_size: int = PAGE_SIZE
) -> Neighbours:
    _, kept, _ = _ordered(vacancy, filters)
    ids = [r.application_id for r in kept]
    if application_id not in ids:
        return Neighbours(None, None, 0, len(ids), filters.page)
    at = ids.index(application_id)
    return Neighbours(
        previous=kept[at - 1].reference if at > 0 else None,
        next=kept[at + 1].reference if at + 1 < len(kept) else None,
        position=at + 1,
        count=len(kept),
        page=at // page_size + 1,
    )


def _matches_search(row: Row, query: str) -> bool:
    wanted = query.casefold()
    if wanted in row.reference.casefold():
        return True
    name = (row.name or "").casefold()
    return bool(name) and all(part in name for part in wanted.split())


def _keep(row: Row, f: Filters) -> bool:
    if f.stage and row.stage != f.stage:
        return False
    if f.q and not _matches_search(row, f.q):
        return False
    if f.region and row.region != f.region:
        return False
    if f.board and row.board_experience != f.board:
        return False
    if f.essentials == "met" and row.meets is not True:
        return False
    if f.essentials == "not-met" and row.meets is not False:
        return False
    return not (f.min_score is not None and (row.score is None or row.score < f.min_score))
