"""Reading a CV's text, bounded: run as a child process (``python -I cv_extract.py``) by
services/cv.py, which passes the file on stdin and reads one JSON object from stdout.

A 150 KB Word file can unpack to gigabytes, or hold a million paragraphs that take a
minute and most of a gigabyte to parse; a PDF can hold a stream that inflates without
end, or ten thousand pages. So every file is measured before it is parsed (the ZIP's
directory, the XML's elements, the PDF's page count), the parsers run with their own
limits, and the process itself has hard ones (CPU time, address space) that stop
whatever the checks did not foresee. The parent adds a wall-clock timeout.

Standard library, lxml, python-docx and pypdf only: no Flask, no application imports, so
the child starts quickly and holds nothing of the server's.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import sys
import zipfile
from dataclasses import asdict, dataclass
from typing import Any

MB = 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Members of a Word file that are themselves archives: never opened, so never counted,
# so refused (an embedded spreadsheet is one; saving the CV as a PDF removes it).
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")
ARCHIVE_SUFFIXES = (
    ".zip", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".jar",
    ".gz", ".tgz", ".7z", ".rar", ".bz2", ".xz", ".cab",
)  # fmt: skip


@dataclass(frozen=True)
class Limits:
    """What one upload may cost. A long CV (20 pages, tables, a photo) uses a small part of
    each; the figures are in benchmarks/upload_limits.py."""

    cpu_seconds: int = 2
    memory_bytes: int = 512 * MB  # address space of the child, libraries included
    zip_parts: int = 300
    zip_unpacked_bytes: int = 40 * MB
    xml_part_bytes: int = 10 * MB
    # A part larger than this must not be squeezed more than max_ratio to one: text XML
    # compresses about 5 to 15 times, a bomb hundreds or thousands.
    ratio_checked_bytes: int = 1 * MB
    max_ratio: int = 100
    xml_elements: int = 300_000
    paragraphs: int = 20_000
    pdf_pages: int = 50
    pdf_stream_bytes: int = 10 * MB
    text_chars: int = 400_000  # read this much at most; the service keeps 200,000


# libxml2 reports running out of memory, and its own size limits, as syntax errors.
_XML_LIMIT_ERRORS = ("memory allocation failed", "resource limit exceeded", "huge")


def _xml_error(exc: Exception, limits: Limits) -> Refused:
    """A parse that failed near the memory limit failed for want of memory, whatever libxml2
    calls it (often "unknown error")."""
    message = str(exc)
    peak = peak_kb(os.getpid()) * 1024
    if peak > 0.8 * limits.memory_bytes or any(
        words in message.lower() for words in _XML_LIMIT_ERRORS
    ):
        return Refused("limits", message)
    return Refused("damaged_docx", message)


class Refused(Exception):
    """A file we will not read; ``code`` tells the parent which message to show."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


# Zip checks, before anything is parsed


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.zip_parts:
        raise Refused("limits", f"{len(infos)} parts")
    if "word/document.xml" not in {info.filename for info in infos}:
        raise Refused("not_a_cv", "a zip without word/document.xml")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.zip_unpacked_bytes:
        raise Refused("limits", f"{unpacked} bytes unpacked")
    for info in infos:
        name = info.filename.lower()
        if info.file_size > limits.ratio_checked_bytes and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise Refused("limits", f"{name} compressed {info.file_size // info.compress_size}:1")
        if name.endswith((".xml", ".rels")) and info.file_size > limits.xml_part_bytes:
            raise Refused("limits", f"{name} is {info.file_size} bytes")
        if name.endswith(ARCHIVE_SUFFIXES):
            raise Refused("limits", f"nested archive {name}")
        if info.file_size and not info.is_dir():
            with archive.open(info) as member:
                if member.read(4).startswith(ARCHIVE_MAGIC):
                    raise Refused("limits", f"nested archive {name}")


