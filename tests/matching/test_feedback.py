"""Relevance feedback leaves each candidate's own near copies out of its sum: the same text
with a name removed or a word misspelt, and the same text with a sentence added."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from nedmatch.matching.feedback import _distinct_top, _near_copies


def _rows(*sets: list[int], width: int = 40) -> sp.csr_matrix:
    data = [np.ones(len(s), dtype=np.float32) for s in sets]
    return sp.csr_matrix(
        (
            np.concatenate(data),
            np.concatenate([np.array(s) for s in sets]),
            np.cumsum([0, *[len(s) for s in sets]]),
        ),
        shape=(len(sets), width),
    )


BASE = list(range(20))
WITH_A_SENTENCE = BASE + [30, 31, 32, 33, 34, 35, 36, 37]  # cosine with BASE is 0.85
OTHER = list(range(10, 30))


def test_a_text_with_a_sentence_added_is_a_near_copy_of_it() -> None:
    matrix = _rows(BASE, WITH_A_SENTENCE, OTHER)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    near = _near_copies(matrix, norms, [0])
    assert near[:, 0].tolist() == [True, True, False]


def test_the_feedback_texts_are_distinct_people() -> None:
    matrix = _rows(BASE, WITH_A_SENTENCE, OTHER)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert _distinct_top(matrix, norms, 3) == [0, 2]
