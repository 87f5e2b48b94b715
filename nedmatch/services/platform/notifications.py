"""Email to candidates: through GOV.UK Notify or SMTP when configured; in development, saved
as files in the instance folder (the `log` backend, which production refuses)."""

from __future__ import annotations

import os
import secrets
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from flask import current_app


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


# The testing backend keeps sent messages here so tests can read them.
outbox: list[Email] = []


def send_email(to: str, subject: str, body: str) -> None:
    email = Email(to=to, subject=subject, body=body)
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "memory":
        outbox.append(email)
        return
    # With a job queue (REDIS_URL) a worker sends it, and tries again if the service fails.
    from .jobs import enqueue_call

    if not enqueue_call("nedmatch.services.platform.notifications:deliver", to, subject, body):
        deliver(to, subject, body)


def deliver(to: str, subject: str, body: str) -> None:
    """Send now, through the configured service."""
    email = Email(to=to, subject=subject, body=body)
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "notify":
        _send_notify(email)
    elif backend == "smtp":
        _send_smtp(email)
    else:
        _save_to_outbox(email)


def mask_email(address: str) -> str:
    """Enough of an address for its owner to recognise it: a...@example.com."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}...@{domain}" if domain else "..."


def _save_to_outbox(email: Email) -> None:
    """The development backend. The email is a file readable only by its owner, never a log
    line: its links sign people in, and logs are copied to places a mailbox is not."""
    folder = Path(current_app.instance_path, "outbox")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.txt"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(f"To: {email.to}\nSubject: {email.subject}\n\n{email.body}")
    current_app.logger.info("Email to %s saved in %s", mask_email(email.to), path)


def _send_notify(email: Email) -> None:
    # Imported here: only services configured for Notify need the client at run time.
    from notifications_python_client.notifications import NotificationsAPIClient

    config = current_app.config
    client = NotificationsAPIClient(config["NOTIFY_API_KEY"])
    # The Notify template is expected to be "((subject))" / "((body))", one for every email.
    client.send_email_notification(
        email_address=email.to,
        template_id=config["NOTIFY_TEMPLATE_ID"],
        personalisation={"subject": email.subject, "body": email.body},
    )


def _send_smtp(email: Email) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = email.to
    message["Subject"] = email.subject
    message.set_content(email.body)
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(message)
