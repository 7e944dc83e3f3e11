"""The web pages on the sample kabupaten (seed/sample) against the real Neo4j, read as Bappeda and the
Inspektorat read them: errors and parameters in Bahasa Indonesia, numbers written one way, the side panel's
pagu and reasons, search results that tell units and kinds apart, a Beranda that says what it shows.
(Layout on a phone is checked in Chromium: test_browser.py.)"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from service import create_app
from service.http.masking import mask_nip

NETWORK_PAGES = ("/pohon/U-DINKES", "/elemen/G-S-DINKES-1")
ALL_PAGES = (
    "/",
    "/beranda",
    "/pohon",
    "/pohon/U-DINKES",
    "/elemen/G-S-DINKES-1",
    "/cari?q=imunisasi",
    "/temuan/orphaned_staff",
)


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


def text_of(body: str) -> str:
    """What a reader sees of a page: tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def page_config(body: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="pokin-page-data">(.*?)</script>', body, re.S)
    assert match
    return json.loads(match.group(1))


def with_param(path: str, param: str) -> str:
    return path + ("&" if "?" in path else "?") + param


# -- 1. errors and parameters in Bahasa Indonesia ------------------------------------------------------------------


def test_a_bad_year_answers_an_indonesian_error_on_every_page(site):
    for path in ALL_PAGES:
        for bad in ("abc", "20x5", "0", "-3"):
            response = site.get(with_param(path, f"tahun={bad}"))
            body = response.get_data(as_text=True)
            assert response.status_code == 400, (path, bad)
            assert "Permintaan tidak valid" in body and "Parameter &#39;tahun&#39; harus berupa tahun" in body, path
            assert "must be" not in body and "integer" not in body, path
    twin = site.get("/pohon.json?tahun=abc").get_json()
    assert twin["ok"] is False and "harus berupa tahun" in twin["error"]


def test_other_bad_page_parameters_answer_in_indonesian(site):
    cases = (
        ("/pohon?audit=mungkin", 400, "Parameter &#39;audit&#39;"),
        ("/pohon/U-DINKES?warna=pelangi", 400, "Parameter &#39;warna&#39;"),
        ("/?unit=U-TIDAK-ADA", 404, "Unit &#39;U-TIDAK-ADA&#39; tidak ditemukan"),
        ("/temuan/orphaned_staff?unit=U-TIDAK-ADA", 404, "Unit &#39;U-TIDAK-ADA&#39; tidak ditemukan"),
    )
    for url, status, message in cases:
        response = site.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == status and message in body, url
        assert '<html lang="id">' in body


def test_a_year_without_data_says_so(site, sample):
    present = sample.read(
        "CALL () { MATCH (y:IndicatorYear) RETURN DISTINCT y.year AS year UNION "
        "MATCH (a:Activity) RETURN DISTINCT a.year AS year } RETURN collect(year) AS years"
    )[0]
    listed = ", ".join(str(year) for year in sorted(year for year in present["years"] if year is not None))
    for path in (*ALL_PAGES[:-2], "/temuan/orphaned_staff"):
        response = site.get(with_param(path, "tahun=1999"))
        assert response.status_code == 200, path
        shown = text_of(response.get_data(as_text=True))
        assert "Tidak ada data untuk tahun 1999" in shown and f"Tahun yang tersedia: {listed}." in shown, path
    assert "Tidak ada data untuk tahun" not in text_of(site.get("/pohon/U-DINKES?tahun=2026").get_data(as_text=True))


def test_titles_never_repeat_their_prefix(site, sample):
    nip = sample.read("MATCH (s:ASN)-[:ASSIGNED_TO]->() RETURN s.nip AS nip ORDER BY s.nip LIMIT 1")[0]["nip"]
    for path in (*NETWORK_PAGES, f"/asn/{nip}"):
        body = site.get(path).get_data(as_text=True)
        title = html.unescape(re.search(r"<title>(.*?)</title>", body, re.S).group(1))
        heads = [part.strip().lower() for part in title.split(":")[:2]]
        assert len(heads) < 2 or heads[0] != heads[1], title
        if "/pohon/" not in path:
            assert title.lower().count("dampak") + title.lower().count("garis pandang") == 1, title


# -- 2. numbers ----------------------------------------------------------------------------------------------------


def test_capaian_is_a_percent_with_one_decimal_everywhere(site):
    home = text_of(site.get("/?tahun=2025").get_data(as_text=True))
    shares = re.findall(r"\b\d{1,3}(?:[.,]\d+)?%", home)
    assert shares, "the Beranda shows capaian per OPD"
    assert all(re.fullmatch(r"\d{1,3},\d%", share) for share in shares), shares
    element = site.get("/api/elements/G-S-DINKES-1?year=2025").get_json()["element"]
    figures = [figure for indicator in element["indicators"] for figure in indicator["years"]]
    assert figures
    for figure in figures:
        shown = figure["shown"]
        if figure["capaian"] is None:
            assert shown["capaian"] == "–"
        else:
            assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d%", shown["capaian"]), shown
        if figure.get("target") is not None and not figure.get("target_text"):
            assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?", shown["target"]), shown
    tree = site.get("/pohon/U-DINKES.json?warna=capaian&tahun=2025").get_json()
    tips = [
        node.get("title") or ""
        for node in json.loads(
            re.search(
                r'id="pokin-jaringan-data">(.*?)</script>',
                site.get("/pohon/U-DINKES?warna=capaian&tahun=2025").get_data(as_text=True),
                re.S,
            ).group(1)
        )["nodes"]
    ]
    capaian_tips = [tip for tip in tips if "Capaian: " in tip and "Capaian: –" not in tip]
    assert tree["color_by"] == "achievement" and capaian_tips
    assert all(re.search(r"Capaian: \d{1,3},\d% ", tip) for tip in capaian_tips)


def test_counts_and_rupiah_group_thousands_with_dots(site):
    body = site.get("/").get_data(as_text=True)
    staff = re.search(r'<dd data-count="staff">([^<]*)</dd>', body).group(1)
    budget = re.search(r'<dd data-count="budget">([^<]*)</dd>', body).group(1)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", staff), staff
    assert re.fullmatch(r"Rp \d{1,3}(\.\d{3})+", budget), budget
    rows = site.get("/temuan/budget_at_risk_by_unit").get_data(as_text=True)
    assert re.search(r"<td>Rp \d{1,3}(\.\d{3})+</td>", rows)


# -- 3. the side panel ---------------------------------------------------------------------------------------------


def test_program_and_kegiatan_carry_the_pagu_of_their_subkegiatan(site, sample):
    for kind in ("program", "kegiatan"):
        row = sample.read(
            "MATCH (a:Activity {kind: $kind}) WHERE a.budget IS NULL "
            "MATCH (s:Activity {kind: 'subkegiatan'})-[:PART_OF]->+(a) "
            "RETURN a.id AS id, sum(s.budget) AS total, count(s) AS parts ORDER BY a.id LIMIT 1",
            {"kind": kind},
        )[0]
        element = site.get(f"/api/elements/{row['id']}").get_json()["element"]
        assert (element["budget_below"], element["subactivities"]) == (row["total"], row["parts"])
        rupiah = "Rp " + f"{row['total']:,.0f}".replace(",", ".")
        assert element["budget_shown"] == f"{rupiah} (jumlah pagu {row['parts']} subkegiatan)", kind
    sub = sample.read(
        "MATCH (s:Activity {kind: 'subkegiatan'}) WHERE s.budget > 0 RETURN s.id AS id, "
        "s.budget AS budget ORDER BY s.id LIMIT 1"
    )[0]
    element = site.get(f"/api/elements/{sub['id']}").get_json()["element"]
    assert element["budget_shown"] == "Rp " + f"{sub['budget']:,.0f}".replace(",", ".")


def test_the_panel_knows_why_an_element_is_flagged(site):
    body = site.get("/pohon/U-DINKES?audit=1&tahun=2026").get_data(as_text=True)
    data = site.get("/pohon/U-DINKES.json?audit=1&tahun=2026").get_json()
    flags = page_config(body)["findings"]
    marked = {row["id"]: row["finding"] for row in data["findings"]}
    assert marked and set(flags) == set(marked)
    expected = {
        "no_leverage": ("activities_without_leverage", "Kegiatan tanpa daya ungkit ke outcome"),
        "orphaned_staff": ("orphaned_staff", "ASN tanpa kontribusi ke outcome"),
    }
    for node, mark in marked.items():
        query, title = expected[mark]
        assert (flags[node]["query"], flags[node]["title"]) == (query, title)
        assert flags[node]["href"].startswith(f"/temuan/{query}?") and "tahun=2026" in flags[node]["href"]
        assert "unit=U-DINKES" in flags[node]["href"]
        assert site.get(flags[node]["href"]).status_code == 200
    assert page_config(site.get("/pohon/U-DINKES?tahun=2026").get_data(as_text=True))["findings"] == {}
    script = site.get("/aset/pokin-pages.js").get_data(as_text=True)
    assert "Ditandai karena: " in script and "config.findings" in script


# -- 4. search -----------------------------------------------------------------------------------------------------


def search_rows(site, q: str) -> list[dict[str, Any]]:
    body = site.get("/cari", query_string={"q": q}).get_data(as_text=True)
    rows = re.findall(r'<tr data-kind="(\w+)">(.*?)</tr>', body, re.S)
    result = []
    for kind, row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        result.append({"kind": kind, "cells": [text_of(cell).strip() for cell in cells], "html": row})
    return result


def test_search_names_indicators_and_tells_units_apart(site, sample):
    indicator = sample.read(
        "MATCH (g:Goal {level: 'sasaran'})-[:MEASURED_BY]->(i:Indicator) RETURN i.name AS name ORDER BY i.id LIMIT 1"
    )[0]["name"]
    rows = [row for row in search_rows(site, indicator) if row["kind"] == "Indicator"]
    assert rows and all(row["cells"][1].startswith("Indikator") for row in rows)
    units = [row for row in search_rows(site, "Subbagian Umum dan Kepegawaian") if row["kind"] == "Unit"]
    opds = {re.search(r"OPD: (.*)$", row["cells"][3]).group(1) for row in units}
    assert len(units) > 2 and len(opds) == len(units)  # every row names its own OPD
    assert {"Dinas Kesehatan", "Rumah Sakit Umum Daerah Sukamaju"} <= opds
    assert all(row["cells"][2] == "–" and not re.search(r"U-[A-Z]", row["cells"][2]) for row in units)


def test_search_shows_codes_not_internal_ids(site, sample):
    activity = sample.read(
        "MATCH (a:Activity {kind: 'subkegiatan'}) WHERE a.code IS NOT NULL "
        "RETURN a.id AS id, a.code AS code, a.name AS name ORDER BY a.id LIMIT 1"
    )[0]
    [row] = [row for row in search_rows(site, activity["code"]) if row["kind"] == "Activity"][:1]
    assert row["cells"][2] == activity["code"] and f'title="id: {activity["id"]}"' in row["html"]
    goals = [row for row in search_rows(site, "G-S-DINKES-1") if row["kind"] == "Goal"]
    assert goals and goals[0]["cells"][2] == "–" and "G-S-DINKES-1" not in goals[0]["cells"][0]
    assert 'title="id: G-S-DINKES-1"' in goals[0]["html"]


# -- 5. the Beranda's unit filter ----------------------------------------------------------------------------------


def test_the_beranda_unit_filter_applies_to_every_card_and_finding(site, sample):
    whole = site.get("/beranda.json?tahun=2025").get_json()
    dinkes = site.get("/beranda.json?tahun=2025&unit=U-DINKES").get_json()
    expected = sample.read(
        "MATCH (u:Unit)-[:PART_OF]->*(:Unit {id: 'U-DINKES'}) WITH collect(u) AS scope "
        "RETURN size(scope) AS units, COUNT { MATCH (s:ASN)-[:MEMBER_OF]->(m) WHERE m IN scope } AS staff, "
        "COUNT { MATCH (g:Goal) WHERE EXISTS { MATCH (m)-[:ASSIGNED_TO]->(g) WHERE m IN scope } } AS goals"
    )[0]
    counts = dinkes["counts"]
    assert (counts["units"], counts["staff"], counts["goals"]) == (
        expected["units"],
        expected["staff"],
        expected["goals"],
    )
    every_year = (site.get("/beranda.json").get_json(), site.get("/beranda.json?unit=U-DINKES").get_json())
    assert counts["opd"] == 1 and 0 < every_year[1]["counts"]["budget"] < every_year[0]["counts"]["budget"]
    for key in ("units", "staff", "goals", "indicators"):
        assert 0 < counts[key] < whole["counts"][key], key
    assert 0 < every_year[1]["counts"]["activities"] < every_year[0]["counts"]["activities"]
    scoped = {row["finding"]: row for row in dinkes["findings"]}
    changed = 0
    for row in whole["findings"]:
        mine = scoped[row["finding"]]
        if row["count"] is None or mine["count"] is None:
            continue
        assert mine["count"] <= row["count"], row["finding"]
        changed += mine["count"] < row["count"]
        page = site.get(
            mine["href"].replace("/temuan/", "/temuan/", 1).split("?")[0] + ".json",
            query_string={"tahun": 2025, "unit": "U-DINKES"},
        ).get_json()
        assert page["total"] == mine["count"], row["finding"]
    assert changed >= 5
    assert {row["id"] for row in dinkes["achievement"]["rows"]} <= {"U-DINKES"}
    shown = text_of(site.get("/?tahun=2025&unit=U-DINKES").get_data(as_text=True))
    assert "Menampilkan Dinas Kesehatan beserta sub-unitnya; tahun 2025." in shown
    assert "Menampilkan seluruh Pemda" in text_of(site.get("/").get_data(as_text=True))


# -- 6. people at risk on the Beranda ------------------------------------------------------------------------------


def _members(sample, unit: str) -> set[str]:
    return set(
        sample.read(
            "MATCH (s:ASN)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) "
            "RETURN collect(DISTINCT s.nip) AS nips",
            {"unit": unit},
        )[0]["nips"]
    )


def _elements(sample, unit: str) -> set[str]:
    return set(
        sample.read(
            "MATCH (u:Unit)-[:PART_OF]->*(:Unit {id: $unit}) MATCH (u)-[:ASSIGNED_TO]->(e:Goal|Activity) "
            "OPTIONAL MATCH (e)-[:MEASURED_BY]->(i:Indicator) RETURN collect(DISTINCT e.id) + collect(DISTINCT i.id) AS ids",
            {"unit": unit},
        )[0]["ids"]
    )


def test_the_beranda_counts_people_at_risk_beside_the_findings_and_links_each_list(site, sample):
    from graph.catalog import load_catalog
    from graph.people import retirements, single_points_of_failure

    catalog = load_catalog()
    # the sample's staff are those of 2026 (nobody past the batas usia pensiun): the Beranda of 2026 counts who
    # reaches it in 2026 and 2027
    whole = site.get("/beranda.json?tahun=2026").get_json()
    rows = {(row["finding"], row.get("year")): row for row in whole["people"]}
    spof = single_points_of_failure(sample, catalog)
    assert rows[("single_points_of_failure", None)]["count"] == len(spof) > 0
    for year in (2026, 2027):  # the year shown and the next (PEOPLE_RETIREMENT_YEARS), at the default ages
        expected = retirements(sample, catalog, year)
        row = rows[("retirements", year)]
        assert row["count"] == len(expected) > 0, year
        assert row["loses"] == sum(1 for item in expected if item["loses"]), year
        listed = site.get(row["href"].split("?")[0] + ".json", query_string={"tahun": year}).get_json()
        assert sorted(item["nip"] for item in listed["rows"]) == sorted(mask_nip(item["nip"]) for item in expected)
    listed = site.get("/orang/titik-rawan.json").get_json()
    assert listed["total"] == len(spof)
    assert {(item["nip"], item["target"]) for item in listed["rows"]} == {
        (mask_nip(item["nip"]), item["target"]) for item in spof
    }  # NIPs masked: anonymous
    shown = text_of(site.get("/?tahun=2025").get_data(as_text=True))
    assert "titik rawan tunggal" in shown and "ASN mencapai batas usia pensiun tahun 2026" in shown
    page = text_of(site.get("/orang/pensiun?tahun=2026").get_data(as_text=True))
    assert "58 tahun umumnya" in page and f"{rows[('retirements', 2026)]['count']} baris" in page
    # the list downloads as the page shows it: one row per listed person, under the page's headers
    listed_2026 = site.get("/orang/pensiun.json?tahun=2026").get_json()
    text = site.get("/orang/pensiun?tahun=2026&unduh=csv").get_data(as_text=True)
    csv_rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))  # a BOM for Excel
    assert csv_rows[0] == [listed_2026["headers"][column] for column in listed_2026["columns"]]
    assert len(csv_rows) - 1 == rows[("retirements", 2026)]["count"]
    # another batas usia pensiun, as configured, moves who is counted
    app = create_app(
        {
            "TESTING": True,
            "RUNNER": sample,
            "PEOPLE_BUP": "59,60,60,65",
            "PEOPLE_RETIREMENT_YEARS": 1,
            "PAGES_QUERY_TIMEOUT": 60.0,
            "PAGES_AUDIT_BUDGET": 60.0,
            "CACHE_CHECK_SECONDS": 0,
        }
    )
    other = app.test_client().get("/beranda.json?tahun=2026").get_json()["people"]
    assert [row.get("year") for row in other] == [None, 2026]
    assert other[1]["count"] == len(retirements(sample, catalog, 2026, {"bup": 59}))
    with pytest.raises(ValueError, match="POKIN_PEOPLE_BUP"):
        create_app({"TESTING": True, "RUNNER": sample, "PEOPLE_BUP": "58,60"})


