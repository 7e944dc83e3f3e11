"""The analytics queries (crosscutting_matrix, line_of_sight, impact, achievement, leverage, what_if_remove)
on small hand-made graphs whose answers were worked out by hand, plus cycles, a 3,000-deep chain, an
empty database, a cross-check against a plain breadth-first search, and the plans."""

from __future__ import annotations

import random
import time
from collections import defaultdict, deque

import pytest

from graph.catalog import load_catalog
from graph.model import derive_implied_edges

CATALOG = load_catalog()
ANALYTICS = ("crosscutting_matrix", "line_of_sight", "impact", "achievement", "leverage", "what_if_remove")
NIP = {k: f"1990010120150110{k:02d}" for k in range(1, 10)}


def run(runner, name, **params):
    """Run a query on a graph built with raw Cypher: derive the implied indicator→goal edges first, as the
    importer does (graph/model.py)."""
    derive_implied_edges(runner)
    return CATALOG.run(runner, name, params)


def build(runner, cypher: str) -> None:
    runner.write(cypher)
    derive_implied_edges(runner)


def pick(rows, *keys):
    return [tuple(row[key] for key in keys) for row in rows]


# ------------------------------------------------------------------------------------------------ catalog


def test_every_analytics_query_loads_with_a_doc_and_its_parameters():
    expected = {
        "crosscutting_matrix": {"year": (True, "int")},
        "line_of_sight": {"nip": (False, "str")},
        "impact": {"id": (False, "str")},
        "achievement": {
            "year": (False, "int"),
            "goal": (True, "str"),
            "unit": (True, "str"),
            "cap": (True, "float"),
            "scale": (True, "str"),
        },
        "leverage": {"year": (True, "int")},
        "what_if_remove": {"id": (False, "str")},
    }
    for name, params in expected.items():
        query = CATALOG[name]
        assert query.path.name == f"{name}.cypher"
        assert query.doc and query.summary.endswith(".")
        assert query.mode == "read"
        assert {p.name: (p.optional, p.type) for p in query.params} == {**params, "datasets": (True, "list")}


def test_required_parameters_are_enforced():
    for name, missing in (
        ("line_of_sight", "nip"),
        ("impact", "id"),
        ("achievement", "year"),
        ("what_if_remove", "id"),
    ):
        with pytest.raises(ValueError, match=missing):
            CATALOG[name].bind({})


# ------------------------------------------------------------------------------------------------ empty


@pytest.mark.parametrize(
    "name, params",
    [
        ("crosscutting_matrix", {}),
        ("crosscutting_matrix", {"year": 2026}),
        ("line_of_sight", {"nip": NIP[1]}),
        ("impact", {"id": "X"}),
        ("achievement", {"year": 2026}),
        ("achievement", {"year": 2026, "goal": "X"}),
        ("achievement", {"year": 2026, "unit": "X"}),
        ("leverage", {}),
        ("what_if_remove", {"id": "X"}),
    ],
)
def test_an_empty_database_gives_no_rows(runner, name, params):
    assert run(runner, name, **params) == []


# ------------------------------------------------------------------------------------------------ line_of_sight

LOS_GRAPH = f"""
CREATE (v:Goal {{id: 'V', level: 'visi', statement: 'Visi'}}),
       (m:Goal {{id: 'M', level: 'misi', statement: 'Misi'}}),
       (t:Goal {{id: 'T', level: 'tujuan', statement: 'Tujuan'}}),
       (s:Goal {{id: 'S', level: 'sasaran', statement: 'Sasaran Pemda'}}),
       (is:Indicator {{id: 'I-S', name: 'Indikator S', polarity: 'positif'}}),
       (so:Goal {{id: 'S-OPD', level: 'sasaran', statement: 'Sasaran OPD'}}),
       (sp:Goal {{id: 'SP', level: 'sasaran_program', statement: 'Sasaran program'}}),
       (rhk:Goal {{id: 'RHK', level: 'rhk', statement: 'RHK'}}),
       (dead:Goal {{id: 'DEAD', level: 'rhk', statement: 'Laporan internal'}}),
       (m)-[:CONTRIBUTES_TO {{weight: 1}}]->(v), (t)-[:CONTRIBUTES_TO {{weight: 1}}]->(m),
       (s)-[:CONTRIBUTES_TO {{weight: 1}}]->(t), (s)-[:MEASURED_BY]->(is),
       (so)-[:CONTRIBUTES_TO {{weight: 1}}]->(is), (sp)-[:CONTRIBUTES_TO {{weight: 1}}]->(so),
       (rhk)-[:CONTRIBUTES_TO {{weight: 1}}]->(sp),
       (:ASN {{nip: '{NIP[1]}', name: 'Ani'}})-[:ASSIGNED_TO]->(rhk),
       (a2:ASN {{nip: '{NIP[2]}', name: 'Budi'}})-[:ASSIGNED_TO]->(s),
       (:ASN {{nip: '{NIP[3]}', name: 'Citra'}})-[:ASSIGNED_TO]->(dead),
       (:ASN {{nip: '{NIP[4]}', name: 'Dedi'}})
"""


def test_line_of_sight_follows_contributions_through_an_indicator_to_every_outcome(runner):
    build(runner, LOS_GRAPH)
    rows = run(runner, "line_of_sight", nip=NIP[1])
    assert pick(rows, "nip", "name", "assigned_id", "outcome_id", "outcome_level", "length") == [
        (NIP[1], "Ani", "RHK", "S-OPD", "sasaran", 2),
        (NIP[1], "Ani", "RHK", "S", "sasaran", 4),
        (NIP[1], "Ani", "RHK", "T", "tujuan", 5),
        (NIP[1], "Ani", "RHK", "M", "misi", 6),
        (NIP[1], "Ani", "RHK", "V", "visi", 7),
    ]
    assert rows[1]["path"] == [
        {"id": "RHK", "label": "Goal", "level_or_kind": "rhk", "name": "RHK"},
        {"id": "SP", "label": "Goal", "level_or_kind": "sasaran_program", "name": "Sasaran program"},
        {"id": "S-OPD", "label": "Goal", "level_or_kind": "sasaran", "name": "Sasaran OPD"},
        {"id": "I-S", "label": "Indicator", "level_or_kind": None, "name": "Indikator S"},
        {"id": "S", "label": "Goal", "level_or_kind": "sasaran", "name": "Sasaran Pemda"},
    ]
    assert [[step["id"] for step in row["path"]] for row in rows][4] == [
        "RHK",
        "SP",
        "S-OPD",
        "I-S",
        "S",
        "T",
        "M",
        "V",
    ]


