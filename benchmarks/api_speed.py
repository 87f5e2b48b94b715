"""Benchmark: the JSON API's ranked list beside the team's ranked list page, in one run.

Run from the repository root:
    python -m benchmarks.api_speed [--applicants 5000 --pool 100000 --requests 200]
                                   [--database-url URL]

The same data and the same vacancy as benchmarks.ranked_list (its seeding, bulk inserted:
``--pool`` talent-pool candidates with generated careers and CVs, ``--applicants`` of them
applying for one vacancy; the matching model fitted on all of them), served by gunicorn
(two workers) on PostgreSQL when it answers, else SQLite. A reviewer's API token calls
GET /api/v1/team/vacancies/<id>/ranked (page 1 and page 10, 25 rows each with their
explanations, as JSON) and the same reviewer, signed in, opens the ranked list page (page 1
and page 10), each ``--requests`` times, interleaved view by view so load on the machine
falls on both alike.

Server time is the response's elapsed time on loopback. Baseline, measured in the same
run: GET /api/v1/team/vacancies/<id>, a token-authenticated call with the same checks and
audit record but no ranking. The ratios say what ranking costs the API, and what the API
costs beside the page that shows the same ranked list.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import requests
from rich.progress import Progress
from rich.table import Table

from benchmarks.databases import database
from benchmarks.ranked_list import console, gunicorn, p95, seed, sign_in
from nedmatch import create_app
from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import TeamUser
from nedmatch.services import matching
from nedmatch.services.platform import api_tokens
from nedmatch.services.platform.jobs import console_reporter

BASELINE = "Baseline: API, one vacancy (no ranking)"


def make_token(app: object) -> str:
    with app.app_context():  # type: ignore[attr-defined]
        user = db.session.execute(db.select(TeamUser)).scalars().first()
        made = api_tokens.create(Actor.team(user), user, "Benchmark", "reviewer")
        db.session.commit()
        return made.secret


def timed(session: requests.Session, url: str, headers: dict[str, str], check: str) -> float:
    response = session.get(url, headers=headers, timeout=120, allow_redirects=False)
    if response.status_code != 200 or check not in response.text:
        raise SystemExit(f"{url} answered {response.status_code} without {check!r}.")
    return response.elapsed.total_seconds() * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=5_000)
    parser.add_argument("--pool", type=int, default=100_000, help="candidates in all")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per view")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", help="an empty database to use instead")
    args = parser.parse_args()
    if args.applicants > args.pool:
        parser.error("--applicants cannot be more than --pool (applicants are in the pool)")
    folder = Path(tempfile.mkdtemp(prefix="nedmatch-api-bench-"))
    try:
        with database(args.database_url, folder, console, prefix="nedmatch_api") as (url, backend):
            run(args, url, backend, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, url: str, backend: str, folder: Path) -> None:
    secret, monitoring_key = secrets.token_hex(32), secrets.token_hex(32)
    settings = {
        "SQLALCHEMY_DATABASE_URI": url,
        "MODEL_FOLDER": str(folder / "model"),
        "SECRET_KEY": secret,
        "MONITORING_KEY": monitoring_key,
    }
    app = create_app("development", **settings)
    app.instance_path = str(folder / "instance")
    console.print(f"Database: {backend}")
    began = time.perf_counter()
    vacancy_id = seed(app, args.applicants, args.pool)
    console.print(
        f"Inserted {args.pool:,} candidates and {args.applicants:,} applications in "
        f"{time.perf_counter() - began:.0f} s."
    )
    began = time.perf_counter()
    with app.app_context(), console_reporter() as reporter:
        console.print(matching.fit(reporter))
    console.print(f"Fitted in {time.perf_counter() - began:.0f} s.")
    token = make_token(app)

    env = {
        "NEDMATCH_CONFIG": "development",
        "DATABASE_URL": url,
        "MODEL_FOLDER": settings["MODEL_FOLDER"],
        "SECRET_KEY": secret,
        "MONITORING_KEY": monitoring_key,
        "MAIL_BACKEND": "log",
        # Every timed call is one token's: the per-token limit (120 a minute) would refuse
        # most of them, and a refusal is not what is measured.
        "API_RATE_LIMIT": "1000000/minute",
        "GUNICORN_ACCESS_LOG": "",  # thousands of lines of no interest here
    }
    bearer = {"Authorization": f"Bearer {token}"}
    api = f"/api/v1/team/vacancies/{vacancy_id}"
    views: dict[str, tuple[str, bool, str]] = {  # name: (path, API?, text it must hold)
        BASELINE: (api, True, '"title"'),
        "API ranked list, page 1": (f"{api}/ranked", True, '"explanation"'),
        "Page: ranked list, page 1": (f"/team/vacancies/{vacancy_id}", False, "NEDMatch"),
        "API ranked list, page 10": (f"{api}/ranked?page=10", True, '"explanation"'),
        "Page: ranked list, page 10": (f"/team/vacancies/{vacancy_id}?page=10", False, "NEDMatch"),
    }
    results: dict[str, list[float]] = {name: [] for name in views}
    with gunicorn(env, args.workers) as base:
        browser = sign_in(base)
        client = requests.Session()

        def call(path: str, is_api: bool, check: str) -> float:
            if is_api:
                return timed(client, base + path, bearer, check)
            return timed(browser, base + path, {}, check)

        with console.status("Warming up every worker"):
            for _ in range(5 * args.workers):
                for path, is_api, check in views.values():
                    call(path, is_api, check)
        with Progress(console=console) as progress:
            task = progress.add_task("Timed requests", total=args.requests * len(views))
            for _ in range(args.requests):
                for name, (path, is_api, check) in views.items():
                    results[name].append(call(path, is_api, check))
                    progress.advance(task)

    baseline = statistics.median(results[BASELINE])
    table = Table(
        title=f"The API's ranked list beside the page, gunicorn ({args.workers} workers), "
        f"{backend}: {args.applicants:,} applicants, {args.pool:,} candidates, "
        f"{args.requests} requests each, server time in ms"
    )
    for column in ("View", "p50", "p95", "p50 / baseline", "API p50 / page p50"):
        table.add_column(column, justify="left" if column == "View" else "right")
    for name, times in results.items():
        median = statistics.median(times)
        beside = ""
        if name.startswith("API ranked"):
            page = statistics.median(results[name.replace("API ranked", "Page: ranked")])
            beside = f"{median / page:.2f}"
        table.add_row(
            name, f"{median:.1f}", f"{p95(times):.1f}", f"{median / baseline:.1f}", beside
        )
    console.print(table)
    console.print(
        "Baseline: a token-authenticated API call without ranking (the vacancy). The last "
        "column compares each API view with the page showing the same rows."
    )


if __name__ == "__main__":
    main()
