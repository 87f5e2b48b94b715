"""The ranker: a fitted featuriser, an immutable candidate index, a scorer and an
explainer, joined behind one scikit-learn estimator.

Thread safety: ``rank``, ``assess`` and ``explain`` take the index reference once and
work on that snapshot; ``add`` and ``remove`` build a new index under a lock and swap the
one reference, so a reader never sees half an update.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import Any, Final

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import ThreadpoolController

from nedmatch.domain import AVAILABILITY_DAYS, BOARD_EXPERIENCE_LEVEL, REGIONS
from nedmatch.matching import criteria, explainer
from nedmatch.matching.counting import part_counter
from nedmatch.matching.explain import CriterionSpec, Match
from nedmatch.matching.features import decode_fields
from nedmatch.matching.featuriser import Features, Featuriser
from nedmatch.matching.index import CandidateIndex, Rows
from nedmatch.matching.profiles import CandidateProfile, VacancyProfile
from nedmatch.matching.reading import documents_of, read_pool
from nedmatch.matching.scorer import (
    DOMAIN_COLS,
    DOMAIN_SLUGS,
    SKILL_COLS,
    SKILL_SLUGS,
    Scored,
    Scorer,
)

REGION_SLUGS: Final = list(REGIONS)
_SKILL_POSITION: Final = {s: i for i, s in enumerate(SKILL_SLUGS)}
# A CV this long mentions a skill in passing; a short bio names only what it means.
_LONG_DOCUMENT: Final = 150


_BLAS: list[ThreadpoolController] = []


def one_blas_thread() -> Any:
    """BLAS limited to one thread for a block. The libraries are found once per process,
    not on every call (finding them costs about 5 ms, a tenth of a ranking)."""
    if not _BLAS:
        _BLAS.append(ThreadpoolController())
    return _BLAS[0].limit(limits=1, user_api="blas")


class Ranker(BaseEstimator):
    """Rank candidate profiles against a vacancy, with an explanation for every score.

    Every constant of the ranking is a parameter; ``__init__`` only stores them and
    everything learned ends in ``_``. Defaults were chosen on development data
    (docs/matching.md says which, and what the held-out figures are).
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_df: float = 0.5,
        max_features: int | None = 400_000,
        lemmatise: bool = True,
        correct_spelling: bool = True,
        word_weight: float = 1.0,
        concept_weight: float = 0.0,
        lsa_weight: float = 0.0,
        n_components: int = 128,
        svd_sample: int = 20_000,
        feedback_weight: float = 1.0,
        feedback_docs: int = 5,
        feedback_pool: int = 1000,
        text_scale: float = 0.25,
        group_min_confidence: float = 0.5,
        criterion_threshold: float = 0.6,
        gap_boost: float = 1.0,
        group_essentials: bool = True,
        random_state: int = 0,
        n_jobs: int | None = None,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.lemmatise = lemmatise
        self.correct_spelling = correct_spelling
        self.word_weight = word_weight
        self.concept_weight = concept_weight
        self.lsa_weight = lsa_weight
        self.n_components = n_components
        self.svd_sample = svd_sample
        self.feedback_weight = feedback_weight
        self.feedback_docs = feedback_docs
        self.feedback_pool = feedback_pool
        self.text_scale = text_scale
        self.group_min_confidence = group_min_confidence
        self.criterion_threshold = criterion_threshold
        self.gap_boost = gap_boost
        self.group_essentials = group_essentials
        self.random_state = random_state
        self.n_jobs = n_jobs

    # ------------------------------------------------------------------ fitting

    def fit(self, candidates: Iterable[CandidateProfile], y: Any = None) -> Ranker:
        """Learn the vocabulary from the pool and index every candidate in it."""
        pool = list(candidates)
        if not pool:
            raise ValueError("Cannot fit the ranker on an empty pool of candidates.")
        ids = [c.id for c in pool]
        if len(set(ids)) != len(ids):
            raise ValueError("Candidate ids must be unique.")
        featuriser = Featuriser(
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            max_df=self.max_df,
            max_features=self.max_features,
            n_components=self.n_components if self.lsa_weight > 0 else 0,
            svd_sample=self.svd_sample,
            lemmatise=self.lemmatise,
            correct_spelling=self.correct_spelling,
            random_state=self.random_state,
        )
        # The pool's text is read (and, in parts, counted) by several processes when it
        # is large (``n_jobs``).
        counter = part_counter(featuriser.word_vectoriser(len(pool)))
        text = read_pool(pool, lemmatise=self.lemmatise, n_jobs=self.n_jobs, counter=counter)
        features = featuriser.fit_read(
            len(pool), normed=text.normed, counted=text.counted, concept_parts=text.concept_parts
        )
        self.featuriser_ = featuriser
        self.index_ = CandidateIndex.build(_rows(pool, text.packed, text.words, features))
        # Each candidate's criterion claims, worked out as its text was read.
        criteria.install(self, self.index_.rows.fields, text.claims)
        self.n_features_in_ = 1
        return self

    def _encode(self, pool: Sequence[CandidateProfile]) -> Rows:
        documents, packed, words = documents_of(pool)
        return _rows(pool, packed, words, self.featuriser_.transform(documents))

    # ------------------------------------------------------- changing the pool

    @property
    def _writer(self) -> threading.Lock:
        lock = self.__dict__.get("_writer_lock")
        if lock is None:
            lock = self.__dict__.setdefault("_writer_lock", threading.Lock())
        return lock

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_writer_lock", None)
        return state

    def add(self, candidate: CandidateProfile) -> None:
        """Make one new (or updated) candidate rankable now, with the fitted vocabulary."""
        self.add_many([candidate])

    def add_many(self, candidates: Iterable[CandidateProfile]) -> None:
        """Add or replace several candidates without refitting."""
        check_is_fitted(self, "index_")
        batch = list({c.id: c for c in candidates}.values())
        if not batch:
            return
        rows = self._encode(batch)  # the slow part, outside the lock
        with self._writer:
            self.index_ = index = self.index_.with_rows(rows)
        criteria.warm(self, index.rows.fields, decode_fields)

    def remove(self, candidate_id: str | int) -> bool:
        """Forget a candidate at once (withdrawal, erasure); False if they were not here."""
        check_is_fitted(self, "index_")
        with self._writer:
            if candidate_id not in self.index_:
                return False
            self.index_ = self.index_.without([candidate_id])
            return True

    def compact(self) -> None:
        """Drop removed rows for good and fold recent additions into the main matrix."""
        check_is_fitted(self, "index_")
        with self._writer:
            self.index_ = self.index_.compacted()

    def __len__(self) -> int:
        return len(self.index_)

    def __contains__(self, candidate_id: object) -> bool:
        index = self.__dict__.get("index_")
        return index is not None and candidate_id in index

    @property
    def candidate_ids(self) -> list[str | int]:
        return list(self.index_)

    @property
    def pipeline_(self) -> Any:
        """The fitted scikit-learn Pipeline (normalise, words and concepts, LSA)."""
        return self.featuriser_.pipeline_

    def feature_names_out(self) -> list[str]:
        """Every feature the pipeline builds, for audit (see the fairness tests)."""
        check_is_fitted(self, "featuriser_")
        return [str(n) for n in self.featuriser_.get_feature_names_out()]

    # ----------------------------------------------------------------- scoring

    def compile_criterion(self, text: str, essential: bool) -> CriterionSpec:
        """Turn a criterion into the concepts, words and board level that meet it."""
        check_is_fitted(self, "index_")
        return Scorer(self, self.featuriser_, self.index_).compile_criterion(text, essential)

    def rank(
        self,
        vacancy: VacancyProfile,
        top_k: int = 50,
        candidate_ids: Collection[str | int] | None = None,
        exclude_ids: Collection[str | int] | None = None,
    ) -> list[Match]:
        """The best ``top_k`` candidates, those who evidence every essential criterion
        first; ``candidate_ids`` limits the ranking to a set (a vacancy's applicants),
        ``exclude_ids`` ranks the rest of the pool (the talent pool search)."""
        check_is_fitted(self, "index_")
        index = self.index_  # one snapshot for the whole call
        # One query's products are too small to gain from BLAS threads, and on a busy
        # machine threads waiting for a core cost more than they save.
        with one_blas_thread():
            scored = Scorer(self, self.featuriser_, index).score(vacancy)
            eligible = index.alive.copy()
            if candidate_ids is not None:
                eligible[:] = False
                rows = [index.position[c] for c in candidate_ids if c in index.position]
                eligible[rows] = True
            if exclude_ids:
                eligible[[index.position[c] for c in exclude_ids if c in index.position]] = False
            key = scored.total + (2.0 * scored.meets if self._groups(vacancy) else 0.0)
            key[~eligible] = -np.inf
            k = int(min(top_k, eligible.sum()))
            if k <= 0:
                return []
            top = np.argpartition(-key, k - 1)[:k]
            top = top[np.lexsort((top, -key[top]))]
            return explainer.explain(self.featuriser_, index, scored, top)

    def assess(self, vacancy: VacancyProfile, candidate_ids: Collection[str | int]) -> Assessment:
        """Score every given candidate once, best first (those who evidence every
        essential criterion ahead), and explain only those asked for later: a ranked list
        that is filtered and paged needs every score but only one page of explanations."""
        check_is_fitted(self, "index_")
        index = self.index_
        with one_blas_thread():
            scored = Scorer(self, self.featuriser_, index).score(vacancy)
            rows = np.array(
                [index.position[c] for c in candidate_ids if c in index.position], dtype=np.int64
            )
            grouped = self._groups(vacancy)
            key = scored.total[rows] + (2.0 * scored.meets[rows] if grouped else 0.0)
            order = rows[np.lexsort((rows, -key))]
        return Assessment(self, index, scored, order)

    def _groups(self, vacancy: VacancyProfile) -> bool:
        """Whether to put those who evidence every essential criterion first: not when the
        criteria were read from a text with too little board vocabulary to trust them."""
        return self.group_essentials and vacancy.confidence >= self.group_min_confidence

    def _explain_ranked(
        self, index: CandidateIndex, scored: Scored, rows: np.ndarray, ranks: list[int]
    ) -> list[Match]:
        with one_blas_thread():
            matches = explainer.explain(self.featuriser_, index, scored, rows)
        return [replace(m, rank=r) for m, r in zip(matches, ranks, strict=True)]

    def explain(self, vacancy: VacancyProfile, candidate_id: str | int) -> Match:
        """One candidate's match, wherever they stand, for their own page."""
        matches = self.rank(vacancy, top_k=1, candidate_ids=[candidate_id])
        if not matches:
            raise KeyError(candidate_id)
        return matches[0]