def test_line_of_sight_of_staff_assigned_to_an_outcome_starts_at_length_zero(runner):
    build(runner, LOS_GRAPH)
    rows = run(runner, "line_of_sight", nip=NIP[2])
    assert pick(rows, "assigned_id", "outcome_id", "length") == [
        ("S", "S", 0),
        ("S", "T", 1),
        ("S", "M", 2),
        ("S", "V", 3),
    ]
    assert [step["id"] for step in rows[0]["path"]] == ["S"]


def test_line_of_sight_is_empty_for_an_orphan_an_unassigned_asn_and_an_unknown_nip(runner):
    build(runner, LOS_GRAPH)
    assert run(runner, "line_of_sight", nip=NIP[3]) == []
    assert run(runner, "line_of_sight", nip=NIP[4]) == []
    assert run(runner, "line_of_sight", nip="000000000000000000") == []


# ------------------------------------------------------------------------------------------------ impact

IMPACT_GRAPH = f"""
CREATE (s1:Goal {{id: 'S1', level: 'sasaran', statement: 'Sasaran 1'}}),
       (s2:Goal {{id: 'S2', level: 'sasaran', statement: 'Sasaran 2'}}),
       (i2:Indicator {{id: 'I2', name: 'Indikator 2', polarity: 'negatif'}}),
       (p:Goal {{id: 'P', level: 'sasaran_program', statement: 'Program'}}),
       (a:Activity {{id: 'A', kind: 'subkegiatan', name: 'Sub A', budget: 100, year: 2026}}),
       (b:Activity {{id: 'B', kind: 'subkegiatan', name: 'Sub B', budget: 50, year: 2026}}),
       (u:Unit {{id: 'U', name: 'Bidang', kind: 'unit_kerja'}}),
       (s2)-[:MEASURED_BY]->(i2),
       (p)-[:CONTRIBUTES_TO {{weight: 1}}]->(s1), (p)-[:CONTRIBUTES_TO {{weight: 1}}]->(i2),
       (a)-[:CONTRIBUTES_TO {{weight: 1}}]->(p), (b)-[:CONTRIBUTES_TO {{weight: 1}}]->(i2),
       (u)-[:ASSIGNED_TO]->(p), (u)-[:ASSIGNED_TO]->(a),
       (:ASN {{nip: '{NIP[1]}', name: 'Ani'}})-[:ASSIGNED_TO]->(p),
       (:ASN {{nip: '{NIP[2]}', name: 'Budi'}})-[:ASSIGNED_TO]->(a)
"""


def test_impact_lists_what_an_element_supports_and_what_supports_it(runner):
    build(runner, IMPACT_GRAPH)
    rows = run(runner, "impact", id="P")
    assert pick(rows, "direction", "id", "label", "level_or_kind", "name", "distance", "budget", "units", "staff") == [
        ("supports", "I2", "Indicator", None, "Indikator 2", 1, None, [], []),
        ("supports", "S1", "Goal", "sasaran", "Sasaran 1", 1, None, [], []),
        ("supports", "S2", "Goal", "sasaran", "Sasaran 2", 2, None, [], []),
        ("supported_by", "A", "Activity", "subkegiatan", "Sub A", 1, 100, ["U"], [NIP[2]]),
    ]


def test_impact_of_a_goal_reaches_down_through_its_indicator(runner):
    build(runner, IMPACT_GRAPH)
    assert pick(run(runner, "impact", id="S2"), "direction", "id", "distance", "budget") == [
        ("supported_by", "I2", 1, None),
        ("supported_by", "B", 2, 50),
        ("supported_by", "P", 2, None),
        ("supported_by", "A", 3, 100),
    ]
    assert pick(run(runner, "impact", id="I2"), "direction", "id", "distance") == [
        ("supports", "S2", 1),
        ("supported_by", "B", 1),
        ("supported_by", "P", 1),
        ("supported_by", "A", 2),
    ]
    assert pick(run(runner, "impact", id="A"), "direction", "id", "distance") == [
        ("supports", "P", 1),
        ("supports", "I2", 2),
        ("supports", "S1", 2),
        ("supports", "S2", 3),
    ]
    assert run(runner, "impact", id="NOPE") == []


# ------------------------------------------------------------------------------------------------ cycles

CYCLE_GRAPH = f"""
CREATE (g1:Goal {{id: 'G1', level: 'sasaran_kegiatan', statement: 'G1'}}),
       (g2:Goal {{id: 'G2', level: 'sasaran_kegiatan', statement: 'G2'}}),
       (g3:Goal {{id: 'G3', level: 'sasaran_program', statement: 'G3'}}),
       (s:Goal {{id: 'S', level: 'sasaran', statement: 'S'}}),
       (i3:Indicator {{id: 'I3', name: 'I3', polarity: 'positif'}}),
       (act:Activity {{id: 'ACT', kind: 'subkegiatan', name: 'Act', budget: 5, year: 2026}}),
       (g1)-[:CONTRIBUTES_TO {{weight: 1}}]->(g2), (g2)-[:CONTRIBUTES_TO {{weight: 1}}]->(g3),
       (g3)-[:CONTRIBUTES_TO {{weight: 1}}]->(g1), (g3)-[:CONTRIBUTES_TO {{weight: 1}}]->(s),
       (g3)-[:MEASURED_BY]->(i3), (i3)-[:CONTRIBUTES_TO {{weight: 1}}]->(g1),
       (act)-[:CONTRIBUTES_TO {{weight: 1}}]->(g1),
       (:IndicatorYear {{indicator_id: 'I3', year: 2026, target: 10, realisasi: 8}}),
       (:ASN {{nip: '{NIP[1]}', name: 'Ani'}})-[:ASSIGNED_TO]->(g1)
"""


