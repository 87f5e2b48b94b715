"""Speed and memory of the ranker on CV-length text, next to a plain TF-IDF cosine over the
same word matrix, measured in the same run.

Run from the repository root:
    python -m benchmarks.matching_speed [--sizes 1000,10000,100000] [--cv-csv PATH]

Candidates are 300 to 1,000 words long, built from lines of real text: the CVs of
``--cv-csv`` (a CSV with a text column, as for benchmarks/matching_real.py) when given,
else the public NHS board biographies and adverts in benchmarks/data/ned_real/. Lines are
drawn at random with a fixed seed, so the pool has real wording and CV length but repeats
lines across candidates (its vocabulary is smaller than 100,000 real CVs would have).

Measured, per pool size:
- reading free text into profiles (``CandidateProfile.from_text``, which also makes the
  reading a fit uses, as the web app does when a candidate saves), per CV, on the first
  1,000; the other candidates reuse those profiles' inferred fields with their own text
  (and competency evidence inferred from their own text);
- cold fit: ``Ranker.fit`` on profiles with no stored reading (the first fit after a change
  to the reading rules), every CV read inside the fit (a pool of 20,000 or more by one
  process per CPU);
- the save-time reading of every other profile (``matching.reading.read_all``, one process
  per CPU), as the web app stores it when each candidate saves: its total and per CV;
- fit: wall-clock time of ``Ranker.fit`` on profiles whose reading is stored (every refit
  in the web app), beside scikit-learn's plain ``TfidfVectorizer`` fitted on the same texts
  in the same run;
- memory: resident set (RSS) growth from before that fit to after it, with the profiles
  already in memory, and the index's own arrays;
- rank: the median over every vacancy, three rounds each, of ``rank(vacancy, top_k=50)``
  with the explanations of all 50, after a save and load as the web app would use it; and
  the median of the first round alone, before any candidate's text has been read for an
  explanation (a list opened for the first time; later rounds are a list opened again);
- the baseline: plain TF-IDF cosine top 50 (one sparse product over the ranker's own
  word matrix, no explanations), and the ranker's time as a multiple of it.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile, save
from nedmatch.matching.inference import infer_domain_evidence
from nedmatch.matching.reading import read_all
from nedmatch.matching.registry import ModelRegistry
from nedmatch.matching.synthetic import generate_vacancies

MB = 1024 * 1024
NED_TEXTS = Path(__file__).parent / "data" / "ned_real" / "texts.json"
TEXT_COLUMNS = ("text", "resume", "resume_str", "cv")


def rss_bytes() -> int:
    """Resident set size now, from /proc (Linux), in bytes."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def real_lines(cv_csv: Path | None) -> tuple[list[str], str]:
    """Lines of real text (4 words or more) and where they came from."""
    texts: list[str] = []
    if cv_csv is not None:
        csv.field_size_limit(sys.maxsize)
        with cv_csv.open(newline="", encoding="utf-8", errors="replace") as fh:
            reader = csv.DictReader(fh)
            columns = {c.lower(): c for c in reader.fieldnames or []}
            column = next(columns[c] for c in TEXT_COLUMNS if c in columns)
            texts = [row[column] for row in reader]
        source = f"lines of the CVs in {cv_csv}"
    else:
        texts = [item["text"] for item in json.loads(NED_TEXTS.read_text(encoding="utf-8"))]
        source = "lines of the real NHS biographies and adverts in benchmarks/data/ned_real"
    lines = []
    for text in dict.fromkeys(texts):
        for line in text.replace(". ", ".\n").split("\n"):
            if len(line.split()) >= 4:
                lines.append(line.strip())
    return lines, source


def cv_texts(lines: list[str], n: int, seed: int) -> list[str]:
    """``n`` documents of 300 to 1,000 words, each a random draw of real lines."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        target = rng.randint(300, 1000)
        chosen, words = [], 0
        while words < target:
            line = rng.choice(lines)
            chosen.append(line)
            words += len(line.split())
        out.append("\n".join(chosen))
    return out


def baseline_top50(ranker: Ranker, vacancy: VacancyProfile) -> np.ndarray:
    """Plain TF-IDF cosine over the ranker's word matrix: query vector, one product, top 50."""
    index = ranker.index_
    words = ranker.featuriser_.words_.transform([vacancy.query_text()])
    cols, vals = words.indices, words.data
    scores = index.words_main[:, cols] @ vals
    k = min(50, len(scores))
    return np.argpartition(-scores, k - 1)[:k]


