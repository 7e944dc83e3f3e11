"""The pages of what the API computes beyond the tree (crosscutting matrix and the work behind a cell, capaian per
OPD and one OPD's dashboard, leverage ranking) and the downloads of every list page, on the sample kabupaten
against the real Neo4j: what they show is checked against the named queries run on their own and against each
other, the downloads against the rows the page shows. (Chromium, the accessibility pass and the screenshots:
tests/test_browser_pages.py.)"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook

from graph.capaian import capaian as rule_capaian
from graph.catalog import load_catalog
from service import create_app
from visual.styles import format_percent, format_rupiah

NIP_RUN = re.compile(r"(?<!\d)\d{18}(?!\d)")


@pytest.fixture(scope="module")
def site(sample) -> Iterator[Any]:
    app = create_app(
        {
            "TESTING": True,
            "RUNNER": sample,
            "PAGES_AUDIT_BUDGET": 60.0,
            "PAGES_QUERY_TIMEOUT": 60.0,
            "PAGES_ACHIEVEMENT_TIMEOUT": 150.0,
            "QUERY_TIMEOUT": 150.0,
            "CACHE_CHECK_SECONDS": 0,
        }
    )
    yield app.test_client()


@pytest.fixture(scope="module")
def queries():
    return load_catalog()


def text_of(body: str) -> str:
    """What a reader sees of a page: tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def run(runner, queries, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = queries[name]
    return runner.read(query.cypher, query.bind(params))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def workbook(response) -> Any:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.get_data()), read_only=True)


def sheet_rows(book, title: str) -> list[tuple]:
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


# -- crosscutting --------------------------------------------------------------------------------------------------


def test_the_crosscutting_matrix_shows_every_pair_and_each_cell_agrees_with_the_work_behind_it(site, sample, queries):
    expected = run(sample, queries, "crosscutting_matrix", {"year": None})
    assert expected, "the sample has crosscutting between OPD"
    twin = site.get("/lintas-opd.json").get_json()
    assert twin["ok"] and [(r["from_unit_id"], r["to_unit_id"]) for r in twin["rows"]] == [
        (r["from_unit_id"], r["to_unit_id"]) for r in expected
    ]
    cells = [cell for row in twin["matrix"] for cell in row["cells"] if cell]
    assert len(cells) == len(expected)
    assert twin["totals"]["budget"] == sum(row["budget"] for row in expected)
    body = site.get("/lintas-opd").get_data(as_text=True)
    biggest = max(expected, key=lambda row: row["budget"])
    assert format_rupiah(biggest["budget"]) in text_of(body)
    assert f"/lintas-opd/{biggest['from_unit_id']}/{biggest['to_unit_id']}" in body
    # the work behind three cells, counted again from the pair page, is the cell
    for row in sorted(expected, key=lambda row: -row["budget"])[:3]:
        pair = site.get(f"/lintas-opd/{row['from_unit_id']}/{row['to_unit_id']}.json").get_json()
        assert pair["counts"] == {"Activity": row["activities"], "Goal": row["goals"], "ASN": row["staff"]}, row
        assert pair["budget"] == row["budget"]


def test_the_work_behind_a_cell_is_the_giver_s_and_supports_the_taker_s_outcomes(site, sample, queries):
    row = max(
        run(sample, queries, "crosscutting_matrix", {"year": None}), key=lambda item: item["staff"] + item["activities"]
    )
    pair = site.get(f"/lintas-opd/{row['from_unit_id']}/{row['to_unit_id']}.json").get_json()
    taker_goals = {
        item["id"]
        for item in sample.read(
            "MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(:Unit)-[:ASSIGNED_TO]->(g:Goal) RETURN g.id AS id",
            {"unit": row["to_unit_id"]},
        )
    }
    giver_units = {
        item["id"]
        for item in sample.read(
            "MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(u:Unit) RETURN u.id AS id", {"unit": row["from_unit_id"]}
        )
    }
    assert pair["rows"]
    for item in pair["rows"]:
        assert item["outcome_ids"] and set(item["outcome_ids"]) <= taker_goals, item
        assert item["unit_id"] in giver_units, item
        assert item["href"]
    page = text_of(site.get(f"/lintas-opd/{row['from_unit_id']}/{row['to_unit_id']}").get_data(as_text=True))
    assert f"{pair['from_name']} → {pair['to_name']}" in page
    assert not NIP_RUN.search(page), "anonymous readers see masked NIPs"
    assert site.get(f"/lintas-opd/{row['from_unit_id']}/{row['from_unit_id']}.json").get_json()["rows"] == []
    missing = site.get(f"/lintas-opd/{row['from_unit_id']}/U-TIDAK-ADA")
    assert missing.status_code == 404 and "tidak ditemukan" in missing.get_data(as_text=True)


