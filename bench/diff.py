"""The diff of two versions (graph/diff.py) timed on the sample kabupaten and on the synthetic kabupaten.

    .venv/bin/python -m bench.diff [--runs 5] [--json OUT]

Goal (issue 20): a diff of two kabupaten versions answers in under 2 s. Each kabupaten is imported as its
unnamed version, then copied under `<dataset>@2026` with changes spread over it (CHANGES: a pagu raised on every
tenth activity, every fiftieth activity cut off from its parents, every twentieth ASN moved), and the diff is
timed end to end (both versions read, compared), `runs` times after one warm-up; p50 and max in milliseconds,
and the part spent reading. Both kabupaten stay in the database for both timings, so each diff reads its two
versions out of four. Starts a throw-away local Neo4j unless NEO4J_URI is set (that database is WIPED).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.lookups import database
from graph.db import Runner
from graph.diff import compare, diff
from graph.diff_read import read_version
from graph.importer import import_path
from graph.model import NODE_TYPES, REL_TYPE_NAMES, apply_schema

SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"
CHANGES = (
    "MATCH (a:Activity) WHERE a.dataset = $b AND a.budget IS NOT NULL WITH a ORDER BY a.id WITH collect(a) AS items "
    "UNWIND range(0, size(items) - 1, 10) AS i WITH items[i] AS a SET a.budget = toInteger(a.budget * 1.05)",
    "MATCH (a:Activity) WHERE a.dataset = $b WITH a ORDER BY a.id WITH collect(a) AS items "
    "UNWIND range(0, size(items) - 1, 50) AS i WITH items[i] AS a MATCH (a)-[r:CONTRIBUTES_TO]->() DELETE r",
    "MATCH (s:ASN) WHERE s.dataset = $b WITH s ORDER BY s.nip WITH collect(s) AS items "
    "MATCH (u:Unit {kind: 'perangkat_daerah'}) WHERE u.dataset = $b WITH items, u ORDER BY u.id LIMIT 1 "
    "UNWIND range(0, size(items) - 1, 20) AS i WITH items[i] AS s, u MATCH (s)-[m:MEMBER_OF]->() DELETE m "
    "WITH DISTINCT s, u CREATE (s)-[:MEMBER_OF {dataset: $b}]->(u)",
)


def copy_version(runner: Runner, old: str, new: str) -> None:
    """Every node and relationship of dataset `old` again under dataset `new` with raw Cypher: nodes by label,
    then edges by type and end labels, an end in another dataset kept as it is."""
    for node in NODE_TYPES:
        runner.write(
            f"MATCH (n:{node.label}) WHERE n.dataset = $old CREATE (c:{node.label}) SET c = n {{.*, dataset: $new}}",
            {"old": old, "new": new},
            timeout=600,
        )
    for rel_type in REL_TYPE_NAMES:
        rows = runner.read(
            f"MATCH (a)-[r:{rel_type}]->(b) WHERE r.dataset = $old RETURN labels(a)[0] AS la, "
            "coalesce(a.id, a.nip) AS start, labels(b)[0] AS lb, coalesce(b.id, b.nip) AS end, "
            "b.dataset AS end_dataset, properties(r) AS props",
            {"old": old},
            timeout=600,
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
                timeout=600,
            )


def two_versions(runner: Runner, folder: Path) -> tuple[str, str]:
    """Import the folder as its unnamed version, copy it under `@2026` and change the copy (CHANGES)."""
    report = import_path(folder, runner)
    old = report.dataset
    new = f"{old}@2026"
    copy_version(runner, old, new)
    for statement in CHANGES:
        runner.write(statement, {"b": new}, timeout=600)
    return old, new


def timed(runner: Runner, a: str, b: str, runs: int) -> dict[str, Any]:
    """p50 and max of the whole diff and of reading both versions, after a warm-up; the diff's counts."""
    result = diff(runner, a, b)
    whole, reading = [], []
    for _ in range(runs):
        started = time.perf_counter()
        before, after = read_version(runner, a), read_version(runner, b)
        read_at = time.perf_counter()
        compare(before, after)
        reading.append((read_at - started) * 1000)
        started = time.perf_counter()
        diff(runner, a, b)
        whole.append((time.perf_counter() - started) * 1000)
    nodes = sum(len(keyed) for keyed in read_version(runner, b).nodes.values())
    return {
        "a": a,
        "b": b,
        "nodes_per_version": nodes,
        "counts": {key: len(rows) for key, rows in result.sections.items()},
        "reach_from": result.reach_from,
        "diff_p50_ms": round(statistics.median(whole), 1),
        "diff_max_ms": round(max(whole), 1),
        "read_p50_ms": round(statistics.median(reading), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from seed.synthetic import generate

    scratch = Path(tempfile.mkdtemp(prefix="pokin-diff-"))
    generate("kabupaten", scratch / "kabupaten", 1)
    results = []
    with database() as runner:
        runner.write("MATCH (n) DETACH DELETE n", timeout=600)
        apply_schema(runner)
        pairs = [("sample", two_versions(runner, SAMPLE)), ("kabupaten", two_versions(runner, scratch / "kabupaten"))]
        for name, (a, b) in pairs:
            results.append({"data": name, **timed(runner, a, b, args.runs)})
            print(json.dumps(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