def test_cycles_terminate_with_sensible_answers(runner):
    build(runner, CYCLE_GRAPH)
    rows = run(runner, "line_of_sight", nip=NIP[1])
    assert pick(rows, "outcome_id", "length") == [("S", 3)]
    assert [step["id"] for step in rows[0]["path"]] == ["G1", "G2", "G3", "S"]

    assert pick(run(runner, "impact", id="G1"), "direction", "id", "distance") == [
        ("supports", "G2", 1),
        ("supports", "G3", 2),
        ("supports", "S", 3),
        ("supported_by", "ACT", 1),
        ("supported_by", "G3", 1),
        ("supported_by", "I3", 1),
        ("supported_by", "G2", 2),
    ]
    # Without ACT no source feeds the cycle: everything above it loses its support; the staff member
    # assigned to G1 still reaches S (the contributions are still there).
    assert pick(run(runner, "what_if_remove", id="ACT"), "kind", "id", "detail") == [
        ("goal", "G1", "sasaran_kegiatan"),
        ("goal", "G2", "sasaran_kegiatan"),
        ("goal", "G3", "sasaran_program"),
        ("goal", "S", "sasaran"),
        ("budget", "ACT", 5),
    ]
    goals = {row["id"]: row for row in run(runner, "achievement", year=2026) if row["kind"] == "goal"}
    # only G3 has an indicator of its own (I3: 8 / 10); I3 supports the others, each once, though the cycle
    # leads back to G3 (its own indicator is never its support)
    assert {gid: (goals[gid]["capaian"], goals[gid]["supporting_capaian"]) for gid in ("G1", "G2", "G3", "S")} == {
        "G1": (None, 80.0),
        "G2": (None, 80.0),
        "G3": (80.0, None),
        "S": (None, 80.0),
    }
    assert pick(run(runner, "leverage"), "kind", "id", "outcomes_reached") == [("activity", "ACT", 1)]


# ------------------------------------------------------------------------------------------------ deep chain


def test_a_chain_3000_deep_is_handled_in_seconds(runner):
    for name, params in (
        ("line_of_sight", {"nip": NIP[1]}),
        ("impact", {"id": "C0"}),
        ("what_if_remove", {"id": "C0"}),
    ):
        run(runner, name, **params)  # warm up: a freshly started JVM compiles and plans slowly
    build(
        runner,
        """
        CREATE (:Goal {id: 'C0', level: 'visi', statement: 'top'})
        WITH 1 AS one UNWIND range(1, 3000) AS k
        CREATE (:Goal {id: 'C' + k, level: 'rhk', statement: 'c' + k})""",
    )
    build(
        runner,
        """
        UNWIND range(1, 3000) AS k
        MATCH (a:Goal {id: 'C' + k}), (b:Goal {id: 'C' + (k - 1)})
        CREATE (a)-[:CONTRIBUTES_TO {weight: 1}]->(b)""",
    )
    build(runner, f"MATCH (g:Goal {{id: 'C3000'}}) CREATE (:ASN {{nip: '{NIP[1]}', name: 'Deep'}})-[:ASSIGNED_TO]->(g)")

    def timed(name, **params):
        started = time.monotonic()
        rows = run(runner, name, **params)
        # about a second once planned; the bound leaves room for a re-plan and a busy machine
        assert time.monotonic() - started < 30, f"{name} took {time.monotonic() - started:.1f} s"
        return rows

    rows = timed("line_of_sight", nip=NIP[1])
    assert pick(rows, "outcome_id", "length") == [("C0", 3000)]
    assert len(rows[0]["path"]) == 3001
    assert [step["id"] for step in rows[0]["path"][:2]] == ["C3000", "C2999"]

    up = timed("impact", id="C3000")
    assert len(up) == 3000 and {row["direction"] for row in up} == {"supports"}
    assert (up[0]["id"], up[0]["distance"], up[-1]["id"], up[-1]["distance"]) == ("C2999", 1, "C0", 3000)
    down = timed("impact", id="C0")
    assert len(down) == 3000 and down[-1]["id"] == "C3000" and down[-1]["distance"] == 3000
    middle = timed("impact", id="C1500")
    assert [pick(middle, "direction", "id", "distance")[k] for k in (0, 1499, 1500, 2999)] == [
        ("supports", "C1499", 1),
        ("supports", "C0", 1500),
        ("supported_by", "C1501", 1),
        ("supported_by", "C3000", 1500),
    ]

    removed = timed("what_if_remove", id="C1500")
    assert len([row for row in removed if row["kind"] == "goal"]) == 1500
    assert pick([row for row in removed if row["kind"] == "staff"], "id") == [(NIP[1],)]


# ------------------------------------------------------------------------------------------------ crosscutting

