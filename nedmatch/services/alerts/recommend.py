"""Recommending an open vacancy to someone: one email with a link to the advert. The
recipient's address is used to send it and then forgotten: it is not stored, logged or
written in the audit trail (the development mail backend's outbox file aside, which
production refuses)."""

from __future__ import annotations

from datetime import date

from ...models import Vacancy
from ..platform.notifications import send_email
from . import wording


class RecommendError(Exception):
    """The recommendation cannot be sent; the message says why."""


def recommend(vacancy: Vacancy, to: str, sender_name: str, message: str, today: date) -> None:
    if not vacancy.is_accepting_applications(today):
        raise RecommendError(
            "This vacancy is not taking applications, so it cannot be recommended."
        )
    text = wording.recommendation(vacancy, sender_name.strip(), message.strip())
    send_email(to.strip(), text.subject, text.body)
