"""Removing personal data from free text: names, contact details, postcodes, dates of birth."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nedmatch.matching.text.names import (
    NAME_LINE_STOPWORDS,
    REDACTED,
    looks_like_name,
    remove_names,
)

# Personal data patterns. They are deliberately broad: a lost word costs less than a
# leaked identity. Each starts with a plain character class (no leading \b or look-behind)
# so the regex engine can skip ahead quickly; cheap substring checks in ``scrub`` skip the
# rest when they cannot match, which keeps fitting 100,000 CVs within budget.
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b(?:linkedin|twitter|x)\.com/\S+", re.I)
# A pattern whose every match starts with one of a few characters says so first, as a
# character class: Python's engine then skips straight to those characters instead of
# trying every alternative at every place in the text.
_PHONE_RE = re.compile(
    r"(?=[+(0])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)"
)
_DIGIT_RE = re.compile(r"\d")
_INWARD_CODE_RE = re.compile(r"\d[A-Za-z]{2}\b")
_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b", re.I)
_OUTWARD_POSTCODE_RE = re.compile(r"[A-Z]{1,2}\d{1,2}[A-Z]?\b(?=[\s,.;)]|$)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "12/03/1968", "3rd March 1968", "1968-03-12" (the last as 19 or 20, then the rest).
_NUMERIC_DATE_RE = re.compile(
    r"\d(?:\d?(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|(?i:" + _MONTHS + r"))[\s/.-](?:19|20)?\d{2}\b"
    r"|(?<=1)9\d{2}-\d{2}-\d{2}\b|(?<=2)0\d{2}-\d{2}-\d{2}\b)"
)
_MONTH_FIRST_HINT_RE = re.compile(r"\d\d?(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b")
_MONTH_FIRST_DATE_RE = re.compile(
    r"\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b", re.I
)
# A date or place of birth, to the end of its clause or bracket: "(born 24 November 1954)"
# leaves what follows it. "Jamaican-born" says where, so it goes whole.
_DOB_RE = re.compile(
    r"\b(?:date of birth|d\.?o\.?b\.?|(?<!-)born(?: on| in)?)\s*[:\-]?\s*[^\n.;)]{0,30}"
    r"|\b[^\W\d_][\w'’]*-born\b",
    re.I,
)
_YEARS_OLD_RE = re.compile(r"\d{2}\s*(?:years?|yrs?)[\s-]*old\b", re.I)
_AGED_RE = re.compile(r"\b[Aa][Gg][Ee][Dd]?\s*:?\s*\d{2}\b")
_NAME_LINE_RE = re.compile(r"^\s*(?:full\s+)?name\s*[:\-].*$", re.I | re.M)
_MY_NAME_RE = re.compile(r"\b([Mm]y name is)\s+(?:[A-Z][\w'-]+\s*){1,4}")
_TITLECASE_WORD = re.compile(r"^[A-Z][a-z'’-]+$")


def _looks_like_name_line(line: str) -> bool:
    words = line.strip().split()
    if not 2 <= len(words) <= 4:
        return False
    if not all(_TITLECASE_WORD.match(w) for w in words):
        return False
    return not any(w.lower().strip("'’-") in NAME_LINE_STOPWORDS for w in words)


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
        if "@" in value and value.lower() in lower:
            patterns.append(re.escape(value))
    names = [v for v in known if v and "@" not in v and not _DIGIT_RE.search(v)]
    out = remove_names(out, names)
    if patterns:
        # Longest first, so an email address goes whole before the name inside it.
        patterns.sort(key=len, reverse=True)
        known_re = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.I)
        out = known_re.sub(REDACTED, out)
    if "name" in lower:
        out = _NAME_LINE_RE.sub(REDACTED, out)
        out = _MY_NAME_RE.sub(r"\1 " + REDACTED + " ", out)
    head, newline, rest = out.lstrip().partition("\n")
    if newline and (_looks_like_name_line(head) or looks_like_name(head)):
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
