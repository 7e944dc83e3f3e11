"""Rows out as CSV, XLSX, JSON or a text table, with cells a spreadsheet would execute neutralised.

A value such as `=HYPERLINK(...)` from an imported name must reach an auditor's Excel as text, never as
a formula (CSV/formula injection), so every exported text cell starting with = + - @ (or a tab or
carriage return) gets a leading apostrophe (OWASP's advice), header cells included: a column name comes
from the query (an analyst's `RETURN 1 AS `=HYPERLINK(...)``). Numbers stay numbers, negative ones too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Rows = Sequence[Mapping[str, Any]]


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with `'`; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def columns_of(rows: Rows, columns: Sequence[str] | None = None) -> list[str]:
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def header_cells(columns: Sequence[Any]) -> list[str]:
    """Column names as header cells, neutralised like any text cell."""
    return [neutralise(str(column)) for column in columns]


def cell_text(value: Any) -> Any:
    """Lists and maps become readable text in a cell; None becomes empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell_text(item)) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def to_csv(rows: Rows, columns: Sequence[str] | None = None) -> str:
    columns = columns_of(rows, columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_cells(columns))
    for row in rows:
        writer.writerow([neutralise(cell_text(row.get(column))) for column in columns])
    return buffer.getvalue()


def to_xlsx(sheets: Mapping[str, tuple[Rows, Sequence[str] | None]]) -> bytes:
    """One sheet per entry (name -> (rows, columns)); header bold and frozen, widths fitted roughly."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, (rows, columns) in sheets.items():
        sheet = book.create_sheet(_sheet_title(title, book.sheetnames))
        columns = columns_of(rows, columns)
        sheet.append([_xlsx_cell(column) for column in header_cells(columns)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_xlsx_cell(row.get(column)) for column in columns])
        for index, column in enumerate(columns, start=1):
            width = max([len(str(column))] + [len(str(cell_text(row.get(column)))) for row in rows[:200]])
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    """openpyxl would store a str starting with '=' as a formula (neutralise() prefixes those) and refuses
    control characters a workbook cannot hold (they become U+FFFD, the replacement character)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = neutralise(cell_text(value))
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def _sheet_title(title: str, existing: Iterable[str]) -> str:
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    candidate, number = clean, 2
    while candidate in existing:
        suffix = f" ({number})"
        candidate, number = clean[: 31 - len(suffix)] + suffix, number + 1
    return candidate


def to_json(rows: Rows, **extra: Any) -> str:
    return json.dumps({"rows": list(rows), **extra}, ensure_ascii=False, indent=2, default=str)


def to_table(rows: Rows, columns: Sequence[str] | None = None, max_width: int = 48) -> str:
    """A plain text table for the terminal."""
    columns = columns_of(rows, columns)
    if not columns:
        return "(no rows)"
    cells = [[_short(cell_text(row.get(column)), max_width) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in cells]) for i, column in enumerate(columns)]
    lines = [
        "  ".join(column.ljust(width) for column, width in zip(columns, widths)),
        "  ".join("-" * width for width in widths),
    ]
    lines += ["  ".join(value.ljust(width) for value, width in zip(line, widths)) for line in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _short(value: Any, width: int) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
