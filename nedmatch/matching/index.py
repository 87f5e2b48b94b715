"""The candidate index: every candidate as rows of matrices, never changed once published.

Adding or removing candidates builds a new index and the ranker swaps one reference to
it (as scikit-learn's NearestNeighbors never changes its index while queried), so a
reader that took the reference once sees one consistent pool for its whole call, however
many writers run beside it. New rows go to a small row-major tail; past a limit, or when
many rows are removed, the whole index is rebuilt without them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

import numpy as np
import scipy.sparse as sp

# Fold rows added since the last rebuild into the column-major matrix past this many.
TAIL_LIMIT: Final = 2000
# Rebuild without removed rows once they are this share of the index.
DEAD_SHARE: Final = 0.1


@dataclass(frozen=True)
class Rows:
    """Candidates turned into arrays, one row each (a batch, or a whole index)."""

    ids: list[str | int]
    fields: list[str]  # encoded with features.encode_fields
    declared: np.ndarray  # declared skill areas, one column per skill slug
    words: sp.csr_matrix
    concepts: np.ndarray
    lsa: np.ndarray | None
    skills: np.ndarray
    domains: np.ndarray
    region: np.ndarray
    board_level: np.ndarray
    days: np.ndarray
    willing: np.ndarray
    confidence: np.ndarray  # 0 to 1: how far the inferred structured parts can be trusted
    typed: np.ndarray  # the structured parts are the candidate's answers, not inferred

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, keep: np.ndarray) -> Rows:
        return Rows(
            ids=[self.ids[i] for i in keep],
            fields=[self.fields[i] for i in keep],
            declared=self.declared[keep],
            words=self.words[keep],
            concepts=self.concepts[keep],
            lsa=None if self.lsa is None else self.lsa[keep],
            skills=self.skills[keep],
            domains=self.domains[keep],
            region=self.region[keep],
            board_level=self.board_level[keep],
            days=self.days[keep],
            willing=self.willing[keep],
            confidence=self.confidence[keep],
            typed=self.typed[keep],
        )

    @staticmethod
    def join(parts: Sequence[Rows]) -> Rows:
        lsa = [p.lsa for p in parts]
        return Rows(
            ids=[i for p in parts for i in p.ids],
            fields=[f for p in parts for f in p.fields],
            declared=np.concatenate([p.declared for p in parts]),
            words=sp.vstack([p.words for p in parts], format="csr"),
            concepts=np.concatenate([p.concepts for p in parts]),
            lsa=None if any(x is None for x in lsa) else np.concatenate(lsa),  # type: ignore[arg-type]
            skills=np.concatenate([p.skills for p in parts]),
            domains=np.concatenate([p.domains for p in parts]),
            region=np.concatenate([p.region for p in parts]),
            board_level=np.concatenate([p.board_level for p in parts]),
            days=np.concatenate([p.days for p in parts]),
            willing=np.concatenate([p.willing for p in parts]),
            confidence=np.concatenate([p.confidence for p in parts]),
            typed=np.concatenate([p.typed for p in parts]),
        )

    @staticmethod
    def append_to(head: Rows, batch: Rows) -> Rows:
        """``head`` followed by ``batch``, without copying ``head`` when it can be helped.

        Dense arrays live in buffers with room to grow: the new rows are written past the
        end of every published view, where no reader looks, and the result is a longer
        view of the same buffer. Word rows are not joined here (the index keeps them in
        its own tail).
        """
        n = len(head)
        arrays: dict[str, Any] = {}
        for name in _DENSE:
            old, new = getattr(head, name), getattr(batch, name)
            if old is None or new is None:
                arrays[name] = None
                continue
            arrays[name] = _extend(old, new, n)
        # New lists (a pointer copy, under a millisecond at 100,000): an older index keeps
        # its own, so nothing it holds ever changes length.
        ids = [*head.ids, *batch.ids]
        fields = [*head.fields, *batch.fields]
        return Rows(ids=ids, fields=fields, words=head.words, **arrays)


_DENSE: Final = (
    "declared", "concepts", "lsa", "skills", "domains", "region", "board_level", "days",
    "willing", "confidence", "typed",
)  # fmt: skip


def _extend(view: np.ndarray, new: np.ndarray, n: int) -> np.ndarray:
    """``view`` (n rows) followed by ``new``, in place past the end when the buffer allows.

    Only the ranker's single writer (under its lock) appends, always to the newest index,
    so the rows past ``n`` belong to no published view.
    """
    base = view.base if isinstance(view.base, np.ndarray) else None
    k = len(new)
    if (
        base is not None
        and base.shape[1:] == view.shape[1:]
        and base.dtype == new.dtype
        and view.__array_interface__["data"][0] == base.__array_interface__["data"][0]
        and base.shape[0] >= n + k
    ):
        base[n : n + k] = new
        return base[: n + k]
    capacity = max(n + k, int(1.25 * (n + k)) + 64)
    buffer = np.empty((capacity, *view.shape[1:]), dtype=np.result_type(view, new))
    buffer[:n] = view
    buffer[n : n + k] = new
    return buffer[: n + k]


@dataclass(frozen=True)
class CandidateIndex:
    """An immutable pool: ``rows`` in order, the first ``n_main`` of them column-major
    for scoring (only the query's words are read) and all of them row-major for
    explaining (only the returned candidates are read)."""

    rows: Rows
    words_main: sp.csc_matrix
    words_rows: sp.csr_matrix  # the first n_main rows
    words_tail: sp.csr_matrix  # rows added since, row-major
    alive: np.ndarray
    position: dict[str | int, int] = field(repr=False)

    @classmethod
    def build(cls, rows: Rows, words_main: sp.csc_matrix | None = None) -> CandidateIndex:
        words = rows.words.tocsr()
        main = words.tocsc() if words_main is None else words_main
        main.sort_indices()
        return cls(
            rows=replace(rows, words=words),
            words_main=main,
            words_rows=words,
            words_tail=sp.csr_matrix((0, words.shape[1]), dtype=np.float32),
            alive=np.ones(len(rows), dtype=bool),
            position={cid: i for i, cid in enumerate(rows.ids)},
        )

    # ------------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self.position)

    def __contains__(self, candidate_id: object) -> bool:
        return candidate_id in self.position

    def __iter__(self) -> Iterator[str | int]:
        return iter(self.position)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_main(self) -> int:
        return self.words_main.shape[0]

    def row_of(self, candidate_id: str | int) -> int | None:
        return self.position.get(candidate_id)

    def word_row(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of one candidate's word features."""
        if row < self.n_main:
            matrix, r = self.words_rows, row
        else:
            matrix, r = self.words_tail, row - self.n_main
        start, end = matrix.indptr[r], matrix.indptr[r + 1]
        return matrix.indices[start:end], matrix.data[start:end]

    def column_products(self, cols: np.ndarray, vals: np.ndarray) -> np.ndarray:
        """Every candidate's product with a vector given by its columns and values: reads
        only those columns of the column-major matrix (and of the rows added since)."""
        scores = self.words_main[:, cols] @ vals
        if self.words_tail.shape[0]:
            scores = np.concatenate([scores, self.words_tail[:, cols] @ vals])
        return np.asarray(scores, dtype=np.float32)

    def word_rows(self, rows: np.ndarray) -> sp.csr_matrix:
        """Several candidates' word features as one row-major matrix, in the order given."""
        main = rows < self.n_main
        if main.all():
            return self.words_rows[rows]
        whole = sp.vstack(
            [self.words_rows[rows[main]], self.words_tail[rows[~main] - self.n_main]], format="csr"
        )
        order = np.empty(len(rows), dtype=np.int64)
        order[np.flatnonzero(main)] = np.arange(main.sum())
        order[np.flatnonzero(~main)] = main.sum() + np.arange((~main).sum())
        return whole[order]

    # ------------------------------------------------------------- changing

    def with_rows(self, batch: Rows) -> CandidateIndex:
        """A new index with these candidates added (replacing any with the same id)."""
        if not len(batch):
            return self
        alive = self.alive.copy()
        for cid in batch.ids:
            old = self.position.get(cid)
            if old is not None:
                alive[old] = False
        start = self.n_rows
        rows = Rows.append_to(self.rows, batch)
        position = {cid: row for cid, row in self.position.items() if alive[row]}
        position.update({cid: start + i for i, cid in enumerate(batch.ids)})
        tail = sp.vstack([self.words_tail, batch.words], format="csr")
        index = CandidateIndex(
            rows=rows,
            words_main=self.words_main,
            words_rows=self.words_rows,
            words_tail=tail,
            alive=np.concatenate([alive, np.ones(len(batch), dtype=bool)]),
            position=position,
        )
        if tail.shape[0] > TAIL_LIMIT or index._mostly_dead():
            return index.compacted()
        return index

    def without(self, candidate_ids: Sequence[str | int]) -> CandidateIndex:
        """A new index without these candidates; their texts are dropped at once."""
        gone = [self.position[c] for c in candidate_ids if c in self.position]
        if not gone:
            return self
        alive = self.alive.copy()
        alive[gone] = False
        fields = list(self.rows.fields)
        ids = list(self.rows.ids)
        for row in gone:
            fields[row] = ""
            ids[row] = None  # type: ignore[call-overload]
        index = CandidateIndex(
            rows=replace(self.rows, fields=fields, ids=ids),  # a copy: old readers keep theirs
            words_main=self.words_main,
            words_rows=self.words_rows,
            words_tail=self.words_tail,
            alive=alive,
            position={c: r for c, r in self.position.items() if alive[r]},
        )
        return index.compacted() if index._mostly_dead() else index

    def compacted(self) -> CandidateIndex:
        """Removed rows dropped for good and recent additions folded into the main block."""
        keep = np.flatnonzero(self.alive)
        whole = sp.vstack([self.words_rows, self.words_tail], format="csr")
        rows = replace(self.rows, words=whole).take(keep)
        rows.words.eliminate_zeros()
        return CandidateIndex.build(rows)

    def _mostly_dead(self) -> bool:
        dead = len(self.alive) - len(self.position)
        return dead > max(100, DEAD_SHARE * len(self.alive))
