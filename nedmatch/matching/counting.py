"""Counting a large pool's word n-grams in parts, then one vocabulary and one TF-IDF.

scikit-learn's ``TfidfVectorizer`` counts every document in one Python loop, which is
most of a fit's time on 100,000 CV-length texts. Counting is independent per document,
so each reading process counts its own part with a ``CountVectorizer`` (every n-gram it
sees), and the parts are merged here: document frequencies are summed over the parts, and
the pruning (``min_df``, ``max_df``, ``max_features``) and the IDF are scikit-learn's own
rules applied to the pool's totals. The result is the vectoriser and matrix a single
``TfidfVectorizer.fit_transform`` gives on the same documents (tests/matching/
test_counting.py checks it term for term and value for value).
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

# One part's counts: its n-grams (sorted, as CountVectorizer gives them) and its matrix.
Part = tuple[np.ndarray, sp.csr_matrix]


def part_counter(vectoriser: TfidfVectorizer) -> CountVectorizer:
    """A counter that reads text exactly as ``vectoriser`` does and keeps every n-gram."""
    params = {
        name: value
        for name, value in vectoriser.get_params().items()
        if name in CountVectorizer().get_params()
    }
    params.update(min_df=1, max_df=1.0, max_features=None, vocabulary=None)
    return CountVectorizer(**params)


def count_part(counter: CountVectorizer, documents: Sequence[str]) -> Part:
    """Every n-gram of one part of the pool, with its counts per document."""
    try:
        counts = counter.fit_transform(documents)
    except ValueError:  # a part of no documents, or of empty ones: no n-gram at all
        return np.array([], dtype=object), sp.csr_matrix((len(documents), 0), dtype=counter.dtype)
    return counter.get_feature_names_out(), counts.tocsr()


def fit_from_parts(vectoriser: TfidfVectorizer, parts: Sequence[Part]) -> sp.csr_matrix:
    """Fit ``vectoriser`` (unfitted) from counted parts in pool order; return the TF-IDF
    matrix of the whole pool, as ``vectoriser.fit_transform`` would."""
    ids: dict[str, int] = {}
    part_ids = []
    for terms, _ in parts:
        part_ids.append(
            np.fromiter(
                (ids.setdefault(term, len(ids)) for term in terms), dtype=np.int64, count=len(terms)
            )
        )
    n_docs = sum(counts.shape[0] for _, counts in parts)
    df = np.zeros(len(ids), dtype=np.int64)
    for (_, counts), where in zip(parts, part_ids, strict=True):
        df[where] += np.bincount(counts.indices, minlength=counts.shape[1])
    max_df, min_df = vectoriser.max_df, vectoriser.min_df
    high = float(max_df if isinstance(max_df, Integral) else max_df * n_docs)
    low = float(min_df if isinstance(min_df, Integral) else min_df * n_docs)
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    kept = np.flatnonzero((df >= low) & (df <= high))
    # scikit-learn's order: terms sorted, then the most frequent ``max_features`` kept.
    names = np.array(list(ids), dtype=object)[kept]
    alphabetical = np.argsort(names, kind="stable")
    kept, names = kept[alphabetical], names[alphabetical]
    limit = vectoriser.max_features
    if limit is not None and len(kept) > limit:
        totals = np.zeros(len(ids), dtype=np.float64)
        for (_, counts), where in zip(parts, part_ids, strict=True):
            totals[where] += np.asarray(counts.sum(axis=0)).ravel()
        chosen = np.sort((-totals[kept]).argsort()[:limit])
        kept, names = kept[chosen], names[chosen]
    if not len(kept):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    column = np.full(len(ids), -1, dtype=np.int64)
    column[kept] = np.arange(len(kept))
    blocks = []
    for (_, counts), where in zip(parts, part_ids, strict=True):
        local = column[where]
        present = np.flatnonzero(local >= 0)
        block = counts[:, present].tocsr()
        block = sp.csr_matrix(
            (block.data, local[present][block.indices], block.indptr),
            shape=(counts.shape[0], len(kept)),
            dtype=vectoriser.dtype,
        )
        block.sort_indices()
        blocks.append(block)
    counts = sp.vstack(blocks, format="csr")
    tfidf = TfidfTransformer(
        norm=vectoriser.norm,
        use_idf=vectoriser.use_idf,
        smooth_idf=vectoriser.smooth_idf,
        sublinear_tf=vectoriser.sublinear_tf,
    ).fit(counts)
    vectoriser.vocabulary_ = {str(name): i for i, name in enumerate(names)}
    vectoriser.idf_ = tfidf.idf_
    return tfidf.transform(counts, copy=False).tocsr()
