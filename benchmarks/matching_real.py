"""Ranking quality and criterion verdicts on real public texts, beside TF-IDF and BM25.

Run from the repository root:  python -m benchmarks.matching_real [--cv-csv PATH]

The NED set (benchmarks/data/ned_real/, described in docs/evaluation.md) holds public NHS
NED adverts and board biographies that nobody on the project wrote, labelled by judgement
before any ranker was run on them. This prints, for the project's model and two plain
baselines over exactly the same texts:

- MAP (a relevance grade of 2 is relevant) and nDCG@10 (graded) over the adverts, with
  bootstrap 95% confidence intervals over adverts, and the paired difference
  model-minus-baseline with its interval;
- with --cv-csv, leave-one-out MAP@10 on a CV set: every CV is a query, the rest of the
  set the pool, a CV of the same profession relevant;
- precision and recall of the model's criterion verdicts against the labelled sentences
  and against the criterion cases. A verdict "possible" (if the model gives one) is not
  "met": it counts against recall, never for precision, and is counted separately.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from benchmarks.real_data import CriterionCase, RealSet, load
from nedmatch.matching.evaluation import average_precision_at_k, document_text, ndcg_at_k
from nedmatch.matching.model import Ranker
from nedmatch.matching.profiles import CandidateProfile, VacancyProfile

MODEL = "model (nedmatch Ranker)"
TFIDF = "TF-IDF cosine (scikit-learn)"
BM25 = "BM25 (k1=1.5, b=0.75)"

Rankings = dict[str, list[Any]]


# ----------------------------------------------------------------------------- rankers


class TfidfRanker:
    """Plain scikit-learn TF-IDF cosine: the baseline any ranker must beat."""

    def __init__(self, documents: dict[Any, str]) -> None:
        self.ids = list(documents)
        self.vectoriser = TfidfVectorizer(sublinear_tf=True, stop_words="english")
        self.matrix = self.vectoriser.fit_transform(documents[i] for i in self.ids)

    def scores(self, query: str) -> np.ndarray:
        q = self.vectoriser.transform([query])
        return np.asarray((self.matrix @ q.T).toarray()).ravel()


class Bm25Ranker:
    """Okapi BM25 over scikit-learn's CountVectorizer (rank_bm25 is not a dependency)."""

    def __init__(self, documents: dict[Any, str], k1: float = 1.5, b: float = 0.75) -> None:
        self.ids = list(documents)
        self.vectoriser = CountVectorizer(stop_words="english")
        tf = self.vectoriser.fit_transform(documents[i] for i in self.ids).tocsc().astype(float)
        n_docs = tf.shape[0]
        doc_len = np.asarray(tf.sum(axis=1)).ravel()
        df = np.diff(tf.indptr)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        norm = k1 * (1 - b + b * doc_len / max(doc_len.mean(), 1e-9))
        tf = tf.tocoo()
        weights = tf.data * (k1 + 1) / (tf.data + norm[tf.row])
        self.weights = type(tf)((weights, (tf.row, tf.col)), shape=tf.shape).tocsr()

    def scores(self, query: str) -> np.ndarray:
        q = self.vectoriser.transform([query])
        q.data = np.ones_like(q.data, dtype=float)
        q = q.multiply(self.idf).tocsr()
        return np.asarray((self.weights @ q.T).toarray()).ravel()


def order(ids: Sequence[Any], scores: np.ndarray, exclude: Any = None) -> list[Any]:
    """Ids best first; ties broken by id order so every run gives the same list."""
    ranked = [ids[i] for i in np.lexsort((np.arange(len(ids)), -scores))]
    return [i for i in ranked if i != exclude]


# ----------------------------------------------------------------------------- statistics


