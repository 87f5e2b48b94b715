"""Helpers shared by every group's forms."""

from __future__ import annotations

from typing import Any


def strip_text(value: Any) -> Any:
    """Surrounding spaces are never part of an answer."""
    return value.strip() if isinstance(value, str) else value
