"""Webhooks: another system asks to be told when an application changes stage or a
candidate is appointed. Each event for each subscription is a delivery row, sent by the
background work (services/webhooks/delivery.py) and retried until it succeeds or fails."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JSONType, utcnow

if TYPE_CHECKING:
    from .team import TeamUser

# The events a subscription may ask for, with what the page calls them.
WEBHOOK_EVENTS = {
    "application.stage_changed": "An application moves to another stage",
    "application.appointed": "A candidate is appointed",
}
# pending: waiting for its next attempt; delivered: the receiver answered 2xx;
# failed: every attempt failed (an administrator may redeliver it).
DELIVERY_STATUSES = ("pending", "delivered", "failed")


class WebhookSubscription(db.Model):  # type: ignore[name-defined]
    """Where to send events and which. The signing secret is kept encrypted (not hashed):
    the server must sign with it, so it has to be recoverable; a copy of the database alone
    does not give it away, since the key comes from SECRET_KEY."""

    __tablename__ = "webhook_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(500))
    events: Mapped[list[str]] = mapped_column(JSONType, default=list)
    secret_encrypted: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int] = mapped_column(ForeignKey("team_user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    creator: Mapped[TeamUser] = relationship()
    deliveries: Mapped[list[WebhookDelivery]] = relationship(
        back_populates="subscription",
        cascade="all, delete-orphan",
        order_by="WebhookDelivery.id.desc()",
    )

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def __repr__(self) -> str:
        return f"<WebhookSubscription {self.id} {self.url!r}>"


class WebhookDelivery(db.Model):  # type: ignore[name-defined]
    """One event for one subscription, with its attempts so far."""

    __tablename__ = "webhook_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscription.id", ondelete="CASCADE"), index=True
    )
    # The webhook-id header: the same on every attempt, so a receiver can drop repeats.
    message_id: Mapped[str] = mapped_column(String(40), unique=True)
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    last_status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    subscription: Mapped[WebhookSubscription] = relationship(back_populates="deliveries")

    def __repr__(self) -> str:
        return f"<WebhookDelivery {self.id} {self.event} {self.status}>"
