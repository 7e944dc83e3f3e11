"""What a Deli Serdang user would import, built at test time from the e-SAKIP MySQL dump in ../shared/real/
(never copied into the repository).

`read_dump` reads the rows of a phpMyAdmin / mysqldump file: every `INSERT INTO `table` (`col`, ...) VALUES (...),
(...);` statement (a table may have several), with MySQL's quoting: single-quoted strings with backslash escapes
(`\\'`, `\\\\`, `\\r`, `\\n`, `\\t`, `\\0`) or a doubled quote, numbers, NULL. Comments and CREATE TABLE statements are
skipped.

From those rows, for one year of the period (`refperiode_id`):
- `normalized_folder` writes pokin's own CSV files as a converter of the e-SAKIP tables would: the SKPD list as units,
  the RPJMD visi -> misi -> tujuan (its indicator is a text column) -> sasaran, the Dinas Kesehatan Renstra (tujuan,
  sasaran, their indicators with satuan and targets) and its cascade (sasaran program and kegiatan, each with its one
  indicator, contributing to the indicator of the level above), the programs and kegiatan as activities; each
  statement exactly as stored (HTML `<p>...</p>` included), each figure as written (`0,70` beside `0.70`).
- `matriks_workbook` writes the same Renstra as the one wide sheet a Pemda keeps (Tujuan | Indikator Tujuan | Sasaran
  | Indikator Sasaran | Kode | Program / Kegiatan | Indikator | Satuan | Target YEAR | Unit), Tujuan and Sasaran merged
  over their rows, an extra row for each further indicator.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from matriks_real import REAL
from openpyxl import Workbook

DELISERDANG = REAL / "raw" / "deliserdang" / "esakip_v2_deliserdang_excerpt.sql"
DINKES = 3  # sakip_skpd.refskpd_id of DINAS KESEHATAN

_INSERT = re.compile(r"INSERT\s+INTO\s+`?(\w+)`?\s*\(([^)]*)\)\s*VALUES\s*", re.IGNORECASE)
_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


class DumpError(ValueError):
    """The dump is not what a MySQL dump writes at the given offset."""


def read_dump(path: Path) -> dict[str, list[dict[str, Any]]]:
    """table -> its rows ({column: value}); strings as str, integers as int, NULL as None."""
    text = path.read_text(encoding="utf-8")
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    position = 0
    while (found := _INSERT.search(text, position)) is not None:
        columns = [name.strip().strip("`") for name in found.group(2).split(",")]
        position = found.end()
        while True:
            values, position = _tuple(text, position)
            if len(values) != len(columns):
                raise DumpError(f"{found.group(1)}: {len(values)} values for {len(columns)} columns at {position}")
            tables[found.group(1)].append(dict(zip(columns, values)))
            position = _skip_space(text, position)
            if text.startswith(",", position):
                position += 1
                continue
            if text.startswith(";", position):
                position += 1
                break
            raise DumpError(f"expected ',' or ';' at offset {position}")
    return dict(tables)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _tuple(text: str, position: int) -> tuple[list[Any], int]:
    position = _skip_space(text, position)
    if not text.startswith("(", position):
        raise DumpError(f"expected '(' at offset {position}")
    values: list[Any] = []
    position += 1
    while True:
        position = _skip_space(text, position)
        value, position = _value(text, position)
        values.append(value)
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position += 1
        elif text.startswith(")", position):
            return values, position + 1
        else:
            raise DumpError(f"expected ',' or ')' at offset {position}")


def _value(text: str, position: int) -> tuple[Any, int]:
    if text.startswith("'", position):
        return _string(text, position + 1)
    if text[position : position + 4].upper() == "NULL":
        return None, position + 4
    number = _NUMBER.match(text, position)
    if number is None:
        raise DumpError(f"unreadable value at offset {position}: {text[position : position + 20]!r}")
    literal = number.group(0)
    return (float(literal) if any(c in literal for c in ".eE") else int(literal)), number.end()


def _string(text: str, position: int) -> tuple[str, int]:
    out: list[str] = []
    while True:
        end = position
        while end < len(text) and text[end] not in "\\'":
            end += 1
        if end >= len(text):
            raise DumpError("a string is never closed")
        out.append(text[position:end])
        if text[end] == "\\":
            escaped = text[end + 1]
            out.append(_ESCAPES.get(escaped, escaped))
            position = end + 2
        elif text.startswith("''", end):
            out.append("'")
            position = end + 2
        else:
            return "".join(out), end + 1


# -- what a user of the e-SAKIP tables would import -------------------------------------------------------------------


def _unit_id(skpd: int) -> str:
    return "KAB-DELISERDANG" if skpd == 1 else f"DS-SKPD-{skpd}"


def _of(rows: list[dict[str, Any]], period: int) -> list[dict[str, Any]]:
    return [row for row in rows if row.get("refperiode_id") == period]


def _write(folder: Path, name: str, header: list[str], rows: list[list[Any]]) -> None:
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([["" if value is None else value for value in row] for row in rows])


def _quarters(rows: list[dict[str, Any]], key: str, value: Any, column: str) -> list[Any]:
    """The four quarterly figures of one indicator (triwulan 1..4), as written. The kegiatan's quarterly table has no
    reftriwulan_id column: its four rows per indicator are read as triwulan 1..4 in the order of their ids."""
    own = [row for row in rows if row[key] == value]
    if own and "reftriwulan_id" not in own[0]:
        own.sort(key=lambda row: next(iter(row.values())))
        return [row[column] for row in own[:4]] + [None] * (4 - len(own[:4]))
    by_quarter = {row["reftriwulan_id"]: row[column] for row in own}
    return [by_quarter.get(quarter) for quarter in (1, 2, 3, 4)]


def normalized_folder(dump: dict[str, list[dict[str, Any]]], folder: Path, period: int) -> int:
    """pokin's CSV files for the RPJMD and the Dinas Kesehatan cascade of `period` (refperiode_id); the year."""
    folder.mkdir(parents=True, exist_ok=True)
    year = next(row["periode"] for row in dump["sakip_periode"] if row["refperiode_id"] == period)
    pemda = _unit_id(1)
    _write(
        folder,
        "units",
        ["id", "name", "kind", "parent_id"],
        [
            [
                _unit_id(row["refskpd_id"]),
                row["nama_skpd"],
                "pemda" if row["refskpd_id"] == 1 else "perangkat_daerah",
                None if row["refskpd_id"] == 1 else pemda,
            ]
            for row in dump["sakip_skpd"]
        ],
    )
    dinkes = _unit_id(DINKES)
    goals: list[list[Any]] = []
    goals += [
        [f"V-{row['refvisi_id']}", "visi", row["uraian_visi"], pemda, None] for row in _of(dump["sakip_visi"], period)
    ]
    goals += [
        [f"M-{row['refmisi_id']}", "misi", row["uraian_misi"], pemda, f"V-{row['refvisi_id']}"]
        for row in _of(dump["sakip_misi"], period)
    ]
    goals += [
        [f"T-{row['reftujuan_id']}", "tujuan", row["uraian_tujuan"], pemda, f"M-{row['refmisi_id']}"]
        for row in _of(dump["sakip_tujuan"], period)
    ]
    goals += [
        [f"S-{row['refsasaran_id']}", "sasaran", row["uraian_sasaran"], pemda, f"T-{row['reftujuan_id']}"]
        for row in _of(dump["sakip_sasaran"], period)
    ]
    goals += [
        [f"TR-{row['reftujuanrenstra_id']}", "tujuan", row["uraian_tujuanrenstra"], dinkes, f"S-{row['refsasaran_id']}"]
        for row in _of(dump["sakip_tujuanrenstra"], period)
        if row["refskpd_id"] == DINKES
    ]
    goals += [
        [
            f"SR-{row['refsasaranrenstra_id']}",
            "sasaran",
            row["uraian_sasaranrenstra"],
            dinkes,
            f"TR-{row['reftujuanrenstra_id']}",
        ]
        for row in _of(dump["sakip_sasaranrenstra"], period)
        if row["refskpd_id"] == DINKES
    ]
    programs = [row for row in _of(dump["sakip_cascadingprogram"], period) if row["refskpd_id"] == DINKES]
    kegiatan = [row for row in _of(dump["sakip_cascadingkegiatan"], period) if row["refskpd_id"] == DINKES]
    goals += [
        [
            f"SP-{row['refcascadingprogram_id']}",
            "sasaran_program",
            row["uraian_sasaranprogram"],
            dinkes,
            f"I-SR-{row['refindikatorsasaranrenstra_id']}",
        ]
        for row in programs
    ]
    goals += [
        [
            f"SKG-{row['refcascadingkegiatan_id']}",
            "sasaran_kegiatan",
            row["uraian_sasarankegiatan"],
            dinkes,
            f"SP-{row['refcascadingprogram_id']}",
        ]
        for row in kegiatan
    ]
    _write(folder, "goals", ["id", "level", "statement", "unit_id", "contributes_to"], goals)
    _write_indicators(dump, folder, period, year, programs, kegiatan)
    _write_activities(dump, folder, year, programs, kegiatan, dinkes)
    _write(folder, "staff", ["nip", "name", "position", "unit_id", "supervisor_nip", "assigned_to"], [])
    return year


