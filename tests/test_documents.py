"""The delivered documents (Perjanjian Kinerja, IKU, matriks cascading) against the sample kabupaten: each XLSX
opened with openpyxl (headers, merged ranges, number formats, print setup, totals recomputed from the graph
by queries of their own), the print page, the API with NIPs masked for anonymous readers, and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_service_support import AS_READER, make_app

import cli.main as cli
from graph.catalog import load_catalog
from graph.documents import build, merge_runs, to_xlsx
from service.pages.documents import document_html

YEAR = 2026
LKJIP_YEAR = 2025  # the LKjIP reports a year that has ended: the sample's realisasi are 2025's
DINKES = "U-DINKES"
EXPECTED = json.loads((Path(__file__).resolve().parent.parent / "seed" / "sample" / "expected.json").read_text())


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def client(sample):
    return make_app(sample).test_client()


def sheet_of(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def row_values(sheet, row: int) -> list:
    return [cell.value for cell in sheet[row]]


def find_row(sheet, first_value) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == first_value)


def budget_below(runner, unit: str | None) -> int:
    """Sum of the year's sub-kegiatan pagu of a unit and the units below it (or of every unit)."""
    return runner.read(
        "MATCH (u:Unit)-[:ASSIGNED_TO]->(a:Activity {kind: 'subkegiatan', year: $year}) "
        "WHERE $unit IS NULL OR EXISTS { (u)-[:PART_OF*0..]->(:Unit {id: $unit}) } "
        "RETURN sum(a.budget) AS total",
        {"year": YEAR, "unit": unit},
    )[0]["total"]


def head_of(runner, unit: str) -> dict:
    """The unit's head as the staff list says: the member whose atasan is outside the unit."""
    return runner.read(
        "MATCH (a:ASN)-[:MEMBER_OF]->(:Unit {id: $unit}) MATCH (a)-[:REPORTS_TO]->(b:ASN) "
        "WHERE NOT (b)-[:MEMBER_OF]->(:Unit {id: $unit}) "
        "RETURN a.nip AS nip, a.name AS name, b.nip AS boss_nip, b.name AS boss_name",
        {"unit": unit},
    )[0]


def check_print_setup(sheet, paper: int = 9) -> None:
    """Landscape on the paper (9 = A4, 14 = F4/folio), one page wide, a print area down to the last row."""
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == paper
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_area.endswith(f"${sheet.max_row}") and "$A$1:" in sheet.print_area


def test_pk_xlsx_has_sasaran_targets_programs_pagu_and_the_signatories(sample, catalog):
    sheet = sheet_of(to_xlsx(build("pk", sample, catalog, year=YEAR, unit=DINKES)))
    assert sheet["A1"].value == f"PERJANJIAN KINERJA TAHUN {YEAR}" and sheet["A2"].value == "Dinas Kesehatan"
    assert "A1:E1" in {str(merged) for merged in sheet.merged_cells.ranges}
    header = find_row(sheet, "No")
    assert row_values(sheet, header) == ["No", "Sasaran", "Indikator Kinerja", "Satuan", f"Target {YEAR}"]
    expected = sample.read(
        "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(g:Goal {level: 'sasaran'})-[:MEASURED_BY]->(i:Indicator) "
        "WHERE coalesce(i.iku, true) "  # none of the OPD's is flagged iku = true; one is flagged false
        "MATCH (y:IndicatorYear {indicator_id: i.id, year: $year}) "
        "RETURN g.statement AS goal, i.name AS indicator, y.target AS target ORDER BY g.id, i.id",
        {"unit": DINKES, "year": YEAR},
    )
    body = [row_values(sheet, header + 1 + offset) for offset in range(len(expected))]
    assert [(row[2], row[4]) for row in body] == [(row["indicator"], row["target"]) for row in expected]
    assert body[0][1] == expected[0]["goal"] and body[0][0] == 1
    assert sheet.cell(header + 1, 5).number_format == "0.00"
    # a sasaran with two indicators is one merged cell, and so is its number
    goals = [row["goal"] for row in expected]
    repeated = next(index for index in range(1, len(goals)) if goals[index] == goals[index - 1])
    merged = {str(cell) for cell in sheet.merged_cells.ranges}
    assert f"B{header + repeated}:B{header + repeated + 1}" in merged
    assert f"A{header + repeated}:A{header + repeated + 1}" in merged
    # programs with their pagu, and the total against the graph's own sum
    program_header = next(row[0].row for row in sheet.iter_rows() if row[1].value == "Program")
    total_row = next(row[0].row for row in sheet.iter_rows() if row[1].value == "Jumlah")
    pagu = [sheet.cell(row, 4).value for row in range(program_header + 1, total_row)]
    assert sum(pagu) == sheet.cell(total_row, 4).value == budget_below(sample, DINKES) > 0
    assert {sheet.cell(row, 4).number_format for row in range(program_header + 1, total_row + 1)} == {"#,##0"}
    programs = sample.read(
        "MATCH (u:Unit)-[:ASSIGNED_TO]->(p:Activity {kind: 'program', year: $year}) "
        "WHERE (u)-[:PART_OF*0..]->(:Unit {id: $unit}) RETURN count(DISTINCT p) AS n",
        {"unit": DINKES, "year": YEAR},
    )[0]["n"]
    assert len(pagu) == programs
    head = head_of(sample, DINKES)
    texts = [cell.value for row in sheet.iter_rows(min_row=total_row + 1) for cell in row if cell.value]
    assert head["name"] in texts and f"NIP. {head['nip']}" in texts
    assert head["boss_name"] in texts and f"NIP. {head['boss_nip']}" in texts
    assert texts.index("PIHAK KEDUA") < texts.index("PIHAK PERTAMA")
    check_print_setup(sheet)


