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
from nedmatch.matching.featuriser import TextNormaliser, concept_parts_of
from nedmatch.matching.profiles import CandidateProfile

# Below this many candidates, starting the processes (each loads the word lists, about a
# second) costs more than it saves.
PARALLEL_FROM: Final = 20_000
# Parts per process: a few, so that the processes finish together, but not many, since
# each part's n-grams are sent back and merged (a part of 500 CVs repeats most of them).
PARTS_PER_JOB: Final = 2


@dataclass
class PoolText:
    """What a fit reads from the pool, in the pool's order.

    Only what the fit keeps crosses from a reading process: each candidate's packed
    fields (quoted in explanations), word count, criterion claims and concept tokens,
    and the part's word counts; the documents themselves stay where they were read.
    """

    packed: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    claims: list[frozenset[str]] = field(default_factory=list)
    concept_parts: list[str] = field(default_factory=list)
    # Read in one process: the normalised documents, for the vectoriser to count.
    normed: list[str] = field(default_factory=list)
    # Read in several: each part's word counts (see matching.counting).
    counted: list[Part] = field(default_factory=list)

    def extend(self, other: PoolText) -> None:
        self.packed += other.packed
        self.words += other.words
        self.claims += other.claims
        self.concept_parts += other.concept_parts
        self.normed += other.normed
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
    process, each part's word n-grams are counted where it was read (and the normalised
    documents are not sent back)."""
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


def documents_of(pool: Sequence[CandidateProfile]) -> tuple[list[str], list[str], list[int]]:
    """Each candidate's document (for the vectorisers), its text fields packed (for
    quoting and criterion claims) and how many words they hold."""
    fields = [candidate.text_fields() for candidate in pool]
    documents = [candidate_document(f, c.skill_areas) for f, c in zip(fields, pool, strict=True)]
    packed = [encode_fields(f) for f in fields]
    words = [sum(len(t.split()) for t in f.values()) for f in fields]
    return documents, packed, words


def _read(
    pool: Sequence[CandidateProfile], lemmatise: bool, counter: CountVectorizer | None
) -> PoolText:
    normaliser = TextNormaliser(lemmatise=lemmatise)
    documents, packed, words = documents_of(pool)
    normed = [normaliser.normalise_one(document) for document in documents]
    text = PoolText(
        packed=packed,
        words=words,
        claims=[claims_of_text(p, decode_fields) for p in packed],
        concept_parts=concept_parts_of(normed),
    )
    if counter is None:
        text.normed = normed
    else:
        text.counted = [count_part(counter, normed)]
    return text
