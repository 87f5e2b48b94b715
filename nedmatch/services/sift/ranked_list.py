"""The ranked list a sift works from: every applicant scored once by the model, filtered,
sorted and paged, with explanations for the page shown only."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...extensions import db
from ...matching import Assessment, Match
from ...models import Application, Candidate, EligibilityDeclaration, IdentityReveal, Vacancy
from ...stages import Stage
from .. import matching

PAGE_SIZE = 25
SORTS = {
    "score": "Best match first",
    "submitted": "Earliest application first",
    "reference": "Reference",
}


@dataclass(frozen=True)
class Filters:
    stage: str = ""
    region: str = ""
    essentials: str = ""  # "met", "not-met" or ""
    min_score: float | None = None
    board: str = ""
    sort: str = "score"
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        def number(name: str) -> float | None:
            try:
                value = float(args.get(name, ""))
            except ValueError:
                return None
            return value if 0 <= value <= 100 else None

        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        sort = args.get("sort", "score")
        return cls(
            stage=args.get("stage", ""),
            region=args.get("region", ""),
            essentials=args.get("essentials", "")
            if args.get("essentials") in {"met", "not-met"}
            else "",
            min_score=number("min_score"),
            board=args.get("board", ""),
            sort=sort if sort in SORTS else "score",
            page=page,
        )

    def as_args(self, **changes: Any) -> dict[str, Any]:
        values = {
            "stage": self.stage,
            "region": self.region,
            "essentials": self.essentials,
            "min_score": "" if self.min_score is None else f"{self.min_score:g}",
            "board": self.board,
            "sort": self.sort,
            "page": self.page,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None) and (k, v) != ("page", 1)}


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
    rank: int | None = None
    score: float | None = None
    meets: bool | None = None
    match: Match | None = None


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


def ranked_list(vacancy: Vacancy, filters: Filters, page_size: int = PAGE_SIZE) -> RankedList:
    rows = _rows(vacancy)
    assessment = assessment_for(vacancy, [r.candidate_id for r in rows])
    if assessment is not None:
        for row in rows:
            row.rank = assessment.rank_of(row.candidate_id)
            row.score = assessment.score_of(row.candidate_id)
            row.meets = assessment.meets_of(row.candidate_id)
    stage_counts: dict[str, int] = {}
    for row in rows:
        stage_counts[row.stage] = stage_counts.get(row.stage, 0) + 1

    kept = [r for r in rows if _keep(r, filters)]
    if filters.sort == "submitted":
        kept.sort(key=lambda r: (r.submitted_at or datetime.max, r.reference))
    elif filters.sort == "reference":
        kept.sort(key=lambda r: r.reference)
    else:
        # Unranked rows (no model yet, or a profile the model has not seen) go last.
        kept.sort(key=lambda r: (r.rank is None, r.rank or 0, r.submitted_at or datetime.max))
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


def _keep(row: Row, f: Filters) -> bool:
    if f.stage and row.stage != f.stage:
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
