"""Hostile CV files, built in memory for the upload limit tests and benchmarks/upload_limits.py.

Each is small on the wire and enormous to parse. The builders stream their repetitive
parts, so making a file costs its compressed size in memory, not what it unpacks to.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable, Iterator

from tests.candidates.test_cv import CV_LINES, make_docx

MB = 1024 * 1024
WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _with_document(
    chunks: Callable[[], Iterator[bytes]], extra: dict[str, bytes] | None = None, level: int = 1
) -> bytes:
    """A real Word file whose word/document.xml is replaced by the streamed chunks."""
    source = zipfile.ZipFile(io.BytesIO(make_docx(CV_LINES)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                with target.open(item.filename, "w", force_zip64=True) as member:
                    for chunk in chunks():
                        member.write(chunk)
            else:
                target.writestr(item.filename, source.read(item.filename))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


def _document(body: Callable[[], Iterator[bytes]]) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><w:document {WORD}><w:body>'.encode()
        yield from body()
        yield b"</w:body></w:document>"

    return chunks


def docx_million_paragraphs() -> bytes:
    """The reported attack: a million tiny paragraphs, in a file smaller than a photo."""
    block = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 10_000

    def body() -> Iterator[bytes]:
        for _ in range(100):
            yield block

    return _with_document(_document(body), level=6)


def docx_many_paragraphs(count: int = 30_000) -> bytes:
    """Paragraphs of varied words: compresses like a real document (no ratio alarm), but
    more paragraphs than any CV."""
    rng = random.Random(12)
    words = [w.encode() for w in " ".join(CV_LINES).split()]

    def body() -> Iterator[bytes]:
        for _ in range(count):
            text = b" ".join(rng.choice(words) for _ in range(4))
            yield b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"

    return _with_document(_document(body))


def docx_zip_bomb(unpacked: int = 200 * MB) -> bytes:
    """A Word file whose document.xml unpacks to hundreds of megabytes (of whitespace
    between two real paragraphs: valid XML, so a parser reads every byte)."""

    def body() -> Iterator[bytes]:
        yield b"<w:p><w:r><w:t>" + CV_LINES[0].encode() + b"</w:t></w:r></w:p>"
        block = b" " * MB
        for _ in range(unpacked // MB):
            yield block
        yield b"<w:p><w:r><w:t>" + CV_LINES[1].encode() + b"</w:t></w:r></w:p>"

    return _with_document(_document(body))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_nested_zips(depth: int = 5) -> bytes:
    """A Word file carrying an archive of archives, named as an embedded object and again
    disguised as an image."""
    inner = _zip({"bomb.txt": b"0" * MB})
    for level in range(depth):
        inner = _zip({f"level{level}.zip": inner, f"copy{level}.zip": inner})

    def original() -> Iterator[bytes]:
        yield zipfile.ZipFile(io.BytesIO(make_docx(CV_LINES))).read("word/document.xml")

    return _with_document(
        original,
        {"word/embeddings/oleObject1.zip": inner, "word/media/image1.png": inner},
    )


def _pdf(objects: list[bytes]) -> bytes:
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_huge_stream(unpacked: int = 70 * MB) -> bytes:
    """One page whose content stream inflates to 70 MB of text operators (under pypdf's own
    75 MB default, so only our limit stops it)."""
    compressor = zlib.compressobj(6)
    parts = [compressor.compress(b"BT /F1 11 Tf 72 720 Td ")]
    block = b"(x) Tj " * (MB // 7)
    for _ in range(unpacked // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(b" ET"))
    parts.append(compressor.flush())
    stream = b"".join(parts)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
            FONT,
        ]
    )


def pdf_pages(count: int, *, declared: int | None = None, lines: list[str] | None = None) -> bytes:
    """A PDF of ``count`` pages sharing one content stream; ``declared`` is the /Count the
    page tree claims (a liar says 1)."""
    text = " ".join(f"({line}) Tj T*" for line in (lines or CV_LINES)).encode("latin-1")
    content = b"BT /F1 11 Tf 14 TL 72 720 Td " + text + b" ET"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (declared or count),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        FONT,
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    ] * count
    return _pdf(objects)


def two_page_cv() -> bytes:
    """The baseline: an ordinary two-page CV of 45 lines a page."""
    rng = random.Random(13)
    words = " ".join(CV_LINES).replace("(", "").replace(")", "").split()
    pages = []
    for _ in range(2):
        lines = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(45)]
        pages.append(b" ".join(b"(%s) Tj T*" % line.encode("latin-1") for line in lines))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
    ]
    for number in (5, 6):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 7 0 R >> >> >>" % number
        )
    for text in pages:
        content = b"BT /F1 10 Tf 14 TL 50 800 Td " + text + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(FONT)
    return _pdf(objects)


# name -> (builder, what the candidate is told: "limits" or "pages")
CRAFTED: dict[str, tuple[Callable[[], bytes], str]] = {
    "docx-million-paragraphs": (docx_million_paragraphs, "limits"),
    "docx-30000-paragraphs": (docx_many_paragraphs, "limits"),
    "docx-zip-bomb": (docx_zip_bomb, "limits"),
    "docx-nested-zips": (docx_nested_zips, "limits"),
    "pdf-huge-stream": (pdf_huge_stream, "limits"),
    "pdf-10000-pages": (lambda: pdf_pages(10_000), "pages"),
    "pdf-10000-pages-count-lies": (lambda: pdf_pages(10_000, declared=1), "limits"),
}
