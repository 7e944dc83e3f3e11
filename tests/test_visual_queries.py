"""The view_* named queries and visual.views against the real Neo4j, on tests/data/mini (worked out by hand).

tests/data/mini: Pemda PEMDA (V1 <- M1 <- T1 <- S1, S1 measured by I-S1); OPD DINKES with bidang
DINKES-YANKES (S-DINKES -> S1, SP-YANKES -> S-DINKES, SK-IMUN -> SP-YANKES measured by I-SK, RHK-1 -> SK-IMUN,
RHK-DEAD -> nothing); OPD DINSOS (S-DINSOS -> I-S1). Activities of 2026: P-1 (program, DINKES) -> SP-YANKES;
K-1 (kegiatan, PART_OF P-1) -> SK-IMUN; SK-1 (PART_OF K-1, Rp 250 juta) -> SK-IMUN and, weight 0.5, -> S-DINSOS
(crosscutting DINKES -> DINSOS); SK-2 (PART_OF K-1, Rp 75 juta) -> nothing. Staff: Budi -> S-DINKES, Siti ->
SP-YANKES, Andi -> RHK-1, Rina -> SK-2, Joko -> RHK-DEAD.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalog import load_catalog
from graph.importer import import_path
from visual import render, views

MINI = Path(__file__).resolve().parent / "data" / "mini"
CATALOG = load_catalog()
ANDI, RINA, JOKO = "199002022015032003", "199105052019022004", "199208082020121005"

PEMDA_IDS = {
    "V1",
    "M1",
    "T1",
    "S1",
    "I-S1",
    "S-DINKES",
    "SP-YANKES",
    "SK-IMUN",
    "I-SK",
    "RHK-1",
    "RHK-DEAD",
    "S-DINSOS",
    "P-1",
    "K-1",
    "SK-1",
    "SK-2",
}
CHAIN = {("M1", "V1", "CONTRIBUTES_TO"), ("T1", "M1", "CONTRIBUTES_TO"), ("S1", "T1", "CONTRIBUTES_TO")}
PEMDA_EDGES = CHAIN | {
    ("S-DINKES", "S1", "CONTRIBUTES_TO"),
    ("SP-YANKES", "S-DINKES", "CONTRIBUTES_TO"),
    ("SK-IMUN", "SP-YANKES", "CONTRIBUTES_TO"),
    ("RHK-1", "SK-IMUN", "CONTRIBUTES_TO"),
    ("S-DINSOS", "I-S1", "CONTRIBUTES_TO"),
    ("P-1", "SP-YANKES", "CONTRIBUTES_TO"),
    ("K-1", "SK-IMUN", "CONTRIBUTES_TO"),
    ("SK-1", "SK-IMUN", "CONTRIBUTES_TO"),
    ("SK-1", "S-DINSOS", "CONTRIBUTES_TO"),
    ("S1", "I-S1", "MEASURED_BY"),
    ("SK-IMUN", "I-SK", "MEASURED_BY"),
    ("K-1", "P-1", "PART_OF"),
    ("SK-1", "K-1", "PART_OF"),
    ("SK-2", "K-1", "PART_OF"),
}


@pytest.fixture
def mini(runner):
    import_path(MINI, runner)
    return runner


def run(runner, name, **params):
    rows = CATALOG.run(runner, name, params)
    nodes = {row["id"]: row for row in rows if row["kind"] == "node"}
    edges = {(row["from"], row["to"], row["type"]): row for row in rows if row["kind"] == "edge"}
    assert len(nodes) + len(edges) == len(rows), "a node or an edge is listed twice"
    return nodes, edges


def roles(nodes):
    found: dict[str, set[str]] = {}
    for node_id, row in nodes.items():
        found.setdefault(row["role"], set()).add(node_id)
    return found


# -- view_tree -----------------------------------------------------------------------------------------------------


def test_view_tree_of_the_pemda_has_every_goal_indicator_and_activity(mini):
    nodes, edges = run(mini, "view_tree")
    assert set(nodes) == PEMDA_IDS
    assert set(edges) == PEMDA_EDGES
    assert roles(nodes) == {"own": PEMDA_IDS}
    assert [key for key, row in edges.items() if row["crosscutting"]] == [("SK-1", "S-DINSOS", "CONTRIBUTES_TO")]
    assert edges[("SK-1", "S-DINSOS", "CONTRIBUTES_TO")]["weight"] == 0.5
    assert edges[("M1", "V1", "CONTRIBUTES_TO")]["weight"] == 1.0
    assert edges[("S1", "I-S1", "MEASURED_BY")]["weight"] is None
    assert {row["label"] for row in nodes.values()} == {"Goal", "Indicator", "Activity"}


def test_view_tree_node_details(mini):
    nodes, _ = run(mini, "view_tree")
    assert {key: nodes["I-S1"][key] for key in ("label", "level", "unit_id", "opd_id", "title")} == {
        "label": "Indicator",
        "level": "sasaran",
        "unit_id": "PEMDA",
        "opd_id": None,
        "title": "Angka kesakitan",
    }
    assert (nodes["I-SK"]["unit_id"], nodes["I-SK"]["opd_id"], nodes["I-SK"]["level"]) == (
        "DINKES-YANKES",
        "DINKES",
        "sasaran_kegiatan",
    )
    sk1 = nodes["SK-1"]
    assert (sk1["label"], sk1["level"], sk1["code"], sk1["year"], sk1["budget"]) == (
        "Activity",
        "subkegiatan",
        "1.02.02.2.01.0001",
        2026,
        250_000_000,
    )
    assert (sk1["unit_name"], sk1["opd_id"], sk1["opd_name"]) == (
        "Bidang Pelayanan Kesehatan",
        "DINKES",
        "Dinas Kesehatan",
    )
    opds = (nodes["S-DINKES"]["opd_id"], nodes["S-DINSOS"]["opd_id"], nodes["V1"]["opd_id"])
    assert opds == ("DINKES", "DINSOS", None)
    assert nodes["V1"]["unit_name"] == "Pemerintah Kabupaten Uji"


def test_view_tree_of_an_opd_is_its_cascade_up_to_the_top(mini):
    nodes, edges = run(mini, "view_tree", unit="DINKES")
    assert set(nodes) == PEMDA_IDS  # in mini, DINKES's cascade reaches everything
    assert set(edges) == PEMDA_EDGES
    assert roles(nodes) == {
        "own": {"S-DINKES", "SP-YANKES", "SK-IMUN", "I-SK", "RHK-1", "RHK-DEAD", "P-1", "K-1", "SK-1", "SK-2"},
        "context": {"V1", "M1", "T1", "S1", "I-S1", "S-DINSOS"},
    }


def test_view_tree_of_another_opd_brings_the_work_contributing_to_it(mini):
    nodes, edges = run(mini, "view_tree", unit="DINSOS")
    assert set(nodes) == {"S-DINSOS", "I-S1", "S1", "T1", "M1", "V1", "SK-1"}
    assert set(edges) == CHAIN | {
        ("S-DINSOS", "I-S1", "CONTRIBUTES_TO"),
        ("S1", "I-S1", "MEASURED_BY"),
        ("SK-1", "S-DINSOS", "CONTRIBUTES_TO"),
    }
    assert roles(nodes)["own"] == {"S-DINSOS"}
    assert edges[("SK-1", "S-DINSOS", "CONTRIBUTES_TO")]["crosscutting"] is True


def test_view_tree_year_filters_activities(mini):
    nodes, edges = run(mini, "view_tree", unit="DINKES", year=2025)
    assert set(nodes) == {
        "V1",
        "M1",
        "T1",
        "S1",
        "I-S1",
        "S-DINKES",
        "SP-YANKES",
        "SK-IMUN",
        "I-SK",
        "RHK-1",
        "RHK-DEAD",
    }
    assert set(edges) == CHAIN | {
        ("S-DINKES", "S1", "CONTRIBUTES_TO"),
        ("SP-YANKES", "S-DINKES", "CONTRIBUTES_TO"),
        ("SK-IMUN", "SP-YANKES", "CONTRIBUTES_TO"),
        ("RHK-1", "SK-IMUN", "CONTRIBUTES_TO"),
        ("S1", "I-S1", "MEASURED_BY"),
        ("SK-IMUN", "I-SK", "MEASURED_BY"),
    }
    everything, _ = run(mini, "view_tree", year=2026)
    assert set(everything) == PEMDA_IDS
    assert run(mini, "view_tree", year=2030)[0].keys() == PEMDA_IDS - {"P-1", "K-1", "SK-1", "SK-2"}


def test_view_tree_of_an_unknown_unit_is_empty(mini):
    assert CATALOG.run(mini, "view_tree", {"unit": "NOPE"}) == []


# -- view_line_of_sight --------------------------------------------------------------------------------------------


def test_line_of_sight_of_an_asn_reaching_the_vision(mini):
    nodes, edges = run(mini, "view_line_of_sight", nip=ANDI)
    assert roles(nodes) == {
        "focus": {ANDI},
        "unit": {"DINKES-YANKES"},
        "assigned": {"RHK-1"},
        "above": {"SK-IMUN", "SP-YANKES", "S-DINKES", "S1", "T1", "M1", "V1"},
    }
    assert set(edges) == CHAIN | {
        (ANDI, "RHK-1", "ASSIGNED_TO"),
        (ANDI, "DINKES-YANKES", "MEMBER_OF"),
        ("RHK-1", "SK-IMUN", "CONTRIBUTES_TO"),
        ("SK-IMUN", "SP-YANKES", "CONTRIBUTES_TO"),
        ("SP-YANKES", "S-DINKES", "CONTRIBUTES_TO"),
        ("S-DINKES", "S1", "CONTRIBUTES_TO"),
        ("DINKES-YANKES", "RHK-1", "ASSIGNED_TO"),
        ("DINKES-YANKES", "SK-IMUN", "ASSIGNED_TO"),
        ("DINKES-YANKES", "SP-YANKES", "ASSIGNED_TO"),
    }
    person = nodes[ANDI]
    assert (person["label"], person["title"], person["position"], person["unit_id"], person["opd_id"]) == (
        "ASN",
        "Andi Wijaya",
        "Pengelola Data",
        "DINKES-YANKES",
        "DINKES",
    )
    assert (nodes["DINKES-YANKES"]["label"], nodes["DINKES-YANKES"]["level"]) == ("Unit", "unit_kerja")
    assert not any(row["crosscutting"] for row in edges.values())


def test_line_of_sight_of_orphaned_staff_stops_at_the_assignment(mini):
    nodes, edges = run(mini, "view_line_of_sight", nip=RINA)
    assert roles(nodes) == {"focus": {RINA}, "unit": {"DINKES-YANKES"}, "assigned": {"SK-2"}}
    assert set(edges) == {
        (RINA, "SK-2", "ASSIGNED_TO"),
        (RINA, "DINKES-YANKES", "MEMBER_OF"),
        ("DINKES-YANKES", "SK-2", "ASSIGNED_TO"),
    }
    assert CATALOG.run(mini, "view_line_of_sight", {"nip": "000000000000000000"}) == []


# -- view_impact ---------------------------------------------------------------------------------------------------


def test_impact_of_a_goal_up_and_down(mini):
    nodes, edges = run(mini, "view_impact", id="SK-IMUN")
    assert roles(nodes) == {
        "focus": {"SK-IMUN"},
        "supports": {"SP-YANKES", "S-DINKES", "S1", "T1", "M1", "V1"},
        "supported_by": {"RHK-1", "K-1", "SK-1", "I-SK"},
    }
    assert set(edges) == CHAIN | {
        ("SK-IMUN", "SP-YANKES", "CONTRIBUTES_TO"),
        ("SP-YANKES", "S-DINKES", "CONTRIBUTES_TO"),
        ("S-DINKES", "S1", "CONTRIBUTES_TO"),
        ("RHK-1", "SK-IMUN", "CONTRIBUTES_TO"),
        ("K-1", "SK-IMUN", "CONTRIBUTES_TO"),
        ("SK-1", "SK-IMUN", "CONTRIBUTES_TO"),
        ("SK-IMUN", "I-SK", "MEASURED_BY"),
        ("SK-1", "K-1", "PART_OF"),
    }


def test_impact_goes_down_through_indicators(mini):
    nodes, edges = run(mini, "view_impact", id="S1")
    assert roles(nodes) == {
        "focus": {"S1"},
        "supports": {"T1", "M1", "V1"},
        "supported_by": {"I-S1", "S-DINSOS", "S-DINKES", "SP-YANKES", "SK-IMUN", "I-SK", "RHK-1", "P-1", "K-1", "SK-1"},
    }
    assert len(edges) == 16 and edges[("SK-1", "S-DINSOS", "CONTRIBUTES_TO")]["crosscutting"] is True


def test_impact_lists_the_staff_of_the_element(mini):
    nodes, edges = run(mini, "view_impact", id="RHK-1")
    assert roles(nodes)["staff"] == {ANDI} and (ANDI, "RHK-1", "ASSIGNED_TO") in edges
    assert "supported_by" not in roles(nodes)
    assert CATALOG.run(mini, "view_impact", {"id": "NOPE"}) == []


# -- cycles --------------------------------------------------------------------------------------------------------

CYCLIC = """
CREATE (p:Unit {id: 'P', name: 'Pemda', kind: 'pemda'}),
       (a:Unit {id: 'A', name: 'Dinas A', kind: 'perangkat_daerah'})-[:PART_OF]->(p),
       (v:Goal {id: 'V', level: 'visi'}), (p)-[:ASSIGNED_TO]->(v),
       (s:Goal {id: 'S', level: 'sasaran'})-[:CONTRIBUTES_TO]->(v), (a)-[:ASSIGNED_TO]->(s),
       (c1:Goal {id: 'C1', level: 'sasaran_kegiatan'}), (c2:Goal {id: 'C2', level: 'sasaran_kegiatan'}),
       (c1)-[:CONTRIBUTES_TO]->(c2), (c2)-[:CONTRIBUTES_TO]->(c1), (a)-[:ASSIGNED_TO]->(c1),
       (i:Indicator {id: 'I-C2', name: 'Indikator C2'}), (c2)-[:MEASURED_BY]->(i), (i)-[:CONTRIBUTES_TO]->(c1),
       (sp:Goal {id: 'SP', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(s), (s)-[:CONTRIBUTES_TO]->(sp),
       (c2)-[:CONTRIBUTES_TO]->(sp),
       (x:Activity {id: 'X', kind: 'subkegiatan', code: '1', year: 2026, budget: 5})-[:CONTRIBUTES_TO]->(c1),
       (a)-[:ASSIGNED_TO]->(x),
       (n:ASN {nip: 'N1', name: 'Staf'})-[:MEMBER_OF]->(a), (n)-[:ASSIGNED_TO]->(c2)
"""


def test_view_queries_terminate_on_cycles(runner):
    runner.write(CYCLIC)
    nodes, _ = run(runner, "view_tree", unit="A")
    assert set(nodes) == {"V", "S", "SP", "C1", "C2", "I-C2", "X"}
    nodes, _ = run(runner, "view_impact", id="C1")
    assert nodes["C1"]["role"] == "focus"
    assert roles(nodes) == {"focus": {"C1"}, "supports": {"C2", "SP", "S", "V"}, "supported_by": {"I-C2", "X"}}
    nodes, _ = run(runner, "view_line_of_sight", nip="N1")
    assert set(nodes) == {"N1", "A", "C2", "C1", "SP", "S", "V"}
    net = views.tree_view(runner, unit="A").network
    assert len(net.nodes) == 7


# -- visual.views --------------------------------------------------------------------------------------------------


def test_tree_view_builds_the_pemda_tree_and_writes_a_standalone_file(mini, tmp_path):
    view = views.tree_view(mini)
    assert view.kind == "pohon" and view.title == "Pohon Kinerja Pemerintah Kabupaten Uji"
    assert {item["id"] for item in view.network.nodes} == PEMDA_IDS
    assert len(view.network.edges) == len(PEMDA_EDGES)
    path = views.write_standalone(view, tmp_path / "pohon.html")
    page = path.read_text(encoding="utf-8")
    assert "Pohon Kinerja Pemerintah Kabupaten Uji" in page and '<html lang="id">' in page
    assert "https://" not in page.split("<script>", 1)[0]


def test_opd_view_with_audit_layers(mini):
    view = views.tree_view(mini, unit="DINKES", audit=True)
    assert view.kind == "opd" and view.title == "Cascading Kinerja Dinas Kesehatan"
    assert view.findings == {"SK-2": "no_leverage", RINA: "orphaned_staff", JOKO: "orphaned_staff"}
    nodes = {item["id"]: item for item in view.network.nodes}
    assert nodes["SK-2"]["borderWidth"] >= 4 and nodes[RINA]["borderWidth"] >= 4
    assert {(item["from"], item["to"]) for item in view.network.edges} >= {(RINA, "SK-2"), (JOKO, "RHK-DEAD")}
    assert nodes["V1"]["opacity"] < 1  # context of the OPD, faded


def test_staff_and_impact_views(mini):
    staff = views.staff_view(mini, ANDI)
    assert staff.kind == "staff" and staff.title == "Garis Pandang: Andi Wijaya" and staff.findings == {}
    orphan = views.staff_view(mini, RINA)
    assert orphan.findings == {RINA: "orphaned_staff"}
    assert "tidak mencapai outcome" in orphan.network.pokin["subtitle"]
    impact = views.impact_view(mini, "SK-IMUN")
    assert impact.kind == "impact" and impact.title == "Dampak: Meningkatnya cakupan imunisasi"
    assert "Mendukung 6 elemen" in impact.network.pokin["subtitle"]
    assert "Dampak: Meningkatnya cakupan imunisasi" in str(render.render_fragment(impact.network))


def test_views_say_what_was_not_found(mini):
    with pytest.raises(views.ViewNotFound, match="NOPE"):
        views.tree_view(mini, unit="NOPE")
    with pytest.raises(views.ViewNotFound, match="NIP"):
        views.staff_view(mini, "000000000000000000")
    with pytest.raises(views.ViewNotFound, match="tidak ditemukan"):
        views.impact_view(mini, "NOPE")


@pytest.mark.skipif("achievement" not in CATALOG, reason="the achievement query is not in the catalog")
def test_tree_view_coloured_by_achievement(mini):
    view = views.tree_view(mini, color_by="achievement", year=2025)
    nodes = {item["id"]: item for item in view.network.nodes}
    # I-SK 2025: 85,5 / 90 = 95 (sangat baik); I-S1 2025, negatif: (2 × 10 − 9) / 10 = 110 (sangat baik)
    assert view.achievement["I-SK"]["band"] == "sangat baik"
    assert nodes["I-SK"]["color"]["background"] == nodes["I-S1"]["color"]["background"] == "#15803d"
    assert view.network.pokin["color_modes"] == ["level", "achievement"]


def test_an_achievement_past_its_timeout_leaves_level_colours_a_note_and_a_partial_view(mini, monkeypatch):
    """The timeout is the view's own signal (View.timed_out, hence `partial`: not kept), not read back from the
    text of its note; a view whose colouring finished is not partial."""

    def too_slow(runner, catalog, year, unit=None, timeout=0.0, scale=None):
        # far more work than `timeout` allows: Neo4j stops it with a TimedOut status
        return runner.read("UNWIND range(1, 1000000000) AS i WITH i WHERE i < 0 RETURN count(*) AS n", timeout=timeout)

    finished = views.tree_view(mini, color_by="level")
    assert not finished.timed_out and not finished.partial and finished.notes == []
    monkeypatch.setattr(views, "_achievement", too_slow)
    view = views.tree_view(mini, color_by="achievement", year=2025, achievement_timeout=0.05)
    assert view.timed_out and view.partial
    assert view.achievement == {} and view.params["color_by"] == "level"
    assert view.notes == ["Capaian belum dapat dihitung dalam 0.05 detik; pohon diwarnai menurut level."]


def test_view_tree_of_a_whole_pemda_holds_memory_in_proportion_to_its_nodes(runner):
    """The Pemda's own tree drawn by its id: the query once de-duplicated (node, list of own nodes) pairs, which
    weighs that list once per node (quadratic: one kabupaten of the national graph ran out of transaction
    memory). On the sample the peak the server reports must stay within a few KiB per row."""
    import_path(Path(__file__).resolve().parent.parent / "seed" / "sample", runner)
    pemda = runner.read("MATCH (u:Unit {kind: 'pemda'}) RETURN u.id AS id")[0]["id"]
    with runner.driver.session(database=runner.database) as session:
        result = session.run("PROFILE " + CATALOG["view_tree"].cypher, {"unit": pemda, "year": None, "datasets": None})
        rows = len(list(result))
        memory = result.consume().profile["args"]["GlobalMemory"]
    assert rows > 1000
    assert memory < rows * 4096, (memory, rows)
