"""The documents as print-ready pages and downloads (graph/documents.py assembles them).

| address | what |
|---|---|
| `/dokumen/<jenis>?unit=&tahun=` | the page to print (A4 landscape, header rows repeated, signature block) |
| `/api/docs/<kind>?unit=&year=&format=xlsx\\|csv\\|html\\|json` (or `/api/docs/<kind>.xlsx`) | the same as a file or data |

A CSV holds one table of the document (`tabel`, 1-based; the first by default), its headers as printed (a group
and its column joined by ' – '), through graph/export.py like every other download.

`jenis`/`kind`: pk, iku, cascading, lkjip, triwulan. The pejabat's and atasan's NIP are masked for anonymous readers as
every other answer's are (service/http/masking.py); names follow the service's rule (not masked).
`document_html` is a pure function (no request needed): the CLI writes the same page to a file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from flask import Blueprint, Response, current_app, g, request, url_for

from graph.documents import (
    KINDS,
    PAPER,
    TEXT,
    Column,
    Document,
    DocumentNotFound,
    build,
    default_year,
    format_number,
    header_cells,
    merge_runs,
    to_xlsx,
)
from graph.export import to_csv
from service.http.database import catalog, database
from service.http.errors import ApiError
from service.http.formats import MEDIA_TYPES, YEAR_MAX, int_arg, masking_wanted, query_args, split_suffix
from service.http.kept import kept_answer
from service.http.masking import mask, mask_text
from service.pages.security import page_blueprint

html_bp = page_blueprint("documents", __name__)  # /dokumen/<kind>: the print pages
api_bp = Blueprint("documents_api", __name__, url_prefix="/api")  # /api/docs/<kind>: JSON, XLSX, CSV, HTML

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DOC_FORMATS = ("json", "xlsx", "csv", "html")
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def document_html(document: Document, *, paper: str = "a4", links: Sequence[tuple[str, str]] = ()) -> str:
    """The document as one self-contained HTML page for printing (its CSS inline, no script)."""
    tables = [_table_view(table) for table in document.tables]
    return _ENV.get_template("dokumen.html").render(
        doc=document, tables=tables, paper="A4" if paper != "f4" else "215mm 330mm", links=list(links)
    )


def _table_view(table: Any) -> dict[str, Any]:
    """Rows of cells {text, rowspan, num} with the merged runs left out, as the template draws them."""
    runs = merge_runs(table)
    body = []
    for row_index, row in enumerate(table.rows):
        cells = []
        for column_index, column in enumerate(table.columns):
            span = runs.get((row_index, column_index), 1)
            if span:
                cells.append({"text": _cell(row.get(column.key), column), "rowspan": span, "num": column.kind != TEXT})
        body.append(cells)
    total = None
    if table.totals is not None:
        total = [
            {"text": _cell(table.totals.get(column.key), column, blank=True), "num": column.kind != TEXT}
            for column in table.columns
        ]
    widths = sum(column.width for column in table.columns) or 1
    return {
        "title": table.title,
        "header": header_cells(table),
        "body": body,
        "total": total,
        "widths": [round(column.width * 100 / widths, 2) for column in table.columns],
    }


def _cell(value: Any, column: Column, blank: bool = False) -> str:
    if value is None and (blank or column.kind == TEXT):
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(item) for item in value)
    return format_number(value, column.kind) if column.kind != TEXT else str(value)


def masked_document(document: Document) -> Document:
    """A copy with the signatories' NIP masked and any NIP-shaped run in the text masked (anonymous readers)."""
    signature = document.signature
    if signature is not None:
        signature = dataclasses.replace(signature, parties=[mask(party) for party in signature.parties])
    tables = [dataclasses.replace(table, rows=[mask(row) for row in table.rows]) for table in document.tables]
    return dataclasses.replace(
        document, signature=signature, tables=tables, lines=[mask_text(line) for line in document.lines]
    )


def _document(kind: str, unit: str | None, year: int | None) -> Document:
    if kind not in KINDS:
        raise ApiError(404, f"dokumen '{kind}' tidak dikenal; pilih {', '.join(KINDS)}")
    if year is None:
        year = default_year(kind, database())
        if year is None:
            raise ApiError(404, "belum ada data tahun; beri parameter tahun")
    try:
        document = build(kind, database(), catalog(), year=year, unit=unit)
    except DocumentNotFound as error:
        raise ApiError(404, f"unit tidak ditemukan: {error}") from None
    return masked_document(document) if masking_wanted() else document


