"""The model registry: one owner for the loaded model, whose cached results never outlive
the model state they were worked out from."""

from __future__ import annotations

import threading
from pathlib import Path

from nedmatch.matching import CandidateProfile, Ranker
from nedmatch.matching.registry import ModelRegistry

from .conftest import POOL


def make_candidate(candidate_id: str, summary: str) -> CandidateProfile:
    return CandidateProfile(id=candidate_id, current_role="", career_summary=summary)


def _small() -> Ranker:
    return Ranker(min_df=1, max_df=1.0)


def test_a_result_is_worked_out_once_per_model_state(tmp_path: Path) -> None:
    models = ModelRegistry(tmp_path, ranker_factory=_small)
    models.load_or_fit(lambda: POOL)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert models.cached("k", compute) == 1
    assert models.cached("k", compute) == 1, "the same state and key: computed once"
    assert models.cached("other", compute) == 2

    # A candidate added changes the state: nothing cached before is read after.
    assert models.add(make_candidate("new", "Chartered accountant and audit chair."))
    assert models.cached("k", compute) == 3


def test_a_newer_saved_model_is_a_new_version(tmp_path: Path) -> None:
    models = ModelRegistry(tmp_path, ranker_factory=_small)
    models.load_or_fit(lambda: POOL)
    first = models.version
    assert first is not None
    assert models.cached("k", lambda: "old") == "old"

    # Another process publishes a refit into the folder; this one reloads it.
    other = ModelRegistry(tmp_path, ranker_factory=_small)
    other.refit(lambda: POOL)
    assert other.version not in (None, first)
    models.reload()
    assert models.version == other.version
    assert models.cached("k", lambda: "new") == "new"


def test_an_erasure_saves_a_new_version_without_the_person(tmp_path: Path) -> None:
    models = ModelRegistry(tmp_path, ranker_factory=_small)
    models.load_or_fit(lambda: POOL)
    before = models.version
    removed = POOL[0].id
    assert models.remove(removed) is True
    assert models.version != before
    reloaded = ModelRegistry(tmp_path).load()
    assert reloaded is not None and removed not in reloaded


def test_no_model_means_none_and_nothing_added(tmp_path: Path) -> None:
    models = ModelRegistry(tmp_path / "empty")
    assert models.load() is None
    assert models.add(make_candidate("x", "Anything")) is False
    assert models.remove("x") is False
    assert models.save() is False


def test_results_and_adds_from_threads(tmp_path: Path) -> None:
    models = ModelRegistry(tmp_path, ranker_factory=_small)
    models.load_or_fit(lambda: POOL)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for i in range(50):
                models.cached(i % 5, lambda: models.state)
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    def writer() -> None:
        try:
            for i in range(20):
                models.add(make_candidate(f"t{i}", "Finance director of an NHS trust."))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert models.state[1] == 20
