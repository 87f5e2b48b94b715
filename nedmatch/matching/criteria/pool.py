"""Judging the whole pool at once: each candidate's claims, worked out at fit and on add,
indexed by claim."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL
from nedmatch.matching.criteria.claims import BOARD_LEVEL_CLAIMS, text_claims
from nedmatch.matching.criteria.spec import CriterionSpec
from nedmatch.matching.criteria.structured import CHAIR_ANSWER_CLAIMS, NHS_BOARD_ANSWER_CLAIMS
from nedmatch.matching.fingerprint import source_fingerprint


class _ClaimIndex:
    """Each candidate's claims, worked out once per text and looked up by claim.

    Readers get the postings of the moment (rows only ever appended to it, and a new
    dictionary when the pool is rebuilt), so a rank running beside an add never reads a
    half-made index; rows past the reader's pool size are ignored.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_text: dict[str, frozenset[str]] = {}
        self.texts: Sequence[str] | None = None
        self.rows: int = 0
        self.postings: dict[str, list[int]] = {}
        # Each claim's postings as an array, made on first use and again once rows were
        # appended to it (a pool of 100,000 would otherwise convert lists on every rank).
        self.arrays: dict[str, np.ndarray] = {}

    def rows_with(self, postings: Mapping[str, list[int]], claim: str) -> np.ndarray:
        """The rows holding a claim, from the postings a reader was given."""
        rows = postings.get(claim)
        if not rows:
            return _NO_ROWS
        size = len(rows)
        if postings is self.postings:
            cached = self.arrays.get(claim)
            if cached is not None and len(cached) == size:
                return cached
        found = np.asarray(rows[:size], dtype=np.int64)
        if postings is self.postings:
            self.arrays[claim] = found
        return found

    def update(
        self, texts: Sequence[str], decode: Callable[[str], Mapping[str, str]]
    ) -> dict[str, list[int]]:
        with self.lock:
            n = len(texts)
            if self.texts is not None and self.texts is not texts:
                known = self.texts
                if n <= self.rows and _same(texts, known, n):
                    # An older snapshot of this pool: its rows are a prefix of ours, and
                    # readers ignore rows past their own pool size.
                    return self.postings
                if n >= self.rows and _same(texts, known, self.rows):
                    # The pool grew by an add: only the new rows need their claims.
                    self.texts = texts
            if self.texts is not texts or self.rows > n:
                # A rebuilt pool (fitted or compacted): keep the claims of texts still here.
                kept = {t: self.by_text[t] for t in texts if t in self.by_text}
                self.by_text, self.texts, self.rows, self.postings = kept, texts, 0, {}
                self.arrays = {}
            postings = self.postings
            for row in range(self.rows, len(texts)):
                packed = texts[row]
                claims = self.by_text.get(packed)
                if claims is None:
                    claims = self.by_text[packed] = claims_of_text(packed, decode)
                for claim in claims:
                    postings.setdefault(claim, []).append(row)
            self.rows = len(texts)
            return postings

    def seed(self, texts: Sequence[str], postings: Mapping[str, Sequence[int]]) -> None:
        """Take a pool's claims as saved beside it, instead of working them out again."""
        by_row: list[set[str]] = [set() for _ in texts]
        for claim, rows in postings.items():
            for row in rows:
                by_row[row].add(claim)
        self.install(texts, [frozenset(claims) for claims in by_row])

    def install(self, texts: Sequence[str], claims: Sequence[frozenset[str]]) -> None:
        """Take a pool's claims, one set per row of ``texts`` (worked out where a fitted
        pool's text was read, or from the postings saved with a model)."""
        postings: dict[str, list[int]] = {}
        for row, found in enumerate(claims):
            for claim in found:
                postings.setdefault(claim, []).append(row)
        by_text = dict(zip(texts, claims, strict=True))
        with self.lock:
            self.by_text, self.texts, self.rows = by_text, texts, len(texts)
            self.postings, self.arrays = postings, {}

    def claims_of(
        self, texts: Sequence[str], decode: Callable[[str], Mapping[str, str]]
    ) -> dict[str, list[int]]:
        """The postings of any list of texts (a compacted copy of the pool, to save)."""
        postings: dict[str, list[int]] = {}
        for row, packed in enumerate(texts):
            claims = self.by_text.get(packed)
            if claims is None:
                claims = claims_of_text(packed, decode)
            for claim in claims:
                postings.setdefault(claim, []).append(row)
        return postings


def claims_of_text(packed: str, decode: Callable[[str], Mapping[str, str]]) -> frozenset[str]:
    """Every claim the sentences of one candidate's packed fields make."""
    fields = decode(packed) if packed else {}
    return frozenset().union(*(s.claims for s in text_claims(fields)))


