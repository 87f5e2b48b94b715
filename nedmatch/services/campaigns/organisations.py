"""The NHS organisations whose boards the team recruits for."""

from __future__ import annotations

from ...actors import Actor
from ...extensions import db
from ...models import Organisation
from ..platform import audit


class OrganisationError(ValueError):
    """An organisation the team cannot add; the message says why."""


def all_by_name() -> list[Organisation]:
    return list(
        db.session.execute(db.select(Organisation).order_by(Organisation.name)).scalars().all()
    )


def create(actor: Actor, name: str, org_type: str, region: str, challenged: bool) -> Organisation:
    exists = db.session.execute(
        db.select(Organisation.id).where(db.func.lower(Organisation.name) == name.lower())
    ).first()
    if exists is not None:
        raise OrganisationError("An organisation with this name already exists")
    organisation = Organisation(name=name, org_type=org_type, region=region, challenged=challenged)
    db.session.add(organisation)
    db.session.flush()
    audit.record(actor, "organisation_created", "organisation", organisation.id, name=name)
    return organisation


SUPPORT_FIELDS = ("challenged", "support_programme", "support_since", "support_package")
FIGURES_FIELDS = (
    "population_minority_ethnic_pct",
    "workforce_minority_ethnic_pct",
    "workforce_women_pct",
    "figures_source",
)


def get(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def _set(
    actor: Actor,
    organisation: Organisation,
    fields: tuple[str, ...],
    values: dict[str, object],
    action: str,
) -> None:
    before = {name: str(getattr(organisation, name)) for name in fields}
    for name in fields:
        setattr(organisation, name, values.get(name, getattr(organisation, name)))
    if not organisation.challenged:
        organisation.support_programme = ""
        organisation.support_since = None
    db.session.flush()
    audit.record(
        actor,
        action,
        "organisation",
        organisation.id,
        before=before,
        after={name: str(getattr(organisation, name)) for name in fields},
    )


def set_support(actor: Actor, organisation: Organisation, values: dict[str, object]) -> None:
    """Record the organisation's national support and the package offered to appointees."""
    _set(actor, organisation, SUPPORT_FIELDS, values, "organisation_support_updated")


def set_figures(actor: Actor, organisation: Organisation, values: dict[str, object]) -> None:
    """Record the population and workforce figures the organisation's board is compared
    with (published aggregates: the WRES data return, the census)."""
    _set(actor, organisation, FIGURES_FIELDS, values, "organisation_figures_updated")
