"""Logs a machine can read: every request gets an id (the caller's X-Request-ID when it sends
a sensible one, else a new one), returned in the response and put on every log line, so one
request can be followed through the load balancer, gunicorn and the app.

LOG_FORMAT=json (the production default) writes one JSON object a line; "plain" writes
text for people reading a terminal.

No log line carries a working link: an emailed return link signs its holder in, so anyone
who can read the logs (gunicorn's access log, werkzeug's, the app's, errors) could sign in
as the candidate. `RedactingFilter` takes the tokens out of every record, and is put on
every handler and on the loggers of the servers, whatever handlers they have.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_request_context, request
from gunicorn.glogging import Logger as _GunicornLogger
from werkzeug.wrappers import Response

REQUEST_ID_HEADER = "X-Request-ID"
# Ids we pass on as they are: anything else (too long, odd characters) is replaced, so a
# caller cannot forge log lines through the header.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def request_id() -> str:
    if has_request_context():
        return str(g.get("request_id", "-"))
    return "-"


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record (a "-" outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        return True


# The paths whose last part is a token from an email: a return link signs the candidate in,
# a renew link keeps their profile, a stop link ends their role alerts, a reset link sets a
# team member's password. "check-your-email" is a page, not a token.
_LINK_TOKEN = re.compile(
    r"(/(?:return|keep-my-profile|reset-password|role-alerts(?:/|%2f)stop)(?:/|%2f))"
    r"(?!check-your-email\b)[^\s/?#&\"'<>\\]+",
    re.IGNORECASE,
)
# Anything shaped like an itsdangerous signed value (payload.timestamp.signature), wherever
# it appears: a token pasted into a query string or a form, a session cookie in a header.
_SIGNED_VALUE = re.compile(r"\.?[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{16,}")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """The text with every emailed link's token, and any signed value, replaced."""
    return _SIGNED_VALUE.sub(REDACTED, _LINK_TOKEN.sub(r"\1" + REDACTED, text))


class RedactingFilter(logging.Filter):
    """Takes tokens out of a record before any handler writes it: the message and its
    arguments, gunicorn's access atoms (request line, path, query, referer, headers), the
    exception's text and the stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            # gunicorn's atoms (a dict of its own that answers "-" for absent keys):
            # changed in place so the access log format still finds every atom.
            for key, value in record.args.items():
                if isinstance(value, str):
                    record.args[key] = redact(value)
            if isinstance(record.msg, str):
                record.msg = redact(record.msg)
        else:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _add_filter(target: logging.Logger | logging.Handler, kind: type[logging.Filter]) -> None:
    if not any(isinstance(f, kind) for f in target.filters):
        target.addFilter(kind())


# The servers' own loggers: werkzeug's (`make run`) adds a handler of its own when it finds
# none, and gunicorn's have handlers of their own, so the filter goes on the loggers too.
SERVER_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def install_redaction() -> None:
    """The one redacting filter on every root handler and on the servers' loggers."""
    for handler in logging.getLogger().handlers:
        _add_filter(handler, RedactingFilter)
    for name in SERVER_LOGGERS:
        _add_filter(logging.getLogger(name), RedactingFilter)


class GunicornLogger(_GunicornLogger):
    """gunicorn's logger with the redacting filter on its access and error logs, in plain
    and JSON formats alike (gunicorn.conf.py sets `logger_class` to this)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        install_redaction()


# gunicorn's access log passes its atoms as the record's arguments; these become fields.
_ACCESS_FIELDS = {
    "remote": "h",
    "method": "m",
    "path": "U",
    "query": "q",
    "status": "s",
    "bytes": "B",
    "duration_ms": "M",
    "user_agent": "a",
    "referer": "f",
}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id, and the exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        atoms = record.args if isinstance(record.args, dict) else None
        if record.name == "gunicorn.access" and atoms is not None:
            entry["message"] = "request"
            entry["request_id"] = atoms.get("{x-request-id}o") or "-"
            for field, atom in _ACCESS_FIELDS.items():
                value = atoms.get(atom)
                if value not in (None, "-", ""):
                    entry[field] = (
                        int(value)
                        if field in {"status", "bytes", "duration_ms"} and str(value).isdigit()
                        else value
                    )
        else:
            entry["message"] = record.getMessage()
            entry["request_id"] = getattr(record, "request_id", None) or request_id()
        if record.exc_text:  # the exception as the redacting filter left it
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(log_format: str) -> None:
    """Give the root logger's handlers the chosen format and the request id."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler())
    formatter = JsonFormatter() if log_format == "json" else logging.Formatter(PLAIN_FORMAT)
    for handler in root.handlers:
        _add_filter(handler, RequestIdFilter)
        handler.setFormatter(formatter)
    install_redaction()


def register(app: Flask) -> None:
    @app.before_request
    def assign_request_id() -> None:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex

    @app.after_request
    def return_request_id(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = request_id()
        return response

    # Tests keep pytest's own log capture; the debugger keeps Flask's. Tokens are taken out
    # of the log lines either way.
    if not app.testing and not app.debug:
        configure_logging(app.config.get("LOG_FORMAT", "plain"))
    else:
        install_redaction()
