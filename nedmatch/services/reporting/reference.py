"""The reference population a report compares the pool with: England's census by
default, or one an administrator uploaded (kept in the instance folder)."""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app

from ...diversity import Reference, default_reference, parse_reference

REFERENCE_FILE = "reference_population.csv"


def reference_path() -> Path:
    return Path(current_app.instance_path, REFERENCE_FILE)


def current_reference() -> Reference:
    """The uploaded reference population if there is one, otherwise Census 2021."""
    path = reference_path()
    if path.exists():
        return parse_reference(path.read_text(encoding="utf-8-sig"), name=_reference_name(path))
    return default_reference()


def _reference_name(path: Path) -> str:
    name_file = path.with_suffix(".name")
    return name_file.read_text(encoding="utf-8").strip() if name_file.exists() else "Uploaded"


def save_reference(text: str, name: str) -> Reference:
    """Check an uploaded reference file and keep it; raises ValueError with a message
    for the uploader when it is not usable."""
    reference = parse_reference(text, name=name)
    path = reference_path()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    path.with_suffix(".name").write_text(name, encoding="utf-8")
    os.replace(temporary, path)  # readers never see half a file
    return reference


def reset_reference() -> None:
    reference_path().unlink(missing_ok=True)
    reference_path().with_suffix(".name").unlink(missing_ok=True)


def uses_default_reference() -> bool:
    return not reference_path().exists()
