"""Relevance feedback reads the head of the list: taking it by partition must give the same
rows, in the same order, as a stable sort of every score (ties in row order)."""

from __future__ import annotations

import numpy as np

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
