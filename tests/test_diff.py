"""graph/diff.py, `pokin diff`, /api/diff and the page /perubahan on two versions of the sample kabupaten.

The second version is the first copied (raw Cypher, under `U-PEMDA@2026`) with planted changes, each listed in
PLANTED; the diff must list exactly those and their consequences, nothing else.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graph.db import Runner
from graph.diff import SECTION_KEYS, diff
from graph.diff_read import UnknownVersion, read_version
from graph.model import NODE_TYPES, REL_TYPE_NAMES, apply_schema

A, B = "U-PEMDA", "U-PEMDA@2026"
NEW_NIP = "200001012025011001"
CUT_ACTIVITY = "SK-2026-1.02.01.2.01.0006"  # its only contribution removed: its pagu loses its path
CUT_RHK = "G-RHK-SETDA-0001"  # its only contribution removed: its one ASN loses their path
CUT_RHK_ASN = "199905112021011001"
MOVED, LEFT = "199602102025032001", "199612292020122002"
REMOVED_INDICATOR = "I-S-DISHUB-1-1"


def copy_version(runner: Runner, old: str, new: str) -> None:
    """Every node and relationship of dataset `old` again under dataset `new` (a version before the importer takes
    one): nodes by label, then edges by type and end labels, an end in another dataset kept as it is."""
    for node in NODE_TYPES:
        runner.write(
            f"MATCH (n:{node.label}) WHERE n.dataset = $old CREATE (c:{node.label}) SET c = n {{.*, dataset: $new}}",
            {"old": old, "new": new},
        )
    for rel_type in REL_TYPE_NAMES:
        rows = runner.read(
            f"MATCH (a)-[r:{rel_type}]->(b) WHERE r.dataset = $old RETURN labels(a)[0] AS la, "
            "coalesce(a.id, a.nip) AS start, labels(b)[0] AS lb, coalesce(b.id, b.nip) AS end, "
            "b.dataset AS end_dataset, properties(r) AS props",
            {"old": old},
        )
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            row["end_dataset"] = new if row["end_dataset"] == old else row["end_dataset"]
            groups[(row["la"], row["lb"])].append(row)
        for (start_label, end_label), group in groups.items():
            start_key = "nip" if start_label == "ASN" else "id"
            end_key = "nip" if end_label == "ASN" else "id"
            runner.write(
                f"UNWIND $rows AS row MATCH (a:{start_label} {{{start_key}: row.start, dataset: $new}}) "
                f"MATCH (b:{end_label} {{{end_key}: row.end, dataset: row.end_dataset}}) "
                f"CREATE (a)-[r:{rel_type}]->(b) SET r = row.props, r.dataset = $new",
                {"rows": group, "new": new},
            )


# Each planted change: what it is, and the Cypher that makes it in version B.
PLANTED = [
    (
        "a goal added (sasaran_kegiatan contributing to a sasaran_program)",
        "MATCH (p:Goal {id: 'G-SP-BPBD-1.05.01', dataset: $b}) "
        "CREATE (g:Goal {id: 'G-SK-BARU-1', level: 'sasaran_kegiatan', statement: 'Sasaran kegiatan baru', "
        "dataset: $b})-[:CONTRIBUTES_TO {weight: 1.0, dataset: $b}]->(p)",
    ),
    (
        "an indicator removed (with its years)",
        f"MATCH (i:Indicator {{id: '{REMOVED_INDICATOR}', dataset: $b}}) "
        f"OPTIONAL MATCH (y:IndicatorYear {{indicator_id: '{REMOVED_INDICATOR}', dataset: $b}}) DETACH DELETE i, y",
    ),
    (
        "a goal's statement restated",
        "MATCH (g:Goal {id: 'G-S-PEMDA-1', dataset: $b}) SET g.statement = 'Pernyataan sasaran yang dirumuskan ulang'",
    ),
    (
        "a sasaran program re-parented to the other sasaran of its OPD: G-S-BPBD-1 loses its last activity",
        "MATCH (g:Goal {id: 'G-SP-BPBD-1.05.03', dataset: $b})-[r:CONTRIBUTES_TO]->(:Goal {id: 'G-S-BPBD-1'}) "
        "MATCH (s:Goal {id: 'G-S-BPBD-2', dataset: $b}) DELETE r CREATE (g)-[:CONTRIBUTES_TO {weight: 1.0, "
        "dataset: $b}]->(s)",
    ),
    (
        "a 2026 target changed",
        "MATCH (y:IndicatorYear {indicator_id: 'I-T-PEMDA-1-1', year: 2026, dataset: $b}) SET y.target = 71.5",
    ),
    (
        "a satuan changed (the indicator's and its years', as the importer writes it)",
        "MATCH (i:Indicator {id: 'I-T-PEMDA-2-1', dataset: $b}) SET i.satuan = 'persen' WITH i "
        "MATCH (y:IndicatorYear {indicator_id: i.id, dataset: $b}) WHERE y.satuan IS NOT NULL SET y.satuan = 'persen'",
    ),
    (
        "a pagu changed",
        "MATCH (a:Activity {id: 'SK-2026-1.02.01.2.06.0004', dataset: $b}) SET a.budget = 200000000",
    ),
    (
        "an ASN moved to another unit and position",
        f"MATCH (s:ASN {{nip: '{MOVED}', dataset: $b}})-[m:MEMBER_OF]->() "
        "MATCH (u:Unit {id: 'U-SETDA-03-2-1', dataset: $b}) DELETE m CREATE (s)-[:MEMBER_OF {dataset: $b}]->(u) "
        "SET s.position = 'Pengolah Data dan Informasi'",
    ),
    ("an ASN left", f"MATCH (s:ASN {{nip: '{LEFT}', dataset: $b}}) DETACH DELETE s"),
    (
        "an ASN arrived",
        f"MATCH (u:Unit {{id: 'U-DINKES', dataset: $b}}) CREATE (s:ASN {{nip: '{NEW_NIP}', name: 'Rina Baru', "
        "position: 'Perawat Ahli Pertama', asn_kind: 'PNS', dataset: $b})-[:MEMBER_OF {dataset: $b}]->(u)",
    ),
    (
        "an activity cut off from its outcome (its pagu loses its path)",
        f"MATCH (:Activity {{id: '{CUT_ACTIVITY}', dataset: $b}})-[r:CONTRIBUTES_TO]->() DELETE r",
    ),
    (
        "an rhk cut off (its only ASN loses their path)",
        f"MATCH (:Goal {{id: '{CUT_RHK}', dataset: $b}})-[r:CONTRIBUTES_TO]->() DELETE r",
    ),
]


FACT: dict[str, Any] = {}  # version A read while the importer's reach fact was current


def _preconditions(runner: Runner) -> None:
    """What makes PLANTED's consequences exactly those listed below (read on version A, before any change)."""
    rows = runner.read(
        "MATCH (i:Indicator {id: $indicator, dataset: $a}) "
        "RETURN COUNT { (i)<-[r:CONTRIBUTES_TO]-() WHERE r.implied IS NULL } AS into_indicator, "
        "COUNT { MATCH (:Goal {id: 'G-S-BPBD-1', dataset: $a})<-[r:CONTRIBUTES_TO]-(x) WHERE r.implied IS NULL "
        "RETURN x } AS into_sasaran, "
        "COUNT { MATCH (s:ASN {dataset: $a})-[:ASSIGNED_TO]->(:Activity {id: $cut}) RETURN s } AS on_activity, "
        "COUNT { MATCH (s:ASN {dataset: $a})-[:ASSIGNED_TO]->(:Goal {id: $rhk}) RETURN s } AS on_rhk, "
        "COUNT { MATCH (s:ASN {nip: $asn, dataset: $a})-[:ASSIGNED_TO]->(x) RETURN x } AS held, "
        "COUNT { MATCH (:Goal {id: $rhk, dataset: $a})<-[:CONTRIBUTES_TO]-(x) RETURN x } AS into_rhk",
        {"indicator": REMOVED_INDICATOR, "a": A, "cut": CUT_ACTIVITY, "rhk": CUT_RHK, "asn": CUT_RHK_ASN},
    )
    assert rows == [{"into_indicator": 0, "into_sasaran": 1, "on_activity": 0, "on_rhk": 1, "held": 1, "into_rhk": 0}]


