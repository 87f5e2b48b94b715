"""Relevance feedback for the text part: candidates near the best matches are nearer.

A query names a few words; the best-matching candidates' own texts say what else people
of that kind write. Each of the top ``pool`` candidates by plain similarity gets the
cosine of their words with the sum of the top ``docs`` distinct candidates' words,
leaving out of that sum their own text and any near copy of it (cosine ``NEAR_COPY`` or
more: the same CV with a name removed or a word misspelt; or one whose words hold all but
a tenth of the other's: the same CV with a sentence added), so nobody is rewarded for
resembling themselves, and twins score the same. It re-ranks
the head of the list only: rows beyond it keep their plain similarity. Where the head
is cut from a longer list, its lower half takes the feedback in a share that falls with
plain similarity to none at the cut (``blend``), so a score never jumps between two
candidates whose plain similarities are close or equal. Pools under ``SMALL_POOL``
candidates get none.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import scipy.sparse as sp

from nedmatch.matching.featuriser import SMALL_POOL
from nedmatch.matching.index import CandidateIndex

# Two texts whose word vectors have a cosine of this or more are one text for feedback:
# the same CV with a name removed, a disclosure left out or a word misspelt. So are two
# where this share of the shorter one's distinct words is in the longer: the same CV with
# a sentence added, whose cosine with the first falls as the sentence's words are rare.
NEAR_COPY: Final = 0.9


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
    norms = np.zeros(len(head), dtype=np.float64)
    filled = np.diff(matrix.indptr) > 0
    if filled.any():
        norms[filled] = np.sqrt(np.add.reduceat(matrix.data**2, matrix.indptr[:-1][filled]))
    chosen = _distinct_top(matrix, norms, docs)
    if not chosen:
        return scores, share
    # The chosen texts as dense columns (one sparse-by-dense product, not sparse-by-sparse).
    top = matrix[chosen].T.toarray()
    # Each head row against each chosen text, and whether it is a copy or a near copy of
    # it (a CV sent twice, two CVs differing in a removed name or a slip of spelling): a
    # row leaves out of the sum every text it nearly is, so nobody gains by resembling
    # themselves, and twins get the same score wherever they stand.
    against = np.asarray(matrix @ top, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        cosines = against / np.outer(norms, norms[chosen])
    near = (np.nan_to_num(cosines) >= NEAR_COPY) | _contained(matrix, chosen)
    gram = against[chosen]
    total = gram.sum()  # |sum of the top texts|^2
    to_total = gram.sum(axis=1)  # each top text against the sum
    dots = against.sum(axis=1) - (against * near).sum(axis=1)
    squared = total - 2 * near @ to_total + ((near @ gram) * near).sum(axis=1)
    lengths = np.sqrt(np.maximum(squared, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        scores[head] = np.where(lengths > 1e-9, dots / lengths, 0.0)
    return np.clip(scores, 0.0, 1.0), share


def _distinct_top(matrix: sp.csr_matrix, norms: np.ndarray, docs: int) -> list[int]:
    """The first ``docs`` rows, in rank order, that are not near copies of a row already
    taken (and have words)."""
    chosen: list[int] = []
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for row in range(matrix.shape[0]):
        if norms[row] == 0:
            continue
        cols, values = indices[indptr[row] : indptr[row + 1]], data[indptr[row] : indptr[row + 1]]
        if any(
            _dot(cols, values, indices[indptr[c] : indptr[c + 1]], data[indptr[c] : indptr[c + 1]])
            >= NEAR_COPY * norms[c] * norms[row]
            or _shared(cols, indices[indptr[c] : indptr[c + 1]]) >= NEAR_COPY
            for c in chosen
        ):
            continue
        chosen.append(row)
        if len(chosen) == docs:
            break
    return chosen


def _contained(matrix: sp.csr_matrix, chosen: list[int]) -> np.ndarray:
    """Per row and chosen text, whether this share (``NEAR_COPY``) of the shorter one's
    distinct words is in the other: one text is the other with a little added."""
    present = matrix.copy()
    present.data = np.ones_like(present.data)
    sizes = np.diff(present.indptr).astype(np.float64)
    overlap = np.asarray((present @ present[chosen].T).toarray(), dtype=np.float64)
    shorter = np.minimum.outer(sizes, sizes[chosen])
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(overlap / shorter) >= NEAR_COPY


def _shared(cols_a: np.ndarray, cols_b: np.ndarray) -> float:
    """The share of the shorter row's distinct words that the other row has."""
    shorter = min(len(cols_a), len(cols_b))
    if not shorter:
        return 0.0
    return len(np.intersect1d(cols_a, cols_b, assume_unique=True)) / shorter


def _dot(cols_a: np.ndarray, a: np.ndarray, cols_b: np.ndarray, b: np.ndarray) -> float:
    """The dot product of two sparse rows (each with sorted, unique columns)."""
    _, at, bt = np.intersect1d(cols_a, cols_b, assume_unique=True, return_indices=True)
    return float(np.dot(a[at].astype(np.float64), b[bt]))


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
