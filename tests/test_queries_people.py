"""The people queries (intervensi of each ASN's RHK in their atasan's, docs/domain.md "RHK, intervensi and the
Matriks Peran Hasil"): on hand-built graphs whose answers are worked out by hand, and on the sample kabupaten
against networkx computing the same rule (bench/people.py) and against the sample's expected.json."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import people as reference  # noqa: E402
from bench.run import load_networkx  # noqa: E402
from graph.catalog import load_catalog  # noqa: E402
from graph.model import derive_implied_edges  # noqa: E402

CATALOG = load_catalog()
SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"
EXPECTED = json.loads((SAMPLE / "expected.json").read_text())

# An OPD (head H reporting to the sekda X of another OPD) with a bidang (kepala bidang B) and a seksi (kepala
# seksi K); staff under K. Every NIP is 18 digits, the last two telling them apart.
INTERVENSI = """
CREATE (setda:Unit {id: 'SETDA', kind: 'perangkat_daerah'}), (opd:Unit {id: 'OPD', kind: 'perangkat_daerah'}),
       (bid:Unit {id: 'BID', kind: 'unit_kerja'})-[:PART_OF]->(opd),
       (sek:Unit {id: 'SEK', kind: 'unit_kerja'})-[:PART_OF]->(bid),
       (x:ASN {nip: '197001011990011001'})-[:MEMBER_OF]->(setda),
       (h:ASN {nip: '197001011990011002'})-[:MEMBER_OF]->(opd), (h)-[:REPORTS_TO]->(x),
       (b:ASN {nip: '197001011990011003'})-[:MEMBER_OF]->(bid), (b)-[:REPORTS_TO]->(h),
       (k:ASN {nip: '197001011990011004'})-[:MEMBER_OF]->(sek), (k)-[:REPORTS_TO]->(b),
       (s:Goal {id: 'S', level: 'sasaran'}), (opd)-[:ASSIGNED_TO]->(s), (h)-[:ASSIGNED_TO]->(s),
       (sp:Goal {id: 'SP', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(s), (b)-[:ASSIGNED_TO]->(sp),
       (sk:Goal {id: 'SK', level: 'sasaran_kegiatan'})-[:MEASURED_BY]->(ik:Indicator {id: 'IK'}),
       (sk)-[:CONTRIBUTES_TO]->(sp), (k)-[:ASSIGNED_TO]->(ik),
       (other:Goal {id: 'OTHER', level: 'sasaran_kegiatan'}), (x)-[:ASSIGNED_TO]->(other),
       // staff of K: through K's indicator (one step), two steps up to SP, elsewhere, nowhere, nothing
       (s1:ASN {nip: '199001012015011011'})-[:MEMBER_OF]->(sek), (s1)-[:REPORTS_TO]->(k),
       (s1)-[:ASSIGNED_TO]->(:Goal {id: 'R1', level: 'rhk'})-[:CONTRIBUTES_TO]->(ik),
       (s2:ASN {nip: '199001012015011012'})-[:MEMBER_OF]->(sek), (s2)-[:REPORTS_TO]->(b),
       (s2)-[:ASSIGNED_TO]->(:Goal {id: 'R2', level: 'rhk'})-[:CONTRIBUTES_TO]->(sk),
       (s3:ASN {nip: '199001012015011013'})-[:MEMBER_OF]->(sek), (s3)-[:REPORTS_TO]->(k),
       (s3)-[:ASSIGNED_TO]->(:Goal {id: 'R3', level: 'rhk'})-[:CONTRIBUTES_TO]->(other),
       (s4:ASN {nip: '199001012015011014'})-[:MEMBER_OF]->(sek), (s4)-[:REPORTS_TO]->(k),
       (s4)-[:ASSIGNED_TO]->(:Goal {id: 'R4', level: 'rhk'}),
       (s5:ASN {nip: '199001012015011015'})-[:MEMBER_OF]->(sek), (s5)-[:REPORTS_TO]->(k),
       (s6:ASN {nip: '199001012015011016'})-[:MEMBER_OF]->(sek),
       (s6)-[:ASSIGNED_TO]->(:Goal {id: 'R6', level: 'rhk'})-[:CONTRIBUTES_TO]->(sk),
       (s7:ASN {nip: '199001012015011017'})-[:MEMBER_OF]->(bid), (s7)-[:REPORTS_TO]->(s5),
       (s7)-[:ASSIGNED_TO]->(:Goal {id: 'R7', level: 'rhk'})-[:CONTRIBUTES_TO]->(sp)
"""


def intervensi_rows(runner, **params):
    derive_implied_edges(runner)
    return CATALOG.run(runner, "rhk_without_intervention", params)


def test_rhk_without_intervention_names_each_break_and_its_reason(runner):
    runner.write(INTERVENSI)
    found = {row["nip"][-2:]: row for row in intervensi_rows(runner)}
    # the sekda (head of SETDA, no atasan) is checked against SETDA's sasaran, and SETDA has none
    assert {key: row["reason"] for key, row in found.items()} == {
        "01": "opd_without_sasaran", "13": "leads_elsewhere", "14": "leads_nowhere", "15": "no_rhk",
        "16": "no_atasan", "17": "atasan_without_rhk"}
    assert found["01"]["checked_against"] == "sasaran_opd" and found["13"]["checked_against"] == "atasan"
    # to whose work: the goal R3 reaches and who is assigned to it
    assert found["13"]["leads_to"] == ["OTHER"] and found["13"]["leads_to_owners"] == ["197001011990011001"]
    assert found["13"]["atasan_nip"] == "197001011990011004" and found["13"]["rhk"] == ["R3"]
    assert found["14"]["leads_to"] == [] and found["14"]["leads_to_owners"] == []
    assert found["13"]["unit_id"] == "SEK"


def test_a_head_intervenes_through_the_opd_sasaran_and_staff_through_any_depth(runner):
    runner.write(INTERVENSI)
    nips = {row["nip"] for row in intervensi_rows(runner)}
    # H (head of OPD, atasan X elsewhere) owns S; B reaches H's S; K's indicator stands for SK, which reaches
    # B's SP; S1 meets K's indicator; S2 reaches B's SP two steps up
    for nip in ("197001011990011002", "197001011990011003", "197001011990011004", "199001012015011011",
                "199001012015011012"):
        assert nip not in nips
    runner.write("MATCH (:Goal {id: 'SK'})-[r:CONTRIBUTES_TO]->(:Goal {id: 'SP'}) DELETE r")
    broken = {row["nip"]: row["reason"] for row in intervensi_rows(runner)}
    assert broken["197001011990011004"] == "leads_nowhere"  # K's indicator stands for SK, which reaches nothing
    assert broken["199001012015011012"] == "leads_elsewhere"  # S2's SK is K's, not its atasan B's


def test_rhk_without_intervention_scoped_to_a_unit(runner):
    runner.write(INTERVENSI)
    whole = intervensi_rows(runner)
    scoped = intervensi_rows(runner, unit="BID")
    assert scoped == [row for row in whole if row["unit_id"] in ("BID", "SEK")]
    assert {row["nip"][-2:] for row in scoped} == {"13", "14", "15", "16", "17"}


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
