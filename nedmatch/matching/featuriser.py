"""The fitted featuriser: one scikit-learn Pipeline turns a document into word, concept and
latent features, so fitting, adding a candidate and scoring a vacancy can never prepare
text differently."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import Normalizer
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from nedmatch.matching.counting import Part, fit_from_parts
from nedmatch.matching.features import DECLARED_SEPARATOR, WORD_TOKEN_PATTERN
from nedmatch.matching.lexicon import CONCEPT_TOKENS
from nedmatch.matching.text import normalise_tokens
from nedmatch.matching.words import SpellingIndex, english_words, lemmatiser

_CONCEPT_SET: Final = frozenset(CONCEPT_TOKENS)
# Document-frequency pruning needs a pool to count over: on a handful of CVs it would
# remove nearly every word, so pools smaller than this keep them all.
SMALL_POOL: Final = 100


def concept_parts_of(normed: Sequence[str]) -> list[str]:
    """The concept tokens at the end of each normalised document (words never hold "_"),
    so the concept vectoriser does not read every word again."""
    out = []
    for doc in normed:
        start = doc.find("c_")
        out.append(doc[start:] if start >= 0 else "")
    return out


class TextNormaliser(TransformerMixin, BaseEstimator):
    """Stateless first step: drop protected terms, add concept tokens, lemmatise words.

    ``known`` (set by the featuriser after fitting, never saved) lets the step correct
    words that neither the English word list nor the fitted vocabulary knows.
    """

    def __init__(self, lemmatise: bool = True) -> None:
        self.lemmatise = lemmatise

    def fit(self, X: Iterable[str], y: Any = None) -> TextNormaliser:
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        return [self.normalise_one(doc) for doc in X]

    def normalise_one(
        self,
        doc: str,
        speller: SpellingIndex | None = None,
        known: frozenset[str] = frozenset(),
        fixes: dict[str, str] | None = None,
    ) -> str:
        """The normalised document.

        With a ``speller``, unknown words (in neither the English word list nor ``known``)
        one or two edits from a known one are read as that word; ``fixes`` gives the
        corrections outright.
        """
        own, _, declared = doc.partition(DECLARED_SEPARATOR)
        words, concepts = normalise_tokens(own, fixes)
        if speller is not None and fixes is None:
            english = english_words()
            found = {}
            for word in {w for w in words if len(w) >= 5 and w.isalpha()}:
                if word not in english and word not in known:
                    meant = speller.correct(word)
                    if meant is not None:
                        found[word] = meant
            if found:
                # Read again with the words meant, so the lexicon sees them too.
                words, concepts = normalise_tokens(own, found)
        if self.lemmatise:
            table = lemmatiser()
            words = [table.get(w, w) for w in words]
        extra = [t for t in declared.split() if t in _CONCEPT_SET]
        return " ".join(words + concepts + extra)


class LatentSpace(TransformerMixin, BaseEstimator):
    """LSA on the word features, fitted on a sample: the components settle long before
    100,000 documents, and a sample keeps the fit within its time budget."""

    def __init__(self, n_components: int = 128, sample: int = 20_000, random_state: int = 0):
        self.n_components = n_components
        self.sample = sample
        self.random_state = random_state

    def fit(self, X: sp.spmatrix, y: Any = None) -> LatentSpace:
        rng = np.random.default_rng(self.random_state)
        n = X.shape[0]
        rows = np.sort(rng.choice(n, size=min(n, self.sample), replace=False))
        k = max(1, min(self.n_components, X.shape[1] - 1, len(rows) - 1))
        svd = TruncatedSVD(n_components=k, n_iter=4, random_state=self.random_state)
        # Many BLAS threads on a shared machine cost more than they save here.
        with threadpool_limits(limits=1, user_api="blas"):
            svd.fit(X[rows])
        self.svd_ = svd
        self.normaliser_ = Normalizer(copy=False).fit(np.zeros((1, k)))
        return self

    def transform(self, X: sp.spmatrix) -> np.ndarray:
        check_is_fitted(self, "svd_")
        z = self.svd_.transform(X).astype(np.float32)
        return self.normaliser_.transform(z)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array([f"lsa__component{i}" for i in range(self.svd_.n_components)])


@dataclass
class Features:
    """One batch of documents as the blocks the index and the scorer use."""

    words: sp.csr_matrix
    concepts: np.ndarray
    lsa: np.ndarray | None
    concept_counts: np.ndarray


class Featuriser(TransformerMixin, BaseEstimator):
    """Word n-grams (TF-IDF, sublinear tf), thesaurus concepts and an optional latent space.

    ``pipeline_`` is the whole fitted chain (normalise, then words and concepts side by
    side, then LSA over the words); ``transform`` returns its blocks separately so that
    100,000 rows are never copied into one matrix only to be split again.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_df: float = 0.5,
        max_features: int | None = 400_000,
        n_components: int = 128,
        svd_sample: int = 20_000,
        lemmatise: bool = True,
        correct_spelling: bool = True,
        random_state: int = 0,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.n_components = n_components
        self.svd_sample = svd_sample
        self.lemmatise = lemmatise
        self.correct_spelling = correct_spelling
        self.random_state = random_state

    # --------------------------------------------------------------------- fit

    def fit(self, X: Sequence[str], y: Any = None) -> Featuriser:
        self.fit_transform(X)
        return self

    def fit_transform(
        self, X: Sequence[str], y: Any = None, normed: Sequence[str] | None = None
    ) -> Features:
        """Fit on documents and return their features. ``normed``, when given, is the
        documents already through the normalising step (``TextNormaliser``)."""
        docs = list(X)
        if not docs:
            raise ValueError("Cannot fit the featuriser on no documents.")
        if normed is None:
            normaliser = TextNormaliser(lemmatise=self.lemmatise)
            normed = [normaliser.normalise_one(d) for d in docs]
        elif len(normed) != len(docs):
            raise ValueError("normed must hold one normalised text for each document.")
        return self.fit_read(len(docs), normed=list(normed))

    def fit_read(
        self,
        n_docs: int,
        *,
        normed: Sequence[str] | None = None,
        counted: Sequence[Part] = (),
        concept_parts: Sequence[str] | None = None,
    ) -> Features:
        """Fit on a pool already read: its normalised documents, or (as ``matching.
        reading`` gives them for a large pool, read in several processes) their word
        n-grams counted in parts and each document's concept tokens."""
        if n_docs < 1:
            raise ValueError("Cannot fit the featuriser on no documents.")
        words = self.word_vectoriser(n_docs)
        concepts = TfidfVectorizer(
            lowercase=False,
            token_pattern=r"\bc_[a-z_]+\b",  # noqa: S106 - a regular expression, not a secret
            vocabulary=list(CONCEPT_TOKENS),
            sublinear_tf=True,
            dtype=np.float32,
        )
        steps: list[tuple[str, Any]] = [
            ("normalise", TextNormaliser(lemmatise=self.lemmatise)),
            ("features", FeatureUnion([("words", words), ("concepts", concepts)])),
        ]
        if counted:
            if sum(c.shape[0] for _, c in counted) != n_docs:
                raise ValueError("counted must hold one row for each document.")
            word_matrix = fit_from_parts(words, counted)
        elif normed is not None and len(normed) == n_docs:
            word_matrix = words.fit_transform(normed).tocsr()
        else:
            raise ValueError("Give one normalised text, or counts, for each document.")
        parts = list(concept_parts) if concept_parts is not None else concept_parts_of(normed or [])
        if len(parts) != n_docs:
            raise ValueError("concept_parts must hold one entry for each document.")
        concepts.fit(parts)
        self.pipeline_ = Pipeline(steps)
        self.prepare()
        # Misspellings in the pool itself are left as written: re-reading them at fit
        # lowered MAP@10 on the development CVs (0.682 to 0.621). Words of a query or of a
        # later application that the vocabulary never saw are corrected (``transform``).
        lsa = None
        if self.n_components > 0 and word_matrix.shape[1] > 1:
            space = LatentSpace(self.n_components, self.svd_sample, self.random_state)
            space.fit(word_matrix)
            self.pipeline_.steps.append(("lsa", space))
            lsa = space.transform(word_matrix)
        return self._features(word_matrix, parts, lsa)

    def word_vectoriser(self, n_docs: int) -> TfidfVectorizer:
        """The unfitted word n-gram vectoriser for a pool of ``n_docs`` documents."""
        small = n_docs < SMALL_POOL
        return TfidfVectorizer(
            lowercase=False,
            token_pattern=WORD_TOKEN_PATTERN,
            stop_words="english",
            ngram_range=self.ngram_range,
            min_df=1 if small else self.min_df,
            max_df=1.0 if small else self.max_df,
            max_features=self.max_features,
            sublinear_tf=True,
            dtype=np.float32,
        )

    def _features(
        self, words: sp.csr_matrix, concept_parts: list[str], lsa: np.ndarray | None
    ) -> Features:
        concepts, counts = self._concepts(concept_parts)
        return Features(words=words, concepts=concepts, lsa=lsa, concept_counts=counts)

    def prepare(self) -> None:
        """Build what is derived from the fitted vocabulary (not saved; rebuilt on load)."""
        vocabulary = self.words_.vocabulary_
        idf = self.words_.idf_
        n = len(idf)
        # Document frequency back from idf = ln((1 + n_docs) / (1 + df)) + 1, as a rank.
        # Words of the pool, the commoner the better (document frequency falls as idf
        # rises), are what a slip is corrected to.
        known = {w: 2 + int(1e6 / np.exp(idf[i])) for w, i in vocabulary.items() if " " not in w}
        # A query's or a new candidate's word is corrected only when the vocabulary has
        # never seen it: a rare word the pool uses is a term to match, not a slip.
        self.known_ = frozenset(w for w in vocabulary if " " not in w) | english_words()
        self.speller_ = SpellingIndex(known) if self.correct_spelling else None
        self.n_word_features_ = n

    # --------------------------------------------------------------- transform

    def transform(self, X: Iterable[str]) -> Features:
        check_is_fitted(self, "pipeline_")
        if not hasattr(self, "speller_"):
            self.prepare()
        normaliser = self.pipeline_.named_steps["normalise"]
        normed = [normaliser.normalise_one(d, self.speller_, self.known_) for d in X]
        words = self.words_.transform(normed).tocsr()
        lsa = self.lsa_.transform(words) if self.lsa_ is not None else None
        return self._features(words, concept_parts_of(normed), lsa)

    def _concepts(self, parts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        union = self.pipeline_.named_steps["features"]
        vectoriser = union.transformer_list[1][1]
        weights = vectoriser.transform(parts).toarray().astype(np.float32)
        counts = np.zeros_like(weights)
        index = vectoriser.vocabulary_
        for i, part in enumerate(parts):
            for token in part.split():
                col = index.get(token)
                if col is not None:
                    counts[i, col] += 1.0
        return weights, counts

    def normalise(self, text: str) -> list[str]:
        """A criterion's or a query's tokens exactly as the vectorisers see them."""
        normaliser = self.pipeline_.named_steps["normalise"]
        return normaliser.normalise_one(text, self.speller_, self.known_).split()

    @property
    def words_(self) -> TfidfVectorizer:
        return self.pipeline_.named_steps["features"].transformer_list[0][1]

    @property
    def lsa_(self) -> LatentSpace | None:
        return self.pipeline_.named_steps.get("lsa")

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        names = list(self.pipeline_.named_steps["features"].get_feature_names_out())
        if self.lsa_ is not None:
            names += list(self.lsa_.get_feature_names_out())
        return np.array(names, dtype=object)

    def word_names(self) -> np.ndarray:
        """Word feature names, built once: scikit-learn rebuilds the list on every call."""
        names = self.__dict__.get("_word_names")
        if names is None:
            names = self.words_.get_feature_names_out()
            self.__dict__["_word_names"] = names
        return names
