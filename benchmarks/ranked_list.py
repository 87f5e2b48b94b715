"""Benchmark: the team's ranked-list page for one vacancy, served by gunicorn.

Run from the repository root:
    python -m benchmarks.ranked_list [--applicants 5000 --pool 100000 --requests 200]
                                     [--database-url URL] [--profile]

By default a fresh PostgreSQL database is created on postgresql://postgres@127.0.0.1:5432
and dropped afterwards; if PostgreSQL does not answer, a temporary SQLite file is used
instead (and the figures say so). The data is bulk inserted: ``--pool`` talent-pool
candidates with generated careers (nedmatch.matching.synthetic) and CV text, of whom
``--applicants`` applied for one vacancy. The matching model is fitted on all of them, then
gunicorn (two workers, development settings, CSRF on) serves the app on a free loopback
port. A team member signs in with requests, the pages are warmed up in both workers, and
each view is requested ``--requests`` times: page 1 of the ranked list, a filtered view and
page 10.

Server time is the response's elapsed time on loopback: the page is rendered in full
before its headers are sent, so it covers the whole request. The baseline, measured in the
same run, is the team dashboard (/team/): a signed-in page with the same layout, session
and access checks but no ranking, so the ratio shows what ranking 5,000 applicants costs.
Target (issue 4): median 150 ms or less and p95 300 ms or less.

``--profile`` also runs page 1 under cProfile in this process (the same request through a
test client) and prints where the time goes.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import insert, select, text

from benchmarks.databases import database
from nedmatch import create_app
from nedmatch.extensions import db
from nedmatch.matching.synthetic import generate_candidates
from nedmatch.models import (
    Application,
    Candidate,
    CVDocument,
    Organisation,
    StageChange,
    TeamUser,
    Vacancy,
)
from nedmatch.models.application import new_reference
from nedmatch.services import matching
from nedmatch.services.platform.jobs import console_reporter
from nedmatch.services.platform.passwords import hash_password

ROOT = Path(__file__).resolve().parents[1]
TARGET_MEDIAN_MS = 150.0
TARGET_P95_MS = 300.0
PASSWORD = "benchmark password, not a secret"  # noqa: S105 - a throwaway local account
BATCH = 5_000
# A realistic mix of where applicants are in a campaign.
STAGE_MIX = {"applied": 0.8, "longlisted": 0.1, "shortlisted": 0.04, "rejected": 0.06}

# Wide enough for the table when the output goes to a file.
console = Console(width=max(120, shutil.get_terminal_size().columns))


# The database


def seed(app: Any, applicants: int, pool: int) -> int:
    """Bulk insert the pool, the applications and a team user; returns the vacancy's id."""
    rng = random.Random(4)  # noqa: S311 - reproducible benchmark data
    with app.app_context():
        db.create_all()
        engine = db.engine
        with engine.begin() as conn:
            org_id = conn.execute(
                insert(Organisation).returning(Organisation.id),
                {
                    "name": "Benchmark Teaching Hospitals NHS Foundation Trust",
                    "org_type": "trust",
                    "region": "north-east-and-yorkshire",
                    "challenged": False,
                },
            ).scalar_one()
            vacancy_id = conn.execute(
                insert(Vacancy).returning(Vacancy.id),
                {
                    "organisation_id": org_id,
                    "role_type": "audit-chair",
                    "title": "Non-executive director and chair of the audit committee",
                    "description": "The board needs a qualified accountant to chair its audit "
                    "committee and lead its oversight of financial control and risk.",
                    "essential_criteria": [
                        "A professional accountancy qualification",
                        "Recent and relevant financial experience",
                    ],
                    "desirable_criteria": ["Experience of chairing an audit committee"],
                    "domain_weights": {"governance": 5.0, "outcomes": 3.0},
                    "skill_areas": ["accountancy", "audit-risk", "finance"],
                    "board_skills": {"clinical-medicine": 2, "legal": 1},
                    "part_weights": {},
                    "location_requirement": "region",
                    "time_commitment": "3 days a month",
                    "time_commitment_days": 3.0,
                    "pay": 13000,
                    "term_years": 3,
                    "opens_on": date.today() - timedelta(days=30),
                    "closes_on": date.today() + timedelta(days=7),
                    "status": "open",
                },
            ).scalar_one()
            conn.execute(
                insert(TeamUser),
                {
                    "email": "benchmark@nhs.example",
                    "name": "Benchmark reviewer",
                    "role": "reviewer",
                    "password_hash": hash_password(PASSWORD),
                },
            )

        stages, weights = zip(*STAGE_MIX.items(), strict=True)
        start = datetime(2025, 5, 1, 9, 0)
        with Progress(console=console) as progress:
            task = progress.add_task("Inserting candidates, CVs and applications", total=pool)
            people = generate_candidates(pool, seed=11)
            done = 0
            while done < pool:
                chunk = [next(people) for _ in range(min(BATCH, pool - done))]
                with engine.begin() as conn:
                    ids = _insert_candidates(conn, chunk, done)
                    _insert_cvs(conn, chunk, ids)
                    apply = [cid for i, cid in enumerate(ids) if done + i < applicants]
                    if apply:
                        _insert_applications(conn, apply, vacancy_id, start, stages, weights, rng)
                done += len(chunk)
                progress.advance(task, len(chunk))
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("ANALYZE"))
    return vacancy_id


