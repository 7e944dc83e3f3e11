"""Quick timing of every catalog query on the bundled sample kabupaten (seed/sample): p50 after warm-up.

    .venv/bin/python -m bench.queries_quick [--runs 5] [--only NAME ...] [--cypher-dir DIR] [--profile]
                                            [--baseline DIR] [--data DIR] [--json OUT]

Starts a throw-away local Neo4j (or uses NEO4J_URI if set: that database is WIPED and reloaded), imports
seed/sample, picks parameters from the data (a mid-level goal, an assigned ASN, an OPD, year 2026), runs
each query once to warm up (planning, page cache) and then --runs times, and prints a table with p50, min
and max in milliseconds and the row count. --cypher-dir times the queries of another directory (e.g. an
older version extracted with `git archive`) against the same data; --profile prints each query's total
db hits and its three costliest operators. --baseline DIR times the queries of DIR beside them in the same
run (before/after: each run of one alternates with a run of the other, so load hits both alike) and prints
both p50 and both db hit totals side by side (profiling both). --data loads another directory of import
files instead of seed/sample (e.g. `pokin seed --synthetic kabupaten --out DIR`; a folder with a manifest.json
listing several datasets, as `pokin seed --synthetic provinsi` writes, is imported dataset by dataset in its order).
A small quick check, not the full benchmark suite.
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

from bench.run import pick_params
from graph.catalog import CYPHER_DIR, load_catalog
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import import_path, import_paths
from graph.model import apply_schema

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = ROOT / "seed" / "sample"


def profile(runner: Runner, cypher: str, params: dict[str, Any]) -> tuple[int, list[tuple[str, int]]]:
    with runner.driver.session(database=runner.database) as session:
        result = session.run("PROFILE " + cypher, params)
        list(result)  # the profile exists once the rows are read
        plan = result.consume().profile
    ops: list[tuple[str, int]] = []

    def walk(node: dict[str, Any]) -> None:
        ops.append(
            (
                node["operatorType"].split("@")[0] + " " + str(node.get("args", {}).get("Details", ""))[:90],
                int(node.get("dbHits", 0)),
            )
        )
        for child in node.get("children", []):
            walk(child)

    walk(plan or {})
    return sum(hits for _, hits in ops), sorted(ops, key=lambda op: -op[1])[:3]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--cypher-dir", type=Path, default=CYPHER_DIR)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=SAMPLE)
    args = parser.parse_args()
    results = compare(args) if args.baseline is not None else quick(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def read(runner: Runner, cypher: str, params: dict[str, Any], timeout: float) -> list[dict[str, Any]]:
    """As the catalog runs its queries: rows packed into one record (graph/db.py)."""
    return runner.read(cypher, params, timeout=timeout, packed=True)


def quick(args: argparse.Namespace) -> list[dict[str, Any]]:
    """p50, min and max of every read query of --cypher-dir."""
    results = []
    with loaded(args.data) as runner:
        catalog = load_catalog(args.cypher_dir)
        chosen = pick_params(runner)
        print(f"{'query':34} {'p50 ms':>9} {'min ms':>9} {'max ms':>9} {'rows':>6}")
        for query in catalog:
            if (args.only and query.name not in args.only) or query.mode != "read":
                continue
            params = {**{p.name: chosen.get(p.name) for p in query.params}, **query.constant_values()}
            times = []
            rows = read(runner, query.cypher, params, args.timeout)  # warm-up
            for _ in range(args.runs):
                t0 = time.perf_counter()
                rows = read(runner, query.cypher, params, args.timeout)
                times.append((time.perf_counter() - t0) * 1000)
            entry = {
                "query": query.name,
                "p50_ms": round(statistics.median(times), 1),
                "min_ms": round(min(times), 1),
                "max_ms": round(max(times), 1),
                "rows": len(rows),
                "params": {k: v for k, v in params.items() if v is not None},
            }
            print(
                f"{query.name:34} {entry['p50_ms']:9.1f} {entry['min_ms']:9.1f} {entry['max_ms']:9.1f} "
                f"{entry['rows']:6}",
                flush=True,
            )
            if args.profile:
                hits, top = profile(runner, query.cypher, params)
                entry["db_hits"] = hits
                print(f"    db hits {hits}; " + "; ".join(f"{op} ({n})" for op, n in top), flush=True)
            results.append(entry)
    return results


def compare(args: argparse.Namespace) -> list[dict[str, Any]]:
    """--baseline: the same queries from two directories, alternating runs, side by side."""
    results = []
    with loaded(args.data) as runner:
        before, after = load_catalog(args.baseline), load_catalog(args.cypher_dir)
        chosen = pick_params(runner)
        print(f"{'query':34} {'rows':>6} {'before p50':>11} {'after p50':>10} {'before hits':>12} {'after hits':>11}")
        for query in after:
            if (args.only and query.name not in args.only) or query.mode != "read" or query.name not in before:
                continue
            old = before[query.name]
            params = {**{p.name: chosen.get(p.name) for p in query.params}, **query.constant_values()}
            old_params = {**{p.name: chosen.get(p.name) for p in old.params}, **old.constant_values()}
            old_rows = read(runner, old.cypher, old_params, args.timeout)  # warm-up, both
            rows = read(runner, query.cypher, params, args.timeout)
            times: dict[str, list[float]] = {"before": [], "after": []}
            for _ in range(args.runs):
                for label, cypher, bound in (("before", old.cypher, old_params), ("after", query.cypher, params)):
                    t0 = time.perf_counter()
                    read(runner, cypher, bound, args.timeout)
                    times[label].append((time.perf_counter() - t0) * 1000)
            hits_before, _ = profile(runner, old.cypher, old_params)
            hits_after, _ = profile(runner, query.cypher, params)
            entry = {
                "query": query.name,
                "rows": len(rows),
                "same_rows": rows == old_rows,
                "before_p50_ms": round(statistics.median(times["before"]), 1),
                "after_p50_ms": round(statistics.median(times["after"]), 1),
                "before_db_hits": hits_before,
                "after_db_hits": hits_after,
                "params": {k: v for k, v in params.items() if v is not None},
            }
            print(
                f"{query.name:34} {len(rows):6} {entry['before_p50_ms']:11.1f} {entry['after_p50_ms']:10.1f} "
                f"{hits_before:12} {hits_after:11}{'' if entry['same_rows'] else '  ROWS DIFFER'}",
                flush=True,
            )
            results.append(entry)
    return results


@contextmanager
def loaded(data: Path) -> Iterator[Runner]:
    """A runner on a database holding only `data`: NEO4J_URI's (wiped first) or a throw-away local server's,
    which is stopped and deleted afterwards."""
    server = scratch = None
    if os.environ.get("NEO4J_URI"):
        runner = Runner.from_settings(Neo4jSettings.from_env())
    else:
        from graph.launcher.server import LocalServer, free_port

        scratch = Path(tempfile.mkdtemp(prefix="pokin-queries-quick-"))
        server = LocalServer(
            scratch, free_port(), heap="1g", page_cache_bytes=256 * 1024 * 1024, password="pokin-bench-pw"
        )
        server.start()
        runner = Runner.from_settings(Neo4jSettings(uri=server.uri, password=server.password))
    try:
        apply_schema(runner)
        runner.write("MATCH (n) DETACH DELETE n", timeout=600)
        started = time.perf_counter()
        if (data / "manifest.json").exists():
            manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
            import_paths([(data / entry["folder"]).resolve() for entry in manifest["datasets"]], runner)
        else:
            import_path(data, runner)
        print(f"{data} imported in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        yield runner
    finally:
        runner.close()
        if server is not None and scratch is not None:
            server.stop()
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
