"""Relevance feedback for the text part: candidates near the best matches are nearer.

A query names a few words; the best-matching candidates' own texts say what else people
of that kind write. Each of the top ``pool`` candidates by plain similarity gets the
cosine of their words with the sum of the top ``docs`` candidates' words, leaving their
own text out of that sum (so nobody is rewarded for resembling themselves; identical
texts count once, so twins score the same). It re-ranks
the head of the list only: rows beyond it keep their plain similarity. Where the head
is cut from a longer list, its lower half takes the feedback in a share that falls with
plain similarity to none at the cut (``blend``), so a score never jumps between two
candidates whose plain similarities are close or equal. Pools under ``SMALL_POOL``
candidates get none.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from nedmatch.matching.featuriser import SMALL_POOL
from nedmatch.matching.index import CandidateIndex


def blend(
    index: CandidateIndex,
    plain: np.ndarray,
    eligible: np.ndarray,
    docs: int,
    pool: int,
    weight: float,
) -> np.ndarray:
    """Plain similarity blended with feedback: ``(plain + w f near) / (1 + w f)``, where
    ``f`` is each candidate's share of the feedback (1 at the top of the head, falling to
    0 at its cut, 0 beyond it)."""
    near, share = feedback_scores(index, plain, eligible, docs, pool)
    w = weight * share
    return (plain + w * near) / (1.0 + w)


def feedback_scores(
    index: CandidateIndex, plain: np.ndarray, eligible: np.ndarray, docs: int, pool: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate, 0 to 1: similarity to the best matches other than themselves, and
    the share of it that counts (see ``blend``)."""
    scores = np.zeros_like(plain)
    share = np.zeros_like(plain)
    # In a small pool the top few are a large share of it and say little about a kind.
    if docs <= 0 or eligible.sum() < SMALL_POOL:
        return scores, share
    candidates = np.flatnonzero(eligible & (plain > 0))
    if len(candidates) <= docs:
        return scores, share
    head = candidates[_top(plain[candidates], max(pool, docs))]
    if len(head) == len(candidates):
        share[head] = 1.0
    else:
        # The head's lower half fades out: by plain similarity, so equal similarities get
        # equal shares and close ones close shares, wherever the cut falls among them.
        high, low = plain[head[len(head) // 2]], plain[head[-1]]
        if high > low:
            share[head] = np.clip((plain[head] - low) / (high - low), 0.0, 1.0)
        else:
            share[head] = (plain[head] > low).astype(plain.dtype)
    matrix = index.word_rows(head).astype(np.float32)
    # Identical texts (a CV sent twice, two CVs differing only in a removed name) are one
    # document: the sum takes the top ``docs`` distinct texts, and a row leaves out the
    # text it shares with one of them, so twins get the same score wherever they stand.
    keys = _row_keys(matrix)
    # The first row of each of the first ``docs`` distinct texts, in rank order.
    _, firsts = np.unique(keys, return_index=True)
    chosen = np.sort(firsts)[:docs]
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
    inside = np.isin(keys, keys[chosen])
    norms[inside] = np.sqrt(
        np.maximum(norms[inside] ** 2 - 2 * dots[inside] + self_dots[inside], 1e-12)
    )
    dots[inside] -= self_dots[inside]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores[head] = np.where(norms > 0, dots / norms, 0.0)
    return np.clip(scores, 0.0, 1.0), share


def _row_keys(matrix: sp.csr_matrix) -> np.ndarray:
    """A number per row, the same for rows with the same stored values and different
    otherwise: a 64-bit mix of each value's column and bits, summed over the row, with
    rows that share a number compared value by value (should two different rows ever
    share one, every row is numbered by its exact values instead)."""
    cols = matrix.indices.astype(np.uint64)
    bits = np.ascontiguousarray(matrix.data, dtype=np.float32).view(np.uint32).astype(np.uint64)
    mixed = (cols + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    mixed ^= (bits + np.uint64(1)) * np.uint64(0xC2B2AE3D27D4EB4F)
    mixed ^= mixed >> np.uint64(29)
    lengths = np.diff(matrix.indptr).astype(np.uint64)
    keys = lengths * np.uint64(0x165667B19E3779F9)
    filled = lengths > 0
    if filled.any():
        keys[filled] += np.add.reduceat(mixed, matrix.indptr[:-1][filled])
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    for row in np.flatnonzero(first[inverse] != np.arange(len(keys))):
        if not _same_row(matrix, int(row), int(first[inverse[row]])):
            return _exact_keys(matrix)
    return keys


def _exact_keys(matrix: sp.csr_matrix) -> np.ndarray:
    numbers: dict[tuple[bytes, bytes], int] = {}
    return np.array(
        [
            numbers.setdefault(
                (matrix.indices[a:b].tobytes(), matrix.data[a:b].tobytes()), len(numbers)
            )
            for a, b in zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True)
        ],
        dtype=np.uint64,
    )


def _same_row(matrix: sp.csr_matrix, a: int, b: int) -> bool:
    sa, ea = matrix.indptr[a], matrix.indptr[a + 1]
    sb, eb = matrix.indptr[b], matrix.indptr[b + 1]
    return bool(
        np.array_equal(matrix.indices[sa:ea], matrix.indices[sb:eb])
        and np.array_equal(matrix.data[sa:ea], matrix.data[sb:eb])
    )


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
