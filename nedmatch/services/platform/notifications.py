"""Email to candidates and the team: through GOV.UK Notify or SMTP when configured; in
development, saved as files in the instance folder (the `log` backend, which production
refuses). An email may carry files (a calendar invitation): each backend delivers them in
its own way, and the job queue carries them as plain values."""

from __future__ import annotations

import base64
import io
import os
import secrets
import smtplib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Final

from flask import current_app

# What GOV.UK Notify accepts as a file sent by email (its document download service);
# anything else, such as a calendar file, goes as the attachment's own link instead.
NOTIFY_FILE_TYPES: Final = frozenset(
    {
        "application/pdf",
        "text/csv",
        "text/plain",
        "application/json",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/rtf",
        "text/rtf",
        "image/jpeg",
        "image/png",
    }
)


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email. ``link``: where the recipient can fetch the same file, for
    a mail service that cannot carry it (GOV.UK Notify takes no calendar files)."""

    filename: str
    content_type: str  # "text/calendar; method=REQUEST": a type, and its parameters
    data: bytes
    link: str = ""

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()

    @property
    def params(self) -> dict[str, str]:
        found = {}
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip() and value.strip():
                found[name.strip().lower()] = value.strip().strip('"')
        return found

    def to_plain(self) -> dict[str, str]:
        """As plain values, for the job queue."""
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "data": base64.b64encode(self.data).decode("ascii"),
            "link": self.link,
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, str]) -> Attachment:
        return cls(
            filename=plain["filename"],
            content_type=plain["content_type"],
            data=base64.b64decode(plain["data"]),
            link=plain.get("link", ""),
        )


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = field(default=())


# The testing backend keeps sent messages here so tests can read them.
outbox: list[Email] = []


def send_email(to: str, subject: str, body: str, attachments: Iterable[Attachment] = ()) -> None:
    files = tuple(attachments)
    email = Email(to=to, subject=subject, body=body, attachments=files)
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "memory":
        outbox.append(email)
        return
    # With a job queue (REDIS_URL) a worker sends it, and tries again if the service fails.
    from .jobs import enqueue_call

    # Files travel as plain values (a list of dicts of strings), and only when there are any.
    extra = ([a.to_plain() for a in files],) if files else ()
    if not enqueue_call(
        "nedmatch.services.platform.notifications:deliver", to, subject, body, *extra
    ):
        deliver(to, subject, body, *extra)


def deliver(
    to: str, subject: str, body: str, attachments: Sequence[Mapping[str, str]] = ()
) -> None:
    """Send now, through the configured service. ``attachments`` as Attachment.to_plain."""
    files = tuple(Attachment.from_plain(a) for a in attachments)
    email = Email(to=to, subject=subject, body=body, attachments=files)
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


def _private_file(path: Path) -> Any:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(descriptor, "wb")


def _safe_name(filename: str) -> str:
    """A file name that stays in the outbox folder, whatever the sender called it."""
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in Path(filename).name)
    return cleaned.lstrip(".") or "attachment"


def _save_to_outbox(email: Email) -> None:
    """The development backend. The email is a file readable only by its owner, never a log
    line: its links sign people in, and logs are copied to places a mailbox is not. Each
    attachment is a file beside it, named after it."""
    folder = Path(current_app.instance_path, "outbox")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
    path = folder / f"{stem}.txt"
    saved = [folder / f"{stem}-{_safe_name(a.filename)}" for a in email.attachments]
    with _private_file(path) as file:
        listing = "".join(
            f"Attached: {p.name} ({a.content_type})\n"
            for p, a in zip(saved, email.attachments, strict=True)
        )
        file.write(f"To: {email.to}\nSubject: {email.subject}\n{listing}\n{email.body}".encode())
    for attached, attachment in zip(saved, email.attachments, strict=True):
        with _private_file(attached) as file:
            file.write(attachment.data)
    current_app.logger.info("Email to %s saved in %s", mask_email(email.to), path)


def _send_notify(email: Email) -> None:
    # Imported here: only services configured for Notify need the client at run time.
    from notifications_python_client.notifications import NotificationsAPIClient
    from notifications_python_client.utils import prepare_upload

    config = current_app.config
    client = NotificationsAPIClient(config["NOTIFY_API_KEY"])
    body = email.body
    personalisation: dict[str, Any] = {"subject": email.subject}
    template_id = config["NOTIFY_TEMPLATE_ID"]
    # The Notify template is "((subject))" / "((body))", one for every email; an email with a
    # file Notify can hold uses the file template, "((subject))" / "((body))
    # ((link_to_file))", and Notify puts the file's download link where ((link_to_file)) is.
    uploadable = [a for a in email.attachments if a.media_type in NOTIFY_FILE_TYPES]
    if uploadable and config.get("NOTIFY_FILE_TEMPLATE_ID"):
        first = uploadable[0]
        personalisation["link_to_file"] = prepare_upload(
            io.BytesIO(first.data), filename=first.filename, confirm_email_before_download=True
        )
        template_id = config["NOTIFY_FILE_TEMPLATE_ID"]
        linked = [a for a in email.attachments if a is not first]
    else:
        linked = list(email.attachments)
    # The rest go as their own links, written into the body.
    lines = [f"{a.filename}: {a.link}" for a in linked if a.link]
    if lines:
        body += "\n\nFiles for this email:\n" + "\n".join(lines) + "\n"
    missing = [a.filename for a in linked if not a.link]
    if missing:
        current_app.logger.warning(
            "GOV.UK Notify cannot carry %s; sent without it", ", ".join(missing)
        )
    personalisation["body"] = body
    client.send_email_notification(
        email_address=email.to, template_id=template_id, personalisation=personalisation
    )


def _send_smtp(email: Email) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = email.to
    message["Subject"] = email.subject
    message.set_content(email.body)
    for attachment in email.attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
            params=attachment.params,
        )
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(message)