def test_iku_xlsx_groups_the_figures_under_one_merged_header(sample, catalog):
    document = build("iku", sample, catalog, year=YEAR, unit=DINKES)
    sheet = sheet_of(to_xlsx(document, "f4"))
    header = find_row(sheet, "No")
    assert row_values(sheet, header)[:7] == [
        "No",
        "Sasaran",
        "Indikator Kinerja Utama",
        "Definisi / Formulasi",
        "Satuan",
        "Polaritas",
        "Kinerja",
    ]
    assert row_values(sheet, header + 1)[6:9] == ["Baseline", f"Target {YEAR}", f"Target Akhir ({YEAR})"]
    merged = {str(cell) for cell in sheet.merged_cells.ranges}
    assert f"G{header}:I{header}" in merged and f"A{header}:A{header + 1}" in merged
    figures = sample.read(
        "MATCH (:Unit {id: $unit})-[:ASSIGNED_TO]->(g:Goal {level: 'sasaran'})-[:MEASURED_BY]->(i:Indicator) "
        "WHERE coalesce(i.iku, true) "  # none of the OPD's is flagged iku = true; one is flagged false
        "MATCH (y:IndicatorYear {indicator_id: i.id, year: $year}) "
        "RETURN i.name AS name, y.baseline AS baseline, y.target AS target ORDER BY g.id, i.id",
        {"unit": DINKES, "year": YEAR},
    )
    rows = [row_values(sheet, header + 2 + offset) for offset in range(len(figures))]
    assert [(row[2], row[6], row[7]) for row in rows] == [(f["name"], f["baseline"], f["target"]) for f in figures]
    assert sheet.cell(header + 2, 7).number_format == "0.00"
    assert sheet.max_row == header + 1 + len(figures)  # nothing but the IKU
    check_print_setup(sheet, 14)


def test_iku_of_a_bidang_are_its_sasaran_program_indicators(sample, catalog):
    document = build("iku", sample, catalog, year=YEAR, unit="U-DINKES-02")
    assert {row["level"] for row in document.tables[0].rows} == {"sasaran_program"}
    assert document.lines == ["Bidang Kesehatan Masyarakat", "Pemerintah Kabupaten Sukamaju"]