def _paper(text: str | None) -> str:
    paper = (text or "a4").lower()
    if paper not in PAPER:
        raise ApiError(400, f"parameter 'kertas' harus a4 atau f4, bukan '{text}'")
    return paper


def document_csv(document: Document, number: int = 1) -> bytes:
    """Table `number` (1-based) of the document as CSV, UTF-8 with a byte-order mark (Excel reads it as written)."""
    if not 1 <= number <= len(document.tables):
        raise ApiError(400, f"parameter 'tabel' harus 1–{len(document.tables)}, bukan {number}")
    table = document.tables[number - 1]
    headers = [f"{column.group} – {column.header}" if column.group else column.header for column in table.columns]
    rows = [{header: row.get(column.key) for header, column in zip(headers, table.columns)} for row in table.rows]
    return ("\ufeff" + to_csv(rows, headers)).encode("utf-8")


def _links(kind: str, unit: str | None, year: int) -> list[tuple[str, str]]:
    args = {"unit": unit, "year": year} if unit else {"year": year}
    return [
        ("Unduh XLSX", url_for("documents_api.document", kind=f"{kind}.xlsx", **args)),
        ("Unduh CSV", url_for("documents_api.document", kind=f"{kind}.csv", **args)),
        ("Data (JSON)", url_for("documents_api.document", kind=f"{kind}.json", **args)),
    ]


def _download(body: bytes | str, fmt: str, name: str) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    media = MEDIA_TYPES.get(fmt, "text/html; charset=utf-8")
    response = Response(data, mimetype=media.split(";")[0])
    response.headers["Content-Type"] = media
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name) or "dokumen"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response


@kept_answer
def api_document(kind: str):
    """GET /api/docs/<kind>: the document as JSON (its tables), XLSX, CSV (one table: `tabel`) or the print page
    (`unit`, `year`, `paper` a4|f4, `format`)."""
    kind, suffix = split_suffix(kind)
    args = query_args(("unit", "year", "paper", "tabel"))
    asked = request.args.get("format")
    fmt = suffix or asked or "json"
    if fmt not in DOC_FORMATS or (suffix and asked and suffix != asked):
        raise ApiError(400, f"format '{fmt}' tidak dikenal atau bertentangan; gunakan json, xlsx, csv atau html")
    year = int_arg("year", args["year"], 1, YEAR_MAX) if args.get("year") else None
    paper = _paper(args.get("paper"))
    document = _document(kind, args.get("unit") or None, year)
    if fmt == "xlsx":
        return _download(to_xlsx(document, paper), "xlsx", document.filename())
    if fmt == "csv":
        number = int_arg("tabel", args["tabel"], 1, 100) if args.get("tabel") else 1
        return _download(document_csv(document, number), "csv", document.filename())
    if fmt == "html":
        html = document_html(document, paper=paper)
        response = Response(html, mimetype="text/html")
        response.headers["Content-Disposition"] = f'inline; filename="{document.filename()}.html"'
        return response
    return current_app.json.response(ok=True, **document_json(document))


def document_json(document: Document) -> dict[str, Any]:
    """The document's content as data: title, lines, tables (columns and rows), signature."""
    return {
        "kind": document.kind,
        "title": document.title,
        "lines": document.lines,
        "meta": document.meta,
        "tables": [
            {
                "title": table.title,
                "columns": [
                    {"key": c.key, "header": c.header, "group": c.group, "kind": c.kind} for c in table.columns
                ],
                "rows": table.rows,
                "totals": table.totals,
            }
            for table in document.tables
        ],
        "signature": dataclasses.asdict(document.signature) if document.signature else None,
    }


api_bp.add_url_rule("/docs/<kind>", "document", api_document, methods=["GET"])


@html_bp.get("/dokumen/<kind>")
@kept_answer
def document_page(kind: str):
    """The print page of a document (`unit`, `tahun`, `kertas` a4|f4), with links to its XLSX and data."""
    unit = request.args.get("unit") or None
    text = request.args.get("tahun", "").strip()
    year = int_arg("tahun", text, 1, YEAR_MAX) if text else None
    paper = _paper(request.args.get("kertas"))
    document = _document(kind, unit, year)
    g.pokin_page_masked = masking_wanted()  # masked as built (masked_document): not again after the request
    return document_html(document, paper=paper, links=_links(kind, unit, document.meta["year"]))
