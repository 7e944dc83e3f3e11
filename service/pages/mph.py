"""The Matriks Peran Hasil of one unit (graph/mph.py) as data, workbook and page to print.

| address | what |
|---|---|
| `/mph/<unit>` | the page to print (A4 landscape), with links to its XLSX and data |
| `/api/mph/<unit>` (`.json`, `.xlsx`, `.csv`, `.html`, or `?format=`) | the matrix as data, workbook or page |

The head's and the staff's NIP are masked for anonymous readers as every other answer's are (service/http/masking.py),
in the column headers of the workbook and the page too.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import Blueprint, current_app, g, request, url_for

from graph.documents import Document, DocumentNotFound, to_xlsx
from graph.mph import as_document, build
from service.http.database import catalog, database
from service.http.errors import ApiError
from service.http.formats import masking_wanted, query_args, split_suffix
from service.http.kept import kept_answer
from service.http.masking import mask, mask_text
from service.pages.documents import _download, document_csv, document_html, masked_document
from service.pages.security import page_blueprint

html_bp = page_blueprint("mph", __name__)  # /mph/<unit>: the print page
api_bp = Blueprint("mph_api", __name__, url_prefix="/api")  # /api/mph/<unit>: JSON, XLSX, CSV, HTML

MPH_FORMATS = ("json", "xlsx", "csv", "html")
UNIT_MAX = 200  # characters of a unit id a client may send


def _matrix(unit: str) -> dict[str, Any]:
    if len(unit) > UNIT_MAX:
        raise ApiError(400, f"'unit' paling panjang {UNIT_MAX} karakter")
    try:
        matrix = build(database(), catalog(), unit)
    except DocumentNotFound:
        raise ApiError(404, f"unit tidak ditemukan: {unit}") from None
    return mask(matrix) if masking_wanted() else matrix


def _document(matrix: dict[str, Any]) -> Document:
    """The MPH layout; for anonymous readers the staff headers are masked as well as the rows and lines."""
    document = as_document(matrix)
    if not masking_wanted():
        return document
    document = masked_document(document)
    tables = [
        dataclasses.replace(
            table, columns=[dataclasses.replace(column, header=mask_text(column.header)) for column in table.columns]
        )
        for table in document.tables
    ]
    return dataclasses.replace(document, tables=tables)


def _links(unit: str) -> list[tuple[str, str]]:
    return [
        ("Unduh XLSX", url_for("mph_api.mph", unit=f"{unit}.xlsx")),
        ("Unduh CSV", url_for("mph_api.mph", unit=f"{unit}.csv")),
        ("Data (JSON)", url_for("mph_api.mph", unit=f"{unit}.json")),
        ("Cascading kinerja unit ini", url_for("pages.tree", unit=unit)),
    ]


@kept_answer
def api_mph(unit: str):
    """GET /api/mph/<unit>: the unit's Matriks Peran Hasil as JSON, XLSX or the print page (`format`)."""
    unit, suffix = split_suffix(unit)
    if suffix not in (None, *MPH_FORMATS):  # a unit id may hold a dot: only a known format is a suffix
        unit, suffix = f"{unit}.{suffix}", None
    query_args(("format",))
    asked = request.args.get("format")
    fmt = suffix or asked or "json"
    if fmt not in MPH_FORMATS or (suffix and asked and suffix != asked):
        raise ApiError(400, f"format '{fmt}' tidak dikenal atau bertentangan; gunakan json, xlsx atau html")
    matrix = _matrix(unit)
    if fmt == "xlsx":
        return _download(to_xlsx(_document(matrix)), "xlsx", f"mph-{unit}")
    if fmt == "csv":
        return _download(document_csv(_document(matrix)), "csv", f"mph-{unit}")
    if fmt == "html":
        return _download(document_html(_document(matrix)), "html", f"mph-{unit}")
    return current_app.json.response(ok=True, **matrix)


api_bp.add_url_rule("/mph/<unit>", "mph", api_mph, methods=["GET"])


@html_bp.get("/mph/<unit>")
@kept_answer
def mph_page(unit: str):
    """The print page of a unit's Matriks Peran Hasil, with links to its XLSX and data."""
    query_args(())
    matrix = _matrix(unit)
    g.pokin_page_masked = masking_wanted()  # masked as built: not again after the request
    return document_html(_document(matrix), links=_links(unit))
