"""A pool counted in parts and merged fits the same vectoriser, term for term and value
for value, as scikit-learn's TfidfVectorizer fitted on the whole pool at once."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from nedmatch.matching.counting import count_part, fit_from_parts, part_counter
from nedmatch.matching.featuriser import Featuriser
from nedmatch.matching.reading import read_pool
from nedmatch.matching.synthetic import generate_candidates


def _normed() -> list[str]:
    pool = [c.profile for c in generate_candidates(150, seed=11)]
    text = read_pool(pool, lemmatise=True, n_jobs=1)
    # Empty documents (cut at 70 and 71, a part holds only an empty one) and a document
    # that only a later part shares words with.
    return [*text.normed[:70], "", "zyxwv quartz", *text.normed[70:], "", "zyxwv quartz"]


def _split(docs: list[str], cuts: list[int]) -> list[list[str]]:
    edges = [0, *cuts, len(docs)]
    return [docs[a:b] for a, b in zip(edges, edges[1:], strict=False)]


@pytest.mark.parametrize("max_features", [None, 500, 3])
@pytest.mark.parametrize("cuts", [[], [40], [1, 72, 73, 140], [70, 71]])
def test_parts_merge_to_the_vectoriser_fitted_on_the_whole_pool(
    max_features: int | None, cuts: list[int]
) -> None:
    docs = _normed()
    featuriser = Featuriser(max_features=max_features)
    whole = featuriser.word_vectoriser(len(docs))
    expected = whole.fit_transform(docs)

    merged = featuriser.word_vectoriser(len(docs))
    counter = part_counter(merged)
    parts = [count_part(counter, part) for part in _split(docs, cuts)]
    matrix = fit_from_parts(merged, parts)

    assert merged.vocabulary_ == whole.vocabulary_
    assert np.array_equal(merged.idf_, whole.idf_)
    assert matrix.shape == expected.shape
    assert (matrix != expected).nnz == 0
    # The merged vectoriser reads new text as the whole-pool one does.
    new = ["chair of the audit committee zyxwv", "quartz"]
    assert (merged.transform(new) != whole.transform(new)).nnz == 0


def test_a_term_in_one_document_of_each_of_two_parts_is_kept_at_min_df_two() -> None:
    docs = ["alpha beta", "gamma delta", "alpha epsilon", "gamma zeta"] * 30
    docs += ["rareword once", "common words", "rareword twice", "common words"]
    whole = TfidfVectorizer(min_df=2, max_df=0.5)
    whole.fit(docs)
    merged = TfidfVectorizer(min_df=2, max_df=0.5)
    counter = part_counter(merged)
    fit_from_parts(merged, [count_part(counter, docs[:-2]), count_part(counter, docs[-2:])])
    assert "rareword" in merged.vocabulary_
    assert merged.vocabulary_ == whole.vocabulary_


def test_pruning_everything_says_what_to_change() -> None:
    merged = TfidfVectorizer(min_df=5)
    counter = part_counter(merged)
    with pytest.raises(ValueError, match="no terms remain"):
        parts = [count_part(counter, ["one two", "three"] * 3), count_part(counter, [""])]
        fit_from_parts(merged, parts)