# -- capaian ---------------------------------------------------------------------------------------------------------


def test_the_opd_dashboard_shows_its_iku_per_quarter_and_agrees_with_the_achievement_query(site, sample, queries):
    twin = site.get("/capaian/U-DINKES.json").get_json()
    year = twin["year"]
    assert twin["ok"] and year is not None and twin["iku"]
    expected = run(sample, queries, "document_iku", {"unit": "U-DINKES", "year": year})
    assert [row["indicator_id"] for row in twin["iku"]] == [row["indicator_id"] for row in expected]
    for shown, row in zip(twin["iku"], expected):
        assert shown["capaian"] == rule_capaian(
            row["target"], row["realisasi"], row["polarity"], row["target_min"], row["target_max"]
        )
    unit_row = next(
        row
        for row in run(sample, queries, "achievement", {"year": year, "unit": "U-DINKES"})
        if row["kind"] == "unit" and row["id"] == "U-DINKES"
    )
    assert twin["capaian"] == pytest.approx(unit_row["capaian"], abs=0.01)
    assert twin["band"] == unit_row["band"]
    assert [q["quarter"] for q in twin["quarters"]] == [1, 2, 3, 4]
    # the trend: every year with figures, this year's column the same as the table's
    assert twin["trend"]["years"] == sorted(twin["trend"]["years"]) and year in twin["trend"]["years"]
    this_year = {row["indicator_id"]: row["capaian"][str(year)] for row in twin["trend"]["rows"]}
    assert this_year == {row["indicator_id"]: row["capaian"] for row in twin["iku"]}
    page = text_of(site.get("/capaian/U-DINKES").get_data(as_text=True))
    assert "Capaian kinerja: Dinas Kesehatan" in page and format_percent(twin["capaian"]) in page
    body = site.get("/capaian/U-DINKES").get_data(as_text=True)
    for document in ("pk", "iku", "cascading", "lkjip", "triwulan"):
        assert f"/dokumen/{document}?unit=U-DINKES" in body, document
    assert "/mph/U-DINKES" in body


def test_the_capaian_list_links_each_opd_to_its_dashboard(site):
    twin = site.get("/capaian.json").get_json()
    rows = twin["achievement"]["rows"]
    assert twin["ok"] and rows
    body = site.get("/capaian").get_data(as_text=True)
    for row in rows:
        assert f"/capaian/{row['id']}" in body
    assert site.get("/capaian/U-TIDAK-ADA").status_code == 404
    assert "harus berupa tahun" in site.get("/capaian/U-DINKES?tahun=abc").get_data(as_text=True)


# -- leverage -------------------------------------------------------------------------------------------------------


def test_the_leverage_page_ranks_opd_and_activities_as_the_query_does(site, sample, queries):
    expected = run(sample, queries, "leverage", {"year": None})
    twin = site.get("/daya-ungkit.json").get_json()
    assert [row["id"] for row in twin["units"]] == [row["id"] for row in expected if row["kind"] == "unit"]
    activities = [row for row in expected if row["kind"] == "activity"]
    assert twin["activities_total"] == len(activities)
    assert [row["id"] for row in twin["activities"]] == [row["id"] for row in activities][:100]
    assert [row["rank"] for row in twin["units"]] == list(range(1, len(twin["units"]) + 1))
    top = twin["units"][0]
    page = text_of(site.get("/daya-ungkit").get_data(as_text=True))
    assert top["name"] in page and format_rupiah(top["budget"]) in page


def test_the_new_pages_are_in_the_navigation_and_the_beranda_links_each_dashboard(site):
    body = site.get("/").get_data(as_text=True)
    for path in ("/capaian", "/lintas-opd", "/daya-ungkit"):
        assert f'href="{path}"' in body, path
    assert "/capaian/U-DINKES" in body


# -- downloads ------------------------------------------------------------------------------------------------------


def test_a_finding_downloads_the_rows_shown_under_the_indonesian_headers(site, queries):
    twin = site.get("/temuan/orphaned_staff.json?unit=U-DINKES").get_json()
    finding = queries["orphaned_staff"].finding
    headers = [finding.header(column) or column for column in twin["columns"]]
    assert "NIP" in headers
    body = site.get("/temuan/orphaned_staff?unit=U-DINKES").get_data(as_text=True)
    assert "unduh=xlsx" in body and "unduh=csv" in body and "unit=U-DINKES" in body
    rows = csv_rows(site.get("/temuan/orphaned_staff?unit=U-DINKES&unduh=csv"))
    assert rows[0] == headers and len(rows) - 1 == twin["total"] > 0
    assert all(not NIP_RUN.search(cell) for row in rows for cell in row), "NIPs masked as on the page"
    book = workbook(site.get("/temuan/orphaned_staff?unit=U-DINKES&unduh=xlsx"))
    table = sheet_rows(book, book.sheetnames[0])
    assert list(table[0]) == headers and len(table) - 1 == twin["total"]
    whole = csv_rows(site.get("/temuan/orphaned_staff?unduh=csv"))
    assert len(whole) - 1 == site.get("/temuan/orphaned_staff.json").get_json()["total"] > len(rows) - 1


