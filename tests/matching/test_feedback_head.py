"""Relevance feedback reads the head of the list: taking it by partition must give the same
rows, in the same order, as a stable sort of every score (ties in row order), and where the
head is cut no two equal texts may score differently."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import scipy.sparse as sp

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile
from nedmatch.matching.feedback import _top


def test_the_head_by_partition_is_the_head_by_stable_sort() -> None:
    rng = np.random.default_rng(0)
    for trial in range(300):
        n = int(rng.integers(1, 3000))
        k = int(rng.integers(1, 1200))
        # Half the trials are full of ties, where a partition could pick other rows.
        values = (
            rng.integers(0, 20, size=n).astype(np.float32)
            if trial % 2
            else rng.random(n).astype(np.float32)
        )
        assert np.array_equal(_top(values, k), np.argsort(-values, kind="stable")[:k]), trial


def _rows(rng: np.random.Generator, n: int) -> sp.csr_matrix:
    """Rows of word weights, a third of them copies of others (twins), some empty."""
    base = sp.random(n, 400, density=0.02, format="csr", dtype=np.float32, random_state=1)
    copies = rng.integers(0, n, size=n // 3)
    return sp.vstack([base, base[copies], sp.csr_matrix((3, 400), dtype=np.float32)]).tocsr()


def test_twins_at_the_cut_of_the_feedback_head_score_the_same() -> None:
    """Twins (equal texts, so equal plain similarity) used to get different scores when the
    feedback head's cut fell between them: one
    with feedback, one without. Every cut is tried."""
    words = (
        "audit finance governance accountant committee risk assurance budget treasury "
        "nursing patient safety quality digital cyber estates workforce culture legal "
        "procurement research education housing charity strategy"
    ).split()
    rng = random.Random(7)
    pool = [
        CandidateProfile.from_text(f"c{i}", " ".join(rng.sample(words, 8)) + ".")
        for i in range(150)
    ]
    twin = CandidateProfile.from_text("twin-a", "audit nursing estates legal charity.")
    pool += [twin, dataclasses.replace(twin, id="twin-b")]
    vacancy = VacancyProfile(id="v", title="Audit", description="audit finance governance risk")
    ranker = Ranker(feedback_docs=1).fit(pool)
    moved = set()
    for head in range(1, len(pool)):
        ranker.feedback_pool = head  # read when ranking
        scores = {m.candidate_id: m.score for m in ranker.rank(vacancy, top_k=len(pool))}
        assert scores["twin-a"] == scores["twin-b"], head
        moved.add(scores["twin-a"])
    # Everyone has the same share of feedback, so where the head is cut moves nobody.
    assert len(moved) == 1
