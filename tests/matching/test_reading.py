"""A large pool's text is read by several processes: the fitted model must be the same
as one read in a single process, candidate for candidate."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile, load, save
from nedmatch.matching.reading import PARALLEL_FROM, read_pool, reading_jobs
from nedmatch.matching.synthetic import generate_candidates, generate_vacancies


def _pool() -> list[CandidateProfile]:
    return [c.profile for c in generate_candidates(240, seed=7)]


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
    for spec in generate_vacancies(seed=1)[:3]:
        vacancy = VacancyProfile.from_text(spec.id, spec.text)
        a = [(m.candidate_id, round(m.score, 6)) for m in single.rank(vacancy, top_k=20)]
        b = [(m.candidate_id, round(m.score, 6)) for m in parallel.rank(vacancy, top_k=20)]
        assert a == b


def test_a_model_fitted_from_counted_parts_saves_and_loads_as_it_ranks(tmp_path: Path) -> None:
    pool = _pool()
    parallel = Ranker(n_jobs=2).fit(pool)
    save(parallel, tmp_path)
    loaded = load(tmp_path)
    assert loaded.featuriser_.words_.vocabulary_ == parallel.featuriser_.words_.vocabulary_
    for spec in generate_vacancies(seed=2)[:2]:
        vacancy = VacancyProfile.from_text(spec.id, spec.text)
        a = [(m.candidate_id, round(m.score, 6)) for m in parallel.rank(vacancy, top_k=10)]
        b = [(m.candidate_id, round(m.score, 6)) for m in loaded.rank(vacancy, top_k=10)]
        assert a == b


def test_small_pools_are_read_in_one_process_unless_asked() -> None:
    assert reading_jobs(None, PARALLEL_FROM - 1) == 1
    assert reading_jobs(None, PARALLEL_FROM) >= 1
    assert reading_jobs(1, 10**6) == 1
    assert reading_jobs(-1, 10) >= 1
