"""The PDF's page margins (its running header and "Page N of M" footer) are pagination
artifacts: WeasyPrint leaves them tagged with elements outside the structure tree."""

from __future__ import annotations

import io

import pikepdf
import pytest

from nedmatch.diversity import build_report, pdftags
from nedmatch.diversity.pdf import laid_out
from nedmatch.diversity.synthetic import synthetic_records
from tests.reports.pdfua import problems


@pytest.fixture(scope="module")
def raw() -> bytes:
    return laid_out(build_report(synthetic_records(200, seed=7), questions=["sex"]))


def pagination_artifacts(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return sum(
            1
            for page in pdf.pages
            for operands, operator in pikepdf.parse_content_stream(page, "BDC")
            if operands[0] == "/Artifact" and operands[1].get("/Type") == "/Pagination"
        )


def test_weasyprint_leaves_the_margins_outside_the_tree(raw: bytes) -> None:
    found = problems(raw)
    assert found and all("is not in the structure tree" in problem for problem in found)
    assert pagination_artifacts(raw) == 0


@pytest.mark.parametrize("way", ["quick", "parsed"])
def test_the_margins_become_pagination_artifacts(
    raw: bytes, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if way == "parsed":  # what happens when the content is not written as expected
        monkeypatch.setattr(pdftags, "_rewrite_bytes", lambda content, detached: None)
    fixed = pdftags.margins_as_artifacts(raw)
    assert problems(fixed) == []
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        pages = len(pdf.pages)
    # Each page's header (left and right) and footer (left and right).
    assert pagination_artifacts(fixed) == 4 * pages


def test_a_pdf_without_tags_is_left_as_it_is() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    assert pdftags.margins_as_artifacts(out.getvalue()) == out.getvalue()
