"""pokin beside the peers a user would pick instead: DuckDB, PostgreSQL, SQLite and networkx.

    .venv/bin/pokin bench --scale kabupaten|provinsi --only peers [--out F]

The graph pokin holds is read back from Neo4j once into tables (bench/peers_sql.py: the audit questions as
recursive CTEs over parent-id tables, indexed on both ends of every edge) and loaded into each SQL engine,
and into networkx as a prebuilt graph (bench/peers_nx.py); each load is timed and reported beside the
queries. Then, for every audit question the peers express (PEER_SQL), over the whole graph and scoped to
one OPD (the one with most unit kerja, as in the queries part):

- every peer's rows are compared with pokin's (the catalog's Cypher), over the whole graph and scoped to
  EACH perangkat daerah: a peer that disagrees anywhere is marked so in the results;
- one warm-up run each, then 10 rounds in which every engine answers in turn (so the load of the moment hits
  all alike); the median of each engine's 10 runs is its figure.

pokin runs the Cypher of cypher/ through the one runner, rows shipped to Python as for any caller, its version scope
resolved once for the run (`Catalog.within`, as graph/audit.py does; the data holds one version per Pemda, so the
scope is "every node"); the SQL engines fetch their rows into Python too; networkx computes in the bench's own
process.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import peers_nx
from bench.peers_engines import Engine, open_engines
from bench.peers_sql import NOT_EXPRESSED, PEER_COLUMNS, PEER_SQL
from graph.audit import latest_budget_year
from graph.catalog import Catalog, load_catalog
from graph.db import Runner

ROOT = Path(__file__).resolve().parent.parent

RUNS = 10
LABELS = ("Unit", "Goal", "Indicator", "Activity", "ASN")
EDGE_TABLES = {  # table -> (relationship type, the Cypher pattern's end labels)
    "contributes_to": "CONTRIBUTES_TO",
    "assigned_to": "ASSIGNED_TO",
    "measured_by": "MEASURED_BY",
    "member_of": "MEMBER_OF",
    "part_of": "PART_OF",
}


def log(message: str) -> None:
    print(f"[peers {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the data, read back from Neo4j -----------------------------------------------------------------------


def extract(runner: Runner) -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]:
    """The node table and the edge tables, from the graph pokin holds (implied edges included)."""
    nodes = [
        tuple(row.values())
        for row in runner.read(
            "MATCH (n) WHERE n:Unit OR n:Goal OR n:Indicator OR n:Activity OR n:ASN "
            "RETURN coalesce(n.id, n.nip) AS id, labels(n)[0] AS label, n.level AS level, n.kind AS kind, "
            "n.year AS year, n.budget AS budget",
            timeout=3600,
        )
    ]
    edges: dict[str, list[tuple[Any, ...]]] = {}
    for table, rel in EDGE_TABLES.items():
        ends = "(a:Unit)-[:PART_OF]->(b:Unit)" if table == "part_of" else f"(a)-[:{rel}]->(b)"
        label = ", labels(a)[0] AS src_label" if table == "assigned_to" else ""
        edges[table] = [
            tuple(row.values())
            for row in runner.read(
                f"MATCH {ends} RETURN DISTINCT coalesce(a.id, a.nip) AS src, coalesce(b.id, b.nip) AS dst{label}",
                timeout=3600,
            )
        ]
    return nodes, edges


def write_tables(folder: Path, nodes: list[tuple[Any, ...]], edges: dict[str, list[tuple[Any, ...]]]) -> None:
    """One CSV file per table, NULL as an empty field (what COPY and read_csv read as NULL)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in (("node", nodes), *edges.items()):
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for row in rows:
                writer.writerow(["" if value is None else value for value in row])


# -- answers, made comparable -----------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        return round(float(value), 2)
    return value


