"""Longest-first phrase look-up over the criteria vocabulary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from nedmatch.matching.criteria.vocabulary import COMMITTEES, ROLES, TERMS, UMBRELLAS
from nedmatch.matching.text import tokens


class Phrases:
    """Longest-first phrase look-up over tokens, for a small table."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for label, phrases in table.items():
            for phrase in phrases:
                key = tuple(tokens(phrase))
                if key:
                    self._first.setdefault(key[0], []).append((key, label))
        for options in self._first.values():
            options.sort(key=lambda item: -len(item[0]))

    def find(self, toks: Sequence[str]) -> list[tuple[int, int, str]]:
        found = []
        i, n = 0, len(toks)
        while i < n:
            for key, label in self._first.get(toks[i], ()):
                end = i + len(key)
                if tuple(toks[i:end]) == key:
                    found.append((i, end, label))
                    i = end - 1
                    break
            i += 1
        return found


ROLE_PHRASES: Final = Phrases(ROLES)
TERM_PHRASES: Final = Phrases(TERMS)
UMBRELLA_PHRASES: Final = Phrases({k: (k,) for k in UMBRELLAS})
COMMITTEE_PHRASES: Final = Phrases(COMMITTEES)
