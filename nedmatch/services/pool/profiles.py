"""One pool member's profile as the team may see it: blind (pool number, not name), their
own words with identity taken out, and what the team has done with them. Which vacancies
they applied for, and under which references, is not shown: a reference revealed in one
campaign would otherwise un-blind the same person's application in another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...actors import Actor
from ...domain import COMPETENCY_DOMAINS
from ...extensions import db
from ...models import Application, Candidate, Invitation, Vacancy
from ...stages import Stage
from ..platform import audit
from ..sift.identity import blind_text
from ..sift.invitations import pool_label


@dataclass(frozen=True)
class Invited:
    vacancy_title: str
    organisation: str
    at: datetime


@dataclass(frozen=True)
class PoolProfile:
    label: str
    public_id: str
    region: str | None
    board_experience: str | None
    availability: str | None
    willing_challenged: bool | None
    skill_areas: list[str]
    current_role: str
    career_summary: str
    evidence: list[tuple[str, str]]  # (competency domain label, the member's words)
    applications: int
    invitations: list[Invited]
    joined: datetime
    last_active: datetime


def find(public_id: str) -> Candidate | None:
    """A member the team may look at: in the pool, agreed to be matched, not erased."""
    if len(public_id) > 32:
        return None
    return db.session.execute(
        db.select(Candidate).where(
            Candidate.public_id == public_id,
            Candidate.in_pool.is_(True),
            Candidate.consent_to_match.is_(True),
            Candidate.erased_at.is_(None),
        )
    ).scalar_one_or_none()


def profile(actor: Actor, candidate: Candidate) -> PoolProfile:
    """The blind profile; records that ``actor`` looked (the caller commits)."""

    def blind(text: str | None) -> str:
        return blind_text(text, candidate)

    applications = db.session.execute(
        db.select(db.func.count())
        .select_from(Application)
        .where(Application.candidate_id == candidate.id, Application.stage != Stage.DRAFT)
    ).scalar_one()
    invited = db.session.execute(
        db.select(Vacancy, Invitation.at)
        .join(Invitation, Invitation.vacancy_id == Vacancy.id)
        .where(Invitation.candidate_id == candidate.id)
        .order_by(Invitation.at.desc())
    ).all()
    audit.record(actor, "pool_profile_viewed", "candidate", candidate.id)
    evidence = candidate.competency_evidence or {}
    return PoolProfile(
        label=pool_label(candidate.public_id),
        public_id=candidate.public_id,
        region=candidate.region,
        board_experience=candidate.board_experience,
        availability=candidate.availability,
        willing_challenged=candidate.willing_challenged,
        skill_areas=list(candidate.skill_areas or []),
        current_role=blind(candidate.current_role),
        career_summary=blind(candidate.career_summary),
        evidence=[
            (label, blind(evidence[slug]))
            for slug, label in COMPETENCY_DOMAINS.items()
            if (evidence.get(slug) or "").strip()
        ],
        applications=applications,
        invitations=[Invited(v.title, v.organisation.name, at) for v, at in invited],
        joined=candidate.created_at,
        last_active=candidate.last_active_at,
    )