def test_pemda_wide_cascading_holds_every_sub_kegiatan_and_the_whole_pagu(sample, catalog):
    document = build("cascading", sample, catalog, year=YEAR)
    table = document.tables[0]
    subs = sample.read("MATCH (a:Activity {kind: 'subkegiatan', year: $year}) RETURN count(a) AS n", {"year": YEAR})[0][
        "n"
    ]
    assert len([row for row in table.rows if row["subkegiatan_id"]]) == subs
    sheet = sheet_of(to_xlsx(document))
    header = find_row(sheet, "No")
    assert row_values(sheet, header)[:3] == ["No", "Tujuan", None]
    assert row_values(sheet, header + 1)[1:3] == ["Tujuan", "Indikator"]
    merged = {str(cell) for cell in sheet.merged_cells.ranges}
    assert {
        f"B{header}:C{header}",
        f"D{header}:E{header}",
        f"F{header}:G{header}",
        f"H{header}:I{header}",
        f"J{header}:J{header + 1}",
    } <= merged
    total_row = next(row[0].row for row in sheet.iter_rows() if row[9].value == "Jumlah")
    assert sheet.cell(total_row, 11).value == budget_below(sample, None) == EXPECTED["counts"]["total_budget"]
    assert sheet.cell(total_row - 1, 11).number_format == "#,##0"
    # a program with several sub-kegiatan is one merged cell spanning them
    runs = merge_runs(table)
    program_column = [column.key for column in table.columns].index("program_label")
    start, span = next((row, span) for (row, column), span in runs.items() if column == program_column and span > 1)
    assert f"F{header + 2 + start}:F{header + 2 + start + span - 1}" in merged
    assert len({row["program_id"] for row in table.rows[start : start + span]}) == 1
    check_print_setup(sheet)


def test_cascading_of_one_opd_names_its_sasaran_and_who_is_responsible(sample, catalog):
    table = build("cascading", sample, catalog, year=YEAR, unit=DINKES).tables[0]
    assert sum(row["pagu"] or 0 for row in table.rows) == table.totals["pagu"] == budget_below(sample, DINKES)
    units = {
        row["unit_id"]
        for row in sample.read(
            "MATCH (u:Unit)-[:PART_OF*0..]->(:Unit {id: $unit}) RETURN u.id AS unit_id", {"unit": DINKES}
        )
    }
    assert {row["unit_id"] for row in table.rows} <= units
    assert {row["sasaran_id"] for row in table.rows} <= {"G-S-DINKES-1", "G-S-DINKES-2"}
    assert all(row["tujuan_id"] == "G-T-DINKES-1" for row in table.rows if row["sasaran_id"])
    assert all(row["penanggung_jawab"] for row in table.rows)


def test_the_print_page_draws_the_same_merges_headers_and_signature(sample, catalog):
    document = build("pk", sample, catalog, year=YEAR, unit=DINKES)
    html = document_html(document)
    assert "@page { size: A4 landscape" in html and "display: table-header-group" in html
    runs = merge_runs(document.tables[0])
    assert html.count('rowspan="') == sum(1 for span in runs.values() if span > 1)
    assert "<th>Indikator Kinerja</th>" in html and "Jumlah" in html
    head = head_of(sample, DINKES)
    assert head["name"] in html and head["nip"] in html
    assert f"{budget_below(sample, DINKES):,}".replace(",", ".") in html