CROSS_GRAPH = f"""
CREATE (pemda:Unit {{id: 'PEMDA', name: 'Pemda', kind: 'pemda'}}),
       (opdA:Unit {{id: 'OPD-A', name: 'Dinas A', kind: 'perangkat_daerah'}}),
       (opdB:Unit {{id: 'OPD-B', name: 'Dinas B', kind: 'perangkat_daerah'}}),
       (bidA:Unit {{id: 'BID-A', name: 'Bidang A', kind: 'unit_kerja'}}),
       (bidB:Unit {{id: 'BID-B', name: 'Bidang B', kind: 'unit_kerja'}}),
       (opdA)-[:PART_OF]->(pemda), (opdB)-[:PART_OF]->(pemda),
       (bidA)-[:PART_OF]->(opdA), (bidB)-[:PART_OF]->(opdB),
       (t:Goal {{id: 'T', level: 'tujuan', statement: 'Tujuan'}}),
       (sa:Goal {{id: 'SA', level: 'sasaran', statement: 'Sasaran A'}}),
       (isa:Indicator {{id: 'I-SA', name: 'Indikator SA', polarity: 'positif'}}),
       (sb:Goal {{id: 'SB', level: 'sasaran', statement: 'Sasaran B'}}),
       (spa:Goal {{id: 'SPA', level: 'sasaran_program', statement: 'Program A'}}),
       (spb:Goal {{id: 'SPB', level: 'sasaran_program', statement: 'Program B'}}),
       (pemda)-[:ASSIGNED_TO]->(t), (opdA)-[:ASSIGNED_TO]->(sa), (opdB)-[:ASSIGNED_TO]->(sb),
       (bidA)-[:ASSIGNED_TO]->(spa), (bidB)-[:ASSIGNED_TO]->(spb),
       (sa)-[:MEASURED_BY]->(isa),
       (sa)-[:CONTRIBUTES_TO {{weight: 1}}]->(t), (sb)-[:CONTRIBUTES_TO {{weight: 1}}]->(t),
       (spa)-[:CONTRIBUTES_TO {{weight: 1}}]->(sa), (spa)-[:CONTRIBUTES_TO {{weight: 1}}]->(sb),
       (spb)-[:CONTRIBUTES_TO {{weight: 1}}]->(sb),
       (a1:Activity {{id: 'ACT-A1', kind: 'subkegiatan', name: 'A1', year: 2026, budget: 100}}),
       (a2:Activity {{id: 'ACT-A2', kind: 'subkegiatan', name: 'A2', year: 2026, budget: 40}}),
       (a3:Activity {{id: 'ACT-A3', kind: 'subkegiatan', name: 'A3', year: 2025, budget: 7}}),
       (b1:Activity {{id: 'ACT-B1', kind: 'subkegiatan', name: 'B1', year: 2026, budget: 30}}),
       (bidA)-[:ASSIGNED_TO]->(a1), (bidA)-[:ASSIGNED_TO]->(a2), (bidA)-[:ASSIGNED_TO]->(a3),
       (bidB)-[:ASSIGNED_TO]->(b1),
       (a1)-[:CONTRIBUTES_TO {{weight: 1}}]->(spa), (a2)-[:CONTRIBUTES_TO {{weight: 1}}]->(sa),
       (a3)-[:CONTRIBUTES_TO {{weight: 1}}]->(spa), (b1)-[:CONTRIBUTES_TO {{weight: 1}}]->(isa),
       (n1:ASN {{nip: '{NIP[1]}', name: 'A satu'}}), (n2:ASN {{nip: '{NIP[2]}', name: 'A dua'}}),
       (n3:ASN {{nip: '{NIP[3]}', name: 'B satu'}}), (n4:ASN {{nip: '{NIP[4]}', name: 'B dua'}}),
       (n1)-[:MEMBER_OF]->(bidA), (n2)-[:MEMBER_OF]->(bidA), (n3)-[:MEMBER_OF]->(bidB), (n4)-[:MEMBER_OF]->(bidB),
       (n1)-[:ASSIGNED_TO]->(spa), (n2)-[:ASSIGNED_TO]->(a3), (n3)-[:ASSIGNED_TO]->(spb), (n4)-[:ASSIGNED_TO]->(sa)
"""


def test_crosscutting_matrix_counts_each_opds_work_behind_the_other_opds_outcomes(runner):
    build(runner, CROSS_GRAPH)
    columns = ("from_unit_id", "from_unit_name", "to_unit_id", "to_unit_name", "activities", "staff", "goals", "budget")
    # A -> B: ACT-A1 (through SPA), the staff member on SPA, SPA itself; ACT-A2 and SA only reach A's own
    # and the Pemda's outcomes. B -> A: ACT-B1 through A's indicator, the staff member assigned to SA.
    assert pick(run(runner, "crosscutting_matrix", year=2026), *columns) == [
        ("OPD-A", "Dinas A", "OPD-B", "Dinas B", 1, 1, 1, 100),
        ("OPD-B", "Dinas B", "OPD-A", "Dinas A", 1, 1, 0, 30),
    ]
    # Without a year the 2025 activity counts, and so does the staff member whose route runs through it.
    assert pick(run(runner, "crosscutting_matrix"), *columns) == [
        ("OPD-A", "Dinas A", "OPD-B", "Dinas B", 2, 2, 1, 107),
        ("OPD-B", "Dinas B", "OPD-A", "Dinas A", 1, 1, 0, 30),
    ]
    # For a year without activities only the goals and the staff on goals count.
    assert pick(run(runner, "crosscutting_matrix", year=2030), *columns) == [
        ("OPD-A", "Dinas A", "OPD-B", "Dinas B", 0, 1, 1, 0),
        ("OPD-B", "Dinas B", "OPD-A", "Dinas A", 0, 1, 0, 0),
    ]


# ------------------------------------------------------------------------------------------------ achievement

ACH_GRAPH = """
CREATE (ua:Unit {id: 'UA', name: 'Dinas A', kind: 'perangkat_daerah'}),
       (ua1:Unit {id: 'UA1', name: 'Bidang A1', kind: 'unit_kerja'}), (ua1)-[:PART_OF]->(ua),
       (top:Goal {id: 'G-TOP', level: 'sasaran', statement: 'Top'}),
       (mid:Goal {id: 'G-MID', level: 'sasaran_program', statement: 'Mid'}),
       (low:Goal {id: 'G-LOW', level: 'sasaran_kegiatan', statement: 'Low'}),
       (ua)-[:ASSIGNED_TO]->(top), (ua)-[:ASSIGNED_TO]->(mid), (ua1)-[:ASSIGNED_TO]->(low),
       (mid)-[:CONTRIBUTES_TO {weight: 0.5}]->(top),
       (low)-[:CONTRIBUTES_TO]->(mid),
       (low)-[:CONTRIBUTES_TO {weight: 2.0}]->(top),
       (itop:Indicator {id: 'I-TOP', name: 'Indeks top', polarity: 'positif'}),
       (imid:Indicator {id: 'I-MID', name: 'Prevalensi', polarity: 'negatif'}),
       (ilow:Indicator {id: 'I-LOW', name: 'Cakupan', polarity: 'positif'}),
       (izero:Indicator {id: 'I-ZERO', name: 'Tanpa target', polarity: 'positif'}),
       (top)-[:MEASURED_BY]->(itop), (mid)-[:MEASURED_BY]->(imid),
       (low)-[:MEASURED_BY]->(ilow), (low)-[:MEASURED_BY]->(izero),
       (:IndicatorYear {indicator_id: 'I-TOP', year: 2026, target: 100, realisasi: 80}),
       (:IndicatorYear {indicator_id: 'I-TOP', year: 2025, target: 100, realisasi: 10}),
       (:IndicatorYear {indicator_id: 'I-MID', year: 2026, target: 10, realisasi: 9}),
       (:IndicatorYear {indicator_id: 'I-LOW', year: 2026, target: 50, realisasi: 75}),
       (:IndicatorYear {indicator_id: 'I-ZERO', year: 2026, target: 0, realisasi: 5})
"""
ACH_COLUMNS = (
    "kind",
    "id",
    "level",
    "goal_id",
    "target",
    "realisasi",
    "capaian",
    "band",
    "indicators",
    "supporting_capaian",
    "supporting_indicators",
)


