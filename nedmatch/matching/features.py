"""The scikit-learn text pipeline: one place turns documents into features, so fitting,
adding a candidate and scoring a vacancy can never prepare text differently."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from nedmatch.matching.lexicon import CONCEPT_TOKENS, SKILL_CONCEPTS
from nedmatch.matching.text import normalise

# Separates a document's own words from concepts declared in structured fields, so a
# declared skill can never be forged by typing "c_finance" into a CV.
DECLARED_SEPARATOR = "\x1f"
_CONCEPT_SET = frozenset(CONCEPT_TOKENS)

# Words only: a letter first, no underscore, so "c_..." concept tokens and bare numbers
# (years, phone fragments that escaped scrubbing) never become word features.
WORD_TOKEN_PATTERN = r"(?u)\b[a-z][a-z0-9]+\b"  # noqa: S105 - a regular expression, not a secret


class TextNormaliser(TransformerMixin, BaseEstimator):
    """Stateless first step of the pipeline: drop protected terms, add concept tokens."""

    def fit(self, X: Iterable[str], y: Any = None) -> TextNormaliser:
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        out = []
        for doc in X:
            own, _, declared = doc.partition(DECLARED_SEPARATOR)
            extra = [t for t in declared.split() if t in _CONCEPT_SET]
            text = normalise(own)
            out.append(text + " " + " ".join(extra) if extra else text)
        return out


def build_text_pipeline(
    ngram_range: tuple[int, int], min_df: int | float, max_df: float, max_features: int | None
) -> Pipeline:
    """Word n-grams for exact wording, concept tokens for synonyms, in one union."""
    words = TfidfVectorizer(
        lowercase=False,
        token_pattern=WORD_TOKEN_PATTERN,
        stop_words="english",
        ngram_range=ngram_range,
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
        sublinear_tf=True,
        dtype=np.float32,
    )
    concepts = TfidfVectorizer(
        lowercase=False,
        token_pattern=r"\bc_[a-z_]+\b",  # noqa: S106 - a regular expression, not a secret
        vocabulary=list(CONCEPT_TOKENS),
        sublinear_tf=True,
        dtype=np.float32,
    )
    return Pipeline(
        [
            ("normalise", TextNormaliser()),
            ("features", FeatureUnion([("words", words), ("concepts", concepts)])),
        ]
    )


def candidate_document(fields: dict[str, str], skill_areas: Iterable[str]) -> str:
    """One string per candidate: their scrubbed words, then their declared skill areas."""
    declared = " ".join(SKILL_CONCEPTS[s] for s in skill_areas)
    return "\n".join(fields.values()) + DECLARED_SEPARATOR + declared


_FIELD_SEP = "\x1e"
_NAME_SEP = "\x1f"


def encode_fields(fields: dict[str, str]) -> str:
    """Pack named fields into one string (control characters in the text are dropped)."""
    return _FIELD_SEP.join(
        name + _NAME_SEP + text.replace(_FIELD_SEP, " ").replace(_NAME_SEP, " ")
        for name, text in fields.items()
    )


def decode_fields(packed: str) -> dict[str, str]:
    """The inverse of encode_fields."""
    if not packed:
        return {}
    return dict(part.split(_NAME_SEP, 1) for part in packed.split(_FIELD_SEP))
