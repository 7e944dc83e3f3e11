"""The Matriks Peran Hasil of one unit (docs/domain.md, "RHK, intervensi and the Matriks Peran Hasil").

The `matriks_peran_hasil` query gives one row per (RHK of the unit's head, staff member reporting to the head);
`build` pivots them into the matrix the MPH form draws: the head's RHK as rows, the staff as columns, each cell
the staff member's results that intervene in that RHK. An RHK nobody intervenes in is an empty row, a staff
member intervening in nothing of the head's an empty column; both are marked. `as_document` lays it out as a
graph.documents Document, so the XLSX writer and the print page of the documents draw it unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.catalog import Catalog
from graph.db import Reader
from graph.documents import NUMBER, TEXT, Column, Document, DocumentNotFound, Table

EMPTY_ROW = "Tidak diintervensi oleh bawahan"
EMPTY_COLUMN = "Tidak mengintervensi RHK atasan"
STAFF_GROUP = "Pegawai yang dipimpin (bawahan) dan RHK-nya yang mengintervensi"


def build(runner: Reader, catalog: Catalog, unit: str, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    """The matrix of `unit` as data: unit, head, columns (staff), rows (the head's RHK, each with its cells in
    column order) and the count of empty rows and columns, read from the versions `datasets` (None: the default
    scope, graph/versions.py). DocumentNotFound for an unknown unit."""
    catalog = catalog.within(runner, datasets)
    heading = catalog.run(runner, "document_unit", {"unit": unit})
    if not heading:
        raise DocumentNotFound(f"no unit '{unit}'")
    found = catalog.run(runner, "matriks_peran_hasil", {"unit": unit})
    columns = _columns(found)
    rows = _rows(found, columns)
    for index, column in enumerate(columns):
        column["empty"] = not any(row["cells"][index] for row in rows)
    first = found[0] if found else {}
    head = {"nip": first["head_nip"], "name": first["head_name"], "position": first["head_position"]} if first else None
    return {
        "unit_id": unit,
        "unit_name": heading[0]["unit_name"],
        "pemda_name": heading[0]["pemda_name"],
        "head": head,
        "columns": columns,
        "rows": rows,
        "empty_rows": sum(1 for row in rows if row["empty"]),
        "empty_columns": sum(1 for column in columns if column["empty"]),
    }


def _columns(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for row in found:
        nip = row["staff_nip"]
        if nip is not None and nip not in seen:
            seen[nip] = {
                "nip": nip,
                "name": row["staff_name"],
                "position": row["staff_position"],
                "results": row["staff_results"],
            }
    return list(seen.values())


def _rows(found: list[dict[str, Any]], columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    index = {column["nip"]: number for number, column in enumerate(columns)}
    rows: dict[str, dict[str, Any]] = {}
    for row in found:
        if row["row_id"] is None:
            continue
        entry = rows.setdefault(
            row["row_id"],
            {
                "id": row["row_id"],
                "statement": row["row_statement"],
                "level": row["row_level"],
                "cells": [[] for _ in columns],
            },
        )
        if row["staff_nip"] is not None:
            entry["cells"][index[row["staff_nip"]]] = [
                {"id": id_, "statement": statement} for id_, statement in zip(row["cell"], row["cell_statements"])
            ]
    for entry in rows.values():
        entry["empty"] = not any(entry["cells"])
    return list(rows.values())


def as_document(matrix: dict[str, Any]) -> Document:
    """The matrix in the MPH layout: No, RHK atasan, one column per staff member under a merged header,
    Keterangan; empty rows marked in Keterangan, empty columns on a closing Keterangan row."""
    staff = matrix["columns"]
    columns = [Column("no", "No", NUMBER, width=5), Column("rhk", "RHK atasan", TEXT, width=36)]
    columns += [
        Column(f"s{number}", _staff_header(person), TEXT, STAFF_GROUP, width=26) for number, person in enumerate(staff)
    ]
    columns.append(Column("keterangan", "Keterangan", TEXT, width=18))
    body = []
    for number, row in enumerate(matrix["rows"], start=1):
        record: dict[str, Any] = {
            "no": number,
            "rhk": _element_text(row),
            "keterangan": EMPTY_ROW if row["empty"] else "",
        }
        for column_number, cell in enumerate(row["cells"]):
            record[f"s{column_number}"] = "\n".join(_element_text(item) for item in cell)
        body.append(record)
    closing = {"rhk": "Keterangan pegawai"}
    closing.update({f"s{number}": EMPTY_COLUMN if person["empty"] else "" for number, person in enumerate(staff)})
    head = matrix["head"] or {}
    pemda = f", {matrix['pemda_name']}" if matrix["pemda_name"] else ""
    lines = [
        f"{matrix['unit_name'] or matrix['unit_id']}{pemda}",
        f"Atasan: {head.get('name') or '-'}, {head.get('position') or '-'} (NIP {head.get('nip') or '-'})",
        f"{len(matrix['rows'])} RHK atasan ({matrix['empty_rows']} tidak diintervensi), {len(staff)} pegawai "
        f"({matrix['empty_columns']} tidak mengintervensi RHK atasan)",
    ]
    table = Table("Matriks Peran Hasil", columns, body, totals=closing)
    return Document("mph", "MATRIKS PERAN HASIL", lines, [table], None, {"unit_id": matrix["unit_id"], "year": None})


def _staff_header(person: dict[str, Any]) -> str:
    return f"{person['name'] or '-'}\n{person['position'] or ''}\nNIP {person['nip']}"


def _element_text(item: dict[str, Any]) -> str:
    return f"{item['statement'] or ''} ({item['id']})".strip()