def _rows(
    pool: Sequence[CandidateProfile], packed: list[str], words: Sequence[int], features: Features
) -> Rows:
    """The structured parts of each candidate beside their text features."""
    n = len(pool)
    region = np.full(n, -1, dtype=np.int16)
    board = np.zeros(n, dtype=np.int8)
    days = np.full(n, np.nan, dtype=np.float32)
    willing = np.zeros(n, dtype=bool)
    declared = np.zeros((n, len(SKILL_SLUGS)), dtype=bool)
    typed_evidence = np.zeros((n, len(DOMAIN_SLUGS)), dtype=np.float32)
    long_text = np.zeros(n, dtype=bool)
    confidence = np.ones(n, dtype=np.float32)
    typed = np.ones(n, dtype=bool)
    for i, candidate in enumerate(pool):
        for slug in candidate.skill_areas:
            declared[i, _SKILL_POSITION[slug]] = True
        if candidate.region is not None:
            region[i] = REGION_SLUGS.index(candidate.region)
        board[i] = BOARD_EXPERIENCE_LEVEL[candidate.board_experience]
        if candidate.availability is not None:
            days[i] = AVAILABILITY_DAYS[candidate.availability]
        willing[i] = candidate.willing_challenged
        confidence[i] = candidate.confidence
        typed[i] = candidate.typed
        long_text[i] = words[i] > _LONG_DOCUMENT
        for j, domain in enumerate(DOMAIN_SLUGS):
            evidence = candidate.competency_evidence.get(domain)
            if evidence:
                typed_evidence[i, j] = len(evidence.split())
    counts = features.concept_counts
    # A skill named once in a short bio counts as much as one named twice in a long CV.
    needed = np.where(long_text, 2.0, 1.0)[:, None]
    skills = declared | (counts[:, SKILL_COLS] >= needed)
    domains = np.maximum(
        np.minimum(1.0, typed_evidence / 20.0), np.minimum(1.0, counts[:, DOMAIN_COLS] / needed)
    ).astype(np.float32)
    return Rows(
        ids=[c.id for c in pool],
        fields=packed,
        declared=declared,
        words=features.words,
        concepts=features.concepts,
        lsa=features.lsa,
        skills=skills,
        domains=domains,
        region=region,
        board_level=board,
        days=days,
        willing=willing,
        confidence=confidence,
        typed=typed,
    )


