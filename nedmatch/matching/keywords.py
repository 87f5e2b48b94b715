"""Misspelt key words read as the word meant, before anything reads a candidate's text.

The vectoriser corrects unknown words to the fitted vocabulary, but skill inference and
criterion claims read the text first, with patterns: "managing chariteis" in a one-line
biography lost the voluntary sector and the criterion it meets (21 points on a real
biography with four slips). A lower-case word that no English word list knows, one edit
from a key word of the thesaurus or the criteria (two for a word of eight letters or
more), is read as that key word. Only key words are targets, and a tie is left alone, so a
slip never becomes an unrelated dictionary word; capitalised words (names) are never
touched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from nedmatch.matching.words import SpellingIndex, english_words, inflections

_WORD_RE = re.compile(r"\b[a-z]{5,}\b")


@functools.cache
def key_words() -> frozenset[str]:
    """The words of the thesaurus's and the criteria's phrases, with their inflections."""
    from nedmatch.matching.criteria.vocabulary import COMMITTEES, ROLES, TERMS
    from nedmatch.matching.lexicon import DOMAIN_PHRASES, SKILL_PHRASES

    groups: Iterable[tuple[str, ...]] = (
        *SKILL_PHRASES.values(),
        *DOMAIN_PHRASES.values(),
        *ROLES.values(),
        *TERMS.values(),
        *COMMITTEES.values(),
    )
    lemmas = {w for phrases in groups for p in phrases for w in re.findall(r"[a-z]+", p)}
    lemmas |= set(_VERBS.split())
    forms = inflections()
    words = set(lemmas)
    for lemma in lemmas:
        words.update(forms.get(lemma, ()))
    return frozenset(w for w in words if len(w) >= 5)


# What a sentence says its subject did, which the criteria read.
_VERBS = (
    "chair chaired chairing trustee voluntary volunteer charity charities executive director "
    "management manager consultant board governance experience currently previously lead "
    "leading served serving member appointed qualified registered"
)


@functools.cache
def _index() -> SpellingIndex:
    return SpellingIndex(dict.fromkeys(key_words(), 1))


@functools.lru_cache(maxsize=65_536)
def _key_word_meant(word: str) -> str | None:
    # The same unknown words (a tool's name, an abbreviation, a common slip) recur from CV
    # to CV; each is looked up once.
    return _index().correct(word)


def correct_key_words(text: str) -> str:
    """The text with misspelt key words read as the words meant."""
    if not text:
        return text
    english, keys = english_words(), key_words()
    unknown = set(_WORD_RE.findall(text)) - english - keys
    if not unknown:
        return text
    meant = {w: c for w in unknown if (c := _key_word_meant(w)) is not None}
    if not meant:
        return text
    return _WORD_RE.sub(lambda m: meant.get(m.group(0), m.group(0)), text)
