"""Rows of an uploaded CSV or XLSX file, read as a stream: memory stays flat at any size."""

import codecs
import csv
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from openpyxl import load_workbook

from servicekit.boundary import check_no_nul
from servicekit.errors import DomainError

# Column headings accepted in either language; the first row of the file names the columns.
HEADINGS = {
    "name": "name",
    "姓名": "name",
    "id_number": "id_number",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "phone": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "employment_form": "employment_form",
    "就业形态": "employment_form",
}
REQUIRED = ("name", "id_number")


class UnreadableFileError(DomainError):
    status = 422
    code = "unreadable-file"
    title_en = "File cannot be read"
    title_zh = "文件无法读取"


Row = dict[str, str]


def _columns(header: list[str]) -> list[str | None]:
    columns = [HEADINGS.get(str(h or "").strip().lower()) for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise UnreadableFileError(
            f"The first row must name the columns; missing: {', '.join(missing)} "
            "(姓名, 身份证号, 手机号, 就业形态)"
        )
    return columns


def _rows(lines: Iterator[Sequence[object]]) -> Iterator[tuple[int, Row]]:
    try:
        header = next(lines)
    except StopIteration:
        raise UnreadableFileError("The file is empty") from None
    columns = _columns([str(h) if h is not None else "" for h in header])
    for number, values in enumerate(lines, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        row = {
            column: "" if value is None else str(value).strip()
            for column, value in zip(columns, values, strict=False)
            if column is not None
        }
        for column, value in row.items():
            check_no_nul(value, ("file", number, column))
        yield number, row


def csv_rows(stream: BinaryIO) -> Iterator[tuple[int, Row]]:
    # utf-8-sig: spreadsheets exported on Windows start with a byte-order mark.
    text = codecs.getreader("utf-8-sig")(stream)
    try:
        yield from _rows(iter(csv.reader(text)))
    except UnicodeDecodeError:
        raise UnreadableFileError("CSV files must be UTF-8 encoded") from None
    except csv.Error as exc:
        raise UnreadableFileError(f"Not a valid CSV file: {exc}") from None


def xlsx_rows(stream: BinaryIO) -> Iterator[tuple[int, Row]]:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFileError("Not a valid XLSX workbook") from exc
    try:
        sheet = workbook.worksheets[0]
        yield from _rows(list(r) for r in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def file_rows(filename: str, stream: BinaryIO) -> Iterator[tuple[int, Row]]:
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        return xlsx_rows(stream)
    if lowered.endswith(".csv"):
        return csv_rows(stream)
    raise UnreadableFileError("Upload a .csv or .xlsx file")