def run_size(
    n: int, lines: list[str], vacancies: list[VacancyProfile], rounds: int, console: Console
) -> dict:
    with console.status(f"Building {n:,} CV-length texts"):
        texts = cv_texts(lines, n, seed=n)
    sample = min(n, 1000)
    started = time.perf_counter()
    read = [CandidateProfile.from_text(i, t) for i, t in enumerate(texts[:sample])]
    read_ms = 1000 * (time.perf_counter() - started) / sample
    # The rest take the inferred fields of the sample with their own text: reading 100,000
    # CVs would take minutes and is measured per CV above. Their competency evidence is
    # their own text's sentences, as a profile read from a CV has (evidence that repeats
    # the CV is not read twice); another CV's sentences would add text no candidate has.
    with console.status(f"Building {n - sample:,} more profiles"):
        profiles = read + [
            dataclasses.replace(
                read[i % sample], id=i, cv_text=t, competency_evidence=infer_domain_evidence(t)
            )
            for i, t in enumerate(texts)
            if i >= sample
        ]
    words = statistics.mean(len(t.split()) for t in texts)
    # The fit's baseline: scikit-learn's own TF-IDF fitted on the same texts, same n-grams.
    started = time.perf_counter()
    TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.5, sublinear_tf=True).fit(texts)
    base_fit = time.perf_counter() - started
    del texts
    with console.status(f"Fitting on {n:,} candidates with no stored reading (cold)"):
        cold = [dataclasses.replace(p, reading=None) for p in profiles]
        started = time.perf_counter()
        Ranker().fit(cold)
        cold_seconds = time.perf_counter() - started
        del cold
    with console.status(f"Reading {n - sample:,} profiles as each would be on saving"):
        started = time.perf_counter()
        readings = read_all(profiles[sample:], n_jobs=-1)
        save_read_seconds = time.perf_counter() - started
        for profile, reading in zip(profiles[sample:], readings, strict=True):
            profile.reading = reading
        del readings
    gc.collect()
    before = rss_bytes()
    with console.status(f"Fitting on {n:,} candidates from their stored readings"):
        started = time.perf_counter()
        ranker = Ranker().fit(profiles)
        fit_seconds = time.perf_counter() - started
    gc.collect()
    retained = rss_bytes() - before
    index = ranker.index_
    arrays = sum(
        m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
        for m in (index.words_main, index.words_rows, index.words_tail)
    ) + sum(
        a.nbytes
        for a in (index.rows.concepts, index.rows.skills, index.rows.domains, index.rows.confidence)
    )
    with tempfile.TemporaryDirectory() as folder, console.status("Saving and loading"):
        save(ranker, folder)
        del ranker
        gc.collect()
        started = time.perf_counter()
        loaded = ModelRegistry(folder).load_or_fit(list)  # as the app does at start-up
        load_seconds = time.perf_counter() - started
        assert loaded is not None  # noqa: S101 - a benchmark sanity check
        ranker = loaded

    ranker.rank(vacancies[0], top_k=50)  # warm caches, as a running app would be
    timings, cpu, base, first = [], [], [], []
    for number in range(rounds):
        for vacancy in vacancies:
            started, cpu_started = time.perf_counter(), time.process_time()
            matches = ranker.rank(vacancy, top_k=50)
            timings.append(time.perf_counter() - started)
            if number == 0:
                first.append(timings[-1])
            cpu.append(time.process_time() - cpu_started)
            assert len(matches) == min(50, n)  # noqa: S101 - a benchmark sanity check
            with threadpool_limits(limits=1, user_api="blas"):
                started = time.perf_counter()
                baseline_top50(ranker, vacancy)
                base.append(time.perf_counter() - started)
    return {
        "n": n,
        "words": words,
        "read_ms": read_ms,
        "cold_fit": cold_seconds,
        "save_read_ms": 1000 * save_read_seconds / (n - sample) if n > sample else None,
        "fit": fit_seconds,
        "base_fit": base_fit,
        "retained": retained,
        "arrays": arrays,
        "load": load_seconds,
        "rank_median": statistics.median(timings),
        "rank_first": statistics.median(first),
        "rank_p95": sorted(timings)[int(0.95 * (len(timings) - 1))],
        "rank_cpu": statistics.median(cpu),
        "base_median": statistics.median(base),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated pool sizes")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the vacancies")
    parser.add_argument("--cv-csv", type=Path, help="CSV of CVs whose lines build the candidates")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    console = Console(width=max(Console().width, 170))
    lines, source = real_lines(args.cv_csv)
    vacancies = [VacancyProfile.from_text(v.id, v.text) for v in generate_vacancies(seed=1)]
    console.print(
        f"Candidates from {source} ({len(lines):,} lines); {len(vacancies)} vacancies x "
        f"{args.rounds} rounds per size; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the start (shared with other work)."
    )
    results = []
    for n in sizes:
        results.append(run_size(n, lines, vacancies, args.rounds, console))
        console.print(results[-1])

    table = Table(title="Ranker on CV-length text (top 50 with explanations, after load)")
    columns = (
        "candidates", "mean words", "read ms/CV", "cold fit s", "save-time read ms/CV (all CPUs)",
        "fit s", "TF-IDF fit s", "fit / TF-IDF",
        "RSS growth MB", "index MB",
        "load s", "rank median ms", "first round ms", "rank p95 ms", "rank CPU ms", "TF-IDF top-50 ms",
        "ranker / TF-IDF",
    )  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            f"{r['n']:,}",
            f"{r['words']:.0f}",
            f"{r['read_ms']:.2f}",
            f"{r['cold_fit']:.1f}",
            "-" if r["save_read_ms"] is None else f"{r['save_read_ms']:.2f}",
            f"{r['fit']:.1f}",
            f"{r['base_fit']:.1f}",
            f"{r['fit'] / r['base_fit']:.1f}",
            f"{r['retained'] / MB:.0f}",
            f"{r['arrays'] / MB:.0f}",
            f"{r['load']:.1f}",
            f"{r['rank_median'] * 1000:.1f}",
            f"{r['rank_first'] * 1000:.1f}",
            f"{r['rank_p95'] * 1000:.1f}",
            f"{r['rank_cpu'] * 1000:.1f}",
            f"{r['base_median'] * 1000:.2f}",
            f"{r['rank_median'] / r['base_median']:.1f}",
        )
    console.print(table)


if __name__ == "__main__":
    main()
