"""A field's sentences, their character spans, and the snippets a panel reads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_SENTENCE_RE = re.compile(r"[^\n.!?•]+(?:[.!?]+|(?=[\n•])|$)")


@dataclass(frozen=True, slots=True)
class Sentence:
    field: str
    text: str


def sentences(fields: Mapping[str, str]) -> list[Sentence]:
    """Split each field into sentences, keeping which field each came from."""
    result = []
    for field, text in fields.items():
        for match in _SENTENCE_RE.finditer(text or ""):
            piece = match.group(0).strip(" \t-*")
            if len(piece) > 3:
                result.append(Sentence(field, piece))
    return result


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """A short window around a match, cut at word boundaries, for a panel to read."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < start else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(text) else ""
    return prefix + " ".join(text[left:right].split()) + suffix


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one field."""
    result = []
    for match in _SENTENCE_RE.finditer(text or ""):
        start, end = match.span()
        while start < end and text[start] in " \t-*\n":
            start += 1
        if end - start > 3:
            result.append((start, end))
    return result
