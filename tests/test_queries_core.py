"""orphaned_staff, activities_without_leverage and budget_at_risk_by_unit on hand-built graphs."""

from __future__ import annotations

import pytest

from graph.catalog import load_catalog
from graph.model import derive_implied_edges

CATALOG = load_catalog()

# Pemda P with OPD A (sub-unit A1) and OPD B. Outcome chain: V <- S <- SP(A) <- SK(A).
# SK's indicator I-SK is the target of RHK-I (an indicator standing for its goal).
# Crosscutting: act X of A contributes to B's goal GB (sasaran) with weight 0.5.
# Dead ends: RHK-D (rhk, contributes to nothing), cycle C1 -> C2 -> C1 (sasaran_kegiatan, no outcome).
GRAPH = """
CREATE (p:Unit {id: 'P', name: 'Pemda', kind: 'pemda'}),
       (a:Unit {id: 'A', name: 'Dinas A', kind: 'perangkat_daerah'})-[:PART_OF]->(p),
       (a1:Unit {id: 'A1', name: 'Bidang A1', kind: 'unit_kerja'})-[:PART_OF]->(a),
       (b:Unit {id: 'B', name: 'Dinas B', kind: 'perangkat_daerah'})-[:PART_OF]->(p),
       (v:Goal {id: 'V', level: 'visi'}), (s:Goal {id: 'S', level: 'sasaran'})-[:CONTRIBUTES_TO]->(v),
       (sp:Goal {id: 'SP', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(s),
       (sk:Goal {id: 'SK', level: 'sasaran_kegiatan'})-[:CONTRIBUTES_TO]->(sp),
       (isk:Indicator {id: 'I-SK', name: 'Cakupan'}), (sk)-[:MEASURED_BY]->(isk),
       (rhki:Goal {id: 'RHK-I', level: 'rhk'})-[:CONTRIBUTES_TO]->(isk),
       (rhkd:Goal {id: 'RHK-D', level: 'rhk'}),
       (c1:Goal {id: 'C1', level: 'sasaran_kegiatan'}), (c2:Goal {id: 'C2', level: 'sasaran_kegiatan'}),
       (c1)-[:CONTRIBUTES_TO]->(c2), (c2)-[:CONTRIBUTES_TO]->(c1),
       (gb:Goal {id: 'GB', level: 'sasaran'}), (b)-[:ASSIGNED_TO]->(gb),
       (a1)-[:ASSIGNED_TO]->(sk), (a)-[:ASSIGNED_TO]->(sp),
       (ok:Activity {id: 'OK', kind: 'subkegiatan', code: '1.01', year: 2026, budget: 100})-[:CONTRIBUTES_TO]->(isk),
       (x:Activity {id: 'X', kind: 'subkegiatan', code: '1.02', year: 2026, budget: 200})
           -[:CONTRIBUTES_TO {weight: 0.5}]->(gb),
       (un:Activity {id: 'UN', kind: 'subkegiatan', code: '1.03', year: 2026, budget: 300}),
       (de:Activity {id: 'DE', kind: 'subkegiatan', code: '1.04', year: 2026, budget: 400})-[:CONTRIBUTES_TO]->(c1),
       (old:Activity {id: 'OLD', kind: 'kegiatan', code: '1.05', year: 2025})-[:PART_OF]->(:Activity {id: 'PRG', kind: 'program', code: '1', year: 2025}),
       (a1)-[:ASSIGNED_TO]->(ok), (a)-[:ASSIGNED_TO]->(x), (a1)-[:ASSIGNED_TO]->(un), (a1)-[:ASSIGNED_TO]->(de),
       (b)-[:ASSIGNED_TO]->(old),
       (head:ASN {nip: 'N1', name: 'Kepala', position: 'Kepala Dinas'})-[:MEMBER_OF]->(a),
       (head)-[:ASSIGNED_TO]->(sp),
       (st1:ASN {nip: 'N2', name: 'Staf Indikator'})-[:MEMBER_OF]->(a1), (st1)-[:ASSIGNED_TO]->(rhki),
       (st2:ASN {nip: 'N3', name: 'Staf Buntu'})-[:MEMBER_OF]->(a1), (st2)-[:ASSIGNED_TO]->(rhkd),
       (st2)-[:ASSIGNED_TO]->(c2),
       (st3:ASN {nip: 'N4', name: 'Staf Tanpa Tugas'})-[:MEMBER_OF]->(b),
       (st4:ASN {nip: 'N5', name: 'Staf Kegiatan'})-[:MEMBER_OF]->(a1), (st4)-[:ASSIGNED_TO]->(ok),
       (st5:ASN {nip: 'N6', name: 'Tanpa Unit'})
"""


