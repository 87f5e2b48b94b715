"""gunicorn settings for production: `.venv/bin/gunicorn -c gunicorn.conf.py wsgi:app`.

Every setting can be changed from the environment, so one file serves every server.
"""

from __future__ import annotations

import multiprocessing
import os

# Listen where the load balancer sends traffic; a container usually wants 0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Processes: each holds its own copy of the matching model (tens of MB at 100,000
# candidates), so size by memory as well as CPUs. Threads serve the many requests that
# wait on PostgreSQL; ranking itself releases the GIL in NumPy and SciPy.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# No preload: each worker builds the app, connects to the database and loads the model
# itself after the fork, so no connection or model is shared between processes, and a
# newer model is picked up per worker (see nedmatch/services/matching.py).
preload_app = False

# A request that takes longer than this is killed: long work belongs in a job.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than a load balancer's idle timeout (60 s on most), so it closes first.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycle workers now and then (with jitter so they do not all restart together), which
# bounds any slow growth in memory.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))

# The request id (X-Request-ID, set or passed on by the app) is on every access line.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" turns it off
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No log line may carry an emailed link's token (a return link signs its holder in): this
# logger puts nedmatch.observability's redacting filter on the access and error logs.
logger_class = "nedmatch.observability.GunicornLogger"
access_log_format = (
    'request_id=%({x-request-id}o)s remote=%(h)s "%(r)s" status=%(s)s bytes=%(B)s '
    'duration_ms=%(M)s "%(a)s"'
)

# gunicorn's control socket (`gunicornc`) defaults to one path per user; several
# gunicorns on one machine (tests, benchmarks) would share it, so it is off unless asked.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") == ""
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# Behind a load balancer: trust its X-Forwarded-* headers only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

_json = (
    os.environ.get(
        "LOG_FORMAT", "json" if os.environ.get("NEDMATCH_CONFIG") == "production" else "plain"
    )
    == "json"
)
if _json:
    # gunicorn's own lines (start, stop, access) in the same JSON as the app's.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "nedmatch.observability.JsonFormatter"}},
        "filters": {
            "request_id": {"()": "nedmatch.observability.RequestIdFilter"},
            "redact": {"()": "nedmatch.observability.RedactingFilter"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id", "redact"],
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"level": "INFO", "handlers": ["stdout"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
    }
