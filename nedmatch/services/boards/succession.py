"""Succession: the non-executive terms that end in the next 6, 12 and 18 months across all
organisations, what the board would lose with each, and the draft vacancy that follows
from a term ending with the board's real skills matrix and its gaps filled in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from dateutil.relativedelta import relativedelta

from ...actors import Actor
from ...dates import long_date
from ...domain import COMPETENCY_DOMAINS, ROLE_TYPES, SKILL_AREAS
from ...extensions import db
from ...models import MAX_YEARS_SERVED, Application, BoardMember, Organisation, Vacancy
from ..campaigns import vacancies
from ..platform import audit
from . import members

HORIZONS: Final = (6, 12, 18)  # months ahead, the bands of the succession page

# What every NHS board needs among its non-executives whoever leaves (the Code of
# Governance for NHS provider trusts: an audit committee member with recent, relevant
# financial experience, and clinical insight on a board that assures care quality).
CORE_SKILLS: Final[dict[str, tuple[str, ...]]] = {
    "Recent, relevant financial experience": ("accountancy", "finance"),
    "Clinical experience": ("clinical-medicine", "clinical-nursing", "clinical-allied-health"),
}

# A starting point for the draft's essential criteria, by role; the team edits them.
ROLE_CRITERIA: Final[dict[str, tuple[str, ...]]] = {
    "chair": (
        "Experience of chairing a board or leading a large, complex organisation",
        "A commitment to equality, diversity and inclusion",
    ),
    "audit-chair": (
        "A professional accountancy qualification (CCAB or equivalent)",
        "Recent and relevant financial experience at senior level",
    ),
    "clinical-ned": (
        "A registered clinician (doctor, nurse, midwife or allied health professional)",
        "Experience of assuring the quality and safety of care",
    ),
    "ned": (
        "Experience at board or senior leadership level",
        "A commitment to equality, diversity and inclusion",
    ),
    "associate-ned": (
        "Senior experience in the board's areas of need",
        "A commitment to equality, diversity and inclusion",
    ),
}


@dataclass(frozen=True)
class Ending:
    member: BoardMember
    band: int  # 6, 12 or 18: the first horizon the term ends within
    can_reappoint: bool
    losing: list[str]  # labels of skills and domains nobody else on the board holds

    @property
    def successor(self) -> Vacancy | None:
        return self.member.successor_vacancy

    @property
    def successor_seated(self) -> BoardMember | None:
        """The appointee who takes the seat, once the successor vacancy has appointed."""
        if self.member.successor_vacancy_id is None:
            return None
        return db.session.execute(
            db.select(BoardMember)
            .join(Application, Application.id == BoardMember.application_id)
            .where(Application.vacancy_id == self.member.successor_vacancy_id)
        ).scalar_one_or_none()


def band_of(term_end: date, today: date) -> int | None:
    for months in HORIZONS:
        if term_end <= today + relativedelta(months=months):
            return months
    return None


def can_reappoint(member: BoardMember, today: date) -> bool:
    """Another three-year term keeps the member within the Code's six years."""
    if member.term_end is None:
        return False
    start = member.first_appointed or member.term_start
    # A month's grace: terms often end a few days off the anniversary of the first start.
    ends: date = member.term_end + relativedelta(years=3)
    limit: date = start + relativedelta(years=MAX_YEARS_SERVED, months=1)
    return ends <= limit


def skills_matrix(board: Iterable[BoardMember]) -> dict[str, int]:
    """Skill area and competency domain slug -> how many members hold it."""
    held: Counter[str] = Counter()
    for member in board:
        held.update(set(member.skill_areas or []) | set(member.domains or []))
    return dict(held)


def _label(slug: str) -> str:
    return SKILL_AREAS.get(slug) or COMPETENCY_DOMAINS.get(slug, slug)