def test_the_beranda_unit_filter_applies_to_the_people_at_risk(site, sample):
    from graph.catalog import load_catalog
    from graph.people import retirements, single_points_of_failure

    catalog = load_catalog()
    spof = single_points_of_failure(sample, catalog)
    retiring = retirements(sample, catalog, 2026)
    # the OPD of the person most outcomes hang on: a unit with rows, and fewer than the whole Pemda's
    nip = max({row["nip"] for row in spof}, key=lambda n: (sum(row["nip"] == n for row in spof), n))
    unit = sample.read(
        "MATCH (:ASN {nip: $nip})-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(o:Unit {kind: 'perangkat_daerah'}) "
        "RETURN o.id AS id LIMIT 1",
        {"nip": nip},
    )[0]["id"]
    staff, elements = _members(sample, unit), _elements(sample, unit)
    mine = [row for row in spof if row["nip"] in staff or row["target"] in elements]
    theirs = [row for row in retiring if row["nip"] in staff]
    assert len(mine) > 0 and len(theirs) < len(retiring)
    scoped = site.get(f"/beranda.json?tahun=2026&unit={unit}").get_json()
    rows = {(row["finding"], row.get("year")): row for row in scoped["people"]}
    assert rows[("single_points_of_failure", None)]["count"] == len(mine)
    assert rows[("retirements", 2026)]["count"] == len(theirs)
    for row in rows.values():
        assert f"unit={unit}" in row["href"]
        page = site.get(
            row["href"].split("?")[0] + ".json", query_string={"tahun": row.get("year") or 2026, "unit": unit}
        ).get_json()
        assert page["total"] == row["count"], row["finding"]
    listed = site.get("/orang/titik-rawan.json", query_string={"unit": unit}).get_json()
    assert sorted((item["nip"], item["target"]) for item in listed["rows"]) == sorted(
        (mask_nip(item["nip"]), item["target"]) for item in mine
    )
    assert site.get("/orang/pensiun.json?unit=U-TIDAK-ADA").status_code == 404