def _insert_candidates(conn: Any, chunk: list[Any], offset: int) -> list[int]:
    now = datetime.now()
    rows = []
    for i, person in enumerate(chunk):
        p = person.profile
        first, last = (p.name or "Sample Person").split(" ", 1)
        rows.append(
            {
                "public_id": secrets.token_urlsafe(16),
                "email": f"bench-{offset + i}@example.org",
                "first_name": first,
                "last_name": last,
                "phone": p.phone or "",
                "postcode": p.postcode or "",
                "region": p.region,
                "current_role": p.current_role,
                "career_summary": p.career_summary,
                "skill_areas": p.skill_areas,
                "competency_evidence": {},
                "board_experience": p.board_experience,
                "availability": p.availability,
                "willing_challenged": p.willing_challenged,
                "consent_to_match": True,
                "in_pool": True,
                "completed_steps": ["about-you", "experience", "competencies"],
                "draft_data": {},
                "link_version": 1,
                "created_at": now,
                "updated_at": now,
                "last_active_at": now,
            }
        )
    conn.execute(insert(Candidate), rows)
    emails = [r["email"] for r in rows]
    query = select(Candidate.email, Candidate.id).where(Candidate.email.in_(emails))
    found = {email: cid for email, cid in conn.execute(query)}
    return [found[e] for e in emails]


def _insert_cvs(conn: Any, chunk: list[Any], ids: list[int]) -> None:
    conn.execute(
        insert(CVDocument),
        [
            {
                "candidate_id": cid,
                "original_filename": "cv.pdf",
                "content_type": "application/pdf",
                "size_bytes": len(person.profile.cv_text) * 2,
                "storage_name": secrets.token_hex(16),
                "text": person.profile.cv_text,
                "uploaded_at": datetime.now(),
            }
            for cid, person in zip(ids, chunk, strict=True)
        ],
    )


def _insert_applications(
    conn: Any,
    candidate_ids: list[int],
    vacancy_id: int,
    start: datetime,
    stages: tuple[str, ...],
    weights: tuple[float, ...],
    rng: random.Random,
) -> None:
    rows = []
    for cid in candidate_ids:
        at = start + timedelta(minutes=rng.randint(0, 60 * 24 * 28))
        rows.append(
            {
                "reference": new_reference(),
                "candidate_id": cid,
                "vacancy_id": vacancy_id,
                "statement": "I would bring my financial and audit experience to the board.",
                "guaranteed_interview": rng.random() < 0.05,
                "stage": rng.choices(stages, weights=weights)[0],
                "created_at": at,
                "updated_at": at,
                "submitted_at": at,
            }
        )
    conn.execute(insert(Application), rows)
    refs = [r["reference"] for r in rows]
    found = conn.execute(
        select(Application.id, Application.stage, Application.submitted_at).where(
            Application.reference.in_(refs)
        )
    ).all()
    changes = []
    for app_id, stage, at in found:
        changes.append(
            {"application_id": app_id, "from_stage": "draft", "to_stage": "applied", "at": at}
        )
        if stage != "applied":
            changes.append(
                {
                    "application_id": app_id,
                    "from_stage": "applied",
                    "to_stage": stage,
                    "at": at,
                    "reason": "Essential criteria not evidenced" if stage == "rejected" else "",
                }
            )
    conn.execute(insert(StageChange), changes)


