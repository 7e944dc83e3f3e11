"""Search, impact and line_of_sight beside an older catalog, in one run: what their index seek and their
breadth-first searches buy.

    .venv/bin/python -m bench.lookups --baseline DIR [--data DIR ...] [--depths 2500 5000 10000] [--runs 5]
                                      [--json OUT]

--baseline is a folder of .cypher files (e.g. the catalog before a change, from `git archive`). --data
imports those datasets (e.g. /tmp/pokin-bench-data/provinsi-1/*) and times `search` on terms taken from
them (an ASN's name, a word of a unit's name, an activity code, a goal id, a whole NIP, part of a NIP for a
token holder, a text of punctuation only); --depths builds contribution chains that deep (as in
tests/test_hostile_graphs.py: a visi, four sasaran, rhk below, a sub-kegiatan and an ASN on the bottom goal)
and times `impact` and `line_of_sight` from the bottom. Each query of the two catalogs runs alternately
(load hits both alike), after one warm-up each; p50 in milliseconds, end to end as the catalog runs it
(rows packed), and whether the rows are equal. Starts a throw-away local Neo4j unless NEO4J_URI is set
(that database is WIPED; with --search and no --data, search is timed on what it holds first).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.queries_quick import profile
from graph.catalog import Catalog, load_catalog
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import import_paths
from graph.model import apply_schema, derive_implied_edges

DEEP_NIP = "198503152010011002"


def side_by_side(
    runner: Runner, before: Catalog, after: Catalog, name: str, params: dict[str, Any], runs: int
) -> dict[str, Any]:
    """p50 of one query in both catalogs, alternating, whether their rows are equal, and the db hits of each
    (PROFILE: exact on any machine, where the milliseconds depend on the load of the moment)."""
    rows = {label: catalog.run(runner, name, params, timeout=600) for label, catalog in (("b", before), ("a", after))}
    times: dict[str, list[float]] = {"b": [], "a": []}
    for _ in range(runs):
        for label, catalog in (("b", before), ("a", after)):
            started = time.perf_counter()
            catalog.run(runner, name, params, timeout=600)
            times[label].append((time.perf_counter() - started) * 1000)
    return {
        "query": name,
        "params": params,
        "rows": len(rows["a"]),
        "same_rows": rows["a"] == rows["b"],
        "before_p50_ms": round(statistics.median(times["b"]), 1),
        "after_p50_ms": round(statistics.median(times["a"]), 1),
        "before_db_hits": profile(runner, before[name].cypher, before[name].bind(params))[0],
        "after_db_hits": profile(runner, after[name].cypher, after[name].bind(params))[0],
    }


def search_terms(runner: Runner) -> list[tuple[str, dict[str, Any]]]:
    """What people type, taken from the data loaded (nothing hard-coded but the punctuation)."""
    one = runner.read(
        "MATCH (s:ASN) WITH s ORDER BY s.nip LIMIT 1 "
        "MATCH (a:Activity {kind: 'subkegiatan'}) WITH s, a ORDER BY a.id LIMIT 1 "
        "MATCH (g:Goal {level: 'sasaran_program'}) WITH s, a, g ORDER BY g.id LIMIT 1 "
        "MATCH (u:Unit {kind: 'perangkat_daerah'}) WITH s, a, g, u ORDER BY u.id LIMIT 1 "
        "RETURN s.nip AS nip, s.name AS name, a.code AS code, g.id AS goal, split(u.name, ' ')[0] AS word"
    )[0]
    return [
        ("an ASN's name", {"q": one["name"], "nip_exact": True}),
        ("a word of a unit's name", {"q": one["word"], "nip_exact": True}),
        ("a sub-kegiatan code", {"q": one["code"], "nip_exact": True}),
        ("a goal id", {"q": one["goal"], "nip_exact": True}),
        ("a whole NIP", {"q": one["nip"], "nip_exact": True}),
        ("ten digits of a NIP (token holder)", {"q": one["nip"][4:14], "nip_exact": False}),
        ("punctuation only", {"q": "(", "nip_exact": True}),
    ]


def bench_search(runner: Runner, before: Catalog, after: Catalog, runs: int) -> list[dict[str, Any]]:
    results = []
    for label, params in search_terms(runner):
        entry = {"term": label, **side_by_side(runner, before, after, "search", params, runs)}
        print(_line(entry, label), flush=True)
        results.append(entry)
    return results


def wipe(runner: Runner) -> None:
    """Delete everything, 10,000 nodes per transaction (a province at once would not fit a small heap)."""
    while runner.write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n", timeout=600)[0]["n"]:
        pass


def build_chain(runner: Runner, depth: int) -> None:
    """G00000 (visi) <- G00001 <- ... (four sasaran under the visi, rhk below), an indicator on the visi, a
    sub-kegiatan contributing to the bottom goal and an ASN assigned to it."""
    wipe(runner)
    runner.write(
        "UNWIND range(0, $depth - 1) AS k "
        "CREATE (:Goal {id: 'G' + right('0000' + k, 5), statement: 'Sasaran ' + k, "
        "level: CASE WHEN k = 0 THEN 'visi' WHEN k < 5 THEN 'sasaran' ELSE 'rhk' END})",
        {"depth": depth},
    )
    runner.write(
        "UNWIND range(1, $depth - 1) AS k "
        "MATCH (a:Goal {id: 'G' + right('0000' + k, 5)}), (b:Goal {id: 'G' + right('0000' + (k - 1), 5)}) "
        "CREATE (a)-[:CONTRIBUTES_TO]->(b)",
        {"depth": depth},
    )
    runner.write(
        "MATCH (top:Goal {id: 'G00000'}), (bottom:Goal {id: 'G' + right('0000' + ($depth - 1), 5)}) "
        "CREATE (top)-[:MEASURED_BY]->(:Indicator {id: 'I-TOP', name: 'Indeks puncak', polarity: 'positif'}), "
        "(:Activity {id: 'SK-1', kind: 'subkegiatan', name: 'Sub dalam', budget: 1000000})"
        "-[:CONTRIBUTES_TO]->(bottom), (:ASN {nip: $nip, name: 'Pegawai Dalam'})-[:ASSIGNED_TO]->(bottom)",
        {"depth": depth, "nip": DEEP_NIP},
    )
    derive_implied_edges(runner)


def bench_chains(runner: Runner, before: Catalog, after: Catalog, depths: list[int], runs: int) -> list[dict[str, Any]]:
    results = []
    for depth in depths:
        build_chain(runner, depth)
        bottom = f"G{depth - 1:05d}"
        for name, params in (("impact", {"id": bottom}), ("line_of_sight", {"nip": DEEP_NIP})):
            entry = {"depth": depth, **side_by_side(runner, before, after, name, params, runs)}
            print(_line(entry, f"{name}, {depth:,} deep"), flush=True)
            results.append(entry)
    return results


def _line(entry: dict[str, Any], label: str) -> str:
    same = "" if entry["same_rows"] else "  ROWS DIFFER"
    return (
        f"{label:40} {entry['rows']:6} {entry['before_p50_ms']:11.1f} {entry['after_p50_ms']:10.1f} "
        f"{entry['before_db_hits']:12} {entry['after_db_hits']:11}{same}"
    )


@contextmanager
def database() -> Iterator[Runner]:
    """NEO4J_URI's database, or a throw-away local server's (2 GiB heap, 1 GiB page cache)."""
    if os.environ.get("NEO4J_URI"):
        runner = Runner.from_settings(Neo4jSettings.from_env())
        try:
            yield runner
        finally:
            runner.close()
        return
    from graph.launcher.server import LocalServer, free_port

    scratch = Path(tempfile.mkdtemp(prefix="pokin-lookups-"))
    server = LocalServer(scratch, free_port(), heap="2g", page_cache_bytes=1024**3, password="pokin-bench-pw")
    server.start()
    runner = Runner.from_settings(Neo4jSettings(uri=server.uri, password=server.password))
    try:
        yield runner
    finally:
        runner.close()
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--data", type=Path, nargs="*", default=[])
    parser.add_argument("--search", action="store_true", help="time search on the database as it is (no --data)")
    parser.add_argument("--depths", type=int, nargs="*", default=[])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    before, after = load_catalog(args.baseline), load_catalog()
    results: dict[str, Any] = {}
    print(f"{'':40} {'rows':>6} {'before p50':>11} {'after p50':>10} {'before hits':>12} {'after hits':>11}")
    with database() as runner:
        apply_schema(runner)
        if args.data:
            wipe(runner)
            started = time.perf_counter()
            import_paths(args.data, runner)
            print(f"{len(args.data)} datasets imported in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if args.data or args.search:
            nodes = runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
            results["search"] = {"nodes": nodes, "terms": bench_search(runner, before, after, args.runs)}
        if args.depths:
            results["chains"] = bench_chains(runner, before, after, args.depths, args.runs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
