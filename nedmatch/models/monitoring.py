"""Equality monitoring answers, kept apart from applications.

Rows are keyed by an HMAC of the candidate's id under a separate secret, with no foreign
key and no relationship, so that nothing reachable from a candidate or an application
(every reviewer's page) can load them. Only code that holds the key (services/monitoring.py,
used by reporting) can link an answer to a stage. DPA 2018 Sch. 1 para 8 forbids using
these answers for decisions about a person.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import JSONType, utcnow


class MonitoringResponse(db.Model):  # type: ignore[name-defined]
    __tablename__ = "monitoring_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_key: Mapped[str] = mapped_column(String(64), unique=True)
    # Question slug -> answer slug (see domain.MONITORING_QUESTIONS); absent = not declared.
    answers: Mapped[dict[str, str]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
