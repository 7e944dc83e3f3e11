"""The documents planners and auditors deliver (docs/domain.md, "Periods, versions and documents"), assembled
from named queries (cypher/document_*.cypher) into one layout that both the XLSX writer here and the
print page of the service (service/pages/documents.py) draw: the same headings, tables and totals.

A Document is a title block, tables and, where the form has one, a signature block. A Table has Columns,
each with an Indonesian header, an optional group (a merged header cell over the columns sharing it), a
kind that fixes the number format (rupiah `#,##0`, figures `0.00`, percent `0.00%`) and whether equal
consecutive values merge down the column (the sasaran of several indicators, the program of several
kegiatan). The XLSX is formatted for print: landscape, A4 (or F4), fitted to the page width, header
rows repeated, a print area. Cell text is neutralised as graph.export does for any export.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.catalog import Catalog
from graph.db import Reader
from graph.export import neutralise

KINDS = ("pk", "iku", "cascading", "lkjip", "triwulan")
TEXT, RUPIAH, FIGURE, PERCENT, NUMBER = "text", "rupiah", "figure", "percent", "number"
XLSX_FORMATS = {RUPIAH: "#,##0", FIGURE: "0.00", PERCENT: "0.00%", NUMBER: "0"}
PAPER = {"a4": 9, "f4": 14}  # openpyxl paperSize codes: 9 = A4; 14 = folio 8.5 x 13 in (F4)


class DocumentNotFound(LookupError):
    """The unit asked for is not in the graph."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    group: str | None = None
    width: float = 14
    merge_repeats: bool = False


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    totals: dict[str, Any] | None = None  # key -> value on a closing "Jumlah" row

    def header_rows(self) -> int:
        return 2 if any(column.group for column in self.columns) else 1


@dataclass
class Signature:
    """Who signs: left and right party with role line, name and NIP (None where the data has no one)."""

    parties: list[dict[str, Any]]


@dataclass
class Document:
    kind: str
    title: str
    lines: list[str]
    tables: list[Table]
    signature: Signature | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def filename(self) -> str:
        unit = self.meta.get("unit_id") or "pemda"
        return f"{self.kind}-{unit}-{self.meta.get('year')}"


# -- assembly ------------------------------------------------------------------------------------------------


def build(
    kind: str,
    runner: Reader,
    catalog: Catalog,
    *,
    year: int,
    unit: str | None = None,
    datasets: Sequence[str] | None = None,
) -> Document:
    """The document `kind` (one of KINDS) for the unit (the top unit when none is given) and year, read from the
    versions `datasets` (None: the default scope, graph/versions.py)."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown document '{kind}'; choose one of {', '.join(KINDS)}")
    return BUILDERS[kind](runner, catalog.within(runner, datasets), year, unit)


def default_year(kind: str, runner: Reader, datasets: Sequence[str] | None = None) -> int | None:
    """The year a document shows when none is asked for: the latest budget year for the plans of the year
    (PK, IKU, matriks, rencana aksi: this year's DPA), the latest reported year for the LKjIP (last year's
    figures mid-year); the other one when the data has only that."""
    from graph.audit import latest_budget_year, latest_year

    first, second = (latest_year, latest_budget_year) if kind == "lkjip" else (latest_budget_year, latest_year)
    year = first(runner, datasets)
    return year if year is not None else second(runner, datasets)


def _unit_heading(runner: Reader, catalog: Catalog, unit: str | None) -> dict[str, Any]:
    if unit is None:
        tops = runner.read(
            "MATCH (u:Unit) WHERE ($datasets IS NULL OR u.dataset IN $datasets) AND NOT (u)-[:PART_OF]->(:Unit) "
            "RETURN u.id AS id ORDER BY CASE u.kind WHEN 'pemda' THEN 0 ELSE 1 END, id LIMIT 1",
            {"datasets": catalog.scope(runner)},
        )
        if not tops:
            raise DocumentNotFound("the graph holds no unit")
        unit = tops[0]["id"]
    rows = catalog.run(runner, "document_unit", {"unit": unit})
    if not rows:
        raise DocumentNotFound(f"no unit '{unit}'")
    return rows[0]


def _indicator_text(items: Sequence[Mapping[str, Any]] | None) -> str:
    """`name (target satuan)` per indicator, one a line."""
    lines = []
    for item in items or []:
        target = item.get("target")
        figure = f" ({format_number(target)} {item.get('satuan') or ''})".rstrip() if target is not None else ""
        lines.append(f"{item.get('name')}{figure}".replace(" )", ")"))
    return "\n".join(lines)


def _with_ranges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A stabil indicator's target written as its range (`2–4`) where the data gives a range and no target."""
    for row in rows:
        low, high = row.get("target_min"), row.get("target_max")
        if row.get("target") is None and (low is not None or high is not None):
            row["target"] = f"{format_number(low)}–{format_number(high)}"
    return rows