def _write_indicators(
    dump: dict[str, list[dict[str, Any]]],
    folder: Path,
    period: int,
    year: int,
    programs: list[dict[str, Any]],
    kegiatan: list[dict[str, Any]],
) -> None:
    header = [
        "id",
        "goal_id",
        "name",
        "satuan",
        "year",
        "target",
        "realisasi",
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
        "realisasi_tw1",
        "realisasi_tw2",
        "realisasi_tw3",
        "realisasi_tw4",
    ]
    none4 = [None] * 8
    rows: list[list[Any]] = []
    rows += [
        [
            f"I-T-{row['reftujuan_id']}",
            f"T-{row['reftujuan_id']}",
            row["indikator_tujuan"],
            None,
            year,
            None,
            None,
            *none4,
        ]
        for row in _of(dump["sakip_tujuan"], period)
        if row["indikator_tujuan"]
    ]
    rows += [
        [
            f"I-TR-{row['refindikatortujuanrenstra_id']}",
            f"TR-{row['reftujuanrenstra_id']}",
            row["uraian_indikatortujuanrenstra"],
            None,
            year,
            None,
            None,
            *none4,
        ]
        for row in _of(dump["sakip_indikatortujuanrenstra"], period)
        if row["refskpd_id"] == DINKES
    ]
    quarters = dump["sakip_indikatorsasaranrenstra_triwulan"]
    rows += [
        [
            f"I-SR-{row['refindikatorsasaranrenstra_id']}",
            f"SR-{row['refsasaranrenstra_id']}",
            row["uraian_indikatorsasaranrenstra"],
            row["indikatorsasaranrenstra_satuan"],
            year,
            row["indikatorsasaranrenstra_target"],
            row["realisasi"],
            *_quarters(
                quarters, "refindikatorsasaranrenstra_id", row["refindikatorsasaranrenstra_id"], "triwulan_target_rkt"
            ),
            *_quarters(
                quarters, "refindikatorsasaranrenstra_id", row["refindikatorsasaranrenstra_id"], "triwulan_realisasi"
            ),
        ]
        for row in _of(dump["sakip_indikatorsasaranrenstra"], period)
        if row["refskpd_id"] == DINKES
    ]
    rows += _cascading_indicators(dump, programs, "program", "SP", year)
    rows += _cascading_indicators(dump, kegiatan, "kegiatan", "SKG", year)
    _write(folder, "indicators", header, rows)


