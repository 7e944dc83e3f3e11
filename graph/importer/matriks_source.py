"""Finding the matriks Renstra sheets of a workbook and converting them (graph/importer/matriks.py)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.importer.errors import ImportProblem
from graph.importer.matriks import MatriksOptions, Produced, convert, matriks_header
from graph.importer.sources import Table


@dataclass
class MatriksRead:
    sheets: list[str] = field(default_factory=list)
    produced: Produced = field(default_factory=Produced)


def read_matriks(
    path: Path, sheet_names: list[str], tables: dict[str, Table], options: MatriksOptions | None
) -> MatriksRead:
    """The matriks sheets among `sheet_names` converted; the others named in a warning (never silently left out).

    The workbook is opened again, streaming, with the saved results of formulas (a matriks sums its programs with
    formulas as a rule); the merged ranges are read from each sheet's XML (read-only mode does not show them)."""
    from openpyxl import load_workbook

    from graph.importer.sources import _scan_sheet

    options = options or MatriksOptions()
    found = MatriksRead()
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        found.produced.problems.append(ImportProblem(path.name, None, None, f"not a readable .xlsx workbook ({exc})"))
        return found
    sheets: list[tuple[str, Any, Any]] = []
    skipped: list[str] = []
    try:
        for name in sheet_names:
            worksheet = book[name]
            # the same streaming pre-scan as the import tables' sheets: huge rows and entity declarations are
            # refused before openpyxl parses the sheet; otherwise it gives the merged ranges
            scanned = _scan_sheet(path, getattr(worksheet, "_worksheet_path", None))
            if isinstance(scanned, ImportProblem):
                found.produced.problems.append(dataclasses.replace(scanned, file=f"{path.name}:{name}"))
                continue
            merged = scanned
            recognised = matriks_header(worksheet.iter_rows(), merged, options.mapping)
            if recognised is None:
                skipped.append(name)
                continue
            grid, header = recognised
            sheets.append((name, grid, header))
    finally:
        book.close()
    if not sheets:
        return found
    found.sheets = [name for name, _, _ in sheets]
    known = None
    if "units" in tables:
        known = [
            (str(cells.get("id")), str(cells.get("name") or ""), cells.get("parent_id"))
            for _, cells in tables["units"].rows()
            if cells.get("id") is not None
        ]
    found.produced = convert(path.name, sheets, options, known)
    for name in skipped:
        found.produced.warnings.append(
            ImportProblem(f"{path.name}:{name}", None, None, "not a matriks sheet nor an import table: not imported")
        )
    return found
