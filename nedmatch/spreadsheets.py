"""One table writer for every download: a table is built once and written as CSV or XLSX,
with the spreadsheet-formula guard on every cell typed by a person."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .dates import XLSX_DATE, XLSX_DATE_TIME, date_and_time, long_date


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 14
    number_format: str | None = None


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)


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


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """A sheet per table: bold header kept in view, set widths and number formats."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append([c.title for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([_ILLEGAL_XML.sub("", v) if isinstance(v, str) else v for v in row])
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    if column.width >= 40:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif column.number_format and cell.value is not None:
                    cell.number_format = column.number_format
                elif isinstance(cell.value, datetime):
                    cell.number_format = XLSX_DATE_TIME  # a real date, in the words people read
                elif isinstance(cell.value, date):
                    cell.number_format = XLSX_DATE
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
