"""CV uploads: checked by content (not by name), text extracted, stored outside static/."""

from __future__ import annotations

import io
import logging
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
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


def store(data: bytes) -> str:
    """Save the bytes under a random name and return it; the original name is never a path."""
    name = secrets.token_hex(16)
    (upload_folder() / name).write_bytes(data)
    return name


def delete(storage_name: str) -> None:
    (upload_folder() / storage_name).unlink(missing_ok=True)
