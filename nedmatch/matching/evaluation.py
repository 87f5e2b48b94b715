"""Measure ranking quality on the synthetic benchmark, next to a BM25 baseline (SQLite
FTS5) over exactly the same texts, so a model is chosen by measurement, not by habit."""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from nedmatch.matching.model import Ranker
from nedmatch.matching.profiles import CandidateProfile, VacancyProfile
from nedmatch.matching.synthetic import (
    SyntheticCandidate,
    SyntheticVacancy,
    generate_candidates,
    generate_vacancies,
    relevance,
)

TEXT_ONLY = {
    "text": 1.0,
    "skills": 0.0,
    "competencies": 0.0,
    "desirable": 0.0,
    "location": 0.0,
    "availability": 0.0,
    "experience": 0.0,
    "challenged": 0.0,
}


def average_precision_at_k(ranked: Sequence[Any], relevant: set[Any], k: int = 10) -> float:
    """AP@k, normalised by min(k, number relevant), as in most IR toolkits."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / min(k, len(relevant))


def ndcg_at_k(ranked: Sequence[Any], grades: dict[Any, int], k: int = 10) -> float:
    """nDCG@k with gains 2^grade - 1, so a full fit counts three times a partial one."""
    dcg = sum(
        (2 ** grades.get(item, 0) - 1) / math.log2(i + 1)
        for i, item in enumerate(ranked[:k], start=1)
    )
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 1) for i, g in enumerate(ideal, start=1))
    return dcg / idcg if idcg > 0 else 0.0


class FtsBaseline:
    """BM25 as SQLite FTS5 computes it, with the Porter stemmer to give it a fair chance."""

    def __init__(self, documents: dict[Any, str]) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='porter unicode61')"
        )
        self.ids = list(documents)
        self.connection.executemany(
            "INSERT INTO docs(rowid, body) VALUES (?, ?)",
            ((i + 1, documents[cid]) for i, cid in enumerate(self.ids)),
        )
        self.connection.commit()

    @staticmethod
    def query_for(text: str) -> str:
        """An OR of the query's distinct words, each quoted so FTS5 syntax cannot break."""
        words = dict.fromkeys(
            w for w in re.findall(r"[a-z][a-z0-9]+", text.lower()) if w not in ENGLISH_STOP_WORDS
        )
        return " OR ".join(f'"{w}"' for w in words) or '""'

    def search(self, text: str, k: int) -> list[Any]:
        rows = self.connection.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (self.query_for(text), k),
        ).fetchall()
        return [self.ids[row - 1] for (row,) in rows]

    def close(self) -> None:
        self.connection.close()


def document_text(profile: CandidateProfile) -> str:
    """The same scrubbed words the model sees, for the baseline to index."""
    return "\n".join(profile.text_fields().values())


@dataclass
class Benchmark:
    """One split: a pool, its vacancies and the graded truth for each pair."""

    split: str
    candidates: list[SyntheticCandidate]
    vacancies: list[SyntheticVacancy]
    text_profiles: list[CandidateProfile] = field(default_factory=list)
    vacancy_profiles: list[VacancyProfile] = field(default_factory=list)
    grades: dict[str | int, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, split: str, n_candidates: int, seed: int) -> Benchmark:
        candidates = list(generate_candidates(n_candidates, seed=seed, split=split))
        vacancies = generate_vacancies(seed=seed, split=split)
        bench = cls(split, candidates, vacancies)
        bench.text_profiles = [
            CandidateProfile.from_text(c.id, c.text, name=c.profile.name) for c in candidates
        ]
        bench.vacancy_profiles = [VacancyProfile.from_text(v.id, v.text) for v in vacancies]
        for vacancy in vacancies:
            bench.grades[vacancy.id] = {
                c.id: g for c in candidates if (g := relevance(vacancy, c)) > 0
            }
        return bench

    def score(self, rankings: dict[str | int, list[Any]], k: int = 10) -> tuple[float, float]:
        """Mean AP@k (a full fit is relevant) and mean nDCG@k (graded) over vacancies."""
        aps, ndcgs = [], []
        for vacancy in self.vacancies:
            grades = self.grades[vacancy.id]
            relevant = {cid for cid, g in grades.items() if g == 2}
            ranked = rankings[vacancy.id]
            aps.append(average_precision_at_k(ranked, relevant, k))
            ndcgs.append(ndcg_at_k(ranked, grades, k))
        return float(np.mean(aps)), float(np.mean(ndcgs))


def rank_with(
    ranker: Ranker, bench: Benchmark, k: int, part_weights: dict[str, float] | None = None
) -> dict[str | int, list[Any]]:
    result: dict[str | int, list[Any]] = {}
    for vacancy in bench.vacancy_profiles:
        if part_weights is not None:
            vacancy = VacancyProfile(**{**vacancy.__dict__, "part_weights": part_weights})
        result[vacancy.id] = [m.candidate_id for m in ranker.rank(vacancy, top_k=k)]
    return result


def bm25_rankings(bench: Benchmark, k: int) -> dict[str | int, list[Any]]:
    baseline = FtsBaseline({p.id: document_text(p) for p in bench.text_profiles})
    try:
        return {v.id: baseline.search(v.query_text(), k) for v in bench.vacancy_profiles}
    finally:
        baseline.close()


@dataclass(frozen=True)
class Variant:
    """A configuration to measure: ranker parameters and which parts of the score count."""

    name: str
    params: dict[str, Any]
    text_only: bool = False
    structured_profiles: bool = False


def evaluate(
    bench: Benchmark,
    variants: Sequence[Variant],
    k: int = 10,
    progress: Callable[[str], None] | None = None,
) -> list[tuple[str, float, float]]:
    """MAP@k and nDCG@k for BM25 and each variant on one split, in one run."""
    rows = [("BM25 (SQLite FTS5, porter)", *bench.score(bm25_rankings(bench, k), k))]
    for variant in variants:
        if progress:
            progress(variant.name)
        pool = (
            [c.profile for c in bench.candidates]
            if variant.structured_profiles
            else bench.text_profiles
        )
        ranker = Ranker(**variant.params).fit(pool)
        weights = TEXT_ONLY if variant.text_only else None
        rows.append((variant.name, *bench.score(rank_with(ranker, bench, k, weights), k)))
    return rows
