"""Kabupaten Deli Serdang's e-SAKIP data (a MySQL dump, ../shared/real/raw/deliserdang/) imported as its users would:
pokin's own CSV files converted from the e-SAKIP tables, and the Dinas Kesehatan Renstra as a matriks sheet; checked
in the real Neo4j against figures counted by hand from the dump.

Hand counts, read off esakip_v2_deliserdang_excerpt.sql with grep and by eye (each INSERT's rows listed and counted;
the year 2024 is sakip_periode row 6, so refperiode_id = 6; Dinas Kesehatan is sakip_skpd row 3, refskpd_id = 3):
- sakip_skpd: 56 rows: row 1 'PEMERINTAH KABUPATEN DELI SERDANG' (the Pemda) and 55 SKPD.
- refperiode_id 6: sakip_visi 1 row (id 6), sakip_misi 5 (26-30), sakip_tujuan 5 (26-30; each with an
  indikator_tujuan text, four of them in <p>...</p>, none with a target or satuan), sakip_sasaran 12 (61-72, the
  last 'Tidak termasuk sasaran RPJMD').
- Dinas Kesehatan, refperiode_id 6: sakip_tujuanrenstra 2 (under RPJMD sasaran 62 and 70), sakip_indikatortujuanrenstra
  1 (IPKM, no target), sakip_sasaranrenstra 2, sakip_indikatorsasaranrenstra 3 (satuan 'Poin', targets '0,70', '78',
  '82,7', realisasi ''), sakip_cascadingprogram 4 (programs 6, 7, 5 and 5 again, i.e. 1.02.02, 1.02.03 and 1.02.01
  twice; targets '0.70', '0.70', '82,7', '78', satuan 'Poin'), sakip_cascadingkegiatan 1 (kegiatan 23 = 1.02.02.2.01,
  target '95,00' %, its RKT target per triwulan '97,00').
- quarterly RKT targets: program cascade 1 '0.71' in each of its 4 triwulan rows (its Renstra target is '0.70');
  every realisasi column of every table is '' or NULL.
So the CSV files make 56 units, 1 + 5 + 5 + 12 + 2 + 2 + 4 + 1 = 32 goals, 5 + 1 + 3 + 4 + 1 = 14 indicators (one
IndicatorYear each), 3 programs + 1 kegiatan = 4 activities; 5 + 5 + 12 (RPJMD) + 2 + 2 (Renstra) + 4 + 1 (cascade)
+ 4 (programs: 1.02.01 serves two sasaran program) + 1 (kegiatan) = 36 contributions; 6 indicators without a
target (the 5 RPJMD tujuan and IPKM).
The matriks sheet of the same Renstra: 2 tujuan, 2 sasaran, 1 + 3 indicators on them, 3 programs and 1 kegiatan
with 4 + 1 indicators (1.02.01's second sasaran program is an extra indicator row), 2 units (the Pemda and the Dinas).
"""

from __future__ import annotations

import pytest
from deliserdang_real import DELISERDANG, matriks_workbook, normalized_folder, read_dump

from graph.importer import import_path

pytestmark = pytest.mark.skipif(not DELISERDANG.is_file(), reason="../shared/real is not beside the repository")

PERIOD_2024 = 6


@pytest.fixture(scope="module")
def dump():
    return read_dump(DELISERDANG)


def test_the_dump_reader_reads_every_row_of_every_table(dump):
    # rows per table, counted by hand in the INSERT statements (sakip_kegiatan has two INSERTs: 470 + 44 rows)
    assert {
        table: len(rows)
        for table, rows in dump.items()
        if table
        in (
            "sakip_periode",
            "sakip_skpd",
            "sakip_visi",
            "sakip_misi",
            "sakip_tujuan",
            "sakip_sasaran",
            "sakip_cascadingprogram",
            "sakip_kegiatan",
        )
    } == {
        "sakip_periode": 7,
        "sakip_skpd": 56,
        "sakip_visi": 7,
        "sakip_misi": 35,
        "sakip_tujuan": 35,
        "sakip_sasaran": 84,
        "sakip_cascadingprogram": 4,
        "sakip_kegiatan": 514,
    }
    assert dump["sakip_tujuan"][1]["indikator_tujuan"] == "<p>Pertumbuhan Ekonomi</p>\r\n"
    assert dump["sakip_skpd"][0]["refurusan_id"] is None


