"""`line_of_sight` and `impact` against references kept here: the former line_of_sight query (ANY SHORTEST to
every outcome at once, whose path tracing grew with the square of the depth) and a plain breadth-first search
in Python over the edges read back. Same answers on the sample kabupaten and on a branching chain; the
10,000-deep chain itself is in test_hostile_graphs.py and its timings in bench/ (BENCHMARKS.md)."""

from __future__ import annotations

from collections import defaultdict, deque
from itertools import pairwise

from graph.catalog import load_catalog
from graph.model import QUERY_CONSTANTS, derive_implied_edges

CATALOG = load_catalog()

# The line_of_sight query as it was before the depth fix: the reference its answers are compared with.
OLD_LINE_OF_SIGHT = """
MATCH (s:ASN {nip: $nip})-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity)
MATCH p = ANY SHORTEST (e) (()-[:CONTRIBUTES_TO]->())* (o:Goal WHERE o.level IN $outcome_levels)
RETURN s.nip AS nip, s.name AS name, e.id AS assigned_id, o.id AS outcome_id, o.level AS outcome_level,
       length(p) AS length,
       [n IN nodes(p) | {
         id: n.id,
         label: CASE WHEN n:Goal THEN 'Goal' WHEN n:Indicator THEN 'Indicator' ELSE 'Activity' END,
         level_or_kind: CASE WHEN n:Goal THEN n.level WHEN n:Activity THEN n.kind END,
         name: coalesce(n.name, n.statement)
       }] AS path
ORDER BY assigned_id, length, outcome_id
"""
SIGHT_KEYS = ("nip", "name", "assigned_id", "outcome_id", "outcome_level", "length")


def _edges(runner) -> set[tuple[str, str]]:
    """Every CONTRIBUTES_TO edge (the implied indicator→goal ones too) as (from id, to id)."""
    return {
        (row["a"], row["b"])
        for row in runner.read("MATCH (a)-[:CONTRIBUTES_TO]->(b) RETURN a.id AS a, b.id AS b", limit=None)
    }


def _assert_same_line_of_sight(runner, nip: str, edges: set[tuple[str, str]]) -> list[dict]:
    """The new query's rows equal the old one's, column by column and in order; each path is a path of the
    graph of that length from the assigned element to the outcome (where several shortest paths exist, either
    query may pick any of them), and the same one where the old path was the only candidate."""
    new = CATALOG.run(runner, "line_of_sight", {"nip": nip})
    old = runner.read(OLD_LINE_OF_SIGHT, {"nip": nip, **QUERY_CONSTANTS})
    assert [tuple(row[key] for key in SIGHT_KEYS) for row in new] == [
        tuple(row[key] for key in SIGHT_KEYS) for row in old
    ], nip
    for row, reference in zip(new, old, strict=True):
        ids = [step["id"] for step in row["path"]]
        assert len(ids) == row["length"] + 1 and ids[0] == row["assigned_id"] and ids[-1] == row["outcome_id"]
        assert all((a, b) in edges for a, b in pairwise(ids)), (nip, ids)
        assert row["path"][0] == reference["path"][0] and row["path"][-1] == reference["path"][-1]
    return new


def _reach(edges: set[tuple[str, str]], start: str, forwards: bool) -> dict[str, int]:
    """Hops from `start` to everything reached along the edges (or against them), breadth first."""
    step = defaultdict(list)
    for a, b in edges:
        step[a if forwards else b].append(b if forwards else a)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in step[node]:
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    seen.pop(start)
    return seen


def _assert_impact_is_the_breadth_first_search(runner, element: str, edges: set[tuple[str, str]]) -> list[dict]:
    rows = CATALOG.run(runner, "impact", {"id": element})
    expected = sorted(
        [("supports", node, hops) for node, hops in _reach(edges, element, True).items()]
        + [("supported_by", node, hops) for node, hops in _reach(edges, element, False).items()],
        key=lambda item: (item[0] != "supports", item[2], item[1]),
    )
    assert [(row["direction"], row["id"], row["distance"]) for row in rows] == expected, element
    return rows