def bootstrap_ci(
    values: Sequence[float] | np.ndarray, rng: np.random.Generator, n: int = 2000
) -> tuple[float, float, float]:
    """Mean and percentile 95% interval of the mean, resampling the items."""
    arr = np.asarray(values, dtype=float)
    if arr.size == 0:
        return math.nan, math.nan, math.nan
    means = arr[rng.integers(0, arr.size, size=(n, arr.size))].mean(axis=1)
    return float(arr.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def fmt(mean: float, low: float, high: float) -> str:
    if math.isnan(mean):
        return "n/a"
    return f"{mean:.3f} [{low:.3f}, {high:.3f}]"


def precision_recall(
    pairs: Sequence[tuple[bool, bool]], rng: np.random.Generator, n: int = 2000
) -> dict[str, tuple[float, float, float]]:
    """Precision and recall of predicted-met against expected-met, with bootstrap
    intervals resampling the judged pairs."""
    arr = np.asarray(pairs, dtype=bool).reshape(-1, 2)

    def pr(sample: np.ndarray) -> tuple[float, float]:
        predicted, expected = sample[:, 0], sample[:, 1]
        tp = float(np.sum(predicted & expected))
        p = tp / predicted.sum() if predicted.sum() else math.nan
        r = tp / expected.sum() if expected.sum() else math.nan
        return p, r

    if arr.shape[0] == 0:
        nan = (math.nan, math.nan, math.nan)
        return {"precision": nan, "recall": nan}
    p0, r0 = pr(arr)
    draws = np.array([pr(arr[rng.integers(0, arr.shape[0], arr.shape[0])]) for _ in range(n)])
    out = {}
    for j, (name, point) in enumerate((("precision", p0), ("recall", r0))):
        col = draws[:, j][~np.isnan(draws[:, j])]
        low, high = (
            (float(np.percentile(col, 2.5)), float(np.percentile(col, 97.5)))
            if col.size
            else (math.nan, math.nan)
        )
        out[name] = (point, low, high)
    return out


# ----------------------------------------------------------------------------- verdicts


def verdict_of(result: Any) -> str:
    """'met', 'possible' or 'not_evidenced', read defensively: the model's criterion
    result may carry a ``verdict``; older versions only a boolean ``met``."""
    verdict = getattr(result, "verdict", None)
    if isinstance(verdict, str) and verdict:
        v = verdict.lower().replace(" ", "_").replace("-", "_")
        if v.startswith("met"):
            return "met"
        if v.startswith("possible"):
            return "possible"
        return "not_evidenced"
    return "met" if getattr(result, "met", False) else "not_evidenced"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def quote_agrees(evidence: str | None, sentence: str | None) -> bool:
    """The model's quote and the labelled sentence are the same sentence: one contains
    the other, or most of the quote's words are in the sentence."""
    if not evidence or not sentence:
        return False
    e, s = evidence.strip().lower(), sentence.strip().lower()
    if e in s or s in e:
        return True
    ew = _words(e)
    return bool(ew) and len(ew & _words(s)) / len(ew) >= 0.8


def find_result(match: Any, criterion: str) -> Any:
    for result in getattr(match, "criteria", []) or []:
        if getattr(result, "criterion", "").strip() == criterion.strip():
            return result
    return None


# ----------------------------------------------------------------------------- NED set


@dataclass
class NedRun:
    rankings: dict[str, Rankings]
    vacancies: dict[str, VacancyProfile]
    ranker: Ranker


def run_ned(data: RealSet) -> NedRun:
    profiles = [CandidateProfile.from_text(bid, text) for bid, text in data.bios.items()]
    vacancies = {a.id: VacancyProfile.from_text(a.id, a.pasted_text()) for a in data.adverts}
    ranker = Ranker().fit(profiles)
    documents = {p.id: document_text(p) for p in profiles}
    tfidf, bm25 = TfidfRanker(documents), Bm25Ranker(documents)
    rankings: dict[str, Rankings] = {MODEL: {}, TFIDF: {}, BM25: {}}
    for aid, vacancy in vacancies.items():
        rankings[MODEL][aid] = [m.candidate_id for m in ranker.rank(vacancy, top_k=len(profiles))]
        query = vacancy.query_text()
        rankings[TFIDF][aid] = order(tfidf.ids, tfidf.scores(query))
        rankings[BM25][aid] = order(bm25.ids, bm25.scores(query))
    return NedRun(rankings, vacancies, ranker)


def per_query(data: RealSet, rankings: Rankings) -> tuple[list[float], list[float]]:
    aps, ndcgs = [], []
    for advert in data.adverts:
        grades = data.grades[advert.id]
        relevant = {b for b, g in grades.items() if g == 2}
        ranked = rankings[advert.id]
        if relevant:  # MAP over the whole list: AP@n with n the pool size
            aps.append(average_precision_at_k(ranked, relevant, k=len(ranked)))
        ndcgs.append(ndcg_at_k(ranked, grades, k=10))
    return aps, ndcgs


def ned_table(data: RealSet, run: NedRun, rng: np.random.Generator) -> Table:
    table = Table(title=f"NED set: {len(data.adverts)} adverts, {len(data.bios)} biographies")
    table.add_column("ranker")
    table.add_column("MAP [95% CI]", justify="right")
    table.add_column("nDCG@10 [95% CI]", justify="right")
    scores = {name: per_query(data, r) for name, r in run.rankings.items()}
    for name, (aps, ndcgs) in scores.items():
        table.add_row(name, fmt(*bootstrap_ci(aps, rng)), fmt(*bootstrap_ci(ndcgs, rng)))
    model_aps, model_ndcgs = scores[MODEL]
    for name in (TFIDF, BM25):
        aps, ndcgs = scores[name]
        table.add_row(
            f"model minus {name.split(' ')[0]} (paired)",
            fmt(*bootstrap_ci(np.subtract(model_aps, aps), rng)),
            fmt(*bootstrap_ci(np.subtract(model_ndcgs, ndcgs), rng)),
        )
    return table


def criterion_label_tables(data: RealSet, run: NedRun, rng: np.random.Generator) -> list[Table]:
    by_criterion: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    possible: dict[str, int] = defaultdict(int)
    unassessed: dict[str, int] = defaultdict(int)
    quotes_ok, quotes_all = 0, 0
    for label in data.labels:
        advert, criterion = data.criterion(label.criterion_id)
        match = run.ranker.rank(run.vacancies[advert.id], top_k=1, candidate_ids=[label.bio_id])
        result = find_result(match[0], criterion.text) if match else None
        verdict = verdict_of(result) if result is not None else "not_evidenced"
        if result is None or getattr(result, "assessed", True) is False:
            unassessed[label.criterion_id] += 1
        if verdict == "possible":
            possible[label.criterion_id] += 1
        predicted = verdict == "met"
        by_criterion[label.criterion_id].append((predicted, label.met))
        if predicted and label.met:
            quotes_all += 1
            quotes_ok += quote_agrees(getattr(result, "evidence", None), label.sentence)
    table = Table(title="Criterion verdicts against the labelled sentences (model)")
    for column in (
        "criterion",
        "n",
        "met (label)",
        "precision",
        "recall",
        "possible",
        "unassessed",
    ):
        table.add_column(column, justify="left" if column == "criterion" else "right")
    everything: list[tuple[bool, bool]] = []
    for cid, pairs in by_criterion.items():
        everything += pairs
        _, criterion = data.criterion(cid)
        pr = precision_recall(pairs, rng, n=500)
        table.add_row(
            f"{cid} {criterion.text[:48]}",
            str(len(pairs)),
            str(sum(e for _, e in pairs)),
            fmt(*pr["precision"]),
            fmt(*pr["recall"]),
            str(possible[cid]),
            str(unassessed[cid]),
        )
    pr = precision_recall(everything, rng)
    table.add_row(
        "all criteria (micro)",
        str(len(everything)),
        str(sum(e for _, e in everything)),
        fmt(*pr["precision"]),
        fmt(*pr["recall"]),
        str(sum(possible.values())),
        str(sum(unassessed.values())),
    )
    note = Table(title="Quotes: of the true 'met' verdicts, the model quoted the labelled sentence")
    note.add_column("agreeing / true met", justify="right")
    note.add_row(f"{quotes_ok} / {quotes_all}")
    return [table, note]


def criterion_case_table(
    data: RealSet,
    rng: np.random.Generator,
    cases: Sequence[CriterionCase] | None = None,
    title: str = "Criterion cases",
) -> Table:
    cases = data.cases if cases is None else cases
    texts = sorted({c.text for c in cases})
    ids = {t: f"case-{i}" for i, t in enumerate(texts)}
    pool = [CandidateProfile.from_text(ids[t], t) for t in texts]
    pool += [CandidateProfile.from_text(bid, text) for bid, text in data.bios.items()]
    ranker = Ranker().fit(pool)
    by_tag: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    possible: dict[str, int] = defaultdict(int)
    for i, case in enumerate(cases):
        advert = f"Criterion case {i}\nEssential criteria\n- {case.criterion}"
        vacancy = VacancyProfile.from_text(f"case-vacancy-{i}", advert)
        match = ranker.rank(vacancy, top_k=1, candidate_ids=[ids[case.text]])
        result = find_result(match[0], case.criterion) if match else None
        verdict = verdict_of(result) if result is not None else "not_evidenced"
        pair = (verdict == "met", case.expected_met)
        for tag in ("all cases", *case.tags):
            by_tag[tag].append(pair)
            possible[tag] += verdict == "possible"
    table = Table(title=f"{title} ({len(cases)}): one real sentence, one criterion")
    for column in ("cases", "n", "expected met", "precision", "recall", "accuracy", "possible"):
        table.add_column(column, justify="left" if column == "cases" else "right")
    for tag, pairs in sorted(by_tag.items(), key=lambda kv: (kv[0] != "all cases", kv[0])):
        pr = precision_recall(pairs, rng, n=500 if tag != "all cases" else 2000)
        accuracy = sum(p == e for p, e in pairs) / len(pairs)
        table.add_row(
            tag,
            str(len(pairs)),
            str(sum(e for _, e in pairs)),
            fmt(*pr["precision"]),
            fmt(*pr["recall"]),
            f"{accuracy:.3f}",
            str(possible[tag]),
        )
    return table


# ----------------------------------------------------------------------------- CV set


TEXT_COLUMNS = ("text", "resume", "resume_str", "cv", "cv_text")
CLASS_COLUMNS = ("profession", "category", "label", "occupation")


def load_cvs(path: Path, per_class: int, classes: int, seed: int) -> list[tuple[str, str, str]]:
    """(id, text, profession) for a sample: ``per_class`` distinct CVs (of 30 words or
    more) from each of the ``classes`` largest professions, chosen with a fixed seed."""
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        reader = csv.DictReader(fh)
        columns = {c.lower(): c for c in reader.fieldnames or []}
        text_col = next((columns[c] for c in TEXT_COLUMNS if c in columns), None)
        class_col = next((columns[c] for c in CLASS_COLUMNS if c in columns), None)
        if text_col is None or class_col is None:
            raise SystemExit(
                f"{path}: needs a text column ({', '.join(TEXT_COLUMNS)}) and a profession "
                f"column ({', '.join(CLASS_COLUMNS)}); it has {', '.join(columns.values())}."
            )
        by_class: dict[str, list[str]] = defaultdict(list)
        seen: set[str] = set()
        for row in reader:
            text = (row[text_col] or "").strip()
            # A CV repeated word for word would find its own copy: keep one of each.
            key = " ".join(text.lower().split())
            if len(text.split()) >= 30 and key not in seen:
                seen.add(key)
                by_class[row[class_col].strip()].append(text)
    rng = random.Random(seed)
    chosen = sorted(by_class, key=lambda c: (-len(by_class[c]), c))[:classes]
    out = []
    for profession in sorted(chosen):
        texts = by_class[profession]
        for j, text in enumerate(rng.sample(texts, min(per_class, len(texts)))):
            out.append((f"{profession}-{j}", text, profession))
    return out


def cv_table(cvs: list[tuple[str, str, str]], rng: np.random.Generator) -> Table:
    label = {cid: prof for cid, _, prof in cvs}
    profiles = [CandidateProfile.from_text(cid, text) for cid, text, _ in cvs]
    ranker = Ranker().fit(profiles)
    documents = {p.id: document_text(p) for p in profiles}
    tfidf, bm25 = TfidfRanker(documents), Bm25Ranker(documents)
    results: dict[str, list[float]] = {MODEL: [], TFIDF: [], BM25: []}
    for cid, text, profession in cvs:
        relevant = {c for c, p in label.items() if p == profession and c != cid}
        vacancy = VacancyProfile.from_text(f"q-{cid}", text)
        ranked = [m.candidate_id for m in ranker.rank(vacancy, top_k=10, exclude_ids=[cid])]
        results[MODEL].append(average_precision_at_k(ranked, relevant, 10))
        query = vacancy.query_text()
        results[TFIDF].append(
            average_precision_at_k(order(tfidf.ids, tfidf.scores(query), cid), relevant, 10)
        )
        results[BM25].append(
            average_precision_at_k(order(bm25.ids, bm25.scores(query), cid), relevant, 10)
        )
    n_classes = len(set(label.values()))
    table = Table(title=f"CV set, leave-one-out: {len(cvs)} CVs in {n_classes} professions")
    table.add_column("ranker")
    table.add_column("MAP@10 [95% CI]", justify="right")
    for name, values in results.items():
        table.add_row(name, fmt(*bootstrap_ci(values, rng)))
    for name in (TFIDF, BM25):
        diff = np.subtract(results[MODEL], results[name])
        table.add_row(f"model minus {name.split(' ')[0]} (paired)", fmt(*bootstrap_ci(diff, rng)))
    return table


# ----------------------------------------------------------------------------- main


def model_commit() -> str:
    def git(*args: str) -> str:
        # Fixed arguments to git on PATH; only the commit hash is read back.
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "nedmatch/matching")
    return commit + (" with uncommitted changes to nedmatch/matching" if dirty else "")