def test_the_e_sakip_tables_as_pokin_files_import_with_the_hand_counted_figures(runner, dump, tmp_path):
    folder = tmp_path / "deliserdang"
    assert normalized_folder(dump, folder, PERIOD_2024) == 2024
    report = import_path(folder, runner)
    assert report.dataset == "KAB-DELISERDANG"
    labels = {
        row["label"]: row["n"]
        for row in runner.read(
            "MATCH (n {dataset: 'KAB-DELISERDANG'}) WHERE NOT n:PokinImport AND NOT n:PokinVersion UNWIND labels(n) AS label "
            "RETURN label, count(*) AS n"
        )
    }
    assert labels == {"Unit": 56, "Goal": 32, "Indicator": 14, "IndicatorYear": 14, "Activity": 4}
    levels = {row["level"]: row["n"] for row in runner.read("MATCH (g:Goal) RETURN g.level AS level, count(*) AS n")}
    assert levels == {
        "visi": 1,
        "misi": 5,
        "tujuan": 5 + 2,
        "sasaran": 12 + 2,
        "sasaran_program": 4,
        "sasaran_kegiatan": 1,
    }
    assert (
        runner.read("MATCH ()-[r:CONTRIBUTES_TO]->() WHERE NOT coalesce(r.implied, false) RETURN count(r) AS n")[0]["n"]
        == 36
    )
    # statements and names are the words, not the stored HTML
    assert runner.read("MATCH (g:Goal {id: 'V-6'}) RETURN g.statement AS s")[0]["s"] == (
        "Deli Serdang Yang Maju Dan Sejahtera Dengan Masyarakatnya Yang Religius Dan Rukun Dalam Kebhinekaan"
    )
    assert runner.read("MATCH (i:Indicator {id: 'I-T-27'}) RETURN i.name AS n")[0]["n"] == "Pertumbuhan Ekonomi"
    assert (
        runner.read(
            "MATCH (n) WHERE n:Goal OR n:Indicator OR n:Activity OR n:Unit WITH n, "
            "coalesce(n.statement, n.name) AS text WHERE text CONTAINS '<' OR text CONTAINS '\\r' "
            "OR text <> trim(text) RETURN count(n) AS n"
        )[0]["n"]
        == 0
    )


def test_the_dinkes_cascade_reaches_the_visi_and_keeps_the_targets_as_written(runner, dump, tmp_path):
    folder = tmp_path / "deliserdang"
    normalized_folder(dump, folder, PERIOD_2024)
    report = import_path(folder, runner)
    # the kegiatan reaches the visi through its program, the sasaran program, the IKS indicator of the sasaran
    # renstra (the cascade points at the indicator above), the tujuan renstra and the RPJMD sasaran 62
    above = {
        row["id"]
        for row in runner.read(
            "MATCH (:Activity {id: 'K-23'})-[:PART_OF|CONTRIBUTES_TO*]->(x) RETURN DISTINCT x.id AS id"
        )
    }
    assert above == {"P-6", "SKG-2", "SP-1", "I-SR-1", "SR-1", "TR-1", "S-62", "T-26", "M-26", "V-6"}
    assert runner.read("MATCH (:Activity {id: 'P-5'})-[:CONTRIBUTES_TO]->(g:Goal) RETURN g.id AS id ORDER BY id") == [
        {"id": "SP-3"},
        {"id": "SP-4"},
    ]
    figures = {
        row["id"]: row
        for row in runner.read(
            "MATCH (i:Indicator)-[:MEASURED_BY]-() MATCH (y:IndicatorYear {indicator_id: i.id, year: 2024}) "
            "RETURN i.id AS id, i.satuan AS satuan, y.target AS target, y.target_tw1 AS tw1, y.target_tw4 AS tw4, "
            "y.realisasi AS realisasi, y.realisasi_text AS realisasi_text"
        )
    }
    # '0,70' and '0.70' in one column: each read as written (the column shows both styles; neither is ambiguous)
    assert {key: (row["target"], row["satuan"], row["tw1"]) for key, row in figures.items() if row["target"]} == {
        "I-SR-1": (0.7, "Poin", 0.7),
        "I-SR-2": (78, "Poin", 78),
        "I-SR-3": (82.7, "Poin", 82.7),
        "I-SP-1": (0.7, "Poin", 0.71),
        "I-SP-2": (0.7, "Poin", 0.7),
        "I-SP-3": (82.7, "Poin", 82.7),
        "I-SP-4": (78, "Poin", 78),
        "I-SKG-2": (95, "%", 97),
    }
    assert figures["I-SKG-2"]["tw4"] == 97
    assert all(row["realisasi"] is None and row["realisasi_text"] is None for row in figures.values())
    texts = [str(warning) for warning in report.warnings]
    no_target = [text for text in texts if "no target for 2024 (empty)" in text]
    assert len(no_target) == 6, texts
    assert sum("no polarity given for 14 indicator(s)" in text for text in texts) == 1
    assert len(texts) == 7, texts


