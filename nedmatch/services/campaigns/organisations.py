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
