"""What the diversity reports and bias audits have released: for each report, the
protected figures it showed and who it counted, so that the next release of the same
report can be audited together with the earlier ones (``diversity.history``). Holds no
monitoring answers and no ids: each person is a 64-bit HMAC of their id and answers
under MONITORING_KEY, which changes when the answers do and cannot be matched against a
guess without the key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import JSONType, utcnow


class DisclosureRelease(db.Model):  # type: ignore[name-defined]
    __tablename__ = "disclosure_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Which report, under which protection: e.g. "report/vacancy=3/cell-key/5".
    scope_key: Mapped[str] = mapped_column(String(300), index=True)
    # SHA-256 of the members, so a release of the same people is found without reading them.
    members_hash: Mapped[str] = mapped_column(String(64))
    # zlib-compressed: how many people and stages, their keys, their counts per stage.
    members: Mapped[bytes] = mapped_column(LargeBinary)
    # [[question, row, stage, value, suppressed, rounded, small, perturbed], ...]
    figures: Mapped[list[Any]] = mapped_column(JSONType)
    released_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<DisclosureRelease {self.id} {self.scope_key} {self.released_at}>"