def normalise(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows as a sorted list (a multiset: a duplicate row is a difference), numbers as floats to the cent."""
    return sorted((tuple(_value(v) for v in row) for row in rows), key=repr)


def pokin_rows(catalog: Catalog, runner: Runner, name: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    columns = PEER_COLUMNS[name]
    return [tuple(row[c] for c in columns) for row in catalog.run(runner, name, params, timeout=3600)]


class Contender:
    """One engine as the timing loop sees it: a name and `answer(query, params)` giving rows."""

    def __init__(self, name: str, answer: Callable[[str, dict[str, Any]], list[tuple[Any, ...]]]) -> None:
        self.name = name
        self.answer = answer


def contenders(catalog: Catalog, runner: Runner, engines: list[Engine], graph: Any) -> list[Contender]:
    """pokin with its version scope resolved once (`Catalog.within`, as the audit and every module running several
    questions does: the look-up is two more read transactions per call, bench/roundtrip.py), then the peers."""
    scoped = catalog.within(runner)
    out = [Contender("pokin", lambda name, params: pokin_rows(scoped, runner, name, params))]
    for engine in engines:

        def sql(name: str, params: dict[str, Any], engine: Engine = engine) -> list[tuple[Any, ...]]:
            whole, scoped = PEER_SQL[name]
            if params.get("unit") is None:
                return engine.run(whole, params)
            assert scoped is not None, f"{name} is asked only of the whole graph"
            return engine.run(scoped, params)

        out.append(Contender(engine.name, sql))
    if graph is not None:
        out.append(Contender("networkx", lambda name, params: peers_nx.answer(graph, name, params)))
    return out


def params_for(catalog: Catalog, name: str, year: int | None, unit: str | None) -> dict[str, Any]:
    declared = {param.name for param in catalog[name].params}
    return {key: value for key, value in (("year", year), ("unit", unit)) if key in declared}


# -- checking and timing ----------------------------------------------------------------------------------


def check_all(
    catalog: Catalog, players: list[Contender], opds: list[str], year: int | None
) -> dict[str, dict[str, Any]]:
    """Every peer's rows against pokin's: whole graph, and for the scoped questions each OPD in turn.
    Per peer and question: `equal` and, when not, the first place they differ."""
    pokin, peers = players[0], players[1:]
    checks: dict[str, dict[str, Any]] = {peer.name: {} for peer in peers}
    for name in PEER_SQL:
        scopes: list[str | None] = [None] + (opds if PEER_SQL[name][1] is not None else [])
        for unit in scopes:
            params = params_for(catalog, name, year, unit)
            expected = normalise(pokin.answer(name, params))
            for peer in peers:
                entry = checks[peer.name].setdefault(name, {"equal": True, "compared": 0, "rows": 0})
                got = normalise(peer.answer(name, params))
                entry["compared"] += 1
                entry["rows"] += len(expected)
                if got != expected and entry["equal"]:
                    entry.update(
                        equal=False,
                        at=unit or "whole graph",
                        pokin_rows=len(expected),
                        peer_rows=len(got),
                        only_pokin=repr(sorted(set(expected) - set(got), key=repr)[:3]),
                        only_peer=repr(sorted(set(got) - set(expected), key=repr)[:3]),
                    )
        log(
            f"{name}: checked in {len(scopes)} scope(s); equal: "
            + ", ".join(f"{peer.name} {checks[peer.name][name]['equal']}" for peer in peers)
        )
    return checks


def time_all(
    catalog: Catalog, players: list[Contender], opd: str, year: int | None, runs: int = RUNS
) -> dict[str, dict[str, Any]]:
    """Median of `runs` warm runs per engine, question and scope (whole graph, one OPD); the engines take
    turns within each round."""
    out: dict[str, dict[str, Any]] = {}
    for name in PEER_SQL:
        scopes: list[str | None] = [None] + ([opd] if PEER_SQL[name][1] is not None else [])
        for unit in scopes:
            label = name if unit is None else f"{name} (unit={unit})"
            params = params_for(catalog, name, year, unit)
            times: dict[str, list[float]] = {player.name: [] for player in players}
            rows = {player.name: len(player.answer(name, params)) for player in players}  # warm-up
            for _ in range(runs):
                for player in players:
                    started = time.perf_counter()
                    player.answer(name, params)
                    times[player.name].append((time.perf_counter() - started) * 1000)
            out[label] = {
                player: {"p50_ms": statistics.median(t), "min_ms": min(t), "runs": len(t), "rows": rows[player]}
                for player, t in times.items()
            }
            log(f"{label}: " + ", ".join(f"{p} {v['p50_ms']:.1f} ms" for p, v in out[label].items()))
    return out


def opds_of(runner: Runner) -> list[str]:
    return [row["id"] for row in runner.read("MATCH (u:Unit {kind: 'perangkat_daerah'}) RETURN u.id AS id ORDER BY id")]


def bench_peers(
    runner: Runner, opd: str, runs: int = RUNS, engines: tuple[str, ...] | None = None, networkx: bool = True
) -> dict[str, Any]:
    """The peers part of `pokin bench` on the graph the runner holds (loaded by the caller)."""
    catalog = load_catalog()
    year = latest_budget_year(runner)
    result: dict[str, Any] = {"opd": opd, "year": year, "runs": runs, "not_expressed": NOT_EXPRESSED}
    started = time.perf_counter()
    nodes, edges = extract(runner)
    result["extract_s"] = time.perf_counter() - started
    result["tables"] = {"node": len(nodes), **{table: len(rows) for table, rows in edges.items()}}
    with tempfile.TemporaryDirectory(prefix="pokin-peers-") as tmp:
        write_tables(Path(tmp) / "tables", nodes, edges)
        opened, skipped = open_engines(Path(tmp) / "tables", Path(tmp), engines or ("DuckDB", "PostgreSQL", "SQLite"))
        try:
            graph = None
            if networkx:
                started = time.perf_counter()
                graph = peers_nx.build(nodes, edges)
                result["networkx_build_s"] = time.perf_counter() - started
            del nodes, edges
            result["engines"] = {
                e.name: {"version": e.version, "settings": e.settings, "load_s": e.load_s} for e in opened
            }
            if graph is not None:
                import networkx as nx

                result["engines"]["networkx"] = {
                    "version": nx.__version__,
                    "settings": "prebuilt, in process",
                    "load_s": result["networkx_build_s"],
                }
            result["skipped"] = skipped
            for name, reason in skipped.items():
                log(f"{name} skipped: {reason}")
            players = contenders(catalog, runner, opened, graph)
            opds = opds_of(runner)
            log(f"checking {len(players) - 1} peers against pokin: whole graph and {len(opds)} OPD")
            result["checks"] = check_all(catalog, players, opds, year)
            result["opds_checked"] = len(opds)
            result["timings"] = time_all(catalog, players, opd, year, runs)
        finally:
            for engine in opened:
                engine.close()
    return result
