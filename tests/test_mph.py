"""The Matriks Peran Hasil (graph/mph.py, service/pages/mph.py): on a hand-built unit whose matrix is worked out by
hand, and on the sample kabupaten against networkx computing the same cells; the XLSX in the MPH layout, the
print page, the API, NIP masking for anonymous readers and the link from the OPD's page."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from test_queries_people import INTERVENSI
from test_service_support import AS_READER, make_app

from bench.run import load_networkx
from graph.catalog import load_catalog
from graph.documents import DocumentNotFound
from graph.model import derive_implied_edges
from graph.mph import EMPTY_COLUMN, EMPTY_ROW, STAFF_GROUP, build

CATALOG = load_catalog()
DINKES = "U-DINKES"


def masked(nip: str) -> str:
    return nip[:6] + "*" * 10 + nip[-2:]


def test_the_matrix_of_a_seksi_and_of_a_bidang(runner):
    runner.write(INTERVENSI)
    runner.write(
        "MATCH (b:ASN {nip: '197001011990011003'}) CREATE (b)-[:ASSIGNED_TO]->(:Goal {id: 'SP2', "
        "level: 'sasaran_program', statement: 'Tanpa dukungan'})"
    )
    derive_implied_edges(runner)
    seksi = build(runner, CATALOG, "SEK")
    assert seksi["head"]["nip"] == "197001011990011004"
    assert [column["nip"][-2:] for column in seksi["columns"]] == ["11", "13", "14", "15"]
    assert [row["id"] for row in seksi["rows"]] == ["IK"]
    assert [[item["id"] for item in cell] for cell in seksi["rows"][0]["cells"]] == [["R1"], [], [], []]
    assert [column["empty"] for column in seksi["columns"]] == [False, True, True, True]
    assert seksi["empty_rows"] == 0 and seksi["empty_columns"] == 3
    bidang = build(runner, CATALOG, "BID")
    assert bidang["head"]["nip"] == "197001011990011003"
    assert [column["nip"][-2:] for column in bidang["columns"]] == ["04", "12"]
    cells = {row["id"]: [[item["id"] for item in cell] for cell in row["cells"]] for row in bidang["rows"]}
    assert cells == {"SP": [["IK"], ["R2"]], "SP2": [[], []]}  # K's indicator reaches SP through SK
    assert [row["empty"] for row in bidang["rows"]] == [False, True] and bidang["empty_columns"] == 0
    with pytest.raises(DocumentNotFound):
        build(runner, CATALOG, "NOWHERE")


def test_a_unit_without_members_has_an_empty_matrix(runner):
    runner.write("CREATE (:Unit {id: 'KOSONG', name: 'Seksi Kosong', kind: 'unit_kerja'})")
    matrix = build(runner, CATALOG, "KOSONG")
    assert matrix["head"] is None and matrix["rows"] == [] and matrix["columns"] == []


def test_the_sample_matrix_agrees_with_networkx(sample):
    import networkx as nx

    graph = load_networkx(sample)
    up = nx.DiGraph([(a, b) for a, b, d in graph.edges(data=True) if d["type"] == "CONTRIBUTES_TO"])
    results = {}
    for a, b, d in graph.edges(data=True):
        if d["type"] == "ASSIGNED_TO" and graph.nodes[b]["label"] in ("Goal", "Indicator"):
            results.setdefault(a, set()).add(b)
    checked = 0
    for unit in ("U-DINKES", "U-DINKES-01", "U-SETDA"):
        matrix = build(sample, CATALOG, unit)
        head = matrix["head"]["nip"]
        staff = sorted(a for a, b, d in graph.edges(data=True) if d["type"] == "REPORTS_TO" and b == head)
        assert [column["nip"] for column in matrix["columns"]] == staff
        assert {row["id"] for row in matrix["rows"]} == results.get(head, set())
        for row in matrix["rows"]:
            for column, cell in zip(matrix["columns"], row["cells"]):
                expected = {
                    r
                    for r in results.get(column["nip"], set())
                    if r == row["id"] or (r in up and row["id"] in nx.descendants(up, r))
                }
                assert {item["id"] for item in cell} == expected
                checked += bool(expected)
    assert checked > 10


def test_api_xlsx_page_and_masking(sample):
    client = make_app(sample).test_client()
    data = client.get(f"/api/mph/{DINKES}", headers=AS_READER).get_json()
    assert data["ok"] and data["unit_id"] == DINKES and data["rows"] and data["columns"]
    head, first = data["head"]["nip"], data["columns"][0]["nip"]
    anonymous = client.get(f"/api/mph/{DINKES}.json").get_json()
    assert anonymous["head"]["nip"] == masked(head) and anonymous["columns"][0]["nip"] == masked(first)
    workbook = client.get(f"/api/mph/{DINKES}.xlsx", headers=AS_READER)
    assert workbook.status_code == 200 and workbook.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "MATRIKS PERAN HASIL" in texts and STAFF_GROUP in texts and "RHK atasan" in texts
    assert any(f"NIP {first}" in text for text in texts)
    assert any(str(merged).startswith("C") for merged in sheet.merged_cells.ranges)  # the staff group header
    assert sheet.page_setup.orientation == "landscape"
    empty_columns = texts.count(EMPTY_COLUMN)
    assert empty_columns == data["empty_columns"] and texts.count(EMPTY_ROW) == data["empty_rows"]
    hidden = client.get(f"/api/mph/{DINKES}.xlsx")
    texts = [
        cell.value
        for row in load_workbook(io.BytesIO(hidden.data)).active.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not any(first in text or head in text for text in texts)
    assert any(f"NIP {masked(first)}" in text for text in texts)
    page = client.get(f"/mph/{DINKES}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    body = page.get_data(as_text=True)
    assert "MATRIKS PERAN HASIL" in body and masked(first) in body and first not in body
    assert f"/api/mph/{DINKES}.xlsx" in body
    assert f"/mph/{DINKES}" in client.get(f"/pohon/{DINKES}").get_data(as_text=True)
    assert client.get("/api/mph/U-NONE").status_code == 404
    assert client.get("/mph/U-NONE").status_code == 404
    assert client.get(f"/api/mph/{DINKES}?format=pdf").status_code == 400
    assert client.get(f"/api/mph/{DINKES}?bogus=1").status_code == 400
    assert client.get("/api/mph/" + "U" * 201).status_code == 400
