"""Reading the import files as planners save them: a folder of CSV files or one .xlsx workbook.

Each table comes back as rows of {column: cell} with the row number a spreadsheet would show, so every
later error can point at `file:row`. Headers are matched in any case and order; blank rows are skipped.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from graph.importer.errors import ImportProblem

TABLES = ("units", "goals", "indicators", "activities", "staff", "links")
REQUIRED_TABLES = ("units", "goals", "indicators", "activities", "staff")


@dataclass
class Table:
    """One import file: its display name (`goals.csv` or `book.xlsx[goals]`) and its rows."""

    name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def read_source(path: Path) -> tuple[dict[str, Table], list[ImportProblem]]:
    """Read a folder of CSV files or an .xlsx workbook; problems are collected, not raised."""
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if path.suffix.lower() == ".csv":
        return {}, [ImportProblem(str(path), None, None,
                                  "give the folder that holds the CSV files, not one file")]
    return {}, [ImportProblem(str(path), None, None, "not a folder of CSV files nor an .xlsx workbook")]


def normalise_header(name: object) -> str:
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def _read_folder(folder: Path) -> tuple[dict[str, Table], list[ImportProblem]]:
    files = {entry.name.lower(): entry for entry in folder.iterdir() if entry.is_file()}
    tables: dict[str, Table] = {}
    problems: list[ImportProblem] = []
    for table in TABLES:
        entry = files.get(f"{table}.csv")
        if entry is None:
            if table in REQUIRED_TABLES:
                problems.append(ImportProblem(f"{table}.csv", None, None, f"file missing from {folder}"))
            continue
        try:
            tables[table] = _read_csv(entry.name, entry.read_bytes())
        except ValueError as exc:
            problems.append(ImportProblem(entry.name, None, None, str(exc)))
    return tables, problems


def _read_csv(name: str, data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start}); save it as 'CSV UTF-8' from the spreadsheet") from None
    if "\x00" in text:
        raise ValueError("contains NUL bytes: this is not a text CSV file")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ValueError(f"row {reader.line_num}: unreadable CSV ({exc})") from None
    return _table(name, enumerate(records, start=1))


def _read_workbook(path: Path) -> tuple[dict[str, Table], list[ImportProblem]]:
    from openpyxl import load_workbook  # imported here: only workbook imports pay for it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        return {}, [ImportProblem(path.name, None, None, f"not a readable .xlsx workbook ({exc})")]
    sheets = {sheet.lower().strip(): sheet for sheet in book.sheetnames}
    tables: dict[str, Table] = {}
    problems: list[ImportProblem] = []
    try:
        for table in TABLES:
            sheet = sheets.get(table)
            if sheet is None:
                if table in REQUIRED_TABLES:
                    problems.append(ImportProblem(f"{path.name}[{table}]", None, None, "sheet missing"))
                continue
            rows = enumerate(book[sheet].iter_rows(values_only=True), start=1)
            tables[table] = _table(f"{path.name}[{table}]", rows)
    finally:
        book.close()
    return tables, problems


def _table(name: str, numbered_rows: Iterator[tuple[int, Any]]) -> Table:
    header: list[str] | None = None
    table = Table(name, [])
    for number, cells in numbered_rows:
        values = [_clean(cell) for cell in cells]
        if all(value is None for value in values):
            continue
        if header is None:
            header = [normalise_header(cell) for cell in values]
            table.columns = [column for column in header if column]
            continue
        row = {column: value for column, value in zip(header, values) if column}
        table.rows.append((number, row))
    return table


def _clean(cell: Any) -> Any:
    """Strip text cells and turn empty ones into None; numbers from a workbook stay numbers."""
    if cell is None:
        return None
    if isinstance(cell, str):
        stripped = cell.strip()
        return stripped or None
    return cell
