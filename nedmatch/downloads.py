"""One way to send a file to download: every download gets the same protective headers."""

from __future__ import annotations

import io
import re

from flask import send_file
from werkzeug.wrappers import Response

# A file name the browser saves as given: letters, digits and a few separators only, so
# nothing in it can break out of the header's quotes or name a path.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    cleaned = _UNSAFE.sub("-", name).strip(".-")
    return cleaned or "download"


def content_type(media_type: str) -> str:
    """The media type without its parameters, with one charset for text: a caller passing
    "text/csv; charset=utf-8" must not get the charset twice."""
    bare = media_type.split(";", 1)[0].strip().lower()
    return f"{bare}; charset=utf-8" if bare.startswith("text/") else bare


def send_download(data: bytes, filename: str, media_type: str) -> Response:
    """``data`` as an attachment named ``filename``: never shown in the page, never sniffed
    into another type, and never kept by the browser or a cache (personal data)."""
    name = safe_filename(filename)
    response = send_file(
        io.BytesIO(data),
        mimetype=media_type.split(";", 1)[0].strip().lower(),
        as_attachment=True,
        download_name=name,
        conditional=False,
        etag=False,
        max_age=None,
    )
    response.headers["Content-Type"] = content_type(media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
