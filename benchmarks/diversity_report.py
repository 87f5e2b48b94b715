"""Benchmark: diversity report computation and downloads at 1,000 to 100,000 applications.

Run from the repository root: ``python -m benchmarks.diversity_report [--sizes 1000,10000]``.
Targets (issue 5): a full report in 3 s or less at 100,000 applications, XLSX and PDF in
10 s or less. The baseline is a plain pandas crosstab of the same counts by stage, with
no disclosure control, measured in the same run so the ratio shows what protection and
analysis cost on this machine.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from nedmatch.diversity import (
    DisclosurePolicy,
    MonitoringRecord,
    build_report,
    report_to_csv,
    report_to_pdf,
    report_to_xlsx,
)
from nedmatch.diversity.records import STAGE_INDEX, STAGES, answer_for, report_questions
from nedmatch.diversity.synthetic import synthetic_records

T = TypeVar("T")
TARGET_REPORT_S = 3.0
TARGET_DOWNLOAD_S = 10.0


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def naive_crosstab(records: list[MonitoringRecord]) -> dict[str, pd.DataFrame]:
    """The baseline: counts by answer and stage with pandas, nothing protected."""
    questions = list(report_questions())
    frame = pd.DataFrame(
        {
            "stage": [STAGE_INDEX[r.furthest_stage] for r in records],
            **{q: [answer_for(r.answers, q) for r in records] for q in questions},
        }
    )
    tables = {}
    for question in questions:
        table = pd.crosstab(frame[question], frame["stage"]).reindex(
            columns=range(len(STAGES)), fill_value=0
        )
        # Everyone counts at each stage up to their furthest: a reversed cumulative sum.
        tables[question] = table.iloc[:, ::-1].cumsum(axis=1).iloc[:, ::-1]
    return tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated numbers of applications (default: 1000,10000,100000)",
    )
    parser.add_argument("--threshold", type=int, default=5, help="suppression threshold")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    policy = DisclosurePolicy(threshold=args.threshold)
    console = Console(width=120)  # wide enough for the table when not on a terminal
    results = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Benchmarking", total=len(sizes) * 6)
        for size in sizes:
            progress.update(task, description=f"{size:,}: generating records")
            records = synthetic_records(size, seed=size)
            progress.advance(task)
            progress.update(task, description=f"{size:,}: naive pandas crosstab")
            _, baseline = timed(lambda r=records: naive_crosstab(r))
            progress.advance(task)
            progress.update(task, description=f"{size:,}: full report")
            report, compute = timed(lambda r=records: build_report(r, policy=policy))
            progress.advance(task)
            progress.update(task, description=f"{size:,}: CSV")
            _, csv_s = timed(lambda rep=report: report_to_csv(rep))
            progress.advance(task)
            progress.update(task, description=f"{size:,}: XLSX")
            _, xlsx_s = timed(lambda rep=report: report_to_xlsx(rep))
            progress.advance(task)
            progress.update(task, description=f"{size:,}: PDF")
            _, pdf_s = timed(lambda rep=report: report_to_pdf(rep))
            progress.advance(task)
            results.append((size, baseline, compute, csv_s, xlsx_s, pdf_s))

    table = Table(title=f"Diversity report timings (threshold {policy.threshold}), seconds")
    for column in (
        "applications",
        "baseline: pandas crosstab",
        "full report",
        "report / baseline",
        "CSV",
        "XLSX",
        "PDF",
        "targets met",
    ):
        table.add_column(column, justify="right")
    for size, baseline, compute, csv_s, xlsx_s, pdf_s in results:
        met = (
            compute <= TARGET_REPORT_S
            and xlsx_s <= TARGET_DOWNLOAD_S
            and pdf_s <= TARGET_DOWNLOAD_S
        )
        table.add_row(
            f"{size:,}",
            f"{baseline:.3f}",
            f"{compute:.3f}",
            f"{compute / baseline:.1f}x",
            f"{csv_s:.3f}",
            f"{xlsx_s:.3f}",
            f"{pdf_s:.3f}",
            "yes" if met else "NO",
        )
    console.print(table)
    console.print(
        f"Targets: report <= {TARGET_REPORT_S:.0f} s, XLSX and PDF <= {TARGET_DOWNLOAD_S:.0f} s "
        "each (issue 5, at 100,000 applications). The report includes counting, disclosure "
        "control with its audit, adverse impact and benchmarks; the baseline only counts."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
