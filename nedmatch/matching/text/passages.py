"""A field's sentences, their character spans, and the snippets a panel reads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_SENTENCE_RE = re.compile(r"[^\n.!?•]+(?:[.!?]+|(?=[\n•])|$)")
# A full stop that does not end a sentence: after an abbreviation ("i.e. Chairman", "Dr.
# Khan", "St. George's"), or with no space after it ("£1.2 billion", "U.K.-wide").
_ABBREVIATION_RE = re.compile(
    r"\b(?:i\.e|e\.g|Dr|Mr|Mrs|Ms|Mx|Prof|St|Nos?|vs|approx|cf|Rev|Revd|Cllr|Hon)\.$"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    field: str
    text: str


def sentences(fields: Mapping[str, str]) -> list[Sentence]:
    """Split each field into sentences, keeping which field each came from."""
    result = []
    for field, text in fields.items():
        for start, end in _spans(text or ""):
            piece = text[start:end].strip(" \t-*")
            if len(piece) > 3:
                result.append(Sentence(field, piece))
    return result


def _spans(text: str) -> list[tuple[int, int]]:
    """The sentences' spans: pieces between stops, joined where a full stop does not end
    a sentence."""
    spans: list[tuple[int, int]] = []
    joining = False
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.span()
        if joining and spans:
            start = spans.pop()[0]
        spans.append((start, end))
        piece = text[start:end]
        joining = piece.endswith(".") and (
            (end < len(text) and not text[end].isspace() and text[end] != "•")
            or (text[end : end + 1] == " " and _ABBREVIATION_RE.search(piece[-8:]) is not None)
        )
    return spans


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
    for start, end in _spans(text or ""):
        while start < end and text[start] in " \t-*\n":
            start += 1
        if end - start > 3:
            result.append((start, end))
    return result
