"""The diversity report's PDF is accessible: PDF/UA-1 (ISO 14289-1), as public-sector
accessibility rules ask of a published document.

Checked twice over: by our own checks of the machine-checkable rules (tests/reports/
pdfua.py, read with pikepdf; each shown below to catch a PDF that breaks it), and by
page (page-validation on PyPI), an independent PDF/UA-1 validator that passes veraPDF's
test corpus. Then what a screen reader meets: the title and language, each chart a
figure whose alternative text says what it shows, each table with a caption and header
cells that every figure is tied to.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator

import page
import pikepdf
import pytest
from pypdf import PdfReader

from nedmatch.diversity import DisclosurePolicy, build_report, report_to_pdf
from nedmatch.diversity.charts import chart_stages
from nedmatch.diversity.pdf import parts
from nedmatch.diversity.records import STAGE_LABELS, question_label
from nedmatch.diversity.report import DiversityReport
from nedmatch.diversity.synthetic import synthetic_records
from tests.reports.pdfua import problems


@pytest.fixture(scope="module")
def report() -> DiversityReport:
    # Every question, ethnicity's 19 answers included (its chart comes in parts).
    return build_report(
        synthetic_records(800, seed=3, vacancies=10), policy=DisclosurePolicy(method="cell-key")
    )


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def made(report: DiversityReport) -> tuple[bytes, list[str]]:
    """The PDF, and what WeasyPrint warned of while making it (a missing alt text or
    language is logged, not raised)."""
    errors = Errors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(errors)
    try:
        return report_to_pdf(report), errors.messages
    finally:
        logger.removeHandler(errors)


@pytest.fixture(scope="module")
def pdf(made: tuple[bytes, list[str]]) -> bytes:
    return made[0]


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    """A short report (two questions) to break in each way the checks must catch."""
    return report_to_pdf(
        build_report(synthetic_records(300, seed=5), questions=["sex", "age_band"])
    )


def test_the_report_passes_every_check(made: tuple[bytes, list[str]]) -> None:
    data, warnings = made
    assert problems(data) == []
    assert warnings == []


def test_an_independent_validator_finds_it_conforms(pdf: bytes) -> None:
    result = page.validate_pdf_bytes(pdf, profile="ua1")
    assert result.is_compliant, [(f.rule_id, f.message) for f in result.failures]
    assert result.rules.total >= 100  # the machine-checkable rules of PDF/UA-1


def untagged_pdf() -> bytes:
    """What most PDF writers make: a page of text in a font that is not embedded, with no
    tags, title, language or PDF/UA identifier."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(842, 595))
    helvetica = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    first = pdf.pages[0]
    first.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica))
    first.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 500 Td (Diversity report) Tj ET")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_checks_reject_an_untagged_pdf() -> None:
    data = untagged_pdf()
    found = problems(data)
    assert found == [
        "Matterhorn 06-001: no XMP metadata stream in the catalog",
        "Matterhorn 07-001: /ViewerPreferences /DisplayDocTitle is not true",
        "ISO 14289-1 7.1: /MarkInfo /Marked is not true: not a tagged PDF",
        "Matterhorn 11-001: the catalog has no /Lang: the document's language is unknown",
        "ISO 14289-1 7.1: no /StructTreeRoot: the document has no structure tree",
        "Matterhorn 01-005: page 1: 1 'Tj' operator(s) neither tagged nor an artifact",
        "ISO 14289-1 7.21.4.1: font /F1 (/Helvetica) is not embedded",
    ]
    assert not page.validate_pdf_bytes(data, profile="ua1").is_compliant


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """The structure tree's elements in document order."""
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


def first(pdf: pikepdf.Pdf, role: str) -> pikepdf.Dictionary:
    return next(e for e in elements(pdf) if e.S == role)


def _drop_alt(pdf: pikepdf.Pdf) -> None:
    del first(pdf, "/Figure").Alt


