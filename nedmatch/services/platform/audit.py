from __future__ import annotations

from typing import Any

from ...actors import Actor
from ...extensions import db
from ...models import AuditEvent


def record(
    actor: Actor | str, action: str, obj_type: str, obj_id: object, **detail: Any
) -> AuditEvent:
    """Add an audit event to the current transaction; it commits with the change it records."""
    event = AuditEvent(
        actor=str(actor), action=action, object_type=obj_type, object_id=str(obj_id), detail=detail
    )
    db.session.add(event)
    return event
