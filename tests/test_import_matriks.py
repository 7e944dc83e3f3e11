"""The matriks Renstra workbook: real Sumedang tables rebuilt as the spreadsheet they came from, imported into the real
Neo4j and checked against figures counted by hand from the HTML files; and the reading's rules on small sheets.

Hand counts (read off ../shared/real/raw/sumedang/renstra_laporan_{16,23,24}.html, row by row, in a browser and in
the source; the code cells give the level, the Rp cells the pagu):

table 16, Dinas Komunikasi dan Informatika, Persandian dan Statistik (years labelled Tahun-3..Tahun-5 = 2021-2023
with the period starting in 2019):
  3 tujuan, 4 sasaran, each sasaran with 1 indicator; 4 programs (2.16.02, 2.16.03, 2.21.02, 2.20.02);
  6 kegiatan (2.16.02.2.01; 2.16.03.2.01, .2.02; 2.21.02.2.01, .2.02; 2.20.02.2.01), no sub kegiatan;
  2.21.02.2.02 has '-' for target and Rp in 2021: it exists in 2022 and 2023 only -> 12 + 17 = 29 activities;
  kegiatan Rp 2021: 1,775,000,000 + 4,728,282,200 + 1,155,000,000 + 434,000,000 + 294,000,000 = 8,386,282,200
             2022: 2,330,000,000 + 5,150,000,000 + 1,395,000,000 + 457,000,000 + 150,000,000 + 320,000,000
                   = 9,802,000,000
             2023: 2,670,000,000 + 5,650,000,000 + 1,565,000,000 + 481,000,000 + 200,000,000 + 350,000,000
                   = 10,916,000,000
  every program's Rp equals the sum of its kegiatan (e.g. 2.16.03 in 2021: 5,883,282,200); '2 Paket' in the
  bidang cell of 2.21.02.2.02 (repaired from the kegiatan above: 2.21.02.2.02, a warning).
table 23, Bappelitbangda (2019-2023; 2019 and 2020 hold only 0 and '-'):
  1 tujuan, 2 sasaran (no indikator sasaran column); 4 programs (5.01.01, 5.01.02, 5.01.03, 5.05.02);
  7 + 3 + 3 + 4 = 17 kegiatan; 5.05.02.2.01 is '-' in 2021 -> 12 + 50 = 62 activities;
  Rp 2021: 11,566,246,594 (5.01.01, as its program row says) + 1,911,702,250 + 4,615,167,050 + 543,000,000
           = 18,636,115,894
     2022: 12,288,808,660 + 2,620,100,000 + 9,831,269,300 + 1,925,000,000 = 26,665,177,960
     2023: 11,750,648,660 + 2,510,350,000 + 10,004,401,230 + 2,192,500,000 = 26,457,899,890
  warnings: a tujuan cell holding 0; seven kegiatan codes written '2,01' .. '2,09'.
table 24, BKPSDM (2021-2023): a bidang row (5.03 KEPEGAWAIAN, totals) not imported;
  2 tujuan, 2 sasaran with 3 + 2 indicators; 2 programs with 6 and 4 indicators (extra indicator rows);
  8 + 4 = 12 kegiatan; 5.03.01.2.03 and .2.07 have no Rp nor target in 2021 -> 6 + 34 = 40 activities;
  Rp per year = the bidang row's totals: 15,214,568,742 / 30,614,153,432 / 27,102,125,049;
  program 5.03.02 and its 4 kegiatan are written without the urusan (03 | 02 | 2.01): 5 warnings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot
from matriks_real import SUMEDANG, sumedang_workbook
from openpyxl import Workbook

from graph.importer import ImportRejected, MatriksOptions, explain_path, import_path
from graph.importer.matriks import Cell, read_figure, read_money

pytestmark = pytest.mark.skipif(not SUMEDANG.is_dir(), reason="../shared/real is not beside the repository")

PERIOD = MatriksOptions(period_start=2019)
OPD = {
    "DISKOMINFOSANDITIK": "KAB-SUMEDANG-DISKOMINFOSANDITIK",
    "BAPPELITBANGDA": "KAB-SUMEDANG-BAPPELITBANGDA",
    "BKPSDM": "KAB-SUMEDANG-BKPSDM",
}
HAND = {  # unit -> (tujuan, sasaran, programs, kegiatan, activities, {year: Rp of the unit})
    "DISKOMINFOSANDITIK": (3, 4, 4, 6, 29, {2021: 8_386_282_200, 2022: 9_802_000_000, 2023: 10_916_000_000}),
    "BAPPELITBANGDA": (1, 2, 4, 17, 62, {2021: 18_636_115_894, 2022: 26_665_177_960, 2023: 26_457_899_890}),
    "BKPSDM": (2, 2, 2, 12, 40, {2021: 15_214_568_742, 2022: 30_614_153_432, 2023: 27_102_125_049}),
}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    return sumedang_workbook(tmp_path_factory.mktemp("matriks") / "renstra-sumedang.xlsx")


def test_sumedang_imports_with_the_hand_counted_figures(runner, workbook):
    report = import_path(workbook, runner, matriks=PERIOD)
    assert report.dataset == "KAB-SUMEDANG"
    units = {
        row["id"]: row
        for row in runner.read(
            "MATCH (u:Unit {dataset: 'KAB-SUMEDANG'}) OPTIONAL MATCH (u)-[:PART_OF]->(p) "
            "RETURN u.id AS id, u.kind AS kind, p.id AS parent"
        )
    }
    assert units["KAB-SUMEDANG"]["kind"] == "pemda"
    assert {unit_id for unit_id, row in units.items() if row["kind"] == "perangkat_daerah"} == set(OPD.values())
    assert all(units[unit_id]["parent"] == "KAB-SUMEDANG" for unit_id in OPD.values())
    for short, (tujuan, sasaran, programs, kegiatan, activities, rupiah) in HAND.items():
        unit = OPD[short]
        levels = {
            row["level"]: row["n"]
            for row in runner.read(
                "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(g:Goal) RETURN g.level AS level, count(*) AS n",
                {"unit": unit},
            )
        }
        assert levels == {"tujuan": tujuan, "sasaran": sasaran}, short
        kinds = {
            row["kind"]: row["n"]
            for row in runner.read(
                "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(a:Activity) "
                "RETURN a.kind AS kind, count(DISTINCT a.code) AS n",
                {"unit": unit},
            )
        }
        assert kinds == {"program": programs, "kegiatan": kegiatan}, short
        assert (
            runner.read("MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(a:Activity) RETURN count(a) AS n", {"unit": unit})[
                0
            ]["n"]
            == activities
        ), short
        by_year = {
            row["year"]: row["rp"]
            for row in runner.read(
                "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(a:Activity) WHERE a.budget IS NOT NULL "
                "RETURN a.year AS year, sum(a.budget) AS rp",
                {"unit": unit},
            )
        }
        assert by_year == rupiah, short
        # the pagu sits on the kegiatan only: a program's Rp (their sum) is never counted on top
        assert (
            runner.read(
                "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(a:Activity {kind: 'program'}) "
                "WHERE a.budget IS NOT NULL RETURN count(a) AS n",
                {"unit": unit},
            )[0]["n"]
            == 0
        )


def test_sumedang_hierarchy_indicators_and_warnings(runner, workbook):
    report = import_path(workbook, runner, matriks=PERIOD)
    # every kegiatan is part of the program of its code, in the same year; every program contributes to a sasaran
    orphans = runner.read(
        "MATCH (k:Activity {kind: 'kegiatan', dataset: 'KAB-SUMEDANG'}) "
        "OPTIONAL MATCH (k)-[:PART_OF]->(p:Activity {kind: 'program'}) "
        "WITH k, p WHERE p IS NULL OR NOT k.code STARTS WITH p.code + '.' OR p.year <> k.year RETURN k.id AS id"
    )
    assert orphans == []
    assert (
        runner.read(
            "MATCH (p:Activity {kind: 'program', dataset: 'KAB-SUMEDANG'}) WHERE NOT (p)-[:CONTRIBUTES_TO]->(:Goal "
            "{level: 'sasaran'}) RETURN count(p) AS n"
        )[0]["n"]
        == 0
    )
    # the code whose urusan is missing in table 24 is read under its program, the one with '2 Paket' under 2.21.02
    assert (
        runner.read(
            "MATCH (a:Activity {id: 'KAB-SUMEDANG-BKPSDM-5.03.02.2.03-2022'})-[:PART_OF]->(p) RETURN p.id AS p"
        )[0]["p"]
        == "KAB-SUMEDANG-BKPSDM-5.03.02-2022"
    )
    assert (
        runner.read(
            "MATCH (a:Activity {id: 'KAB-SUMEDANG-DISKOMINFOSANDITIK-2.21.02.2.02-2022'}) RETURN a.budget AS rp"
        )[0]["rp"]
        == 150_000_000
    )
    # indicators: table 24's sasaran 1 has 3 (the IKU), program 5.03.01 has 6 in each of its years
    assert (
        runner.read("MATCH (:Goal {id: 'KAB-SUMEDANG-BKPSDM-S1'})-[:MEASURED_BY]->(i) RETURN count(i) AS n")[0]["n"]
        == 3
    )
    assert (
        runner.read(
            "MATCH (:Activity {id: 'KAB-SUMEDANG-BKPSDM-5.03.01-2022'})-[:MEASURED_BY]->(i) RETURN count(i) AS n"
        )[0]["n"]
        == 6
    )
    # '25 OPD' read as 25 (table 16, kegiatan 2.16.03.2.01, 2021), 42.50% as 42.5 (its first sasaran, 2021)
    assert runner.read(
        "MATCH (:Activity {id: 'KAB-SUMEDANG-DISKOMINFOSANDITIK-2.16.03.2.01-2021'})-[:MEASURED_BY]->"
        "(i) MATCH (y:IndicatorYear {indicator_id: i.id}) RETURN y.target AS t, i.satuan AS s"
    ) == [{"t": 25, "s": "OPD"}]
    first = runner.read(
        "MATCH (:Goal {id: 'KAB-SUMEDANG-DISKOMINFOSANDITIK-S1'})-[:MEASURED_BY]->(i) "
        "MATCH (y:IndicatorYear {indicator_id: i.id}) RETURN y.year AS year, y.target AS t, "
        "y.baseline AS b ORDER BY year"
    )
    assert [(row["year"], row["t"]) for row in first] == [(2021, 42.5), (2022, 50), (2023, 60)]
    assert first[0]["b"] == 32.25
    text = [str(warning) for warning in report.warnings]
    assert any(
        line.startswith("renstra-sumedang.xlsx:Diskominfosanditik:18: E (Kode): bidang '2 Paket'") for line in text
    ), text
    assert sum("kode '2,0" in line and ":Bappelitbangda:" in line for line in text) == 7
    assert sum("the urusan part of the kode is missing" in line and ":BKPSDM:" in line for line in text) == 5
    assert sum("is not a statement" in line for line in text) == 1


def test_sumedang_import_is_idempotent(runner, workbook):
    import_path(workbook, runner, matriks=PERIOD)
    before = snapshot(runner)
    report = import_path(workbook, runner, matriks=PERIOD)
    assert snapshot(runner) == before
    written = report.written
    assert (
        written.nodes_created,
        written.nodes_deleted,
        written.relationships_created,
        written.relationships_deleted,
    ) == (0, 0, 0, 0)


def test_relative_years_need_the_period_start(runner, tmp_path):
    book = sumedang_workbook(tmp_path / "untitled.xlsx", with_titles=False)
    with pytest.raises(ImportRejected) as refused:
        import_path(book, runner)
    assert any(
        problem.file == "untitled.xlsx:Diskominfosanditik" and "--period-start" in problem.message
        for problem in refused.value.problems
    ), refused.value.problems
    assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_explain_names_every_column(workbook):
    # no --period-start: table 16's 'Tahun-3' is read with the period another sheet's title gives (2019-2023)
    lines, _warnings, problems = explain_path(workbook)
    assert problems == []
    text = "\n".join(lines)
    assert "renstra-sumedang.xlsx:BKPSDM: matriks sheet, header in rows 4-6" in text
    assert "  M (Capaian Kinerja dan Kerangka Pendanaan / 2021 / Rp): rp:2021" in text
    assert "  M (Target Kinerja Program dan Kerangka Pendanaan / Tahun-3 / Target): target:2021" in text


# -- small sheets: the rules one by one --------------------------------------------------------------------------

HEADER = [
    "Tujuan",
    "Sasaran",
    "Indikator Sasaran",
    "Kode",
    "Program / Kegiatan / Sub Kegiatan",
    "Indikator",
    "Target 2025",
    "Rp 2025",
    "Target 2026",
    "Rp 2026",
    "Unit Kerja Penanggung Jawab",
    "Sumber Dana",
]


def small_book(path: Path, rows: list[list], *, header: list[str] = HEADER, title: str = "Dinas Kesehatan") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Dinkes"
    sheet.append([f"MATRIKS RENSTRA {title.upper()} KABUPATEN CONTOH 2025-2029"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


GOOD = [
    [
        "Meningkatnya derajat kesehatan",
        "Menurunnya stunting",
        "Prevalensi stunting",
        None,
        None,
        None,
        "18%",
        None,
        "16%",
        None,
        None,
        None,
    ],
    [
        None,
        None,
        None,
        "1.02.02",
        "PROGRAM PEMENUHAN UPAYA KESEHATAN",
        "Cakupan layanan",
        "80%",
        "600",
        "85%",
        "700",
        "Dinas Kesehatan",
        "APBD",
    ],
    [
        None,
        None,
        None,
        "1.02.02.2.01",
        "Penyediaan Fasilitas",
        "Jumlah puskesmas",
        "3 Unit",
        "600",
        "A",
        "700",
        None,
        None,
    ],
    [
        None,
        None,
        None,
        "1.02.02.2.01.0001",
        "Pembangunan Puskesmas",
        "Puskesmas dibangun",
        "2 Unit",
        "Rp 400",
        "1 Unit",
        "300",
        "Bidang Yankes",
        None,
    ],
    [
        None,
        None,
        None,
        "1.02.02.2.01.0002",
        "Rehabilitasi Puskesmas",
        "Puskesmas direhab",
        "1 Unit",
        "200",
        "-",
        "-",
        None,
        None,
    ],
]


def test_small_sheet_dotted_codes_units_and_unknown_column(runner, tmp_path):
    report = import_path(small_book(tmp_path / "renstra.xlsx", GOOD), runner)
    assert report.dataset == "KAB-CONTOH"
    assert [str(w) for w in report.warnings if "Sumber Dana" in str(w)] == [
        "renstra.xlsx:Dinkes:2: L (Sumber Dana): column not recognised: its values are not imported (name its field "
        "with --mapping, or 'ignore')"
    ]
    rows = {
        row["id"]: row
        for row in runner.read(
            "MATCH (u:Unit)-[:ASSIGNED_TO]->(a:Activity) OPTIONAL MATCH (a)-[:PART_OF]->(p) "
            "RETURN a.id AS id, a.budget AS budget, u.id AS unit, p.id AS parent"
        )
    }
    sub = "KAB-CONTOH-DINKES-1.02.02.2.01.0001-2025"
    assert rows[sub] == {
        "id": sub,
        "budget": 400,
        "unit": "KAB-CONTOH-DINKES-BY",
        "parent": "KAB-CONTOH-DINKES-1.02.02.2.01-2025",
    }
    assert rows["KAB-CONTOH-DINKES-1.02.02.2.01-2025"]["budget"] is None  # its sub kegiatan carry the 600
    assert "KAB-CONTOH-DINKES-1.02.02.2.01.0002-2026" not in rows  # '-' and '-' in 2026
    assert runner.read("MATCH (u:Unit {id: 'KAB-CONTOH-DINKES-BY'})-[:PART_OF]->(p) RETURN u.kind AS k, p.id AS p")[
        0
    ] == {"k": "unit_kerja", "p": "KAB-CONTOH-DINKES"}
    assert sum(row["budget"] or 0 for row in rows.values()) == 600 + 300


def test_program_rp_differing_from_its_kegiatan_is_a_warning(runner, tmp_path):
    rows = [list(row) for row in GOOD]
    rows[1][7] = "650"
    report = import_path(small_book(tmp_path / "renstra.xlsx", rows), runner)
    assert any(
        str(w).startswith(
            "renstra.xlsx:Dinkes:4: H (Rp 2025): 1.02.02: Rp 650 in 2025 differs from the sum of its kegiatan (600)"
        )
        for w in report.warnings
    ), report.warnings


def test_bad_cells_are_reported_all_at_once_and_nothing_is_written(runner, tmp_path):
    rows = [list(row) for row in GOOD]
    rows[2][3] = "1.02.03.2.01"  # a kegiatan whose program is not above it
    rows[1][9] = "tujuh ratus"  # an unreadable Rp
    rows[4][3] = "1.2.3"  # not a code
    with pytest.raises(ImportRejected) as refused:
        import_path(small_book(tmp_path / "renstra.xlsx", rows), runner)
    text = [str(problem) for problem in refused.value.problems]
    assert any(
        line.startswith("renstra.xlsx:Dinkes:5: E (Program / Kegiatan / Sub Kegiatan): the program 1.02.03")
        for line in text
    ), text
    assert any(line.startswith("renstra.xlsx:Dinkes:4: J (Rp 2026): 'tujuh ratus' is not a number") for line in text)
    assert any(line.startswith("renstra.xlsx:Dinkes:7: D (Kode): '1.2.3' is not a kode") for line in text)
    assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_mapping_names_an_unusual_header(runner, tmp_path):
    header = list(HEADER)
    header[4] = "Nomenklatur Perencanaan"
    header[5] = "Tolok Ukur"
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("Tolok Ukur,indikator\nSumber Dana,ignore\n", encoding="utf-8")
    from graph.importer.matriks import load_mapping

    options = MatriksOptions(mapping=load_mapping(mapping))
    book = small_book(tmp_path / "renstra.xlsx", GOOD, header=header)
    lines, warnings, _problems = explain_path(book, options)
    assert "  F (Tolok Ukur): indicator of the program / kegiatan / sub kegiatan (--mapping)" in lines
    assert not [w for w in warnings if "not recognised" in w.message]
    report = import_path(book, runner, matriks=options)
    assert report.counts["Activity"] == 7


@pytest.mark.parametrize(
    "raw, fmt, expected",
    [
        ("25 OPD", "General", (25, "OPD", None)),
        (0.425, "0.00%", (42.5, "%", None)),
        ("42.50%", "General", (42.5, "%", None)),
        ("A", "General", (None, None, "A")),
        ("n/a", "General", (None, None, None)),
        ("-", "General", (None, None, None)),
        ("3 Laporan", "General", (3, "Laporan", None)),
        (4.1, "General", (4.1, None, None)),
    ],
)
def test_figures_as_written(raw, fmt, expected):
    figure = read_figure(Cell(raw, fmt))
    assert (figure.number, figure.satuan, figure.text) == expected


def test_money_as_written():
    assert read_money(Cell("1,775,000,000")) == (1_775_000_000, None)
    assert read_money(Cell("350,000,000.00")) == (350_000_000, None)
    assert read_money(Cell("-")) == (None, None)
    assert read_money(Cell(0)) == (None, None)
    assert read_money(Cell("banyak"))[1]


def test_a_units_sheet_names_the_units_the_matriks_refers_to(tmp_path):
    from openpyxl import load_workbook

    from graph.importer.sources import read

    book = small_book(tmp_path / "mixed.xlsx", GOOD)
    workbook = load_workbook(book)
    units = workbook.create_sheet("units")
    for row in (
        ("id", "name", "kind", "parent_id"),
        ("PEMDA", "Kabupaten Contoh", "pemda", None),
        ("DINKES", "Dinas Kesehatan", "perangkat_daerah", "PEMDA"),
        ("BY", "Bidang Yankes", "unit_kerja", "DINKES"),
    ):
        units.append(row)
    workbook.save(book)
    source = read(book)
    assert source.problems == []
    assert {row["id"]: row["unit_id"] for _, row in source.tables["activities"].rows() if row["year"] == 2025} == {
        "DINKES-1.02.02-2025": "DINKES",
        "DINKES-1.02.02.2.01-2025": "DINKES",
        "DINKES-1.02.02.2.01.0001-2025": "BY",
        "DINKES-1.02.02.2.01.0002-2025": "BY",
    }
    units.cell(4, 2, "Bidang Pelayanan Kesehatan")  # 'Bidang Yankes' now names no unit: a problem where written
    workbook.save(book)
    assert next(str(problem) for problem in read(book).problems) == (
        "mixed.xlsx:Dinkes:6: K (Unit Kerja Penanggung Jawab): 'Bidang Yankes' is no unit of the units sheet "
        "(by id, name or abbreviation)"
    )


def test_each_matriks_column_reads_its_ambiguous_numbers_in_the_style_its_other_cells_show(runner, tmp_path):
    rows = [list(row) for row in GOOD]
    rows[1][6], rows[2][6] = "12.5%", "1,500 Unit"  # Target 2025: English (12.5%), so 1,500 is 1500
    rows[1][8], rows[2][8] = "85,5%", "1.500 Unit"  # Target 2026: Indonesian (85,5%), so 1.500 is 1500
    rows[1][7], rows[2][7] = "2,501,000", "2,501,000"  # Rp 2025: English, so the sub kegiatan's 1,000 is 1000
    rows[3][7], rows[4][7] = "1,000", "2,500,000"
    import_path(small_book(tmp_path / "renstra.xlsx", rows), runner)
    targets = {
        (row["code"], row["year"]): row["t"]
        for row in runner.read(
            "MATCH (a:Activity)-[:MEASURED_BY]->(i) MATCH (y:IndicatorYear {indicator_id: i.id}) "
            "WHERE a.kind IN ['program', 'kegiatan'] RETURN a.code AS code, a.year AS year, y.target AS t"
        )
    }
    assert targets == {
        ("1.02.02", 2025): 12.5,
        ("1.02.02", 2026): 85.5,
        ("1.02.02.2.01", 2025): 1500,
        ("1.02.02.2.01", 2026): 1500,
    }
    budgets = {
        row["id"]: row["b"]
        for row in runner.read(
            "MATCH (a:Activity {year: 2025}) WHERE a.budget IS NOT NULL RETURN a.code AS id, a.budget AS b"
        )
    }
    assert budgets == {"1.02.02.2.01.0001": 1000, "1.02.02.2.01.0002": 2_500_000}


def test_an_ambiguous_matriks_number_its_column_does_not_decide_is_a_problem_at_its_cell(runner, tmp_path):
    rows = [list(row) for row in GOOD]
    rows[0][6], rows[1][6], rows[2][6] = "12.5%", "85,5%", "1,500 Unit"  # Target 2025 shows both styles
    rows[1][9], rows[2][9], rows[3][9] = "1,000", "1,000", "1,000"  # Rp 2026: only ambiguous cells
    with pytest.raises(ImportRejected) as refused:
        import_path(small_book(tmp_path / "renstra.xlsx", rows), runner)
    text = [str(problem) for problem in refused.value.problems]
    both = [line for line in text if line.startswith("renstra.xlsx:Dinkes:5: G (Target 2025): '1,500' is ambiguous")]
    assert both and "both styles (row 3 '12.5%' is English" in both[0], text
    for row in (4, 5, 6):
        assert any(
            line.startswith(f"renstra.xlsx:Dinkes:{row}: J (Rp 2026): '1,000' is ambiguous") and "no other cell" in line
            for line in text
        ), (row, text)
    assert runner.read("MATCH (n) WHERE NOT n:PokinImportLock RETURN count(n) AS n")[0]["n"] == 0


def test_a_definisi_operasional_column_gives_the_indicator_its_definition_shown_by_the_iku_document(runner, tmp_path):
    from graph.catalog import load_catalog
    from graph.documents import build

    header = [*HEADER[:6], "Definisi Operasional / Formulasi", *HEADER[6:]]
    rows = [[*row[:6], None, *row[6:]] for row in GOOD]
    rows[0][6] = "<p>Jumlah balita stunting dibagi jumlah balita diukur x 100%</p>"
    rows[1][6] = "Layanan sesuai standar / seluruh layanan"
    lines, _, problems = explain_path(small_book(tmp_path / "renstra.xlsx", rows, header=header))
    assert (
        problems == []
        and "  G (Definisi Operasional / Formulasi): definition / formula of the indicator (Indicator.definition)"
        in lines
    )
    import_path(small_book(tmp_path / "renstra.xlsx", rows, header=header), runner)
    definitions = {
        row["name"]: row["d"]
        for row in runner.read(
            "MATCH (i:Indicator) WHERE i.definition IS NOT NULL RETURN DISTINCT i.name AS name, i.definition AS d"
        )
    }
    assert definitions == {
        "Prevalensi stunting": "Jumlah balita stunting dibagi jumlah balita diukur x 100%",
        "Cakupan layanan": "Layanan sesuai standar / seluruh layanan",
    }
    document = build("iku", runner, load_catalog(), year=2025, unit="KAB-CONTOH-DINKES")
    shown = [(row["indicator"], row["definition"]) for row in document.tables[0].rows]
    assert shown == [("Prevalensi stunting", "Jumlah balita stunting dibagi jumlah balita diukur x 100%")]
