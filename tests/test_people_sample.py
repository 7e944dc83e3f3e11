"""The people queries on the sample kabupaten (in a module of their own: the `sample` fixture is imported once per
module, and the hand-built graphs of test_queries_people.py wipe the database): the intervensi check, single points
of failure and retirements against networkx computing the same rules (bench/people.py) and the sample's
expected.json, at realistic rates."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import people as reference  # noqa: E402
from bench.run import load_networkx  # noqa: E402
from graph.catalog import load_catalog  # noqa: E402

CATALOG = load_catalog()
SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"
EXPECTED = json.loads((SAMPLE / "expected.json").read_text())


def test_rhk_without_intervention_on_the_sample_agrees_with_networkx_and_expected(sample):
    rows = CATALOG.run(sample, "rhk_without_intervention", {})
    mine = {row["nip"]: row["reason"] for row in rows}
    assert mine == reference.rhk_without_intervention(load_networkx(sample))
    expected = EXPECTED["defects"]["rhk_without_intervention"]
    assert mine == expected
    reasons = set(mine.values())
    assert {"no_rhk", "leads_elsewhere", "leads_nowhere"} <= reasons, reasons
    staff = EXPECTED["counts"]["staff"]
    assert 0.01 * staff <= len(mine) <= 0.1 * staff  # breaks at a realistic rate, not everyone


# -- single points of failure and retirements (graph/people.py) ----------------------------------------------------

# Two OPD. OPD A: sasaran SA (its IKU IA) supported by two bidang programs SP1 (B1) and SP2 (B2), SP1 also by a
# staff RHK; the Pemda sasaran PS supported by SA alone (SA held by the head HA alone). OPD B: sasaran SB supported
# by one program SP3 that nobody holds, supported by one RHK of one staff member Z. Born: HA 1966 (a JPT, 60),
# B1 1966 (58), B2 1975, S1 1990 (ahli madya, 60), Z 1968 (58).
RISK = """
CREATE (pemda:Unit {id: 'PEMDA', kind: 'pemda'}), (a:Unit {id: 'A', kind: 'perangkat_daerah'}),
       (ua:Unit {id: 'A1', kind: 'unit_kerja'})-[:PART_OF]->(a),
       (b:Unit {id: 'B', kind: 'perangkat_daerah'}), (ub:Unit {id: 'B1', kind: 'unit_kerja'})-[:PART_OF]->(b),
       (pemda)-[:ASSIGNED_TO]->(ps:Goal {id: 'PS', level: 'sasaran'}),
       (a)-[:ASSIGNED_TO]->(sa:Goal {id: 'SA', level: 'sasaran'})-[:CONTRIBUTES_TO]->(ps),
       (sa)-[:MEASURED_BY]->(:Indicator {id: 'IA'}),
       (ha:ASN {nip: '196605051990011001', position: 'Kepala Dinas A'})-[:MEMBER_OF]->(a),
       (ha)-[:ASSIGNED_TO]->(sa),
       (b1:ASN {nip: '196607071990011002', position: 'Kepala Bidang Satu'})-[:MEMBER_OF]->(ua),
       (b1)-[:REPORTS_TO]->(ha),
       (b1)-[:ASSIGNED_TO]->(sp1:Goal {id: 'SP1', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(sa),
       (b2:ASN {nip: '197507071999011003', position: 'Kepala Bidang Dua'})-[:MEMBER_OF]->(ua),
       (b2)-[:REPORTS_TO]->(ha),
       (b2)-[:ASSIGNED_TO]->(sp2:Goal {id: 'SP2', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(sa),
       (s1:ASN {nip: '199001012015011004', position: 'Analis Kebijakan Ahli Madya'})-[:MEMBER_OF]->(ua),
       (s1)-[:ASSIGNED_TO]->(:Goal {id: 'R1', level: 'rhk'})-[:CONTRIBUTES_TO]->(sp1),
       (b)-[:ASSIGNED_TO]->(sb:Goal {id: 'SB', level: 'sasaran'}),
       (sp3:Goal {id: 'SP3', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(sb),
       (z:ASN {nip: '196808082000011005', position: 'Pengelola Data'})-[:MEMBER_OF]->(ub),
       (z)-[:ASSIGNED_TO]->(:Goal {id: 'R9', level: 'rhk'})-[:CONTRIBUTES_TO]->(sp3)
"""


def test_single_points_of_failure_and_retirements_on_the_sample_agree_with_networkx(sample):
    from graph.people import retirements, single_points_of_failure

    rows = single_points_of_failure(sample, CATALOG)
    iku = {row["id"]: row["iku"] for row in sample.read("MATCH (i:Indicator) RETURN i.id AS id, i.iku AS iku")}
    mine = {(row["nip"], row["target"], tuple(row["via"]), row["sole"]) for row in rows}
    assert mine == reference.single_points_of_failure(load_networkx(sample), iku)
    expected = EXPECTED["defects"]["single_points_of_failure"]
    assert sorted([row["nip"], row["target"]] for row in rows) == expected
    retiring = retirements(sample, CATALOG, 2026)
    assert sorted(row["nip"] for row in retiring) == EXPECTED["defects"]["retirements_2026"]
    assert [row["reaches_on"] for row in retiring] == sorted(row["reaches_on"] for row in retiring)
    staff = EXPECTED["counts"]["staff"]
    assert 0.01 * staff <= len(retiring) <= 0.06 * staff
