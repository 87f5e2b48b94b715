"""A fingerprint of source files: what was saved under other code is worked out again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def source_fingerprint(modules: Iterable[Path]) -> str:
    """16 hex digits of a SHA-256 over each module's name and bytes, in the order given."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]
