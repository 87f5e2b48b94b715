"""Tokens and the lexicon's phrases: the words the vectorisers see, and the concepts in them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from nedmatch.matching.lexicon import (
    DOMAIN_CONCEPTS,
    DOMAIN_PHRASES,
    PROTECTED_TERMS,
    SKILL_CONCEPTS,
    SKILL_PHRASES,
)

TOKEN_RE = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Split lower-cased text the same way for phrases and documents, so they always align."""
    return TOKEN_RE.findall(text.lower())


class PhraseMatcher:
    """Finds lexicon phrases in a token list in one pass, longest match first.

    A dictionary keyed by the first token keeps the cost per document linear in its
    length, which matters when 100,000 CVs are prepared for fitting.
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        table: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
        for label, items in phrases.items():
            for raw in items:
                strong = not raw.startswith("~")
                key = tuple(tokens(raw.lstrip("~")))
                if key:
                    table.setdefault(key, []).append((label, strong))
        self._first: dict[str, list[tuple[tuple[str, ...], list[tuple[str, bool]]]]] = {}
        for key, labels in table.items():
            self._first.setdefault(key[0], []).append((key, labels))
        for options in self._first.values():
            options.sort(key=lambda item: -len(item[0]))

    def find(self, toks: Sequence[str]) -> list[tuple[int, int, list[tuple[str, bool]]]]:
        """Return (start, end, labels) for each match; matches do not overlap."""
        found = []
        i, n = 0, len(toks)
        first = self._first
        while i < n:
            options = first.get(toks[i])
            if options is not None:
                for key, labels in options:
                    end = i + len(key)
                    if end <= n and (len(key) == 1 or tuple(toks[i:end]) == key):
                        found.append((i, end, labels))
                        i = end
                        break
                else:
                    i += 1
            else:
                i += 1
        return found

    def first_words(self, label: str) -> frozenset[str]:
        """The words that begin a phrase with this label: a token list holding none of
        them has no match with it."""
        return frozenset(
            first
            for first, options in self._first.items()
            if any(label == own for _, labels in options for own, _ in labels)
        )

    def counts(self, text: str) -> dict[str, float]:
        """Weighted hits per label: a strong phrase counts 1, a weak one 0.5."""
        result: dict[str, float] = {}
        for _, _, labels in self.find(tokens(text)):
            for label, strong in labels:
                result[label] = result.get(label, 0.0) + (1.0 if strong else 0.5)
        return result


SKILL_MATCHER = PhraseMatcher(SKILL_PHRASES)
DOMAIN_MATCHER = PhraseMatcher(DOMAIN_PHRASES)

_PROTECTED = "\x00protected"
_NEUTRAL = "\x00neutral"
# Phrases that contain a lexicon word but do not mean it ("Leeds Teaching Hospitals").
_NEUTRAL_PHRASES = (
    "teaching hospital",
    "teaching hospitals",
    "university hospital",
    "university hospitals",
    "chief executive",
    "non executive",
    "data protection",
    # A department's or a body's name is not work in its field.
    "department of health and social care",
    "secretary of state for health and social care",
    "social care institute for excellence",
)
_CONCEPT_PHRASES: dict[str, list[str]] = {
    SKILL_CONCEPTS[slug]: list(items) for slug, items in SKILL_PHRASES.items()
}
_CONCEPT_PHRASES.update({DOMAIN_CONCEPTS[s]: list(i) for s, i in DOMAIN_PHRASES.items()})
_CONCEPT_PHRASES[_PROTECTED] = list(PROTECTED_TERMS) + ["redacted"]
_CONCEPT_PHRASES[_NEUTRAL] = list(_NEUTRAL_PHRASES)
_NORMALISE_MATCHER = PhraseMatcher(_CONCEPT_PHRASES)
_PROTECTED_FIRST = _NORMALISE_MATCHER.first_words(_PROTECTED)
# Every word of a protected term: a token that is none of them always reaches the
# vectorisers.
PROTECTED_WORDS = frozenset(
    word for phrase in _CONCEPT_PHRASES[_PROTECTED] for word in tokens(phrase.lstrip("~"))
)


def normalise(text: str) -> str:
    """Turn a scrubbed document into the exact string the vectorisers see.

    Protected terms and redaction markers are dropped (a protected phrase wins over any
    concept that shares its words) and one ``c_...`` token is appended per concept
    mention, so synonyms from the lexicon meet in the same feature.
    """
    words, concepts = normalise_tokens(text)
    return " ".join(words + concepts)


def normalise_tokens(
    text: str, fixes: Mapping[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """(the words kept, the concept tokens found) of a scrubbed document, with ``fixes``
    (misspelt word -> word meant) applied before the lexicon is matched."""
    toks = tokens(text)
    if fixes:
        toks = [fixes.get(t, t) for t in toks]
    keep, concepts = _read_tokens(toks)
    words = [t for t, k in zip(toks, keep, strict=True) if k]
    return words, concepts


def kept(toks: Sequence[str]) -> list[bool]:
    """For each token, whether it reaches the vectorisers (a protected term does not).
    Most texts hold no word that begins a protected term, and then every token does."""
    if _PROTECTED_FIRST.isdisjoint(toks):
        return [True] * len(toks)
    return _read_tokens(toks)[0]


def _read_tokens(toks: Sequence[str]) -> tuple[list[bool], list[str]]:
    keep = [True] * len(toks)
    concepts: list[str] = []
    for start, end, labels in _NORMALISE_MATCHER.find(toks):
        if any(label == _PROTECTED for label, _ in labels):
            for j in range(start, end):
                keep[j] = False
        else:
            # Only strong phrases make concept tokens: a common word such as "data" or
            # "change" would otherwise tie unrelated careers together.
            concepts.extend(label for label, strong in labels if strong and label != _NEUTRAL)
    return keep, concepts


def concepts_in(text: str) -> set[str]:
    """The concept tokens a piece of text mentions, used to judge criteria."""
    return {t for t in normalise(text).split() if t.startswith("c_")}


def concept_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each concept is mentioned, as character spans, so a panel can be shown it."""
    found = list(TOKEN_RE.finditer(text.lower()))
    spans = []
    for start, end, labels in _NORMALISE_MATCHER.find([m.group() for m in found]):
        for label, strong in labels:
            if label == _PROTECTED:
                break
            if strong and label != _NEUTRAL:
                spans.append((found[start].start(), found[end - 1].end(), label))
    return spans


def concept_phrases(toks: Sequence[str]) -> list[tuple[str, str]]:
    """(concept, the words that named it) for each strong mention in a token list."""
    found = []
    for start, end, labels in _NORMALISE_MATCHER.find(toks):
        for label, strong in labels:
            if label == _PROTECTED:
                break
            if strong and label != _NEUTRAL:
                found.append((label, " ".join(toks[start:end])))
    return found
