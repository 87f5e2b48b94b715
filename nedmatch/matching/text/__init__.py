"""Text handling shared by inference, the vectoriser and explanations.

Everything that could identify a person, or stand for a protected characteristic, is
removed here before any text reaches a vectoriser, so the model cannot learn from it.
"""

from __future__ import annotations

from nedmatch.matching.text.concepts import (
    DOMAIN_MATCHER,
    PROTECTED_WORDS,
    SKILL_MATCHER,
    TOKEN_RE,
    PhraseMatcher,
    concept_phrases,
    concept_spans,
    concepts_in,
    kept,
    normalise,
    normalise_tokens,
    tokens,
)
from nedmatch.matching.text.disclosures import (
    evidence_only,
    is_disclosure,
    is_identity_membership,
    neutral_wording,
)
from nedmatch.matching.text.names import (
    REDACTED,
    fold_accents,
    looks_like_name,
    name_parts,
    remove_names,
)
from nedmatch.matching.text.passages import Sentence, sentence_spans, sentences, snippet
from nedmatch.matching.text.personal import scrub

__all__ = [
    "DOMAIN_MATCHER",
    "REDACTED",
    "SKILL_MATCHER",
    "PROTECTED_WORDS",
    "TOKEN_RE",
    "PhraseMatcher",
    "Sentence",
    "concept_phrases",
    "concept_spans",
    "concepts_in",
    "kept",
    "evidence_only",
    "fold_accents",
    "is_disclosure",
    "is_identity_membership",
    "looks_like_name",
    "name_parts",
    "neutral_wording",
    "normalise",
    "normalise_tokens",
    "remove_names",
    "scrub",
    "sentence_spans",
    "sentences",
    "snippet",
    "tokens",
]
