"""What one scoped (one OPD) audit question costs through pokin, split into its parts, on the database NEO4J_URI
points at.

    NEO4J_URI=... .venv/bin/python -m bench.roundtrip --opd U-K3201-O01 [--runs 30] [--json OUT]

The peers part (bench/peers.py) times `Catalog.run` for one OPD against networkx answering from a graph in the
bench's own memory. This splits pokin's figure, each part timed in turn within every round (median of --runs):

- `call`: `Catalog.run` as the peers part calls it (no version named: the default scope is looked up first);
- `scope`: that look-up alone (`graph.versions.default_scope`: one read transaction);
- `query`: the question with its scope given (`Catalog.within`), as a caller holding the scope runs it;
- `server`: Neo4j's own time for the same query text and parameters (the result summary's
  result_available_after + result_consumed_after: planning from the cache, execution, streaming);
- `trivial`: `RETURN 1` through the same runner (a session, a read transaction: the floor of any call).

The question's `query` minus `server` is the driver and the round trips; `trivial` is what any call pays before
the server does anything. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import neo4j

from bench.peers_sql import PEER_SQL
from graph.audit import latest_budget_year
from graph.catalog import Catalog, load_catalog
from graph.config import Neo4jSettings
from graph.db import Runner, pack_rows
from graph.versions import default_scope


def _ms(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def server_ms(runner: Runner, cypher: str, params: dict[str, Any]) -> float:
    """Neo4j's own milliseconds for the query as the catalog sends it (packed into one record)."""
    packed = pack_rows(cypher, runner.columns(cypher, params))
    with runner.driver.session(database=runner.database, default_access_mode=neo4j.READ_ACCESS) as session:
        summary = session.run(packed, params).consume()
    return float((summary.result_available_after or 0) + (summary.result_consumed_after or 0))


def _parts(runner: Runner, catalog: Catalog, scoped: Catalog, name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parts timed, each a function of nothing ("server" answers its own milliseconds)."""
    bound = catalog[name].bind(catalog[name].with_scope(runner, params))
    return {
        "call": lambda: catalog.run(runner, name, params),
        "scope": lambda: default_scope(runner),
        "query": lambda: scoped.run(runner, name, params),
        "server": lambda: server_ms(runner, catalog[name].cypher, bound),
        "trivial": lambda: runner.read("RETURN 1 AS x"),
    }


def measure(runner: Runner, catalog: Catalog, opd: str, runs: int) -> dict[str, Any]:
    year = latest_budget_year(runner)
    scoped = catalog.within(runner, None)
    out: dict[str, Any] = {"opd": opd, "year": year, "runs": runs, "questions": {}}
    for name, (_, scoped_sql) in PEER_SQL.items():
        if scoped_sql is None:
            continue
        declared = {param.name for param in catalog[name].params}
        params = {k: v for k, v in (("year", year), ("unit", opd)) if k in declared}
        parts = _parts(runner, catalog, scoped, name, params)
        for work in parts.values():  # warm-up: plans cached, columns known
            work()
        times: dict[str, list[float]] = {part: [] for part in parts}
        for _ in range(runs):
            for part, work in parts.items():
                times[part].append(work() if part == "server" else _ms(work))
        out["questions"][name] = {part: round(statistics.median(t), 2) for part, t in times.items()}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    runner = Runner.from_settings(Neo4jSettings.from_env())
    try:
        result = measure(runner, load_catalog(), args.opd, args.runs)
    finally:
        runner.close()
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
