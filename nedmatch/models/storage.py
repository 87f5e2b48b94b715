"""State that every app server and worker must reach, kept in the database rather than on
one server's disk: the fitted matching model's files, by version, and generated files
(report PDFs) until they expire."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import JSONType, utcnow


class ModelArtifact(db.Model):  # type: ignore[name-defined]
    """One saved fit of the matching model: the newest row is the model every process uses.

    The three files are those nedmatch.matching.persistence writes (skops for the
    estimators, NumPy without pickle for the pool's matrices, JSON for its texts), so a
    server loads them through the same checks as a model saved on its own disk.
    """

    __tablename__ = "model_artifact"

    id: Mapped[int] = mapped_column(primary_key=True)
    # persistence's save_id: the same value inside all three files.
    version: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    metadata_json: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    model_file: Mapped[bytes] = mapped_column(LargeBinary)
    arrays_file: Mapped[bytes] = mapped_column(LargeBinary)
    texts_file: Mapped[bytes] = mapped_column(LargeBinary)


class StoredFile(db.Model):  # type: ignore[name-defined]
    """A generated file kept for download from any server (a job's report PDF)."""

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the file belongs to, e.g. "job-12": one owner may hold several files.
    owner: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
