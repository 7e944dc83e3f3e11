"""The web pages (service/pages/) against the real Neo4j with tests/data/mini: every page and its `.json` twin,
Indonesian headings and error pages, security headers, escaping of hostile names, NIP masking for anonymous
readers, search and the side panel's endpoint. (The browser tests are in test_browser.py.)"""

from __future__ import annotations

import json
import re

import pytest
from test_service_support import AS_READER, MINI, NIP_JOKO, NIP_RINA, NIP_SITI, assert_error, csv_files

from graph.importer import import_path

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures

HOSTILE = "<img src=x onerror=alert(1)>"
NIP_ANYWHERE = re.compile(r"(?<!\d)\d{18}(?!\d)")

PAGES = [
    ("/", "<h1>Beranda: Pemerintah Kabupaten Uji</h1>"),
    ("/beranda", '<h2 id="temuan">Temuan audit'),
    ("/pohon", "<h1>Pohon kinerja</h1>"),
    ("/pohon/DINKES", "Cascading Kinerja Dinas Kesehatan"),
    ("/pohon?unit=DINKES&audit=1&tahun=2026", "Temuan audit di pohon ini"),
    ("/pohon/DINKES?warna=capaian&tahun=2025", "Menurut capaian"),
    (f"/asn/{NIP_SITI}", "<h1>Garis pandang</h1>"),
    ("/elemen/SK-IMUN", "Dampak: Meningkatnya cakupan imunisasi"),
    ("/cari?q=imunisasi", "<h1>Pencarian</h1>"),
    ("/temuan/orphaned_staff", "Temuan audit: ASN tanpa kontribusi ke outcome"),
]


def payload(body: str) -> dict:
    """The network data a page embeds for pokin-view.js."""
    match = re.search(r'<script type="application/json" id="pokin-jaringan-data">(.*?)</script>', body, re.S)
    assert match, "the page embeds its network"
    return json.loads(match.group(1))


def test_every_page_answers_in_indonesian_with_its_json_twin(client, loaded):
    for url, heading in PAGES:
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 200, (url, body[:500])
        assert response.mimetype == "text/html", url
        assert '<html lang="id">' in body and heading in body, url
        assert "<script>" not in body, url  # no inline script: code comes from /aset/
        twin = re.search(r'<a href="([^"]+)" data-json-twin>', body)
        assert twin, url
        response = client.get(twin.group(1).replace("&amp;", "&"))
        assert response.status_code == 200, (url, twin.group(1))
        assert response.mimetype == "application/json" and response.get_json()["ok"] is True, url
    assert client.get("/beranda.json").get_json()["page"] == "beranda"
    assert client.get("/pohon.json?unit=DINKES").get_json()["params"]["unit"] == "DINKES"


def test_tree_page_and_its_twin_hold_the_same_nodes(client, loaded):
    html = client.get("/pohon/DINKES?tahun=2026").get_data(as_text=True)
    data = client.get("/pohon/DINKES.json?tahun=2026").get_json()
    drawn = {node["id"] for node in payload(html)["nodes"]}
    assert drawn == {row["id"] for row in data["nodes"]} >= {"S-DINKES", "SK-IMUN", "SK-1", "V1"}
    assert data["title"] == "Cascading Kinerja Dinas Kesehatan" and data["params"]["unit"] == "DINKES"
    assert len(payload(html)["edges"]) == len(data["edges"])
    assert client.get("/pohon?unit=DINKES&tahun=2026").get_json() is None  # HTML, not JSON
    assert (
        payload(client.get("/pohon?unit=DINKES&tahun=2026").get_data(as_text=True))["nodes"] == payload(html)["nodes"]
    )


def test_beranda_counts_findings_and_achievement(client, loaded):
    data = client.get("/beranda.json?tahun=2025").get_json()
    assert {key: data["counts"][key] for key in ("units", "opd", "goals", "indicators", "activities", "staff")} == {
        "units": 4,
        "opd": 2,
        "goals": 10,
        "indicators": 2,
        "activities": 0,
        "staff": 5,
    }
    every_year = client.get("/beranda.json").get_json()
    # the default year is the latest reported one: 2025 (2026 has one target and no realisasi)
    assert every_year["counts"]["budget"] == 325_000_000 and every_year["year"] == 2025
    findings = {row["finding"]: row for row in data["findings"]}
    assert findings["orphaned_staff"]["count"] == 2  # Rina and Joko
    assert findings["orphaned_staff"]["href"].startswith("/temuan/orphaned_staff")
    assert findings["orphaned_staff"]["tree_href"] == "/pohon?audit=1&tahun=2025"
    html = client.get("/?tahun=2025").get_data(as_text=True)
    assert '<dd data-count="goals">10</dd>' in html
    assert 'href="/temuan/orphaned_staff?tahun=2025">2</a>' in html
    assert "Rp 325.000.000" in client.get("/").get_data(as_text=True)
    opd = {row["id"]: row for row in data["achievement"]["rows"]}
    assert data["achievement"]["status"] == "ok" and set(opd) <= {"DINKES", "DINSOS"}
    # an OPD is measured by its IKU: Dinas Kesehatan's sasaran S-DINKES has no indicator, so it has no capaian;
    # the 95 of I-SK (its bidang's sasaran kegiatan) is the supporting capaian beside it, never in its place
    assert (opd["DINKES"]["capaian"], opd["DINKES"]["band"], opd["DINKES"]["indicators"]) == (None, None, 0)
    assert (opd["DINKES"]["supporting_capaian"], opd["DINKES"]["supporting_indicators"]) == (95.0, 1)
    assert data["achievement"]["scale"]["key"] == "pemda" and data["scale"]["key"] == "pemda"
    assert "Skala Pemda" in html


