"""Word forms: one lemma per inflected word, and misspellings mapped to the word meant.

Lemmas come from lemminflect's lookup tables, shipped inside the package (nothing is
downloaded at run time). Chosen by measurement against simplemma and Snowball stemming
(docs/matching.md): on the development CVs it ranked as well as the others, and unlike a
stemmer its output is a word a panel can read in an explanation.

Spelling is corrected against the words the fitted pool uses often and the English word
list, by single edits (one letter dropped, added, changed or two swapped), so "acountant"
meets "accountant" without character n-grams over every document.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final

from rapidfuzz.distance import Levenshtein

# Which lemma wins when a word can be several parts of speech: the noun ("trusts" ->
# "trust") carries the topic in a CV; the verb next ("chaired" -> "chair").
_POS_ORDER: Final = ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX")
_MIN_SPELL_LENGTH: Final = 5
_TWO_EDIT_LENGTH: Final = 8


@functools.cache
def _lemma_table() -> dict[str, str]:
    """Inflected form -> lemma, from the lookup table lemminflect ships (read once)."""
    from lemminflect import config
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    table: dict[str, str] = {}
    for word, by_pos in LemmaLUCodec.load(config.lemma_lu_fn).items():
        if not word.isalpha() or not word.islower():
            continue
        for pos in _POS_ORDER:
            forms = by_pos.get(pos)
            if forms:
                table[word] = forms[0].lower()
                break
    return table


def lemma(word: str) -> str:
    """The dictionary form of a lower-case word, or the word itself when unknown."""
    if len(word) < 4:
        return word
    return _lemma_table().get(word, word)


@functools.cache
def inflections() -> dict[str, tuple[str, ...]]:
    """Lemma -> the inflected forms the table reads as it ("chair" -> "chaired", ...)."""
    forms: dict[str, list[str]] = {}
    for word, lemma_of in _lemma_table().items():
        if word != lemma_of:
            forms.setdefault(lemma_of, []).append(word)
    return {lemma_of: tuple(words) for lemma_of, words in forms.items()}


def lemmatiser() -> dict[str, str]:
    """The whole table, for loops that look up millions of words."""
    return _lemma_table()


@functools.cache
def english_words() -> frozenset[str]:
    """Every word form the lemma table knows: the spelling checker's dictionary."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    table = _lemma_table()
    return frozenset(table) | frozenset(table.values()) | ENGLISH_STOP_WORDS


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _transposes(word: str) -> list[str]:
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


class SpellingIndex:
    """Finds the known word one edit away from an unknown one, in time linear in its length.

    Every known word is filed under itself and under each form with one letter deleted; an
    unknown word looks up itself, its one-letter deletions and its swaps. That covers a
    dropped, added, changed or swapped letter. When several known words fit, the one the
    pool uses most wins, then a swap of two letters (the commonest slip); a tie is left
    uncorrected rather than guessed.
    """

    def __init__(self, known: dict[str, int]) -> None:
        self._known = known
        # Only words of the pool are targets: the English word list decides what is not
        # a misspelling, but correcting "delhi" to "deli" or "cyber" to "cyder" because a
        # dictionary holds them would be worse than leaving a slip alone.
        self._indexes = (_deletion_index(known),)

    def correct(self, word: str) -> str | None:
        """The known word meant, or None when there is none (or no single best one)."""
        candidates: set[str] = set()
        for form in (word, *_deletes(word), *_transposes(word)):
            for index in self._indexes:
                candidates.update(index.get(form, ()))
        candidates.discard(word)
        candidates = {c for c in candidates if _one_edit(word, c)}
        if not candidates and len(word) >= _TWO_EDIT_LENGTH:
            candidates = self._two_edits(word)
        if not candidates:
            return None
        known = self._known
        # Two letters swapped is the commonest slip: "chagned" is "changed", not "chained".
        swaps = set(_transposes(word))
        ranked = sorted(candidates, key=lambda c: (-known.get(c, 1), c not in swaps, c))
        if len(ranked) > 1 and (known.get(ranked[0], 1), ranked[0] in swaps) == (
            known.get(ranked[1], 1),
            ranked[1] in swaps,
        ):
            return None
        return ranked[0]

    def _two_edits(self, word: str) -> set[str]:
        """Known words two edits away from a long word, among those of its first letter and
        about its length (a long word rarely has a neighbour that close by chance)."""
        buckets = self.__dict__.get("_buckets")
        if buckets is None:
            buckets = {}
            for known in self._known:
                if len(known) >= _TWO_EDIT_LENGTH - 1:
                    buckets.setdefault((known[0], len(known)), set()).add(known)
            self.__dict__["_buckets"] = buckets
        found: set[str] = set()
        for size in range(len(word) - 2, len(word) + 3):
            options = buckets.get((word[0], size))
            if options:
                found.update(
                    c
                    for c in options
                    if Levenshtein.distance(word, c, score_cutoff=2) <= 2 and c != word
                )
        return found


def _deletion_index(words: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= _MIN_SPELL_LENGTH - 1:
            index.setdefault(word, []).append(word)
            for form in _deletes(word):
                index.setdefault(form, []).append(word)
    return index


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]
