"""Relevance feedback for the text part: candidates near the best matches are nearer.

A query names a few words; the best-matching candidates' own texts say what else people
of that kind write. Every candidate gets the cosine of their words with the sum of the top
``docs`` distinct candidates' words (kept to its ``terms`` heaviest words, so it costs one
product over those columns, as a query does), and their text part is the average of that
and their plain similarity. Near the top, where the texts summed are, each candidate
leaves out of the sum their own text and any near copy of it (cosine ``NEAR_COPY`` or
more: the same CV with a name removed or a word misspelt; or one whose words hold all but
a fifth of the other's: the same CV with a sentence added), so nobody is rewarded for
resembling themselves, and twins score the same. Everyone gets the same share of
feedback, so a score is a smooth function of a candidate's words: two texts a few words
apart score a few words apart wherever they stand in the list. Pools under
``SMALL_POOL`` candidates get none.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import scipy.sparse as sp

from nedmatch.matching.featuriser import SMALL_POOL
from nedmatch.matching.index import CandidateIndex

# Two texts whose word vectors have a cosine of this or more are one text for feedback:
# the same CV with a name removed, a disclosure left out or a word misspelt.
NEAR_COPY: Final = 0.9
# So are two where this share of the shorter one's distinct words is in the other: the
# same CV with a sentence added (whose cosine with the first falls as the sentence's words
# are rare), or two versions of one CV, each with a sentence of its own.
CONTAINED: Final = 0.8
# How many of the summed texts' words the feedback keeps, the heaviest, as pseudo-relevance
# feedback usually does (RM3 keeps 10 to 20): on the development CVs fewer were better
# (every word: MAP@10 0.653; 300: 0.673; 50: 0.686; 20: 0.695), and every candidate's
# product with them is a column slice of the index, which costs more as words are common.
FEEDBACK_TERMS: Final = 20


def blend(
    index: CandidateIndex,
    plain: np.ndarray,
    eligible: np.ndarray,
    docs: int,
    pool: int,
    weight: float,
    terms: int = FEEDBACK_TERMS,
) -> np.ndarray:
    """Plain similarity blended with feedback: ``(plain + w near) / (1 + w)`` for every
    candidate of a pool that has feedback, ``plain`` otherwise."""
    near, share = feedback_scores(index, plain, eligible, docs, pool, terms)
    w = weight * share
    return (plain + w * near) / (1.0 + w)


def feedback_scores(
    index: CandidateIndex,
    plain: np.ndarray,
    eligible: np.ndarray,
    docs: int,
    pool: int,
    terms: int = FEEDBACK_TERMS,
) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate, 0 to 1: similarity to the best matches other than themselves, and
    the share of it that counts (1 for every eligible candidate, 0 when there is none)."""
    scores = np.zeros_like(plain)
    share = np.zeros_like(plain)
    # In a small pool the top few are a large share of it and say little about a kind.
    if docs <= 0 or eligible.sum() < SMALL_POOL:
        return scores, share
    candidates = np.flatnonzero(eligible & (plain > 0))
    if len(candidates) <= docs:
        return scores, share
    # The best ``pool`` by plain similarity: where the texts to sum, and their copies, are.
    head = candidates[_top(plain[candidates], max(pool, docs))]
    matrix = index.word_rows(head).astype(np.float32)
    norms = np.zeros(len(head), dtype=np.float64)
    filled = np.diff(matrix.indptr) > 0
    if filled.any():
        norms[filled] = np.sqrt(np.add.reduceat(matrix.data**2, matrix.indptr[:-1][filled]))
    chosen = _distinct_top(matrix, norms, docs)
    if not chosen:
        return scores, share
    # The chosen texts summed, kept to their heaviest words.
    top = matrix[chosen]
    summed = top.tocoo()
    columns, where = np.unique(summed.col, return_inverse=True)
    weights = np.bincount(where, weights=summed.data.astype(np.float64))
    if len(columns) > terms:
        keep = np.sort(np.argpartition(-weights, terms - 1)[:terms])
        columns, weights = columns[keep], weights[keep]
    own = top[:, columns].toarray().astype(np.float64)  # each text on those words
    length = float(np.sqrt(weights @ weights))
    if length <= 1e-9:
        return scores, share
    dots = index.column_products(columns, weights.astype(np.float32)).astype(np.float64)
    scores = dots / length
    # Near the top, each row leaves its own near copies out of the sum.
    near = _near_copies(matrix, norms, chosen, top)
    copied = near.any(axis=1)
    if copied.any():
        rows = np.flatnonzero(copied)
        on_kept = np.asarray(matrix[rows][:, columns] @ own.T, dtype=np.float64)
        gram = own @ own.T
        to_total = own @ weights
        mask = near[rows].astype(np.float64)
        left = dots[head[rows]] - (on_kept * mask).sum(axis=1)
        squared = length**2 - 2 * mask @ to_total + ((mask @ gram) * mask).sum(axis=1)
        lengths = np.sqrt(np.maximum(squared, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            scores[head[rows]] = np.where(lengths > 1e-9, left / lengths, 0.0)
    share[eligible] = 1.0
    return np.clip(scores, 0.0, 1.0).astype(plain.dtype), share


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
            or _shared(cols, indices[indptr[c] : indptr[c + 1]]) >= CONTAINED
            for c in chosen
        ):
            continue
        chosen.append(row)
        if len(chosen) == docs:
            break
    return chosen


def _near_copies(
    matrix: sp.csr_matrix, norms: np.ndarray, chosen: list[int], top: sp.csr_matrix | None = None
) -> np.ndarray:
    """Per row and chosen text, whether the row is a near copy of it: a cosine of
    ``NEAR_COPY`` or more, or ``CONTAINED`` of the shorter one's distinct words in the other
    (one text is the other with a little added). Read over the chosen texts' own words only,
    the only ones either measure needs."""
    columns = np.unique((matrix[chosen] if top is None else top).indices)
    part = matrix[:, columns]
    chosen_part = part[chosen].T.toarray()
    with np.errstate(divide="ignore", invalid="ignore"):
        cosines = np.asarray(part @ chosen_part, dtype=np.float64) / np.outer(norms, norms[chosen])
    part.data = np.ones_like(part.data)
    overlap = np.asarray(part @ (chosen_part > 0).astype(np.float32), dtype=np.float64)
    sizes = np.diff(matrix.indptr).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        shared = overlap / np.minimum.outer(sizes, sizes[chosen])
    return (np.nan_to_num(cosines) >= NEAR_COPY) | (np.nan_to_num(shared) >= CONTAINED)


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