@pytest.fixture(scope="module")
def versions(sample: Runner) -> Runner:
    """The sample as version A (`U-PEMDA`) and its copy with PLANTED as version B (`U-PEMDA@2026`)."""
    apply_schema(sample)
    _preconditions(sample)
    FACT[A] = read_version(sample, A)
    copy_version(sample, A, B)
    for _, statement in PLANTED:
        sample.write(statement, {"b": B})
    return sample


def _keys(rows: list[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[column] for column in columns) for row in rows]


def test_the_copy_is_a_version_the_same_as_the_first(versions):
    """Before anything else: version B read back equals A but for PLANTED (here: A against itself is empty)."""
    same = diff(versions, A, A)
    assert all(rows == [] for rows in same.sections.values())
    before, after = read_version(versions, A), read_version(versions, B)
    assert len(after.nodes["Goal"]) == len(before.nodes["Goal"]) + 1
    assert len(after.nodes["ASN"]) == len(before.nodes["ASN"])  # one left, one arrived


def test_the_diff_lists_exactly_the_planted_changes(versions):
    found = diff(versions, A, B).sections
    assert set(found) == set(SECTION_KEYS)
    assert _keys(found["added"], "label", "id", "name") == [("Goal", "G-SK-BARU-1", "Sasaran kegiatan baru")]
    assert _keys(found["removed"], "label", "id") == [("Indicator", REMOVED_INDICATOR)]
    assert _keys(found["restated"], "label", "id", "field", "after") == [
        ("Goal", "G-S-PEMDA-1", "statement", "Pernyataan sasaran yang dirumuskan ulang")
    ]
    assert found["restated"][0]["before"].startswith("Meningkatnya")
    assert _keys(found["reparented"], "type", "id", "before", "after") == [
        ("CONTRIBUTES_TO", "G-RHK-SETDA-0001", ["G-SK-SETDA-4.01.02.2.01"], []),
        ("CONTRIBUTES_TO", "G-SP-BPBD-1.05.03", ["G-S-BPBD-1"], ["G-S-BPBD-2"]),
        ("CONTRIBUTES_TO", CUT_ACTIVITY, ["G-SK-DINKES-1.02.01.2.01"], []),
    ]