def _numbered(rows: list[dict[str, Any]], group_key: str | None = None) -> list[dict[str, Any]]:
    """`no` counts the rows, or the groups when `group_key` is given (rows of one group share it)."""
    number, previous = 0, object()
    for row in rows:
        current = row.get(group_key) if group_key else object()
        if group_key is None or current != previous:
            number += 1
        row["no"] = number
        previous = current
    return rows


def build_pk(runner: Reader, catalog: Catalog, year: int, unit: str | None) -> Document:
    """Perjanjian Kinerja: the unit's sasaran with their IKU and targets, its programs and pagu, who signs."""
    head = _unit_heading(runner, catalog, unit)
    unit_id = head["unit_id"]
    targets = _with_ranges(
        _numbered(
            [dict(row) for row in catalog.run(runner, "document_iku", {"unit": unit_id, "year": year})], "goal_id"
        )
    )
    budget = _numbered([dict(row) for row in catalog.run(runner, "document_budget", {"unit": unit_id, "year": year})])
    pejabat = _party(
        "PIHAK PERTAMA",
        head.get("pejabat_position") or _head_title(head),
        head.get("pejabat_name"),
        head.get("pejabat_nip"),
    )
    parties = [pejabat]
    if head["unit_kind"] != "pemda":  # a kepala daerah's PK has no atasan in the data (nor an ASN to sign it)
        parties.insert(
            0,
            _party(
                "PIHAK KEDUA",
                head.get("atasan_position") or "Kepala Daerah",
                head.get("atasan_name"),
                head.get("atasan_nip"),
            ),
        )
    return Document(
        "pk",
        f"PERJANJIAN KINERJA TAHUN {year}",
        _heading_lines(head),
        [
            Table(
                "Sasaran, indikator kinerja dan target",
                [
                    Column("no", "No", NUMBER, width=5, merge_repeats=True),
                    Column("goal", "Sasaran", width=40, merge_repeats=True),
                    Column("indicator", "Indikator Kinerja", width=40),
                    Column("satuan", "Satuan", width=10),
                    Column("target", f"Target {year}", FIGURE, width=12),
                ],
                targets,
            ),
            Table(
                "Program dan anggaran",
                [
                    Column("no", "No", NUMBER, width=5),
                    Column("name", "Program", width=60),
                    Column("code", "Kode", width=14),
                    Column("pagu", "Anggaran (Rp)", RUPIAH, width=20),
                ],
                budget,
                totals={"name": "Jumlah", "pagu": sum(row["pagu"] or 0 for row in budget)},
            ),
        ],
        Signature(parties),
        {"unit_id": unit_id, "unit_name": head["unit_name"], "year": year},
    )


def _head_title(head: Mapping[str, Any]) -> str:
    return "Kepala Daerah" if head["unit_kind"] == "pemda" else f"Kepala {head['unit_name']}"


def _heading_lines(head: Mapping[str, Any]) -> list[str]:
    """The unit, and the Pemda it belongs to when that is another unit."""
    pemda = head.get("pemda_name")
    return [head["unit_name"]] + ([pemda] if pemda and head.get("pemda_id") != head["unit_id"] else [])