def test_every_list_page_downloads_each_table_it_shows(site):
    pages = {
        "/cari?q=kesehatan": ("hasil",),
        "/": ("temuan", "capaian"),
        "/capaian": ("capaian",),
        "/lintas-opd": ("lintas",),
        "/capaian/U-DINKES": ("iku", "tren"),
        "/daya-ungkit": ("opd", "kegiatan"),
    }
    for path, keys in pages.items():
        twin = site.get(
            re.sub(
                r"^(/[^?]*?)(\?|$)",
                lambda m: (m.group(1).rstrip("/") or "/beranda") + ".json" + m.group(2),
                path,
                count=1,
            )
        ).get_json()
        body = site.get(path).get_data(as_text=True)
        book = workbook(site.get(path + ("&" if "?" in path else "?") + "unduh=xlsx"))
        assert len(book.sheetnames) == len(keys), (path, book.sheetnames)
        for key in keys:
            assert f'data-downloads="{key}"' in body, (path, key)
            rows = csv_rows(site.get(path + ("&" if "?" in path else "?") + f"unduh=csv&tabel={key}"))
            assert rows[0] and all(not re.fullmatch(r"[a-z_]+", header) for header in rows[0]), (path, rows[0])
            assert len(rows) - 1 == len(_shown(twin, key)), (path, key)


def _shown(twin: dict[str, Any], key: str) -> list[Any]:
    """The rows the page shows for a table key (its JSON twin's data)."""
    return {
        "hasil": lambda: twin.get("rows"),
        "temuan": lambda: twin.get("findings"),
        "capaian": lambda: twin["achievement"]["rows"],
        "lintas": lambda: twin.get("rows"),
        "iku": lambda: twin.get("iku"),
        "tren": lambda: twin["trend"]["rows"],
        "opd": lambda: twin.get("units"),
        "kegiatan": lambda: twin.get("activities"),
    }[key]()


def test_a_download_keeps_numbers_as_numbers_and_refuses_unknown_choices(site):
    book = workbook(site.get("/lintas-opd?unduh=xlsx"))
    rows = sheet_rows(book, book.sheetnames[0])
    assert rows[0][-1] == "Pagu (Rp)" and all(isinstance(row[-1], (int, float)) for row in rows[1:])
    twin = site.get("/lintas-opd.json").get_json()
    assert sum(row[-1] for row in rows[1:]) == twin["totals"]["budget"]
    for bad, message in (
        ("unduh=pdf", "Parameter &#39;unduh&#39; harus"),
        ("unduh=csv&tabel=xx", "Parameter &#39;tabel&#39;"),
    ):
        response = site.get("/lintas-opd?" + bad)
        assert response.status_code == 400 and message in response.get_data(as_text=True), bad
    assert site.get("/pohon/U-DINKES?unduh=csv").status_code == 400


def test_the_documents_and_the_mph_download_each_table_as_csv(site):
    for kind in ("pk", "iku", "lkjip"):
        data = site.get(f"/api/docs/{kind}.json?unit=U-DINKES").get_json()
        for number, table in enumerate(data["tables"], start=1):
            rows = csv_rows(site.get(f"/api/docs/{kind}.csv?unit=U-DINKES&tabel={number}"))
            headers = [
                f"{column['group']} – {column['header']}" if column["group"] else column["header"]
                for column in table["columns"]
            ]
            assert rows[0] == headers and len(rows) - 1 == len(table["rows"]), (kind, number)
        page = site.get(f"/dokumen/{kind}?unit=U-DINKES").get_data(as_text=True)
        assert f"/api/docs/{kind}.csv?unit=U-DINKES" in page.replace("&amp;", "&"), kind
    too_far = site.get(f"/api/docs/iku.csv?unit=U-DINKES&tabel={len(data['tables']) + 1}")
    assert too_far.status_code == 400 and "tabel" in too_far.get_json()["error"]
    matrix = site.get("/api/mph/U-DINKES.json").get_json()
    rows = csv_rows(site.get("/api/mph/U-DINKES.csv"))
    assert len(rows) > 1 and all(not NIP_RUN.search(cell) for row in rows for cell in row)
    assert "Unduh CSV" in site.get("/mph/U-DINKES").get_data(as_text=True) and matrix["ok"]