def _cascading_indicators(
    dump: dict[str, list[dict[str, Any]]], elements: list[dict[str, Any]], level: str, prefix: str, year: int
) -> list[list[Any]]:
    """The indicator rows of the cascading programs or kegiatan (`level`): the dump names every column and table
    after the level the same way, and keeps the year's realisasi and the quarters in tables of their own."""
    key = f"refcascading{level}_id"
    figures = {row[key]: row for row in dump[f"sakip_indikatorcascading{level}"]}
    quarters = dump[f"sakip_indikatorcascading{level}_triwulan"]
    return [
        [
            f"I-{prefix}-{row[key]}",
            f"{prefix}-{row[key]}",
            row[f"uraian_indikator{level}"],
            row[f"{level}_satuan"],
            year,
            row[f"{level}_target"],
            figures.get(row[key], {}).get("realisasi"),
            *_quarters(quarters, key, row[key], "triwulan_target_rkt"),
            *_quarters(quarters, key, row[key], "triwulan_realisasi"),
        ]
        for row in elements
    ]


def _write_activities(
    dump: dict[str, list[dict[str, Any]]],
    folder: Path,
    year: int,
    programs: list[dict[str, Any]],
    kegiatan: list[dict[str, Any]],
    unit: str,
) -> None:
    program_of = {row["refprogram_id"]: row for row in dump["sakip_program"]}
    kegiatan_of = {row["refkegiatan_id"]: row for row in dump["sakip_kegiatan"]}
    serves: dict[str, list[str]] = defaultdict(list)  # activity id -> the sasaran program / kegiatan it serves
    for row in programs:
        serves[f"P-{row['refprogram_id']}"].append(f"SP-{row['refcascadingprogram_id']}")
    for row in kegiatan:
        serves[f"K-{row['refkegiatan_id']}"].append(f"SKG-{row['refcascadingkegiatan_id']}")
    rows = [
        [
            activity,
            "program",
            program_of[int(activity[2:])]["kode_program"],
            program_of[int(activity[2:])]["nama_program"],
            unit,
            None,
            year,
            None,
            ";".join(goals),
        ]
        for activity, goals in serves.items()
        if activity.startswith("P-")
    ]
    rows += [
        [
            activity,
            "kegiatan",
            kegiatan_of[int(activity[2:])]["kode_kegiatan"],
            kegiatan_of[int(activity[2:])]["nama_kegiatan"],
            unit,
            f"P-{kegiatan_of[int(activity[2:])]['refprogram_id']}",
            year,
            None,
            ";".join(goals),
        ]
        for activity, goals in serves.items()
        if activity.startswith("K-")
    ]
    _write(
        folder,
        "activities",
        ["id", "kind", "code", "name", "unit_id", "parent_id", "year", "budget", "contributes_to"],
        rows,
    )