def test_api_and_page_mask_the_signatories_nip_for_anonymous_readers(sample, client):
    head = head_of(sample, DINKES)
    masked = head["nip"][:6] + "*" * 10 + head["nip"][-2:]
    anonymous = client.get(f"/api/docs/pk.xlsx?unit={DINKES}&year={YEAR}")
    assert anonymous.status_code == 200 and anonymous.mimetype.endswith("spreadsheetml.sheet")
    texts = [cell.value for row in sheet_of(anonymous.data).iter_rows() for cell in row if cell.value]
    assert f"NIP. {masked}" in texts and f"NIP. {head['nip']}" not in texts and head["name"] in texts
    reader = client.get(f"/api/docs/pk?unit={DINKES}&year={YEAR}&format=xlsx", headers=AS_READER)
    texts = [cell.value for row in sheet_of(reader.data).iter_rows() for cell in row if cell.value]
    assert f"NIP. {head['nip']}" in texts
    page = client.get(f"/dokumen/pk?unit={DINKES}&tahun={YEAR}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert masked in text and head["nip"] not in text and "/api/docs/pk.xlsx" in text
    data = client.get(f"/api/docs/iku.json?unit={DINKES}&year={YEAR}").get_json()
    assert data["ok"] and data["kind"] == "iku" and data["tables"][0]["rows"]
    html = client.get(f"/api/docs/cascading.html?unit={DINKES}&year={YEAR}")
    assert html.status_code == 200 and "MATRIKS CASCADING" in html.get_data(as_text=True)
    for kind in ("lkjip", "triwulan"):
        assert client.get(f"/dokumen/{kind}?unit={DINKES}&tahun={YEAR}").status_code == 200
    assert client.get("/api/docs/lra?year=2026").status_code == 404
    assert client.get("/api/docs/pk?unit=U-NONE&year=2026").status_code == 404
    assert client.get("/api/docs/pk?year=abc").status_code == 400
    assert client.get("/api/docs/pk?bogus=1").status_code == 400
    assert client.get("/api/docs/pk.pdf").status_code == 400
    tree = client.get(f"/pohon/{DINKES}").get_data(as_text=True)
    assert f"/dokumen/pk?unit={DINKES}" in tree


def test_cli_writes_xlsx_and_html_with_nip_unmasked(sample, neo4j_settings, monkeypatch, tmp_path):
    for key, value in (
        ("NEO4J_URI", neo4j_settings.uri),
        ("NEO4J_USER", neo4j_settings.user),
        ("NEO4J_PASSWORD", neo4j_settings.password),
        ("NEO4J_DATABASE", neo4j_settings.database),
    ):
        monkeypatch.setenv(key, value)
    head = head_of(sample, DINKES)
    out = tmp_path / "pk.xlsx"
    result = CliRunner().invoke(cli.main, ["doc", "pk", "--unit", DINKES, "--year", str(YEAR), "--out", str(out)])
    assert result.exit_code == 0, result.output
    texts = [cell.value for row in sheet_of(out.read_bytes()).iter_rows() for cell in row if cell.value]
    assert f"NIP. {head['nip']}" in texts
    page = tmp_path / "cascading.html"
    result = CliRunner().invoke(cli.main, ["doc", "cascading", "--unit", DINKES, "--out", str(page)])
    assert result.exit_code == 0, result.output
    assert "MATRIKS CASCADING TAHUN 2026" in page.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli.main, ["doc", "iku", "--unit", "U-NONE", "--out", str(tmp_path / "x.xlsx")])
    assert bad.exit_code != 0 and "U-NONE" in bad.output
    wrong = CliRunner().invoke(cli.main, ["doc", "iku", "--out", str(tmp_path / "x.pdf")])
    assert wrong.exit_code != 0 and ".xlsx or .html" in wrong.output


def test_lkjip_carries_the_achievement_querys_capaian_and_the_share_of_the_end_target(sample, catalog):
    year = LKJIP_YEAR
    document = build("lkjip", sample, catalog, year=year, unit=DINKES)
    figures = {
        (row["kind"], row["id"]): row for row in catalog.run(sample, "achievement", {"year": year, "unit": DINKES})
    }
    table = document.tables[0]
    assert [row["indicator_id"] for row in table.rows] == [
        row["indicator_id"] for row in catalog.run(sample, "document_iku", {"unit": DINKES, "year": year})
    ]
    for row in table.rows:
        assert row["capaian"] == figures[("indicator", row["indicator_id"])]["capaian"]
        assert row["goal_capaian"] == figures[("goal", row["goal_id"])]["capaian"]
    assert table.totals["capaian"] == figures[("unit", DINKES)]["capaian"] is not None
    stunting = next(row for row in table.rows if row["indicator"] == "Prevalensi stunting")
    years = {
        row["year"]: row
        for row in sample.read(
            "MATCH (y:IndicatorYear {indicator_id: $id}) RETURN y.year AS year, y.target AS target, "
            "y.realisasi AS realisasi",
            {"id": stunting["indicator_id"]},
        )
    }
    now, end, last = years[year], years[max(years)], years.get(year - 1, {})
    assert (stunting["target"], stunting["realisasi"], stunting["realisasi_last_year"]) == (
        now["target"],
        now["realisasi"],
        last.get("realisasi"),
    )

    def negatif(target: float, realisasi: float) -> float:  # lower is better, floored at 0, capped at 120
        return round(min(120.0, max(0.0, (2 * target - realisasi) / target * 100)), 2)

    assert stunting["capaian"] == negatif(now["target"], now["realisasi"])
    assert stunting["share_end"] == negatif(end["target"], now["realisasi"])  # the end target: the period's last
    sheet = sheet_of(to_xlsx(document))
    header = find_row(sheet, "No")
    assert row_values(sheet, header)[5] == f"Tahun {year}" and row_values(sheet, header + 1)[5:8] == [
        "Target",
        "Realisasi",
        "Capaian (%)",
    ]
    merged = {str(cell) for cell in sheet.merged_cells.ranges}
    assert f"F{header}:H{header}" in merged and f"J{header}:K{header}" in merged
    line = header + 2 + table.rows.index(stunting)
    assert sheet.cell(line, 11).value == pytest.approx(stunting["share_end"] / 100)
    assert sheet.cell(line, 11).number_format == "0.00%"
    assert sheet.cell(line, 8).value == stunting["capaian"] and sheet.cell(line, 8).number_format == "0.00"
    total = next(row[0].row for row in sheet.iter_rows() if str(row[3].value).startswith("Capaian kinerja"))
    assert sheet.cell(total, 8).value == table.totals["capaian"]
    check_print_setup(sheet)


