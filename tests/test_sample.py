"""The bundled sample kabupaten: it imports with the expected counts (CSV and workbook alike), re-imports
without changes, and the audit queries find exactly the defects planted in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import snapshot

from graph.catalog import load_catalog
from graph.importer import import_path

SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"
EXPECTED = json.loads((SAMPLE / "expected.json").read_text())
CATALOG = load_catalog()


@pytest.fixture(scope="module")
def loaded(session_runner):
    session_runner.write("MATCH (n) DETACH DELETE n")
    report = import_path(SAMPLE, session_runner)
    return session_runner, report


def test_sample_imports_with_the_expected_counts(loaded):
    runner, report = loaded
    counts = EXPECTED["counts"]
    labels = {
        row["label"]: row["n"] for row in runner.read("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    }
    assert labels == {
        "Unit": counts["units"],
        "Goal": counts["goals"],
        "Indicator": counts["indicators"],
        "IndicatorYear": counts["indicator_rows"],
        "Activity": counts["activities"],
        "ASN": counts["staff"],
        "PokinImportLock": 1,  # the import lock (graph/model.py)
        "PokinImport": 1,
        "PokinVersion": 1,
    }  # the import's record in the import log (graph/importer/outcome.py), the version's (graph/versions.py)
    rels = {
        row["type"]: row["n"]
        for row in runner.read("MATCH ()-[r]->() WHERE r.implied IS NULL RETURN type(r) AS type, count(*) AS n")
    }
    assert rels == EXPECTED["relationships"]
    # plus one implied indicator→goal CONTRIBUTES_TO per MEASURED_BY (graph/model.py)
    implied = runner.read(
        "MATCH (i:Indicator)-[r:CONTRIBUTES_TO]->(g:Goal|Activity) WHERE r.implied "
        "RETURN count(r) AS n, count(CASE WHEN EXISTS { (g)-[:MEASURED_BY]->(i) } THEN 1 END) AS ok"
    )
    assert implied == [{"n": EXPECTED["relationships"]["MEASURED_BY"], "ok": EXPECTED["relationships"]["MEASURED_BY"]}]
    totals = runner.read(
        "MATCH (a:Activity {kind: 'subkegiatan'}) RETURN toString(a.year) AS year, count(a) AS n, sum(a.budget) AS budget"
    )
    assert {row["year"]: row["budget"] for row in totals} == counts["budget_by_year"]
    assert sum(row["n"] for row in totals) == counts["subkegiatan"]
    assert report.dataset == "U-PEMDA"
    on_activities = runner.read("MATCH (a:Activity)-[:MEASURED_BY]->(i:Indicator) RETURN count(i) AS n")[0]["n"]
    assert on_activities == counts["activity_indicators"]
    kinds = {row["kind"]: row["n"] for row in runner.read("MATCH (s:ASN) RETURN s.asn_kind AS kind, count(*) AS n")}
    assert kinds == {"PPPK": counts["pppk"], "PNS": counts["staff"] - counts["pppk"]}


def test_sample_indicators_on_activities_are_realistic_and_no_finding(loaded):
    """Most kegiatan and sub-kegiatan carry an output indicator and most programs an outcome one; those output
    indicators are what activities should have: the findings on indicators stay exactly the planted ones."""
    runner, _ = loaded
    share = {
        row["kind"]: row["share"]
        for row in runner.read(
            "MATCH (a:Activity) RETURN a.kind AS kind, "
            "toFloat(count(CASE WHEN EXISTS { (a)-[:MEASURED_BY]->(:Indicator) } THEN 1 END)) / count(a) AS share"
        )
    }
    assert all(share[kind] >= 0.6 for kind in ("program", "kegiatan", "subkegiatan")), share
    defects = EXPECTED["defects"]
    found = sorted({row["id"] for row in CATALOG.run(runner, "output_indicators_as_outcomes")})
    assert found == defects["output_indicators_as_outcome"]
    # (the sample's sasaran_subkegiatan carry no indicators by design: expected.json lists the levels above)
    assert sorted(
        row["id"] for row in CATALOG.run(runner, "goals_without_indicator") if row["level"] != "sasaran_subkegiatan"
    ) == sorted(defects["goals_without_indicator"])


def test_sample_reimport_changes_nothing(loaded):
    runner, _ = loaded
    before = snapshot(runner)
    report = import_path(SAMPLE, runner)
    assert (
        report.written.nodes_created,
        report.written.nodes_deleted,
        report.written.relationships_created,
        report.written.relationships_deleted,
    ) == (0, 0, 0, 0)
    assert snapshot(runner) == before


def test_sample_orphaned_staff_are_exactly_the_planted_ones(loaded):
    runner, _ = loaded
    rows = CATALOG.run(runner, "orphaned_staff")
    found = {row["nip"]: row["reason"] for row in rows}
    expected = {nip: "unassigned" for nip in EXPECTED["defects"]["unassigned_staff"]}
    expected.update({nip: "dead_end" for nip in EXPECTED["defects"]["dead_end_staff"]})
    assert found == expected


@pytest.mark.parametrize("year", [2025, 2026])
def test_sample_activities_without_leverage_are_exactly_the_planted_ones(loaded, year):
    """Each budget year's DPA shows the planted activities of that year (the tree is the same in both)."""
    runner, _ = loaded
    rows = CATALOG.run(runner, "activities_without_leverage", {"year": year})
    found = {row["id"]: row["reason"] for row in rows}
    of_year = {row["id"] for row in runner.read("MATCH (a:Activity {year: $year}) RETURN a.id AS id", {"year": year})}
    expected = {id_: "unlinked" for id_ in EXPECTED["defects"]["unlinked_activities"] if id_ in of_year}
    expected.update({id_: "dead_end" for id_ in EXPECTED["defects"]["dead_end_activities"] if id_ in of_year})
    assert len(expected) >= 20 and found == expected
    at_risk = CATALOG.run(runner, "budget_at_risk_by_unit", {"year": year})
    assert sum(row["budget_at_risk"] for row in at_risk) == sum(row["budget"] or 0 for row in rows)


