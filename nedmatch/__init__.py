"""NEDMatch: find and appoint non-executive directors for NHS boards."""

from __future__ import annotations

import logging
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from flask import Flask, send_from_directory
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from sqlalchemy.engine import make_url

from config import BASE_DIR, CONFIGS, Config

from . import health, observability, security

# The mail services that deliver; "log" (development) and "memory" (tests) do not.
PRODUCTION_MAIL_BACKENDS = frozenset({"notify", "smtp"})


def create_app(
    config: str | type[Config] | None = None,
    *,
    instance_path: str | None = None,
    **overrides: Any,
) -> Flask:
    """Build the application; reads as a table of contents of what it is made of.

    instance_path: the folder for the development database and generated secrets
    (default instance/ beside the code)."""
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    configure(app, config, overrides)
    configure_templates(app)
    observability.register(app)  # before all else: every log line carries the request id
    security.register(app)  # first: headers, CSP nonce and rate limits
    register_extensions(app)
    register_blueprints(app)
    register_message_sweep(app)
    health.register(app)
    register_access_control(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def configure(app: Flask, config: str | type[Config] | None, overrides: dict[str, Any]) -> None:
    name = config if isinstance(config, str) else None
    if config is None:
        name = os.environ.get("NEDMATCH_CONFIG", "development")
    config_class = CONFIGS[name] if name is not None else config
    app.config.from_object(config_class)
    app.config.update(overrides)
    app.config["CONFIG_NAME"] = name or getattr(config_class, "__name__", "custom")
    _private_folder(app, Path(app.instance_path))

    if name == "production":
        missing = [
            key
            for key in (
                "SECRET_KEY",
                "SQLALCHEMY_DATABASE_URI",
                "MONITORING_KEY",
                "CV_ENCRYPTION_KEY",
            )
            if not app.config.get(key)
        ]
        if missing:
            env_names = {"SQLALCHEMY_DATABASE_URI": "DATABASE_URL"}
            raise RuntimeError(
                "Production needs these environment variables: "
                + ", ".join(env_names.get(key, key) for key in missing)
            )
        # Refused rather than redacted: the development backend keeps every email (names,
        # links that sign people in) on the server and delivers none, so a production
        # service using it would be both leaking and broken.
        if app.config.get("MAIL_BACKEND") not in PRODUCTION_MAIL_BACKENDS:
            raise RuntimeError(
                "Production needs MAIL_BACKEND=notify (GOV.UK Notify) or smtp: the "
                f"{app.config.get('MAIL_BACKEND')!r} backend does not deliver email"
            )
    else:
        # Development keeps generated secrets in the instance folder, so that sessions and
        # monitoring keys survive a restart without anyone having to set them.
        for key in ("SECRET_KEY", "MONITORING_KEY"):
            if not app.config.get(key):
                app.config[key] = _instance_secret(app, key.lower())
        if not app.config.get("CV_ENCRYPTION_KEY"):
            app.config["CV_ENCRYPTION_KEY"] = _instance_secret(
                app, "cv_encryption_key", lambda: Fernet.generate_key().decode()
            )
    _check_cv_key(app.config["CV_ENCRYPTION_KEY"])
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///{Path(app.instance_path, 'nedmatch.db')}"
        )
    _private_sqlite_file(app, app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql://"):
        # psycopg 3 is the driver we install.
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"].replace(
            "postgresql://", "postgresql+psycopg://", 1
        )
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        app.logger.setLevel(logging.INFO)
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _instance_secret(
    app: Flask, name: str, make: Callable[[], str] = lambda: secrets.token_hex(32)
) -> str:
    path = Path(app.instance_path, name)
    if not path.exists():
        # Created 0600 in one step: never readable by others, even for a moment.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(make())
    return path.read_text().strip()


# The instance folder holds the development database (candidates' personal data and
# monitoring answers), generated secrets, CVs and the model: only the account that runs
# the service may open it, and the SQLite database file is its alone as well.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def _private_folder(app: Flask, path: Path) -> None:
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _tighten(app, path, PRIVATE_FOLDER)


def _private_sqlite_file(app: Flask, uri: str) -> None:
    """Create a SQLite database file 0600 before SQLite does (it would make it 0644, for
    every account on the machine to read), and tighten one made earlier. SQLite gives its
    journal and WAL files the database file's permissions."""
    url = make_url(uri)
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    if database.startswith("file:") or url.query.get("uri"):
        return  # a URI filename names its own options; leave it to the person who wrote it
    path = Path(database)
    try:
        # An empty file is an empty SQLite database; O_CREAT alone never truncates one.
        os.close(os.open(path, os.O_RDONLY | os.O_CREAT, PRIVATE_FILE))
    except FileNotFoundError:
        return  # no such folder: SQLite will say so when it connects
    for companion in (path, *(Path(f"{path}{end}") for end in ("-journal", "-wal", "-shm"))):
        if companion.exists():
            _tighten(app, companion, PRIVATE_FILE)


def _tighten(app: Flask, path: Path, mode: int) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~mode == 0:
        return
    try:
        path.chmod(current & mode)
    except OSError as error:
        app.logger.warning(
            "%s can be read by other accounts (%o) and could not be made private: %s",
            path,
            current,
            error,
        )
        return
    app.logger.warning(
        "%s could be read by other accounts (%o); it is now %o", path, current, current & mode
    )


def _check_cv_key(value: str) -> None:
    """Refuse to start with a key that cannot encrypt, rather than fail at the first upload."""
    try:
        for key in value.split(","):
            Fernet(key.strip())
    except ValueError as error:
        raise RuntimeError(
            "CV_ENCRYPTION_KEY must be Fernet keys separated by commas; make one with "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        ) from error


