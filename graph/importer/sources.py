"""Reading the import files as planners save them: a folder of CSV files or one .xlsx workbook.

Each table comes back as rows of {column: cell} with the row number a spreadsheet would show, so every
later error can point at `file:row`. Headers are matched in any case and order; blank rows are skipped.

Every size is bounded while reading, before anything is built from it: a CSV row (its line or lines) of more
than MAX_ROW_CHARS characters, a row of more than MAX_CELLS cells and a cell of more than MAX_CELL_CHARS
characters are refused with their file and row, the line never read whole nor the row split into its
cells. A workbook's sheets are checked the same way, from their XML, before openpyxl parses a row; their
XML is read with entity expansion off (defusedxml, which openpyxl uses when it is installed) and a DOCTYPE
is refused outright.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.importer.errors import ImportProblem
from graph.importer.number_style import NUMBER_COLUMNS, ColumnStyle, column_styles

MAX_ROW_CHARS = 1_048_576  # one CSV row, all its lines (a long narrative cell is a few thousand)
MAX_CELLS = 16_384  # cells in one row: a spreadsheet row has at most 16,384 columns (A to XFD)
MAX_CELL_CHARS = 131_072  # one cell: csv's field_size_limit default, and far above Excel's 32,767

if TYPE_CHECKING:
    from graph.importer.matriks import MatriksOptions

TABLES = ("units", "goals", "indicators", "activities", "staff", "links")
REQUIRED_TABLES = ("units", "goals", "indicators", "activities", "staff")
# what the pre-scan of a sheet's XML looks at: rows, cells, merged ranges, and declarations (refused)
_SHEET_TOKEN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell|!DOCTYPE|!ENTITY)(?=[\s/>])")
_ROW_NUMBER = re.compile(rb'\sr="([0-9]{1,7})"')
_MERGE_REF = re.compile(rb'\sref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_XML_PARSE_ERRORS = (
    SyntaxError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
)  # ElementTree's ParseError is a SyntaxError, defusedxml's refusals ValueErrors


@dataclass
class Table:
    """One import file: its display name (`goals.csv` or `book.xlsx[goals]`), its columns and its rows.

    A CSV file's rows are not kept: `rows()` reads the file again, record by record, so a file of a
    million rows is never held in memory (it was checked whole, encoding and quoting, when it was read).
    A workbook's rows are kept as tuples (a sheet has at most 1,048,576 rows, read in read-only mode)."""

    name: str
    columns: list[str]
    header: list[str] = field(default_factory=list)  # normalised, by position ('' for a blank header)
    records: Callable[[], Iterable[tuple[int, list[Any]]]] | None = None
    kept: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    # rows made from other sheets (the matriks Renstra): row number -> (file, row, column) as the planner sees them
    locate: Callable[[int | None, str | None], tuple[str, int | None, str | None]] | None = None
    # the number style each number column shows (number_style): it decides the column's `1,500` cells
    styles: dict[str, ColumnStyle] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number as a spreadsheet shows it, {column: cell}) for every non-blank row after the header."""
        header = self.header
        if self.records is None:
            for number, kept in self.kept:
                yield number, {column: value for column, value in zip(header, kept) if column}
            return
        seen_header = False
        for number, cells in self.records():
            values = [_clean(cell) for cell in cells]
            if all(value is None for value in values):
                continue
            if not seen_header:
                seen_header = True
                continue
            yield number, {column: value for column, value in zip(header, values) if column}


@dataclass
class Source:
    """What was read: the tables, the problems that stop the import, warnings, and (--explain) how the columns
    of matriks sheets were read."""

    tables: dict[str, Table]
    problems: list[ImportProblem]
    warnings: list[ImportProblem] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)


def read_source(path: Path, options: MatriksOptions | None = None) -> tuple[dict[str, Table], list[ImportProblem]]:
    """Read a folder of CSV files or an .xlsx workbook; problems are collected, not raised."""
    source = read(path, options)
    return source.tables, source.problems


def read(path: Path, options: MatriksOptions | None = None) -> Source:
    """Read a folder of CSV files or an .xlsx workbook (the six tables' sheets, matriks Renstra sheets, or both)."""
    if path.is_dir():
        return Source(*_read_folder(path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path, options)
    if path.suffix.lower() == ".csv":
        return Source(
            {}, [ImportProblem(str(path), None, None, "give the folder that holds the CSV files, not one file")]
        )
    return Source({}, [ImportProblem(str(path), None, None, "not a folder of CSV files nor an .xlsx workbook")])


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
            tables[table] = _read_csv(entry.name, entry, NUMBER_COLUMNS.get(table, ()))
        except ValueError as exc:
            problems.append(ImportProblem(entry.name, None, None, str(exc)))
    return tables, problems


def _read_csv(name: str, path: Path, number_columns: tuple[str, ...] = ()) -> Table:
    """Check the whole file once, streaming (encoding, NUL bytes, quoting, cell length), and keep only its
    header and the number style of its `number_columns`: the rows are read again, streaming, when they are
    validated (`Table.rows`)."""
    with open(path, "rb") as handle:
        start = handle.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("the file is UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8' instead")
    delimiter = _delimiter(path)
    if delimiter is None:
        raise ValueError("the file is empty: it needs at least the header row")
    header: list[str] | None = None
    styles: dict[str, ColumnStyle] = {}
    watched: list[tuple[int, str]] = []
    for number, cells in _csv_records(path, delimiter):
        if header is None:
            if any(_clean(cell) is not None for cell in cells):
                header = [normalise_header(_clean(cell)) for cell in cells]
                watched = [(index, column) for index, column in enumerate(header) if column in number_columns]
            continue
        for index, column in watched:
            if index < len(cells) and ("," in cells[index] or "." in cells[index]):
                styles.setdefault(column, ColumnStyle()).observe(cells[index], number)
    if header is None:
        raise ValueError("the file is empty: it needs at least the header row")
    return Table(
        name,
        [column for column in header if column],
        header,
        records=lambda: _csv_records(path, delimiter),
        styles=styles,
    )


def _text_lines(path: Path) -> Iterator[str]:
    """The file's lines, decoded as UTF-8 (a BOM skipped) as they are read, split as csv expects (newline='').
    A line is read at most MAX_ROW_CHARS + 1 characters at a time: a longer one comes out cut there (the
    caller refuses it) and is never held whole. A byte that is not UTF-8 or a NUL is reported with its row,
    counting lines as a text editor does."""
    line_number = 0
    try:
        with open(path, encoding="utf-8-sig", errors="strict", newline="") as handle:
            while line := handle.readline(MAX_ROW_CHARS + 1):
                line_number += 1
                if "\x00" in line:
                    raise ValueError(f"row {line_number}: contains NUL bytes: this is not a text CSV file")
                yield line
    except UnicodeDecodeError:
        offset = _first_bad_byte(path)
        row = _count_newlines(path, offset) + 1
        raise ValueError(
            f"row {row}: not UTF-8 (byte {offset}; Latin-1 or Windows-1252 perhaps); save it "
            "as 'CSV UTF-8' from the spreadsheet"
        ) from None


def _delimiter(path: Path) -> str | None:
    """`;` when the first non-blank line has more `;` than `,` (Excel with the Indonesian locale), else `,`;
    None for a file with nothing but blanks. A decoding problem in that line is left to the full read."""
    try:
        for line in _text_lines(path):
            if line.strip():
                return ";" if line.count(";") > line.count(",") else ","
    except ValueError:
        return ","
    return None


def _csv_records(path: Path, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Records numbered as a spreadsheet shows them (one per record, a quoted line break stays inside).

    The lines are measured before csv splits them: a record whose lines add up to more than MAX_ROW_CHARS
    characters, or that has more than MAX_CELLS cells, is refused as soon as a line takes it past the limit."""
    number = 0  # records read so far
    chars = cells = 0  # the record being read: its characters and cells so far
    quoted = False  # whether the next line starts inside a quoted cell (a line break in a cell)

    def measured() -> Iterator[str]:
        nonlocal chars, cells, quoted
        for line in _text_lines(path):
            chars += len(line)
            if chars > MAX_ROW_CHARS:
                raise ValueError(
                    f"row {number + 1}: the row is longer than {MAX_ROW_CHARS:,} characters "
                    "(a line without its line break, or a cell whose quote is never closed?)"
                )
            cells += _separators(line, delimiter, quoted)
            if cells >= MAX_CELLS:
                raise ValueError(
                    f"row {number + 1}: more than {MAX_CELLS:,} cells in the row (a spreadsheet "
                    f"row has at most {MAX_CELLS:,} columns)"
                )
            quoted ^= line.count('"') % 2 == 1
            yield line

    reader = csv.reader(measured(), delimiter=delimiter, strict=True)
    try:
        for record in reader:
            number += 1
            chars = cells = 0
            quoted = False
            yield number, record
    except csv.Error as exc:
        detail = str(exc)
        if "field larger than field limit" in detail:
            detail = f"a cell longer than {csv.field_size_limit():,} characters"
        elif "unexpected end of data" in detail or "EOF" in detail:
            detail = 'a quote (") opened in this row is never closed'
        raise ValueError(f"row {number + 1}: unreadable CSV ({detail})") from None


def _separators(line: str, delimiter: str, quoted: bool) -> int:
    """The delimiters in `line` that separate cells (outside quotes); `quoted`: the line starts inside a
    quoted cell. A doubled quote inside a cell toggles twice, so counting by quote parity is exact."""
    if '"' not in line:
        return 0 if quoted else line.count(delimiter)
    parts = line.split('"')
    outside = parts[1::2] if quoted else parts[0::2]
    return sum(part.count(delimiter) for part in outside)


def _first_bad_byte(path: Path) -> int:
    """The offset in the file of the first byte that is not UTF-8 (a leading BOM is UTF-8)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return offset - len(decoder.getstate()[0]) + exc.start
    return offset


def _count_newlines(path: Path, limit: int) -> int:
    count = 0
    with open(path, "rb") as handle:
        while limit > 0:
            chunk = handle.read(min(1 << 20, limit))
            if not chunk:
                break
            count += chunk.count(b"\n")
            limit -= len(chunk)
    return count


def _read_workbook(path: Path, options: MatriksOptions | None = None) -> Source:
    """The sheets named like the tables, read as the values a planner sees; refused, with the sheet and row
    named, when that is not what would be imported: formulas (their cached results may be stale or absent),
    merged cells (only the first cell holds the value), hidden sheets (data nobody reviewed). The other sheets
    are read as matriks Renstra sheets when their headers say so (graph/importer/matriks.py)."""
    from openpyxl import load_workbook  # imported here: only workbook imports pay for it

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        return Source({}, [ImportProblem(path.name, None, None, f"not a readable .xlsx workbook ({exc})")])
    sheets = {sheet.lower().strip(): sheet for sheet in book.sheetnames}
    others = [
        sheet
        for sheet in book.sheetnames
        if sheet.lower().strip() not in TABLES and book[sheet].sheet_state == "visible"
    ]
    tables: dict[str, Table] = {}
    problems: list[ImportProblem] = []
    missing: list[ImportProblem] = []
    try:
        for table in TABLES:
            sheet = sheets.get(table)
            if sheet is None:
                if table in REQUIRED_TABLES:
                    missing.append(ImportProblem(f"{path.name}[{table}]", None, None, "sheet missing"))
                continue
            read = _read_table_sheet(path, book[sheet], table, problems)
            if read is not None:
                tables[table] = read
    finally:
        book.close()
    if not others:
        return Source(tables, problems + missing)
    from graph.importer.matriks_source import read_matriks  # only workbooks with other sheets pay for it

    found = read_matriks(path, others, tables, options)
    if not found.sheets:
        return Source(tables, problems + missing)
    # with matriks sheets, the tables' own sheets are optional: a units sheet, say, to match the OPD against
    for table, rows in found.produced.rows.items():
        tables[table] = combined(path.name, table, tables.get(table), rows)
    return Source(tables, problems + found.produced.problems, found.produced.warnings, found.produced.explain)


def _read_table_sheet(path: Path, worksheet: Any, table: str, problems: list[ImportProblem]) -> Table | None:
    """One of the tables' own sheets, or None with its problems added: hidden, unsafe XML, merged cells."""
    name = f"{path.name}[{table}]"
    if worksheet.sheet_state != "visible":
        problems.append(
            ImportProblem(
                name, None, None, "the sheet is hidden: unhide it to import it (hidden data is never imported unseen)"
            )
        )
        return None
    scanned = _scan_sheet(path, getattr(worksheet, "_worksheet_path", None))
    if isinstance(scanned, ImportProblem):
        problems.append(dataclasses.replace(scanned, file=name))
        return None
    if scanned:
        row = int(re.sub(r"^[A-Z]+", "", scanned[0].split(":")[0]) or 0) or None
        problems.append(
            ImportProblem(
                name,
                row,
                None,
                f"merged cells ({', '.join(scanned[:5])}): unmerge "
                "them and fill every row, only the first cell of a merge holds a value",
            )
        )
        return None
    table_problems: list[ImportProblem] = []
    try:
        read = _table(name, _workbook_rows(name, worksheet, table_problems))
        read.styles = column_styles(read.rows(), NUMBER_COLUMNS.get(table, ()))
    except _XML_PARSE_ERRORS as exc:
        problems.append(ImportProblem(name, None, None, f"the sheet's XML is unreadable ({type(exc).__name__}: {exc})"))
        read = None
    problems += table_problems
    return read


def combined(book: str, table: str, sheet: Table | None, rows: list) -> Table:
    """One table of the rows a table's own sheet holds (if any) and the rows matriks sheets made, each row
    numbered in order and located back at its sheet, row and column (Table.locate) for the problems."""
    origins: list[tuple[str, int | None, dict[str, str]]] = []
    header: list[str] = list(sheet.header) if sheet is not None else []
    for _, values in rows:
        header += [column for column in values if column not in header]
    kept: list[tuple[int, tuple[Any, ...]]] = []
    if sheet is not None:
        for number, cells in sheet.rows():
            origins.append((sheet.name, number, {}))
            kept.append((len(origins), tuple(cells.get(column) for column in header)))
    for origin, values in rows:
        origins.append((origin.file, origin.row, origin.columns))
        kept.append((len(origins), tuple(values.get(column) for column in header)))

    def locate(number: int | None, column: str | None) -> tuple[str, int | None, str | None]:
        if number is None or not 0 < number <= len(origins):
            return f"{book}[{table}]", number, column
        file, row, columns = origins[number - 1]
        return file, row, columns.get(column or "", column)

    name = f"{book}[{table} from matriks sheets]"  # not a sheet's name: each row is located at its own
    # the sheet's number styles stay its own; the matriks sheets give numbers already read by their columns' styles
    return Table(
        name,
        [column for column in header if column],
        header,
        kept=kept,
        locate=locate,
        styles=sheet.styles if sheet is not None else {},
    )


def _workbook_rows(name: str, worksheet: Any, problems: list[ImportProblem]) -> Iterator[tuple[int, list[Any]]]:
    header: list[str] = []
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values: list[Any] = []
        for index, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                column = (
                    header[index] if index < len(header) and header[index] else getattr(cell, "column_letter", None)
                )
                if len(problems) < 20:
                    problems.append(
                        ImportProblem(
                            name,
                            number,
                            column,
                            f"holds a formula ({str(cell.value)[:40]}); paste the values "
                            "instead (Paste Special > Values)",
                        )
                    )
                values.append(None)
            else:
                value = getattr(cell, "value", None)
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    column = (
                        header[index] if index < len(header) and header[index] else getattr(cell, "column_letter", None)
                    )
                    problems.append(
                        ImportProblem(name, number, column, f"a cell longer than {MAX_CELL_CHARS:,} characters")
                    )
                    value = None
                values.append(value)
        if not header and any(value is not None for value in values):
            header = [normalise_header(value) for value in values]
        yield number, values


def _scan_sheet(path: Path, sheet_xml: str | None) -> list[str] | ImportProblem:
    """One streaming pass over a sheet's XML before openpyxl parses it (openpyxl builds each row's XML element
    whole: a row of millions of cells would be millions of objects). Refused, with the row: a row of more than
    MAX_CELLS cells; a DOCTYPE or entity declaration (entities are never expanded); XML not in UTF-8 (the scan
    reads UTF-8). Otherwise the sheet's merged ranges (openpyxl's read-only mode does not expose them)."""
    if not sheet_xml:
        return []
    merged: list[str] = []
    row = cells = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open(sheet_xml.lstrip("/")) as handle:
            start = handle.read(4)
            if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in start:
                return ImportProblem(
                    "", None, None, "the sheet's XML is not UTF-8: save the workbook again from the spreadsheet"
                )
            for kind, after in _sheet_tokens(start, handle):
                if kind == b"c":
                    cells += 1
                    if cells > MAX_CELLS:
                        return ImportProblem(
                            "",
                            row,
                            None,
                            f"more than {MAX_CELLS:,} cells in the row (a spreadsheet row has at most that many)",
                        )
                elif kind == b"row":
                    found = _ROW_NUMBER.search(after)
                    row, cells = (int(found.group(1)) if found else row + 1), 0
                elif kind == b"mergeCell":
                    ref = _MERGE_REF.search(after)
                    if ref is not None and len(merged) < 1000:
                        merged.append(ref.group(1).decode())
                else:
                    return ImportProblem(
                        "",
                        None,
                        None,
                        "the sheet's XML declares a DOCTYPE or an entity: not "
                        "accepted (a spreadsheet never writes one)",
                    )
    except (KeyError, zipfile.BadZipFile, OSError, zlib.error, EOFError):
        return []  # left to openpyxl, whose reading error names the sheet
    return list(dict.fromkeys(merged))


def _sheet_tokens(start: bytes, handle: Any) -> Iterator[tuple[bytes, bytes]]:
    """(tag, the 200 bytes after it) for each row, cell, merged range and declaration, read 1 MB at a time."""
    text = start
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        text += chunk
        safe = len(text) - 256  # tokens ending before it are read now, with the 200 bytes after them
        resume = safe - 64  # a token cut at `safe` is read again with the next chunk
        for match in _SHEET_TOKEN.finditer(text, 0, safe):
            resume = max(resume, match.end())
            yield match.group(1), text[match.end() : match.end() + 200]
        text = text[resume:]
    for match in _SHEET_TOKEN.finditer(text):
        yield match.group(1), text[match.end() : match.end() + 200]


def _table(name: str, numbered_rows: Iterator[tuple[int, Any]]) -> Table:
    table = Table(name, [])
    header: list[str] | None = None
    for number, cells in numbered_rows:
        values = tuple(_clean(cell) for cell in cells)
        if all(value is None for value in values):
            continue
        if header is None:
            header = [normalise_header(cell) for cell in values]
            table.header = header
            table.columns = [column for column in header if column]
            continue
        table.kept.append((number, values))
    return table


def _clean(cell: Any) -> Any:
    """Strip text cells and turn empty ones into None; numbers from a workbook stay numbers."""
    if cell is None:
        return None
    if isinstance(cell, str):
        stripped = cell.strip()
        return stripped or None
    return cell
