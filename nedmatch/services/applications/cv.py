"""CV uploads: checked by content (not by name), text extracted, stored outside static/,
encrypted at rest with the CV_ENCRYPTION_KEY (Fernet: AES-128-CBC with an HMAC)."""

from __future__ import annotations

import io
import logging
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from lxml import etree  # python-docx's XML parser: a damaged document raises its errors
from pypdf import PdfReader
from pypdf.errors import PdfReadError

log = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CVError(
                "The PDF is protected with a password. Save a copy without a password and "
                "upload that."
            )
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, CVError):
            raise
        log.info("Unreadable PDF: %s", exc)
        raise CVError(
            "The PDF could not be read. It may be damaged: save it again as a PDF and upload it."
        ) from exc


def _docx_text(data: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        log.info("Unreadable DOCX: %s", exc)
        raise CVError(
            "The Word document could not be read. Save it again as a .docx file and upload it."
        ) from exc
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def extract(data: bytes, max_bytes: int) -> ExtractedCV:
    """Check the file and pull out its text, or raise CVError saying what to do."""
    if not data:
        raise CVError("The selected file is empty. Choose a PDF or Word (.docx) file of your CV.")
    if len(data) > max_bytes:
        raise CVError(f"The CV must be smaller than {max_bytes // (1024 * 1024)} MB.")
    content_type = sniff_type(data)
    if content_type is None:
        raise CVError("The CV must be a PDF or a Word document (.docx).")
    text = _pdf_text(data) if content_type == PDF else _docx_text(data)
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