def test_sample_workbook_equals_the_csv_folder(loaded):
    runner, _ = loaded
    from_csv = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    report = import_path(SAMPLE / "kabupaten_sukamaju.xlsx", runner)
    assert report.dataset == "U-PEMDA"
    assert snapshot(runner) == from_csv


def test_sample_crosscutting_is_only_what_links_csv_plants(loaded):
    """Every pair of the crosscutting matrix comes from the crosscutting the sample plants in links.csv (directly
    or through a chain of its links), so nothing the generator adds by accident shows as one OPD depending on
    another (as a unit assigned to a Pemda goal once made Bappeda look like Inspektorat's supplier)."""
    import csv
    from collections import defaultdict

    def rows(name: str) -> list[dict[str, str]]:
        with open(SAMPLE / f"{name}.csv", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    units = {u["id"]: u for u in rows("units")}

    def opd(unit: str) -> str:
        while units[unit]["kind"] not in ("perangkat_daerah", "pemda"):
            unit = units[unit]["parent_id"]
        return unit

    owner = {u: opd(u) for u in units}
    owner.update({g["id"]: opd(g["unit_id"]) for g in rows("goals")})
    owner.update({a["id"]: opd(a["unit_id"]) for a in rows("activities")})
    owner.update({s["nip"]: opd(s["unit_id"]) for s in rows("staff")})
    owner.update({i["id"]: owner[i["goal_id"] or i["element_id"]] for i in rows("indicators")})
    reach: dict[str, set[str]] = defaultdict(set)
    for link in rows("links"):
        reach[owner[link["from_id"]]].add(owner[link["to_id"]])
    for _ in range(len(reach)):  # transitive closure over the OPDs
        for frm in list(reach):
            reach[frm] |= {far for near in list(reach[frm]) for far in reach.get(near, set())}
    runner, _ = loaded
    pairs = {(row["from_unit_id"], row["to_unit_id"]) for row in CATALOG.run(runner, "crosscutting_matrix", {})}
    assert pairs and all(to in reach[frm] for frm, to in pairs), sorted(p for p in pairs if p[1] not in reach[p[0]])
