"""Reading candidates' text for a fit: each candidate's own words, scrubbed of identity and
disclosures, as one document, as the normalised tokens the vectorisers count, and as the
criterion claims its sentences make.

Reading is most of a fit's time, and a candidate's reading depends only on their profile
and on the reading rules, never on the rest of the pool. So it is done once, when a profile
is made (``CandidateProfile.from_text``, or the web app when a candidate saves, which stores
it with the candidate), and kept as a ``Reading``; a fit then only counts. A reading is
used only while its key matches: the profile's words and the fingerprint of the code that
reads them, so a changed profile or a change to the rules is read again, never trusted.
Profiles with no valid reading are read in the fit, by several processes for a large
pool (joblib's loky backend, as scikit-learn uses). Every process runs the same functions
on the same text, so the result is the same whoever read it (tests/matching/
test_reading.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from joblib import Parallel, delayed
from sklearn.feature_extraction.text import CountVectorizer

from nedmatch.matching.counting import Part, count_part
from nedmatch.matching.criteria.pool import RULES_VERSION, claims_of_text
from nedmatch.matching.features import candidate_document, decode_fields, encode_fields
from nedmatch.matching.featuriser import TextNormaliser, concept_parts_of
from nedmatch.matching.fingerprint import source_fingerprint

if TYPE_CHECKING:
    from nedmatch.matching.profiles import CandidateProfile

T = TypeVar("T")

# Below this many candidates to read or count, starting the processes (each loads the word
# lists, about a second) costs more than it saves.
PARALLEL_FROM: Final = 20_000
# Parts per process: a few, so that the processes finish together, but not many, since
# each part's n-grams are sent back and merged (a part of 500 CVs repeats most of them).
PARTS_PER_JOB: Final = 2


def _reading_version() -> str:
    """A fingerprint of the code that reads a candidate's text (identity, disclosures,
    wording, inference, features): a pool read under other rules is read again, never
    served, so a fix to what counts as a name or a disclosure reaches every candidate."""
    base = Path(__file__).parent
    modules = [*sorted(base.glob("text/*.py"))]
    modules += [base / f"{n}.py" for n in ("profiles", "inference", "features", "featuriser")]
    modules += [base / f"{n}.py" for n in ("lexicon", "words", "keywords", "reading")]
    return source_fingerprint(modules)


READING_VERSION: Final = _reading_version()


@dataclass(frozen=True)
class Reading:
    """One candidate's text as a fit uses it.

    ``packed``: the scrubbed fields (quoted in explanations, read for criterion claims);
    ``words``: how many words they hold; ``claims``: the criterion claims of their
    sentences; ``normed``: the normalised document the vectorisers count.
    """

    key: str
    packed: str
    words: int
    claims: frozenset[str]
    normed: str

    def to_bytes(self) -> bytes:
        """Compressed, for storing with the candidate (about three quarters of the size of
        the text it was read from)."""
        data = [self.key, self.packed, self.words, sorted(self.claims), self.normed]
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6)

    @classmethod
    def from_bytes(cls, data: bytes | None) -> Reading | None:
        """A stored reading, or None when there is none or it cannot be read (it is then
        read again from the profile)."""
        if not data:
            return None
        try:
            key, packed, words, claims, normed = json.loads(zlib.decompress(data))
        except (zlib.error, ValueError, TypeError):
            return None
        if not (isinstance(key, str) and isinstance(packed, str) and isinstance(normed, str)):
            return None
        return cls(key, packed, int(words), frozenset(map(str, claims)), normed)


def reading_key(profile: CandidateProfile, lemmatise: bool = True) -> str:
    """What a reading depends on: the profile's words, the identity scrubbed from them, and
    the code and rules that read them."""
    content = [
        READING_VERSION,
        RULES_VERSION,
        lemmatise,
        profile.typed,
        profile.current_role,
        profile.career_summary,
        sorted(profile.competency_evidence.items()),
        profile.cv_text,
        list(profile.skill_areas),
        [profile.name, profile.email, profile.phone, profile.postcode],
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:32]


_NORMALISERS: dict[bool, TextNormaliser] = {}


def _text_of(profile: CandidateProfile) -> tuple[str, str, int]:
    """A profile's document (for the vectorisers), its text fields packed (for quoting and
    criterion claims) and how many words they hold."""
    fields = profile.text_fields()
    words = sum(len(t.split()) for t in fields.values())
    return candidate_document(fields, profile.skill_areas), encode_fields(fields), words


def read(profile: CandidateProfile, lemmatise: bool = True, key: str | None = None) -> Reading:
    """Read one profile now (``key``: its ``reading_key``, when already worked out)."""
    normaliser = _NORMALISERS.get(lemmatise)
    if normaliser is None:
        normaliser = _NORMALISERS.setdefault(lemmatise, TextNormaliser(lemmatise=lemmatise))
    document, packed, words = _text_of(profile)
    return Reading(
        key=key or reading_key(profile, lemmatise),
        packed=packed,
        words=words,
        claims=claims_of_text(packed, decode_fields),
        normed=normaliser.normalise_one(document),
    )


def stored(profile: CandidateProfile, lemmatise: bool = True) -> Reading | None:
    """The profile's own reading, if it has one that is still valid."""
    reading = profile.reading
    if isinstance(reading, Reading) and reading.key == reading_key(profile, lemmatise):
        return reading
    return None