def test_achievement_per_indicator_goal_and_unit(runner):
    build(runner, ACH_GRAPH)
    rows = run(runner, "achievement", year=2026)
    # Indicators: I-TOP 80; I-MID negatif (20 - 9) / 10 = 110; I-LOW 150 capped at 120; I-ZERO positif with
    # target 0 and realisasi 5: 100 (nothing was asked).
    # G-TOP is measured by I-TOP alone: 80. What supports it, each indicator once with the weights along its
    # shortest path: I-MID 110 × 0.5, I-LOW 120 × 2 (the direct edge, although G-LOW also reaches G-TOP
    # through G-MID), I-ZERO 100 × 2: (55 + 240 + 200) / 4.5 = 110.
    # G-MID: own I-MID 110; supported by I-LOW and I-ZERO (weight 1): (120 + 100) / 2 = 110.
    # G-LOW: own I-LOW and I-ZERO: (120 + 100) / 2 = 110; nothing below.
    # UA (an OPD, no iku flags): the indicators of its sasaran, I-TOP: 80; the rest of its tree supports:
    # (110 + 120 + 100) / 3 = 110. UA1 has no sasaran: its highest level is sasaran_kegiatan: 110.
    assert pick(rows, *ACH_COLUMNS) == [
        ("goal", "G-TOP", "sasaran", None, None, None, 80.0, "baik", 1, 110.0, 3),
        ("goal", "G-MID", "sasaran_program", None, None, None, 110.0, "sangat baik", 1, 110.0, 2),
        ("goal", "G-LOW", "sasaran_kegiatan", None, None, None, 110.0, "sangat baik", 2, None, 0),
        ("indicator", "I-TOP", "sasaran", "G-TOP", 100, 80, 80.0, "baik", 1, None, None),
        ("indicator", "I-MID", "sasaran_program", "G-MID", 10, 9, 110.0, "sangat baik", 1, None, None),
        ("indicator", "I-LOW", "sasaran_kegiatan", "G-LOW", 50, 75, 120.0, "sangat baik", 1, None, None),
        ("indicator", "I-ZERO", "sasaran_kegiatan", "G-LOW", 0, 5, 100.0, "sangat baik", 1, None, None),
        ("unit", "UA", "perangkat_daerah", None, None, None, 80.0, "baik", 1, 110.0, 3),
        ("unit", "UA1", "unit_kerja", None, None, None, 110.0, "sangat baik", 2, None, 0),
    ]
    assert [row["name"] for row in rows[:4]] == ["Top", "Mid", "Low", "Indeks top"]
    assert pick(rows, "id", "basis", "rule") == [
        ("G-TOP", ["I-TOP"], "own_indicators"),
        ("G-MID", ["I-MID"], "own_indicators"),
        ("G-LOW", ["I-LOW", "I-ZERO"], "own_indicators"),
        ("I-TOP", ["I-TOP"], "positif"),
        ("I-MID", ["I-MID"], "negatif"),
        ("I-LOW", ["I-LOW"], "positif"),
        ("I-ZERO", ["I-ZERO"], "positif_target_0"),
        ("UA", ["I-TOP"], "level:sasaran"),
        ("UA1", ["I-LOW", "I-ZERO"], "level:sasaran_kegiatan"),
    ]
    assert {row["scale"] for row in rows} == {"pemda"}


def test_achievement_cap_and_scale_are_configurable(runner):
    build(runner, ACH_GRAPH)
    rows = run(runner, "achievement", year=2026, cap=100.0, scale="permendagri86")
    # capped at 100: I-MID and I-LOW 100; G-TOP's support (50 + 200 + 200) / 4.5 = 100
    assert pick(rows, "id", "capaian", "band", "supporting_capaian", "supporting_band") == [
        ("G-TOP", 80.0, "tinggi", 100.0, "sangat tinggi"),
        ("G-MID", 100.0, "sangat tinggi", 100.0, "sangat tinggi"),
        ("G-LOW", 100.0, "sangat tinggi", None, None),
        ("I-TOP", 80.0, "tinggi", None, None),
        ("I-MID", 100.0, "sangat tinggi", None, None),
        ("I-LOW", 100.0, "sangat tinggi", None, None),
        ("I-ZERO", 100.0, "sangat tinggi", None, None),
        ("UA", 80.0, "tinggi", 100.0, "sangat tinggi"),
        ("UA1", 100.0, "sangat tinggi", None, None),
    ]
    assert {row["scale"] for row in rows} == {"permendagri86"}


def test_achievement_filters_by_goal_and_by_unit(runner):
    build(runner, ACH_GRAPH)
    assert pick(run(runner, "achievement", year=2026, goal="G-MID"), "kind", "id", "capaian", "indicators") == [
        ("goal", "G-MID", 110.0, 1),
        ("goal", "G-LOW", 110.0, 2),
        ("indicator", "I-MID", 110.0, 1),
        ("indicator", "I-LOW", 120.0, 1),
        ("indicator", "I-ZERO", 100.0, 1),
    ]
    assert pick(run(runner, "achievement", year=2026, unit="UA1"), "kind", "id", "capaian", "indicators") == [
        ("goal", "G-LOW", 110.0, 2),
        ("indicator", "I-LOW", 120.0, 1),
        ("indicator", "I-ZERO", 100.0, 1),
        ("unit", "UA1", 110.0, 2),
    ]
    assert run(runner, "achievement", year=2026, goal="NOPE") == []
    assert run(runner, "achievement", year=2026, unit="NOPE") == []