def _party(role: str, position: str, name: str | None, nip: str | None) -> dict[str, Any]:
    return {"role": role, "position": position, "name": name, "nip": nip}


def build_iku(runner: Reader, catalog: Catalog, year: int, unit: str | None) -> Document:
    """The IKU list of a unit: sasaran, indicator, definition/formula, satuan, polarity, baseline, targets."""
    head = _unit_heading(runner, catalog, unit)
    rows = _with_ranges(
        _numbered([dict(row) for row in catalog.run(runner, "document_iku", {"unit": head["unit_id"], "year": year})])
    )
    for row in rows:
        row["polarity"] = POLARITY_TEXT.get(row.get("polarity") or "", row.get("polarity"))
    end_header = "Target Akhir" + end_targets(runner, catalog, head["unit_id"], rows)
    return Document(
        "iku",
        f"INDIKATOR KINERJA UTAMA TAHUN {year}",
        _heading_lines(head),
        [
            Table(
                "Indikator Kinerja Utama",
                [
                    Column("no", "No", NUMBER, width=5),
                    Column("goal", "Sasaran", width=34, merge_repeats=True),
                    Column("indicator", "Indikator Kinerja Utama", width=34),
                    Column("definition", "Definisi / Formulasi", width=34),
                    Column("satuan", "Satuan", width=10),
                    Column("polarity", "Polaritas", width=12),
                    Column("baseline", "Baseline", FIGURE, group="Kinerja", width=11),
                    Column("target", f"Target {year}", FIGURE, group="Kinerja", width=11),
                    Column("target_end", end_header, FIGURE, group="Kinerja", width=13),
                ],
                rows,
            )
        ],
        None,
        {"unit_id": head["unit_id"], "unit_name": head["unit_name"], "year": year},
    )


POLARITY_TEXT = {"positif": "Positif (naik)", "negatif": "Negatif (turun)", "stabil": "Stabil (rentang)"}


def build_cascading(runner: Reader, catalog: Catalog, year: int, unit: str | None) -> Document:
    """Matriks cascading: tujuan, sasaran, program, kegiatan, sub-kegiatan with indicators, pagu and who is
    responsible; the whole Pemda when no unit is given."""
    head = _unit_heading(runner, catalog, unit)
    scope = None if head["unit_kind"] == "pemda" and unit is None else head["unit_id"]
    rows = [dict(row) for row in catalog.run(runner, "document_cascading", {"unit": scope, "year": year})]
    for row in rows:
        for level in ("tujuan", "sasaran", "program", "kegiatan"):
            row[f"{level}_indicator_text"] = _indicator_text(row.get(f"{level}_indicators"))
        for level in ("program", "kegiatan", "subkegiatan"):
            code, name = row.get(f"{level}_code"), row.get(level)
            row[f"{level}_label"] = f"{code} {name}" if code and name else name
    _numbered(rows)
    group = "Indikator dan target " + str(year)
    return Document(
        "cascading",
        f"MATRIKS CASCADING TAHUN {year}",
        [head["unit_name"] if scope else (head.get("pemda_name") or head["unit_name"])],
        [
            Table(
                "Matriks cascading",
                [
                    Column("no", "No", NUMBER, width=5),
                    Column("tujuan", "Tujuan", group="Tujuan", width=22, merge_repeats=True),
                    Column("tujuan_indicator_text", "Indikator", group="Tujuan", width=22, merge_repeats=True),
                    Column("sasaran", "Sasaran", group="Sasaran", width=22, merge_repeats=True),
                    Column("sasaran_indicator_text", "Indikator", group="Sasaran", width=22, merge_repeats=True),
                    Column("program_label", "Program", group="Program", width=24, merge_repeats=True),
                    Column("program_indicator_text", "Indikator", group="Program", width=22, merge_repeats=True),
                    Column("kegiatan_label", "Kegiatan", group="Kegiatan", width=24, merge_repeats=True),
                    Column("kegiatan_indicator_text", "Indikator", group="Kegiatan", width=22, merge_repeats=True),
                    Column("subkegiatan_label", "Sub Kegiatan", width=28),
                    Column("pagu", f"Pagu {year} (Rp)", RUPIAH, width=16),
                    Column("penanggung_jawab", "Penanggung Jawab", width=20),
                ],
                rows,
                totals={"subkegiatan_label": "Jumlah", "pagu": sum(row.get("pagu") or 0 for row in rows)},
            )
        ],
        None,
        {"unit_id": scope, "unit_name": head["unit_name"], "year": year, "indicator_group": group},
    )