def test_triwulan_lists_quarter_targets_realisasi_and_capaian(sample, catalog):
    document = build("triwulan", sample, catalog, year=YEAR, unit=DINKES)
    table = document.tables[0]
    expected = sample.read(
        "MATCH (u:Unit)-[:PART_OF*0..]->(:Unit {id: $unit}) MATCH (u)-[:ASSIGNED_TO]->(:Goal)-[:MEASURED_BY]->(i) "
        "MATCH (y:IndicatorYear {indicator_id: i.id, year: $year}) WHERE y.target_tw1 IS NOT NULL "
        "OR y.realisasi_tw1 IS NOT NULL OR y.target_tw4 IS NOT NULL RETURN collect(DISTINCT i.id) AS ids",
        {"unit": DINKES, "year": YEAR},
    )[0]["ids"]
    assert sorted(row["indicator_id"] for row in table.rows) == sorted(expected) and expected
    figures = {
        row["id"]: row
        for row in catalog.run(sample, "achievement", {"year": YEAR, "unit": DINKES})
        if row["kind"] == "indicator"
    }
    for row in table.rows:
        assert [row[f"capaian_tw{q}"] for q in (1, 2, 3, 4)] == [
            figures[row["indicator_id"]][f"capaian_tw{q}"] for q in (1, 2, 3, 4)
        ]
    # the first quarter's capaian worked out by hand (the sample's quarterly indicators are all positif)
    quarter = next(row for row in table.rows if row["capaian_tw1"] is not None)
    tw1 = sample.read(
        "MATCH (i:Indicator {id: $id}) MATCH (y:IndicatorYear {indicator_id: $id, year: $year}) "
        "RETURN i.polarity AS polarity, y.target_tw1 AS target, y.realisasi_tw1 AS realisasi",
        {"id": quarter["indicator_id"], "year": YEAR},
    )[0]
    assert tw1["polarity"] == "positif"
    assert quarter["capaian_tw1"] == round(min(120.0, tw1["realisasi"] / tw1["target"] * 100), 2)
    sheet = sheet_of(to_xlsx(document))
    header = find_row(sheet, "No")
    assert row_values(sheet, header)[5:14:4] == ["Target", "Realisasi", "Capaian (%)"]
    assert row_values(sheet, header + 1)[5:9] == ["TW I", "TW II", "TW III", "TW IV"]
    merged = {str(cell) for cell in sheet.merged_cells.ranges}
    assert {f"F{header}:I{header}", f"J{header}:M{header}", f"N{header}:Q{header}"} <= merged
    check_print_setup(sheet)
    html = document_html(document)
    assert '<th colspan="4">Capaian (%)</th>' in html and "<th>TW IV</th>" in html


def test_the_pemdas_pk_has_its_iku_every_program_and_one_signatory(sample, catalog):
    document = build("pk", sample, catalog, year=YEAR)
    assert document.meta["unit_id"] == "U-PEMDA" and document.lines == ["Pemerintah Kabupaten Sukamaju"]
    flagged = sample.read(
        "MATCH (:Unit {id: 'U-PEMDA'})-[:ASSIGNED_TO]->(:Goal)-[:MEASURED_BY]->(i:Indicator) "
        "WHERE i.iku = true RETURN collect(i.id) AS ids"
    )[0]["ids"]
    assert sorted(row["indicator_id"] for row in document.tables[0].rows) == sorted(flagged) and flagged
    assert document.tables[1].totals["pagu"] == budget_below(sample, None)
    assert [party["position"] for party in document.signature.parties] == ["Kepala Daerah"]