class Assessment:
    """One vacancy's scores for a set of candidates, best first (those who evidence every
    essential criterion ahead of those who do not), with explanations on demand."""

    def __init__(
        self, ranker: Ranker, index: CandidateIndex, scored: Scored, order: np.ndarray
    ) -> None:
        self._ranker = ranker
        self._index = index
        self._scored = scored
        self._order = order
        self.candidate_ids: list[str | int] = [index.rows.ids[row] for row in order]
        self.scores: np.ndarray = np.round(100.0 * scored.total[order], 1)
        self.meets: np.ndarray = scored.meets[order].astype(bool)
        self._position = {cid: i for i, cid in enumerate(self.candidate_ids)}

    def __len__(self) -> int:
        return len(self.candidate_ids)

    def rank_of(self, candidate_id: str | int) -> int | None:
        position = self._position.get(candidate_id)
        return None if position is None else position + 1

    def score_of(self, candidate_id: str | int) -> float | None:
        position = self._position.get(candidate_id)
        return None if position is None else float(self.scores[position])

    def meets_of(self, candidate_id: str | int) -> bool | None:
        position = self._position.get(candidate_id)
        return None if position is None else bool(self.meets[position])

    def explain(self, candidate_ids: Collection[str | int]) -> dict[str | int, Match]:
        """Full explanations for these candidates, with their rank in the whole list."""
        wanted = [c for c in candidate_ids if c in self._position]
        if not wanted:
            return {}
        positions = [self._position[c] for c in wanted]
        rows = self._order[positions]
        matches = self._ranker._explain_ranked(
            self._index, self._scored, rows, [p + 1 for p in positions]
        )
        return {m.candidate_id: m for m in matches}
