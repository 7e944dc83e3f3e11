"""Trends across versions (graph/trends.py, /api/trend/..., the side panel's data and the OPD page), against the
real Neo4j: a copy of tests/data/mini imported as the PK versions 2025, 2026 and 2027 of one Pemda (and a Renstra
version beside them), each with realisasi set here, and every capaian computed by hand."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from test_service_support import AS_READER, make_app

from graph.catalog import load_catalog
from graph.importer import VersionRequest, import_path
from graph.trends import END_LAST_YEAR, END_RECORDED, indicator_trend, unit_trend
from service.pages.trend import sparkline, trend_html, with_shown

MINI = Path(__file__).parent / "data" / "mini"
PEMDA = "uji"
PERIOD = "2025-2029"
COLUMNS = ["id", "goal_id", "name", "satuan", "polarity", "year", "baseline", "target", "realisasi", "target_akhir"]
# per version year: (I-S1 target, I-S1 realisasi, I-S2 target, I-S2 realisasi); I-S1 is negatif with the end
# target 7 recorded; I-S2 positif without one (its 2029 target, 100, is the last year's); I-SK only in 2025
FIGURES = {2025: (10, 9, 50, 40), 2026: (9, "9,9", 60, 66), 2027: (8, None, 70, 84)}


def version_folder(tmp_path: Path, year: int) -> Path:
    """tests/data/mini with indicators.csv rewritten for the PK of `year`."""
    folder = tmp_path / f"v{year}"
    shutil.copytree(MINI, folder)
    s1_target, s1_real, s2_target, s2_real = FIGURES[year]
    rows = [
        ["I-S1", "S1", "Angka kesakitan", "%", "negatif", year, 12, s1_target, s1_real, 7],
        ["I-S2", "S1", "Indeks kepuasan layanan", "indeks", "positif", year, 45, s2_target, s2_real, ""],
        ["I-S2", "S1", "Indeks kepuasan layanan", "indeks", "positif", 2029, "", 100, "", ""],
    ]
    if year == 2025:
        rows.append(["I-SK", "SK-IMUN", "Cakupan imunisasi dasar lengkap", "%", "positif", 2025, 80, 90, "85,5", ""])
    with (folder / "indicators.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([["" if value is None else value for value in row] for row in rows])
    return folder


@pytest.fixture(scope="module")
def versions_graph(session_runner, tmp_path_factory):
    session_runner.write("MATCH (n) DETACH DELETE n")
    tmp_path = tmp_path_factory.mktemp("trends")
    for year in FIGURES:
        import_path(
            version_folder(tmp_path, year),
            session_runner,
            dataset=PEMDA,
            version=VersionRequest(str(year), period=PERIOD),
        )
    # a Renstra of the period beside the PK: not a point of the trend
    import_path(
        version_folder(tmp_path / "renstra", 2026),
        session_runner,
        dataset=PEMDA,
        version=VersionRequest("renstra-2025-2029-awal", period=PERIOD),
    )
    return session_runner


def negatif(target: float, realisasi: float) -> float:
    return round(min(120.0, max(0.0, (2 * target - realisasi) / target * 100)), 2)


def positif(target: float, realisasi: float) -> float:
    return round(min(120.0, max(0.0, realisasi / target * 100)), 2)


# by hand: I-S1 (negatif, end target 7), I-S2 (positif, end target 100: its 2029 target)
S1 = {2025: negatif(10, 9), 2026: negatif(9, 9.9), 2027: None}
S1_END = {2025: negatif(7, 9), 2026: negatif(7, 9.9), 2027: None}
S2 = {2025: positif(50, 40), 2026: positif(60, 66), 2027: positif(70, 84)}
S2_END = {2025: 40.0, 2026: 66.0, 2027: 84.0}


def test_the_indicator_trend_is_the_capaian_of_each_pk_version_of_the_period(versions_graph):
    trend = indicator_trend(versions_graph, "I-S1")
    assert trend["versions"] == [f"{PEMDA}@2025", f"{PEMDA}@2026", f"{PEMDA}@2027"]  # the Renstra is no point
    assert (trend["pemda"], trend["period_start"], trend["period_end"]) == (PEMDA, 2025, 2029)
    assert [(p["year"], p["realisasi"], p["capaian"]) for p in trend["points"]] == [
        (2025, 9, S1[2025]),
        (2026, 9.9, S1[2026]),
        (2027, None, None),
    ]
    assert S1 == {2025: 110.0, 2026: 90.0, 2027: None}  # the hand figures themselves
    assert [p["capaian_end"] for p in trend["points"]] == [S1_END[2025], S1_END[2026], None]
    assert (trend["target_end"], trend["target_end_source"]) == (7, END_RECORDED)

    other = indicator_trend(versions_graph, "I-S2")
    assert [p["capaian"] for p in other["points"]] == [S2[2025], S2[2026], S2[2027]] == [80.0, 110.0, 120.0]
    assert [p["capaian_end"] for p in other["points"]] == [S2_END[2025], S2_END[2026], S2_END[2027]]
    assert (other["target_end"], other["target_end_source"], other["target_end_year"]) == (100, END_LAST_YEAR, 2029)
    assert [p["year"] for p in indicator_trend(versions_graph, "I-SK")["points"]] == [2025]  # held by one version


def test_the_unit_trend_is_the_capaian_of_its_iku_in_each_version(versions_graph):
    trend = unit_trend(versions_graph, load_catalog(), "PEMDA")
    expected = [(S1[2025] + S2[2025]) / 2, (S1[2026] + S2[2026]) / 2, S2[2027]]
    assert [p["capaian"] for p in trend["points"]] == [round(value, 2) for value in expected] == [95.0, 100.0, 120.0]
    assert [p["basis"] for p in trend["points"]] == [["I-S1", "I-S2"], ["I-S1", "I-S2"], ["I-S2"]]
    ends = [(S1_END[2025] + S2_END[2025]) / 2, (S1_END[2026] + S2_END[2026]) / 2, S2_END[2027]]
    assert [p["capaian_end"] for p in trend["points"]] == [round(value, 2) for value in ends]
    assert [item["id"] for item in trend["indicators"]] == ["I-S1", "I-S2"]


def test_the_trend_api_answers_the_same_with_the_texts_the_pages_show(versions_graph):
    client = make_app(versions_graph).test_client()
    answer = client.get("/api/trend/indicator/I-S2", headers=AS_READER)
    assert answer.status_code == 200
    trend = answer.get_json()["trend"]
    assert trend == with_shown(indicator_trend(versions_graph, "I-S2"))
    assert [p["shown"]["capaian"] for p in trend["points"]] == ["80,0%", "110,0%", "120,0%"]
    assert [p["shown"]["label"] for p in trend["points"]] == ["2025", "2026", "2027"]
    assert trend["shown"]["target_end"] == "100" and "tahun terakhir (2029)" in trend["end_note"]
    unit = client.get("/api/trend/unit/PEMDA?pemda=uji", headers=AS_READER)
    assert unit.status_code == 200 and [p["year"] for p in unit.get_json()["trend"]["points"]] == [2025, 2026, 2027]
    assert client.get("/api/trend/indicator/I-NONE", headers=AS_READER).status_code == 404
    assert client.get("/api/trend/unit/PEMDA?pemda=lain", headers=AS_READER).status_code == 404
    assert client.get("/api/trend/unit/PEMDA?tahun=2025", headers=AS_READER).status_code == 400
    assert client.get("/api/trend/unit/" + "X" * 201, headers=AS_READER).status_code == 400


def test_the_opd_page_shows_the_trend_table_and_sparkline(versions_graph):
    client = make_app(versions_graph).test_client()
    body = client.get("/capaian/PEMDA", headers=AS_READER).get_data(as_text=True)
    assert "Tren capaian antar versi" in body and '<svg class="sparkline"' in body
    table = body[body.index('<table class="trend-versions-iku">') :]
    row = table[table.index('<tr data-indicator="I-S2">') :]
    row = row[: row.index("</tr>")]
    assert [cell.split("<")[0] for cell in row.split('<td class="num">')[1:]] == ["80,0%", "110,0%", "120,0%", "100"]
    twin = client.get("/capaian/PEMDA.json", headers=AS_READER).get_json()
    assert twin["version_trend"]["versions"] == [f"{PEMDA}@2025", f"{PEMDA}@2026", f"{PEMDA}@2027"]
    script = client.get("/static/pokin-pages.js").get_data(as_text=True)
    assert "api_trend_indicator" in body and "data-panel-trend" in script  # the panel fetches and draws it


def test_the_html_is_escaped_and_the_sparkline_breaks_at_a_missing_value():
    trend = with_shown(
        {
            "kind": "indicator",
            "id": "I-<b>",
            "points": [
                {"dataset": "a@2025", "year": 2025, "capaian": 60.0, "capaian_end": None},
                {"dataset": "a@2026", "year": 2026, "capaian": None, "capaian_end": None},
                {"dataset": "a@<x>", "version": "<x>", "year": None, "capaian": 120.0, "capaian_end": 50.0},
            ],
        }
    )
    html = str(trend_html(trend))
    assert "<x>" not in html and "&lt;x&gt;" in html and "50,0%" in html
    line = str(sparkline([60.0, None, 120.0]))
    assert "<polyline" not in line and line.count("<circle") == 2  # two points, no line between them
    assert str(trend_html({"points": []})) == ""


def test_one_version_is_a_trend_of_one_point(runner):
    import_path(MINI, runner)
    catalog = load_catalog()
    trend = indicator_trend(runner, "I-S1")
    assert [(p["dataset"], p["year"], p["capaian"]) for p in trend["points"]] == [("PEMDA", 2025, negatif(10, 9))]
    unit = unit_trend(runner, catalog, "PEMDA")
    achievement = catalog.run(runner, "achievement", {"year": 2025, "unit": "PEMDA"})
    own = next(row for row in achievement if row["kind"] == "unit")
    assert [(p["year"], p["capaian"]) for p in unit["points"]] == [(2025, own["capaian"])]
    assert own["capaian"] == negatif(10, 9)