# The end targets (kondisi akhir periode) the data records for a unit's indicators (Indicator.target_end).
_END_TARGETS = (
    "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(:Goal)-[:MEASURED_BY]->(i:Indicator) "
    "WHERE i.id IN $ids AND ($datasets IS NULL OR i.dataset IN $datasets) "
    "AND (i.target_end IS NOT NULL OR i.target_end_text IS NOT NULL) "
    "RETURN DISTINCT i.id AS id, coalesce(i.target_end, i.target_end_text) AS target_end"
)
END_RECORDED, END_LAST_YEAR = "akhir_periode", "tahun_terakhir"


def _scope(runner: Reader, catalog: Catalog) -> list[str] | None:
    """The versions the catalog's queries read (None: every node) for this module's own Cypher beside them."""
    return catalog.scope(runner)


def end_targets(runner: Reader, catalog: Catalog, unit_id: str, rows: list[dict[str, Any]]) -> str:
    """Each IKU row's period end target: the one the data records (kondisi akhir periode, `end_source`
    akhir_periode) when it does, else the target of the last year it holds (tahun_terakhir, as document_iku
    gives it). Returns what the column's header says of them: which they are (and the last year's)."""
    ids = [row["indicator_id"] for row in rows]
    params = {"unit": unit_id, "ids": ids, "datasets": _scope(runner, catalog)}
    recorded = {found["id"]: found["target_end"] for found in runner.read(_END_TARGETS, params)} if ids else {}
    for row in rows:
        if row["indicator_id"] in recorded:
            row["target_end"], row["end_source"] = recorded[row["indicator_id"]], END_RECORDED
        else:
            row["end_source"] = END_LAST_YEAR if row.get("target_end") is not None else None
    years = sorted({row["end_year"] for row in rows if row["end_source"] == END_LAST_YEAR and row.get("end_year")})
    last = f"target {years[-1]}" if years else ""
    if recorded and last:
        return f" (kondisi akhir periode; tanpa itu: {last})"
    if recorded:
        return " (kondisi akhir periode)"
    return f" ({years[-1]})" if years else ""


def _achievement(runner: Reader, catalog: Catalog, year: int, unit_id: str) -> dict[tuple[str, str], dict[str, Any]]:
    """The achievement query's rows (the one place capaian is computed) by (kind, id)."""
    rows = catalog.run(runner, "achievement", {"year": year, "unit": unit_id})
    return {(row["kind"], row["id"]): row for row in rows}


