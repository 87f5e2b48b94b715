"""An email's files on every mail backend: kept in memory (tests), saved beside the email
(development), attached (SMTP), linked (GOV.UK Notify), and carried by the job queue."""

from __future__ import annotations

import stat
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from nedmatch.services.platform import jobs, notifications
from nedmatch.services.platform.notifications import Attachment

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
INVITE = Attachment(
    "interview.ics", "text/calendar; method=REQUEST; charset=utf-8", ICS, "https://x/cal/tok"
)


@pytest.fixture
def backend(app: Flask) -> Any:
    def use(name: str, **config: Any) -> None:
        app.config.update(MAIL_BACKEND=name, **config)

    yield use
    app.config["MAIL_BACKEND"] = "memory"


def test_memory_keeps_the_files(app: Flask, outbox: list[notifications.Email]) -> None:
    notifications.send_email("a@example.com", "Subject", "Body", [INVITE])
    [email] = outbox
    assert email.attachments == (INVITE,)


def test_the_log_backend_saves_each_file_beside_the_email(app: Flask, backend: Any) -> None:
    backend("log")
    folder = Path(app.instance_path, "outbox")
    before = set(folder.glob("*")) if folder.exists() else set()
    notifications.send_email("a@example.com", "Subject", "Body", [INVITE])
    new = sorted(set(folder.glob("*")) - before)
    [text] = [p for p in new if p.suffix == ".txt"]
    [ics] = [p for p in new if p.suffix == ".ics"]
    assert ics.name == text.stem + "-interview.ics"
    assert ics.read_bytes() == ICS
    assert f"Attached: {ics.name} (text/calendar; method=REQUEST" in text.read_text()
    for path in (text, ics):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_name_cannot_leave_the_outbox_folder(app: Flask, backend: Any) -> None:
    backend("log")
    folder = Path(app.instance_path, "outbox")
    before = set(folder.glob("*")) if folder.exists() else set()
    sneaky = Attachment("../../escape.ics", "text/calendar", ICS)
    notifications.send_email("a@example.com", "Subject", "Body", [sneaky])
    new = set(folder.glob("*")) - before
    assert len(new) == 2 and all(p.parent == folder for p in new)
    assert not Path(app.instance_path).parent.joinpath("escape.ics").exists()


class FakeSMTP:
    sent: list[EmailMessage] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        pass

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def starttls(self) -> None:
        pass

    def login(self, user: str, password: str) -> None:
        pass

    def send_message(self, message: EmailMessage) -> None:
        FakeSMTP.sent.append(message)


def test_smtp_attaches_the_calendar_as_an_invitation(
    app: Flask, backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend("smtp", SMTP_USERNAME=None)
    FakeSMTP.sent = []
    monkeypatch.setattr(notifications.smtplib, "SMTP", FakeSMTP)
    notifications.send_email("a@example.com", "Interview booked", "The details.", [INVITE])
    [message] = FakeSMTP.sent
    parsed = message_from_bytes(message.as_bytes())
    parts = {part.get_content_type(): part for part in parsed.walk()}
    assert parts["text/plain"].get_payload(decode=True).decode().strip() == "The details."
    calendar = parts["text/calendar"]
    assert calendar.get_filename() == "interview.ics"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_payload(decode=True) == ICS


class FakeNotify:
    calls: list[dict[str, Any]] = []

    def __init__(self, key: str) -> None:
        pass

    def send_email_notification(self, **kwargs: Any) -> None:
        FakeNotify.calls.append(kwargs)


@pytest.fixture
def notify(backend: Any, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    from notifications_python_client import notifications as client

    FakeNotify.calls = []
    monkeypatch.setattr(client, "NotificationsAPIClient", FakeNotify)
    backend(
        "notify", NOTIFY_API_KEY="key", NOTIFY_TEMPLATE_ID="plain", NOTIFY_FILE_TEMPLATE_ID="file"
    )
    return FakeNotify.calls


def test_notify_links_a_calendar_it_cannot_hold(app: Flask, notify: list[dict[str, Any]]) -> None:
    notifications.send_email("a@example.com", "Interview booked", "The details.", [INVITE])
    [call] = notify
    assert call["template_id"] == "plain"
    body = call["personalisation"]["body"]
    assert body.startswith("The details.")
    assert "interview.ics: https://x/cal/tok" in body
    assert "link_to_file" not in call["personalisation"]


def test_notify_uploads_a_file_it_can_hold_with_prepare_upload(
    app: Flask, notify: list[dict[str, Any]]
) -> None:
    import base64

    pdf = Attachment("letter.pdf", "application/pdf", b"%PDF-1.7 a letter")
    notifications.send_email("a@example.com", "Your letter", "Attached.", [pdf])
    [call] = notify
    assert call["template_id"] == "file"
    upload = call["personalisation"]["link_to_file"]
    assert base64.b64decode(upload["file"]) == b"%PDF-1.7 a letter"
    assert upload["filename"] == "letter.pdf" and upload["confirm_email_before_download"] is True


def test_the_queue_carries_files_as_plain_values(
    app: Flask, backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What enqueue_call is given must survive any serialiser: plain strings in dicts."""
    backend("log")
    queued: list[tuple[Any, ...]] = []
    monkeypatch.setattr(jobs, "enqueue_call", lambda *args: queued.append(args) or True)
    notifications.send_email("a@example.com", "Subject", "Body", [INVITE])
    [(path, to, subject, body, files)] = queued
    assert path == "nedmatch.services.platform.notifications:deliver"
    assert all(isinstance(v, str) for f in files for v in f.values())
    delivered: list[notifications.Email] = []
    monkeypatch.setattr(notifications, "_save_to_outbox", delivered.append)
    notifications.deliver(to, subject, body, files)
    assert delivered[0].attachments == (INVITE,)


def test_without_files_the_queued_call_is_as_before(
    app: Flask, backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend("log")
    queued: list[tuple[Any, ...]] = []
    monkeypatch.setattr(jobs, "enqueue_call", lambda *args: queued.append(args) or True)
    notifications.send_email("a@example.com", "Subject", "Body")
    assert queued == [
        ("nedmatch.services.platform.notifications:deliver", "a@example.com", "Subject", "Body")
    ]
