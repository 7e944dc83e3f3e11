"""A finding is one file: a .cypher file with a finding header, dropped into a catalog folder, shows up in the
audit, the Beranda, its finding page, the tree's legend, the exports, /api/audit/<name> and the OpenAPI
document; a catalog missing a query the product calls, or malformed, stops the service and the CLI at start."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_service_support import AS_READER, TOKENS, make_app

import cli.main as cli
from graph.audit import run_audit, summary_rows
from graph.catalog import CYPHER_DIR, REQUIRED_QUERIES, CatalogError, load_catalog, load_complete_catalog
from graph.model import OUTCOME_LEVELS
from service import create_app

pytest_plugins = ("test_service_support",)  # the runner and loaded fixtures

# Marks every sasaran program and sasaran kegiatan of the tree (mini: SP-YANKES and SK-IMUN, of DINKES-YANKES).
NEW_FINDING = """// name: tactical_goals_listed
// finding: Sasaran taktis tercatat
// finding description: Setiap sasaran program dan sasaran kegiatan, dengan pagu contoh.
// finding order: 5
// finding key: taktis
// finding budget: pagu_contoh
// finding marks id Goal: Sasaran taktis yang ditandai
// finding column id Goal: Kode sasaran
// finding column statement: Pernyataan sasaran
// Every tactical goal (a test's finding).
// param unit: str? Only goals of this unit or below it.
MATCH (g:Goal)
WHERE g.level IN ['sasaran_program', 'sasaran_kegiatan']
  AND ($unit IS NULL OR EXISTS { MATCH (g)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
RETURN g.id AS id, g.statement AS statement, 1000 AS pagu_contoh
ORDER BY id
"""


def catalog_with(folder: Path, **files: str) -> Path:
    """The shipped catalog copied to `folder`, with files added or replaced (name -> text)."""
    shutil.copytree(CYPHER_DIR, folder)
    for name, text in files.items():
        (folder / f"{name}.cypher").write_text(text, encoding="utf-8")
    return folder


def payload(body: str) -> dict:
    """The network data a page embeds for pokin-view.js."""
    match = re.search(r'<script type="application/json" id="pokin-jaringan-data">(.*?)</script>', body, re.S)
    assert match, "the page embeds its network"
    return json.loads(match.group(1))


@pytest.fixture
def added(tmp_path, loaded):
    """An app on tests/data/mini whose catalog folder (CATALOG_DIR) holds the shipped queries and NEW_FINDING."""
    folder = catalog_with(tmp_path / "cypher", tactical_goals_listed=NEW_FINDING)
    return make_app(loaded, CATALOG_DIR=str(folder)).test_client()


def test_a_finding_added_as_one_file_shows_up_in_the_audit(tmp_path, loaded):
    catalog = load_catalog(catalog_with(tmp_path / "cypher", tactical_goals_listed=NEW_FINDING))
    results = run_audit(loaded, catalog)
    assert [row["id"] for row in results["tactical_goals_listed"]] == ["SK-IMUN", "SP-YANKES"]
    summary = summary_rows(catalog, results)
    assert summary[0] == {
        "finding": "tactical_goals_listed",
        "title": "Sasaran taktis tercatat",
        "count": 2,
        "budget": 2000,
    }  # order 5: first; its budget column
    assert {row["finding"] for row in summary} >= {"orphaned_staff", "activities_without_leverage"}


def test_a_finding_added_as_one_file_shows_up_on_the_pages(added):
    home = added.get("/beranda.json").get_json()
    card = home["findings"][0]
    assert (card["finding"], card["title"], card["count"], card["budget"]) == (
        "tactical_goals_listed",
        "Sasaran taktis tercatat",
        2,
        2000,
    )
    assert card["tree_href"].startswith("/pohon?audit=1")  # it marks the tree
    assert "Sasaran taktis tercatat" in added.get("/beranda").get_data(as_text=True)

    page = added.get("/temuan/tactical_goals_listed.json").get_json()
    assert (page["title"], page["description"]) == ("Sasaran taktis tercatat", NEW_DESCRIPTION)
    assert page["headers"] == {"id": "Kode sasaran", "statement": "Pernyataan sasaran", "pagu_contoh": "pagu_contoh"}
    assert page["links"][0]["id"] == "/elemen/SK-IMUN"
    html = added.get("/temuan/tactical_goals_listed").get_data(as_text=True)
    assert '<th scope="col">Kode sasaran</th>' in html and NEW_DESCRIPTION in html

    tree = added.get("/pohon/DINKES.json?audit=1").get_json()
    assert {(row["id"], row["finding"], row["name"]) for row in tree["findings"]} >= {
        ("SK-IMUN", "taktis", "Sasaran taktis yang ditandai"),
        ("SP-YANKES", "taktis", "Sasaran taktis yang ditandai"),
    }
    legend = payload(added.get("/pohon/DINKES?audit=1").get_data(as_text=True))["pokin"]["legend"]
    assert "Sasaran taktis yang ditandai" in {entry["label"] for entry in legend}


NEW_DESCRIPTION = "Setiap sasaran program dan sasaran kegiatan, dengan pagu contoh."


def test_a_finding_added_as_one_file_is_served_exported_and_documented(added):
    body = added.get("/api/audit/tactical_goals_listed?unit=DINKES").get_json()
    assert body["columns"] == ["id", "statement", "pagu_contoh"]
    assert [row["id"] for row in body["rows"]] == ["SK-IMUN", "SP-YANKES"]
    assert body == added.get("/api/audit/tactical_goals_listed.json?unit=DINKES").get_json()
    exported = added.get("/api/audit/tactical_goals_listed.csv")
    assert exported.mimetype == "text/csv"
    rows = csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff")))
    assert [row["id"] for row in rows] == ["SK-IMUN", "SP-YANKES"]
    sheet = load_workbook(io.BytesIO(added.get("/api/audit/tactical_goals_listed.xlsx").data)).active
    assert [cell.value for cell in sheet[1]][:2] == ["id", "statement"]
    summary = added.get("/api/audit").get_json()
    assert summary["counts"]["tactical_goals_listed"] == 2 and summary["rows"][0]["budget"] == 2000

    document = added.get("/api/openapi.json").get_json()
    op = document["paths"]["/api/audit/tactical_goals_listed"]["get"]
    assert op["summary"] == "Sasaran taktis tercatat" and NEW_DESCRIPTION in op["description"]
    assert {"$ref": "#/components/parameters/unit"} in op["parameters"]
    assert {"$ref": "#/components/parameters/year"} not in op["parameters"]  # it declares no $year


def test_every_finding_has_its_path_and_the_two_old_paths_answer_the_same(client, loaded):
    findings = client.get("/api/audit").get_json()["rows"]
    document = client.get("/api/openapi.json").get_json()
    for row in findings:
        assert client.get(f"/api/audit/{row['finding']}").status_code == 200, row
        assert f"/api/audit/{row['finding']}" in document["paths"]
    for old, name in (
        ("orphaned-staff", "orphaned_staff"),
        ("activities-without-leverage", "activities_without_leverage"),
    ):
        for query in ("", "?year=2026&unit=DINKES"):
            assert (
                client.get(f"/api/audit/{old}{query}", headers=AS_READER).get_json()
                == client.get(f"/api/audit/{name}{query}", headers=AS_READER).get_json()
            )
        assert client.get(f"/api/audit/{old}.csv").data == client.get(f"/api/audit/{name}.csv").data
        assert f"/api/audit/{old}" in document["paths"]
    assert client.get("/api/audit/pemda_overview").status_code == 404  # a query, not a finding
    assert client.get("/api/audit/indicators_incomplete").get_json()["ok"]  # its default figures year


def test_outcome_levels_come_from_the_model():
    catalog = load_catalog()
    users = [query for query in catalog if "outcome_levels" in query.constants]
    assert len(users) >= 9
    for query in users:
        assert query.constant_values() == {"outcome_levels": list(OUTCOME_LEVELS)}, query.name
    for path in CYPHER_DIR.glob("*.cypher"):
        assert "['visi', 'misi', 'tujuan', 'sasaran']" not in path.read_text(encoding="utf-8"), path


def test_an_incomplete_or_malformed_catalog_stops_the_service_at_start(tmp_path, runner):
    missing = catalog_with(tmp_path / "missing")
    (missing / "view_tree.cypher").unlink()
    with pytest.raises(CatalogError, match="misses view_tree"):
        create_app({"TESTING": True, "RUNNER": runner, "TOKENS": TOKENS, "CATALOG_DIR": str(missing)})
    with pytest.raises(CatalogError, match="misses achievement"):
        create_app({"TESTING": True, "RUNNER": runner, "CATALOG": load_catalog(tmp_path / "missing" / "none")})
    broken = catalog_with(
        tmp_path / "broken",
        orphaned_staff=(CYPHER_DIR / "orphaned_staff.cypher")
        .read_text(encoding="utf-8")
        .replace("// finding marks nip ASN:", "// finding marks nip Person:"),
    )
    with pytest.raises(CatalogError) as failed:
        create_app({"TESTING": True, "RUNNER": runner, "CATALOG_DIR": str(broken)})
    assert re.match(rf"{broken / 'orphaned_staff.cypher'}:\d+: unknown label 'Person'", str(failed.value))
    assert set(load_catalog().queries) >= REQUIRED_QUERIES  # the shipped catalog is complete


def test_an_incomplete_catalog_stops_the_cli(monkeypatch, tmp_path):
    folder = catalog_with(tmp_path / "cypher")
    (folder / "search.cypher").unlink()
    monkeypatch.setattr(cli, "load_complete_catalog", lambda: load_complete_catalog(folder))
    result = CliRunner().invoke(cli.main, ["queries"])
    assert result.exit_code != 0 and "misses search" in result.output


BASE = "// name: f\n// Doc.\n"
BODY = "MATCH (g:Goal) WHERE $year IS NOT NULL RETURN g.id AS id, g.level AS level\n"


@pytest.mark.parametrize(
    "header, line, fragment",
    [
        ("// finding description: Tanpa judul.\n", 3, "declare '// finding: TITLE' before"),
        ("// finding: Judul\n", 3, "needs a '// finding description: ...' line"),
        (
            "// finding: Judul\n// finding description: D.\n// finding budget: pagu\n",
            5,
            "column 'pagu' is not returned",
        ),
        ("// finding: Judul\n// finding description: D.\n// finding marks id Person: T\n", 5, "unknown label 'Person'"),
        ("// finding: Judul\n// finding description: D.\n// finding marks id: T\n", 5, "finding marks COLUMN LABEL"),
        ("// finding: Judul\n// finding description: D.\n// finding year: tahun\n", 5, "budget or figures"),
        ("// finding: Judul\n// finding description: D.\n// finding order: awal\n", 5, "whole number"),
        ("// finding: Judul\n// finding description: D.\n// finding key: Bad-Key\n", 5, "lower_snake_case"),
        ("// finding: Judul\n// finding: Lagi\n// finding description: D.\n", 4, "declared twice"),
        ("// finding: Judul\n// finding description: D.\n// finding colour: merah\n", 5, "unknown finding line"),
        ("// finding: Judul\n// finding description: D.\n// finding column level X Y: Level\n", 5, "COLUMN [LABEL]"),
        ("// const levels\n", 3, "unknown constant 'levels'"),
    ],
)
def test_a_bad_finding_header_fails_naming_path_and_line(tmp_path, header, line, fragment):
    path = tmp_path / "f.cypher"
    path.write_text(BASE + header + "// param year: int\n" + BODY, encoding="utf-8")
    with pytest.raises(CatalogError) as failed:
        load_catalog(tmp_path)
    assert str(failed.value).startswith(f"{path}:{line}: "), str(failed.value)
    assert fragment in str(failed.value)


def test_finding_keys_are_unique_and_constants_cannot_be_given(tmp_path):
    finding = "// finding: Judul\n// finding description: D.\n// finding key: sama\n"
    (tmp_path / "a.cypher").write_text("// name: a\n" + finding + "// param year: int\n" + BODY, encoding="utf-8")
    (tmp_path / "b.cypher").write_text("// name: b\n" + finding + "// param year: int\n" + BODY, encoding="utf-8")
    with pytest.raises(CatalogError, match="finding key 'sama' is already used"):
        load_catalog(tmp_path)
    (tmp_path / "b.cypher").unlink()
    (tmp_path / "c.cypher").write_text(
        "// name: c\n// Doc.\n// const outcome_levels\nMATCH (g:Goal) WHERE g.level IN $outcome_levels RETURN g\n",
        encoding="utf-8",
    )
    query = load_catalog(tmp_path)["c"]
    assert query.bind({}) == {"outcome_levels": list(OUTCOME_LEVELS)}
    with pytest.raises(Exception, match="unknown parameter 'outcome_levels'"):
        query.bind({"outcome_levels": ["rhk"]})