MATRIKS_HEADER = [
    "Tujuan",
    "Indikator Tujuan",
    "Sasaran",
    "Indikator Sasaran",
    "Kode",
    "Program / Kegiatan",
    "Indikator Kinerja Program (Outcome) / Kegiatan (Output)",
    "Satuan",
    None,
    "Unit Kerja Penanggung Jawab",
]


def matriks_workbook(dump: dict[str, list[dict[str, Any]]], path: Path, period: int) -> Path:
    """The Dinas Kesehatan Renstra of `period` as one matriks sheet (see the module's docstring)."""
    year = next(row["periode"] for row in dump["sakip_periode"] if row["refperiode_id"] == period)
    skpd = next(row for row in dump["sakip_skpd"] if row["refskpd_id"] == DINKES)
    pemda = next(row for row in dump["sakip_skpd"] if row["refskpd_id"] == 1)
    book = Workbook()
    sheet = book.active
    sheet.title = "Dinkes"
    sheet.append(["RENCANA PROGRAM DAN KEGIATAN"])
    sheet.append([f"{skpd['nama_skpd']} {pemda['nama_skpd'].replace('PEMERINTAH ', '')}"])
    sheet.append([name if name else f"Target {year}" for name in MATRIKS_HEADER])
    program_of = {row["refprogram_id"]: row for row in dump["sakip_program"]}
    kegiatan_of = {row["refkegiatan_id"]: row for row in dump["sakip_kegiatan"]}
    indicators = [row for row in _of(dump["sakip_indikatorsasaranrenstra"], period) if row["refskpd_id"] == DINKES]
    tujuan_indicators = [
        row for row in _of(dump["sakip_indikatortujuanrenstra"], period) if row["refskpd_id"] == DINKES
    ]
    programs = [row for row in _of(dump["sakip_cascadingprogram"], period) if row["refskpd_id"] == DINKES]
    kegiatan = [row for row in _of(dump["sakip_cascadingkegiatan"], period) if row["refskpd_id"] == DINKES]
    written: set[int] = set()  # programs written already: a second sasaran program adds an indicator row
    for tujuan in [row for row in _of(dump["sakip_tujuanrenstra"], period) if row["refskpd_id"] == DINKES]:
        tujuan_start = sheet.max_row + 1
        for sasaran in [
            row
            for row in _of(dump["sakip_sasaranrenstra"], period)
            if row["reftujuanrenstra_id"] == tujuan["reftujuanrenstra_id"]
        ]:
            sasaran_start = sheet.max_row + 1
            own = [row for row in indicators if row["refsasaranrenstra_id"] == sasaran["refsasaranrenstra_id"]]
            for number, indicator in enumerate(own):
                goal_indicator = [
                    row["uraian_indikatortujuanrenstra"]
                    for row in tujuan_indicators
                    if row["reftujuanrenstra_id"] == tujuan["reftujuanrenstra_id"]
                ]
                sheet.append(
                    [
                        tujuan["uraian_tujuanrenstra"] if sheet.max_row + 1 == tujuan_start else None,
                        "; ".join(goal_indicator) if sheet.max_row + 1 == tujuan_start else None,
                        sasaran["uraian_sasaranrenstra"] if number == 0 else None,
                        indicator["uraian_indikatorsasaranrenstra"],
                        None,
                        None,
                        None,
                        indicator["indikatorsasaranrenstra_satuan"],
                        indicator["indikatorsasaranrenstra_target"],
                        skpd["nama_skpd"].title(),
                    ]
                )
            for program in [row for row in programs if row["refsasaranrenstra_id"] == sasaran["refsasaranrenstra_id"]]:
                code = program_of[program["refprogram_id"]]
                first = program["refprogram_id"] not in written
                written.add(program["refprogram_id"])
                sheet.append(
                    [
                        None,
                        None,
                        None,
                        None,
                        code["kode_program"] if first else None,
                        code["nama_program"] if first else None,
                        program["uraian_indikatorprogram"],
                        program["program_satuan"],
                        program["program_target"],
                        None,
                    ]
                )
                for row in [
                    row for row in kegiatan if row["refcascadingprogram_id"] == program["refcascadingprogram_id"]
                ]:
                    code = kegiatan_of[row["refkegiatan_id"]]
                    sheet.append(
                        [
                            None,
                            None,
                            None,
                            None,
                            code["kode_kegiatan"],
                            code["nama_kegiatan"],
                            row["uraian_indikatorkegiatan"],
                            row["kegiatan_satuan"],
                            row["kegiatan_target"],
                            None,
                        ]
                    )
            _merge_down(sheet, 3, sasaran_start)
        _merge_down(sheet, 1, tujuan_start)
        _merge_down(sheet, 2, tujuan_start)
    book.save(path)
    return path


def _merge_down(sheet: Any, column: int, start: int) -> None:
    if sheet.max_row > start:
        sheet.merge_cells(start_row=start, start_column=column, end_row=sheet.max_row, end_column=column)
