"""Finding the sentence that meets a criterion, or the one a person should check."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Final, TypeVar

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL
from nedmatch.matching.criteria.claims import SentenceClaims, board_level_of, text_claims
from nedmatch.matching.criteria.results import POSSIBLE
from nedmatch.matching.criteria.spec import CriterionSpec, satisfied
from nedmatch.matching.inference import BOARD_PATTERNS
from nedmatch.matching.text import tokens


@functools.lru_cache(maxsize=16384)
def _board_level(sentence: SentenceClaims) -> int:
    """The board experience one sentence shows, by its claims or the board patterns
    (asked of each sentence for every criterion, so worked out once)."""
    shown = board_level_of(sentence.claims)
    if not _BOARD_HINT.search(sentence.text):
        return shown
    for slug, pattern in BOARD_PATTERNS:
        if pattern.search(sentence.text):
            return max(shown, BOARD_EXPERIENCE_LEVEL[slug])
    return shown


T = TypeVar("T")

# Claims of a post held: a level, a role, a chair, a field held.
_POST_CLAIMS: Final = ("lvl:", "role:", "chair:", "h:")

_BOARD_HINT: Final = re.compile(r"board|trustee|governor|chair|director|non-?exec|\bned\b", re.I)


def best_evidence(
    spec: CriterionSpec, sentences: Sequence[SentenceClaims], want: str
) -> SentenceClaims | None:
    """The sentence that meets the criterion (or, for "possible", the one to check)."""
    best, best_score = None, 0.0
    asked = _asked(spec.text)
    # A sentence with none of the claims the criterion names scores only by board level.
    named = spec.named_claims if spec.board_level <= 0 else None
    for sentence in sentences:
        if named is not None and named.isdisjoint(sentence.claims):
            continue
        score = 0.0
        for requirement in spec.requirements:
            if satisfied(requirement.met, sentence.claims):
                score += 3 if requirement.primary else 1
            elif want == POSSIBLE and satisfied(requirement.possible, sentence.claims):
                score += 1
        if spec.board_level > 0 and _board_level(sentence) >= spec.board_level:
            score += 2
        if score > 0:
            # Between sentences that both meet it, the one in the criterion's own words,
            # and a sentence about work done over a bare job title.
            score += 0.1 * min(5, len(asked & _words(sentence.text)))
            score += 0.5 * (sentence.field != "current_role")
            # And a sentence naming a post of the candidate's own over one where the
            # sector is only named beside something done ("criticised by councillors").
            score += 0.3 * any(c.startswith(_POST_CLAIMS) for c in sentence.claims)
        if score > best_score:
            best, best_score = sentence, score
    return best


def topic_sentence(
    spec: CriterionSpec, sentences: Sequence[SentenceClaims]
) -> SentenceClaims | None:
    """For a criterion judged on its words: the sentence sharing most of them."""
    best, best_score = None, 0.0
    for sentence in sentences:
        score = float(len(_words(sentence.text) & spec.words))
        if spec.board_level > 0 and _board_level(sentence) >= spec.board_level:
            score += 3.0
        if score > best_score:
            best, best_score = sentence, score
    return best


@functools.lru_cache(maxsize=1024)
def _asked(text: str) -> frozenset[str]:
    """A criterion's longer words, which pick between sentences that both meet it."""
    return frozenset(w for w in tokens(text) if len(w) > 3)


@functools.lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def sentences_of(text: object) -> list[SentenceClaims]:
    """Each sentence of a candidate's text with its claims, made once per text read for
    explaining."""

    def read() -> list[SentenceClaims]:
        fields: Mapping[str, str] = getattr(text, "fields", None) or {}
        return text_claims(fields)

    return _kept_on(text, "_claims", read)


def own_claims(text: object) -> frozenset[str]:
    """Every claim of a candidate's text, made once per text read for explaining."""
    return _kept_on(
        text, "_own_claims", lambda: frozenset().union(*(s.claims for s in sentences_of(text)))
    )


def _kept_on(text: object, name: str, make: Callable[[], T]) -> T:
    """A value worked out from a candidate's text, kept on it for the next criterion."""
    cached = getattr(text, name, None)
    if cached is None:
        cached = make()
        try:
            setattr(text, name, cached)
        except AttributeError:
            pass
    return cached
