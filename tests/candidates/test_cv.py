"""CV upload: real PDF and Word files are accepted and read; anything else is refused with a
message that says what to do; files are stored under random names and cleaned up."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, CVDocument, Vacancy
from nedmatch.services.applications import cv
from tests.conftest import (
    assert_field_error,
    complete_steps,
    error_summary,
    page_text,
    parse_page,
    start_application,
)

CV_LINES = [
    "Amara Okafor, chartered accountant (ICAEW)",
    "Finance Director, Aire Valley Housing Association, 2015 to date",
    "Chair of the audit and risk committee, Leeds Community Foundation",
]
MB = 1024 * 1024


def make_pdf(lines: list[str]) -> bytes:
    """A minimal valid PDF, one page of Helvetica text: enough for any PDF reader."""
    text = " ".join(f"({line}) Tj T*" for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 72 720 Td {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    pdf += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(pdf)


def make_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    document.add_heading("Curriculum vitae", level=1)
    for line in lines[:-1]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = lines[-1]  # text in tables counts too
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_in_zip(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.namelist():
            target.writestr(item, content if item == name else source.read(item))
    return buffer.getvalue()


@pytest.fixture
def cv_url(client: FlaskClient, vacancy: Vacancy) -> str:
    base = f"/applications/{start_application(client, vacancy)}"
    complete_steps(client, base, ["about-you", "experience", "competencies", "statement"])
    return f"{base}/cv"


def upload(client: FlaskClient, url: str, data: bytes, filename: str) -> Any:
    """Post the file as a browser would. The body is built here, in memory: the test client
    spools large bodies to a temporary file it never closes (a ResourceWarning, so an error
    in some later test)."""
    boundary = "----nedmatch-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="cv"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def the_candidate() -> Candidate:
    return db.session.execute(db.select(Candidate)).scalar_one()


def stored_path(app: Flask, document: CVDocument) -> Path:
    return Path(app.config["UPLOAD_FOLDER"]) / document.storage_name


@pytest.mark.parametrize(
    ("filename", "build", "content_type"),
    [
        ("Amara Okafor CV.pdf", make_pdf, "application/pdf"),
        (
            "Amara Okafor CV.docx",
            make_docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        # The type is read from the content, not the name.
        ("cv.PDF.txt", make_pdf, "application/pdf"),
    ],
)
def test_a_real_cv_is_accepted_read_and_stored_under_a_random_name(
    app: Flask, client: FlaskClient, cv_url: str, filename: str, build: Any, content_type: str
) -> None:
    data = build(CV_LINES)

    response = upload(client, cv_url, data, filename)

    assert response.status_code == 302, error_summary(response)
    assert response.location == cv_url.removesuffix("/cv")  # the task list
    document = the_candidate().cv
    assert document is not None
    assert document.content_type == content_type
    assert document.original_filename == filename
    assert document.size_bytes == len(data)
    for line in CV_LINES:
        assert line in document.text
    assert re.fullmatch(r"[0-9a-f]{32}", document.storage_name)
    path = stored_path(app, document)
    # Encrypted at rest (tests/privacy/test_encryption.py): the service reads it back whole.
    assert path.read_bytes() != data
    assert cv.read(document.storage_name) == data
    assert not (Path(app.config["UPLOAD_FOLDER"]) / filename).exists()
    assert "static" not in path.parts
    # The candidate sees which file they uploaded.
    assert filename in page_text(client.get(cv_url))
    assert filename in page_text(client.get(cv_url.replace("/cv", "/check")))


SCANNED = (
    "We could not find any text in your CV. It may be a scanned image: upload a version with "
    "selectable text, or leave the CV out and describe your career in the form."
)
NOT_A_CV = "The CV must be a PDF or a Word document (.docx)."
DAMAGED_PDF = "The PDF could not be read. It may be damaged: save it again as a PDF and upload it."
DAMAGED_DOCX = "The Word document could not be read. Save it again as a .docx file and upload it."

REFUSED = [
    (
        "empty",
        b"",
        "cv.pdf",
        "The selected file is empty. Choose a PDF or Word (.docx) file of your CV.",
    ),
    ("text-named-pdf", b"Amara Okafor\nFinance Director\n" * 20, "cv.pdf", NOT_A_CV),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(2000), "cv.png", NOT_A_CV),
    ("exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(4000), "cv.exe", NOT_A_CV),
    ("exe-named-docx", b"MZ\x90\x00" + bytes(4000), "cv.docx", NOT_A_CV),
    ("zip-not-word", b"PK\x03\x04" + bytes(100), "cv.docx", NOT_A_CV),
    ("pdf-without-text", make_pdf([]), "scan.pdf", SCANNED),
    ("docx-without-text", make_docx([" "]), "scan.docx", SCANNED),
    ("truncated-pdf", make_pdf(CV_LINES)[:150], "cv.pdf", DAMAGED_PDF),
    ("pdf-header-only", b"%PDF-1.7\n", "cv.pdf", DAMAGED_PDF),
    (
        "docx-with-broken-xml",
        replace_in_zip(make_docx(CV_LINES), "word/document.xml", b"<w:document"),
        "cv.docx",
        DAMAGED_DOCX,
    ),
    ("over-5-mb", b"%PDF-1.4\n" + bytes(5 * MB), "big.pdf", "The CV must be smaller than 5 MB."),
]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_file_that_is_not_a_usable_cv_is_refused_with_a_message(
    app: Flask, client: FlaskClient, cv_url: str, data: bytes, filename: str, message: str
) -> None:
    before = set(Path(app.config["UPLOAD_FOLDER"]).glob("*"))

    response = upload(client, cv_url, data, filename)

    assert_field_error(response, "cv", message)
    assert "Traceback" not in response.get_data(as_text=True)
    assert the_candidate().cv is None
    assert "cv" not in the_candidate().completed_steps
    assert set(Path(app.config["UPLOAD_FOLDER"]).glob("*")) == before


def test_an_encrypted_pdf_is_refused_with_a_message(client: FlaskClient, cv_url: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(CV_LINES))))
    writer.encrypt("a password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    response = upload(client, cv_url, buffer.getvalue(), "cv.pdf")

    assert_field_error(
        response,
        "cv",
        "The PDF is protected with a password. Save a copy without a password and upload that.",
    )


def test_a_request_over_the_size_limit_gets_a_page_that_says_what_to_do(
    app: Flask, client: FlaskClient, cv_url: str
) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == 6 * MB

    response = upload(client, cv_url, b"%PDF-1.4\n" + bytes(6 * MB + 1), "huge.pdf")

    assert response.status_code == 413
    text = page_text(response)
    assert "The file is too large" in text
    assert "Your CV must be smaller than 5 MB" in text
    assert "Traceback" not in response.get_data(as_text=True)
    assert the_candidate().cv is None
    # The journey carries on: the CV page still works.
    assert client.get(cv_url).status_code == 200


def test_leaving_the_cv_out_is_allowed(client: FlaskClient, cv_url: str) -> None:
    response = client.post(cv_url, data={})

    assert response.status_code == 302
    assert response.location == cv_url.removesuffix("/cv")  # the task list
    assert the_candidate().cv is None
    assert "No CV uploaded" in page_text(client.get(cv_url.replace("/cv", "/check")))


def test_replacing_a_cv_deletes_the_old_file(app: Flask, client: FlaskClient, cv_url: str) -> None:
    assert upload(client, cv_url, make_pdf(CV_LINES), "first.pdf").status_code == 302
    first = stored_path(app, the_candidate().cv)

    new_lines = ["Amara Okafor, non-executive director and chartered accountant", *CV_LINES[1:]]
    assert upload(client, cv_url, make_docx(new_lines), "second.docx").status_code == 302

    document = the_candidate().cv
    assert document.original_filename == "second.docx"
    assert "non-executive director and chartered accountant" in document.text
    assert not first.exists()
    assert stored_path(app, document).exists()
    assert db.session.execute(db.select(db.func.count()).select_from(CVDocument)).scalar() == 1


def test_a_refused_replacement_keeps_the_earlier_cv(
    app: Flask, client: FlaskClient, cv_url: str
) -> None:
    assert upload(client, cv_url, make_pdf(CV_LINES), "first.pdf").status_code == 302
    first = stored_path(app, the_candidate().cv)

    response = upload(client, cv_url, b"not a cv", "second.pdf")

    assert_field_error(response, "cv", NOT_A_CV)
    assert the_candidate().cv.original_filename == "first.pdf"
    assert first.exists()


def test_removing_a_cv_deletes_the_file(app: Flask, client: FlaskClient, cv_url: str) -> None:
    assert upload(client, cv_url, make_pdf(CV_LINES), "cv.pdf").status_code == 302
    path = stored_path(app, the_candidate().cv)

    response = client.post(cv_url, data={"remove": "y"})

    assert response.status_code == 302
    assert the_candidate().cv is None
    assert not path.exists()
    assert db.session.execute(db.select(CVDocument)).first() is None
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert {"cv_uploaded", "cv_removed"} <= set(actions)


@pytest.mark.parametrize(
    "filename", ["../../../etc/passwd.pdf", "<script>alert(1)</script>.pdf", "C:\\cv.pdf"]
)
def test_the_original_filename_is_never_a_path_and_is_shown_as_text(
    app: Flask, client: FlaskClient, cv_url: str, filename: str
) -> None:
    assert upload(client, cv_url, make_pdf(CV_LINES), filename).status_code == 302

    document = the_candidate().cv
    assert stored_path(app, document).parent == Path(app.config["UPLOAD_FOLDER"])
    html = client.get(cv_url).get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert document.original_filename in page_text(client.get(cv_url))
    # Shown in bold, as text: the markup around it is markup, not text.
    [shown] = parse_page(client.get(cv_url)).xpath(
        "//*[contains(@class, 'nhsuk-inset-text')]//strong"
    )
    assert shown.text_content() == document.original_filename
