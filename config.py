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
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False

    # Candidates upload a CV of at most 5 MB; the request limit leaves room for the form.
    CV_MAX_BYTES = 5 * 1024 * 1024
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    UPLOAD_FOLDER: str | None = os.environ.get("UPLOAD_FOLDER")  # default: instance/uploads

    # Return links sent by email: how long a link works.
    RETURN_LINK_MAX_AGE = timedelta(days=int(os.environ.get("RETURN_LINK_DAYS", "14")))

    # Equality monitoring answers are keyed by an HMAC of the candidate, never by their id.
    MONITORING_KEY: str | None = os.environ.get("MONITORING_KEY")

    # Email: "log" (default: written to the application log), "notify" or "smtp".
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "log")
    MAIL_FROM = os.environ.get("MAIL_FROM", "NEDMatch <no-reply@nedmatch.nhs.uk>")
    NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY")
    NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID")
    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
    SMTP_STARTTLS = _env_bool("SMTP_STARTTLS", True)

    # Where the fitted matching model is kept (default: instance/model).
    MODEL_FOLDER: str | None = os.environ.get("MODEL_FOLDER")
    DIVERSITY_THRESHOLD = int(os.environ.get("DIVERSITY_THRESHOLD", "5"))  # reports: 2 to 20

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: no lost forms

    SERVICE_NAME = "NEDMatch"
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")


class DevelopmentConfig(Config):
    DEBUG = False
    # A development secret is generated into the instance folder by create_app when unset.


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"  # noqa: S105 - a fixed key used only by tests
    MONITORING_KEY = "testing-monitoring-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    MAIL_BACKEND = "memory"
    SERVER_NAME = None


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