def test_tree_options_year_colour_and_audit_layers(client, loaded):
    no_activities = client.get("/pohon.json?tahun=2030").get_json()
    assert not {"P-1", "K-1", "SK-1", "SK-2"} & {row["id"] for row in no_activities["nodes"]}
    coloured = client.get("/pohon/DINKES.json?warna=capaian&tahun=2025").get_json()
    assert coloured["color_by"] == "achievement" and coloured["achievement"]["SK-IMUN"]["band"] == "sangat baik"
    html = client.get("/pohon/DINKES?warna=capaian&tahun=2025").get_data(as_text=True)
    assert payload(html)["pokin"]["color_modes"] == ["level", "achievement"]
    audit = client.get("/pohon/DINKES.json?audit=1&tahun=2026", headers=AS_READER).get_json()
    assert {(row["id"], row["finding"]) for row in audit["findings"]} == {
        ("SK-2", "no_leverage"),
        (NIP_RINA, "orphaned_staff"),
        (NIP_JOKO, "orphaned_staff"),
    }
    body = client.get("/pohon/DINKES?audit=1&tahun=2026").get_data(as_text=True)
    assert 'data-focus-node="SK-2">Rapat Koordinasi Internal</button>' in body
    assert "Rina Lestari" in body and NIP_RINA not in body  # anonymous: drawn, NIP masked


def test_bad_parameters_and_unknown_things_give_indonesian_error_pages(client, loaded):
    for url, status in (
        ("/pohon/NOPE", 404),
        ("/asn/000000000000000000", 404),
        ("/elemen/NOPE", 404),
        ("/temuan/nope", 404),
        ("/halaman-yang-tidak-ada", 404),
        ("/pohon?warna=pelangi", 400),
        ("/pohon?tahun=abc", 400),
        ("/asn/asn-0000", 404),
    ):
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == status, url
        assert response.mimetype == "text/html" and '<html lang="id">' in body, url
        assert {404: "Halaman tidak ditemukan", 400: "Permintaan tidak valid"}[status] in body
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "Unit &#39;NOPE&#39; tidak ditemukan" in client.get("/pohon/NOPE").get_data(as_text=True)
    assert_error(client.get("/pohon/NOPE.json"), 404)
    assert_error(client.get("/pohon.json?warna=pelangi"), 400)
    assert_error(client.get("/api/elements/NOPE"), 404)
    assert_error(client.get("/api/nothing-here"), 404)  # the API keeps its JSON shape


