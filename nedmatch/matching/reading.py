"""Reading a pool's text for a fit: each candidate's own words, scrubbed of identity and
disclosures, as one document and as the normalised tokens the vectorisers count.

This is most of a fit's time and each candidate's reading is independent of the others,
so a large pool is read by several processes (joblib's loky backend, as scikit-learn
uses). Every process runs the same functions on the same text, so the result is the
same as reading in one (tests/matching/test_reading.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Final

from joblib import Parallel, delayed

from nedmatch.matching.features import candidate_document
from nedmatch.matching.featuriser import TextNormaliser
from nedmatch.matching.profiles import CandidateProfile

# Below this many candidates, starting the processes (each loads the word lists, about a
# second) costs more than it saves.
PARALLEL_FROM: Final = 20_000
CHUNK: Final = 500


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
    pool: Sequence[CandidateProfile], *, lemmatise: bool, n_jobs: int | None = None
) -> tuple[list[str], list[dict[str, str]], list[str]]:
    """(documents, text fields, normalised documents), in the pool's order."""
    jobs = reading_jobs(n_jobs, len(pool))
    if jobs == 1:
        parts = [_read(pool, lemmatise)]
    else:
        chunks = [pool[i : i + CHUNK] for i in range(0, len(pool), CHUNK)]
        parts = Parallel(n_jobs=jobs, backend="loky")(
            delayed(_read)(chunk, lemmatise) for chunk in chunks
        )
    documents, fields, normed = [], [], []
    for part_documents, part_fields, part_normed in parts:
        documents += part_documents
        fields += part_fields
        normed += part_normed
    return documents, fields, normed


def documents_of(pool: Sequence[CandidateProfile]) -> tuple[list[str], list[dict[str, str]]]:
    """Each candidate's document (for the vectorisers) and its text fields (for quoting)."""
    fields = [candidate.text_fields() for candidate in pool]
    documents = [candidate_document(f, c.skill_areas) for f, c in zip(fields, pool, strict=True)]
    return documents, fields


def _read(
    pool: Sequence[CandidateProfile], lemmatise: bool
) -> tuple[list[str], list[dict[str, str]], list[str]]:
    normaliser = TextNormaliser(lemmatise=lemmatise)
    documents, fields = documents_of(pool)
    normed = [normaliser.normalise_one(document)[0] for document in documents]
    return documents, fields, normed
