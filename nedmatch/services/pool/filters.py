"""Who in the talent pool the team may look at (members who agreed to be matched), narrowed
by what they told us about themselves: region, board experience, availability, skill areas
and willingness to join a challenged organisation. Never by equality monitoring answers,
which are not reachable from here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func

from ...domain import AVAILABILITY, BOARD_EXPERIENCE, REGIONS, SKILL_AREAS
from ...extensions import db
from ...forms_common import link_args
from ...models import Candidate

PAGE_SIZE = 25
SORTS = {
    "joined": "Newest to the pool first",
    "active": "Most recently active first",
}
_YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class PoolFilters:
    region: str = ""
    board: str = ""
    availability: str = ""
    skills: tuple[str, ...] = ()  # every one of them
    challenged: str = ""  # "yes", "no" or ""
    sort: str = "joined"
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> PoolFilters:
        def choice(name: str, allowed: Any) -> str:
            value = args.get(name, "")
            return value if value in allowed else ""

        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        skills = args.getlist("skill") if hasattr(args, "getlist") else []
        return cls(
            region=choice("region", REGIONS),
            board=choice("board", BOARD_EXPERIENCE),
            availability=choice("availability", AVAILABILITY),
            skills=tuple(dict.fromkeys(s for s in skills if s in SKILL_AREAS)),
            challenged=choice("challenged", _YES_NO),
            sort=choice("sort", SORTS) or "joined",
            page=page,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.region or self.board or self.availability or self.skills or self.challenged
        )

    def as_args(self, **changes: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "region": self.region,
            "board": self.board,
            "availability": self.availability,
            "skill": list(self.skills),
            "challenged": self.challenged,
            "sort": self.sort,
            "page": self.page,
        }
        values.update(changes)
        return link_args(values, default_sort="joined")


def _matchable() -> list[ColumnElement[bool]]:
    return [
        Candidate.in_pool.is_(True),
        Candidate.consent_to_match.is_(True),
        Candidate.erased_at.is_(None),
    ]


def _conditions(f: PoolFilters) -> list[ColumnElement[bool]]:
    conditions = _matchable()
    if f.region:
        conditions.append(Candidate.region == f.region)
    if f.board:
        conditions.append(Candidate.board_experience == f.board)
    if f.availability:
        conditions.append(Candidate.availability == f.availability)
    if f.challenged:
        conditions.append(Candidate.willing_challenged.is_(_YES_NO[f.challenged]))
    return conditions


def _has_skills(candidate_skills: list[str] | None, wanted: tuple[str, ...]) -> bool:
    return set(wanted) <= set(candidate_skills or [])


def member_ids(f: PoolFilters) -> list[int]:
    """Every member the filters keep (skill areas are a JSON list: checked here, portably
    across SQLite and PostgreSQL)."""
    rows = db.session.execute(
        db.select(Candidate.id, Candidate.skill_areas).where(*_conditions(f))
    ).all()
    return [cid for cid, skills in rows if _has_skills(skills, f.skills)]


@dataclass(frozen=True)
class Member:
    candidate_id: int
    public_id: str
    region: str | None
    board_experience: str | None
    availability: str | None
    skill_areas: list[str]
    willing_challenged: bool | None
    joined: Any
    last_active: Any


@dataclass(frozen=True)
class MemberList:
    members: list[Member]
    found: int
    total: int  # every member who agreed to be matched
    page: int
    pages: int


def _page_ids(f: PoolFilters, page_size: int) -> tuple[list[int], int, int, int]:
    """The ids on the page asked for, how many match, the page and the number of pages.
    Without skill areas the database pages; with them, one narrow query is filtered here."""
    order = Candidate.last_active_at if f.sort == "active" else Candidate.created_at
    if f.skills:
        rows = db.session.execute(
            db.select(Candidate.id, Candidate.skill_areas)
            .where(*_conditions(f))
            .order_by(order.desc(), Candidate.id.desc())
        ).all()
        ids = [cid for cid, skills in rows if _has_skills(skills, f.skills)]
        found = len(ids)
    else:
        found = db.session.execute(
            db.select(func.count()).select_from(Candidate).where(*_conditions(f))
        ).scalar_one()
        ids = []
    pages = max(1, math.ceil(found / page_size))
    page = min(f.page, pages)
    if f.skills:
        return ids[(page - 1) * page_size : page * page_size], found, page, pages
    shown = db.session.execute(
        db.select(Candidate.id)
        .where(*_conditions(f))
        .order_by(order.desc(), Candidate.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).scalars()
    return list(shown), found, page, pages


def member_list(f: PoolFilters, page_size: int = PAGE_SIZE) -> MemberList:
    ids, found, page, pages = _page_ids(f, page_size)
    total = db.session.execute(
        db.select(func.count()).select_from(Candidate).where(*_matchable())
    ).scalar_one()
    by_id = {
        c.id: c
        for c in db.session.execute(db.select(Candidate).where(Candidate.id.in_(ids))).scalars()
    }
    chosen = [by_id[i] for i in ids if i in by_id]
    return MemberList(
        members=[
            Member(
                candidate_id=c.id,
                public_id=c.public_id,
                region=c.region,
                board_experience=c.board_experience,
                availability=c.availability,
                skill_areas=list(c.skill_areas or []),
                willing_challenged=c.willing_challenged,
                joined=c.created_at,
                last_active=c.last_active_at,
            )
            for c in chosen
        ],
        found=found,
        total=total,
        page=page,
        pages=pages,
    )
