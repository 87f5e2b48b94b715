"""Each stage message from the move that causes it until it is sent or cancelled.

A message is a `PendingMessage` row written in the same transaction as the move, so a
move that is not committed tells nobody, and an undone rejection is one row update. Due
messages are sent by `send_due`: after a team member's request (sweep.py) and by
`flask messages send-due`. The text is written when the message is sent; `send_email`
then hands it to the job queue when REDIS_URL is set (retried if the mail service fails),
or delivers it at once. This works the same with and without Redis, survives a restart,
and needs no scheduler: RQ's delayed jobs need a scheduler process, and cancelling one
means finding it in Redis, outside the transaction that undoes the move."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, update

from ...extensions import db
from ...models import Application, PendingMessage
from ...models._types import utcnow
from ...stages import Stage
from ..platform.notifications import mask_email, send_email
from .templates import compose, rejection_delay
from .wording import TOLD

# A message the mail service refused this many times is given up (and shown as such).
MAX_ATTEMPTS = 3
BATCH = 200


def queue(application: Application, stage: Stage, now: datetime | None = None) -> None:
    """Queue the message a move to ``stage`` sends, if the candidate hears of that stage: a
    rejection after the delay, so it can be undone, the others at once."""
    if stage not in TOLD:
        return
    now = now or utcnow()
    due = now + rejection_delay() if stage == Stage.REJECTED else now
    db.session.add(
        PendingMessage(application_id=application.id, kind=stage.value, due_at=due, created_at=now)
    )
    db.session.flush()


def pending_rejection(application: Application) -> PendingMessage | None:
    """The rejection message not sent yet, which undoing the rejection cancels."""
    return db.session.execute(
        db.select(PendingMessage)
        .filter_by(application_id=application.id, kind=Stage.REJECTED.value, status="queued")
        .order_by(PendingMessage.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def cancel(message: PendingMessage) -> bool:
    """Cancel a queued message; False when it has just been sent (or cancelled) instead.
    The row keeps the record; the move that cancels it is audited by its caller."""
    if not _change_queued(message.id, "cancelled"):
        return False
    db.session.refresh(message)
    return True


def any_due(now: datetime | None = None) -> bool:
    return (
        db.session.execute(
            db.select(PendingMessage.id)
            .where(PendingMessage.status == "queued", PendingMessage.due_at <= (now or utcnow()))
            .limit(1)
        ).first()
        is not None
    )


def send_due(now: datetime | None = None) -> int:
    """Send every message that is due; returns how many were sent. Commits after each, so
    a rerun (or another server sweeping at the same time) never sends one twice: each is
    claimed by an update that only one transaction can make."""
    now = now or utcnow()
    due = (
        db.session.execute(
            db.select(PendingMessage.id)
            .where(PendingMessage.status == "queued", PendingMessage.due_at <= now)
            .order_by(PendingMessage.due_at, PendingMessage.id)
            .limit(BATCH)
        )
        .scalars()
        .all()
    )
    db.session.commit()  # end the read, so each message below is a transaction of its own
    sent = 0
    for message_id in due:
        if _change_queued(message_id, "sent"):
            try:
                sent += _send(message_id)
            except Exception:  # the mail service failed: try again at the next sweep
                db.session.rollback()
                current_app.logger.exception("Stage message %s could not be sent", message_id)
                _failed(message_id)
                continue
        db.session.commit()
    return sent


def _change_queued(message_id: int, status: str) -> bool:
    """Move a queued message to ``status``; False when it was no longer queued. Only one
    transaction can make this change, so a message is sent, or cancelled, once."""
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(PendingMessage)
            .where(PendingMessage.id == message_id, PendingMessage.status == "queued")
            .values(status=status, finished_at=utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    return bool(result.rowcount)


def _send(message_id: int) -> int:
    # Claimed above, in this transaction: the row is there, and read afresh.
    message = db.session.get_one(PendingMessage, message_id, populate_existing=True)
    application = db.session.get(Application, message.application_id)
    stage = Stage.parse(message.kind)
    if (
        application is None
        or stage is None
        or application.stage != stage
        or application.candidate.erased_at is not None
    ):
        # Moved on (or back, or withdrawn, or erased) before it was due: it no longer says
        # where the application stands.
        message.status = "cancelled"
        return 0
    email = application.candidate.email
    wording = compose(application, stage)
    send_email(email, wording.subject, wording.body)
    # The row is the record of what was sent to whom: the kind, when, and the address
    # masked; never the text, which names the person and carries a link that signs them in.
    message.sent_to = mask_email(email)
    return 1


def _failed(message_id: int) -> None:
    message = db.session.get(PendingMessage, message_id)
    if message is None:
        return
    message.attempts += 1
    message.status = "failed" if message.attempts >= MAX_ATTEMPTS else "queued"
    message.finished_at = utcnow() if message.status == "failed" else None
    db.session.commit()