def test_achievement_for_a_unit_is_exactly_that_units_rows_of_the_whole_answer(runner):
    """With $unit only the unit's support sets are computed (not every indicator of the graph): the rows must
    still be those of the whole answer, capaian and all, on the sample with its crosscutting."""
    from pathlib import Path

    from graph.audit import latest_year
    from graph.importer import import_path

    import_path(Path(__file__).resolve().parent.parent / "seed" / "sample", runner)
    year = latest_year(runner)
    everything = CATALOG.run(runner, "achievement", {"year": year})
    units = [row["id"] for row in everything if row["kind"] == "unit" and row["level"] != "unit_kerja"]
    assert len(units) > 5
    for unit in units:
        scoped = CATALOG.run(runner, "achievement", {"year": year, "unit": unit})
        assert [row for row in scoped if row["kind"] == "unit"] == [
            row for row in everything if row["kind"] == "unit" and row["id"] == unit
        ]
        assert any(row["kind"] == "goal" for row in scoped), unit
        assert [row for row in scoped if row not in everything] == [], unit


def test_achievement_for_a_year_without_figures_is_all_null(runner):
    build(runner, ACH_GRAPH)
    rows = run(runner, "achievement", year=2024)
    assert {(row["capaian"], row["band"]) for row in rows} == {(None, None)}
    assert {row["indicators"] for row in rows} == {0}
    assert len(rows) == 9


@pytest.mark.parametrize(
    "polarity, target, realisasi, capaian, band",
    [
        ("negatif", 10, 9, 110.0, "sangat baik"),
        ("negatif", 10, 12, 80.0, "baik"),
        ("negatif", 10, 30, 0.0, "kurang"),  # -100 floored at 0
        ("positif", 100, 90, 90.0, "sangat baik"),
        ("positif", 100, 75, 75.0, "baik"),
        ("positif", 100, 60, 60.0, "cukup"),
        ("positif", 100, 59.99, 59.99, "kurang"),
        ("positif", 3, 1, 33.33, "kurang"),
        ("positif", 10, 13, 120.0, "sangat baik"),
        ("positif", 0, 5, 100.0, "sangat baik"),  # target 0: nothing asked
        ("positif", None, 5, None, None),
        ("positif", 10, None, None, None),
        ("negatif", 0, 0, 100.0, "sangat baik"),  # target 0 met
        ("negatif", 0, 1, 0.0, "kurang"),  # one KLB against a target of 0: a failure, not '–'
    ],
)
def test_capaian_formula(runner, polarity, target, realisasi, capaian, band):
    runner.write(
        """
        CREATE (g:Goal {id: 'G', level: 'sasaran', statement: 'G'})-[:MEASURED_BY]->
               (:Indicator {id: 'I', name: 'I', polarity: $polarity})
        CREATE (:IndicatorYear {indicator_id: 'I', year: 2026, target: $target, realisasi: $realisasi})""",
        {"polarity": polarity, "target": target, "realisasi": realisasi},
    )
    rows = run(runner, "achievement", year=2026)
    assert pick(rows, "kind", "capaian", "band") == [("goal", capaian, band), ("indicator", capaian, band)]


# ------------------------------------------------------------------------------------------------ leverage

LEVERAGE_GRAPH = """
CREATE (v:Goal {id: 'V', level: 'visi', statement: 'V'}),
       (s1:Goal {id: 'S1', level: 'sasaran', statement: 'S1'}),
       (s2:Goal {id: 'S2', level: 'sasaran', statement: 'S2'}),
       (is2:Indicator {id: 'I-S2', name: 'I-S2', polarity: 'positif'}),
       (p1:Goal {id: 'P1', level: 'sasaran_program', statement: 'P1'}),
       (s1)-[:CONTRIBUTES_TO {weight: 1}]->(v), (s2)-[:CONTRIBUTES_TO {weight: 1}]->(v), (s2)-[:MEASURED_BY]->(is2),
       (p1)-[:CONTRIBUTES_TO {weight: 1}]->(s1), (p1)-[:CONTRIBUTES_TO {weight: 1}]->(is2),
       (x:Unit {id: 'OPD-X', name: 'Dinas X', kind: 'perangkat_daerah'}),
       (x1:Unit {id: 'X1', name: 'Bidang X1', kind: 'unit_kerja'}), (x1)-[:PART_OF]->(x),
       (y:Unit {id: 'OPD-Y', name: 'Dinas Y', kind: 'perangkat_daerah'}),
       (a1:Activity {id: 'A1', kind: 'subkegiatan', name: 'A1', year: 2026, budget: 100}),
       (a2:Activity {id: 'A2', kind: 'subkegiatan', name: 'A2', year: 2026, budget: 300}),
       (a3:Activity {id: 'A3', kind: 'subkegiatan', name: 'A3', year: 2026, budget: 50}),
       (a4:Activity {id: 'A4', kind: 'subkegiatan', name: 'A4', year: 2025, budget: 500}),
       (a1)-[:CONTRIBUTES_TO {weight: 1}]->(p1), (a2)-[:CONTRIBUTES_TO {weight: 1}]->(s1),
       (a4)-[:CONTRIBUTES_TO {weight: 1}]->(s2),
       (x1)-[:ASSIGNED_TO]->(a1), (x)-[:ASSIGNED_TO]->(a2), (y)-[:ASSIGNED_TO]->(a3), (x)-[:ASSIGNED_TO]->(a4)
"""
LEVERAGE_COLUMNS = ("kind", "id", "name", "outcomes_reached", "budget", "budget_per_outcome", "activities")


def test_leverage_ranks_activities_and_opds_by_outcomes_then_budget(runner):
    build(runner, LEVERAGE_GRAPH)
    assert pick(run(runner, "leverage", year=2026), *LEVERAGE_COLUMNS) == [
        ("activity", "A1", "A1", 3, 100, 33.33, None),
        ("activity", "A2", "A2", 2, 300, 150.0, None),
        ("activity", "A3", "A3", 0, 50, None, None),
        ("unit", "OPD-X", "Dinas X", 3, 400, 133.33, 2),
        ("unit", "OPD-Y", "Dinas Y", 0, 50, None, 1),
    ]
    assert pick(run(runner, "leverage"), *LEVERAGE_COLUMNS) == [
        ("activity", "A1", "A1", 3, 100, 33.33, None),
        ("activity", "A4", "A4", 2, 500, 250.0, None),
        ("activity", "A2", "A2", 2, 300, 150.0, None),
        ("activity", "A3", "A3", 0, 50, None, None),
        ("unit", "OPD-X", "Dinas X", 3, 900, 300.0, 3),
        ("unit", "OPD-Y", "Dinas Y", 0, 50, None, 1),
    ]


# ------------------------------------------------------------------------------------------------ what_if_remove

