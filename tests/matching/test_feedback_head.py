"""Relevance feedback reads the head of the list: taking it by partition must give the same
rows, in the same order, as a stable sort of every score (ties in row order)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from nedmatch.matching.feedback import _exact_keys, _row_keys, _top


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


def test_rows_with_the_same_words_share_a_key_and_no_others_do() -> None:
    matrix = _rows(np.random.default_rng(2), 600)
    keys = _row_keys(matrix)
    exact = _exact_keys(matrix)
    # Two rows share a key exactly when they share their exact values.
    same = keys[:, None] == keys[None, :]
    assert np.array_equal(same, exact[:, None] == exact[None, :])
    assert len(np.unique(keys)) < len(keys)  # there were twins to find


def test_two_different_rows_that_share_a_number_are_told_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the 64-bit mix ever give two different rows one number, the rows are
    numbered by their exact values instead."""
    matrix = _rows(np.random.default_rng(3), 50)
    real_unique = np.unique

    def colliding(keys: np.ndarray, **kwargs: bool) -> tuple[np.ndarray, ...]:
        return real_unique(np.zeros_like(keys), **kwargs)  # every row one number

    monkeypatch.setattr(np, "unique", colliding)
    keys = _row_keys(matrix)
    monkeypatch.setattr(np, "unique", real_unique)
    assert np.array_equal(keys, _exact_keys(matrix))
