from __future__ import annotations

import pytest

from nedmatch.matching.evaluation import (
    Benchmark,
    FtsBaseline,
    Variant,
    average_precision_at_k,
    evaluate,
    ndcg_at_k,
)
from nedmatch.matching.synthetic import SPECIALISMS, generate_candidates, relevance


@pytest.mark.parametrize(
    ("ranked", "relevant", "expected"),
    [
        (["a", "b", "c"], {"a", "b"}, 1.0),
        (["x", "a", "b"], {"a", "b"}, (1 / 2 + 2 / 3) / 2),
        (["x", "y"], {"a"}, 0.0),
    ],
)
def test_average_precision(ranked: list[str], relevant: set[str], expected: float) -> None:
    assert average_precision_at_k(ranked, relevant, k=10) == pytest.approx(expected)


def test_ndcg_prefers_full_fits_first() -> None:
    grades = {"full": 2, "part": 1}
    assert ndcg_at_k(["full", "part"], grades) == pytest.approx(1.0)
    assert ndcg_at_k(["part", "full"], grades) < 1.0
    assert ndcg_at_k(["none"], grades) == 0.0


def test_fts_baseline_finds_matching_words() -> None:
    baseline = FtsBaseline({1: "chartered accountant", 2: "consultant surgeon"})
    try:
        assert baseline.search("accountants wanted", 5) == [1]
        assert baseline.search('a "quoted" query; with OR syntax', 5) == []
    finally:
        baseline.close()


def test_splits_use_different_wording() -> None:
    dev = {c.text.split("\n", 1)[1] for c in generate_candidates(50, seed=1, split="dev")}
    test = {c.text.split("\n", 1)[1] for c in generate_candidates(50, seed=1, split="test")}
    dev_sentences = {s for text in dev for s in text.split(". ")}
    test_sentences = {s for text in test for s in text.split(". ")}
    specialist = {s.rstrip(".") for spec in SPECIALISMS for s in spec.sentences}
    assert not (dev_sentences & test_sentences & specialist)


def test_relevance_grades() -> None:
    candidate = next(iter(generate_candidates(1, seed=3)))
    from nedmatch.matching.synthetic import generate_vacancies

    same = [v for v in generate_vacancies(seed=3) if v.specialism == candidate.primary]
    assert any(relevance(v, candidate) >= 1 for v in same)


def test_model_beats_bm25_on_a_small_benchmark() -> None:
    bench = Benchmark.build("dev", 280, seed=5)
    rows = evaluate(bench, [Variant("model", {"min_df": 1})])
    (_, bm25_map, bm25_ndcg), (_, model_map, model_ndcg) = rows
    assert 0.0 <= bm25_map <= 1.0 and 0.0 <= model_ndcg <= 1.0
    assert model_ndcg > bm25_ndcg