WHAT_IF_GRAPH = f"""
CREATE (s:Goal {{id: 'S', level: 'sasaran', statement: 'S'}}),
       (p1:Goal {{id: 'P1', level: 'sasaran_program', statement: 'P1'}}),
       (p2:Goal {{id: 'P2', level: 'sasaran_program', statement: 'P2'}}),
       (k1:Goal {{id: 'K1', level: 'sasaran_kegiatan', statement: 'K1'}}),
       (gx:Goal {{id: 'GX', level: 'sasaran_kegiatan', statement: 'GX'}}),
       (igx:Indicator {{id: 'I-GX', name: 'I-GX', polarity: 'positif'}}),
       (p1)-[:CONTRIBUTES_TO {{weight: 1}}]->(s), (p2)-[:CONTRIBUTES_TO {{weight: 1}}]->(s),
       (k1)-[:CONTRIBUTES_TO {{weight: 1}}]->(p1), (gx)-[:CONTRIBUTES_TO {{weight: 1}}]->(p2),
       (gx)-[:MEASURED_BY]->(igx),
       (prg:Activity {{id: 'PRG', kind: 'program', name: 'Program', year: 2026, budget: 10}}),
       (keg:Activity {{id: 'KEG', kind: 'kegiatan', name: 'Kegiatan', year: 2026, budget: 20}}),
       (sub1:Activity {{id: 'SUB1', kind: 'subkegiatan', name: 'Sub 1', year: 2026, budget: 100}}),
       (sub2:Activity {{id: 'SUB2', kind: 'subkegiatan', name: 'Sub 2', year: 2026, budget: 50}}),
       (sub3:Activity {{id: 'SUB3', kind: 'subkegiatan', name: 'Sub 3', year: 2026}}),
       (keg)-[:PART_OF]->(prg), (sub1)-[:PART_OF]->(keg), (sub2)-[:PART_OF]->(keg),
       (sub1)-[:CONTRIBUTES_TO {{weight: 1}}]->(k1), (sub2)-[:CONTRIBUTES_TO {{weight: 1}}]->(igx),
       (sub3)-[:CONTRIBUTES_TO {{weight: 1}}]->(p2),
       (:ASN {{nip: '{NIP[1]}', name: 'On K1'}})-[:ASSIGNED_TO]->(k1),
       (:ASN {{nip: '{NIP[2]}', name: 'On P1'}})-[:ASSIGNED_TO]->(p1),
       (:ASN {{nip: '{NIP[3]}', name: 'On SUB1'}})-[:ASSIGNED_TO]->(sub1),
       (n4:ASN {{nip: '{NIP[4]}', name: 'On SUB1 and SUB3'}})-[:ASSIGNED_TO]->(sub1), (n4)-[:ASSIGNED_TO]->(sub3)
"""


def test_what_if_removing_a_subkegiatan(runner):
    build(runner, WHAT_IF_GRAPH)
    # SUB1 was K1's only work, and K1 was P1's only contributor; S keeps P2. Only the staff member who
    # works on SUB1 alone loses the line of sight (K1's edges are still there for the one on K1).
    assert pick(run(runner, "what_if_remove", id="SUB1"), "kind", "id", "name", "detail") == [
        ("goal", "K1", "K1", "sasaran_kegiatan"),
        ("goal", "P1", "P1", "sasaran_program"),
        ("staff", NIP[3], "On SUB1", "SUB1"),
        ("budget", "SUB1", "Sub 1", 100),
    ]


def test_what_if_removing_a_goal_orphans_staff_routed_through_it(runner):
    build(runner, WHAT_IF_GRAPH)
    assert pick(run(runner, "what_if_remove", id="K1"), "kind", "id", "detail") == [
        ("goal", "P1", "sasaran_program"),
        ("staff", NIP[1], "K1"),
        ("staff", NIP[3], "SUB1"),
    ]


def test_what_if_removing_work_behind_an_indicator(runner):
    build(runner, WHAT_IF_GRAPH)
    # SUB2 fed GX only through GX's indicator; P2 keeps SUB3.
    assert pick(run(runner, "what_if_remove", id="SUB2"), "kind", "id", "detail") == [
        ("goal", "GX", "sasaran_kegiatan"),
        ("indicator", "I-GX", "GX"),
        ("budget", "SUB2", 50),
    ]
    assert pick(run(runner, "what_if_remove", id="I-GX"), "kind", "id", "detail") == [
        ("goal", "GX", "sasaran_kegiatan")
    ]


def test_what_if_an_activity_above_is_a_source_of_its_own(runner):
    """An RHK supporting a kegiatan's output indicator: removing it leaves that indicator unsupported, but the
    kegiatan is work itself, so the goal it contributes to keeps its support."""
    build(
        runner,
        """
    CREATE (sk:Goal {id: 'SK', level: 'sasaran_kegiatan', statement: 'Sasaran kegiatan'}),
           (k:Activity {id: 'K', kind: 'kegiatan', name: 'Kegiatan'})-[:CONTRIBUTES_TO]->(sk),
           (k)-[:MEASURED_BY]->(ik:Indicator {id: 'I-K', name: 'Jumlah laporan'}),
           (:Goal {id: 'RHK', level: 'rhk', statement: 'Menyusun laporan'})-[:CONTRIBUTES_TO]->(ik)
    """,
    )
    assert pick(run(runner, "what_if_remove", id="RHK"), "kind", "id", "detail") == [("indicator", "I-K", "K")]


def test_what_if_removing_a_program_frees_its_kegiatan_and_subkegiatan_budget(runner):
    build(runner, WHAT_IF_GRAPH)
    assert pick(run(runner, "what_if_remove", id="PRG"), "kind", "id", "detail") == [("budget", "PRG", 180)]
    assert pick(run(runner, "what_if_remove", id="SUB3"), "kind", "id", "detail") == [("budget", "SUB3", 0)]
    assert run(runner, "what_if_remove", id="NOPE") == []


def test_what_if_removing_an_outcome_orphans_staff_that_reach_only_it(runner):
    build(runner, WHAT_IF_GRAPH)
    rows = run(runner, "what_if_remove", id="S")
    assert pick(rows, "kind", "id") == [("staff", NIP[1]), ("staff", NIP[2]), ("staff", NIP[3]), ("staff", NIP[4])]