def check_xml(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Count elements and paragraphs of every XML part python-docx would parse, streaming
    and stopping at the limit, so a million paragraphs cost milliseconds, not a minute."""
    from lxml import etree

    paragraph, cell = f"{{{WORD_NS}}}p", f"{{{WORD_NS}}}tc"
    elements = paragraphs = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        with archive.open(info) as stream:
            parser = etree.iterparse(
                stream,
                events=("end",),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
                load_dtd=False,
            )
            try:
                for _, element in parser:
                    elements += 1
                    if element.tag == paragraph or element.tag == cell:
                        paragraphs += 1
                    if elements > limits.xml_elements:
                        raise Refused("limits", f"more than {limits.xml_elements} XML elements")
                    if paragraphs > limits.paragraphs:
                        raise Refused("limits", f"more than {limits.paragraphs} paragraphs")
                    # Keep memory flat: drop what has been counted.
                    element.clear(keep_tail=False)
            except etree.XMLSyntaxError as exc:
                raise _xml_error(exc, limits) from exc


def docx_text(data: bytes, limits: Limits) -> str:
    import docx
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, limits)
            check_xml(archive, limits)
    except zipfile.BadZipFile as exc:
        raise Refused("not_a_cv", str(exc)) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise _xml_error(exc, limits) from exc
    parts: list[str] = []
    size = 0
    for paragraph in document.paragraphs:
        parts.append(paragraph.text)
        size += len(parts[-1])
        if size > limits.text_chars:
            return "\n".join(parts)
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)[: limits.text_chars]


# PDF


def pdf_text(data: bytes, limits: Limits) -> str:
    import pypdf
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError
    from pypdf.generic import DictionaryObject

    stream = limits.pdf_stream_bytes
    pypdf.overwrite_configuration(
        maximum_declared_stream_length=stream,
        array_based_stream_maximum_output_length=stream,
        zlib_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        brotli_maximum_output_length=stream,
        jbig2_maximum_output_length=stream,
        image_maximum_buffer_size=stream,
        stream_decoding_work_maximum_length=4 * stream,
        xmp_maximum_input_length=stream,
        page_tree_maximum_entries=4 * limits.pdf_pages,
        page_tree_maximum_page_entries=1000 * limits.pdf_pages,
        xform_maximum_invocations_per_extraction=200,
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Refused("encrypted")
        # The declared count first (one number); the page tree itself, bounded, after.
        tree = reader.root_object.get("/Pages")
        tree = tree.get_object() if tree is not None else None
        declared = tree.get("/Count", 0) if isinstance(tree, DictionaryObject) else 0
        if isinstance(declared, int) and declared > limits.pdf_pages:
            raise Refused("pages", f"{declared} pages declared")
        if len(reader.pages) > limits.pdf_pages:
            raise Refused("pages", f"{len(reader.pages)} pages")
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            parts.append(page.extract_text() or "")
            size += len(parts[-1])
            if size > limits.text_chars:
                break
        return "\n".join(parts)[: limits.text_chars]
    except Refused:
        raise
    except LimitReachedError as exc:
        raise Refused("limits", str(exc)) from exc
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file to the user
        raise Refused("damaged_pdf", f"{type(exc).__name__}: {exc}") from exc


def extract_text(data: bytes, limits: Limits) -> dict[str, Any]:
    if data.startswith(b"%PDF-"):
        return {"content_type": PDF, "text": pdf_text(data, limits)}
    if data.startswith(b"PK\x03\x04"):
        return {"content_type": DOCX, "text": docx_text(data, limits)}
    raise Refused("not_a_cv")


# The child process


def _cpu_exhausted(signum: int, frame: Any) -> None:
    raise Refused("limits", "CPU time")


def apply_limits(limits: Limits) -> None:
    """Hard limits on this process: the kernel stops it whatever the parsers do."""
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash never writes the CV to disk
    # At the soft CPU limit, say so if Python gets the chance; the hard one kills.
    signal.signal(signal.SIGXCPU, _cpu_exhausted)


def peak_kb(pid: int) -> int:
    """Peak resident memory of the process since it began this program (VmHWM). Not
    getrusage's ru_maxrss: that carries over the parent's peak from before the exec."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main() -> int:
    limits = Limits(**json.loads(sys.argv[1])) if len(sys.argv) > 1 else Limits()
    apply_limits(limits)
    data = sys.stdin.buffer.read()
    result: dict[str, Any]
    try:
        result = extract_text(data, limits)
    except Refused as refused:
        result = {"error": refused.code, "detail": refused.detail}
    except MemoryError:
        result = {"error": "limits", "detail": "memory"}
    result["peak_kb"] = peak_kb(os.getpid())
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


def limits_argument(limits: Limits) -> str:
    return json.dumps(asdict(limits))


if __name__ == "__main__":
    sys.exit(main())