def _headers_to_cells(pdf: pikepdf.Pdf) -> None:
    table = first(pdf, "/Table")
    stack = [table.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/TH":
                node.S = pikepdf.Name.TD
            stack.append(node.get("/K"))


def _untagged_text(pdf: pikepdf.Pdf) -> None:
    page_ = pdf.pages[0]
    font = next(iter(page_.obj.Resources.Font.keys()))
    page_.contents_add(pdf.make_stream(f"BT {font} 9 Tf 72 72 Td <0001> Tj ET".encode()))


def _detached_element(pdf: pikepdf.Pdf) -> None:
    heading = first(pdf, "/H1")
    parent = heading.P
    parent.K = pikepdf.Array([k for k in parent.K if k.objgen != heading.objgen])


def _no_role_map(pdf: pikepdf.Pdf) -> None:
    first(pdf, "/Figure").S = pikepdf.Name("/Chart")


def _remapped_standard(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(P=pikepdf.Name.Span)


def _circular_map(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(
        Chart=pikepdf.Name("/Graph"), Graph=pikepdf.Name("/Chart")
    )


def _no_pdfua_id(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["pdfuaid:part"]


def _no_title(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["dc:title"]


def _title_not_shown(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _no_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Lang


def _suspects(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Suspects = True


def _skipped_heading(pdf: pikepdf.Pdf) -> None:
    first(pdf, "/H2").S = pikepdf.Name.H4


def _font_not_embedded(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].obj.Resources.Font.values():
        descriptor = (
            font.DescendantFonts[0].FontDescriptor
            if font.Subtype == "/Type0"
            else font.FontDescriptor
        )
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                del descriptor[key]


def _annotation_without_tabs(pdf: pikepdf.Pdf) -> None:
    page_ = pdf.pages[0].obj
    del page_.Tabs
    page_.Annots = pdf.make_indirect(
        pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link)])
    )


BREAKAGES: dict[str, tuple[Callable[[pikepdf.Pdf], None], str]] = {
    "figure without alt text": (_drop_alt, "Matterhorn 13-004: a Figure has no alternative"),
    "table without header cells": (_headers_to_cells, "Tables: a Table has no header cells"),
    "untagged text": (_untagged_text, "Matterhorn 01-005: page 1: 1 'Tj' operator(s)"),
    "element out of the tree": (_detached_element, "element is not in the structure tree"),
    "role not standard": (_no_role_map, "Matterhorn 02-001: the role /Chart"),
    "standard role remapped": (_remapped_standard, "Matterhorn 02-004: the standard type P"),
    "circular role map": (_circular_map, "Matterhorn 02-003"),
    "no PDF/UA identifier": (_no_pdfua_id, "Matterhorn 06-002"),
    "no title": (_no_title, "Matterhorn 06-003: the XMP metadata has no dc:title"),
    "title not shown": (_title_not_shown, "Matterhorn 07-001"),
    "no language": (_no_language, "Matterhorn 11-001"),
    "suspects": (_suspects, "Matterhorn 01-007"),
    "heading level skipped": (_skipped_heading, "Matterhorn 14-003: H4 follows H1"),
    "font not embedded": (_font_not_embedded, "ISO 14289-1 7.21.4.1: font"),
    "annotation without tab order": (_annotation_without_tabs, "ISO 14289-1 7.18.3"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_each_check_catches_a_pdf_that_breaks_it(small_pdf: bytes, breakage: str) -> None:
    assert problems(small_pdf) == []
    damage, expected = BREAKAGES[breakage]
    with pikepdf.open(io.BytesIO(small_pdf)) as document:
        damage(document)
        out = io.BytesIO()
        document.save(out)
    found = problems(out.getvalue())
    assert any(problem.startswith(expected) or expected in problem for problem in found), found


def test_title_language_and_pages(pdf: bytes, report: DiversityReport) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == "en-GB"
        title = str(document.open_metadata()["dc:title"])
        assert title == "NEDMatch diversity report: Whole pool"
        assert str(document.docinfo.Title) == title
        assert all(
            [round(float(x)) for x in p.mediabox] == [0, 0, 842, 595] for p in document.pages
        ), "landscape A4"
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    for number in (1, total // 2, total):
        text = reader.pages[number - 1].extract_text()
        assert f"Page {number} of {total}" in text
        assert "NEDMatch diversity report: Whole pool" in text
    summary = " ".join(reader.pages[0].extract_text().split())
    assert "[c] marks a figure withheld so that no individual can be identified" in summary
    assert "<5 means fewer than 5, including none" in summary


def test_every_chart_is_a_figure_whose_alt_text_says_what_it_shows(
    pdf: bytes, report: DiversityReport
) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        alts = [str(e.Alt) for e in elements(document) if e.S == "/Figure"]
    expected = sum(len(parts(t.answer_rows(), len(chart_stages(t)))) for t in report.tables)
    expected += len(parts(report.benchmarks, 2))
    assert len(alts) == expected
    for table in report.tables:
        label = question_label(table.question)
        mine = [alt for alt in alts if alt.startswith(f"{label}: % of those who declared")]
        assert mine, label
        described = " ".join(mine)
        for row in table.answer_rows():
            assert row.label in described, (label, row.label)
        for stage in chart_stages(table):
            assert all(STAGE_LABELS[stage] in alt for alt in mine)
        assert all("[c] marks a withheld figure" in alt for alt in mine)
    ethnicity = [a for a in alts if a.startswith("Ethnicity (19 options)")]
    assert len(ethnicity) > 1 and "(answers 1 to " in ethnicity[0]
    assert any(a.startswith("The pool compared with England, Census 2021") for a in alts)


def test_every_table_has_a_caption_and_each_figure_its_headers(
    pdf: bytes, report: DiversityReport
) -> None:
    """A screen reader announces, with each number, its answer and its stage: every data
    cell of a question's table names a row header and a column header. A table longer
    than a page goes on, on the next, as a table with the same header cells."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        tables = [e for e in elements(document) if e.S == "/Table"]
        for table in tables:
            assert any(e.S == "/TH" for e in elements_under(table))
        captioned = [t for t in tables if any(e.S == "/Caption" for e in elements_under(t))]
        # The stage totals, a table per question, adverse impact (two), benchmarks.
        assert len(captioned) == 1 + len(report.tables) + 2 + 1
        for table in captioned[1 : 1 + len(report.tables)]:
            rows = [e for e in elements_under(table) if e.S == "/TR"]
            column_headers = [str(c.ID) for c in cells_of(rows[0])]
            assert len(column_headers) == 1 + 2 * len(report.stages)  # answer, n and %
            for row in rows[1:]:
                row_header, *figures = cells_of(row)
                assert row_header.S == "/TH"
                for column, cell in enumerate(figures, start=1):
                    assert cell.S == "/TD"
                    headers = [str(h) for h in cell.A.Headers]
                    assert headers == [str(row_header.ID), column_headers[column]]


def cells_of(row: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [c for c in row.K if isinstance(c, pikepdf.Dictionary) and c.S in ("/TH", "/TD")]


def elements_under(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    stack = [element.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


@pytest.mark.parametrize(
    ("answers", "series", "sizes"),
    [(2, 5, [2]), (8, 5, [8]), (9, 5, [5, 4]), (19, 5, [7, 6, 6]), (40, 2, [14, 13, 13])],
)
def test_a_chart_too_tall_for_a_page_comes_in_near_equal_parts(
    answers: int, series: int, sizes: list[int]
) -> None:
    cut = parts(list(range(answers)), series)
    assert [len(part) for part in cut] == sizes
    assert [item for part in cut for item in part] == list(range(answers))
