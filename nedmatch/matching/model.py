"""The ranker: fitted once over the pool, then scores every candidate for a vacancy with a
few sparse and dense products, and explains only the matches it returns."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from nedmatch.domain import (
    AVAILABILITY_DAYS,
    BOARD_EXPERIENCE_LEVEL,
    COMPETENCY_DOMAINS,
    REGIONS,
    SKILL_AREAS,
)
from nedmatch.matching import criteria
from nedmatch.matching.explain import (
    CandidateText,
    CriterionSpec,
    Match,
    MatchedTerm,
    field_label,
    judge_evidence,
)
from nedmatch.matching.features import (
    DECLARED_SEPARATOR,
    build_text_pipeline,
    candidate_document,
    decode_fields,
    encode_fields,
)
from nedmatch.matching.inference import infer_min_board_experience
from nedmatch.matching.lexicon import (
    CONCEPT_IMPLIES,
    CONCEPT_TOKENS,
    DOMAIN_CONCEPTS,
    SKILL_CONCEPTS,
)
from nedmatch.matching.profiles import CandidateProfile, VacancyProfile

SKILL_SLUGS: Final = list(SKILL_AREAS)
DOMAIN_SLUGS: Final = list(COMPETENCY_DOMAINS)
REGION_SLUGS: Final = list(REGIONS)
LEVEL_NAMES: Final = {level: slug for slug, level in BOARD_EXPERIENCE_LEVEL.items()}
_CONCEPT_INDEX: Final = {token: i for i, token in enumerate(CONCEPT_TOKENS)}
_IMPLIED_BY: Final[dict[int, list[int]]] = {}
for _source, _targets in CONCEPT_IMPLIES.items():
    for _target in _targets:
        _IMPLIED_BY.setdefault(_CONCEPT_INDEX[_target], []).append(_CONCEPT_INDEX[_source])
_SKILL_COLS: Final = np.array([_CONCEPT_INDEX[SKILL_CONCEPTS[s]] for s in SKILL_SLUGS])
_DOMAIN_COLS: Final = np.array([_CONCEPT_INDEX[DOMAIN_CONCEPTS[d]] for d in DOMAIN_SLUGS])

# Words that every criterion uses and that say nothing about what is sought.
_FILLER: Final = frozenset(
    "experience experienced knowledge understanding ability able skills skill proven "
    "demonstrable demonstrated track record strong good excellent evidence relevant recent "
    "significant senior level commitment committed working work worked including within "
    "across previous previously credible wide range clear candidates candidate role "
    "ideally desirable essential must".split()
)
# Merge rows added since the last fit into the column-major matrix past this many.
_TAIL_LIMIT: Final = 2000
_SMALL_POOL: Final = 100


@dataclass
class _Encoded:
    """Candidates turned into matrices, ready to be appended to the pool."""

    ids: list[str | int]
    fields: list[str]  # encoded with encode_fields
    declared: np.ndarray  # declared skill areas, one column per SKILL_SLUGS
    words: sp.csr_matrix
    concepts: np.ndarray
    lsa: np.ndarray | None
    skills: np.ndarray
    domains: np.ndarray
    region: np.ndarray
    board_level: np.ndarray
    days: np.ndarray
    willing: np.ndarray


@dataclass
class _Scored:
    """Everything computed for one vacancy over the whole pool."""

    total: np.ndarray
    parts: dict[str, np.ndarray]
    weights: dict[str, float]
    meets: np.ndarray
    criteria: list[tuple[CriterionSpec, np.ndarray]]
    word_cols: np.ndarray
    word_vals: np.ndarray
    word_main: sp.csc_matrix
    concept_query: np.ndarray
    text_raw: np.ndarray
    text_split: tuple[float, float, float]


class Ranker(BaseEstimator):
    """Rank candidate profiles against a vacancy, with an explanation for every score.

    Hyperparameters were chosen on the development half of the synthetic benchmark
    (``nedmatch.matching.evaluation``); the other half is only ever reported.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_df: float = 0.5,
        max_features: int | None = 400_000,
        word_weight: float = 1.0,
        concept_weight: float = 0.0,
        lsa_weight: float = 0.5,
        n_components: int = 128,
        svd_sample: int = 20_000,
        text_scale: float = 0.25,
        criterion_threshold: float = 0.6,
        gap_boost: float = 1.0,
        group_essentials: bool = True,
        random_state: int = 0,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.word_weight = word_weight
        self.concept_weight = concept_weight
        self.lsa_weight = lsa_weight
        self.n_components = n_components
        self.svd_sample = svd_sample
        self.text_scale = text_scale
        self.criterion_threshold = criterion_threshold
        self.gap_boost = gap_boost
        self.group_essentials = group_essentials
        self.random_state = random_state

    # ------------------------------------------------------------------ fitting

    def fit(self, candidates: Iterable[CandidateProfile], y: Any = None) -> Ranker:
        """Learn the vocabulary from the pool and index every candidate in it."""
        pool = list(candidates)
        if not pool:
            raise ValueError("Cannot fit the ranker on an empty pool of candidates.")
        ids = [c.id for c in pool]
        if len(set(ids)) != len(ids):
            raise ValueError("Candidate ids must be unique.")
        # Document-frequency pruning needs a pool to count over: on a handful of CVs it
        # would remove nearly every word, so small pools keep them all.
        small = len(pool) < _SMALL_POOL
        self.pipeline_ = build_text_pipeline(
            self.ngram_range,
            1 if small else self.min_df,
            1.0 if small else self.max_df,
            self.max_features,
        )
        self.lsa_: Pipeline | None = None
        encoded = self._encode(pool, fit=True)
        self.n_word_features_ = encoded.words.shape[1]
        self._reset_pool(encoded)
        return self

    def _encode(self, pool: Sequence[CandidateProfile], fit: bool = False) -> _Encoded:
        n = len(pool)
        fields, docs = [], []
        region = np.full(n, -1, dtype=np.int16)
        board = np.zeros(n, dtype=np.int8)
        days = np.full(n, np.nan, dtype=np.float32)
        willing = np.zeros(n, dtype=bool)
        declared_mask = np.zeros((n, len(SKILL_SLUGS)), dtype=bool)
        evidence_words = np.zeros((n, len(DOMAIN_SLUGS)), dtype=np.float32)
        skill_pos = {s: i for i, s in enumerate(SKILL_SLUGS)}
        for i, candidate in enumerate(pool):
            own = candidate.text_fields()
            fields.append(encode_fields(own))
            docs.append(candidate_document(own, candidate.skill_areas))
            for slug in candidate.skill_areas:
                declared_mask[i, skill_pos[slug]] = True
            if candidate.region is not None:
                region[i] = REGION_SLUGS.index(candidate.region)
            board[i] = BOARD_EXPERIENCE_LEVEL[candidate.board_experience]
            if candidate.availability is not None:
                days[i] = AVAILABILITY_DAYS[candidate.availability]
            willing[i] = candidate.willing_challenged
            for j, domain in enumerate(DOMAIN_SLUGS):
                evidence = candidate.competency_evidence.get(domain)
                if evidence:
                    evidence_words[i, j] = len(evidence.split())
        normaliser, union = self.pipeline_.steps[0][1], self.pipeline_.steps[1][1]
        normed = normaliser.transform(docs)
        matrix = (union.fit_transform(normed) if fit else union.transform(normed)).tocsr()
        n_words = matrix.shape[1] - len(CONCEPT_TOKENS)
        words = matrix[:, :n_words].tocsr()
        concepts = matrix[:, n_words:].toarray().astype(np.float32)
        counts = np.zeros((n, len(CONCEPT_TOKENS)), dtype=np.float32)
        for i, doc in enumerate(normed):
            start = doc.find("c_")
            if start >= 0:
                for token in doc[start:].split():
                    col = _CONCEPT_INDEX.get(token)
                    if col is not None:
                        counts[i, col] += 1.0
        skills = declared_mask | (counts[:, _SKILL_COLS] >= 2.0)
        domains = np.minimum(
            1.0,
            0.5 * np.minimum(1.0, evidence_words / 40.0)
            + 0.5 * np.minimum(1.0, counts[:, _DOMAIN_COLS] / 3.0),
        ).astype(np.float32)
        if fit and self.lsa_weight > 0 and self.n_components > 0:
            self.lsa_ = self._fit_lsa(words)
        lsa = None
        if self.lsa_ is not None:
            lsa = self.lsa_.transform(words).astype(np.float32)
        return _Encoded(
            ids=[c.id for c in pool],
            fields=fields,
            declared=declared_mask,
            words=words,
            concepts=concepts,
            lsa=lsa,
            skills=skills,
            domains=domains,
            region=region,
            board_level=board,
            days=days,
            willing=willing,
        )

    def _fit_lsa(self, words: sp.csr_matrix) -> Pipeline:
        """Fit the latent space on a sample: the components settle long before 100,000."""
        rng = np.random.default_rng(self.random_state)
        n = words.shape[0]
        rows = rng.choice(n, size=min(n, self.svd_sample), replace=False) if n else []
        k = max(1, min(self.n_components, words.shape[1] - 1, len(rows) - 1))
        svd = TruncatedSVD(n_components=k, n_iter=4, random_state=self.random_state)
        svd.fit(words[np.sort(rows)])
        from sklearn.preprocessing import Normalizer

        return Pipeline([("svd", svd), ("normalise", Normalizer(copy=False))])

    def _reset_pool(self, encoded: _Encoded) -> None:
        self._word_names: np.ndarray | None = None
        self.ids_: list[str | int | None] = list(encoded.ids)
        self.index_: dict[str | int, int] = {cid: i for i, cid in enumerate(encoded.ids)}
        # Each candidate's scrubbed fields packed in one string: strings are invisible to
        # the garbage collector, 100,000 dictionaries are not.
        self.texts_: list[str] = encoded.fields
        self.declared_: np.ndarray = encoded.declared
        # Column-major to score (only the query's words are read), row-major to explain
        # (only the returned candidates are read); both fit well within the memory budget.
        self.words_main_: sp.csc_matrix = encoded.words.tocsc()
        self.words_main_.sort_indices()
        self.words_rows_: sp.csr_matrix = encoded.words.tocsr()
        self.words_tail_: sp.csr_matrix = sp.csr_matrix(
            (0, encoded.words.shape[1]), dtype=np.float32
        )
        self.concepts_ = encoded.concepts
        self.lsa_vectors_ = encoded.lsa
        self.skills_ = encoded.skills
        self.domains_ = encoded.domains
        self.region_ = encoded.region
        self.board_level_ = encoded.board_level
        self.days_ = encoded.days
        self.willing_ = encoded.willing
        self.alive_ = np.ones(len(encoded.ids), dtype=bool)

    # ------------------------------------------------------- changing the pool

    def add(self, candidate: CandidateProfile) -> None:
        """Make one new (or updated) candidate rankable now, with the fitted vocabulary."""
        self.add_many([candidate])

    def add_many(self, candidates: Iterable[CandidateProfile]) -> None:
        """Add or replace several candidates without refitting."""
        check_is_fitted(self, "pipeline_")
        batch = list({c.id: c for c in candidates}.values())
        if not batch:
            return
        for candidate in batch:
            self.remove(candidate.id)
        encoded = self._encode(batch)
        start = len(self.ids_)
        self.ids_.extend(encoded.ids)
        self.index_.update({cid: start + i for i, cid in enumerate(encoded.ids)})
        self.texts_.extend(encoded.fields)
        self.declared_ = np.concatenate([self.declared_, encoded.declared])
        self.words_tail_ = sp.vstack([self.words_tail_, encoded.words], format="csr")
        self.concepts_ = np.concatenate([self.concepts_, encoded.concepts])
        if self.lsa_vectors_ is not None and encoded.lsa is not None:
            self.lsa_vectors_ = np.concatenate([self.lsa_vectors_, encoded.lsa])
        self.skills_ = np.concatenate([self.skills_, encoded.skills])
        self.domains_ = np.concatenate([self.domains_, encoded.domains])
        self.region_ = np.concatenate([self.region_, encoded.region])
        self.board_level_ = np.concatenate([self.board_level_, encoded.board_level])
        self.days_ = np.concatenate([self.days_, encoded.days])
        self.willing_ = np.concatenate([self.willing_, encoded.willing])
        self.alive_ = np.concatenate([self.alive_, np.ones(len(batch), dtype=bool)])
        if self.words_tail_.shape[0] > _TAIL_LIMIT:
            self.compact()

    def remove(self, candidate_id: str | int) -> bool:
        """Forget a candidate at once (withdrawal, erasure); False if they were not here."""
        check_is_fitted(self, "pipeline_")
        row = self.index_.pop(candidate_id, None)
        if row is None:
            return False
        self.alive_[row] = False
        self.ids_[row] = None
        self.texts_[row] = ""
        self.declared_[row] = False
        self.concepts_[row] = 0.0
        if self.lsa_vectors_ is not None:
            self.lsa_vectors_[row] = 0.0
        n_main = self.words_main_.shape[0]
        if row >= n_main:
            tail = self.words_tail_
            tail.data[tail.indptr[row - n_main] : tail.indptr[row - n_main + 1]] = 0.0
        else:
            self.words_main_.data[self.words_main_.indices == row] = 0.0
            rows = self.words_rows_
            rows.data[rows.indptr[row] : rows.indptr[row + 1]] = 0.0
        if (~self.alive_).sum() > max(100, 0.1 * len(self.alive_)):
            self.compact()
        return True

    def compact(self) -> None:
        """Drop removed rows for good and fold recent additions into the main matrix."""
        check_is_fitted(self, "pipeline_")
        keep = np.flatnonzero(self.alive_)
        words = sp.vstack([self.words_rows_, self.words_tail_], format="csr")[keep]
        words.eliminate_zeros()
        self._reset_pool(
            _Encoded(
                ids=[self.ids_[i] for i in keep],  # type: ignore[misc]
                fields=[self.texts_[i] for i in keep],
                declared=self.declared_[keep],
                words=words,
                concepts=self.concepts_[keep],
                lsa=None if self.lsa_vectors_ is None else self.lsa_vectors_[keep],
                skills=self.skills_[keep],
                domains=self.domains_[keep],
                region=self.region_[keep],
                board_level=self.board_level_[keep],
                days=self.days_[keep],
                willing=self.willing_[keep],
            )
        )

    def __len__(self) -> int:
        return len(self.index_)

    def __contains__(self, candidate_id: object) -> bool:
        return candidate_id in getattr(self, "index_", {})

    @property
    def candidate_ids(self) -> list[str | int]:
        return list(self.index_)

    def feature_names_out(self) -> list[str]:
        """Every feature the pipeline builds, for audit (see the fairness tests)."""
        check_is_fitted(self, "pipeline_")
        names = [str(n) for n in self.pipeline_.named_steps["features"].get_feature_names_out()]
        if self.lsa_ is not None:
            n_components = self.lsa_.named_steps["svd"].n_components
            names += [f"lsa__component{i}" for i in range(n_components)]
        return names

    # ----------------------------------------------------------------- scoring

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
        check_is_fitted(self, "pipeline_")
        # One query's products are too small to gain from BLAS threads, and on a busy
        # machine threads waiting for a core cost more than they save.
        with threadpool_limits(limits=1, user_api="blas"):
            return self._rank(vacancy, top_k, candidate_ids, exclude_ids)

    def assess(self, vacancy: VacancyProfile, candidate_ids: Collection[str | int]) -> Assessment:
        """Score every given candidate once, best first, and explain only those asked for
        later: a ranked list that is filtered and paged needs every score but only one
        page of explanations."""
        check_is_fitted(self, "pipeline_")
        with threadpool_limits(limits=1, user_api="blas"):
            scored = self._score(vacancy)
            rows = np.array(
                [self.index_[c] for c in candidate_ids if c in self.index_], dtype=np.int64
            )
            alive = self.alive_[rows] if len(rows) else np.zeros(0, dtype=bool)
            rows = rows[alive]
            key = scored.total[rows] + (2.0 * scored.meets[rows] if self.group_essentials else 0.0)
            order = rows[np.lexsort((rows, -key))]
        return Assessment(self, scored, order)

    def _explain_ranked(self, scored: _Scored, rows: np.ndarray, ranks: list[int]) -> list[Match]:
        with threadpool_limits(limits=1, user_api="blas"):
            matches = self._explain(scored, rows)
        return [replace(m, rank=r) for m, r in zip(matches, ranks, strict=True)]

    def _rank(
        self,
        vacancy: VacancyProfile,
        top_k: int,
        candidate_ids: Collection[str | int] | None,
        exclude_ids: Collection[str | int] | None,
    ) -> list[Match]:
        scored = self._score(vacancy)
        eligible = self.alive_.copy()
        if candidate_ids is not None:
            eligible[:] = False
            rows = [self.index_[c] for c in candidate_ids if c in self.index_]
            eligible[rows] = True
        if exclude_ids:
            eligible[[self.index_[c] for c in exclude_ids if c in self.index_]] = False
        key = scored.total + (2.0 * scored.meets if self.group_essentials else 0.0)
        key[~eligible] = -np.inf
        k = int(min(top_k, eligible.sum()))
        if k <= 0:
            return []
        top = np.argpartition(-key, k - 1)[:k]
        top = top[np.lexsort((top, -key[top]))]
        return self._explain(scored, top)

    def explain(self, vacancy: VacancyProfile, candidate_id: str | int) -> Match:
        """One candidate's match, wherever they stand, for their own page."""
        matches = self.rank(vacancy, top_k=1, candidate_ids=[candidate_id])
        if not matches:
            raise KeyError(candidate_id)
        return matches[0]

    def _query(self, vacancy: VacancyProfile) -> tuple[sp.csr_matrix, np.ndarray]:
        declared = " ".join(SKILL_CONCEPTS[s] for s in vacancy.skill_areas)
        # The same steps as pipeline_.transform, called directly: FeatureUnion's joblib
        # dispatch costs more than the vectorising of one short query.
        normed = self.pipeline_.steps[0][1].transform(
            [vacancy.query_text() + DECLARED_SEPARATOR + declared]
        )
        union = self.pipeline_.named_steps["features"]
        words = union.transformer_list[0][1].transform(normed).tocsr()
        concepts = union.transformer_list[1][1].transform(normed).toarray().ravel()
        # Competency domains are scored as their own part; in the text similarity they
        # would reward the same board vocabulary that every candidate uses.
        concepts[_DOMAIN_COLS] = 0.0
        norm = np.linalg.norm(concepts)
        return words, concepts / norm if norm > 0 else concepts

    def _word_scores(self, cols: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, sp.spmatrix]:
        main = self.words_main_[:, cols]
        if not main.has_sorted_indices:
            main.sort_indices()
        scores = main @ vals
        if self.words_tail_.shape[0]:
            scores = np.concatenate([scores, self.words_tail_[:, cols] @ vals])
        return np.asarray(scores, dtype=np.float32), main

    def compile_criterion(self, text: str, essential: bool) -> CriterionSpec:
        """Turn a criterion into the concepts, words and board level that meet it."""
        normed = self.pipeline_.steps[0][1].transform([text])[0].split()
        concepts = frozenset(t for t in normed if t in _CONCEPT_INDEX)
        vocabulary = self._words_vectoriser.vocabulary_
        idf = self._words_vectoriser.idf_
        words = sorted(
            {
                t
                for t in normed
                if not t.startswith("c_")
                and len(t) > 2
                and t not in _FILLER
                and t not in ENGLISH_STOP_WORDS
                and t in vocabulary
            }
        )
        cols = np.array([vocabulary[w] for w in words], dtype=np.int64)
        level = BOARD_EXPERIENCE_LEVEL[infer_min_board_experience([text])]
        return criteria.compile_criterion(
            text,
            essential,
            concept_cols=tuple(sorted(_CONCEPT_INDEX[c] for c in concepts)),
            concepts=concepts,
            words=frozenset(words),
            word_cols=cols,
            word_weights=idf[cols].astype(np.float32) if cols.size else np.zeros(0),
            board_level=level,
        )

    def _feature_names(self) -> np.ndarray:
        """Word feature names, built once: sklearn rebuilds the list on every call."""
        names = getattr(self, "_word_names", None)
        if names is None or len(names) != self.n_word_features_:
            names = self._words_vectoriser.get_feature_names_out()
            self._word_names = names
        return names

    @property
    def _words_vectoriser(self) -> Any:
        return self.pipeline_.named_steps["features"].transformer_list[0][1]

    def _criterion_met(self, spec: CriterionSpec) -> np.ndarray:
        n = len(self.alive_)
        met = np.ones(n, dtype=bool)
        if spec.concept_cols:
            present = self.concepts_[:, list(spec.concept_cols)] > 0
            for j, col in enumerate(spec.concept_cols):
                for source in _IMPLIED_BY.get(col, ()):
                    present[:, j] |= self.concepts_[:, source] > 0
            if spec.any_of:
                met &= present.any(axis=1)
            else:
                met &= present.mean(axis=1) >= self.criterion_threshold
        elif spec.board_level == 0 and spec.word_cols.size:
            coverage = np.zeros(n, dtype=np.float32)
            main = self.words_main_
            for col, weight in zip(spec.word_cols, spec.word_weights, strict=True):
                rows = main.indices[main.indptr[col] : main.indptr[col + 1]]
                coverage[rows] += weight
            if self.words_tail_.shape[0]:
                tail = (self.words_tail_[:, spec.word_cols] > 0).toarray()
                coverage[main.shape[0] :] = tail @ spec.word_weights
            met &= coverage / spec.word_weights.sum() >= self.criterion_threshold
        if spec.board_level > 0:
            met &= self.board_level_ >= spec.board_level
        if not spec.assessed:
            met[:] = False
        return criteria.pool_met(
            spec,
            owner=self,
            texts=self.texts_,
            decode=decode_fields,
            board_level=self.board_level_,
            declared=self.declared_,
            topic_met=met,
        )

    def _score(self, vacancy: VacancyProfile) -> _Scored:
        n = len(self.alive_)
        q_words, q_concepts = self._query(vacancy)
        cols, vals = q_words.indices, q_words.data.astype(np.float32)
        ww, wc, wl = self.word_weight, self.concept_weight, self.lsa_weight
        if self.lsa_ is None:
            wl = 0.0
        words, main = self._word_scores(cols, vals)
        text_raw = ww * words + wc * (self.concepts_ @ q_concepts.astype(np.float32))
        if wl > 0 and self.lsa_ is not None and self.lsa_vectors_ is not None:
            z = self.lsa_.transform(q_words).astype(np.float32).ravel()
            text_raw += wl * np.maximum(self.lsa_vectors_ @ z, 0.0)
        text_raw /= ww + wc + wl
        parts: dict[str, np.ndarray | None] = {"text": 1.0 - np.exp(-text_raw / self.text_scale)}

        board = vacancy.board_skills
        sought = [SKILL_SLUGS.index(s) for s in vacancy.skill_areas]
        skill_part = None
        if sought:
            sought_weights = np.array(
                [1.0 + self.gap_boost * self._gap(board, SKILL_SLUGS[i]) for i in sought],
                dtype=np.float32,
            )
            skill_part = (self.skills_[:, sought] @ sought_weights) / sought_weights.sum()
        board_skill_keys = [s for s in board if s in SKILL_AREAS]
        if board_skill_keys:
            lacking = [i for i, s in enumerate(SKILL_SLUGS) if not board.get(s)]
            if lacking:
                fill = np.minimum(1.0, self.skills_[:, lacking].sum(axis=1) / 2.0)
                skill_part = fill if skill_part is None else 0.8 * skill_part + 0.2 * fill
        parts["skills"] = skill_part

        domain_weights = np.array(
            [vacancy.domain_weights.get(d, 0.0) for d in DOMAIN_SLUGS], dtype=np.float32
        )
        if domain_weights.sum() <= 0:
            domain_weights[:] = 1.0
        if any(d in board for d in DOMAIN_SLUGS):
            domain_weights *= np.array(
                [1.0 + self.gap_boost * self._gap(board, d) for d in DOMAIN_SLUGS],
                dtype=np.float32,
            )
        parts["competencies"] = (self.domains_ @ domain_weights) / domain_weights.sum()

        criteria = [(self.compile_criterion(c, True), None) for c in vacancy.essential_criteria]
        criteria += [(self.compile_criterion(c, False), None) for c in vacancy.desirable_criteria]
        judged = [(spec, self._criterion_met(spec)) for spec, _ in criteria]
        meets = np.ones(n, dtype=bool)
        desirable = []
        for spec, met in judged:
            if spec.essential and spec.assessed:
                meets &= met
            elif not spec.essential and spec.assessed:
                desirable.append(met)
        parts["desirable"] = np.mean(desirable, axis=0) if desirable else None

        parts["location"] = None
        if vacancy.location_requirement != "none" and vacancy.region is not None:
            target = REGION_SLUGS.index(vacancy.region)
            unknown = 0.5 if vacancy.location_requirement == "region" else 0.3
            parts["location"] = np.where(
                self.region_ == target, 1.0, np.where(self.region_ < 0, unknown, 0.0)
            )
        needed = vacancy.effective_days()
        parts["availability"] = np.where(
            np.isnan(self.days_), 0.5, np.minimum(1.0, self.days_ / needed)
        )
        required = BOARD_EXPERIENCE_LEVEL[vacancy.min_board_experience]
        parts["experience"] = None
        if required > 0:
            short = np.maximum(0, required - self.board_level_.astype(np.int16))
            parts["experience"] = np.maximum(0.0, 1.0 - 0.35 * short)
        parts["challenged"] = self.willing_.astype(np.float32) if vacancy.challenged else None

        configured = vacancy.effective_part_weights()
        weights = {
            name: configured[name]
            for name, value in parts.items()
            if value is not None and configured[name] > 0
        }
        total_weight = sum(weights.values()) or 1.0
        weights = {name: w / total_weight for name, w in weights.items()}
        total = np.zeros(n, dtype=np.float32)
        applied: dict[str, np.ndarray] = {}
        for name, w in weights.items():
            value = np.asarray(parts[name], dtype=np.float32)
            applied[name] = value
            total += w * value
        return _Scored(
            total=total,
            parts=applied,
            weights=weights,
            meets=meets,
            criteria=judged,
            word_cols=cols,
            word_vals=vals,
            word_main=main,
            concept_query=q_concepts,
            text_raw=text_raw,
            text_split=(ww, wc, wl),
        )

    @staticmethod
    def _gap(board: dict[str, int], slug: str) -> float:
        """How much the sitting board lacks a skill: 1 if nobody has it, less if some do."""
        if not board:
            return 0.0
        return 1.0 / (1.0 + max(0, board.get(slug, 0)))

    # ------------------------------------------------------------ explaining

    def _explain(self, scored: _Scored, rows: np.ndarray) -> list[Match]:
        vocabulary = self._feature_names()
        main = scored.word_main
        n_main = main.shape[0]
        ww, wc, wl = scored.text_split
        norm = ww + wc + wl
        # Per query word, the value each returned candidate has for it, read row by row.
        lookup = np.full(self.n_word_features_, -1, dtype=np.int64)
        lookup[scored.word_cols] = np.arange(len(scored.word_cols))
        values = np.zeros((len(rows), len(scored.word_cols)), dtype=np.float32)
        for i, row in enumerate(rows):
            if row < n_main:
                matrix, r = self.words_rows_, row
            else:
                matrix, r = self.words_tail_, row - n_main
            start, end = matrix.indptr[r], matrix.indptr[r + 1]
            where = lookup[matrix.indices[start:end]]
            hit = where >= 0
            values[i, where[hit]] = matrix.data[start:end][hit]

        matches = []
        for position, row in enumerate(rows):
            text = CandidateText(decode_fields(self.texts_[row]))
            raw = float(scored.text_raw[row]) or 1.0
            terms: list[tuple[float, str, str]] = []
            contrib = values[position] * scored.word_vals * ww / norm
            for j in np.argsort(-contrib)[:8]:
                if contrib[j] > 0:
                    terms.append(
                        (float(contrib[j]) / raw, "word", str(vocabulary[scored.word_cols[j]]))
                    )
            # Synonyms the thesaurus joined are shown even when the text part gives them no
            # weight: they are what the skills part and the criteria are judged on.
            overlap = self.concepts_[row] * scored.concept_query
            concept_contrib = overlap * wc / norm
            for j in np.argsort(-overlap)[:5]:
                if overlap[j] > 0:
                    terms.append((float(concept_contrib[j]) / raw, "concept", CONCEPT_TOKENS[j]))
            terms.sort(key=lambda item: (-item[0], item[1] != "concept"))
            matched = []
            for share, kind, term in terms:
                if kind == "word":
                    located = text.locate_words(term)
                    label = term
                    where = (located[0], located[1]) if located else (None, None)
                else:
                    mention = text.locate_concept(term)
                    label = _concept_label(term) + (f' ("{mention[1]}")' if mention else "")
                    where = (mention[0], mention[2]) if mention else (None, None)
                matched.append(
                    MatchedTerm(
                        term=label,
                        kind=kind,
                        weight=round(share, 3),
                        field=field_label(where[0]) if where[0] else None,
                        snippet=where[1],
                    )
                )
            board_name = LEVEL_NAMES[int(self.board_level_[row])]
            declared = [SKILL_AREAS[SKILL_SLUGS[j]] for j in np.flatnonzero(self.declared_[row])]
            criteria = [
                judge_evidence(spec, bool(met[row]), text, declared, board_name)
                for spec, met in scored.criteria
            ]
            parts = {name: round(float(v[row]), 3) for name, v in scored.parts.items()}
            contributions = {
                name: round(100.0 * scored.weights[name] * float(v[row]), 1)
                for name, v in scored.parts.items()
            }
            matches.append(
                Match(
                    candidate_id=self.ids_[row],  # type: ignore[arg-type]
                    rank=position + 1,
                    score=round(100.0 * float(scored.total[row]), 1),
                    meets_essentials=bool(scored.meets[row]),
                    criteria=criteria,
                    matched_terms=matched,
                    contributions=contributions,
                    parts=parts,
                )
            )
        return matches


def _concept_label(token: str) -> str:
    for slug, concept in SKILL_CONCEPTS.items():
        if concept == token:
            return SKILL_AREAS[slug]
    for slug, concept in DOMAIN_CONCEPTS.items():
        if concept == token:
            return COMPETENCY_DOMAINS[slug]
    return token


class Assessment:
    """One vacancy's scores for a set of candidates, best first (those who evidence every
    essential criterion ahead of those who do not), with explanations on demand."""

    def __init__(self, ranker: Ranker, scored: _Scored, order: np.ndarray) -> None:
        self._ranker = ranker
        self._scored = scored
        self._order = order
        self.candidate_ids: list[str | int] = [ranker.ids_[row] for row in order]
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
        matches = self._ranker._explain_ranked(self._scored, rows, [p + 1 for p in positions])
        return {m.candidate_id: m for m in matches}
