"""Reading the import files as planners save them: a folder of CSV files or one .xlsx workbook.

Each table comes back as rows of {column: cell} with the row number a spreadsheet would show, so every
later error can point at `file:row`. Headers are matched in any case and order; blank rows are skipped.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from graph.importer.errors import ImportProblem

TABLES = ("units", "goals", "indicators", "activities", "staff", "links")
REQUIRED_TABLES = ("units", "goals", "indicators", "activities", "staff")
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


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
    if not data.strip():
        raise ValueError("the file is empty: it needs at least the header row")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("the file is UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8' instead")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(f"row {row}: not UTF-8 (byte {exc.start}; Latin-1 or Windows-1252 perhaps); save it "
                         "as 'CSV UTF-8' from the spreadsheet") from None
    if "\x00" in text:
        row = text.count("\n", 0, text.index("\x00")) + 1
        raise ValueError(f"row {row}: contains NUL bytes: this is not a text CSV file")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []  # numbered as a spreadsheet shows them: one per record
    try:
        for record in reader:
            records.append((len(records) + 1, record))
    except csv.Error as exc:
        started = len(records) + 1
        detail = str(exc)
        if "field larger than field limit" in detail:
            detail = f"a cell longer than {csv.field_size_limit():,} characters"
        elif "unexpected end of data" in detail or "EOF" in detail:
            detail = 'a quote (") opened in this row is never closed'
        raise ValueError(f"row {started}: unreadable CSV ({detail})") from None
    return _table(name, iter(records))


def _read_workbook(path: Path) -> tuple[dict[str, Table], list[ImportProblem]]:
    """The sheets named like the tables, read as the values a planner sees; refused, with the sheet and row
    named, when that is not what would be imported: formulas (their cached results may be stale or absent),
    merged cells (only the first cell holds the value), hidden sheets (data nobody reviewed)."""
    from openpyxl import load_workbook  # imported here: only workbook imports pay for it

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        return {}, [ImportProblem(path.name, None, None, f"not a readable .xlsx workbook ({exc})")]
    sheets = {sheet.lower().strip(): sheet for sheet in book.sheetnames}
    tables: dict[str, Table] = {}
    problems: list[ImportProblem] = []
    try:
        for table in TABLES:
            name = f"{path.name}[{table}]"
            sheet = sheets.get(table)
            if sheet is None:
                if table in REQUIRED_TABLES:
                    problems.append(ImportProblem(name, None, None, "sheet missing"))
                continue
            worksheet = book[sheet]
            if worksheet.sheet_state != "visible":
                problems.append(ImportProblem(name, None, None, "the sheet is hidden: unhide it to import it "
                                              "(hidden data is never imported unseen)"))
                continue
            merged = _merged_ranges(path, getattr(worksheet, "_worksheet_path", None))
            if merged:
                row = int(re.sub(r"^[A-Z]+", "", merged[0].split(":")[0]) or 0) or None
                problems.append(ImportProblem(name, row, None, f"merged cells ({', '.join(merged[:5])}): unmerge "
                                              "them and fill every row, only the first cell of a merge holds a value"))
                continue
            table_problems: list[ImportProblem] = []
            tables[table] = _table(name, _workbook_rows(name, worksheet, table_problems))
            problems += table_problems
    finally:
        book.close()
    return tables, problems


def _workbook_rows(name: str, worksheet: Any, problems: list[ImportProblem]) -> Iterator[tuple[int, list[Any]]]:
    header: list[str] = []
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values = []
        for index, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                column = header[index] if index < len(header) and header[index] else getattr(cell, "column_letter", None)
                if len(problems) < 20:
                    problems.append(ImportProblem(name, number, column,
                                                  f"holds a formula ({str(cell.value)[:40]}); paste the values "
                                                  "instead (Paste Special > Values)"))
                values.append(None)
            else:
                values.append(getattr(cell, "value", None))
        if not header and any(value is not None for value in values):
            header = [normalise_header(value) for value in values]
        yield number, values


def _merged_ranges(path: Path, sheet_xml: str | None) -> list[str]:
    """The merged ranges of a sheet, read from its XML (openpyxl's read-only mode does not expose them)."""
    if not sheet_xml:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            with archive.open(sheet_xml.lstrip("/")) as handle:
                found: list[str] = []
                tail = b""
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    text = tail + chunk
                    found += [match.decode() for match in _MERGE_CELL.findall(text)]
                    tail = text[-200:]
                return list(dict.fromkeys(found))
    except (KeyError, zipfile.BadZipFile, OSError):
        return []


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
