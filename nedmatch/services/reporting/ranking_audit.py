"""The model audit: does the ranking's top N under-select any group, among a vacancy's
applicants and among the consenting pool? Protected like the reports, and together with
the vacancy's own report, so the two publish the same figures."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ...diversity import DisclosurePolicy, ModelAudit, Scope, audit_ranking
from ...diversity.disclosure import CellId, ShownCount
from ...extensions import db
from ...models import Candidate, Vacancy
from .. import matching
from .records import answers_by_candidate, cell_keys_of
from .report import diversity_report, service_policy


@dataclass(frozen=True, slots=True)
class VacancyAudit:
    """The model audit of one vacancy: its applicants' ranking and the pool's."""

    vacancy: Vacancy
    top_n: int
    applicants: ModelAudit | None  # None: no model, or nobody to rank
    pool: ModelAudit | None


def _published_report(vacancy: Vacancy, policy: DisclosurePolicy) -> dict[CellId, ShownCount]:
    """Every figure the vacancy's diversity report publishes under ``policy``, as the
    report page and its downloads show them (the same counting and protection)."""
    return dict(diversity_report(Scope(vacancy_id=vacancy.id), policy).figures)


def _applicants_audit(vacancy: Vacancy, top_n: int, policy: DisclosurePolicy) -> ModelAudit | None:
    """The ranking of everyone who applied, protected together with the vacancy's report:
    its ranked column is the report's Applied column, figure for figure."""
    applicants = matching.applicant_ids(vacancy)
    if not applicants:
        return None
    matches = matching.rank_applicants(vacancy, len(applicants))
    if not matches:
        return None
    rank_of = {int(m.candidate_id): int(m.rank) for m in matches}
    # An applicant the model has not seen yet is ranked, but outside any top N, so the
    # audit covers exactly the report's applicants.
    unranked = max(top_n, len(applicants)) + 1
    answers = answers_by_candidate(applicants)
    ranked = [(answers.get(c, {}), rank_of.get(c, unranked)) for c in applicants]
    return audit_ranking(
        ranked,
        top_n=top_n,
        policy=policy,
        published=_published_report(vacancy, policy),
        record_keys=cell_keys_of(applicants),
    )


def _pool_audit(vacancy: Vacancy, top_n: int, policy: DisclosurePolicy) -> ModelAudit | None:
    """The ranking of the consenting pool who have not applied. No report has this
    population, so it is protected on its own."""
    pool_size = db.session.execute(
        select(func.count())
        .select_from(Candidate)
        .where(Candidate.in_pool.is_(True), Candidate.consent_to_match.is_(True))
    ).scalar_one()
    if pool_size == 0:
        return None
    matches = matching.rank_pool(vacancy, pool_size)
    if not matches:
        return None
    ids = [int(m.candidate_id) for m in matches]
    answers = answers_by_candidate(ids)
    ranked = [(answers.get(c, {}), int(m.rank)) for c, m in zip(ids, matches, strict=True)]
    return audit_ranking(ranked, top_n=top_n, policy=policy, record_keys=cell_keys_of(ids))


def model_audit(
    vacancy: Vacancy, top_n: int, policy: DisclosurePolicy | None = None
) -> VacancyAudit:
    """Does the model's top ``top_n`` under-select any group, among the vacancy's
    applicants and among the consenting pool?"""
    policy = policy or service_policy()
    return VacancyAudit(
        vacancy=vacancy,
        top_n=top_n,
        applicants=_applicants_audit(vacancy, top_n, policy),
        pool=_pool_audit(vacancy, top_n, policy),
    )


def model_available() -> bool:
    return matching.get_ranker() is not None
