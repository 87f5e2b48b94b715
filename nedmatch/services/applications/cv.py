"""CV uploads: checked by content (not by name), text extracted, stored outside static/,
encrypted at rest with the CV_ENCRYPTION_KEY (Fernet: AES-128-CBC with an HMAC)."""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

from . import cv_extract

log = logging.getLogger(__name__)

PDF = cv_extract.PDF
DOCX = cv_extract.DOCX
# A CV with less text than this is almost certainly a scanned image.
MIN_TEXT_CHARS = 40
MAX_TEXT_CHARS = 200_000


class CVError(ValueError):
    """A CV we cannot accept; the message tells the candidate what to do instead."""


@dataclass(frozen=True)
class ExtractedCV:
    content_type: str
    text: str


def sniff_type(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
    return None


# What each refusal from the child tells the candidate.
LIMITS_MESSAGE = (
    "Your CV could not be read within our limits: save it as a simpler PDF or Word file of "
    "under 5 MB and upload it again."
)
MESSAGES = {
    "not_a_cv": "The CV must be a PDF or a Word document (.docx).",
    "encrypted": (
        "The PDF is protected with a password. Save a copy without a password and upload that."
    ),
    "damaged_pdf": (
        "The PDF could not be read. It may be damaged: save it again as a PDF and upload it."
    ),
    "damaged_docx": (
        "The Word document could not be read. Save it again as a .docx file and upload it."
    ),
    "pages": (
        f"Your CV has more than {cv_extract.Limits().pdf_pages} pages: upload a shorter "
        "version, or leave the CV out and describe your career in the form."
    ),
    "limits": LIMITS_MESSAGE,
}
# The wall-clock limit (config CV_EXTRACT_SECONDS in the app); the child's own CPU limit
# (cv_extract.Limits) stops it even if this process does not.
TIMEOUT_SECONDS = 2.0
_CHILD = str(Path(cv_extract.__file__).resolve())


@dataclass(frozen=True)
class Outcome:
    """What the child reported, and what it cost (measured by the kernel, not by it)."""

    content_type: str | None
    text: str
    error: str | None
    detail: str
    seconds: float
    cpu_seconds: float  # the child's, user and system
    peak_kb: int  # the child's peak resident memory, as it reported or was last seen
    exit_status: int


def run_extraction(
    data: bytes, limits: cv_extract.Limits | None = None, timeout: float = TIMEOUT_SECONDS
) -> Outcome:
    """Read the file's text in a child process with hard limits (see cv_extract.py).

    A new interpreter, not a fork: a fork of a threaded server is unsafe, and the child
    must hold nothing of the parent's (keys, sessions, other people's data). The file goes
    in and the result comes out through unnamed temporary files, so neither side can
    block on a full pipe.
    """
    limits = limits or cv_extract.Limits()
    started = time.monotonic()
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout:
        stdin.write(data)
        stdin.seek(0)
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and script, no shell
            [sys.executable, "-I", _CHILD, cv_extract.limits_argument(limits)],
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            env={"LC_ALL": "C.UTF-8"},
            close_fds=True,
        )
        status, usage, timed_out, seen_kb = _wait(child, started + timeout)
        seconds = time.monotonic() - started
        stdout.seek(0)
        raw = stdout.read()
    try:
        result = json.loads(raw) if status == 0 and not timed_out else {}
    except ValueError:
        result = {}
    if not result:
        # Killed by the kernel (CPU or memory) or by the timeout: past a limit either way.
        log.info(
            "CV extraction stopped: exit status %s, %.1f s%s",
            status,
            seconds,
            ", timed out" if timed_out else "",
        )
        result = {"error": "limits", "detail": "timed out" if timed_out else f"status {status}"}
    return Outcome(
        content_type=result.get("content_type"),
        text=result.get("text", ""),
        error=result.get("error"),
        detail=result.get("detail", ""),
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime if usage is not None else 0.0,
        peak_kb=max(int(result.get("peak_kb", 0)), seen_kb),
        exit_status=status,
    )