# ------------------------------------------------------------------------------------------------ cross-check


def _reference_reach(up, start, limit=8):
    """Breadth-first distances over (node, indicator steps used), at most `limit` indicator steps."""
    seen = {(start, 0): 0}
    queue = deque([(start, 0)])
    best: dict[str, int] = {}
    while queue:
        node, hops = queue.popleft()
        distance = seen[(node, hops)]
        best[node] = min(best.get(node, distance), distance)
        for nxt, cost in up[node]:
            state = (nxt, hops + cost)
            if hops + cost <= limit and state not in seen:
                seen[state] = distance + 1
                queue.append(state)
    return best


@pytest.mark.parametrize("seed", range(4))
def test_impact_agrees_with_a_plain_breadth_first_search_on_random_graphs(runner, seed):
    rnd = random.Random(seed)
    goals = [f"G{k}" for k in range(12)]
    indicators = [f"I{k}" for k in range(6)]
    activities = [f"A{k}" for k in range(4)]
    measured = {(rnd.choice(goals), i) for i in indicators}
    contributes = set()
    for _ in range(26):
        source, target = rnd.choice(goals + indicators + activities), rnd.choice(goals + indicators)
        if source != target:
            contributes.add((source, target))
    runner.write("UNWIND $ids AS id CREATE (:Goal {id: id, level: 'sasaran_program', statement: id})", {"ids": goals})
    runner.write("UNWIND $ids AS id CREATE (:Indicator {id: id, name: id, polarity: 'positif'})", {"ids": indicators})
    runner.write("UNWIND $ids AS id CREATE (:Activity {id: id, name: id, kind: 'subkegiatan'})", {"ids": activities})
    runner.write(
        "UNWIND $e AS e MATCH (g:Goal {id: e[0]}), (i:Indicator {id: e[1]}) CREATE (g)-[:MEASURED_BY]->(i)",
        {"e": [list(edge) for edge in measured]},
    )
    runner.write(
        "UNWIND $e AS e MATCH (a {id: e[0]}), (b {id: e[1]}) CREATE (a)-[:CONTRIBUTES_TO {weight: 1}]->(b)",
        {"e": [list(edge) for edge in contributes]},
    )
    up, down = defaultdict(list), defaultdict(list)
    for source, target in contributes:
        up[source].append((target, 0))
        down[target].append((source, 0))
    for goal, indicator in measured:
        up[indicator].append((goal, 1))
        down[goal].append((indicator, 1))
    for element in goals + indicators + activities:
        expected = {("supports", node, d) for node, d in _reference_reach(up, element).items() if node != element}
        expected |= {
            ("supported_by", node, d) for node, d in _reference_reach(down, element).items() if node != element
        }
        assert set(pick(run(runner, "impact", id=element), "direction", "id", "distance")) == expected, element


# ------------------------------------------------------------------------------------------------ plans


def _operators(plan):
    yield plan["operatorType"]
    for child in plan.get("children", []):
        yield from _operators(child)


@pytest.mark.parametrize("name", ANALYTICS)
def test_plans_have_no_cartesian_product(runner, name):
    build(runner, CROSS_GRAPH)
    query = CATALOG[name]
    given = {"year": 2026, "nip": NIP[1], "id": "SPA"}
    params = {**{param.name: given.get(param.name) for param in query.params}, **query.constant_values()}
    with runner.driver.session(database=runner.database) as session:
        plan = session.run("EXPLAIN " + query.cypher, params).consume().plan
    operators = list(_operators(plan))
    assert not [op for op in operators if "CartesianProduct" in op], operators


# ------------------------------------------------------------------------------------------------ no hop limit


def test_more_than_eight_indicator_hops_are_followed(runner):
    """Twelve goals, each contributing to the INDICATOR of the goal above (12 indicator→goal steps from the
    bottom to the visi): the implied indicator→goal edges make this one search, with no bound on the
    number of indicator steps (the former queries stopped after 8)."""
    build(
        runner,
        """
        UNWIND range(0, 12) AS k
        CREATE (g:Goal {id: 'H' + k, level: CASE WHEN k = 0 THEN 'visi' ELSE 'rhk' END, statement: 'h' + k})
        CREATE (g)-[:MEASURED_BY]->(:Indicator {id: 'IH' + k, name: 'ih' + k, polarity: 'positif'})
        CREATE (:IndicatorYear {indicator_id: 'IH' + k, year: 2026, target: 100, realisasi: 80})""",
    )
    build(
        runner,
        f"""
        UNWIND range(1, 12) AS k
        MATCH (a:Goal {{id: 'H' + k}}), (i:Indicator {{id: 'IH' + (k - 1)}})
        CREATE (a)-[:CONTRIBUTES_TO]->(i)
        WITH count(*) AS done
        MATCH (bottom:Goal {{id: 'H12'}})
        CREATE (:ASN {{nip: '{NIP[1]}', name: 'Deep'}})-[:ASSIGNED_TO]->(bottom),
               (:Activity {{id: 'ACT', kind: 'subkegiatan', year: 2026, budget: 9}})-[:CONTRIBUTES_TO]->(bottom)""",
    )
    rows = run(runner, "line_of_sight", nip=NIP[1])
    assert pick(rows, "assigned_id", "outcome_id", "length") == [("H12", "H0", 24)]
    assert [step["id"] for step in rows[0]["path"][:3]] == ["H12", "IH11", "H11"]
    up = {row["id"]: row["distance"] for row in run(runner, "impact", id="ACT")}
    assert up["H0"] == 25 and len(up) == 25
    assert run(runner, "orphaned_staff") == []
    assert run(runner, "activities_without_leverage") == []
    top = [row for row in run(runner, "achievement", year=2026) if row["id"] == "H0"]
    assert pick(top, "capaian", "indicators", "supporting_capaian", "supporting_indicators") == [(80.0, 1, 80.0, 12)]
    lever = [row for row in run(runner, "leverage") if row["kind"] == "activity"]
    assert pick(lever, "id", "outcomes_reached") == [("ACT", 1)]
    removed = run(runner, "what_if_remove", id="H6")
    assert {row["id"] for row in removed if row["kind"] in ("goal", "indicator")} == {f"H{k}" for k in range(6)} | {
        f"IH{k}" for k in range(6)
    }
