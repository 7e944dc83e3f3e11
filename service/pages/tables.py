"""The tables of the list pages as downloads: `?unduh=xlsx` or `?unduh=csv` on a page's own address gives
exactly the rows the page shows (same filters), under the page's Indonesian column headers.

Why one module: every list page (a finding's rows, search results, the Beranda's tables, the crosscutting
matrix, the capaian dashboard, the leverage ranking) describes its tables here once, as (key, title, columns,
rows) taken from the same page data the HTML and the `.json` twin are rendered from, so a download never
disagrees with the screen. The files are written by graph/export.py (cells a spreadsheet would execute
neutralised); NIPs are masked for anonymous readers as on the page. A page with several tables gives them all
as sheets of one workbook; a CSV holds one table (`tabel=<key>`, else the first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Response, request

from graph.export import to_csv, to_xlsx
from service.http.errors import ApiError
from service.http.formats import MEDIA_TYPES, masking_wanted, plain
from service.http.masking import mask

DOWNLOADS = ("xlsx", "csv")
ROWS_MAX = 100_000  # rows of one download; a larger table is refused, not cut short silently


@dataclass(frozen=True)
class Table:
    """One table of a page: `columns` are (row key, Indonesian header) pairs, in the page's order."""

    key: str
    title: str
    columns: Sequence[tuple[str, str]]
    rows: Sequence[dict[str, Any]]


def _finding(page: dict[str, Any]) -> list[Table]:
    columns = [(column, page["headers"].get(column) or column) for column in page["columns"]]
    return [Table("temuan", page["title"], columns, page["rows"])]


def _search(page: dict[str, Any]) -> list[Table]:
    rows = [
        {
            "nama": row.get("title") or row.get("id"),
            "jenis": row.get("kind_label"),
            "keterangan": row.get("kind_detail"),
            "kode": row["id"] if row.get("kind") == "ASN" else row.get("code"),
            "unit": row.get("unit_name"),
            "opd": row.get("opd_name") if row.get("opd_shown") else None,
        }
        for row in page["rows"]
    ]
    columns = [
        ("nama", "Nama"),
        ("jenis", "Jenis"),
        ("keterangan", "Keterangan"),
        ("kode", "Kode / NIP"),
        ("unit", "Unit"),
        ("opd", "OPD"),
    ]
    return [Table("hasil", "Hasil pencarian", columns, rows)]


ACHIEVEMENT_COLUMNS = [
    ("name", "Perangkat daerah"),
    ("capaian", "Capaian IKU (%)"),
    ("band", "Predikat"),
    ("indicators", "IKU"),
    ("supporting_capaian", "Capaian pendukung (%)"),
    ("supporting_indicators", "Indikator pendukung"),
]


def _home(page: dict[str, Any]) -> list[Table]:
    findings = [
        {
            "title": row["title"],
            "count": row["count"],
            "budget": row["budget"],
            "status": row["status"] if row["count"] is None else None,
        }
        for row in page["findings"]
    ]
    return [
        Table(
            "temuan",
            "Temuan audit",
            [("title", "Temuan"), ("count", "Jumlah"), ("budget", "Anggaran (Rp)"), ("status", "Keterangan")],
            findings,
        ),
        Table("capaian", "Capaian per OPD", ACHIEVEMENT_COLUMNS, page["achievement"]["rows"]),
    ]


def _opd_list(page: dict[str, Any]) -> list[Table]:
    return [Table("capaian", "Capaian per OPD", ACHIEVEMENT_COLUMNS, page["achievement"]["rows"])]


CROSSCUTTING_COLUMNS = [
    ("from_unit_name", "OPD pendukung"),
    ("to_unit_name", "OPD penerima"),
    ("activities", "Kegiatan"),
    ("staff", "ASN"),
    ("goals", "Elemen kinerja"),
    ("budget", "Pagu (Rp)"),
]
PAIR_COLUMNS = [
    ("kind_name", "Jenis"),
    ("name", "Nama"),
    ("code", "Kode / NIP"),
    ("unit_name", "Unit"),
    ("budget", "Pagu (Rp)"),
    ("outcomes_shown", "Sasaran yang didukung"),
]


def _crosscutting(page: dict[str, Any]) -> list[Table]:
    return [Table("lintas", "Crosscutting antar-OPD", CROSSCUTTING_COLUMNS, page["rows"])]


def _crosscutting_pair(page: dict[str, Any]) -> list[Table]:
    return [Table("kontribusi", "Kontribusi", PAIR_COLUMNS, page["rows"])]


IKU_COLUMNS = [
    ("goal", "Sasaran"),
    ("indicator", "Indikator (IKU)"),
    ("satuan", "Satuan"),
    ("target", "Target"),
    ("realisasi", "Realisasi"),
    ("capaian", "Capaian (%)"),
    ("band", "Predikat"),
    *[(f"capaian_tw{quarter}", f"Capaian TW {quarter} (%)") for quarter in (1, 2, 3, 4)],
]


def _capaian(page: dict[str, Any]) -> list[Table]:
    years = page["trend"]["years"]
    trend = [
        dict(
            {"indicator": row["indicator"], "goal": row["goal"]},
            **{str(year): row["capaian"].get(str(year)) for year in years},
        )
        for row in page["trend"]["rows"]
    ]
    columns = [("goal", "Sasaran"), ("indicator", "Indikator (IKU)")] + [
        (str(year), f"Capaian {year} (%)") for year in years
    ]
    return [
        Table("iku", f"IKU {page['year'] or ''}".strip(), IKU_COLUMNS, page["iku"]),
        Table("tren", "Tren capaian", columns, trend),
    ]


