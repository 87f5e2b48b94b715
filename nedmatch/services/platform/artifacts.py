"""Shared state in the database, so that no app server or worker is special.

The matching model is fitted by one process (a worker, or a web process without Redis)
and published here as a new version; every process checks for a newer version at most
every MODEL_CHECK_SECONDS, copies it into its own cache folder and loads it from there
with the usual checks. Report PDFs are kept here until they expire, so the server that
answers the download need not be the one that made the file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from ...extensions import db
from ...matching.persistence import (
    ARRAYS_FILE,
    METADATA_FILE,
    MODEL_FILE,
    TEXTS_FILE,
    ModelLoadError,
    read_metadata,
)
from ...models import ModelArtifact, StoredFile
from ...models._types import utcnow

log = logging.getLogger(__name__)

# Only the newest version is kept: an older one may still hold the words of a person who
# has since been erased (an erasure republishes the model without them).
KEEP_MODEL_VERSIONS = 1

_FILES = {"model_file": MODEL_FILE, "arrays_file": ARRAYS_FILE, "texts_file": TEXTS_FILE}

# The model ------------------------------------------------------------------------------


def publish_model(folder: Path) -> str | None:
    """Store the model saved in `folder` as the newest version; returns its version.

    Written through its own transaction, like job progress: the fit's session only reads.
    """
    try:
        metadata = read_metadata(folder)
    except ModelLoadError:
        return None
    version = str(metadata["save_id"])
    values: dict[str, Any] = {
        column: (folder / name).read_bytes() for column, name in _FILES.items()
    }
    with db.engine.begin() as connection:
        connection.execute(
            insert(ModelArtifact).values(
                version=version, created_at=utcnow(), metadata_json=metadata, **values
            )
        )
        keep = select(ModelArtifact.id).order_by(ModelArtifact.id.desc()).limit(KEEP_MODEL_VERSIONS)
        connection.execute(
            delete(ModelArtifact).where(ModelArtifact.id.not_in(keep.scalar_subquery()))
        )
    log.info("Published matching model version %s", version)
    return version


def newest_model_version() -> tuple[int, str] | None:
    """(id, version) of the newest published model: one indexed row."""
    row = db.session.execute(
        select(ModelArtifact.id, ModelArtifact.version).order_by(ModelArtifact.id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def local_version(folder: Path) -> str | None:
    try:
        return str(read_metadata(folder).get("save_id") or "") or None
    except ModelLoadError:
        return None


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Serialise copying into and loading from a cache folder shared by the processes of
    one server (gunicorn workers), so none reads a half-copied version."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def download_model(folder: Path, artifact_id: int) -> bool:
    """Copy a published version into `folder` unless it is there already; True if copied.

    Each file is written beside its target and renamed, metadata last, so the folder holds
    either the old version or the new one (persistence.load rejects a mixture).
    """
    artifact = db.session.get(ModelArtifact, artifact_id)
    if artifact is None:
        return False
    if local_version(folder) == artifact.version:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    files = {name: getattr(artifact, column) for column, name in _FILES.items()}
    files[METADATA_FILE] = json.dumps(artifact.metadata_json, indent=2).encode()
    for name, data in files.items():
        temporary = folder / f".{name}.{uuid.uuid4().hex}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, folder / name)
    log.info("Copied matching model version %s into %s", artifact.version, folder)
    return True


# Generated files --------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedFile:
    """A stored file as the download views need it (the same two things as a Path)."""

    id: int
    name: str
    media_type: str

    def read_bytes(self) -> bytes:
        data = db.session.execute(select(StoredFile.data).where(StoredFile.id == self.id))
        return bytes(data.scalar_one())


def put_file(owner: str, name: str, data: bytes, media_type: str) -> None:
    """Keep a file for `owner`, through its own transaction (jobs commit nothing else)."""
    with db.engine.begin() as connection:
        connection.execute(
            insert(StoredFile).values(
                owner=owner,
                name=name,
                media_type=media_type,
                size=len(data),
                data=data,
                created_at=utcnow(),
            )
        )


def find_file(owner: str) -> SharedFile | None:
    row = db.session.execute(
        select(StoredFile.id, StoredFile.name, StoredFile.media_type)
        .where(StoredFile.owner == owner)
        .order_by(StoredFile.id)
        .limit(1)
    ).first()
    return SharedFile(id=row[0], name=row[1], media_type=row[2]) if row else None


def remove_files_older_than(age: timedelta) -> int:
    with db.engine.begin() as connection:
        result = connection.execute(
            delete(StoredFile).where(StoredFile.created_at < utcnow() - age)
        )
    return int(result.rowcount or 0)
