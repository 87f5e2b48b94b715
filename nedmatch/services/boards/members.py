"""The team's record of a board: who sits on it, in which role, for which term, on which
committees, and with which skills. Operations flush and audit; the request commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement

from ...actors import Actor
from ...domain import COMPETENCY_DOMAINS, SKILL_AREAS
from ...extensions import db
from ...models import BOARD_ROLES, COMMITTEES, BoardMember, Organisation
from ..platform import audit


class BoardError(ValueError):
    """A change to a board the team cannot make; the message says what to do."""


@dataclass
class MemberSpec:
    name: str
    role: str
    term_start: date
    term_end: date | None
    title: str = ""
    term_number: int = 1
    first_appointed: date | None = None
    committees: list[str] = field(default_factory=list)
    chairs: list[str] = field(default_factory=list)
    skill_areas: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    notes: str = ""

    def check(self) -> None:
        if self.role not in BOARD_ROLES:
            raise BoardError("Choose the member's role on the board.")
        if self.term_end is not None and self.term_end <= self.term_start:
            raise BoardError("The term must end after it starts. Check the two dates.")
        if self.role != "executive" and self.term_end is None:
            raise BoardError(
                "Enter the date the term ends: every non-executive is appointed for a fixed term."
            )
        unknown = set(self.committees) - set(COMMITTEES)
        unknown |= set(self.skill_areas) - set(SKILL_AREAS)
        unknown |= set(self.domains) - set(COMPETENCY_DOMAINS)
        if unknown:
            raise BoardError("Choose committees, skills and domains from the lists.")
        if not set(self.chairs) <= set(self.committees):
            raise BoardError("A member can only chair a committee they sit on.")


def _joined() -> ColumnElement[date]:
    """When a member joined the board: their first term's start (a reappointed member's
    ``term_start`` is their current term's)."""
    joined: ColumnElement[date] = db.func.coalesce(
        BoardMember.first_appointed, BoardMember.term_start
    )
    return joined


def get(member_id: int) -> BoardMember | None:
    return db.session.get(BoardMember, member_id)


def sitting(organisation: Organisation, day: date) -> list[BoardMember]:
    """The board as it stands on ``day``: the chair first, then non-executives, then
    executive directors, each by name."""
    members = db.session.execute(
        db.select(BoardMember).where(
            BoardMember.organisation_id == organisation.id,
            _joined() <= day,
            db.or_(BoardMember.left_on.is_(None), BoardMember.left_on > day),
        )
    ).scalars()
    order = {role: i for i, role in enumerate(BOARD_ROLES)}
    return sorted(members, key=lambda m: (order.get(m.role, 99), m.name))


def joining(organisation: Organisation, day: date) -> list[BoardMember]:
    """Appointees whose term has not started yet."""
    return list(
        db.session.execute(
            db.select(BoardMember)
            .where(BoardMember.organisation_id == organisation.id, _joined() > day)
            .order_by(_joined())
        ).scalars()
    )


def _apply(member: BoardMember, spec: MemberSpec) -> None:
    for name, value in spec.__dict__.items():
        setattr(member, name, value)


def add(actor: Actor | str, organisation: Organisation, spec: MemberSpec) -> BoardMember:
    spec.check()
    member = BoardMember(organisation_id=organisation.id)
    _apply(member, spec)
    db.session.add(member)
    db.session.flush()
    audit.record(
        actor, "board_member_added", "board_member", member.id, organisation=organisation.id
    )
    return member


def update(actor: Actor | str, member: BoardMember, spec: MemberSpec) -> None:
    spec.check()
    _apply(member, spec)
    db.session.flush()
    audit.record(actor, "board_member_updated", "board_member", member.id)


def stand_down(actor: Actor | str, member: BoardMember, on: date, reason: str) -> None:
    """Record that a member left the board (at the end of a term, or before it)."""
    if on < member.term_start:
        raise BoardError("A member cannot leave before their term started. Check the date.")
    if not reason.strip():
        raise BoardError("Say why the member left, for example 'term ended' or 'resigned'.")
    member.left_on = on
    db.session.flush()
    audit.record(
        actor, "board_member_left", "board_member", member.id, on=on.isoformat(), reason=reason
    )


def reappoint(actor: Actor | str, member: BoardMember, new_end: date) -> None:
    """Extend a member into their next term."""
    if member.term_end is None or new_end <= member.term_end:
        raise BoardError("The new term must end after the current one.")
    member.first_appointed = member.first_appointed or member.term_start
    member.term_start = member.term_end
    member.term_end = new_end
    member.term_number += 1
    db.session.flush()
    audit.record(
        actor, "board_member_reappointed", "board_member", member.id, term=member.term_number
    )
