"""Cheap literal checks that let a costly regular expression be skipped.

Python's regular expressions try a long case-insensitive alternation at every word of a
text; on a 600-word CV that is milliseconds, and a pool of 100,000 CVs reads each text
several times. Every match of such a pattern contains one of a few literal words, so a
search for those words in the folded text (one pass of an Aho-Corasick automaton, in C)
says when the pattern cannot match, and the pattern runs only when it might. A gate may let through text the pattern
then does not match; it never stops text the pattern would match (tests/matching/
test_gates.py checks this over every Unicode character that matches a letter in a
case-insensitive pattern).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import ahocorasick

# Characters that a case-insensitive pattern matches to an ASCII letter but that
# ``str.lower`` does not turn into that letter alone: dotted capital I (lowered to "i"
# and a combining dot), dotless i and long s. The fold keeps every character where it was, so a key's place in the folded text is its
# place in the text (U+0130 is the one character whose lower case is two).
_SRE_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))
_LITERAL_START = re.compile(r"[^()\[\]\\?*+{}.^$|]*")
# How a key says "at a word boundary" (as ``\b`` does in a pattern).
BOUNDARY = "\\b"


def fold(text: str) -> str:
    """The text in lower case, as a case-insensitive pattern compares it."""
    if text.isascii():
        return text.lower()
    for char, letter in _SRE_FOLD:
        if char in text:
            text = text.replace(char, letter)
    return text.lower()


def alternation_keys(alternation: str) -> tuple[str, ...]:
    """The keys of a simple alternation that follows ``\b`` in its pattern.

    ``"women's|ethnic(?:ity)?|latin\\w*|accountants?"`` gives ``\bwomen's\b``,
    ``\bethnic``, ``\blatin`` and ``\baccountant``: each match of an alternative starts
    with its literal start at a word boundary, and a wholly literal alternative also ends
    at one (an optional last letter is dropped from the key).
    """
    keys = []
    for alternative in alternation.split("|"):
        literal = _LITERAL_START.match(alternative)
        key = literal.group(0) if literal else ""
        rest = alternative[len(key) :]
        if rest.startswith(("?", "*", "{0")):
            key = key[:-1]
        if not key.strip():
            raise ValueError(f"No literal start in {alternative!r}: write its gate by hand.")
        keys.append(BOUNDARY + key + (BOUNDARY if not rest else ""))
    return tuple(dict.fromkeys(keys))


def _bare(key: str) -> str:
    """A key without its boundary marks."""
    key = key.removeprefix(BOUNDARY)
    return key.removesuffix(BOUNDARY) if key else key


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class GateSet:
    """Gates read in one pass over a text: an Aho-Corasick automaton of all their keys
    (in C), which says where each gate's keys are.

    A key is a literal in lower case. ``\b`` at its start or end (as in a pattern) means
    that it counts only where a word starts or ends there.
    """

    def __init__(self, gates: Sequence[Gate]) -> None:
        self.gates = tuple(gates)
        owners: dict[str, list[tuple[int, bool, bool]]] = {}
        for number, gate in enumerate(self.gates):
            for key in gate.keys:
                word = _bare(key)
                starts = key.startswith(BOUNDARY)
                ends = key.removeprefix(BOUNDARY).endswith(BOUNDARY)
                owners.setdefault(word, []).append((number, starts, ends))
        self._automaton = ahocorasick.Automaton()
        for word, owned in owners.items():
            # The gates a key opens, by whether a word boundary is before it and after it.
            by_edges = tuple(
                frozenset(
                    number
                    for number, starts, ends in owned
                    if (before or not starts) and (after or not ends)
                )
                for before in (False, True)
                for after in (False, True)
            )
            self._automaton.add_word(word, (len(word), by_edges))
        self._automaton.make_automaton()

    def hits(self, folded: str) -> list[tuple[int, int, frozenset[int]]]:
        """(start, end, the gates it opens) for every key found in a folded text, in order
        of where they end."""
        return list(self._hits(folded))

    def opened(self, folded: str) -> set[int]:
        """The gates whose pattern might match the text."""
        found: set[int] = set()
        for _, _, numbers in self._hits(folded):
            found |= numbers
        return found

    def any_open(self, folded: str) -> bool:
        """Whether any gate's pattern might match the text: stops at the first key found
        (a pronoun gate meets "he" within a few words of most CVs)."""
        return next(self._hits(folded), None) is not None

    def _hits(self, folded: str) -> Iterator[tuple[int, int, frozenset[int]]]:
        size = len(folded)
        for last, (length, by_edges) in self._automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            before = start == 0 or not _is_word(folded[start - 1])
            after = end == size or not _is_word(folded[end])
            numbers = by_edges[2 * before + after]
            if numbers:
                yield start, end, numbers


class Gate:
    """A pattern with the keys one of which every match of it contains.

    ``stop``, when given, is a character no match contains (a full stop, for a pattern of
    words and spaces): the pattern is then run only on the stretches between stops that
    hold a key, which gives the same text as running it on the whole (a stretch's edges
    read as the stop beside them does: not a word character)."""

    def __init__(
        self, pattern: re.Pattern[str], keys: Iterable[str], stop: str | None = None
    ) -> None:
        self.pattern = pattern
        self.keys = tuple(dict.fromkeys(fold(k) for k in keys))
        if not self.keys or not all(_bare(k) for k in self.keys):
            raise ValueError("A gate needs at least one key with a letter in it.")
        if stop is not None and (len(stop) != 1 or _is_word(stop)):
            raise ValueError("A stop is one character that is not part of a word.")
        self.stop = stop
        self._alone = GateSet([self])

    def allows(self, folded: str) -> bool:
        """Whether the pattern might match a text, given the text's ``fold``."""
        return self._alone.any_open(folded)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        if not self.allows(fold(text) if folded is None else folded):
            return None
        return self.pattern.search(text)

    def sub(self, replacement: Any, text: str, folded: str | None = None) -> str:
        folded = fold(text) if folded is None else folded
        if self.stop is None:
            if not self.allows(folded):
                return text
            return self.pattern.sub(replacement, text)
        # Only the stretches between stops that hold a key: a key has no stop in it, so
        # each key lies in one stretch, and a stretch already read is passed over.
        pieces: list[str] = []
        done = 0
        for start, end, _ in self._alone.hits(folded):
            if start < done:
                continue
            before = text.rfind(self.stop, done, start)
            begin = done if before < 0 else before + 1
            finish = text.find(self.stop, end)
            finish = len(text) if finish < 0 else finish
            pieces.append(text[done:begin])
            pieces.append(self.pattern.sub(replacement, text[begin:finish]))
            done = finish
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)
