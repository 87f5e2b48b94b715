"""The operations the report pages call. Each reads or changes what it must and adds the
audit record of who did it, under the service's one disclosure policy; the request
commits once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ...actors import Actor
from ...diversity import DiversityReport, Reference, Scope
from ...extensions import db
from ...models import Application, Candidate, Vacancy
from ...stages import Stage
from ..platform import audit
from .bias_audit import ScopedBiasAudit, campaign_audit, pool_audit
from .ranking_audit import VacancyAudit, model_audit
from .reference import reset_reference, save_reference
from .report import diversity_report, service_policy
from .scopes import audit_detail, audit_key


@dataclass(frozen=True, slots=True)
class Overview:
    """The reports index's figures: how many have applied and how many are in the pool."""

    applied: int
    pool: int


def overview() -> Overview:
    applied = db.session.execute(
        select(func.count()).select_from(Application).where(Application.stage != Stage.DRAFT.value)
    ).scalar_one()
    pool = db.session.execute(
        select(func.count()).select_from(Candidate).where(Candidate.in_pool.is_(True))
    ).scalar_one()
    return Overview(applied=applied, pool=pool)


def view_report(actor: Actor | str, scope: Scope) -> DiversityReport:
    """The protected report for a scope, with the record that ``actor`` viewed it."""
    policy = service_policy()
    result = diversity_report(scope, policy)
    audit.record(actor, "report_viewed", "report", audit_key(scope), **audit_detail(scope, policy))
    return result


def audited_vacancy(vacancy_id: int) -> Vacancy | None:
    """The vacancy whose ranking is audited, or None when there is no such vacancy."""
    return db.session.get(Vacancy, vacancy_id)


def view_model_audit(actor: Actor | str, vacancy: Vacancy, top_n: int) -> VacancyAudit:
    """The model audit of a vacancy's top ``top_n``, with the record that ``actor`` viewed it."""
    policy = service_policy()
    result = model_audit(vacancy, top_n, policy)
    audit.record(
        actor,
        "report_viewed",
        "model_audit",
        f"vacancy-{vacancy.id}",
        threshold=policy.threshold,
        method=policy.method,
        top_n=result.top_n,
    )
    return result


def upload_reference(actor: Actor | str, text: str, name: str) -> Reference:
    """Check and keep an uploaded reference population; raises ValueError with a message
    for the uploader when it is not usable."""
    loaded = save_reference(text, name)
    audit.record(actor, "reference_uploaded", "reference", loaded.name[:64])
    return loaded


def restore_default_reference(actor: Actor | str) -> None:
    """Compare with England, Census 2021 again."""
    reset_reference()
    audit.record(actor, "reference_reset", "reference", "census-2021-england")


def view_bias_audit(
    actor: Actor | str, vacancy: Vacancy | None, fmt: str = "page"
) -> ScopedBiasAudit:
    """The bias audit of a vacancy's applicants (or, without one, of the consenting
    pool), with the record that ``actor`` viewed or downloaded it."""
    policy = service_policy()
    result = campaign_audit(vacancy, policy) if vacancy is not None else pool_audit(policy)
    audit.record(
        actor,
        "report_viewed" if fmt == "page" else "report_downloaded",
        "bias_audit",
        result.key,
        threshold=policy.threshold,
        method=policy.method,
        format=fmt,
    )
    return result
