"""Supplied names removed where they stand as names, and lines that are names.

A supplied name is removed where it stands as a name and nowhere else: the solicitor
surnamed Law keeps "employment law". Names come with diacritics (José, Nguyễn),
particles (van der Berg, Abu Bakr) and joined forms (O'Neill, McDonald, Al-Hassan).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from nedmatch.matching.text.gates import fold
from nedmatch.matching.words import english_words

REDACTED = "[redacted]"
_DIGIT_RE = re.compile(r"\d")
# Words that show a short capitalised line is no name ("Chief Executive").
NAME_LINE_STOPWORDS = frozenset(
    "curriculum vitae cv profile summary director manager officer chair chief head senior "
    "consultant executive nurse doctor professor lead partner trustee non board nhs trust "
    "personal statement application dear about experience career".split()
)

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
_NAME_LINE_FIRST_WORDS = NAME_LINE_STOPWORDS | frozenset(
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
        for given, is_word in zip(variant.given, variant.given_words, strict=True):
            # A given name that is also a word ("Dean", "Justice", "Major") stays where it
            # stands as the word ("Dean of Medicine", "Ministry of Justice").
            text = given.sub(_as_word_or_name, text) if is_word else given.sub(REDACTED, text)
        if variant.titled is None or variant.surname is None or variant.ordinary is None:
            continue
        text = variant.titled.sub(REDACTED, text)
        if not variant.is_word:
            text = variant.surname.sub(REDACTED, text)
        elif variant.ordinary.search(text) is None:
            text = variant.surname.sub(_as_word_or_name, text)
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
    r"trained|studied|graduated|retired|moved|left|returned|published|announced|wrote|"
    r"writes|said|says|argued|founded|received|won|resigned|stepped|stood|described|"
    r"continued|established|launched|introduced|oversaw|ran|runs|helped|created|developed|"
    r"completed|delivered|(?:K|D)?CBE|OBE|MBE|CB|KC|QC|"
    r"FRC\w+|FMedSci)\b"
)


def _as_word_or_name(match: re.Match[str]) -> str:
    """A name that is also a word, in a text that never writes the word in lower case:
    kept where it is the word ("Non-Executive Director", "the Chairman of the board",
    "Ministry of Justice"), removed where it stands as a name or could."""
    if _stands_as_name(match):
        return REDACTED
    if _joined_to_capital(match) or _IN_WORD_USE_RE.search(match.string, 0, match.start()):
        return match.group(0)
    if _WORD_FOLLOWS_RE.match(match.string, match.end()):
        return match.group(0)
    return REDACTED


# Before a name that is also a word, what shows it is the word: an article or a possessive
# ("the Chairman", "her Director"), "of" ("Ministry of Justice"), or a rank before a post
# ("acting Treasurer").
_IN_WORD_USE_RE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|my|your|this|that|of|as|acting|interim|deputy|"
    r"vice|former|first|new|joint)\s+$",
    re.I,
)
# After it: "of" or "for" joins a post to what it is of ("Director of Finance").
# ("accused Treasurer of using" is the name, so "of" before a verb does not count.)
_WORD_FOLLOWS_RE = re.compile(r"\s+(?:of|for)\s+(?![a-z]+ing\b)")
# After a name, a document or honour named for the person ("the Chantler Review").
_EPONYM_RE = re.compile(r"\s+(?:Review|Report|Inquiry|Lecture|Prize|Medal|Award|Memorial)s?\b")


def _stands_as_name(match: re.Match[str]) -> bool:
    """Whether a surname that is also a word ("Law", "Doctor") stands here as a name: as
    the subject of a verb, before letters after a name, or after a given or middle name
    that is no English word ("Henderson Law", not "Employment Law")."""
    text, start, end = match.string, match.start(), match.end()
    if _SUBJECT_VERB_RE.match(text, end) or _EPONYM_RE.match(text, end):
        return True
    after = _NAME_AFTER_RE.match(text, end)
    if after is not None:
        # Before another name ("Justice Babette Mensah") it is a given or middle name;
        # before a capitalised word, part of a proper noun ("Cambridge Judge Business
        # School", "Director General").
        return _not_words(after.group(1))
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if before is None or before.group(1) == REDACTED or not before.group(1)[0].isupper():
        return False
    return _not_words(before.group(1))


def _not_words(word: str) -> bool:
    """Whether a capitalised word is no English word, as a name is; a word of English words
    joined by hyphens ("Non-Executive") is not a name."""
    word = re.sub(r"['’]s$", "", word)
    parts = [p for p in re.split(r"[-'’]+", fold(word)) if p]
    return not parts or any(p not in english_words() and p not in _PREFIXES for p in parts)


_NAME_AFTER_RE = re.compile(r"\s+(" + _CAPITAL + r"[\w'’-]*)")


# Prefixes written before a hyphen that no word list holds as words.
_PREFIXES = frozenset("non co pre post anti multi inter intra trans".split())


class _NameVariant(NamedTuple):
    """One spelling of a name, with its patterns compiled once."""

    words: tuple[str, ...]
    full: re.Pattern[str]
    given: tuple[re.Pattern[str], ...]
    # Whether each given name is also an English word ("Dean", "Grace", "Justice").
    given_words: tuple[bool, ...]
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
                given_words=tuple(fold(word) in english_words() for word in given if len(word) > 1),
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
    if _TITLE_HINT_RE.search(out) is not None:  # a title before a capital
        out = _TITLED_NAME_RE.sub(_keep_professional_title, out)
    # A name of four words and one of two leave the same mark.
    return _REDACTED_RUN_RE.sub(REDACTED, out) if REDACTED + " " in out else out


_REDACTED_RUN_RE = re.compile(re.escape(REDACTED) + r"(?:[ \t]+" + re.escape(REDACTED) + ")+")


def _keep_professional_title(match: re.Match[str]) -> str:
    title = match.group(1)
    # "Dr" and "Professor" say something about a career; Mr, Ms and the rest do not.
    kept = title if title in ("Dr", "Prof", "Professor") else ""
    return (kept + " " + REDACTED).strip()