def build_lkjip(runner: Reader, catalog: Catalog, year: int, unit: str | None) -> Document:
    """The LKjIP's capaian table: per sasaran and IKU the target, realisasi and capaian of the year, last
    year's realisasi, the period's end target and the share of it reached; the unit's capaian closes it.
    Capaian (of the year, of each sasaran, of the unit) is the achievement query's; the share of the end
    target uses the same rule (graph.capaian) on realisasi against that target."""
    head = _unit_heading(runner, catalog, unit)
    unit_id = head["unit_id"]
    rows = _numbered(
        [dict(row) for row in catalog.run(runner, "document_iku", {"unit": unit_id, "year": year})], "goal_id"
    )
    end = end_targets(runner, catalog, unit_id, rows)
    figures = _achievement(runner, catalog, year, unit_id)
    _lkjip_figures(rows, figures)
    _with_ranges(rows)
    own = figures.get(("unit", unit_id), {})
    return Document(
        "lkjip",
        f"CAPAIAN KINERJA TAHUN {year}",
        [*_heading_lines(head), "Laporan Kinerja Instansi Pemerintah (LKjIP)"],
        [
            Table(
                "Capaian indikator kinerja utama per sasaran",
                _lkjip_columns(year, end),
                rows,
                totals={
                    "indicator": f"Capaian kinerja {head['unit_name']}"
                    + (f" (predikat: {own['band']})" if own.get("band") else ""),
                    "capaian": own.get("capaian"),
                },
            )
        ],
        None,
        {
            "unit_id": unit_id,
            "unit_name": head["unit_name"],
            "year": year,
            "unit_capaian": own.get("capaian"),
            "band": own.get("band"),
            "scale": own.get("scale"),
        },
    )


