"""Removing personal data from free text: names, contact details, postcodes, dates of birth."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from nedmatch.matching.text.gates import fold
from nedmatch.matching.words import english_words

REDACTED = "[redacted]"

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
_NAME_LINE_STOPWORDS = frozenset(
    "curriculum vitae cv profile summary director manager officer chair chief head senior "
    "consultant executive nurse doctor professor lead partner trustee non board nhs trust "
    "personal statement application dear about experience career".split()
)


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


# ---------------------------------------------------------------- names, as names
#
# A supplied name is removed where it stands as a name and nowhere else: the solicitor
# surnamed Law keeps "employment law". Names come with diacritics (José, Nguyễn),
# particles (van der Berg, Abu Bakr) and joined forms (O'Neill, McDonald, Al-Hassan).

_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Baron|Baroness|Cllr"
    r"|Councillor|Rev|Revd)"
)
_NAME_REST = r"[^\W\d_'’-]*(?:['’-][^\W\d_]+)*"
_NAME_WORD = r"[^\W\d_]" + _NAME_REST
_CAPITAL = r"[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]"
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le bin ibn bint al el abu ap ter ten".split()
)
_PARTICLE_RE = r"(?:(?:" + "|".join(sorted(_PARTICLES)) + r")\s+)*"
# A title followed by one to three capitalised name words: "Ms Doctor", "Dr Aisha Al-Hassan".
_TITLED_NAME_RE = re.compile(
    r"\b("
    + _TITLES
    + r")\.?\s+("
    + _PARTICLE_RE
    + _CAPITAL
    + _NAME_REST
    + r"(?:\s+"
    + _PARTICLE_RE
    + _CAPITAL
    + _NAME_REST
    + r"){0,2})"
)
# Every titled name holds a title, then a capital: a search for that alone starts with the
# titles' first letters, which the engine skips to, and usually finds nothing.
_TITLE_HINT_RE = re.compile(_TITLES + r"\.?\s+" + _PARTICLE_RE + _CAPITAL)
_NAME_LINE_FIRST_WORDS = _NAME_LINE_STOPWORDS | frozenset(
    "clinical finance financial medical deputy assistant managing group principal associate "
    "registered chartered general chief interim acting former retired regional national "
    "global company independent qualified practising specialist head software data systems "
    "project programme product business operations marketing sales research legal people "
    "digital quality risk audit tax health healthcare public policy investment portfolio "
    "strategy communications estates charity community practice ward staff theatre mental "
    "primary district school university hospital social service services human resources "
    "corporate commercial technical technology information security cyber nursing midwifery "
    "engineering property housing local county city county retail hr it our welcome hello "
    "key main skills education employment references contact".split()
)
_CAPITALISED_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def fold_accents(text: str) -> str:
    """José -> Jose, Nguyễn -> Nguyen: CVs are often typed without the accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_name_word(word: str) -> bool:
    word = word.strip(",.;:()")
    if word.lower() in _PARTICLES:
        return True
    return bool(word) and bool(re.fullmatch(_NAME_WORD, word)) and word[0].isupper()


def looks_like_name(line: str) -> bool:
    """Whether a short line is a person's name (a CV's first line), in any spelling.

    Two to five words, each capitalised or a particle, the first not a job word:
    "Nguyễn Thị Lan", "Pieter van der Berg", "Siobhán O'Neill", "Sarah Doctor" are names;
    "Consultant Nurse" and "Chief Executive" are not.
    """
    words = line.strip().split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(_is_name_word(w) for w in words):
        return False
    if words[0].lower() in _PARTICLES or not words[-1][0].isupper():
        return False
    if sum(w.lower() not in _PARTICLES for w in words) < 2:
        return False
    return words[0].lower().strip("'’-") not in _NAME_LINE_FIRST_WORDS


def name_parts(name: str) -> tuple[list[str], str]:
    """(given names, surname) from a full name; particles stay with the surname."""
    words = name.split()
    if len(words) < 2:
        return [], name.strip()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return words[:start], " ".join(words[start:])


def _remove_name(text: str, name: str) -> str:
    """Remove one supplied name where it stands as a name.

    The full name and the given names go wherever they appear (given names when
    capitalised); the surname on its own goes after a title, or where the text never uses
    it as an ordinary lower-case word and no capitalised word joins it ("Law Society",
    "Commercial Law"): "Law" in a solicitor's CV stays, "Doctor" in an accountant's goes.
    A surname that is no English word (Mitchell, Al-Hassan, Abu Bakr) can only be a name:
    it goes wherever it is written capitalised ("Robert Walter Mitchell, Baron Mitchell").
    """
    for variant in _name_variants(name):
        # Every pattern of a variant needs one of its words in the text, in some case.
        folded = fold(text)
        if not any(word in folded for word in variant.words):
            continue
        text = variant.full.sub(REDACTED, text)
        for given in variant.given:
            text = given.sub(REDACTED, text)
        if variant.titled is None or variant.surname is None or variant.ordinary is None:
            continue
        text = variant.titled.sub(REDACTED, text)
        if not variant.is_word:
            text = variant.surname.sub(REDACTED, text)
        elif variant.ordinary.search(text) is None:
            text = variant.surname.sub(
                lambda m: (
                    m.group(0) if _joined_to_capital(m) and not _stands_as_name(m) else REDACTED
                ),
                text,
            )
        else:
            text = variant.surname.sub(
                lambda m: REDACTED if _stands_as_name(m) else m.group(0), text
            )
    return text