def _wait(child: subprocess.Popen[bytes], deadline: float) -> tuple[int, Any, bool, int]:
    """Reap the child by the deadline (killing it if need be), with its resource usage and
    the peak memory last seen (for a child killed before it could say)."""
    timed_out = False
    seen_kb = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() >= deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            timed_out = True
            break
        seen_kb = max(seen_kb, cv_extract.peak_kb(child.pid))
        time.sleep(0.005)
    # Reaped here, so tell Popen, or it would wait for a process that no longer exists.
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage, timed_out, seen_kb


def extract(data: bytes, max_bytes: int) -> ExtractedCV:
    """Check the file and pull out its text, or raise CVError saying what to do."""
    if not data:
        raise CVError("The selected file is empty. Choose a PDF or Word (.docx) file of your CV.")
    if len(data) > max_bytes:
        raise CVError(f"The CV must be smaller than {max_bytes // (1024 * 1024)} MB.")
    # The first bytes only: everything that needs parsing happens in the child.
    if not data.startswith((b"%PDF-", b"PK\x03\x04")):
        raise CVError(MESSAGES["not_a_cv"])
    outcome = run_extraction(data, timeout=current_app.config["CV_EXTRACT_SECONDS"])
    if outcome.error is not None or outcome.content_type is None:
        if outcome.error not in {None, "not_a_cv", "encrypted"}:
            log.info("CV refused: %s (%s)", outcome.error, outcome.detail[:200])
        raise CVError(MESSAGES.get(outcome.error or "limits", LIMITS_MESSAGE))
    content_type, text = outcome.content_type, outcome.text
    text = " ".join(text.split())[:MAX_TEXT_CHARS]
    if len(text) < MIN_TEXT_CHARS:
        raise CVError(
            "We could not find any text in your CV. It may be a scanned image: upload a "
            "version with selectable text, or leave the CV out and describe your career in "
            "the form."
        )
    return ExtractedCV(content_type=content_type, text=text)


def upload_folder() -> Path:
    folder = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path, "uploads")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _keys() -> list[Fernet]:
    keys = current_app.config["CV_ENCRYPTION_KEY"].split(",")
    return [Fernet(key.strip()) for key in keys if key.strip()]


def _fernet() -> MultiFernet:
    """The first key encrypts; every key listed decrypts, so keys can be rotated."""
    return MultiFernet(_keys())


def _write(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def store(data: bytes) -> str:
    """Encrypt and save the bytes under a random name and return it; the original name is
    never a path."""
    name = secrets.token_hex(16)
    _write(upload_folder() / name, _fernet().encrypt(data))
    return name


class CVMissing(LookupError):
    """The stored file is gone (erased, or never copied to this server)."""


def read(storage_name: str) -> bytes:
    """The CV's original bytes.

    Files saved before encryption was added are plain PDF or Word files: they are read as
    they are, and `flask data encrypt-cvs` encrypts them in place.
    """
    try:
        stored = (upload_folder() / storage_name).read_bytes()
    except FileNotFoundError as exc:
        raise CVMissing(storage_name) from exc
    try:
        return _fernet().decrypt(stored)
    except InvalidToken:
        if sniff_type(stored) is not None:
            return stored
        raise


def encrypt_stored(names: list[str]) -> tuple[int, int]:
    """Encrypt legacy plain files and re-encrypt the rest under the first key; returns
    (encrypted, rotated). Safe to run again or to interrupt: each file is replaced whole."""
    fernet = _fernet()
    rotating = len(_keys()) > 1
    encrypted = rotated = 0
    for name in names:
        path = upload_folder() / name
        if not path.exists():
            continue
        stored = path.read_bytes()
        try:
            renewed = fernet.rotate(stored)
        except InvalidToken:
            if sniff_type(stored) is None:
                log.warning("CV file %s is neither encrypted nor a PDF or Word file", name)
                continue
            _write(path, fernet.encrypt(stored))
            encrypted += 1
        else:
            if rotating:  # with one key there is nothing to rotate to
                _write(path, renewed)
                rotated += 1
    return encrypted, rotated


def delete(storage_name: str) -> None:
    (upload_folder() / storage_name).unlink(missing_ok=True)