def reading_of(profile: CandidateProfile, lemmatise: bool = True) -> Reading:
    """The profile's valid reading, read now if it has none (its key worked out once)."""
    if profile.reading is None:
        return read(profile, lemmatise)
    key = reading_key(profile, lemmatise)
    reading = profile.reading
    return reading if reading.key == key else read(profile, lemmatise, key)


@dataclass
class PoolText:
    """What a fit reads from the pool, in the pool's order: each candidate's packed fields,
    word count and criterion claims, their concept tokens, and either the normalised
    documents (counted by the vectoriser) or their word n-grams counted in parts."""

    packed: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    claims: list[frozenset[str]] = field(default_factory=list)
    concept_parts: list[str] = field(default_factory=list)
    normed: list[str] = field(default_factory=list)
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


def _chunks(items: Sequence[T], jobs: int) -> list[Sequence[T]]:
    size = -(-len(items) // (jobs * PARTS_PER_JOB))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _read_each(profiles: Sequence[CandidateProfile], lemmatise: bool) -> list[Reading]:
    return [read(p, lemmatise) for p in profiles]


def read_many(
    profiles: Sequence[CandidateProfile], *, lemmatise: bool = True, n_jobs: int = 1
) -> list[Reading]:
    """Read every profile now, in order, by ``n_jobs`` processes."""
    if n_jobs <= 1 or len(profiles) < 2:
        return _read_each(profiles, lemmatise)
    parts = Parallel(n_jobs=n_jobs, backend="loky")(
        delayed(_read_each)(chunk, lemmatise) for chunk in _chunks(profiles, n_jobs)
    )
    return [reading for part in parts for reading in part]


def read_all(
    pool: Sequence[CandidateProfile], *, lemmatise: bool = True, n_jobs: int | None = None
) -> list[Reading]:
    """Every profile's reading, in order: its own where still valid, the rest read now (by
    several processes when there are many)."""
    readings = [stored(p, lemmatise) for p in pool]
    missing = [i for i, r in enumerate(readings) if r is None]
    fresh = read_many(
        [pool[i] for i in missing],
        lemmatise=lemmatise,
        n_jobs=reading_jobs(n_jobs, len(missing)),
    )
    for i, reading in zip(missing, fresh, strict=True):
        readings[i] = reading
    return readings  # type: ignore[return-value]


def read_pool(
    pool: Sequence[CandidateProfile],
    *,
    lemmatise: bool,
    n_jobs: int | None = None,
    counter: CountVectorizer | None = None,
) -> PoolText:
    """The pool's text for a fit, in one process or several. With ``counter`` and more than
    one process, each part's word n-grams are counted where it was read, so only the
    counts come back (not the normalised documents)."""
    jobs = reading_jobs(n_jobs, len(pool))
    if jobs == 1:
        return _read_part(pool, lemmatise, None)
    parts = Parallel(n_jobs=jobs, backend="loky")(
        delayed(_read_part)(chunk, lemmatise, counter) for chunk in _chunks(pool, jobs)
    )
    text = PoolText()
    for part in parts:
        text.extend(part)
    return text


def _read_part(
    pool: Sequence[CandidateProfile], lemmatise: bool, counter: CountVectorizer | None
) -> PoolText:
    readings = [reading_of(p, lemmatise) for p in pool]
    normed = [r.normed for r in readings]
    text = PoolText(
        packed=[r.packed for r in readings],
        words=[r.words for r in readings],
        claims=[r.claims for r in readings],
        concept_parts=concept_parts_of(normed),
    )
    if counter is None:
        text.normed = normed
    else:
        text.counted = [count_part(counter, normed)]
    return text


def documents_of(pool: Sequence[CandidateProfile]) -> tuple[list[str], list[str], list[int]]:
    """Each candidate's document (for the vectorisers), its text fields packed (for
    quoting and criterion claims) and how many words they hold."""
    documents, packed, words = zip(*map(_text_of, pool), strict=True) if pool else ((), (), ())
    return list(documents), list(packed), list(words)
