"""The ranker's design promises: scikit-learn's estimator rules, readers safe beside
writers, and small modules."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

import nedmatch.matching as matching_package
from nedmatch.matching import CandidateProfile, Ranker, criteria
from nedmatch.matching.featuriser import Featuriser, LatentSpace, TextNormaliser

from .conftest import AUDIT_CHAIR, CLINICAL, POOL

_DOCS = [
    "Chartered accountant who chaired the audit committee of a housing association.",
    "Consultant physician and medical director leading clinical governance.",
    "Chief information officer who led an electronic patient record rollout.",
    "Charity chief executive running a food bank and volunteer network.",
    "Solicitor advising on employment law and litigation for public bodies.",
]


@pytest.mark.parametrize(
    "estimator",
    [
        Ranker(min_df=1, max_df=1.0, lsa_weight=0.5, n_components=3, text_scale=0.3),
        Featuriser(min_df=1, max_df=1.0, n_components=2, lemmatise=False),
        TextNormaliser(lemmatise=False),
        LatentSpace(n_components=2, sample=10),
    ],
    ids=lambda e: type(e).__name__,
)
def test_parameters_round_trip_through_get_set_params_and_clone(estimator) -> None:
    params = estimator.get_params()
    # __init__ only stores: every parameter reads back as given, and clone keeps them.
    twin = clone(estimator)
    assert twin.get_params() == params
    assert twin is not estimator
    first = next(iter(params))
    twin.set_params(**{first: params[first]})
    assert twin.get_params() == params
    # Nothing learned exists before fit, and nothing learned is a parameter.
    assert not [k for k in vars(estimator) if k.endswith("_") and not k.startswith("_")]


def test_ranker_constructor_only_stores_its_parameters() -> None:
    ranker = Ranker(text_scale=0.4, gap_boost=2.0)
    assert vars(ranker) == ranker.get_params()


def test_fit_sets_learned_attributes_and_clone_drops_them() -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    assert hasattr(ranker, "featuriser_") and hasattr(ranker, "index_")
    twin = clone(ranker)
    assert not hasattr(twin, "index_")
    assert twin.get_params() == ranker.get_params()
    # Fitting twice on the same pool gives the same ranking (deterministic).
    again = twin.fit(POOL)
    assert [m.score for m in again.rank(AUDIT_CHAIR)] == [m.score for m in ranker.rank(AUDIT_CHAIR)]


def test_featuriser_pipeline_holds_every_step_and_transforms_end_to_end() -> None:
    featuriser = Featuriser(min_df=1, max_df=1.0, n_components=2).fit(_DOCS)
    pipeline = featuriser.pipeline_
    assert list(pipeline.named_steps) == ["normalise", "features", "lsa"]
    assert featuriser.get_feature_names_out()[-1] == "lsa__component1"
    blocks = featuriser.transform(_DOCS[:2])
    assert blocks.words.shape[0] == 2 and blocks.lsa is not None and blocks.lsa.shape == (2, 2)


def test_estimator_checks_where_they_apply() -> None:
    """scikit-learn's own checks for the stateless and numeric steps (the text steps take
    strings, which the generic checks do not feed)."""
    from sklearn.utils.estimator_checks import (
        check_get_params_invariance,
        check_no_attributes_set_in_init,
    )

    for estimator in (LatentSpace(n_components=2, sample=50), TextNormaliser(), Ranker()):
        name = type(estimator).__name__
        check_no_attributes_set_in_init(name, estimator)
        check_get_params_invariance(name, estimator)


def _candidate(i: int) -> CandidateProfile:
    return CandidateProfile(
        id=f"new{i}",
        current_role="Chartered accountant" if i % 2 else "Consultant physician",
        career_summary=f"Candidate {i} chaired an audit committee and led clinical governance.",
        skill_areas=["accountancy"] if i % 2 else ["clinical-medicine"],
    )


def test_rank_beside_add_and_remove_in_threads_never_fails() -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    errors: list[BaseException] = []
    calls = {"rank": 0, "write": 0}
    stop = threading.Event()

    def writer() -> None:
        i = 0
        try:
            while not stop.is_set():
                # Adds, replacements and removals over 150 ids: the pool changes all the
                # time but stays small, so the 450 ranks stay quick.
                ranker.add(_candidate(i % 150))
                if i % 3 == 0:
                    ranker.remove(f"new{(i - 1) % 150}")
                calls["write"] += 1
                i += 1
                time.sleep(0.001)  # let the readers run between writes, as requests would
        except BaseException as exc:  # noqa: BLE001 - any failure is what the test looks for
            errors.append(exc)

    def reader(vacancy) -> None:
        try:
            for i in range(150):
                matches = ranker.rank(vacancy, top_k=20)
                assert matches, "a ranking of a non-empty pool is never empty"
                ids = [m.candidate_id for m in matches]
                assert len(ids) == len(set(ids))
                if i % 10 == 0:
                    ranker.assess(vacancy, ids).explain(ids[:3])
                calls["rank"] += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer)]
    threads += [
        threading.Thread(target=reader, args=(v,)) for v in (AUDIT_CHAIR, CLINICAL, AUDIT_CHAIR)
    ]
    for thread in threads[1:]:
        thread.start()
    threads[0].start()
    for thread in threads[1:]:
        thread.join()
    stop.set()
    threads[0].join()
    assert not errors, errors[:3]
    assert calls["rank"] == 450
    assert calls["write"] > 0


def test_a_reader_keeps_its_snapshot_while_the_pool_changes() -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    before = ranker.index_
    ranker.add(_candidate(1))
    ranker.remove("acct")
    assert "acct" in before and "new1" not in before
    assert len(before) == len(POOL)
    assert len(before.rows.ids) == len(before.rows.fields) == len(POOL)
    assert "acct" not in ranker and "new1" in ranker
    assert before.rows.fields[before.position["acct"]], "the old snapshot was not changed"


def test_added_rows_do_not_disturb_an_older_snapshot_buffer() -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    ranker.add(_candidate(1))
    older = ranker.index_
    confidence = older.rows.confidence.copy()
    for i in range(2, 40):
        ranker.add(_candidate(i))
    assert np.array_equal(older.rows.confidence, confidence)
    assert len(older.rows.confidence) == len(POOL) + 1


def test_criterion_claims_are_worked_out_at_fit_and_on_add_not_on_a_rank(monkeypatch) -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    ranker.add(_candidate(1))
    ranker.add(_candidate(2))
    assert criteria.postings_for(ranker).rows == ranker.index_.n_rows

    def no_reading(fields):
        raise AssertionError("a candidate's claims were worked out during a rank")

    # Scoring every candidate (no explanation asked for) reads no CV: the claims are ready.
    monkeypatch.setattr(criteria.pool, "text_claims", no_reading)
    assessment = ranker.assess(AUDIT_CHAIR, ranker.candidate_ids)
    assert len(assessment) == len(POOL) + 2
    assert assessment.meets_of("acct") is True


def test_every_module_of_the_ranker_is_under_400_lines() -> None:
    folder = Path(matching_package.__file__).parent
    for name in ("model", "featuriser", "index", "scorer", "explainer", "words", "persistence"):
        lines = (folder / f"{name}.py").read_text().count("\n")
        assert lines < 400, f"{name}.py has {lines} lines"


def test_every_module_of_the_matching_package_is_under_400_lines() -> None:
    folder = Path(matching_package.__file__).parent
    modules = sorted(folder.rglob("*.py"))
    assert folder / "criteria" / "parse.py" in modules  # sub-packages are counted too
    for path in modules:
        lines = path.read_text().count("\n")
        assert lines < 400, f"{path.relative_to(folder)} has {lines} lines"