def test_the_dinkes_renstra_as_a_matriks_sheet_imports_with_the_hand_counted_figures(runner, dump, tmp_path):
    book = matriks_workbook(dump, tmp_path / "renstra-dinkes.xlsx", PERIOD_2024)
    report = import_path(book, runner)
    assert report.dataset == "KAB-DELI-SERDANG"
    units = {row["id"]: row["kind"] for row in runner.read("MATCH (u:Unit) RETURN u.id AS id, u.kind AS kind")}
    assert units == {"KAB-DELI-SERDANG": "pemda", "KAB-DELI-SERDANG-DINKES": "perangkat_daerah"}
    goals = {row["level"]: row["n"] for row in runner.read("MATCH (g:Goal) RETURN g.level AS level, count(*) AS n")}
    assert goals == {"tujuan": 2, "sasaran": 2}
    activities = {
        row["code"]: row
        for row in runner.read(
            "MATCH (a:Activity) OPTIONAL MATCH (a)-[:PART_OF]->(p) OPTIONAL MATCH (a)-[:MEASURED_BY]->(i) "
            "RETURN a.code AS code, a.kind AS kind, a.year AS year, p.code AS parent, count(i) AS indicators"
        )
    }
    assert {code: (row["kind"], row["year"], row["parent"], row["indicators"]) for code, row in activities.items()} == {
        "1.02.02": ("program", 2024, None, 1),
        "1.02.03": ("program", 2024, None, 1),
        "1.02.01": ("program", 2024, None, 2),
        "1.02.02.2.01": ("kegiatan", 2024, "1.02.02", 1),
    }
    assert runner.read("MATCH (i:Indicator) RETURN count(i) AS n")[0]["n"] == 1 + 3 + 4 + 1
    sasaran = {
        row["name"]: (row["target"], row["satuan"])
        for row in runner.read(
            "MATCH (g:Goal {level: 'sasaran'})-[:MEASURED_BY]->(i) MATCH (y:IndicatorYear {indicator_id: i.id}) "
            "RETURN i.name AS name, y.target AS target, i.satuan AS satuan"
        )
    }
    assert sasaran == {
        "Indeks Keluarga Sehat (IKS)": (0.7, "Poin"),
        "Nilai AKIP": (78, "Poin"),
        "Indeks Kepuasan Masyarakat (IKM)": (82.7, "Poin"),
    }
    kegiatan = runner.read(
        "MATCH (:Activity {code: '1.02.02.2.01'})-[:MEASURED_BY]->(i) "
        "MATCH (y:IndicatorYear {indicator_id: i.id}) RETURN y.target AS t, i.satuan AS s"
    )
    assert kegiatan == [{"t": 95, "s": "%"}]
    # every program contributes to the sasaran of its rows: 1.02.02 and 1.02.03 to 'Meningkatnya Keluarga Sehat'
    served = {
        row["code"]: row["statement"]
        for row in runner.read(
            "MATCH (a:Activity {kind: 'program'})-[:CONTRIBUTES_TO]->(g:Goal) RETURN a.code AS code, g.statement AS statement"
        )
    }
    assert served == {
        "1.02.02": "Meningkatnya Keluarga Sehat",
        "1.02.03": "Meningkatnya Keluarga Sehat",
        "1.02.01": "Meningkatnya Kualitas Pelayanan Kinerja Perangkat Daerah",
    }
    texts = [str(warning) for warning in report.warnings]
    assert sum("no target for 2024" in text for text in texts) == 1, texts  # IPKM, the tujuan's indicator
    assert sum("no polarity given for 9 indicator(s)" in text for text in texts) == 1, texts
    assert len(texts) == 2, texts
