"""Downloads: CSV loads in pandas, XLSX opens with its sheets, PDF has its pages."""

from __future__ import annotations

import io

import pandas as pd
import pikepdf
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from nedmatch.diversity import (
    DisclosurePolicy,
    Scope,
    build_report,
    report_to_csv,
    report_to_pdf,
    report_to_xlsx,
)
from nedmatch.diversity.exports import CSV_COLUMNS
from nedmatch.diversity.synthetic import synthetic_records


@pytest.fixture(scope="module")
def report():
    return build_report(
        synthetic_records(800, seed=3, vacancies=10),
        scope=Scope(region="london"),
        questions=["sex", "disability", "ethnicity", "ethnic_group"],
    )


def test_csv_is_tidy_and_loads_in_pandas(report):
    frame = pd.read_csv(io.BytesIO(report_to_csv(report)), encoding="utf-8-sig")
    assert list(frame.columns) == list(CSV_COLUMNS)
    rows_per_stage = sum(len(t.rows) for t in report.tables)
    assert len(frame) == rows_per_stage * 6
    assert set(frame["scope"]) == {"Region: London"}
    assert not frame.duplicated(["scope", "stage", "question", "answer"]).any()
    hidden = frame[frame["suppressed"]]
    assert hidden["count"].isna().all() and hidden["percent"].isna().all()
    assert (hidden["shown_as"] == "[c]").all()
    shown = frame[~frame["suppressed"] & (frame["row_type"] != "total")]
    assert not shown["count"].between(1, 4).any()


def test_xlsx_has_notes_a_sheet_per_question_and_formatting(report):
    workbook = load_workbook(io.BytesIO(report_to_xlsx(report)))
    assert workbook.sheetnames == [
        "Notes",
        "Sex",
        "Disability",
        "Ethnicity (19 options)",
        "Ethnic group",
        "Adverse impact",
        "Benchmarks",
    ]
    sex = workbook["Sex"]
    assert sex["A4"].value == "Answer" and sex["A4"].font.bold
    assert sex.freeze_panes == "B5"
    assert sex["B5"].number_format == "#,##0"
    assert sex["C5"].number_format == "0.0%"
    assert sex.column_dimensions["A"].width > 30
    assert len(sex._charts) == 1
    notes = [c.value for c in workbook["Notes"]["B"] if c.value]
    assert any("withheld" in str(n) for n in notes)


def test_pdf_is_paged_with_a_page_per_question():
    small = build_report(
        synthetic_records(600, seed=5), questions=["sex", "disability"], policy=DisclosurePolicy()
    )
    pdf = report_to_pdf(small)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    # Summary, sex, disability, adverse impact, benchmarks, method notes.
    assert len(reader.pages) == 6
    assert "Page 1 of 6" in reader.pages[0].extract_text()
    assert "Page 6 of 6" in reader.pages[5].extract_text()
    assert "Sex" in reader.pages[1].extract_text()
    # The chart: a figure, on the question's page, with alternative text.
    with pikepdf.open(io.BytesIO(pdf)) as document:
        sex_page = document.pages[1].obj.objgen
        figures = [
            e for e in figure_elements(document.Root.StructTreeRoot) if e.Pg.objgen == sex_page
        ]
    assert len(figures) == 1
    assert str(figures[0].Alt).startswith("Sex: % of those who declared, by stage")


def figure_elements(node: object) -> list[pikepdf.Dictionary]:
    if isinstance(node, pikepdf.Array):
        return [f for kid in node for f in figure_elements(kid)]
    if not isinstance(node, pikepdf.Dictionary):
        return []
    found = [node] if node.get("/S") == "/Figure" else []
    return found + figure_elements(node.get("/K"))
