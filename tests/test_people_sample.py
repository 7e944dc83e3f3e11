"""The people queries on the sample kabupaten (in a module of their own: the `sample` fixture is imported once per
module, and the hand-built graphs of test_queries_people.py wipe the database): the intervensi check, single points
of failure and retirements against networkx computing the same rules (bench/people.py) and the sample's
expected.json, at realistic rates."""

from __future__ import annotations

import json
from pathlib import Path

from bench import people as reference
from bench.run import load_networkx
from graph.catalog import load_catalog

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


def test_what_if_move_on_the_sample_agrees_with_networkx(sample):
    """The person most outcomes hang on, and the atasan with the most staff: what a mutasi of each would cost."""
    from graph.people import single_points_of_failure, what_if_move

    spof = single_points_of_failure(sample, CATALOG)
    iku = {row["id"]: row["iku"] for row in sample.read("MATCH (i:Indicator) RETURN i.id AS id, i.iku AS iku")}
    graph = load_networkx(sample)
    expected_spof = reference.single_points_of_failure(graph, iku)
    most_hung = max({row["nip"] for row in spof}, key=lambda nip: (sum(row["nip"] == nip for row in spof), nip))
    busiest = sample.read(
        "MATCH (s:ASN)-[:REPORTS_TO]->(p:ASN) WITH p, count(s) AS staff "
        "RETURN p.nip AS nip ORDER BY staff DESC, nip LIMIT 1"
    )[0]["nip"]
    for nip in (most_hung, busiest):
        rows = what_if_move(sample, CATALOG, nip)
        hanging = {
            (row["nip"], row["target"], tuple(row["via"]), row["kind"] == "loses")
            for row in rows
            if row["kind"] in ("loses", "hangs_on")
        }
        assert hanging == {item for item in expected_spof if item[0] == nip}
        breaks = {row["nip"]: row["via"] for row in rows if row["kind"] == "intervensi_break"}
        assert breaks == reference.intervensi_breaks_of_a_move(graph, nip)
    assert any(row["kind"] == "hangs_on" or row["kind"] == "loses" for row in what_if_move(sample, CATALOG, most_hung))
    assert any(row["kind"] == "intervensi_break" for row in what_if_move(sample, CATALOG, busiest))
