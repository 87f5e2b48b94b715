"""One table writer for every download: a table is built once and written as CSV or XLSX,
with the spreadsheet-formula guard on every cell typed by a person.

A CSV is the tidy form: one header, one line per row. A workbook adds what a person reading
it needs: a title and notes above the table, widths, number formats, a header kept in view.
What a table cannot hold (a chart) the caller adds to the sheet `add_sheet` returns.
openpyxl is imported on use: only a workbook needs it, and it is slow to import.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .dates import XLSX_DATE, XLSX_DATE_TIME, date_and_time, long_date

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 14
    number_format: str | None = None


@dataclass(frozen=True)
class Note:
    """A line above a table in a workbook: ``text`` in the first column, or a bold
    ``label`` there with the text beside it. ``Note("")`` is a blank line."""

    text: str
    label: str = ""


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    # In a workbook only; a CSV is the header and the rows alone.
    title: str = ""  # a heading in the first row
    notes: list[Note] = field(default_factory=list)  # lines between the heading and the table
    bold_rows: set[int] = field(default_factory=set)  # indexes of rows that stand out
    frozen_columns: int = 0  # columns kept in view beside the rows, as the header is above
    # The header kept in view, with filters: off for a short table low on its sheet, where
    # everything above it would be frozen too.
    fixed_header: bool = True


# What a download of each format is sent as.
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


# A cell starting with one of these is run as a formula by spreadsheet programs: text typed
# by people (comments, criteria) is written so that it stays text (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float):
        return str(round(value, 2))
    if isinstance(value, datetime):
        return date_and_time(value)
    if isinstance(value, date):
        return long_date(value)
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def to_csv(tables: Sequence[Table]) -> bytes:
    """One tidy CSV in UTF-8 with a byte-order mark (so Excel reads accents right). Several
    tables share one header, with a first column naming the table each row comes from."""
    titles: list[str] = []
    for table in tables:
        titles += [c.title for c in table.columns if c.title not in titles]
    several = len(tables) > 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((["Row type"] if several else []) + titles)
    for table in tables:
        positions = [titles.index(c.title) for c in table.columns]
        for row in table.rows:
            out = [""] * len(titles)
            for position, value in zip(positions, row, strict=True):
                out[position] = _csv_value(value)
            writer.writerow(([table.name] if several else []) + out)
    return buffer.getvalue().encode("utf-8-sig")


@dataclass(frozen=True)
class Placed:
    """Where `add_sheet` wrote a table: its sheet, and the header's and last row's numbers."""

    sheet: Worksheet
    header_row: int
    last_row: int

    @property
    def first_row(self) -> int:
        return self.header_row + 1


HEADER_COLOUR = "005EB8"  # NHS blue
TITLE_SIZE = 14
WIDE = 40  # text in a column at least this wide wraps
# Sizing rows for wrapped text, near enough: characters that fit in a column of width 1
# (Calibri 11), and the height of a line.
_CHARS_PER_WIDTH = 0.86
_LINE_HEIGHT = 15


def _lines(text: str, width: int) -> int:
    return max(1, len(textwrap.wrap(text, max(1, int(width * _CHARS_PER_WIDTH)))))


def sheet_name(name: str, used: Sequence[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name, unique in its
    workbook: a longer or repeated name is cut and numbered."""
    base = re.sub(r"[\[\]:*?/\\']", "", name)[:31].strip() or "Sheet"
    candidate, n = base, 2
    while candidate in used:
        suffix = f" {n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def new_workbook() -> Workbook:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def add_sheet(workbook: Workbook, table: Table) -> Placed:
    """A sheet for ``table``: its title and notes, then a header in NHS blue with the
    columns' widths, then the rows with their number formats. Text is never a formula,
    whatever it starts with; a mark standing in a number column (such as a withheld
    count) is aligned with the numbers."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, right = Font(bold=True), Alignment(horizontal="right")
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet = workbook.create_sheet(sheet_name(table.name, workbook.sheetnames))
    row = 1
    if table.title:
        sheet.cell(row=row, column=1, value=table.title).font = Font(bold=True, size=TITLE_SIZE)
        row += 1
    text_width = table.columns[1].width if len(table.columns) > 1 else WIDE
    for note in table.notes:
        if note.label:
            sheet.cell(row=row, column=1, value=note.label).font = bold
        if note.label and note.text:
            cell = sheet.cell(row=row, column=2, value=note.text)
            cell.alignment = wrap
            if (lines := _lines(note.text, text_width)) > 1:
                sheet.row_dimensions[row].height = _LINE_HEIGHT * lines
        elif note.text:
            sheet.cell(row=row, column=1, value=note.text)
        row += 1

    header = row
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    header_alignment = Alignment(wrap_text=True, vertical="center")
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header, column=index, value=column.title)
        cell.font, cell.fill, cell.alignment = header_font, header_fill, header_alignment
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    lines = max((_lines(c.title, c.width) for c in table.columns), default=1)
    if lines > 1:
        sheet.row_dimensions[header].height = _LINE_HEIGHT * lines

    for offset, values in enumerate(table.rows):
        row = header + 1 + offset
        emphasis = offset in table.bold_rows
        for index, (column, value) in enumerate(zip(table.columns, values, strict=True), 1):
            if isinstance(value, str):
                cell = sheet.cell(row=row, column=index, value=_ILLEGAL_XML.sub("", value))
                cell.data_type = "s"  # never a formula, whatever it starts with
                if column.width >= WIDE:
                    cell.alignment = wrap
                elif column.number_format:
                    cell.alignment = right
            else:
                cell = sheet.cell(row=row, column=index, value=value)
                if column.number_format and value is not None:
                    cell.number_format = column.number_format
                elif isinstance(value, datetime):
                    cell.number_format = XLSX_DATE_TIME  # a real date, in the words people read
                elif isinstance(value, date):
                    cell.number_format = XLSX_DATE
            if emphasis:
                cell.font = bold

    last = header + len(table.rows)
    if table.fixed_header:
        sheet.freeze_panes = sheet.cell(row=header + 1, column=table.frozen_columns + 1)
        if table.rows:
            sheet.auto_filter.ref = f"A{header}:{get_column_letter(len(table.columns))}{last}"
    return Placed(sheet, header, last)


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """A sheet per table, in order."""
    workbook = new_workbook()
    for table in tables:
        add_sheet(workbook, table)
    return save(workbook)