def timed(console: Console, what: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    with console.status(what):
        value = fn()
    console.print(f"{what}: {time.perf_counter() - started:.1f} s")
    return value


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-csv", type=Path, help="CSV of CVs: a text and a profession column")
    parser.add_argument("--cv-per-class", type=int, default=30, help="CVs per profession")
    parser.add_argument("--cv-classes", type=int, default=15, help="largest professions kept")
    parser.add_argument("--seed", type=int, default=12, help="bootstrap and sampling seed")
    args = parser.parse_args(argv)
    console = Console(width=140)
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    console.print(f"Model as of commit {model_commit()}")

    data = load()
    run = timed(console, "Ranking the NED set with the three rankers", lambda: run_ned(data))
    console.print(ned_table(data, run, rng))
    for table in timed(
        console, "Judging labelled criteria", lambda: criterion_label_tables(data, run, rng)
    ):
        console.print(table)
    console.print(
        timed(console, "Judging criterion cases", lambda: criterion_case_table(data, rng))
    )
    if data.heldout:
        console.print(
            timed(
                console,
                "Judging the held-out cases",
                lambda: criterion_case_table(
                    data, rng, data.heldout, "Held-out cases (pages outside texts.json)"
                ),
            )
        )
    for number, cases in data.later_heldout.items():
        title = f"Held-out set {number} (criterion_cases_heldout_{number}.json)"
        if cases:
            console.print(
                timed(
                    console,
                    f"Judging held-out set {number}",
                    lambda cases=cases, title=title: criterion_case_table(data, rng, cases, title),
                )
            )
    if args.cv_csv is None:
        console.print(
            "CV set: not run. No CV set is committed (docs/evaluation.md says why); "
            "pass --cv-csv PATH to a CSV with a text and a profession column."
        )
    else:
        cvs = load_cvs(args.cv_csv, args.cv_per_class, args.cv_classes, args.seed)
        console.print(timed(console, "Leave-one-out on the CV set", lambda: cv_table(cvs, rng)))
    console.print(f"Total: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