def _same(a: Sequence[str], b: Sequence[str], k: int) -> bool:
    """Whether the first ``k`` texts of two pools are the same (mostly the same objects)."""
    return len(a) >= k and len(b) >= k and list(a[:k]) == list(b[:k])


def warm(owner: object, texts: Sequence[str], decode: Callable[[str], Mapping[str, str]]) -> None:
    """Work out the claims of a pool's new rows now (at fit and on add), not on a rank."""
    postings_for(owner).update(texts, decode)


def install(owner: object, texts: Sequence[str], claims: Sequence[frozenset[str]]) -> None:
    """Install the claims of a freshly fitted pool, one set per row of ``texts``."""
    postings_for(owner).install(texts, claims)


def seed(owner: object, texts: Sequence[str], postings: Mapping[str, Sequence[int]]) -> None:
    """Install claims saved with a model (see RULES_VERSION), so a loaded pool is ready."""
    postings_for(owner).seed(texts, postings)


def saved_claims(
    owner: object, texts: Sequence[str], decode: Callable[[str], Mapping[str, str]]
) -> dict[str, list[int]]:
    """Claims to save beside ``texts``: reused from the owner's index where known."""
    return postings_for(owner).claims_of(texts, decode)


def _rules_version() -> str:
    """A fingerprint of the rules that make claims: claims saved under other rules are
    worked out again on load, never trusted."""
    modules = sorted(Path(__file__).parent.glob("*.py"))
    base = Path(__file__).parent.parent
    for name in ("text", "lexicon"):
        modules += sorted([*base.glob(f"{name}/*.py"), *base.glob(f"{name}.py")])
    return source_fingerprint(modules)


RULES_VERSION = _rules_version()


def postings_for(owner: object) -> _ClaimIndex:
    with _INDEXES_LOCK:
        index = _INDEXES.get(owner)
        if index is None:
            index = _INDEXES[owner] = _ClaimIndex()
    return index


_NO_ROWS = np.zeros(0, dtype=np.int64)


def _column(found: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    if found.size:
        out[found[found < n]] = True
    return out


_INDEXES: weakref.WeakKeyDictionary[object, _ClaimIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def pool_met(
    spec: CriterionSpec,
    *,
    owner: object,
    texts: Sequence[str],
    decode: Callable[[str], Mapping[str, str]],
    board_level: np.ndarray,
    topic_met: np.ndarray | None,
) -> np.ndarray:
    """Which candidates in the pool meet a criterion ("met" only; the group is built on it).

    ``texts`` are the candidates' packed fields (row order), ``decode`` unpacks one,
    ``board_level`` is the form's answer (a ticked skill area is a claim to check, never
    "met", so it is not asked here),
    ``topic_met`` the model's word-coverage verdict (before any board level asked), used
    for criteria that name no role, chair or field (and not needed for others).
    """
    n = len(texts)
    index = postings_for(owner)
    postings = index.update(texts, decode)
    cache: dict[str, np.ndarray] = {}

    def column(claim: str) -> np.ndarray:
        found = cache.get(claim)
        if found is None:
            found = _column(index.rows_with(postings, claim), n)
            if claim in CHAIR_ANSWER_CLAIMS:
                found = found | (board_level[:n] >= BOARD_EXPERIENCE_LEVEL["chair"])
            elif claim == "sat:board":
                found = found | (board_level[:n] >= 1)
            elif claim in NHS_BOARD_ANSWER_CLAIMS:
                found = found | (board_level[:n] == BOARD_EXPERIENCE_LEVEL["nhs-board"])
            cache[claim] = found
        return found

    def any_option(options: Sequence[frozenset[str]]) -> np.ndarray:
        result = np.zeros(n, dtype=bool)
        for option in options:
            part = np.ones(n, dtype=bool)
            for claim in option:
                part &= column(claim)
            result |= part
        return result

    if spec.topic_only:
        if topic_met is None:
            raise ValueError("a criterion judged on its words needs the words' verdict")
        if spec.board_level > 0:
            return topic_met & board_gate(spec.board_level, board_level[:n], column)
        return topic_met
    met = np.ones(n, dtype=bool)
    for requirement in spec.requirements:
        met &= any_option(requirement.met)
    if spec.board_level > 0:
        met &= board_gate(spec.board_level, board_level[:n], column)
    return met


def board_gate(level: int, answered: np.ndarray, column: Callable[[str], np.ndarray]) -> np.ndarray:
    """Who has board experience of at least ``level``: by their answer, or by a sentence
    that shows it (a seat on, or the chair of, a board)."""
    shown = answered >= level
    for claim, claim_level in BOARD_LEVEL_CLAIMS:
        if claim_level >= level:
            shown = shown | column(claim)
    return shown
