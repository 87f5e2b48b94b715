"""Rate limits hold across gunicorn workers: with Redis configured, two workers share one
count, so 60 sign-in attempts from one address get no more than the limit (10 a minute)
through. Without Redis each worker counts alone, and more get through: the same test
shows the difference, so it can tell a shared count from per-process ones.

Runs gunicorn as a subprocess on a SQLite file, or on a throwaway PostgreSQL database when
TEST_DATABASE_URL is PostgreSQL. Redis: TEST_REDIS_URL, default redis://127.0.0.1:6379/2;
without it the test skips locally and fails in CI.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from config import BASE_DIR
from nedmatch import create_app
from nedmatch.extensions import db
from tests.conftest import missing

pytestmark = pytest.mark.production

GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
LIMIT = 10  # sign-in attempts a minute from one address (nedmatch/auth/routes.py)
ATTEMPTS = 60
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty schema the servers can read and write."""
    test_url = os.environ.get("TEST_DATABASE_URL", "")
    if test_url.startswith("postgresql"):
        import psycopg

        base = make_url(test_url).set(drivername="postgresql")
        name = f"nedmatch_limits_{secrets.token_hex(4)}"
        admin_url = base.set(database="postgres").render_as_string(hide_password=False)
        try:
            with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
        except psycopg.OperationalError as error:
            missing(f"PostgreSQL at {test_url} did not answer: {error}")
        url = base.set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'limits.db'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    if test_url.startswith("postgresql"):
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except RedisError as error:
        missing(f"no Redis server at {REDIS_URL} ({error})")
    yield REDIS_URL


def _serve(database_url: str, log: Path, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "RATELIMIT_STORAGE_URI", "UPLOAD_FOLDER", "MODEL_FOLDER"}
    }
    environment.update(
        NEDMATCH_CONFIG="development",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),
        MONITORING_KEY=secrets.token_hex(32),
        CV_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        UPLOAD_FOLDER=str(log.parent / "uploads"),
        MODEL_FOLDER=str(log.parent / "model"),
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG="",
        LOG_FORMAT="plain",
        **env,
    )
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", str(BASE_DIR / "gunicorn.conf.py"), "wsgi:app"],
            cwd=BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The server stopped:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/health", timeout=10).status_code == 200:
                # Both workers up: each says where it counts as it starts.
                if log.read_text().count("Rate limits are counted in") >= 2:
                    return process, url
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.terminate()
    pytest.fail(f"The server did not start:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _open_sign_in_page(url: str) -> tuple[requests.Session, str]:
    """One attacker's browser on a connection of its own (so the workers share the
    attempts), holding the sign-in page's CSRF token, as a browser posts it."""
    browser = requests.Session()
    page = browser.get(f"{url}/team/sign-in", timeout=60)
    token = CSRF.search(page.text)
    assert token, "no CSRF token on the sign-in page"
    return browser, token.group(1)


def _guess(url: str, browser: requests.Session, token: str, number: int) -> int:
    response = browser.post(
        f"{url}/team/sign-in",
        data={
            "email": f"guess{number}@nhs.example",
            "password": "a guessed password",
            "csrf_token": token,
        },
        timeout=120,
        allow_redirects=False,
    )
    browser.close()
    return response.status_code


def _sixty_attempts(url: str) -> tuple[list[int], float]:
    """The pages first (not limited), then the 60 posts at once: the posts are what is
    counted, and they must fall within one minute's window of the limit."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        opened = list(pool.map(lambda _: _open_sign_in_page(url), range(ATTEMPTS)))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(pool.map(lambda n: _guess(url, *opened[n], n), range(ATTEMPTS)))
    return codes, time.monotonic() - started


def test_two_workers_sharing_redis_let_no_more_than_the_limit_through(
    database_url: str, redis_url: str, tmp_path: Path
) -> None:
    from redis import Redis

    prefix = f"nedmatch-test-{secrets.token_hex(4)}"  # counts of their own, removed after
    log = tmp_path / "gunicorn.log"
    process, url = _serve(database_url, log, REDIS_URL=redis_url, RATELIMIT_KEY_PREFIX=prefix)
    try:
        codes, seconds = _sixty_attempts(url)
    finally:
        _stop(process)
        store = Redis.from_url(redis_url)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)
    output = log.read_text()

    assert set(codes) <= {200, 429}, codes  # 200: the sign-in page's "not right" answer
    through = sum(code == 200 for code in codes)
    print(f"{through} of {ATTEMPTS} sign-in attempts got through in {seconds:.1f} s")
    assert seconds < 60, "the attempts took over a minute: the limit's window moved on"
    assert through <= LIMIT, f"{through} of {ATTEMPTS} got through a limit of {LIMIT}"
    assert through == LIMIT  # and the limit itself is not lower than it says
    shared = f"Rate limits are counted in {redis_url}, shared by every worker and server"
    assert output.count(shared) == 2, output[-3000:]  # one line from each worker


def test_without_a_shared_store_each_worker_counts_alone(database_url: str, tmp_path: Path) -> None:
    """What the test above guards against: the same attack on two workers without Redis."""
    log = tmp_path / "gunicorn.log"
    process, url = _serve(database_url, log)
    try:
        codes, seconds = _sixty_attempts(url)
    finally:
        _stop(process)
    output = log.read_text()

    through = sum(code == 200 for code in codes)
    print(f"{through} of {ATTEMPTS} sign-in attempts got through in {seconds:.1f} s")
    assert seconds < 60
    assert LIMIT < through <= 2 * LIMIT, codes
    assert output.count("Rate limits are counted in this process's memory") == 2
