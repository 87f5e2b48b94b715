"""Relevance feedback for the text part: candidates near the best matches are nearer.

A query names a few words; the best-matching candidates' own texts say what else people
of that kind write. Each of the top ``pool`` candidates by plain similarity gets the
cosine of their words with the sum of the top ``docs`` candidates' words, leaving their
own text out of that sum (so nobody is rewarded for resembling themselves; identical
texts count once, so twins score the same). It re-ranks
the head of the list only: rows beyond it keep their plain similarity. Pools under
``SMALL_POOL`` candidates get none.
"""

from __future__ import annotations

import numpy as np

from nedmatch.matching.featuriser import SMALL_POOL
from nedmatch.matching.index import CandidateIndex


def feedback_scores(
    index: CandidateIndex, plain: np.ndarray, eligible: np.ndarray, docs: int, pool: int
) -> np.ndarray:
    """Per candidate, 0 to 1: similarity to the best matches other than themselves."""
    scores = np.zeros_like(plain)
    # In a small pool the top few are a large share of it and say little about a kind.
    if docs <= 0 or eligible.sum() < SMALL_POOL:
        return scores
    candidates = np.flatnonzero(eligible & (plain > 0))
    if len(candidates) <= docs:
        return scores
    head = candidates[_top(plain[candidates], max(pool, docs))]
    matrix = index.word_rows(head).astype(np.float32)
    # Identical texts (a CV sent twice, two CVs differing only in a removed name) are one
    # document: the sum takes the top ``docs`` distinct texts, and a row leaves out the
    # text it shares with one of them, so twins get the same score wherever they stand.
    keys = [
        (matrix.indices[a:b].tobytes(), matrix.data[a:b].tobytes())
        for a, b in zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True)
    ]
    top: dict[tuple[bytes, bytes], int] = {}
    for position, key in enumerate(keys):
        if len(top) == docs:
            break
        top.setdefault(key, position)
    chosen = np.fromiter(top.values(), dtype=np.int64, count=len(top))
    centroid = np.asarray(matrix[chosen].sum(axis=0)).ravel()
    dots = matrix @ centroid  # each head row against the sum of the top texts
    # Each row's squared norm, summed row by row over its own stored values (so twins get
    # the same sum wherever they stand); a row with no words has none.
    self_dots = np.zeros(len(head), dtype=np.float32)
    filled = np.diff(matrix.indptr) > 0
    if filled.any():
        self_dots[filled] = np.add.reduceat(matrix.data**2, matrix.indptr[:-1][filled])
    norms = np.full(len(head), float(np.linalg.norm(centroid)), dtype=np.float32)
    # For a row whose text is in the sum, the sum without it: |c - d|^2 = |c|^2 - 2 c.d + |d|^2.
    inside = np.array([key in top for key in keys], dtype=bool)
    norms[inside] = np.sqrt(
        np.maximum(norms[inside] ** 2 - 2 * dots[inside] + self_dots[inside], 1e-12)
    )
    dots[inside] -= self_dots[inside]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores[head] = np.where(norms > 0, dots / norms, 0.0)
    return np.clip(scores, 0.0, 1.0)


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest values, largest first, ties in position order: what a
    stable sort of the whole array would give, without sorting 100,000 values for 1,000."""
    if len(values) <= k:
        return np.argsort(-values, kind="stable")
    negated = -values
    threshold = np.partition(negated, k - 1)[k - 1]
    above = np.flatnonzero(negated < threshold)
    level = np.flatnonzero(negated == threshold)[: k - len(above)]
    chosen = np.concatenate([above, level])
    return chosen[np.lexsort((chosen, negated[chosen]))]