def test_security_headers_on_pages_and_assets(client, loaded):
    for url in ("/", "/pohon/DINKES", "/cari?q=x", "/aset/pokin-pages.js"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp, url
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp
    for name in ("vis-network.min.js", "vis-network.min.css", "pokin-view.js", "pokin-view.css", "pokin-pages.css"):
        assert client.get(f"/aset/{name}").status_code == 200
    assert client.get("/aset/../app.py").status_code == 404
    assert client.get("/aset/nothing.js").status_code == 404


def test_hostile_names_show_as_text(runner, client, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    files = csv_files(MINI)
    files["goals.csv"] = files["goals.csv"].replace(b"Meningkatnya cakupan imunisasi", HOSTILE.encode())
    files["units.csv"] = files["units.csv"].replace(b"Dinas Kesehatan", b"Dinas <b onmouseover=alert(2)>Kes</b>")
    for name, content in files.items():
        (folder / name).write_bytes(content)
    import_path(folder, runner)
    for url in (
        "/pohon/DINKES",
        "/elemen/SK-IMUN",
        "/cari?q=onerror",
        "/",
        "/pohon/DINKES?audit=1",
        "/temuan/goals_without_indicator",
        f"/asn/{NIP_SITI}",
    ):
        body = client.get(url).get_data(as_text=True)
        assert HOSTILE not in body and "<b onmouseover" not in body, url
    body = client.get("/cari?q=onerror").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    tooltip = {node["id"]: node for node in payload(client.get("/pohon/DINKES").get_data(as_text=True))["nodes"]}
    assert "&lt;img src=x onerror=alert(1)&gt;" in tooltip["SK-IMUN"]["title"]  # escaped in the tooltip HTML
    assert tooltip["SK-IMUN"]["label"] == HOSTILE  # canvas text: drawn as typed
    assert (
        client.get("/api/elements/SK-IMUN").get_json()["element"]["title"] == HOSTILE
    )  # JSON; the panel sets textContent


def test_anonymous_pages_mask_nips_and_token_readers_see_them(client, loaded):
    for url in (
        f"/asn/{NIP_SITI}",
        "/pohon/DINKES?audit=1",
        "/temuan/orphaned_staff",
        f"/cari?q={NIP_SITI}",
        f"/asn/{NIP_SITI}.json",
        "/pohon/DINKES.json?audit=1",
        "/elemen/SP-YANKES",
    ):
        body = client.get(url).get_data(as_text=True)
        assert NIP_ANYWHERE.search(body) is None, url
    assert "198503**********02" in client.get(f"/asn/{NIP_SITI}").get_data(as_text=True)
    assert NIP_SITI in client.get(f"/asn/{NIP_SITI}", headers=AS_READER).get_data(as_text=True)
    # searching a whole NIP finds the person (shown masked, linked by a pseudonym); a partial NIP does not
    found = client.get(f"/cari.json?q={NIP_SITI}").get_json()["rows"]
    assert [(row["kind"], row["title"], row["id"]) for row in found] == [
        ("ASN", "Siti Rahmawati", "198503**********02")
    ]
    assert found[0]["href"].startswith("/asn/asn-")
    assert client.get("/cari.json?q=19850315").get_json()["rows"] == []
    assert [row["id"] for row in client.get("/cari.json?q=19850315", headers=AS_READER).get_json()["rows"]] == [
        NIP_SITI
    ]
    # the pseudonym opens the line of sight and the panel, never showing the NIP
    page = client.get(found[0]["href"])
    assert page.status_code == 200 and "Garis Pandang: Siti Rahmawati" in page.get_data(as_text=True)
    reference = found[0]["href"].rsplit("/", 1)[1]
    panel = client.get(f"/api/elements/{reference}").get_json()["element"]
    assert panel["nip"] == "198503**********02" and panel["id"] == reference and panel["title"] == "Siti Rahmawati"


def test_search_by_name_code_and_id_is_case_insensitive(client, loaded):
    def kinds(q):
        return {(row["kind"], row["id"]) for row in client.get("/cari.json", query_string={"q": q}).get_json()["rows"]}

    assert ("Goal", "SK-IMUN") in kinds("IMUNISASI") and ("Activity", "SK-1") in kinds("imunisasi")
    assert kinds("1.02.02.2.01.0002") == {("Activity", "SK-2")}
    assert kinds("dinas kesehatan") >= {("Unit", "DINKES")}
    assert kinds("siti") == {("ASN", "198503**********02")}
    assert kinds("   ") == set() and kinds("tidak-ada-apa-apa") == set()
    rows = client.get("/cari.json?q=sk-imun").get_json()["rows"]
    assert rows[0]["id"] == "SK-IMUN" and rows[0]["exact"] is True and rows[0]["href"] == "/elemen/SK-IMUN"


def test_the_panel_endpoint_describes_any_node(client, loaded):
    goal = client.get("/api/elements/SK-IMUN").get_json()["element"]
    assert (goal["kind"], goal["level"], goal["unit"]["id"], goal["opd"]["id"]) == (
        "Goal",
        "sasaran_kegiatan",
        "DINKES-YANKES",
        "DINKES",
    )
    [indicator] = goal["indicators"]
    assert indicator["id"] == "I-SK" and indicator["years"][0]["capaian"] == pytest.approx(95.0)
    assert {link["href"] for link in goal["links"]} >= {"/elemen/SK-IMUN", "/pohon/DINKES-YANKES"}
    assert {item["id"] for item in goal["contributors"]} == {"RHK-1", "K-1", "SK-1"}
    s1 = client.get("/api/elements/S1").get_json()["element"]["indicators"][0]
    assert [(year["year"], year["capaian"]) for year in s1["years"]] == [(2025, 110.0), (2026, None)]  # negatif
    activity = client.get("/api/elements/SK-1").get_json()["element"]
    assert (activity["budget"], activity["year"], activity["parent"]["id"]) == (250_000_000, 2026, "K-1")
    unit = client.get("/api/elements/DINKES?year=2026").get_json()["element"]
    assert (unit["kind"], unit["staff_count"], unit["budget_total"]) == ("Unit", 5, 325_000_000)
    person = client.get(f"/api/elements/{NIP_SITI}", headers=AS_READER).get_json()["element"]
    assert (person["kind"], person["nip"], [item["id"] for item in person["assigned_to"]]) == (
        "ASN",
        NIP_SITI,
        ["SP-YANKES"],
    )
    assert_error(client.get("/api/elements/SK-IMUN?year=abc"), 400)


def test_finding_page_links_rows_to_their_views(client, loaded):
    data = client.get("/temuan/orphaned_staff.json", headers=AS_READER).get_json()
    assert {row["nip"] for row in data["rows"]} == {NIP_RINA, NIP_JOKO}
    assert {link["nip"] for link in data["links"]} == {f"/asn/{NIP_RINA}", f"/asn/{NIP_JOKO}"}
    leverage = client.get("/temuan/activities_without_leverage?tahun=2026").get_data(as_text=True)
    assert '<a href="/elemen/SK-2">SK-2</a>' in leverage and "Tampilkan di pohon kinerja" in leverage
