"""Reading a pool's text for a fit: each candidate's own words, scrubbed of identity and
disclosures, as one document, as the normalised tokens the vectorisers count, and as the
criterion claims its sentences make.

This is most of a fit's time and each candidate's reading is independent of the others,
so a large pool is read by several processes (joblib's loky backend, as scikit-learn
uses), each of which also counts the word n-grams of its part (matching.counting merges
the parts). Every process runs the same functions on the same text, so the result is the
same as reading in one (tests/matching/test_reading.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from joblib import Parallel, delayed
from sklearn.feature_extraction.text import CountVectorizer

from nedmatch.matching.counting import Part, count_part
from nedmatch.matching.criteria.pool import claims_of_text
from nedmatch.matching.features import candidate_document, decode_fields, encode_fields
from nedmatch.matching.featuriser import TextNormaliser
from nedmatch.matching.profiles import CandidateProfile

# Below this many candidates, starting the processes (each loads the word lists, about a
# second) costs more than it saves.
PARALLEL_FROM: Final = 20_000
# Parts per process: a few, so that the processes finish together, but not many, since
# each part's n-grams are sent back and merged (a part of 500 CVs repeats most of them).
PARTS_PER_JOB: Final = 2


@dataclass
class PoolText:
    """What a fit reads from the pool, in the pool's order."""

    documents: list[str] = field(default_factory=list)
    fields: list[dict[str, str]] = field(default_factory=list)
    packed: list[str] = field(default_factory=list)
    normed: list[str] = field(default_factory=list)
    claims: list[frozenset[str]] = field(default_factory=list)
    # Each part's word counts, when a counter was given (see matching.counting).
    counted: list[Part] = field(default_factory=list)

    def extend(self, other: PoolText) -> None:
        self.documents += other.documents
        self.fields += other.fields
        self.packed += other.packed
        self.normed += other.normed
        self.claims += other.claims
        self.counted += other.counted


def reading_jobs(n_jobs: int | None, pool_size: int) -> int:
    """How many processes read a pool: ``n_jobs`` as scikit-learn reads it (-1 is every
    CPU), or, when None, every CPU for a pool of ``PARALLEL_FROM`` or more and one below."""
    cpus = os.cpu_count() or 1
    if n_jobs is None:
        return cpus if pool_size >= PARALLEL_FROM else 1
    if n_jobs < 0:
        return max(1, cpus + 1 + n_jobs)
    return max(1, n_jobs)


def read_pool(
    pool: Sequence[CandidateProfile],
    *,
    lemmatise: bool,
    n_jobs: int | None = None,
    counter: CountVectorizer | None = None,
) -> PoolText:
    """The pool's text, read in one process or several. With ``counter`` and more than one
    process, each part's word n-grams are counted where it was read."""
    jobs = reading_jobs(n_jobs, len(pool))
    if jobs == 1:
        return _read(pool, lemmatise, None)
    size = -(-len(pool) // (jobs * PARTS_PER_JOB))
    chunks = [pool[i : i + size] for i in range(0, len(pool), size)]
    parts = Parallel(n_jobs=jobs, backend="loky")(
        delayed(_read)(chunk, lemmatise, counter) for chunk in chunks
    )
    text = PoolText()
    for part in parts:
        text.extend(part)
    return text


def documents_of(pool: Sequence[CandidateProfile]) -> tuple[list[str], list[dict[str, str]]]:
    """Each candidate's document (for the vectorisers) and its text fields (for quoting)."""
    fields = [candidate.text_fields() for candidate in pool]
    documents = [candidate_document(f, c.skill_areas) for f, c in zip(fields, pool, strict=True)]
    return documents, fields


def _read(
    pool: Sequence[CandidateProfile], lemmatise: bool, counter: CountVectorizer | None
) -> PoolText:
    normaliser = TextNormaliser(lemmatise=lemmatise)
    documents, fields = documents_of(pool)
    packed = [encode_fields(f) for f in fields]
    text = PoolText(
        documents=documents,
        fields=fields,
        packed=packed,
        normed=[normaliser.normalise_one(document) for document in documents],
        claims=[claims_of_text(p, decode_fields) for p in packed],
    )
    if counter is not None:
        text.counted = [count_part(counter, text.normed)]
    return text
