"""What reading an uploaded CV costs, for an ordinary two-page CV (the baseline) and for each
crafted file the limits exist for, in the same run.

Run from the repository root:  python -m benchmarks.upload_limits [--rounds 3]

Each file goes through ``services.cv.run_extraction`` exactly as an upload does: a child
process with the production limits (services/applications/cv_extract.Limits) and the production
wall-clock timeout (config CV_EXTRACT_SECONDS, 2 s). Reported per file, the median over
the rounds: the wall-clock time from the bytes to the answer (accepted, or refused and
why), the child's CPU time (user and system, which other work on the machine does not
inflate), and the child's peak resident memory, as the kernel measured them (wait4).
The load average is printed too: on a busy machine wall-clock time stretches, CPU time
does not.
"""

from __future__ import annotations

import argparse
import os
import statistics

from rich.console import Console
from rich.table import Table

from nedmatch.services.applications import cv
from tests.security.crafted import CRAFTED, two_page_cv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    console = Console(width=150)
    files = {"two-page CV (baseline)": two_page_cv(), **{n: b() for n, (b, _) in CRAFTED.items()}}
    table = Table(title=f"CV uploads under the limits, median of {args.rounds} rounds")
    for heading in ("File", "Size", "Result", "Wall clock", "Child CPU", "Child peak RSS"):
        table.add_column(heading, justify="left" if heading in {"File", "Result"} else "right")
    load_before = os.getloadavg()[0]
    for name, data in files.items():
        outcomes = [cv.run_extraction(data) for _ in range(args.rounds)]
        last = outcomes[-1]
        result = "accepted" if last.error is None else f"refused: {last.error}"
        if last.detail:
            result += f" ({last.detail[:40]})"
        table.add_row(
            name,
            f"{len(data) / 1024:,.0f} KB",
            result,
            f"{statistics.median(o.seconds for o in outcomes):.2f} s",
            f"{statistics.median(o.cpu_seconds for o in outcomes):.2f} s",
            f"{statistics.median(o.peak_kb for o in outcomes) / 1024:.0f} MB",
        )
    console.print(table)
    console.print(
        f"Load average (1 min) before and after: {load_before:.1f}, {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs. Limits: {cv.TIMEOUT_SECONDS:g} s wall clock, "
        f"{cv.cv_extract.Limits().cpu_seconds} s CPU, "
        f"{cv.cv_extract.Limits().memory_bytes // (1024 * 1024)} MB address space."
    )


if __name__ == "__main__":
    main()
