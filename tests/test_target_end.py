"""The period's end target (kondisi akhir periode): indicators.csv `target_akhir`, the matriks' Kondisi Akhir column,
and the documents that show it (the IKU list, the LKjIP), against the real Neo4j."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from test_import_matriks import GOOD, HEADER, small_book

from graph.capaian import capaian
from graph.catalog import load_catalog
from graph.documents import END_LAST_YEAR, END_RECORDED, build
from graph.importer import ImportRejected, import_path

MINI = Path(__file__).parent / "data" / "mini"


def mini_with(tmp_path: Path, ends: dict[tuple[str, str], str]) -> Path:
    """A copy of tests/data/mini whose indicators.csv has a target_akhir column: `ends` maps (id, year) to the
    cell written on that row (the other rows leave it empty)."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["target_akhir"] = ends.get((row["id"], row["year"]), "")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*rows[0].keys()])
        writer.writeheader()
        writer.writerows(rows)
    return folder


def end_targets(runner) -> dict[str, tuple]:
    return {
        row["id"]: (row["number"], row["text"])
        for row in runner.read(
            "MATCH (i:Indicator) RETURN i.id AS id, i.target_end AS number, i.target_end_text AS text"
        )
    }


def test_the_target_akhir_column_gives_each_indicator_its_end_target(runner, tmp_path):
    folder = mini_with(tmp_path, {("I-S1", "2025"): "7,5", ("I-S1", "2026"): "7,5", ("I-SK", "2025"): "Tinggi"})
    report = import_path(folder, runner)
    assert not [warning for warning in report.warnings if warning.column == "target_akhir"]
    assert end_targets(runner) == {"I-S1": (7.5, None), "I-SK": (None, "Tinggi")}
    assert import_path(folder, runner).written.properties_set == 0  # idempotent


def test_without_the_column_nothing_changes(runner, tmp_path):
    import_path(MINI, runner)
    assert end_targets(runner) == {"I-S1": (None, None), "I-SK": (None, None)}
    props = runner.read("MATCH (i:Indicator) RETURN keys(i) AS keys")
    assert all("target_end" not in row["keys"] and "target_end_text" not in row["keys"] for row in props)


def test_two_different_end_targets_of_one_indicator_are_refused_naming_the_row(runner, tmp_path):
    folder = mini_with(tmp_path, {("I-S1", "2025"): "8", ("I-S1", "2026"): "7"})
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    assert [(p.file, p.row, p.column) for p in refused.value.problems] == [("indicators.csv", 3, "target_akhir")]
    assert "'7' vs '8'" in refused.value.problems[0].message
    assert runner.read("MATCH (n:Indicator) RETURN count(n) AS n")[0]["n"] == 0


def test_the_matriks_kondisi_akhir_column_is_imported_as_the_end_target(runner, tmp_path):
    header = [*HEADER[:10], "Kondisi Kinerja pada Akhir Periode Renstra", *HEADER[10:]]
    ends = ["14%", "95%", "10 Unit", "5 Unit", "-"]
    rows = [[*row[:10], end, *row[10:]] for row, end in zip(GOOD, ends)]
    import_path(small_book(tmp_path / "renstra.xlsx", rows, header=header), runner)
    by_name: dict[str, set] = {}
    for row in runner.read(
        "MATCH (i:Indicator) RETURN i.name AS name, i.target_end AS number, i.target_end_text AS text"
    ):
        by_name.setdefault(row["name"], set()).add((row["number"], row["text"]))
    assert by_name == {
        "Prevalensi stunting": {(14, None)},
        "Cakupan layanan": {(95, None)},
        "Jumlah puskesmas": {(10, None)},
        "Puskesmas dibangun": {(5, None)},
        "Puskesmas direhab": {(None, None)},
    }


def test_the_documents_show_the_recorded_end_target_else_the_last_years(runner, tmp_path):
    catalog = load_catalog()
    import_path(MINI, runner)
    before = build("iku", runner, catalog, year=2025, unit="PEMDA")
    row = before.tables[0].rows[0]
    assert (row["indicator_id"], row["target_end"], row["end_source"]) == ("I-S1", 9, END_LAST_YEAR)
    assert before.tables[0].columns[-1].header == "Target Akhir (2026)"

    import_path(mini_with(tmp_path, {("I-S1", "2026"): "7,5"}), runner)
    iku = build("iku", runner, catalog, year=2025, unit="PEMDA")
    row = iku.tables[0].rows[0]
    assert (row["target_end"], row["end_source"]) == (7.5, END_RECORDED)
    assert iku.tables[0].columns[-1].header == "Target Akhir (kondisi akhir periode)"
    lkjip = build("lkjip", runner, catalog, year=2025, unit="PEMDA")
    row = lkjip.tables[0].rows[0]
    assert row["target_end"] == 7.5 and row["share_end"] == capaian(7.5, 9, "negatif")
    assert row["share_end"] == round((2 * 7.5 - 9) / 7.5 * 100, 2)
    assert [c.header for c in lkjip.tables[0].columns if c.key == "target_end"] == ["Target (kondisi akhir periode)"]
