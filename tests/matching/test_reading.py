"""A large pool's text is read by several processes, and a profile's reading is stored for
later fits: the fitted model must be the same however and whenever the text was read,
candidate for candidate."""

from __future__ import annotations

import dataclasses
import zlib
from pathlib import Path

import numpy as np
import pytest

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile, load, save
from nedmatch.matching import reading as reading_module
from nedmatch.matching.reading import PARALLEL_FROM, Reading, read_pool, reading_jobs, stored
from nedmatch.matching.synthetic import generate_candidates, generate_vacancies


def _pool() -> list[CandidateProfile]:
    return [c.profile for c in generate_candidates(240, seed=7)]


def _same_rankings(a: Ranker, b: Ranker, seed: int, vacancies: int, top_k: int) -> None:
    """Both models rank every vacancy alike: the same candidates with the same scores."""
    for spec in generate_vacancies(seed=seed)[:vacancies]:
        vacancy = VacancyProfile.from_text(spec.id, spec.text)
        first = [(m.candidate_id, round(m.score, 6)) for m in a.rank(vacancy, top_k=top_k)]
        second = [(m.candidate_id, round(m.score, 6)) for m in b.rank(vacancy, top_k=top_k)]
        assert first == second


def test_reading_in_two_processes_gives_the_same_text_in_the_same_order() -> None:
    pool = _pool()
    one = read_pool(pool, lemmatise=True, n_jobs=1)
    two = read_pool(pool, lemmatise=True, n_jobs=2)
    assert one == two
    assert len(one.packed) == len(one.claims) == len(one.normed) == len(pool)


def test_a_model_fitted_in_two_processes_ranks_as_one_fitted_in_one() -> None:
    pool = _pool()
    single = Ranker(n_jobs=1).fit(pool)
    parallel = Ranker(n_jobs=2).fit(pool)
    assert (single.index_.words_main != parallel.index_.words_main).nnz == 0
    assert np.array_equal(single.index_.rows.skills, parallel.index_.rows.skills)
    _same_rankings(single, parallel, seed=1, vacancies=3, top_k=20)


def test_a_model_fitted_from_counted_parts_saves_and_loads_as_it_ranks(tmp_path: Path) -> None:
    pool = _pool()
    parallel = Ranker(n_jobs=2).fit(pool)
    save(parallel, tmp_path)
    loaded = load(tmp_path)
    assert loaded.featuriser_.words_.vocabulary_ == parallel.featuriser_.words_.vocabulary_
    _same_rankings(parallel, loaded, seed=2, vacancies=2, top_k=10)


def test_small_pools_are_read_in_one_process_unless_asked() -> None:
    assert reading_jobs(None, PARALLEL_FROM - 1) == 1
    assert reading_jobs(None, PARALLEL_FROM) >= 1
    assert reading_jobs(1, 10**6) == 1
    assert reading_jobs(-1, 10) >= 1


def _read_profiles() -> list[CandidateProfile]:
    texts = [c.profile for c in generate_candidates(60, seed=11)]
    return [
        CandidateProfile.from_text(p.id, f"{p.current_role}\n{p.career_summary}\n{p.cv_text}")
        for p in texts
    ]


def test_a_fit_from_stored_readings_reads_nothing_and_is_the_fit_from_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pool = _read_profiles()
    assert all(stored(p) is not None for p in pool), "a profile read from a CV keeps its reading"
    cold = Ranker(n_jobs=1).fit([dataclasses.replace(p, reading=None) for p in pool])

    def no_reading(*args: object) -> None:
        raise AssertionError("read again although the stored reading was valid")

    monkeypatch.setattr(reading_module, "read", no_reading)
    warm = Ranker(n_jobs=1).fit(pool)
    assert warm.featuriser_.words_.vocabulary_ == cold.featuriser_.words_.vocabulary_
    assert (warm.index_.words_main != cold.index_.words_main).nnz == 0
    assert warm.index_.rows.fields == cold.index_.rows.fields
    _same_rankings(warm, cold, seed=3, vacancies=3, top_k=20)


def test_a_reading_is_used_only_for_the_words_and_identity_it_was_made_from() -> None:
    profile = CandidateProfile.from_text(1, "Director of Finance\nChartered accountant since 2004.")
    assert stored(profile) is profile.reading
    # A copy whose words changed keeps the old reading object, which must not be trusted.
    changed = dataclasses.replace(profile, cv_text="Consultant midwife since 2004.")
    assert changed.reading is profile.reading and stored(changed) is None
    assert "midwife" in changed.read().packed
    # The name scrubbed from the words is part of what was read.
    named = dataclasses.replace(profile, name="Finance Chartered")
    assert stored(named) is None
    # Read under other settings, it is read again.
    assert stored(profile, lemmatise=False) is None


def test_a_stored_reading_round_trips_and_anything_else_is_no_reading() -> None:
    profile = CandidateProfile.from_text(2, "Chair\nI chaired the board of a hospice charity.")
    reading = profile.read()
    assert Reading.from_bytes(reading.to_bytes()) == reading
    long = _read_profiles()[0].read()
    assert len(long.to_bytes()) < len((long.packed + long.normed).encode()) / 2
    for junk in (b"", None, b"\x78\x9cjunk", zlib.compress(b"[1, 2]"), zlib.compress(b"{}")):
        assert Reading.from_bytes(junk) is None