def _lkjip_figures(rows: list[dict[str, Any]], figures: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Each IKU row's capaian, band and its sasaran's capaian from the achievement query (the one place they
    are computed); the share of the end target by the same rule (graph.capaian), realisasi against it."""
    from graph.capaian import capaian

    for row in rows:
        indicator = figures.get(("indicator", row["indicator_id"]), {})
        goal = figures.get(("goal", row["goal_id"]), {})
        row["capaian"] = indicator.get("capaian")
        row["band"] = indicator.get("band")
        row["goal_capaian"] = goal.get("capaian")
        share = capaian(
            row.get("target_end"),
            row.get("realisasi"),
            row.get("polarity"),
            row.get("target_min"),
            row.get("target_max"),
        )
        row["share_end"] = share


def _lkjip_columns(year: int, end: str) -> list[Column]:
    """The LKjIP table's columns apart from its rows and totals: the year's figures, last year's
    realisasi, then the end of the Renstra period (`end` names its year when known)."""
    return [
        Column("no", "No", NUMBER, width=5, merge_repeats=True),
        Column("goal", "Sasaran", width=30, merge_repeats=True),
        Column("goal_capaian", "Capaian Sasaran (%)", FIGURE, width=11, merge_repeats=True),
        Column("indicator", "Indikator Kinerja", width=30),
        Column("satuan", "Satuan", width=10),
        Column("target", "Target", FIGURE, group=f"Tahun {year}", width=10),
        Column("realisasi", "Realisasi", FIGURE, group=f"Tahun {year}", width=10),
        Column("capaian", "Capaian (%)", FIGURE, group=f"Tahun {year}", width=10),
        Column("realisasi_last_year", f"Realisasi {year - 1}", FIGURE, width=11),
        Column("target_end", f"Target{end}", FIGURE, group="Akhir Periode Renstra", width=10),
        Column("share_end", "Tingkat Capaian", PERCENT, group="Akhir Periode Renstra", width=11),
    ]


def build_quarters(runner: Reader, catalog: Catalog, year: int, unit: str | None) -> Document:
    """Monitoring of the rencana aksi per triwulan: each indicator with TW targets, realisasi and capaian
    (capaian per triwulan from the achievement query)."""
    head = _unit_heading(runner, catalog, unit)
    unit_id = head["unit_id"]
    rows = _numbered(
        [dict(row) for row in catalog.run(runner, "document_quarters", {"unit": unit_id, "year": year})], "goal_id"
    )
    figures = _achievement(runner, catalog, year, unit_id)
    for row in rows:
        indicator = figures.get(("indicator", row["indicator_id"]), {})
        for quarter in (1, 2, 3, 4):
            row[f"capaian_tw{quarter}"] = indicator.get(f"capaian_tw{quarter}")
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    columns = [
        Column("no", "No", NUMBER, width=5, merge_repeats=True),
        Column("goal", "Sasaran / Kegiatan", width=26, merge_repeats=True),
        Column("indicator", "Indikator", width=26),
        Column("satuan", "Satuan", width=9),
        Column("target", f"Target {year}", FIGURE, width=9),
    ]
    for key, group in (("target", "Target"), ("realisasi", "Realisasi"), ("capaian", "Capaian (%)")):
        columns += [Column(f"{key}_tw{q}", f"TW {roman[q]}", FIGURE, group=group, width=8) for q in (1, 2, 3, 4)]
    columns.append(Column("unit_name", "Penanggung Jawab", width=16))
    return Document(
        "triwulan",
        f"MONITORING RENCANA AKSI PER TRIWULAN TAHUN {year}",
        _heading_lines(head),
        [Table("Target, realisasi dan capaian per triwulan", columns, rows)],
        None,
        {"unit_id": unit_id, "unit_name": head["unit_name"], "year": year},
    )


BUILDERS: dict[str, Callable[[Reader, Catalog, int, str | None], Document]] = {
    "pk": build_pk,
    "iku": build_iku,
    "cascading": build_cascading,
    "lkjip": build_lkjip,
    "triwulan": build_quarters,
}


# -- numbers as Indonesians read them --------------------------------------------------------------------------


def format_number(value: Any, kind: str = FIGURE) -> str:
    """`1.234.567` for rupiah, `71,08` for figures, `85,20%` for a share given as 85.2: Indonesian separators."""
    if value is None or value == "":
        return "–" if kind != TEXT else ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if kind in (RUPIAH, NUMBER):
        return f"{value:,.0f}".replace(",", ".")
    if kind == PERCENT:
        return _swap(f"{value:,.2f}") + "%"  # a percent figure (107.65), as capaian is
    text = _swap(f"{value:,.2f}")
    return text[:-3] if text.endswith(",00") else text


def _swap(text: str) -> str:
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


# -- XLSX ----------------------------------------------------------------------------------------------------


def to_xlsx(document: Document, paper: str = "a4") -> bytes:  # noqa: C901 - the sheet top to bottom: titles, each table (header, rows, totals), signature, widths
    """The document as a workbook of one sheet, formatted and set up for printing."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, horizontal="center", vertical="center")

    book = Workbook()
    sheet = book.active
    sheet.title = document.kind.upper()
    width = max(len(table.columns) for table in document.tables)
    row = 1
    for text in [document.title, *[line for line in document.lines if line]]:
        sheet.cell(row, 1, neutralise(text)).font = Font(bold=True, size=12 if row == 1 else 11)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    first_header = None
    for table in document.tables:
        row += 1
        sheet.cell(row, 1, neutralise(table.title)).font = Font(bold=True)
        row += 1
        top = row
        first_header = first_header or top
        depth = table.header_rows()
        column_at = 1
        for text, colspan, rowspan in header_cells(table)[0]:
            sheet.cell(top, column_at, text)
            if colspan > 1 or rowspan > 1:
                sheet.merge_cells(
                    start_row=top, start_column=column_at, end_row=top + rowspan - 1, end_column=column_at + colspan - 1
                )
            column_at += colspan
        if depth == 2:
            for index, column in enumerate(table.columns, start=1):
                if column.group:
                    sheet.cell(top + 1, index, column.header)
        for r in range(top, top + depth):
            for c in range(1, len(table.columns) + 1):
                cell = sheet.cell(r, c)
                cell.font, cell.fill, cell.alignment, cell.border = Font(bold=True), header_fill, centre, border
        row = top + depth
        body_top = row
        for record in table.rows:
            for c, column in enumerate(table.columns, start=1):
                _write(sheet.cell(row, c), record.get(column.key), column, border, wrap)
            row += 1
        _merge_repeats(sheet, table, body_top)
        if table.totals is not None:
            for c, column in enumerate(table.columns, start=1):
                cell = sheet.cell(row, c)
                _write(cell, table.totals.get(column.key), column, border, wrap)
                cell.font = Font(bold=True)
            row += 1
    if document.signature:
        row = _write_signature(sheet, document.signature, row + 1, width)
    for c in range(1, width + 1):
        widths = [table.columns[c - 1].width for table in document.tables if c <= len(table.columns)]
        sheet.column_dimensions[get_column_letter(c)].width = max(widths)
    sheet.print_area = f"A1:{get_column_letter(width)}{row - 1}"
    if first_header is not None:
        sheet.print_title_rows = f"{first_header}:{first_header + document.tables[0].header_rows() - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER.get(paper, PAPER["a4"])
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(cell: Any, value: Any, column: Column, border: Any, wrap: Any) -> None:
    if isinstance(value, (list, tuple)):
        value = "\n".join(str(item) for item in value)
    if column.kind == PERCENT and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = round(value / 100, 6)  # shares arrive as percent figures; Excel's 0.00% multiplies by 100
    cell.value = neutralise(value) if isinstance(value, str) else value
    cell.border, cell.alignment = border, wrap
    if column.kind in XLSX_FORMATS and isinstance(value, (int, float)):
        cell.number_format = XLSX_FORMATS[column.kind]


def merge_runs(table: Table) -> dict[tuple[int, int], int]:
    """Where equal consecutive values of a merge_repeats column merge: (first row, column) -> rows spanned,
    (covered row, column) -> 0. A run stays within the runs of the merging columns to its left (a sasaran
    repeated under two tujuan is two cells). The XLSX and the print page both draw these."""
    merging = [index for index, column in enumerate(table.columns) if column.merge_repeats]
    runs: dict[tuple[int, int], int] = {}
    rows = table.rows
    for position, index in enumerate(merging):
        keys = [table.columns[i].key for i in merging[: position + 1]]
        start = 0
        for end in range(1, len(rows) + 1):
            if end == len(rows) or [rows[end].get(k) for k in keys] != [rows[start].get(k) for k in keys]:
                if end - start > 1 and rows[start].get(table.columns[index].key) not in (None, ""):
                    runs[(start, index)] = end - start
                    runs.update({(covered, index): 0 for covered in range(start + 1, end)})
                start = end
    return runs


def _merge_repeats(sheet: Any, table: Table, first: int) -> None:
    for (row, index), span in merge_runs(table).items():
        if span > 1:
            sheet.merge_cells(
                start_row=first + row, start_column=index + 1, end_row=first + row + span - 1, end_column=index + 1
            )


def header_cells(table: Table) -> list[list[tuple[str, int, int]]]:
    """The header as rows of (text, colspan, rowspan): a group over its columns, the others down both rows."""
    if table.header_rows() == 1:
        return [[(column.header, 1, 1) for column in table.columns]]
    top: list[tuple[str, int, int]] = []
    bottom: list[tuple[str, int, int]] = []
    index = 0
    while index < len(table.columns):
        column = table.columns[index]
        if column.group:
            span = 1
            while index + span < len(table.columns) and table.columns[index + span].group == column.group:
                span += 1
            top.append((column.group, span, 1))
            bottom += [(table.columns[index + offset].header, 1, 1) for offset in range(span)]
            index += span
        else:
            top.append((column.header, 1, 2))
            index += 1
    return [top, bottom]


def _write_signature(sheet: Any, signature: Signature, row: int, width: int) -> int:
    from openpyxl.styles import Alignment, Font

    half = max(width // 2, 1)
    spans = [(1, half), (half + 1, width)] if width > 1 else [(1, 1), (1, 1)]
    for party, (left, right) in zip(signature.parties, spans):
        lines = [
            party["role"],
            party["position"],
            "",
            "",
            "",
            party.get("name") or "(....................)",
            f"NIP. {party['nip']}" if party.get("nip") else "NIP. ....................",
        ]
        for offset, text in enumerate(lines):
            cell = sheet.cell(row + offset, left, neutralise(text))
            cell.alignment = Alignment(horizontal="center")
            if offset == 5:
                cell.font = Font(bold=True, underline="single")
            if right > left:
                sheet.merge_cells(start_row=row + offset, start_column=left, end_row=row + offset, end_column=right)
    return row + 7
