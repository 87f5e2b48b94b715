"""The scorer: every candidate of one index against one vacancy, with a few sparse and
dense products, and the criteria each meets.

A ``Scorer`` is made for one call and bound to the index snapshot the call took, so it
never reads a pool that changed under it. Structured parts inferred from free text count
in proportion to the evidence for them (``confidence``): what they cannot claim goes to
the text part, so on text outside the board vocabulary the score is the text part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL, COMPETENCY_DOMAINS, REGIONS, SKILL_AREAS
from nedmatch.matching import criteria
from nedmatch.matching.explain import CriterionSpec
from nedmatch.matching.features import DECLARED_SEPARATOR, decode_fields
from nedmatch.matching.featuriser import Featuriser
from nedmatch.matching.feedback import blend
from nedmatch.matching.index import CandidateIndex
from nedmatch.matching.inference import infer_min_board_experience
from nedmatch.matching.lexicon import (
    CONCEPT_IMPLIES,
    CONCEPT_TOKENS,
    DOMAIN_CONCEPTS,
    SKILL_CONCEPTS,
)
from nedmatch.matching.profiles import INFERRED_PARTS, VacancyProfile

if TYPE_CHECKING:
    from nedmatch.matching.model import Ranker

SKILL_SLUGS: Final = list(SKILL_AREAS)
DOMAIN_SLUGS: Final = list(COMPETENCY_DOMAINS)
REGION_SLUGS: Final = list(REGIONS)
_CONCEPT_INDEX: Final = {token: i for i, token in enumerate(CONCEPT_TOKENS)}
_IMPLIED_BY: Final[dict[int, list[int]]] = {}
for _source, _targets in CONCEPT_IMPLIES.items():
    for _target in _targets:
        _IMPLIED_BY.setdefault(_CONCEPT_INDEX[_target], []).append(_CONCEPT_INDEX[_source])
SKILL_COLS: Final = np.array([_CONCEPT_INDEX[SKILL_CONCEPTS[s]] for s in SKILL_SLUGS])
DOMAIN_COLS: Final = np.array([_CONCEPT_INDEX[DOMAIN_CONCEPTS[d]] for d in DOMAIN_SLUGS])

# Words that every criterion uses and that say nothing about what is sought.
_FILLER: Final = frozenset(
    "experience experienced knowledge understanding ability able skills skill proven "
    "demonstrable demonstrated track record strong good excellent evidence relevant recent "
    "significant senior level commitment committed working work worked including within "
    "across previous previously credible wide range clear candidates candidate role "
    "ideally desirable essential must".split()
)


@dataclass
class Scored:
    """Everything computed for one vacancy over the whole index."""

    total: np.ndarray
    parts: dict[str, np.ndarray]
    weights: dict[str, np.ndarray]  # per part, per candidate, summing to 1 per candidate
    meets: np.ndarray
    criteria: list[tuple[CriterionSpec, np.ndarray]]
    word_cols: np.ndarray
    word_vals: np.ndarray
    concept_query: np.ndarray
    text_raw: np.ndarray
    text_split: tuple[float, float, float]


class Scorer:
    """One vacancy's scoring against one index snapshot, with the ranker's parameters."""

    def __init__(self, ranker: Ranker, featuriser: Featuriser, index: CandidateIndex) -> None:
        self.params = ranker
        self.featuriser = featuriser
        self.index = index
        self.pipeline_ = featuriser.pipeline_
        self.criterion_threshold = ranker.criterion_threshold
        rows = index.rows
        self.concepts_ = rows.concepts
        self.words_main_ = index.words_main
        self.words_tail_ = index.words_tail
        self.board_level_ = rows.board_level
        self.alive_ = index.alive
        self._answered: np.ndarray | None = None

    @property
    def _words_vectoriser(self) -> Any:
        return self.featuriser.words_

    def _query(self, vacancy: VacancyProfile) -> tuple[sp.csr_matrix, np.ndarray]:
        declared = " ".join(SKILL_CONCEPTS[s] for s in vacancy.skill_areas)
        features = self.featuriser.transform([vacancy.query_text() + DECLARED_SEPARATOR + declared])
        concepts = features.concepts.ravel().copy()
        # Competency domains are scored as their own part; in the text similarity they
        # would reward the same board vocabulary that every candidate uses.
        concepts[DOMAIN_COLS] = 0.0
        norm = np.linalg.norm(concepts)
        self._query_lsa = None if features.lsa is None else features.lsa.ravel()
        return features.words, concepts / norm if norm > 0 else concepts

    def _word_scores(self, cols: np.ndarray, vals: np.ndarray) -> np.ndarray:
        return self.index.column_products(cols, vals)

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

    def _criterion_met(self, spec: CriterionSpec) -> np.ndarray:
        rows = self.index.rows
        return criteria.pool_met(
            spec,
            owner=self.params,
            texts=rows.fields,
            decode=decode_fields,
            board_level=self._answered_board_level(),
            # The words decide only a criterion that names no role, chair or field.
            topic_met=self._topic_met(spec) if spec.topic_only else None,
        )

    def _answered_board_level(self) -> np.ndarray:
        """Board experience as answered on the form, made once per query: only answers
        count as answers, and an inferred level is evidenced by the text itself."""
        if self._answered is None:
            rows = self.index.rows
            self._answered = np.where(rows.typed, rows.board_level, 0)
        return self._answered

    def _topic_met(self, spec: CriterionSpec) -> np.ndarray:
        """Who has enough of a criterion's concepts, or of its words (weighted by idf)."""
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
        if not spec.assessed:
            met[:] = False
        return met

    def score(self, vacancy: VacancyProfile) -> Scored:
        p = self.params
        rows = self.index.rows
        n = len(self.alive_)
        q_words, q_concepts = self._query(vacancy)
        cols, vals = q_words.indices, q_words.data.astype(np.float32)
        ww, wc, wl = p.word_weight, p.concept_weight, p.lsa_weight
        if rows.lsa is None or self._query_lsa is None:
            wl = 0.0
        plain = self._word_scores(cols, vals)
        if p.feedback_weight > 0:
            plain = blend(
                self.index,
                plain,
                self.alive_,
                p.feedback_docs,
                p.feedback_pool,
                p.feedback_weight,
            )
        text_raw = ww * plain
        if wc > 0:
            text_raw += wc * (self.concepts_ @ q_concepts.astype(np.float32))
        if wl > 0:
            text_raw += wl * np.maximum(rows.lsa @ self._query_lsa, 0.0)  # type: ignore[operator]
        text_raw /= (ww + wc + wl) or 1.0
        parts: dict[str, np.ndarray | None] = {"text": 1.0 - np.exp(-text_raw / p.text_scale)}
        self.skills_, self.domains_ = rows.skills, rows.domains
        self.region_, self.days_, self.willing_ = rows.region, rows.days, rows.willing
        self.gap_boost = p.gap_boost

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
                # Skills the board says nobody holds are the gap proper.
                named = [SKILL_SLUGS.index(s) for s in board_skill_keys if board[s] <= 0]
                if named:
                    fill = 0.5 * fill + 0.5 * self.skills_[:, named].mean(axis=1)
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

        specs = [self.compile_criterion(c, True) for c in vacancy.essential_criteria]
        specs += [self.compile_criterion(c, False) for c in vacancy.desirable_criteria]
        judged = [(spec, self._criterion_met(spec)) for spec in specs]
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
        base = {
            name: configured[name]
            for name, value in parts.items()
            if value is not None and configured[name] > 0
        }
        total_weight = sum(base.values()) or 1.0
        # What an inferred part cannot claim for want of evidence goes to the text part:
        # each candidate's weights still add up to 1, so scores stay on one scale.
        confidence = np.clip(rows.confidence * np.float32(vacancy.confidence), 0.0, 1.0)
        weights: dict[str, np.ndarray] = {}
        moved = np.zeros(n, dtype=np.float32)
        for name, w in base.items():
            share = np.float32(w / total_weight)
            if name in INFERRED_PARTS:
                weights[name] = share * confidence
                moved += share * (1.0 - confidence)
            else:
                weights[name] = np.full(n, share, dtype=np.float32)
        if "text" in weights:
            weights["text"] = weights["text"] + moved
        total = np.zeros(n, dtype=np.float32)
        applied: dict[str, np.ndarray] = {}
        for name, per_candidate in weights.items():
            value = np.asarray(parts[name], dtype=np.float32)
            applied[name] = value
            total += per_candidate * value
        return Scored(
            total=total,
            parts=applied,
            weights=weights,
            meets=meets,
            criteria=judged,
            word_cols=cols,
            word_vals=vals,
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
