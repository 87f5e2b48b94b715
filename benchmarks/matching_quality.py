"""Ranking quality on the synthetic NED benchmark: MAP@10 and nDCG@10 of the model next to
BM25 (SQLite FTS5) over the same texts, in the same run.

A regression test only, not a measure of quality: ``lexicon.py`` and ``synthetic/`` were
written together (most skill phrases appear word for word in the generator), so it
measures the thesaurus against its own wording. Quality on real text is measured by
``benchmarks/matching_real.py`` (docs/matching.md says what each figure shows).

Run from the repository root:  python -m benchmarks.matching_quality [--candidates 2800]

The development split (one half of every specialism's wording, seed 1) chooses the
hyperparameters from a small grid; the held-out split (the other half, seed 2) is
scored once with the chosen configuration and never used for choosing.
"""

from __future__ import annotations

import argparse
import itertools
import time

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from nedmatch.matching.evaluation import Benchmark, Variant, evaluate
from nedmatch.matching.model import Ranker

GRID = {
    "concept_weight": (0.0, 0.3, 0.6, 1.0),
    "lsa_weight": (0.0, 0.5),
    "text_scale": (0.15, 0.25),
}


def _table(title: str, rows: list[tuple[str, float, float]]) -> Table:
    table = Table(title=title)
    table.add_column("ranker")
    table.add_column("MAP@10", justify="right")
    table.add_column("nDCG@10", justify="right")
    for name, ap, ndcg in rows:
        table.add_row(name, f"{ap:.3f}", f"{ndcg:.3f}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=2800, help="pool size per split")
    args = parser.parse_args()
    console = Console()
    started = time.perf_counter()
    with console.status("Generating the development and held-out splits"):
        dev = Benchmark.build("dev", args.candidates, seed=1)
        test = Benchmark.build("test", args.candidates, seed=2)
    console.print(
        f"{len(dev.candidates)} candidates and {len(dev.vacancies)} vacancies per split; "
        f"{len(GRID['concept_weight']) * len(GRID['lsa_weight']) * len(GRID['text_scale'])} "
        "configurations tried on the development split only."
    )

    grid = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    tuning: list[tuple[str, float, float]] = []
    with Progress(console=console) as progress:
        task = progress.add_task("Tuning on the development split", total=len(grid))
        for params in grid:
            name = ", ".join(f"{k}={v}" for k, v in params.items())
            rows = evaluate(dev, [Variant(name, params)])
            tuning.append(rows[1])
            progress.advance(task)
    # Best nDCG@10, then MAP@10; on an exact tie the cheaper configuration (no LSA, which
    # costs fit time and memory) and then the smaller concept weight.
    by_name = {", ".join(f"{k}={v}" for k, v in p.items()): p for p in grid}
    best_name, _, _ = max(
        tuning,
        key=lambda row: (
            round(row[2], 6),
            round(row[1], 6),
            -by_name[row[0]]["lsa_weight"],
            -by_name[row[0]]["concept_weight"],
        ),
    )
    best = by_name[best_name]
    console.print(
        _table("Development split (used for tuning)", sorted(tuning, key=lambda r: -r[2]))
    )
    console.print(f"Chosen on the development split: {best_name}")
    defaults = {k: Ranker().get_params()[k] for k in GRID}
    console.print(f"Ranker defaults: {defaults} (same as chosen: {defaults == best})")

    text_only = {**best, "group_essentials": False}
    variants = [
        Variant(
            "TF-IDF word n-grams only (text part only)",
            {**text_only, "concept_weight": 0.0, "lsa_weight": 0.0},
            text_only=True,
        ),
        Variant(
            "TF-IDF + LSA (text part only)",
            {**text_only, "concept_weight": 0.0, "lsa_weight": 0.5},
            text_only=True,
        ),
        Variant(
            "TF-IDF + thesaurus concepts (text part only)",
            {**text_only, "concept_weight": 0.6, "lsa_weight": 0.0},
            text_only=True,
        ),
        Variant("Full model, profiles inferred from free text", best),
        Variant(
            "Full model, structured profiles (as typed in the form)", best, structured_profiles=True
        ),
    ]
    with console.status("Scoring the held-out split"):
        held_out = evaluate(test, variants)
    console.print(_table("Held-out split (never used for tuning)", held_out))
    console.print(f"Total time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