@pytest.fixture
def graph(runner):
    runner.write(GRAPH)
    return runner


def run(runner, name, **params):
    """Run a query on a graph built with raw Cypher: derive the implied indicator→goal edges first, as the
    importer does (graph/model.py)."""
    derive_implied_edges(runner)
    return CATALOG.run(runner, name, params)


def test_orphaned_staff(graph):
    rows = run(graph, "orphaned_staff")
    assert [(r["nip"], r["reason"], sorted(r["assigned_to"]), r["unit_id"]) for r in rows] == [
        ("N3", "dead_end", ["C2", "RHK-D"], "A1"),
        ("N4", "unassigned", [], "B"),
        ("N6", "unassigned", [], None),
    ]
    assert rows[0]["name"] == "Staf Buntu" and rows[0]["unit_name"] == "Bidang A1"


def test_orphaned_staff_of_a_unit_includes_its_sub_units(graph):
    assert [r["nip"] for r in run(graph, "orphaned_staff", unit="A")] == ["N3"]
    assert [r["nip"] for r in run(graph, "orphaned_staff", unit="B")] == ["N4"]
    assert [r["nip"] for r in run(graph, "orphaned_staff", unit="P")] == ["N3", "N4"]
    assert run(graph, "orphaned_staff", unit="NOPE") == []


def test_activities_without_leverage(graph):
    rows = run(graph, "activities_without_leverage")
    assert [(r["id"], r["reason"], r["unit_id"], r["budget"], r["contributes_to"]) for r in rows] == [
        ("UN", "unlinked", "A1", 300, []),
        ("DE", "dead_end", "A1", 400, ["C1"]),
        ("OLD", "unlinked", "B", None, []),
        ("PRG", "unlinked", None, None, []),
    ]
    assert [r["id"] for r in run(graph, "activities_without_leverage", year=2026)] == ["UN", "DE"]
    assert [r["id"] for r in run(graph, "activities_without_leverage", year=2026, unit="B")] == []
    assert [r["id"] for r in run(graph, "activities_without_leverage", unit="B")] == ["OLD"]


def test_budget_at_risk_by_unit(graph):
    rows = run(graph, "budget_at_risk_by_unit", year=2026)
    assert rows == [
        {
            "unit_id": "A1",
            "unit_name": "Bidang A1",
            "opd_id": "A",
            "opd_name": "Dinas A",
            "activities": 2,
            "budget_at_risk": 700,
        }
    ]


def test_empty_database_gives_empty_results(runner):
    for name in ("orphaned_staff", "activities_without_leverage", "budget_at_risk_by_unit"):
        assert run(runner, name) == []


def test_a_chain_thousands_deep_terminates_and_is_followed_to_the_top(runner):
    runner.write("""
        CREATE (top:Goal {id: 'TOP', level: 'visi'})
        WITH top
        UNWIND range(1, 3000) AS i
        CREATE (:Goal {id: 'L' + i, level: 'rhk', depth: i})
    """)
    runner.write("MATCH (a:Goal {depth: 1}), (top:Goal {id: 'TOP'}) CREATE (a)-[:CONTRIBUTES_TO]->(top)")
    runner.write("MATCH (a:Goal), (b:Goal) WHERE a.depth = b.depth + 1 CREATE (a)-[:CONTRIBUTES_TO]->(b)")
    runner.write(
        "MATCH (g:Goal {depth: 3000}) CREATE (:ASN {nip: 'DEEP'})-[:ASSIGNED_TO]->(g), "
        "(:Activity {id: 'ACT', kind: 'subkegiatan', year: 2026, budget: 1})-[:CONTRIBUTES_TO]->(g)"
    )
    # close a cycle in the middle too: traversals must still terminate
    runner.write("MATCH (a:Goal {depth: 1000}), (b:Goal {depth: 2000}) CREATE (a)-[:CONTRIBUTES_TO]->(b)")
    assert run(runner, "orphaned_staff") == []
    assert run(runner, "activities_without_leverage") == []


def test_the_audit_runs_on_an_empty_database(runner):
    from graph.audit import run_audit, summary_rows

    results = run_audit(runner, CATALOG)
    assert "indicators_incomplete" not in results  # it needs a year, and there is none in the data
    assert results and all(rows == [] for rows in results.values())
    assert all(row["count"] == 0 for row in summary_rows(CATALOG, results))
