"""Reading an import file, CSV or XLSX, into a header row and rows of text, within limits a
crafted file cannot get past (size, rows, cells), and a ZIP of CVs safely."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELL = 20_000
MAX_ZIP_MEMBERS = 20_000
MAX_ZIP_TOTAL = 2 * 1024 * 1024 * 1024  # uncompressed


class ReadError(ValueError):
    """A file that cannot be read at all; the message says what to do."""


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[list[str]]  # without the header; row i is the file's row i + 2


def kind_of(filename: str, data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ReadError("The file is named .xlsx but is not an Excel workbook: save it again")
    return "csv"


def _text(value: object) -> str:
    if type(value) is str:  # every CSV cell, and most workbook cells: the quick way
        text = value.strip()
        if "\x00" in text:
            text = text.replace("\x00", "").strip()
        if len(text) > MAX_CELL:
            raise ReadError(f"A cell is over {MAX_CELL:,} characters long: is this the right file?")
        return text
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\x00", "").strip()
    if len(text) > MAX_CELL:
        raise ReadError(f"A cell is over {MAX_CELL:,} characters long: is this the right file?")
    return text


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows; every byte means something in cp1252 but a few.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError(
                "The file is not text we can read: save it as CSV UTF-8 or as an Excel workbook"
            ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        yield [_text(cell) for cell in row]


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file  # noqa: BLE001
        raise ReadError("The workbook could not be opened: save it again from Excel") from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_text(cell) for cell in row]
    finally:
        book.close()


def read_sheet(filename: str, data: bytes) -> Sheet:
    if not data:
        raise ReadError("The file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"The file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    rows = _xlsx_rows(data) if kind_of(filename, data) == "xlsx" else _csv_rows(data)
    try:
        headers = next(rows)
    except StopIteration:
        raise ReadError("The file is empty") from None
    body: list[list[str]] = []
    for row in rows:
        if not any(row):
            continue  # blank lines, and the empty rows spreadsheets keep at the end
        body.append(row)
        if len(body) > MAX_ROWS:
            raise ReadError(f"The file has more than {MAX_ROWS:,} rows: split it into parts")
    if not body:
        raise ReadError("The file has a header row but nobody in it")
    return Sheet(headers, body)


class CVArchive:
    """The CVs' ZIP: members by their own name (no folders), read one at a time, never
    extracted to disk, with limits against archives that unpack to far more than they are."""

    def __init__(self, data: bytes | None) -> None:
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        if not data:
            return
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise ReadError(
                "The CVs file is not a ZIP archive: make one with Send to ZIP"
            ) from None
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_MEMBERS:
            raise ReadError(f"The ZIP holds more than {MAX_ZIP_MEMBERS:,} files")
        if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
            raise ReadError("The ZIP unpacks to more than 2 GB: split it into parts")
        for info in infos:
            name = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            if name and not name.startswith("."):
                self._members.setdefault(name.casefold(), info)

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self._members

    def read(self, name: str, max_bytes: int) -> bytes:
        info = self._members[name.casefold()]
        if info.file_size > max_bytes:
            raise ReadError(f"{name} is larger than {max_bytes // (1024 * 1024)} MB")
        assert self._zip is not None  # noqa: S101 - members exist only with an archive
        with self._zip.open(info) as member:
            data = member.read(max_bytes + 1)
        if len(data) > max_bytes:  # the header lied about the size
            raise ReadError(f"{name} is larger than {max_bytes // (1024 * 1024)} MB")
        return data
