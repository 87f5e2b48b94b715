"""Settings for each environment. Secrets come only from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Shared defaults; development runs on a SQLite file in the instance folder."""

    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    # None means "a SQLite file in the instance folder", filled in by create_app.
    SQLALCHEMY_DATABASE_URI: str | None = os.environ.get("DATABASE_URL")
    # hide_parameters: a failing statement is logged without its values (names, notes,
    # monitoring answers); the SQL and the error are enough to find the fault.
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {"pool_pre_ping": True, "hide_parameters": True}
    SQLALCHEMY_RECORD_QUERIES = False

    # Candidates upload a CV of at most 5 MB; the request limit leaves room for the form.
    CV_MAX_BYTES = 5 * 1024 * 1024
    # Wall-clock time a CV's text may take to read (services/cv.py); a file past it is
    # refused with a message. An ordinary CV takes about 0.4 s.
    CV_EXTRACT_SECONDS = 2.0
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    # Default instance/uploads; with several app servers, a folder they all mount (below).
    UPLOAD_FOLDER: str | None = os.environ.get("UPLOAD_FOLDER") or (
        str(Path(os.environ["SHARED_STORAGE_PATH"], "uploads"))
        if os.environ.get("SHARED_STORAGE_PATH")
        else None
    )

    # Return links sent by email: how long a link works.
    RETURN_LINK_MAX_AGE = timedelta(days=int(os.environ.get("RETURN_LINK_DAYS", "14")))
    # A team member's emailed link to set a new password: short-lived (it works once too).
    PASSWORD_RESET_MAX_AGE = timedelta(minutes=int(os.environ.get("PASSWORD_RESET_MINUTES", "60")))

    # Equality monitoring answers are keyed by an HMAC of the candidate, never by their id.
    MONITORING_KEY: str | None = os.environ.get("MONITORING_KEY")
    # CV files are encrypted at rest with this Fernet key (Fernet.generate_key()). Several
    # keys separated by commas rotate them: the first encrypts, all of them decrypt.
    CV_ENCRYPTION_KEY: str | None = os.environ.get("CV_ENCRYPTION_KEY")

    # Retention (DOMAIN.md, Data protection). An unsuccessful application is erased this
    # many months after its campaign closes; a profile this many months after the
    # candidate last used the service, unless they renew it; the reminder goes this many
    # months before that, once.
    RETENTION_UNSUCCESSFUL_MONTHS = int(os.environ.get("RETENTION_UNSUCCESSFUL_MONTHS", "12"))
    RETENTION_POOL_MONTHS = int(os.environ.get("RETENTION_POOL_MONTHS", "24"))
    RETENTION_REMINDER_MONTHS = int(os.environ.get("RETENTION_REMINDER_MONTHS", "1"))
    # The "keep my profile" link in the reminder works a little longer than the month left.
    RENEW_LINK_MAX_AGE = timedelta(days=int(os.environ.get("RENEW_LINK_DAYS", "45")))

    # Email: "log" (default: written to the application log), "notify" or "smtp".
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "log")
    MAIL_FROM = os.environ.get("MAIL_FROM", "NEDMatch <no-reply@nedmatch.nhs.uk>")
    NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY")
    NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID")
    # A second Notify template for emails with a file Notify can hold: "((subject))" /
    # "((body))" then "((link_to_file))". Calendar files are not among them: they go as a
    # link to the service instead (services/platform/notifications.py).
    NOTIFY_FILE_TEMPLATE_ID = os.environ.get("NOTIFY_FILE_TEMPLATE_ID")
    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
    SMTP_STARTTLS = _env_bool("SMTP_STARTTLS", True)

    # Stage messages to candidates (services/messages): their "team_contact" is made from
    # the APPOINTMENTS_TEAM_* settings below, the same contact details every page gives.
    # A rejection waits this long before it is sent, so that a mistake can be undone.
    REJECTION_MESSAGE_DELAY_MINUTES = int(os.environ.get("REJECTION_MESSAGE_DELAY_MINUTES", "30"))
    # At most this often, a web process sends the messages that have come due (a request
    # after the team moved someone sends theirs at once); `flask messages send-due` too.
    MESSAGE_SWEEP_SECONDS = float(os.environ.get("MESSAGE_SWEEP_SECONDS", "60"))
    # Role alerts (services/alerts) go to members whose choices match a new vacancy and who
    # fit it reasonably: they evidence every essential criterion, or the model scores them
    # at least this (0 to 100). On the demo pool, 14% to 33% of members scored 40 or more
    # for each vacancy, and the median was about 30.
    ALERT_MIN_SCORE = float(os.environ.get("ALERT_MIN_SCORE", "40"))

    # Interviews (services/interviews): a candidate chooses, changes or cancels a time until
    # this many hours before it starts; after that they contact the team.
    INTERVIEW_CHANGE_HOURS = int(os.environ.get("INTERVIEW_CHANGE_HOURS", "24"))
    # How long the calendar file's link in an email works (for mail services that cannot
    # attach it).
    INTERVIEW_CALENDAR_LINK_MAX_AGE = timedelta(
        days=int(os.environ.get("INTERVIEW_CALENDAR_LINK_DAYS", "180"))
    )

    # Where the fitted matching model is kept (default: instance/model).
    MODEL_FOLDER: str | None = os.environ.get("MODEL_FOLDER")
    # Disclosure control of the diversity reports: one policy for the whole service, never
    # chosen per request (docs/disclosure.md). Counts below the threshold are shown as
    # "fewer than N"; "cell-key" adds ONS cell-key noise to the rest. Only "cell-key"
    # protects against differencing two reports; "suppress" and "round" are for tests.
    DIVERSITY_THRESHOLD = int(os.environ.get("DIVERSITY_THRESHOLD", "5"))  # 2 to 20
    DIVERSITY_METHOD = os.environ.get("DIVERSITY_METHOD", "cell-key")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: no lost forms

    # Security headers and rate limits (nedmatch/security.py). FORCE_HTTPS redirects http
    # to https and sends HSTS: production only, so `make run` works on plain http.
    FORCE_HTTPS = False
    # How many proxies (load balancers) stand in front of the app and add X-Forwarded-For.
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
    SESSION_COOKIE_SECURE = False
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = (
        os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    )
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After on a 429
    # If Redis cannot be reached, count in this process's memory (with a warning in the
    # log) until it answers again, rather than refuse every sign-in and application.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Keys in the shared store start with this, so that two services (or test runs) can
    # share one Redis without sharing counts.
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "nedmatch")
    # Calls allowed per API token (nedmatch/api/tokens.py).
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")

    SERVICE_NAME = "NEDMatch"
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")

    # The appointments team as candidates and the public reach it: named on the contact
    # page, the privacy notice and the accessibility statement (the footer links to them).
    # The defaults are placeholders for development (020 7946 0xxx is Ofcom's range kept
    # for drama): set the real ones in production.
    APPOINTMENTS_TEAM_NAME = os.environ.get(
        "APPOINTMENTS_TEAM_NAME", "NHS England non-executive appointments team"
    )
    APPOINTMENTS_TEAM_EMAIL = os.environ.get(
        "APPOINTMENTS_TEAM_EMAIL", "ned.appointments@nedmatch.nhs.uk"
    )
    APPOINTMENTS_TEAM_PHONE = os.environ.get("APPOINTMENTS_TEAM_PHONE", "020 7946 0123")
    APPOINTMENTS_TEAM_HOURS = os.environ.get(
        "APPOINTMENTS_TEAM_HOURS", "Monday to Friday, 9am to 5pm, except bank holidays"
    )
    # The phase banner on every page, and where its feedback link goes: a web form's
    # address, or a mailto: address (the banner then says the link opens an email).
    SERVICE_PHASE = os.environ.get("SERVICE_PHASE", "Beta")
    FEEDBACK_URL = (
        os.environ.get("FEEDBACK_URL")
        or f"mailto:{APPOINTMENTS_TEAM_EMAIL}?subject=NEDMatch%20feedback"
    )

    # Production run (README, "How to deploy"). With REDIS_URL, refits, report PDFs and
    # emails go to an RQ queue for `flask jobs worker`; without it they run in-process.
    REDIS_URL: str | None = os.environ.get("REDIS_URL") or None
    # How often each process looks for a newer published model (one indexed SELECT).
    MODEL_CHECK_SECONDS = float(os.environ.get("MODEL_CHECK_SECONDS", "30"))
    # Webhooks (services/webhooks/): sent only over https to public addresses, except in
    # development and tests, which may send to http://localhost. After a request that queued
    # one they are sent in the background, and retries at most this often from any request.
    WEBHOOK_ALLOW_LOCAL = False
    WEBHOOK_DELIVER_AFTER_REQUEST = True
    WEBHOOK_SWEEP_SECONDS = float(os.environ.get("WEBHOOK_SWEEP_SECONDS", "60"))
    # "json": one JSON object a line with the request id; "plain" for people reading a tty.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")


class DevelopmentConfig(Config):
    DEBUG = False
    WEBHOOK_ALLOW_LOCAL = True
    # A development secret is generated into the instance folder by create_app when unset.


class TestingConfig(Config):
    TESTING = True
    # Test runs share a few cores with much else; the limits are tested on their own.
    CV_EXTRACT_SECONDS = 10.0
    SECRET_KEY = "testing-secret-key"  # noqa: S105 - a fixed key used only by tests
    MONITORING_KEY = "testing-monitoring-key"
    CV_ENCRYPTION_KEY = "dGVzdGluZy1jdi1lbmNyeXB0aW9uLWtleS0zMi1ieXQ="  # noqa: S105 - tests only
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    MAIL_BACKEND = "memory"
    RATELIMIT_ENABLED = False  # the security tests switch limits on where they test them
    SERVER_NAME = None
    REDIS_URL = None  # the queue tests switch it on where they test it
    WEBHOOK_ALLOW_LOCAL = True
    # Tests send deliveries themselves (delivery.send_due), on a clock they choose.
    WEBHOOK_DELIVER_AFTER_REQUEST = False


class ProductionConfig(Config):
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
    SESSION_COOKIE_SECURE = True
    FORCE_HTTPS = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
