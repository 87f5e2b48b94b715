from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import JSONType, utcnow

IMPORT_STATUSES = {
    "checking": "Checking the file",
    "checked": "Ready to confirm",
    "unreadable": "The file could not be read",
    "importing": "Importing",
    "imported": "Imported",
    "failed": "Failed",
}


class ImportBatch(db.Model):  # type: ignore[name-defined]
    """One file of people to add to the talent pool: kept (as a stored file) between the
    preview and the team's confirmation, with what the check found and what was done."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    cv_filename: Mapped[str] = mapped_column(String(255), default="")
    # Where the people's agreement to be in the pool was recorded, as the team describes it.
    consent_source: Mapped[str] = mapped_column(String(300))
    tell_people: Mapped[bool] = mapped_column(Boolean, default=True)
    duplicates: Mapped[str] = mapped_column(String(8), default="skip")  # "skip" or "merge"
    status: Mapped[str] = mapped_column(String(16), default="checking")
    # What the check found (counts, each row's problems, the duplicates) and, once done,
    # what the import did (added, merged, skipped).
    summary: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    check_job_id: Mapped[int | None] = mapped_column(ForeignKey("job.id"), nullable=True)
    import_job_id: Mapped[int | None] = mapped_column(ForeignKey("job.id"), nullable=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("team_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    rows: Mapped[int] = mapped_column(Integer, default=0)