LEVERAGE_UNIT_COLUMNS = [
    ("rank", "Peringkat"),
    ("name", "Perangkat daerah"),
    ("outcomes_reached", "Sasaran dicapai"),
    ("activities", "Kegiatan"),
    ("budget", "Pagu (Rp)"),
    ("budget_per_outcome", "Pagu per sasaran (Rp)"),
]
LEVERAGE_ACTIVITY_COLUMNS = [
    ("rank", "Peringkat"),
    ("name", "Kegiatan"),
    ("outcomes_reached", "Sasaran dicapai"),
    ("budget", "Pagu (Rp)"),
    ("budget_per_outcome", "Pagu per sasaran (Rp)"),
]


def _leverage(page: dict[str, Any]) -> list[Table]:
    return [
        Table("opd", "Daya ungkit OPD", LEVERAGE_UNIT_COLUMNS, page["units"]),
        Table("kegiatan", "Daya ungkit kegiatan", LEVERAGE_ACTIVITY_COLUMNS, page["activities"]),
    ]


def _people(page: dict[str, Any]) -> list[Table]:
    """Single points of failure or retirements: the page's columns; lists joined as the page shows them."""

    def cell(column: str, value: Any) -> Any:
        if column == "sole":
            return "hanya hasil kerjanya yang sampai" if value else "semua jalur melewati yang hanya dipegangnya"
        if column == "target_kind":
            return "IKU" if value == "iku" else "sasaran"
        return ", ".join(str(item) for item in value) if isinstance(value, list) else value

    rows = [{column: cell(column, row.get(column)) for column in page["columns"]} for row in page["rows"]]
    return [Table("orang", page["title"], [(column, page["headers"][column]) for column in page["columns"]], rows)]


TABLES: dict[str, Callable[[dict[str, Any]], list[Table]]] = {
    "temuan": _finding,
    "cari": _search,
    "beranda": _home,
    "capaian-opd": _opd_list,
    "lintas-opd": _crosscutting,
    "lintas-opd-pasangan": _crosscutting_pair,
    "capaian": _capaian,
    "daya-ungkit": _leverage,
    "orang": _people,
}


def tables_of(page: dict[str, Any]) -> list[Table]:
    """The tables a page shows (none for a page that is not a list)."""
    build = TABLES.get(page.get("page") or "")
    return build(page) if build is not None else []


def links(page: dict[str, Any]) -> dict[str, dict[str, str]]:
    """table key -> {'xlsx': address, 'csv': address}: the page's own address and filters, plus `unduh`."""
    args = [(name, value) for name, value in request.args.items(multi=True) if name not in ("unduh", "tabel")]
    found: dict[str, dict[str, str]] = {}
    for table in tables_of(page):
        found[table.key] = {
            fmt: request.path + "?" + urlencode([*args, ("unduh", fmt), ("tabel", table.key)]) for fmt in DOWNLOADS
        }
    return found


def asked() -> str | None:
    """The `unduh` parameter: xlsx, csv or absent; anything else a 400 in Bahasa Indonesia."""
    fmt = request.args.get("unduh")
    if fmt is None:
        return None
    if fmt not in DOWNLOADS:
        raise ApiError(400, f"Parameter 'unduh' harus 'xlsx' atau 'csv', bukan '{fmt[:40]}'.")
    return fmt


def download(page: dict[str, Any], fmt: str) -> Response:
    """The page's tables as a file: every table as a sheet of the workbook (or the one `tabel` names), or one
    table as CSV (UTF-8 with a byte-order mark, so Excel reads the Indonesian text as it is)."""
    tables = tables_of(page)
    if not tables:
        raise ApiError(400, "Halaman ini tidak memiliki tabel untuk diunduh.")
    key = request.args.get("tabel")
    if key is not None:
        tables = [table for table in tables if table.key == key]
        if not tables:
            raise ApiError(
                400,
                f"Parameter 'tabel' harus salah satu dari: "
                f"{', '.join(table.key for table in tables_of(page))}; bukan '{key[:40]}'.",
            )
    sheets = {table.title: _cells(table) for table in tables}
    if fmt == "csv":
        rows, headers = next(iter(sheets.values()))
        body = ("\ufeff" + to_csv(rows, headers)).encode("utf-8")
    else:
        body = to_xlsx(sheets)
    response = Response(body, mimetype=MEDIA_TYPES[fmt].split(";")[0])
    response.headers["Content-Type"] = MEDIA_TYPES[fmt]
    name = (
        re.sub(
            r"[^A-Za-z0-9_.-]+",
            "-",
            "-".join(filter(None, [page.get("page"), *(request.view_args or {}).values(), key])),
        ).strip("-")
        or "tabel"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{name[:120]}.{fmt}"'
    return response


def _cells(table: Table) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows keyed by the Indonesian headers, values as the data holds them (numbers stay numbers)."""
    if len(table.rows) > ROWS_MAX:
        raise ApiError(
            413,
            f"Tabel '{table.title}' berisi {len(table.rows)} baris; unduhan paling banyak "
            f"{ROWS_MAX} baris. Persempit dengan saringan unit atau tahun.",
        )
    headers = _unique([header for _, header in table.columns])
    rows = [{header: plain(row.get(key)) for (key, _), header in zip(table.columns, headers)} for row in table.rows]
    if masking_wanted():
        rows = [mask(row) for row in rows]
    return rows, headers


def _unique(headers: list[str]) -> list[str]:
    """Headers as keys: a repeated one gets a number (two columns must not share a cell)."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out