def configure_templates(app: Flask) -> None:
    app.jinja_options = {
        # The NHS.UK templates read nested parameters that callers may leave out.
        "undefined": ChainableUndefined,
        "loader": ChoiceLoader(
            [FileSystemLoader(str(BASE_DIR / "templates")), PackageLoader("nhsuk_frontend_jinja")]
        ),
        "autoescape": True,
    }
    from .templating import register_template_helpers

    register_template_helpers(app)


def register_extensions(app: Flask) -> None:
    from .extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"

    from .auth.users import load_user

    login_manager.user_loader(load_user)


def register_blueprints(app: Flask) -> None:
    # NHS.UK frontend's CSS refers to its icons under /assets/: serve them there too.
    assets = BASE_DIR / "static" / "vendor" / "nhsuk" / "assets"

    def nhsuk_assets(filename: str) -> Any:
        return send_from_directory(assets, filename)

    app.add_url_rule("/assets/<path:filename>", "nhsuk_assets", nhsuk_assets)

    from .api.public import bp as api_public_bp
    from .api.team import bp as api_team_bp
    from .appointments.api_tokens.routes import bp as api_tokens_bp
    from .appointments.boards.routes import bp as boards_bp
    from .appointments.development.routes import bp as development_bp
    from .appointments.fppt.routes import bp as fppt_bp
    from .appointments.imports.routes import bp as imports_bp
    from .appointments.interviews.routes import bp as interviews_bp
    from .appointments.messages.routes import bp as messages_bp
    from .appointments.panel.routes import bp as panel_bp
    from .appointments.pool.routes import bp as pool_bp
    from .appointments.privacy.routes import bp as privacy_bp
    from .appointments.routes import bp as appointments_bp
    from .appointments.sift.routes import bp as sift_bp
    from .appointments.timing.routes import bp as timing_bp
    from .appointments.webhooks.routes import bp as webhooks_bp
    from .auth.members import bp as members_bp
    from .auth.reset_routes import bp as password_reset_bp
    from .auth.routes import bp as auth_bp
    from .candidates import journey_routes, step_routes  # noqa: F401 - add their pages
    from .candidates.about_routes import bp as about_bp
    from .candidates.alerts_routes import bp as alerts_bp
    from .candidates.blueprint import bp as candidates_bp
    from .candidates.board_declaration_routes import bp as board_declaration_bp
    from .candidates.feeds_routes import bp as feeds_bp
    from .candidates.interview_routes import bp as interview_bp
    from .candidates.links_routes import bp as links_bp
    from .candidates.my_data_routes import bp as my_data_bp
    from .candidates.recommend_routes import bp as recommend_bp
    from .reports.public_routes import bp as bias_public_bp
    from .reports.routes import bp as reports_bp

    app.register_blueprint(candidates_bp)
    app.register_blueprint(links_bp)
    app.register_blueprint(my_data_bp)
    app.register_blueprint(alerts_bp)
    app.register_blueprint(recommend_bp)
    app.register_blueprint(about_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(interview_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(password_reset_bp)
    app.register_blueprint(bias_public_bp)
    app.register_blueprint(board_declaration_bp)
    # The team's side: every page under /team, behind the default-deny sign-in.
    app.register_blueprint(appointments_bp, url_prefix="/team")
    app.register_blueprint(sift_bp, url_prefix="/team")
    app.register_blueprint(panel_bp, url_prefix="/team")
    app.register_blueprint(messages_bp, url_prefix="/team")
    app.register_blueprint(fppt_bp, url_prefix="/team")
    app.register_blueprint(boards_bp, url_prefix="/team")
    app.register_blueprint(development_bp, url_prefix="/team")
    app.register_blueprint(interviews_bp, url_prefix="/team")
    app.register_blueprint(timing_bp, url_prefix="/team")
    app.register_blueprint(privacy_bp, url_prefix="/team")
    app.register_blueprint(pool_bp, url_prefix="/team")
    app.register_blueprint(imports_bp, url_prefix="/team")
    app.register_blueprint(members_bp, url_prefix="/team")
    app.register_blueprint(reports_bp, url_prefix="/team/reports")
    app.register_blueprint(api_tokens_bp, url_prefix="/team")
    app.register_blueprint(webhooks_bp, url_prefix="/team")
    # The JSON API for other systems (nedmatch/api/): open vacancies for anyone, and the
    # team's work for a bearer token. Only the token-authenticated routes skip the CSRF
    # check: a browser cannot send their Authorization header by itself.
    app.register_blueprint(api_public_bp, url_prefix="/api/v1")
    app.register_blueprint(api_team_bp, url_prefix="/api/v1/team")
    from .extensions import csrf

    csrf.exempt(api_team_bp)


def register_message_sweep(app: Flask) -> None:
    """Stage messages that are due go out after a team member's request (services/messages)."""
    from .services.messages import sweep
    from .services.webhooks import dispatch

    sweep.register(app)
    dispatch.register(app)


def register_access_control(app: Flask) -> None:
    from .auth.access import require_team_login

    app.before_request(require_team_login)


def register_errorhandlers(app: Flask) -> None:
    from .errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from . import cli, data_cli, worker
    from .api import cli as api_cli
    from .appointments.fppt import cli as fppt_cli
    from .appointments.webhooks import cli as webhooks_cli
    from .reports import cli as reports_cli

    for commands in (cli, reports_cli, data_cli, worker, api_cli, webhooks_cli, fppt_cli):
        commands.register(app)