# What follows a person's name as the subject of a sentence ("Law was Permanent
# Secretary", "Doctor gave evidence"), and the letters after a name ("Doctor CB").
_SUBJECT_VERB_RE = re.compile(
    r"['’]s\b|,?\s+(?:is|was|has|had|became|becomes|began|begins|joined|joins|gave|led|leads|"
    r"chaired|chairs|served|serves|spent|worked|works|took|holds|held|remains|qualified|"
    r"trained|studied|graduated|retired|moved|left|returned|(?:K|D)?CBE|OBE|MBE|CB|KC|QC|"
    r"FRC\w+|FMedSci)\b"
)


def _stands_as_name(match: re.Match[str]) -> bool:
    """Whether a surname that is also a word ("Law", "Doctor") stands here as a name: as
    the subject of a verb, before letters after a name, or after a given or middle name
    that is no English word ("Henderson Law", not "Employment Law")."""
    text, start, end = match.string, match.start(), match.end()
    if _SUBJECT_VERB_RE.match(text, end):
        return True
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if before is None or before.group(1) == REDACTED or not before.group(1)[0].isupper():
        return False
    return fold(before.group(1)) not in english_words()


class _NameVariant(NamedTuple):
    """One spelling of a name, with its patterns compiled once."""

    words: tuple[str, ...]
    full: re.Pattern[str]
    given: tuple[re.Pattern[str], ...]
    titled: re.Pattern[str] | None
    ordinary: re.Pattern[str] | None
    surname: re.Pattern[str] | None
    # Whether a word of the surname is also an English word ("Law", "Doctor", "Berg").
    is_word: bool


@functools.lru_cache(maxsize=4096)
def _name_variants(name: str) -> tuple[_NameVariant, ...]:
    """The name as written and without its accents. A candidate's name is removed from
    each of their texts, so its patterns are compiled once, not once a text."""
    edge_l, edge_r = r"(?<![\w'’-])", r"(?:['’]s)?(?![\w'’-])"
    out = []
    for variant in dict.fromkeys([name, fold_accents(name)]):
        given, surname = name_parts(variant)
        full = r"[\s-]+".join(re.escape(w) for w in variant.split())
        titled = ordinary = surname_re = None
        if len(surname) >= 2:
            escaped = re.escape(surname)
            titled = re.compile(r"\b" + _TITLES + r"\.?\s+" + escaped + edge_r)
            ordinary = re.compile(r"(?<![\w'’-])" + re.escape(surname.lower()) + r"(?![\w'’-])")
            surname_re = re.compile(edge_l + escaped + edge_r)
        out.append(
            _NameVariant(
                words=tuple(fold(w) for w in variant.split()),
                full=re.compile(edge_l + r"(?i:" + full + r")" + edge_r),
                given=tuple(
                    re.compile(edge_l + re.escape(word) + edge_r) for word in given if len(word) > 1
                ),
                titled=titled,
                ordinary=ordinary,
                surname=surname_re,
                is_word=any(
                    part in english_words()
                    for part in re.split(r"[\s'’-]+", fold(surname))
                    if part and part not in _PARTICLES
                ),
            )
        )
    return tuple(out)


def _joined_to_capital(match: re.Match[str]) -> bool:
    """Whether a capitalised word runs into this one, as in a proper noun ("Law Society")."""
    text, start, end = match.string, match.start(), match.end()
    if re.match(r"\s+" + _CAPITAL, text[end : end + 3]):
        return True
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if before is None or not before.group(1)[0].isupper() or before.group(1) == REDACTED:
        return False
    # A capitalised word that only starts a sentence does not join a name to it.
    preceding = text[: start - len(before.group(0))].rstrip()
    return bool(preceding) and preceding[-1] not in ".!?:;\n•"


def remove_names(text: str, names: Iterable[str | None]) -> str:
    """Remove supplied names where they stand as names, and any titled name ("Ms Doctor")."""
    out = text
    for name in names:
        name = " ".join((name or "").split())
        if name and not _DIGIT_RE.search(name) and "@" not in name:
            out = _remove_name(out, name)
    if _TITLE_HINT_RE.search(out) is None:  # no title before a capital: nothing to do
        return out
    return _TITLED_NAME_RE.sub(_keep_professional_title, out)


def _keep_professional_title(match: re.Match[str]) -> str:
    title = match.group(1)
    # "Dr" and "Professor" say something about a career; Mr, Ms and the rest do not.
    kept = title if title in ("Dr", "Prof", "Professor") else ""
    return (kept + " " + REDACTED).strip()