# The server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int) -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--log-level",
        "warning",
        "wsgi:app",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped with exit code {process.returncode}")
            try:
                requests.get(f"{url}/team/sign-in", timeout=10)
                break
            except requests.RequestException:  # not listening yet, or a worker booting
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start within 60 s") from None
                time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in(url: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{url}/team/sign-in", timeout=30)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    if token is None:
        raise SystemExit("No csrf_token on the sign-in page.")
    response = session.post(
        f"{url}/team/sign-in",
        data={"csrf_token": token.group(1), "email": "benchmark@nhs.example", "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302:
        raise SystemExit(f"Sign-in failed with status {response.status_code}.")
    return session


def timed(session: requests.Session, url: str, n: int, check: str) -> list[float]:
    times = []
    for _ in range(n):
        response = session.get(url, timeout=60, allow_redirects=False)
        if response.status_code != 200 or check not in response.text:
            raise SystemExit(f"{url} answered {response.status_code} without {check!r}.")
        times.append(response.elapsed.total_seconds() * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def profile_in_process(app: Any, path: str) -> None:
    """The same request through the test client of an app on the same database and model."""
    with app.app_context():
        client = app.test_client()
        signed_in = client.post(
            "/team/sign-in", data={"email": "benchmark@nhs.example", "password": PASSWORD}
        )
        if signed_in.status_code != 302:
            raise SystemExit(f"Sign-in for profiling failed ({signed_in.status_code}).")
        client.get(path)  # warm: load the model once
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            response = client.get(path)
        profiler.disable()
        if response.status_code != 200:
            raise SystemExit(f"Profiling: {path} answered {response.status_code}.")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(35)
    console.print("[bold]cProfile of 5 requests of page 1, by cumulative time[/bold]")
    print(out.getvalue())  # plain: rich would wrap the long paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=5_000)
    parser.add_argument("--pool", type=int, default=100_000, help="candidates in all")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per view")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", help="an empty database to use instead")
    parser.add_argument("--profile", action="store_true", help="also profile page 1")
    args = parser.parse_args()
    if args.applicants > args.pool:
        parser.error("--applicants cannot be more than --pool (applicants are in the pool)")

    folder = Path(tempfile.mkdtemp(prefix="nedmatch-bench-"))
    try:
        with database(args.database_url, folder, console) as (url, backend):
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

    env = {
        "NEDMATCH_CONFIG": "development",
        "DATABASE_URL": url,
        "MODEL_FOLDER": settings["MODEL_FOLDER"],
        "SECRET_KEY": secret,
        "MONITORING_KEY": monitoring_key,
        "MAIL_BACKEND": "log",
    }
    views = {
        "Ranked list, page 1": f"/team/vacancies/{vacancy_id}",
        "Filtered (all essentials, score 40+, stage applied)": (
            f"/team/vacancies/{vacancy_id}?essentials=met&min_score=40&stage=applied"
        ),
        "Ranked list, page 10": f"/team/vacancies/{vacancy_id}?page=10",
    }
    baseline_name, baseline_path = "Baseline: team dashboard (/team/)", "/team/"
    results: dict[str, list[float]] = {}
    with gunicorn(env, args.workers) as base:
        session = sign_in(base)
        with console.status("Warming up every worker"):
            for _ in range(5 * args.workers):
                for path in [baseline_path, *views.values()]:
                    timed(session, base + path, 1, "NEDMatch")
        with Progress(console=console) as progress:
            for name, path in [(baseline_name, baseline_path), *views.items()]:
                task = progress.add_task(name, total=args.requests)
                times = []
                for _ in range(args.requests):
                    times += timed(session, base + path, 1, "NEDMatch")
                    progress.advance(task)
                results[name] = times

    baseline = statistics.median(results[baseline_name])
    table = Table(
        title=f"Ranked list through gunicorn ({args.workers} workers), {backend}: "
        f"{args.applicants:,} applicants, {args.pool:,} candidates, "
        f"{args.requests} requests each, server time in ms"
    )
    for column in ("View", "Median", "p95", "Median / baseline", "Target met"):
        table.add_column(column, justify="left" if column == "View" else "right")
    for name, times in results.items():
        median, high = statistics.median(times), p95(times)
        is_baseline = name == baseline_name
        met = median <= TARGET_MEDIAN_MS and high <= TARGET_P95_MS
        table.add_row(
            name,
            f"{median:.1f}",
            f"{high:.1f}",
            "1.0" if is_baseline else f"{median / baseline:.1f}",
            "" if is_baseline else ("yes" if met else "[red]no[/red]"),
        )
    console.print(table)
    console.print(
        f"Target (issue 4): median <= {TARGET_MEDIAN_MS:.0f} ms and p95 <= "
        f"{TARGET_P95_MS:.0f} ms. The baseline is a signed-in page without ranking."
    )
    if args.profile:
        matching.forget()
        # CSRF off for this in-process client only: it signs in without reading the form.
        profiled = create_app("development", WTF_CSRF_ENABLED=False, **settings)
        profiled.instance_path = app.instance_path
        profile_in_process(profiled, views["Ranked list, page 1"])


if __name__ == "__main__":
    main()
