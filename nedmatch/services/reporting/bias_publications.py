"""Publishing the bias audit: an administrator freezes the audit's published figures (the
same disclosure-controlled ones as its downloads, by the same path: ``campaign_audit`` or
``pool_audit``) into a row the public page reads. The public page never computes an
audit, so nothing unpublished can reach it."""

from __future__ import annotations

from ...actors import Actor
from ...diversity.bias_snapshot import snapshot
from ...extensions import db
from ...models import BiasAuditPublication, TeamUser, Vacancy
from ..platform import audit
from .bias_audit import campaign_audit, pool_audit
from .report import service_policy


class PublishError(ValueError):
    """An audit that cannot be published; the message says why."""


def publish(actor: Actor, publisher: TeamUser, vacancy: Vacancy | None) -> BiasAuditPublication:
    policy = service_policy()
    result = campaign_audit(vacancy, policy) if vacancy is not None else pool_audit(policy)
    if result.audit is None:
        raise PublishError(
            "There is nothing to publish: there is no fitted model, or nobody to score."
        )
    source = result.source
    publication = BiasAuditPublication(
        scope_key=result.key,
        title=result.title,
        data_source=source.description,
        data_from=source.data_from,
        data_to=source.data_to,
        audited_on=source.audited_on,
        model_version=source.model_version,
        figures=snapshot(result.audit),
        published_by=publisher.id,
    )
    db.session.add(publication)
    db.session.flush()
    audit.record(
        actor,
        "bias_audit_published",
        "bias_audit",
        result.key,
        publication=publication.id,
        threshold=policy.threshold,
        method=policy.method,
    )
    return publication


def published() -> list[BiasAuditPublication]:
    """Every publication, newest first."""
    return list(
        db.session.execute(
            db.select(BiasAuditPublication).order_by(
                BiasAuditPublication.published_at.desc(), BiasAuditPublication.id.desc()
            )
        ).scalars()
    )


def get(publication_id: int) -> BiasAuditPublication | None:
    return db.session.get(BiasAuditPublication, publication_id)