def test_line_of_sight_answers_as_before_for_the_sample_staff(sample):
    edges = _edges(sample)
    nips = [row["nip"] for row in sample.read("MATCH (s:ASN)-[:ASSIGNED_TO]->() RETURN DISTINCT s.nip AS nip")]
    lengths: set[int] = set()
    several = 0
    for nip in sorted(nips)[::4]:  # every fourth of the assigned staff: hundreds of people, every level
        rows = _assert_same_line_of_sight(sample, nip, edges)
        lengths |= {row["length"] for row in rows}
        several += len(rows) > 1
    assert len(nips) > 1000 and 0 in lengths and max(lengths) >= 4 and several > 100, (len(nips), lengths, several)


def test_impact_is_a_breadth_first_search_for_sample_elements(sample):
    edges = _edges(sample)
    ids = [
        row["id"]
        for row in sample.read(
            "MATCH (x) WHERE x:Goal OR x:Indicator OR x:Activity RETURN x.id AS id ORDER BY x.id", limit=None
        )
    ]
    both = 0
    for element in ids[::25]:
        rows = _assert_impact_is_the_breadth_first_search(sample, element, edges)
        both += {row["direction"] for row in rows} == {"supports", "supported_by"}
    assert len(ids) > 5000 and both > 50


def test_line_of_sight_and_impact_answer_as_before_on_a_branching_chain(runner):
    """A 400-deep chain under the visi; four of its goals also reach the goal two levels up through a goal
    beside the chain (two shortest routes each: 16 shortest paths from the bottom; the former query took
    minutes on 2^40 of them), each has a goal below it on a branch and an indicator; staff at the bottom, on
    a branch and on the visi itself (a path of length 0)."""
    runner.write(
        """
        CREATE (:Goal {id: 'C000', level: 'visi', statement: 'Visi'})
        WITH 1 AS one UNWIND range(1, 400) AS k
        CREATE (:Goal {id: 'C' + right('00' + k, 3), statement: 'Sasaran ' + k,
                       level: CASE WHEN k < 4 THEN 'sasaran' ELSE 'rhk' END})"""
    )
    runner.write(
        """
        UNWIND range(1, 400) AS k
        MATCH (a:Goal {id: 'C' + right('00' + k, 3)}), (b:Goal {id: 'C' + right('00' + (k - 1), 3)})
        CREATE (a)-[:CONTRIBUTES_TO]->(b)
        WITH a, k WHERE k % 100 = 5
        MATCH (c:Goal {id: 'C' + right('00' + (k - 2), 3)})
        CREATE (a)-[:CONTRIBUTES_TO]->(:Goal {id: 'X' + k, level: 'rhk', statement: 'Samping ' + k})
               -[:CONTRIBUTES_TO]->(c)
        CREATE (a)<-[:CONTRIBUTES_TO]-(:Goal {id: 'B' + k, level: 'rhk', statement: 'Cabang ' + k})
        CREATE (a)-[:MEASURED_BY]->(:Indicator {id: 'I' + k, name: 'Indeks ' + k, polarity: 'positif'})"""
    )
    runner.write(
        """
        MATCH (bottom:Goal {id: 'C400'}), (branch:Goal {id: 'B205'}), (top:Goal {id: 'C000'})
        CREATE (:ASN {nip: '199001012015011001', name: 'Bawah'})-[:ASSIGNED_TO]->(bottom),
               (:ASN {nip: '199001012015011002', name: 'Cabang'})-[:ASSIGNED_TO]->(branch),
               (:ASN {nip: '199001012015011003', name: 'Atas'})-[:ASSIGNED_TO]->(top),
               (:Activity {id: 'SK', kind: 'subkegiatan', name: 'Sub'})-[:CONTRIBUTES_TO]->(bottom)"""
    )
    derive_implied_edges(runner)
    edges = _edges(runner)
    bottom = _assert_same_line_of_sight(runner, "199001012015011001", edges)
    assert [(row["outcome_id"], row["length"]) for row in bottom] == [
        ("C003", 397),
        ("C002", 398),
        ("C001", 399),
        ("C000", 400),
    ]
    assert [row["length"] for row in _assert_same_line_of_sight(runner, "199001012015011002", edges)] == [
        203,
        204,
        205,
        206,
    ]
    assert [row["length"] for row in _assert_same_line_of_sight(runner, "199001012015011003", edges)] == [0]
    for element in ("C400", "C205", "X205", "B205", "I205", "C000", "SK"):
        _assert_impact_is_the_breadth_first_search(runner, element, edges)