def test_the_diff_lists_the_figures_and_staff_changed(versions):
    found = diff(versions, A, B).sections
    indicators = _keys(found["indicators"], "id", "year", "field", "before", "after")
    assert ("I-T-PEMDA-1-1", 2026, "target", 71.08, 71.5) in indicators
    assert ("I-T-PEMDA-2-1", None, "satuan", "%", "persen") in indicators
    assert {row[0] for row in indicators} == {"I-T-PEMDA-1-1", "I-T-PEMDA-2-1"}
    years_satuan = [row for row in indicators if row[0] == "I-T-PEMDA-2-1" and row[1] is not None]
    assert all(row[2:] == ("satuan", "%", "persen") for row in years_satuan)
    assert _keys(found["budgets"], "id", "before", "after", "difference") == [
        ("SK-2026-1.02.01.2.06.0004", 183007000, 200000000, 16993000)
    ]
    staff = _keys(found["staff"], "change", "nip", "unit_before", "unit_after", "position_after")
    assert staff == [
        ("pindah", MOVED, "U-SETDA-02-2-1", "U-SETDA-03-2-1", "Pengolah Data dan Informasi"),
        ("keluar", LEFT, "U-SETDA-03-2-1", None, None),
        ("masuk", NEW_NIP, None, "U-DINKES", "Perawat Ahli Pertama"),
    ]


def test_the_diff_shows_the_paths_to_an_outcome_lost(versions):
    result = diff(versions, A, B)
    found = result.sections
    assert _keys(found["reach_budget"], "change", "id", "before") == [("kehilangan", CUT_ACTIVITY, 248712000)]
    assert _keys(found["reach_staff"], "change", "nip") == [("kehilangan", CUT_RHK_ASN)]
    assert _keys(found["outcomes"], "change", "id", "level") == [("kehilangan", "G-S-BPBD-1", "sasaran")]
    assert result.summary["pagu_lost_path"] == 248712000 and result.summary["staff_lost_path"] == 1
    assert result.summary["outcomes_lost_support"] == 1 and result.summary["pagu_difference"] == 16993000
    backwards = diff(versions, B, A).sections  # the other way round, everything lost is gained
    assert _keys(backwards["reach_budget"], "change", "id") == [("mendapat", CUT_ACTIVITY)]
    assert _keys(backwards["outcomes"], "change", "id") == [("mendapat", "G-S-BPBD-1")]
    assert _keys(backwards["added"], "id") == [(REMOVED_INDICATOR,)]


def test_the_reach_worked_out_equals_the_importers_fact(versions):
    """Right after the import the fact is current and the diff reads it; once raw Cypher wrote version B it is
    not, and the diff works the reach out from the edges: the same set for version A."""
    assert FACT[A].reach_from == "fact" and FACT[A].reaching
    worked_out = read_version(versions, A)
    assert worked_out.reach_from == "traversal"
    assert worked_out.reaching == FACT[A].reaching


def test_an_unknown_version_is_named(versions):
    with pytest.raises(UnknownVersion, match="'nowhere@2030'"):
        diff(versions, A, "nowhere@2030")