def losing(member: BoardMember, board: list[BoardMember]) -> list[str]:
    """The member's skills and domains that no other sitting member holds."""
    others = skills_matrix(m for m in board if m.id != member.id)
    mine = list(member.skill_areas or []) + list(member.domains or [])
    return [slug for slug in mine if not others.get(slug)]


def core_gaps(board: Iterable[BoardMember]) -> list[str]:
    """Core needs no non-executive on ``board`` meets."""
    held = skills_matrix(m for m in board if m.non_executive)
    return [need for need, slugs in CORE_SKILLS.items() if not any(held.get(s) for s in slugs)]


def terms_ending(
    today: date, organisation: Organisation | None = None, months: int = HORIZONS[-1]
) -> list[Ending]:
    """Non-executive terms ending within ``months``, soonest first, across all boards."""
    query = db.select(BoardMember).where(
        # Still sitting: a member whose successor is appointed leaves when the term ends.
        db.or_(BoardMember.left_on.is_(None), BoardMember.left_on > today),
        BoardMember.term_end.is_not(None),
        BoardMember.term_end >= today,
        BoardMember.term_end <= today + relativedelta(months=months),
        BoardMember.role.in_(list(ROLE_TYPES)),
    )
    if organisation is not None:
        query = query.where(BoardMember.organisation_id == organisation.id)
    found = list(db.session.execute(query.order_by(BoardMember.term_end)).scalars())
    boards: dict[int, list[BoardMember]] = {}
    result = []
    for member in found:
        if member.organisation_id not in boards:
            boards[member.organisation_id] = members.sitting(member.organisation, today)
        band = band_of(member.term_end, today) if member.term_end else None
        if band is None:
            continue
        result.append(
            Ending(
                member,
                band,
                can_reappoint(member, today),
                [_label(s) for s in losing(member, boards[member.organisation_id])],
            )
        )
    return result


def _criteria(role: str, gaps: list[str]) -> tuple[list[str], list[str]]:
    essential = list(ROLE_CRITERIA.get(role, ROLE_CRITERIA["ned"]))
    desirable = [f"Senior experience in {_label(slug).lower()}" for slug in gaps]
    return essential, desirable


def draft_successor(actor: Actor | str, member: BoardMember, today: date) -> Vacancy:
    """A draft vacancy to succeed ``member``: the same role and organisation, the skills
    the board loses with them as the skills sought, and the rest of the board as the
    skills matrix. The team edits it before opening it."""
    if member.successor_vacancy_id is not None:
        raise members.BoardError(
            "A vacancy to succeed this member already exists. Open it from the succession page."
        )
    if not member.non_executive:
        raise members.BoardError("The team recruits non-executives only.")
    organisation = member.organisation
    board = [m for m in members.sitting(organisation, today) if m.id != member.id]
    gaps = [s for s in losing(member, [*board, member]) if s in SKILL_AREAS]
    for need in core_gaps(board):
        gaps.extend(s for s in CORE_SKILLS[need][:1] if s not in gaps)
    essential, desirable = _criteria(member.role, gaps)
    role_label = ROLE_TYPES[member.role]
    spec = vacancies.VacancySpec(
        title=f"{role_label}, {organisation.name}",
        organisation_id=organisation.id,
        role_type=member.role,
        description=(
            f"{member.name}'s term as {role_label.lower()} ends on "
            f"{long_date(member.term_end)}. We are looking for a successor to join a board "
            f"of {len(board) + 1}."
            + (f" The board would lose: {', '.join(_label(s) for s in gaps)}." if gaps else "")
        ),
        essential_criteria=essential,
        desirable_criteria=desirable,
        skill_areas=gaps,
        board_skills={s: n for s, n in skills_matrix(board).items() if s in SKILL_AREAS},
        term_years=3,
    )
    vacancy = vacancies.create_vacancy(actor, spec)
    member.successor_vacancy_id = vacancy.id
    db.session.flush()
    audit.record(actor, "successor_vacancy_drafted", "board_member", member.id, vacancy=vacancy.id)
    return vacancy
