"""Speed and memory of the ranker at 1,000, 10,000 and 100,000 candidates, next to SQLite
FTS5 bm25() answering the same queries in the same run.

Run from the repository root:  python -m benchmarks.matching_speed [--sizes 1000,10000]

Fit time is wall-clock time of ``Ranker.fit`` on generated structured profiles. Memory is
reported two ways: the retained resident set (RSS) growth from before the fit to after it,
with the generated profiles already in memory, and the model's own accounted size (its
matrices and arrays, plus the scrubbed texts kept for explanations). Ranking is timed
after the model is saved and loaded again, as the web app would use it: the median over
every vacancy, three rounds each, of ``rank(vacancy, top_k=50)`` with explanations, in
wall-clock time and in this process's CPU time (which other work on the machine does
not inflate).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table

from nedmatch.matching import save, store
from nedmatch.matching.evaluation import FtsBaseline, document_text
from nedmatch.matching.model import Ranker
from nedmatch.matching.profiles import VacancyProfile
from nedmatch.matching.synthetic import generate_candidates, generate_vacancies

MB = 1024 * 1024


def rss_bytes() -> int:
    """Resident set size now, from /proc (Linux), in bytes."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def model_bytes(ranker: Ranker) -> tuple[int, int]:
    """(matrices and arrays, scrubbed texts) held by a fitted ranker."""
    arrays = 0
    for matrix in (ranker.words_main_, ranker.words_rows_, ranker.words_tail_):
        arrays += matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes
    for name in (
        "concepts_",
        "skills_",
        "domains_",
        "region_",
        "board_level_",
        "days_",
        "willing_",
        "alive_",
        "declared_",
    ):
        arrays += getattr(ranker, name).nbytes
    if ranker.lsa_vectors_ is not None:
        arrays += ranker.lsa_vectors_.nbytes
    return arrays, sys.getsizeof(ranker.texts_) + sum(sys.getsizeof(t) for t in ranker.texts_)


def run_size(n: int, vacancies: list[VacancyProfile], rounds: int, console: Console) -> dict:
    profiles = [
        c.profile
        for c in track(
            generate_candidates(n, seed=n, split="dev"),
            total=n,
            description=f"Generating {n:,} candidates",
            console=console,
        )
    ]
    gc.collect()
    before = rss_bytes()
    with console.status(f"Fitting on {n:,} candidates"):
        started = time.perf_counter()
        ranker = Ranker().fit(profiles)
        fit_seconds = time.perf_counter() - started
    gc.collect()
    retained = rss_bytes() - before
    arrays, texts = model_bytes(ranker)

    with tempfile.TemporaryDirectory() as folder, console.status("Saving and loading"):
        started = time.perf_counter()
        save(ranker, folder)
        save_seconds = time.perf_counter() - started
        disk = sum(p.stat().st_size for p in Path(folder).iterdir())
        del ranker
        gc.collect()
        store.clear_cache()
        started = time.perf_counter()
        loaded = store.load_or_fit(folder, list)  # as the app does at start-up
        load_seconds = time.perf_counter() - started
        assert loaded is not None  # noqa: S101 - a benchmark sanity check
        ranker = loaded

    ranker.rank(vacancies[0], top_k=50)  # warm caches, as a running app would be
    timings, cpu = [], []
    for _ in range(rounds):
        for vacancy in vacancies:
            started, cpu_started = time.perf_counter(), time.process_time()
            matches = ranker.rank(vacancy, top_k=50)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            assert len(matches) == min(50, n)  # noqa: S101 - a benchmark sanity check

    with console.status("Indexing the same texts in SQLite FTS5"):
        started = time.perf_counter()
        baseline = FtsBaseline({p.id: document_text(p) for p in profiles})
        fts_index_seconds = time.perf_counter() - started
    fts_timings = []
    for _ in range(rounds):
        for vacancy in vacancies:
            started = time.perf_counter()
            baseline.search(vacancy.query_text(), 50)
            fts_timings.append(time.perf_counter() - started)
    baseline.close()
    return {
        "n": n,
        "fit": fit_seconds,
        "retained": retained,
        "arrays": arrays,
        "texts": texts,
        "features": len(ranker.feature_names_out()),
        "save": save_seconds,
        "load": load_seconds,
        "disk": disk,
        "rank_median": statistics.median(timings),
        "rank_p95": sorted(timings)[int(0.95 * (len(timings) - 1))],
        "rank_cpu": statistics.median(cpu),
        "fts_index": fts_index_seconds,
        "fts_median": statistics.median(fts_timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated pool sizes (default 1000,10000,100000)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the vacancies")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    console = Console(width=max(Console().width, 170))
    vacancies = [VacancyProfile.from_text(v.id, v.text) for v in generate_vacancies(seed=1)]
    console.print(
        f"{len(vacancies)} vacancies x {args.rounds} rounds per size; "
        f"{os.cpu_count()} CPUs (shared with other work while this ran)."
    )
    results = [run_size(n, vacancies, args.rounds, console) for n in sizes]

    table = Table(title="Ranker speed and memory (top 50 with explanations, after load)")
    for column in (
        "candidates",
        "fit s",
        "RSS growth MB",
        "arrays MB",
        "texts MB",
        "features",
        "save s",
        "load s",
        "disk MB",
        "rank median ms",
        "rank p95 ms",
        "rank CPU ms",
        "FTS5 index s",
        "FTS5 median ms",
        "FTS5 / ranker",
    ):
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            f"{r['n']:,}",
            f"{r['fit']:.1f}",
            f"{r['retained'] / MB:.0f}",
            f"{r['arrays'] / MB:.0f}",
            f"{r['texts'] / MB:.0f}",
            f"{r['features']:,}",
            f"{r['save']:.1f}",
            f"{r['load']:.1f}",
            f"{r['disk'] / MB:.0f}",
            f"{r['rank_median'] * 1000:.1f}",
            f"{r['rank_p95'] * 1000:.1f}",
            f"{r['rank_cpu'] * 1000:.1f}",
            f"{r['fts_index']:.1f}",
            f"{r['fts_median'] * 1000:.1f}",
            f"{r['fts_median'] / r['rank_median']:.2f}",
        )
    console.print(table)


if __name__ == "__main__":
    main()
