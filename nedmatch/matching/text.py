"""Text handling shared by inference, the vectoriser and explanations.

Everything that could identify a person, or stand for a protected characteristic, is
removed here before any text reaches a vectoriser, so the model cannot learn from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from nedmatch.matching.lexicon import (
    DOMAIN_CONCEPTS,
    DOMAIN_PHRASES,
    PROTECTED_TERMS,
    SKILL_CONCEPTS,
    SKILL_PHRASES,
)

TOKEN_RE = re.compile(r"[a-z0-9]+")
REDACTED = "[redacted]"

# Personal data patterns. They are deliberately broad: a lost word costs less than a
# leaked identity. Each starts with a plain character class (no leading \b or look-behind)
# so the regex engine can skip ahead quickly; cheap substring checks in ``scrub`` skip the
# rest when they cannot match, which keeps fitting 100,000 CVs within budget.
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b(?:linkedin|twitter|x)\.com/\S+", re.I)
_PHONE_RE = re.compile(
    r"(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)"
)
_DIGIT_RE = re.compile(r"\d")
_INWARD_CODE_RE = re.compile(r"\d[A-Za-z]{2}\b")
_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b", re.I)
_OUTWARD_POSTCODE_RE = re.compile(r"[A-Z]{1,2}\d{1,2}[A-Z]?\b(?=[\s,.;)]|$)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMERIC_DATE_RE = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|(?i:" + _MONTHS + r"))[\s/.-](?:19|20)?\d{2}\b"
    r"|(?:19|20)\d{2}-\d{2}-\d{2}\b"
)
_MONTH_FIRST_HINT_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b")
_MONTH_FIRST_DATE_RE = re.compile(
    r"\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b", re.I
)
_DOB_RE = re.compile(
    r"\b(?:date of birth|d\.?o\.?b\.?|born(?: on| in)?)\s*[:\-]?\s*[^\n.;]{0,30}", re.I
)
_YEARS_OLD_RE = re.compile(r"\d{2}\s*(?:years?|yrs?)[\s-]*old\b", re.I)
_AGED_RE = re.compile(r"\b[Aa][Gg][Ee][Dd]?\s*:?\s*\d{2}\b")
_NAME_LINE_RE = re.compile(r"^\s*(?:full\s+)?name\s*[:\-].*$", re.I | re.M)
_MY_NAME_RE = re.compile(r"\b([Mm]y name is)\s+(?:[A-Z][\w'-]+\s*){1,4}")
_TITLECASE_WORD = re.compile(r"^[A-Z][a-z'’-]+$")
_NAME_LINE_STOPWORDS = frozenset(
    "curriculum vitae cv profile summary director manager officer chair chief head senior "
    "consultant executive nurse doctor professor lead partner trustee non board nhs trust "
    "personal statement application dear about experience career".split()
)

_SENTENCE_RE = re.compile(r"[^\n.!?•]+(?:[.!?]+|(?=[\n•])|$)")


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
)
_CONCEPT_PHRASES: dict[str, list[str]] = {
    SKILL_CONCEPTS[slug]: list(items) for slug, items in SKILL_PHRASES.items()
}
_CONCEPT_PHRASES.update({DOMAIN_CONCEPTS[s]: list(i) for s, i in DOMAIN_PHRASES.items()})
_CONCEPT_PHRASES[_PROTECTED] = list(PROTECTED_TERMS) + ["redacted"]
_CONCEPT_PHRASES[_NEUTRAL] = list(_NEUTRAL_PHRASES)
_NORMALISE_MATCHER = PhraseMatcher(_CONCEPT_PHRASES)


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
    words = [t for t, k in zip(toks, keep, strict=True) if k]
    return words, concepts


def concepts_in(text: str) -> set[str]:
    """The concept tokens a piece of text mentions, used to judge criteria."""
    return {t for t in normalise(text).split() if t.startswith("c_")}


def _looks_like_name_line(line: str) -> bool:
    words = line.strip().split()
    if not 2 <= len(words) <= 4:
        return False
    if not all(_TITLECASE_WORD.match(w) for w in words):
        return False
    return not any(w.lower().strip("'’-") in _NAME_LINE_STOPWORDS for w in words)


def scrub(text: str, known: Iterable[str | None] = ()) -> str:
    """Remove names, contact details, postcodes and dates of birth from free text.

    ``known`` holds strings the caller knows belong to the person (name, email, phone,
    postcode); each is removed wherever it appears, and a name also part by part.
    """
    if not text:
        return ""
    out = text
    lower = out.lower()
    patterns = []
    for value in known:
        value = (value or "").strip()
        if not value:
            continue
        if _DIGIT_RE.search(value):
            digits = re.sub(r"\D", "", value)
            if len(digits) >= 6 and digits[-4:] in out:
                patterns.append(r"[\s()+-]*".join(re.escape(d) for d in digits))
            elif value.lower() in lower:
                patterns.append(re.escape(value))
            continue
        parts = [value] if "@" in value else [value, *re.split(r"[\s]+", value)]
        for part in parts:
            if len(part) > 1 and part.lower() in lower:
                patterns.append(re.escape(part))
    if patterns:
        # Longest first, so an email address goes whole before the name inside it.
        patterns.sort(key=len, reverse=True)
        known_re = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.I)
        out = known_re.sub(REDACTED, out)
    if "name" in lower:
        out = _NAME_LINE_RE.sub(REDACTED, out)
        out = _MY_NAME_RE.sub(r"\1 " + REDACTED + " ", out)
    head, newline, rest = out.lstrip().partition("\n")
    if newline and _looks_like_name_line(head):
        out = REDACTED + newline + rest
    if "@" in out:
        out = _EMAIL_RE.sub(REDACTED, out)
    if "http" in lower or "www." in lower or ".com/" in lower:
        out = _URL_RE.sub(REDACTED, out)
    if "birth" in lower or "born" in lower or "dob" in lower or "d.o.b" in lower:
        out = _DOB_RE.sub(REDACTED, out)
    if " old" in lower:
        out = _YEARS_OLD_RE.sub(REDACTED, out)
    if "aged" in lower or " age " in lower or " age:" in lower:
        out = _AGED_RE.sub(REDACTED, out)
    out = _NUMERIC_DATE_RE.sub(REDACTED, out)
    if _MONTH_FIRST_HINT_RE.search(out):
        out = _MONTH_FIRST_DATE_RE.sub(REDACTED, out)
    out = _PHONE_RE.sub(REDACTED, out)
    if _INWARD_CODE_RE.search(out):
        out = _POSTCODE_RE.sub(REDACTED, out)
    return _OUTWARD_POSTCODE_RE.sub(REDACTED, out)


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
