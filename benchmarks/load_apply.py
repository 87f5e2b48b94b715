"""Load and faults: 50 candidates applying at once for 60 s, with PostgreSQL restarted in
the middle, against gunicorn on loopback.

Run from the repository root as root (to restart PostgreSQL):
``python -m benchmarks.load_apply [--seconds 60] [--users 50] [--no-restart]``.

It creates its own PostgreSQL database, migrates it, seeds open vacancies, and starts its
own gunicorn (gunicorn.conf.py, development config: CSRF on, rate limits off so one
address can be fifty people). Each simulated candidate has its own cookie jar and walks
the whole journey: start with an email, every step (reading the CSRF token from each
form), check answers, submit. One submit in five is double-clicked (two POSTs at once).
A candidate who gets an error page does what a person would: waits a moment and sends
the same form again. Half-way through, PostgreSQL is restarted.

At the end every accepted submission (a confirmation page showing its reference) is
looked up: it must be in the database exactly once (one submitted application, one
"applied" stage change). 5xx outside the restart window must be 0. The baseline, measured
in the same run before the load, is GET /health (one SELECT 1) from as many clients.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import psycopg
import requests
from cryptography.fernet import Fernet
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REFERENCE = re.compile(r"/applications/([^/]+)/confirmation")
# How long after PostgreSQL is back that errors still count as "during the restart":
# connections that were open when it went away are found dead on their next use.
RESTART_GRACE = 5.0

STEPS: dict[str, dict[str, object]] = {
    "about-you": {
        "first_name": "Load",
        "last_name": "Tester",
        "phone": "07700 900 982",
        "postcode": "ls1 4ap",
        "region": "north-east-and-yorkshire",
    },
    "experience": {
        "current_role": "Finance Director, Aire Valley Housing Association",
        "career_summary": (
            "Chartered accountant with twenty years in finance leadership across housing "
            "and local government, including ten years as a finance director."
        ),
        "skill_areas": ["accountancy", "audit-risk", "finance"],
        "board_experience": "other-board",
        "availability": "3-5",
        "willing_challenged": "yes",
        "consent_to_match": "yes",
    },
    "competencies": {
        "evidence_governance": (
            "I chaired the audit and risk committee of a housing association for four years."
        ),
        "evidence_outcomes": "I led a value for money review that released savings.",
    },
    "statement": {
        "statement": (
            "I am a qualified accountant with recent and relevant financial experience, and "
            "I have chaired an audit committee. I want to bring that to the trust's board."
        ),
        "guaranteed_interview": "no",
    },
    "cv": {},
    "eligibility": {"items": ["none"], "confirm": "y"},
    "equality": {"sex": "female", "ethnicity": "african", "disability": "prefer-not-to-say"},
}


@dataclass
class Sample:
    started: float
    seconds: float
    status: int  # 0: no answer (connection refused or reset)
    kind: str


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    double_clicks: int = 0
    journeys_abandoned: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Candidate:
    """One person in one browser: a cookie jar of their own."""

    def __init__(self, base: str, results: Results, deadline: float) -> None:
        self.base = base
        self.results = results
        self.deadline = deadline
        self.session = requests.Session()

    def request(self, method: str, path: str, kind: str, **kwargs: object) -> requests.Response:
        """Send, retrying as a person would after an error page, until the run ends."""
        while True:
            started = time.monotonic()
            try:
                response = self.session.request(
                    method, self.base + path, timeout=30, allow_redirects=False, **kwargs
                )
                status = response.status_code
            except requests.RequestException:
                response, status = None, 0
            self.results.add(Sample(started, time.monotonic() - started, status, kind))
            if response is not None and status < 500:
                return response
            if time.monotonic() > self.deadline + 30:
                raise TimeoutError(path)
            time.sleep(0.5)

    def form(self, path: str, kind: str) -> str:
        page = self.request("GET", path, kind)
        match = CSRF.search(page.text)
        if page.status_code != 200 or match is None:
            raise RuntimeError(f"{path}: {page.status_code}, no form")
        return match.group(1)

    def apply(self, vacancy_id: int, double_click: bool) -> str | None:
        token = self.form(f"/vacancies/{vacancy_id}/apply", "start")
        email = f"load-{secrets.token_hex(6)}@example.com"
        started = self.request(
            "POST",
            f"/vacancies/{vacancy_id}/apply",
            "start",
            data={"email": email, "csrf_token": token},
        )
        base = started.headers["Location"].rsplit("/", 1)[0]
        for slug, values in STEPS.items():
            token = self.form(f"{base}/{slug}", "step")
            saved = self.request(
                "POST", f"{base}/{slug}", "step", data={**values, "csrf_token": token}
            )
            if saved.status_code != 302:
                raise RuntimeError(f"{slug}: {saved.status_code}")
        token = self.form(f"{base}/check", "check")
        if double_click:
            return self._double_click(f"{base}/check", token)
        submitted = self.request("POST", f"{base}/check", "submit", data={"csrf_token": token})
        return self._confirmed(submitted)

    def _double_click(self, path: str, token: str) -> str | None:
        """Two POSTs of the same form at once, from the same browser (its cookies)."""
        responses: list[requests.Response] = []
        twin = requests.Session()
        twin.cookies.update(self.session.cookies)

        def click(session: requests.Session) -> None:
            started = time.monotonic()
            try:
                response = session.post(
                    self.base + path, data={"csrf_token": token}, timeout=30, allow_redirects=False
                )
                status = response.status_code
                responses.append(response)
            except requests.RequestException:
                status = 0
            self.results.add(Sample(started, time.monotonic() - started, status, "submit"))

        threads = [threading.Thread(target=click, args=(s,)) for s in (self.session, twin)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with self.results.lock:
            self.results.double_clicks += 1
        for response in responses:
            reference = self._confirmed(response)
            if reference:
                return reference
        return None

    def _confirmed(self, response: requests.Response) -> str | None:
        """The reference on the confirmation page, if the submit was accepted."""
        match = REFERENCE.search(response.headers.get("Location", ""))
        if response.status_code != 302 or match is None:
            return None
        page = self.request("GET", response.headers["Location"], "confirmation")
        if page.status_code == 200 and match.group(1) in page.text:
            return match.group(1)
        return None


def candidate_loop(
    base: str, vacancies: list[int], results: Results, deadline: float, seed: int
) -> None:
    number = seed
    while time.monotonic() < deadline:
        number += 1
        person = Candidate(base, results, deadline)
        try:
            reference = person.apply(
                vacancies[number % len(vacancies)], double_click=number % 5 == 1
            )
        except (RuntimeError, TimeoutError, KeyError):
            with results.lock:
                results.journeys_abandoned += 1
            continue
        if reference:
            with results.lock:
                results.accepted.append(reference)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def restart_postgresql() -> None:
    versions = sorted(os.listdir("/etc/postgresql"))
    subprocess.run(  # noqa: S603 - fixed arguments
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"],  # noqa: S607
        check=True,
        capture_output=True,
    )


def seed(url: str) -> list[int]:
    from nedmatch import create_app
    from nedmatch.extensions import db
    from nedmatch.models import Organisation, Vacancy

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        organisation = Organisation(
            name="Leeds Teaching Hospitals NHS Trust",
            org_type="trust",
            region="north-east-and-yorkshire",
            challenged=False,
        )
        db.session.add(organisation)
        ids = []
        for number in range(3):
            vacancy = Vacancy(
                organisation=organisation,
                role_type="audit-chair",
                title=f"Non-executive director {number + 1}",
                description="The board needs a qualified accountant to chair its audit committee.",
                essential_criteria=["A professional accountancy qualification"],
                desirable_criteria=["Experience of chairing an audit committee"],
                domain_weights={"governance": 5.0},
                skill_areas=["accountancy", "audit-risk"],
                location_requirement="region",
                time_commitment="3 days a month",
                time_commitment_days=3.0,
                pay=13000,
                term_years=3,
                opens_on=date.today() - timedelta(days=7),
                closes_on=date.today() + timedelta(days=21),
                status="open",
            )
            db.session.add(vacancy)
            db.session.flush()
            ids.append(vacancy.id)
        db.session.commit()
        db.engine.dispose()
    return ids


def check_stored(url: str, accepted: list[str]) -> tuple[int, int, list[str]]:
    """(submitted applications in the database, accepted found exactly once, problems)."""
    with psycopg.connect(url) as connection:
        stored = connection.execute(
            "SELECT count(*) FROM application WHERE stage <> 'draft'"
        ).fetchone()[0]
        rows = connection.execute(
            "SELECT a.reference, count(DISTINCT a.id), count(s.id) FROM application a "
            "LEFT JOIN stage_change s ON s.application_id = a.id AND s.to_stage = 'applied' "
            "WHERE a.stage <> 'draft' GROUP BY a.reference"
        ).fetchall()
    found = {reference: (applications, changes) for reference, applications, changes in rows}
    problems = []
    exactly_once = 0
    for reference in accepted:
        applications, changes = found.get(reference, (0, 0))
        if applications == 1 and changes == 1:
            exactly_once += 1
        else:
            problems.append(f"{reference}: {applications} applications, {changes} stage changes")
    return stored, exactly_once, problems


def measure(base: str, users: int, seconds: float, path: str) -> list[Sample]:
    samples: list[Sample] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        session = requests.Session()
        while time.monotonic() < deadline:
            started = time.monotonic()
            status = session.get(base + path, timeout=10).status_code
            with lock:
                samples.append(Sample(started, time.monotonic() - started, status, "baseline"))

    threads = [threading.Thread(target=client) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per process")
    parser.add_argument("--baseline-seconds", type=float, default=5)
    parser.add_argument("--no-restart", action="store_true", help="leave PostgreSQL alone")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    console = Console()

    name = f"nedmatch_prod_{secrets.token_hex(4)}"
    admin_url = args.postgres
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    work = Path(tempfile.mkdtemp(prefix="nedmatch-load-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"REDIS_URL", "RATELIMIT_STORAGE_URI"}
            },
            "FLASK_APP": "wsgi.py",
            "NEDMATCH_CONFIG": "development",
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_hex(32),
            "MONITORING_KEY": secrets.token_hex(32),
            "CV_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "UPLOAD_FOLDER": str(work / "uploads"),
            "MODEL_FOLDER": str(work / "model"),
            "MAIL_BACKEND": "log",
            "LOG_FORMAT": "json",
            "GUNICORN_ACCESS_LOG": "",
            "WEB_CONCURRENCY": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
        }
        console.print(f"Database {name}: migrating and seeding")
        subprocess.run(  # noqa: S603 - our own venv's flask
            [str(BIN / "flask"), "db", "upgrade"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        vacancies = seed(url)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (work / "server.log").open("wb")
        server = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [
                str(BIN / "gunicorn"),
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                # Rate limits off: every simulated candidate comes from 127.0.0.1.
                "nedmatch:create_app('development', RATELIMIT_ENABLED=False)",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        for _ in range(120):
            try:
                if requests.get(base + "/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit(f"gunicorn did not start: see {work / 'server.log'}")
        # Every worker imports the app on its first request: warm them before measuring.
        measure(base, args.users, 2, "/vacancies")

        console.print(
            f"Baseline: GET /health from {args.users} clients for {args.baseline_seconds:g} s"
        )
        baseline = measure(base, args.users, args.baseline_seconds, "/health")

        console.print(f"Load: {args.users} candidates for {args.seconds:g} s")
        results = Results()
        begin = time.monotonic()
        deadline = begin + args.seconds
        window: list[float] = []

        def restarter() -> None:
            time.sleep(args.seconds / 2)
            window.append(time.monotonic())
            restart_postgresql()
            window.append(time.monotonic())
            console.print(f"PostgreSQL restarted in {window[1] - window[0]:.1f} s")

        threads = [
            threading.Thread(
                target=candidate_loop, args=(base, vacancies, results, deadline, n * 1000)
            )
            for n in range(args.users)
        ]
        if not args.no_restart:
            threads.append(threading.Thread(target=restarter))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - begin

        stored, exactly_once, problems = check_stored(url, results.accepted)
        in_window = (
            (
                lambda s: (
                    window[0] - 1 <= s.started + s.seconds
                    and s.started <= window[1] + RESTART_GRACE
                )
            )
            if len(window) == 2
            else (lambda s: False)
        )
        errors = [s for s in results.samples if s.status >= 500 or s.status == 0]
        outside = [s for s in errors if not in_window(s)]
        during = [s for s in errors if in_window(s)]
        ok = [s.seconds for s in results.samples if 0 < s.status < 500]

        table = Table(
            title=f"Applying under load: {args.users} candidates, {args.workers}x{args.threads} gunicorn, {elapsed:.0f} s"
        )
        table.add_column("Measure")
        table.add_column("Value", justify="right")
        base_ok = [s.seconds for s in baseline if s.status == 200]
        table.add_row(
            "Baseline GET /health: requests/s", f"{len(baseline) / args.baseline_seconds:,.0f}"
        )
        table.add_row(
            "Baseline GET /health: p50 / p95 ms",
            f"{1000 * percentile(base_ok, 0.5):.1f} / {1000 * percentile(base_ok, 0.95):.1f}",
        )
        table.add_row("Journey requests/s (all pages)", f"{len(results.samples) / elapsed:,.0f}")
        table.add_row(
            "Journey p50 / p95 ms (answered < 500)",
            f"{1000 * percentile(ok, 0.5):.1f} / {1000 * percentile(ok, 0.95):.1f}",
        )
        submits = [s.seconds for s in results.samples if s.kind == "submit" and 0 < s.status < 500]
        table.add_row(
            "Submit p50 / p95 ms",
            f"{1000 * percentile(submits, 0.5):.1f} / {1000 * percentile(submits, 0.95):.1f}",
        )
        table.add_row("Applications accepted (confirmation page)", f"{len(results.accepted):,}")
        table.add_row("Applications stored (submitted, in the database)", f"{stored:,}")
        table.add_row("Accepted and stored exactly once", f"{exactly_once:,}")
        table.add_row("Double-clicked submits", f"{results.double_clicks:,}")
        table.add_row("Applications per second", f"{len(results.accepted) / elapsed:,.1f}")
        if len(window) == 2:
            table.add_row("PostgreSQL restart took", f"{window[1] - window[0]:.1f} s")
        table.add_row("Errors during the restart (5xx or no answer)", f"{len(during):,}")
        statuses = sorted({s.status for s in during})
        table.add_row("  of which status", ", ".join(str(s) for s in statuses) or "-")
        table.add_row("5xx outside the restart window", f"{len(outside):,}")
        table.add_row("Journeys abandoned", f"{results.journeys_abandoned:,}")
        console.print(table)
        for problem in problems[:20]:
            console.print(f"[red]{problem}")
        passed = not outside and not problems and exactly_once == len(results.accepted)
        console.print("[green]PASS" if passed else "[red]FAIL")
        if not passed:
            console.print(f"Server log: {work / 'server.log'}")
            sys.exit(1)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
