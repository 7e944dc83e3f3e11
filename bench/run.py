"""pokin benchmarks: import, catalog queries (vs networkx), service load and views, at one scale.

    .venv/bin/pokin bench --scale kabupaten|provinsi|nasional|negara|tiny [--only PART ...] [--out F]
    make bench            # kabupaten and provinsi, every part, results in bench/results/*.json
    make bench-negara     # the whole nation: load, the audit, search, a changed kabupaten re-imported, the service

Everything runs against a throw-away local Neo4j started here (its data in a temp folder, a free loopback
port; heap and page cache from POKIN_BENCH_HEAP / POKIN_BENCH_PAGECACHE, default 2g / 1g), on synthetic
data from seed/synthetic.py (seed 1, cached in POKIN_BENCH_DATA, default /tmp/pokin-bench-data, and made again when
the generator's sources change). Each
figure is measured beside its baseline in the same run, so the ratios hold on a noisy shared machine even
when the absolute numbers move.

1. import: the pokin importer (a subprocess per scale, its peak RSS from getrusage) against a naive
   loader (one MERGE per row or per edge, one transaction each, run for a bounded time on the first rows
   and extrapolated from its rate) and against the ceiling: the same numbers of nodes and edges created
   by Cypher alone inside Neo4j (UNWIND range(...) CREATE, one transaction per dataset, same schema).
2. queries: p50/p95 of every catalog query (warm-up first), and for the audit queries with a natural
   graph equivalent the same answer computed with networkx on the graph read back (load time apart),
   with a check that both answers agree.
3. service: waitress (`pokin serve`, 8 threads) under 32 concurrent keep-alive clients on mixed GET
   endpoints for a bounded time, loopback only: requests/s, p50/p99, errors.
4. views: build (view_tree + layout) and render (render_page) of the whole tree capped at 1,000 and at
   5,000 drawn nodes, and of one OPD.
5. peers: the audit questions in DuckDB, PostgreSQL and SQLite (recursive CTEs) and networkx (a prebuilt
   graph), each peer's rows checked against pokin's, median of 10 warm runs, whole graph and one OPD
   (bench/peers.py).
6. search (`--only search`): the catalog's search on terms taken from the data (bench/lookups.py); reimport:
   the largest kabupaten changed (bench/diff.py changed_copy) and imported into the loaded graph, then its own
   files again, each timed apart from the people answers kept after it (docs/people-kept.md).
7. people: single_points_of_failure, rhk_without_intervention, retirements and what_if_move beside networkx
   computing the same rules on the graph read back, in one run, with a check that the answers agree
   (bench/people.py).
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from graph.catalog import load_catalog
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.launcher.server import LocalServer, free_port
from graph.model import IMPORT_LOCK_LABEL, IMPORT_LOG_LABEL, VERSION_LABEL, apply_schema

ROOT = Path(__file__).resolve().parent.parent

OUTCOME = ("visi", "misi", "tujuan", "sasaran")
AUDIT_CHECKED = (
    "orphaned_staff",
    "activities_without_leverage",
    "goals_without_indicator",
    "budget_at_risk_by_unit",
    "contribution_cycles",
)
P99_GOAL_MS = (
    250.0  # BENCHMARKS.md goal: the service's p99 under concurrent load at kabupaten scale (tests/test_load.py too)
)
WARM_UP_S = 5.0  # the naive loader's warm-up (the other contenders warm up on the whole warm-up dataset)
WARM_UP_SEED = 2  # the import contenders warm up on the kabupaten of this seed (bench_import)
SETTINGS = {  # per scale: naive loader seconds, query runs, per-query budget (s), service seconds
    "tiny": {"naive": 2, "runs": 2, "budget": 60, "service": 2, "clients": 4},
    "kabupaten": {"naive": 20, "runs": 10, "budget": 120, "service": 20, "clients": 32},
    "provinsi": {"naive": 20, "runs": 5, "budget": 300, "service": 20, "clients": 32},
    # nasional: networkx is not run (the in-memory graph of ~12 M entities would not fit beside the server),
    # and the queries that take `unit` also run for the largest Pemda: the per-Pemda audit on the national graph
    "nasional": {
        "naive": 20,
        "runs": 3,
        "budget": 300,
        "service": 20,
        "clients": 32,
        "networkx": False,
        "scoped": True,
        "needs_disk": 10 * 1024**3,
    },
    # negara, the whole nation (~4.3 M ASN, 553 datasets): the audit's findings only, twice each after the first
    "negara": {
        "naive": 20,
        "runs": 2,
        "budget": 600,
        "service": 30,
        "clients": 32,
        "networkx": False,
        "scoped": True,
        "findings_only": True,
        "needs_disk": 30 * 1024**3,
    },
}
# The parts a run can do, in the order it does them (`--only`)
PARTS = ("import", "load", "queries", "search", "reimport", "service", "views", "peers", "people")
# Memory the machine must have beyond the server's heap and page cache (the importer, the bench, the OS).
SPARE_MEMORY = 4 * 1024**3


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        info["mem_gib"] = round(int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2, 1)
        info["load_at_start"] = os.getloadavg()
    except (OSError, StopIteration):
        pass
    return info


# -- data and server --------------------------------------------------------------------------------------


def data_root() -> Path:
    """Where generated data is cached between runs (POKIN_BENCH_DATA)."""
    return Path(os.environ.get("POKIN_BENCH_DATA", "/tmp/pokin-bench-data"))


def data_for(scale: str, seed: int = 1) -> Path:
    """Generated once per scale, seed and version of the generator, reused by later runs (generation is timed in
    the results): a folder made by an older generator (its sources' digest differs) is made again."""
    from seed.synthetic import generate

    folder = data_root() / f"{scale}-{seed}"
    made_by = generator_digest()
    stamp = folder / "generator.txt"
    current = stamp.exists() and stamp.read_text(encoding="utf-8").strip() == made_by
    if not ((folder / "manifest.json").exists() and current):
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        generate(scale, folder, seed)
        (folder / "generated_s.txt").write_text(f"{time.perf_counter() - started:.2f}\n")
        stamp.write_text(made_by + "\n", encoding="utf-8")
    return folder


def generator_digest() -> str:
    """The digest of the generator's sources (seed/*.py: the synthetic writer, the catalog it names things from)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "seed").glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def manifest_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def server_memory() -> tuple[str, int]:
    """The bench server's heap (as the JVM takes it) and page cache in bytes: POKIN_BENCH_HEAP and
    POKIN_BENCH_PAGECACHE, 2g and 1g unless set."""
    from graph.launcher.server import _bytes

    return os.environ.get("POKIN_BENCH_HEAP", "2g"), _bytes(os.environ.get("POKIN_BENCH_PAGECACHE", "1g"))


def start_server(workdir: Path) -> tuple[LocalServer, Neo4jSettings]:
    heap, page_cache = server_memory()
    server = LocalServer(
        workdir / "neo4j", free_port(), heap=heap, page_cache_bytes=page_cache, password="pokin-bench-pw"
    )
    server.start()
    return server, Neo4jSettings(uri=server.uri, password=server.password)


def wipe(runner: Runner) -> None:
    while runner.write("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c")[0]["c"]:
        pass


def store_bytes(server: LocalServer) -> int:
    return sum(
        p.stat().st_size for p in Path(server.data_dir).rglob("*") if p.is_file() and "transactions" not in p.parts
    )


def checkpointed_store_bytes(server: LocalServer) -> int:
    """The store's size once everything is in the store files: a clean shutdown checkpoints (Community has
    no db.checkpoint()), then the server starts again for the parts that follow."""
    server.stop()
    size = store_bytes(server)
    server.start()
    return size


def fresh_store(runner: Runner, server: LocalServer) -> None:
    """An empty `neo4j` database in new store files, as a first import into a new database meets it.

    Each import contender gets one: after another contender's data was deleted, the store keeps its freed
    record ids and the planner its statistics of the deleted graph, and the importer measured slower
    behind the other two than on a new store (BENCHMARKS.md, "Import")."""
    server.stop()
    for part in ("databases", "transactions"):
        shutil.rmtree(Path(server.data_dir) / "data" / part / "neo4j", ignore_errors=True)
    server.start()
    runner.forget_bookmarks()  # they name transactions of the store just deleted
    apply_schema(runner)


def graph_counts(runner: Runner) -> dict[str, int]:
    nodes = runner.read("MATCH (n) RETURN count(n) AS c")[0]["c"]
    edges = runner.read("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
    return {"nodes": nodes, "edges": edges}


# -- 1. import ----------------------------------------------------------------------------------------------

_IMPORTER = r"""
import json, resource, sys, time
from pathlib import Path
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import import_paths
runner = Runner.from_settings(Neo4jSettings.from_env())
out = []
marks = [time.perf_counter()]
def done(folder, report):
    w = report.written
    marks.append(time.perf_counter())
    out.append({"folder": str(folder), "seconds": marks[-1] - marks[-2],
                "nodes_created": w.nodes_created, "relationships_created": w.relationships_created,
                "statements": w.batches})
import_paths([Path(folder) for folder in sys.argv[1:]], runner, on_report=done)
runner.close()
print(json.dumps({"datasets": out, "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_importer(settings: Neo4jSettings, folders: list[Path]) -> dict[str, Any]:
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTER, *map(str, folders)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-3:]  # the exception itself first: results keep 2,000 characters
        raise RuntimeError(f"importer failed: {' | '.join(last)} ... {done.stderr[-1500:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started  # includes interpreter start and imports, as the CLI
    datasets = result["datasets"]
    result["entities_created"] = sum(d["nodes_created"] + d["relationships_created"] for d in datasets)
    result["seconds"] = sum(d["seconds"] for d in datasets)
    result["per_second"] = result["entities_created"] / result["seconds"] if result["seconds"] else 0.0
    result["slowest_dataset_s"] = max((d["seconds"] for d in datasets), default=0.0)
    return result


_NODE_CYPHER = {
    "Unit": "UNWIND range(0, $n - 1) AS i CREATE (:Unit {id: $p + i, name: 'Unit ' + i, kind: 'unit_kerja', "
    "dataset: $ds})",
    "Goal": "UNWIND range(0, $n - 1) AS i CREATE (:Goal {id: $p + i, level: 'rhk', "
    "statement: 'Tersusunnya laporan pelaksanaan ' + i, dataset: $ds})",
    "Indicator": "UNWIND range(0, $n - 1) AS i CREATE (:Indicator {id: $p + i, name: 'Persentase ' + i, "
    "satuan: '%', polarity: 'positif', dataset: $ds})",
    "IndicatorYear": "UNWIND range(0, $n - 1) AS i CREATE (:IndicatorYear {indicator_id: $p + (i / 2), "
    "year: 2025 + i % 2, baseline: 70.0, target: 80.0, realisasi: 79.5, dataset: $ds})",
    "Activity": "UNWIND range(0, $n - 1) AS i CREATE (:Activity {id: $p + i, kind: 'subkegiatan', "
    "code: '1.02.02.2.01.' + i, name: 'Sub-kegiatan ' + i, year: 2026, budget: 250000000, "
    "dataset: $ds})",
    "ASN": "UNWIND range(0, $n - 1) AS i CREATE (:ASN {nip: $p + i, name: 'Nama ' + i, position: 'Pelaksana', "
    "dataset: $ds})",
}
_EDGE_ENDS = {
    "CONTRIBUTES_TO": ("Goal", "id", "Goal", "id"),
    "ASSIGNED_TO": ("ASN", "nip", "Goal", "id"),
    "MEASURED_BY": ("Goal", "id", "Indicator", "id"),
    "PART_OF": ("Unit", "id", "Unit", "id"),
    "MEMBER_OF": ("ASN", "nip", "Unit", "id"),
    "REPORTS_TO": ("ASN", "nip", "ASN", "nip"),
}


def ceiling(runner: Runner, manifest: dict[str, Any]) -> dict[str, Any]:
    """The same numbers of nodes and edges per dataset, created by Cypher alone, one transaction each."""
    total = {"nodes": 0, "edges": 0, "seconds": 0.0}
    for number, entry in enumerate(manifest["datasets"]):
        prefix = f"C{number}-"
        counts = {label: max(n, 1) for label, n in entry["nodes"].items()}

        def work(
            tx: Any, counts: dict[str, int] = counts, prefix: str = prefix, entry: dict[str, Any] = entry
        ) -> tuple[int, int]:
            nodes = edges = 0
            for label, n in counts.items():
                nodes += (
                    tx.run(_NODE_CYPHER[label], {"n": n, "p": prefix, "ds": prefix}).consume().counters.nodes_created
                )
            for rel, n in entry["edges"].items():
                if not n:
                    continue
                a, ak, b, bk = _EDGE_ENDS[rel]
                edges += (
                    tx.run(
                        f"UNWIND range(0, $n - 1) AS i MATCH (a:{a} {{{ak}: $p + (i % $na)}}) "
                        f"MATCH (b:{b} {{{bk}: $p + ((i * 7 + 1) % $nb)}}) "
                        f"CREATE (a)-[:{rel} {{dataset: $ds, weight: 1.0}}]->(b)",
                        {"n": n, "p": prefix, "ds": prefix, "na": counts[a], "nb": counts[b]},
                    )
                    .consume()
                    .counters.relationships_created
                )
            return nodes, edges

        started = time.perf_counter()
        nodes, edges = runner.write_transaction(work, timeout=3600)
        total["seconds"] += time.perf_counter() - started
        total["nodes"] += nodes
        total["edges"] += edges
    return total


_NAIVE_REFS = {  # file -> (label, key column, [(column, rel type, target label, target key, reverse)])
    "units": ("Unit", "id", [("parent_id", "PART_OF", "Unit", "id", False)]),
    "goals": (
        "Goal",
        "id",
        [("unit_id", "ASSIGNED_TO", "Unit", "id", True), ("contributes_to", "CONTRIBUTES_TO", None, "id", False)],
    ),
    "indicators": (
        "Indicator",
        "id",
        [("goal_id", "MEASURED_BY", "Goal", "id", True), ("element_id", "MEASURED_BY", None, "id", True)],
    ),
    "activities": (
        "Activity",
        "id",
        [
            ("unit_id", "ASSIGNED_TO", "Unit", "id", True),
            ("parent_id", "PART_OF", "Activity", "id", False),
            ("contributes_to", "CONTRIBUTES_TO", None, "id", False),
        ],
    ),
    "staff": (
        "ASN",
        "nip",
        [
            ("unit_id", "MEMBER_OF", "Unit", "id", False),
            ("supervisor_nip", "REPORTS_TO", "ASN", "nip", False),
            ("assigned_to", "ASSIGNED_TO", None, "id", False),
        ],
    ),
}


def naive(runner: Runner, folder: Path, seconds: float) -> dict[str, Any]:
    """What most scripts do: read each CSV row, one MERGE per row (and per edge), one transaction each.

    Runs for `seconds` (half on node rows, half on edge rows of the same files) and reports its rate."""

    def rows() -> Any:
        for table, (label, key, refs) in _NAIVE_REFS.items():
            with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    yield table, label, key, refs, row

    done = {"nodes": 0, "edges": 0}
    started = time.perf_counter()
    deadline = started + seconds / 2
    for _table, label, key, refs, row in rows():
        if time.perf_counter() > deadline:
            break
        props = {k: v for k, v in row.items() if v and k not in {r[0] for r in refs}}
        runner.write(f"MERGE (n:{label} {{{key}: $key}}) SET n += $props", {"key": row[key], "props": props})
        done["nodes"] += 1
    deadline = time.perf_counter() + seconds / 2
    for _table, label, key, refs, row in rows():
        if time.perf_counter() > deadline:
            break
        for column, rel, target_label, target_key, reverse in refs:
            for target in filter(None, (row.get(column) or "").split(";")):
                target_match = (
                    f"(b:{target_label} {{{target_key}: $b}})" if target_label else "(b) WHERE b.id = $b OR b.nip = $b"
                )
                a, b = (target, row[key]) if reverse else (row[key], target)
                runner.write(
                    f"MATCH (a:{label if not reverse else target_label} "
                    f"{{{key if not reverse else target_key}: $a}}) MATCH {target_match} "
                    f"MERGE (a)-[:{rel}]->(b)",
                    {"a": a, "b": b},
                )
                done["edges"] += 1
    elapsed = time.perf_counter() - started
    return {**done, "seconds": elapsed, "per_second": (done["nodes"] + done["edges"]) / elapsed}


def bench_import(
    runner: Runner, settings: Neo4jSettings, server: LocalServer, folder: Path, scale: str
) -> dict[str, Any]:
    manifest = manifest_of(folder)
    folders = [(folder / entry["folder"]).resolve() for entry in manifest["datasets"]]
    entities = sum(manifest["totals"]["nodes"].values()) + sum(manifest["totals"]["edges"].values())
    result: dict[str, Any] = {
        "datasets": len(folders),
        "entities_in_files": entities,
        "generate_s": float((folder / "generated_s.txt").read_text())
        if (folder / "generated_s.txt").exists()
        else None,
    }
    # Each contender runs on new store files, in a server warmed up by the same contender on a kabupaten of
    # another seed (then wiped): a just-started JVM plans and JIT-compiles its first queries, and compiles
    # the code paths of big writes and commits, slowly, which a running server has long done. (A warm-up on
    # the tiny Pemda was too small for that: the importer's kabupaten then took 10 s, against 4-5 s once
    # the server had imported one kabupaten.) The importer's first import right after the server started
    # is kept too ("cold"): that is what `make demo` or a first test meets.
    warm_data = data_for("tiny") if scale == "tiny" else data_for("kabupaten", seed=WARM_UP_SEED)
    warm = [(warm_data / entry["folder"]).resolve() for entry in manifest_of(warm_data)["datasets"]]
    result["warm_up"] = str(warm_data)
    fresh_store(runner, server)
    log("importer on the first dataset, right after the server started (cold)")
    result["importer_cold"] = run_importer(settings, folders[:1])
    fresh_store(runner, server)
    naive(runner, warm[0], WARM_UP_S)
    wipe(runner)
    log(f"naive loader for {SETTINGS[scale]['naive']} s")
    result["naive"] = naive(runner, folders[-1], SETTINGS[scale]["naive"])
    result["naive"]["extrapolated_s"] = entities / result["naive"]["per_second"]
    fresh_store(runner, server)
    ceiling(runner, manifest_of(warm_data))
    wipe(runner)
    log("ceiling (Cypher only)")
    result["ceiling"] = ceiling(runner, manifest)
    result["ceiling"]["per_second"] = (result["ceiling"]["nodes"] + result["ceiling"]["edges"]) / result["ceiling"][
        "seconds"
    ]
    fresh_store(runner, server)
    run_importer(settings, warm)
    wipe(runner)
    log(f"importer on {len(folders)} dataset(s)")
    result["importer"] = run_importer(settings, folders)
    log("importer again, twice (idempotent re-import: right after the first import, then steady)")
    result["reimport_last"] = run_importer(settings, folders[-1:])
    result["reimport_last_again"] = run_importer(settings, folders[-1:])
    result["graph"] = graph_counts(runner)
    result["store_bytes"] = checkpointed_store_bytes(server)
    result["vs_naive"] = result["importer"]["per_second"] / result["naive"]["per_second"]
    result["vs_ceiling"] = result["importer"]["per_second"] / result["ceiling"]["per_second"]
    return result


def bench_load(runner: Runner, settings: Neo4jSettings, server: LocalServer, folder: Path) -> dict[str, Any]:
    """Only the pokin importer on every dataset of the scale, then the graph's counts and the store's size:
    for the national slice, where the naive loader and the ceiling would take hours (see BENCHMARKS.md)."""
    manifest = manifest_of(folder)
    folders = [(folder / entry["folder"]).resolve() for entry in manifest["datasets"]]
    fresh_store(runner, server)
    log(f"importer on {len(folders)} dataset(s)")
    imported = run_importer(settings, folders)
    graph = graph_counts(runner)
    stored = checkpointed_store_bytes(server)
    return {
        "datasets": len(folders),
        **{
            key: imported[key]
            for key in ("entities_created", "seconds", "per_second", "wall_s", "maxrss_kib", "slowest_dataset_s")
        },
        "graph": graph,
        "store_bytes": stored,
        "bytes_per_entity": stored / max(1, graph["nodes"] + graph["edges"]),
        # whether the rate holds as the store grows: the first and the last tenth of the datasets
        "first_tenth_per_s": _rate(imported["datasets"][: max(1, len(folders) // 10)]),
        "last_tenth_per_s": _rate(imported["datasets"][-max(1, len(folders) // 10) :]),
    }


def _rate(datasets: list[dict[str, Any]]) -> float:
    """Entities created per second over these datasets of one importer run."""
    seconds = sum(d["seconds"] for d in datasets)
    return sum(d["nodes_created"] + d["relationships_created"] for d in datasets) / seconds if seconds else 0.0


def ensure_loaded(runner: Runner, settings: Neo4jSettings, folder: Path) -> None:
    manifest = manifest_of(folder)
    expected = sum(manifest["totals"]["nodes"].values())
    loaded = runner.read(
        f"MATCH (n) WHERE NOT n:{IMPORT_LOCK_LABEL} AND NOT n:{IMPORT_LOG_LABEL} AND NOT n:{VERSION_LABEL} "
        "RETURN count(n) AS c"
    )[0]["c"]
    if loaded != expected:  # the import lock node, the import log and the versions' records are not data
        wipe(runner)
        run_importer(settings, [(folder / e["folder"]).resolve() for e in manifest["datasets"]])


# -- 2. queries ---------------------------------------------------------------------------------------------


def pick_params(runner: Runner) -> dict[str, Any]:
    goal = runner.read(
        "MATCH (g:Goal {level: 'sasaran_program'})<-[:CONTRIBUTES_TO]-() "
        "WITH g, count(*) AS n ORDER BY n DESC, g.id RETURN g.id AS id LIMIT 1"
    )[0]["id"]
    nip = runner.read(
        "MATCH (s:ASN)-[:ASSIGNED_TO]->(:Goal {level: 'rhk'}) RETURN s.nip AS nip ORDER BY s.nip LIMIT 1"
    )[0]["nip"]
    opd = runner.read(
        "MATCH (u:Unit {kind: 'perangkat_daerah'})<-[:PART_OF]-(:Unit) "
        "WITH u, count(*) AS n ORDER BY n DESC, u.id RETURN u.id AS id LIMIT 1"
    )[0]["id"]
    return {"year": 2026, "id": goal, "goal": None, "nip": nip, "unit": None, "_opd": opd}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def bench_queries(runner: Runner, scale: str, only: Collection[str] | None = None) -> dict[str, Any]:
    """Every catalog query timed (`only`: those named, as a test of the harness times a few on tiny data)."""
    catalog = load_catalog()
    pool = pick_params(runner)
    runs, budget = SETTINGS[scale]["runs"], SETTINGS[scale]["budget"]
    out: dict[str, Any] = {"params": pool, "queries": {}}
    results: dict[str, list[dict[str, Any]]] = {}
    if only is None and SETTINGS[scale].get("findings_only"):
        only = [query.name for query in catalog if query.finding is not None]
    if SETTINGS[scale].get("scoped"):
        pool["_pemda"] = out["scoped_unit"] = largest_pemda(runner)
    for query in catalog:
        if only is not None and query.name not in only:
            continue
        params = {}
        for param in query.params:
            value = pool.get(param.name)
            if value is None and not param.optional:
                value = pool["_opd"] if param.name == "unit" else pool["id"]
            params[param.name] = value
        variants = [(query.name, params)]
        if "_pemda" in pool and any(param.name == "unit" and param.optional for param in query.params):
            variants.append((f"{query.name} (unit={pool['_pemda']})", {**params, "unit": pool["_pemda"]}))
        for label, bound in variants:
            entry, rows = time_query(catalog, runner, query.name, bound, runs, budget)
            if rows is not None and label == query.name:
                results[query.name] = rows
            log(f"query {label}: {entry.get('p50_ms', entry.get('error'))}")
            out["queries"][label] = entry
    if SETTINGS[scale].get("networkx", True):
        out["networkx"] = networkx_compare(runner, results, runs)
    return out


def time_query(
    catalog: Any, runner: Runner, name: str, params: dict[str, Any], runs: int, budget: float
) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """First run, then `runs` more (one if the first took over a (runs + 1)th of the budget); a timed-out or
    failing query is a result too."""
    entry: dict[str, Any] = {"params": params}
    times: list[float] = []
    try:
        started = time.perf_counter()
        rows = catalog.run(runner, name, params, timeout=budget)
        entry["first_ms"] = (time.perf_counter() - started) * 1000
        entry["rows"] = len(rows)
        repeat = runs if entry["first_ms"] < budget * 1000 / (runs + 1) else 1
        for _ in range(repeat):
            started = time.perf_counter()
            catalog.run(runner, name, params, timeout=budget)
            times.append((time.perf_counter() - started) * 1000)
        entry.update(runs=len(times), p50_ms=statistics.median(times), p95_ms=_percentile(times, 0.95))
        return entry, rows
    except Exception as exc:  # noqa: BLE001 - a failing query is reported in its entry; the others still run
        entry["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
        return entry, None


def largest_pemda(runner: Runner) -> str:
    """The Pemda (one dataset) with the most ASN: the scope of a per-Pemda audit."""
    return runner.read(
        "MATCH (p:Unit {kind: 'pemda'}) WHERE p.dataset IS NOT NULL "
        "CALL (p) { MATCH (s:ASN {dataset: p.dataset}) RETURN count(s) AS staff } "
        "RETURN p.id AS id ORDER BY staff DESC, id LIMIT 1",
        timeout=600,
    )[0]["id"]


def load_networkx(runner: Runner) -> Any:
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in runner.read(
        "MATCH (n) WHERE NOT n:IndicatorYear AND NOT n:PokinVersion RETURN labels(n)[0] AS label, "
        "coalesce(n.id, n.nip) AS key, n.level AS level, n.kind AS kind, n.budget AS budget, "
        "n.year AS year",
        timeout=3600,
    ):
        graph.add_node(
            row["key"], label=row["label"], level=row["level"], kind=row["kind"], budget=row["budget"], year=row["year"]
        )
    for row in runner.read(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.nip) AS a, coalesce(b.id, b.nip) AS b, "
        "type(r) AS type, r.implied AS implied",
        timeout=3600,
    ):
        graph.add_edge(row["a"], row["b"], type=row["type"], implied=bool(row["implied"]))
    return graph


def networkx_answers(graph: Any) -> dict[str, Any]:
    """The same answers as the Cypher audit queries, computed in memory."""
    reaches = _reaching_outcomes(graph)
    assigned: dict[str, list[str]] = {}
    unit_of_activity: dict[str, str] = {}
    for a, b, data in graph.edges(data=True):
        if data["type"] == "ASSIGNED_TO":
            if graph.nodes[a]["label"] == "ASN":
                assigned.setdefault(a, []).append(b)
            elif graph.nodes[b]["label"] == "Activity":
                unit_of_activity[b] = min(a, unit_of_activity.get(b, a))
    staff = [n for n, d in graph.nodes(data=True) if d["label"] == "ASN"]
    orphaned = {s for s in staff if not any(t in reaches for t in assigned.get(s, []))}
    activities = {n for n, d in graph.nodes(data=True) if d["label"] == "Activity" and n not in reaches}
    budget = sum(graph.nodes[a]["budget"] or 0 for a in activities)
    return {
        "orphaned_staff": orphaned,
        "activities_without_leverage": activities,
        "goals_without_indicator": _goals_without_indicator(graph),
        "budget_at_risk_by_unit": budget,
        "contribution_cycles": _on_cycles(graph),
    }


def _up_graph(graph: Any) -> Any:
    """The contributions with each indicator standing for the goal it measures (an edge goal → indicator
    reversed), the way the Cypher queries walk them."""
    import networkx as nx

    up = nx.DiGraph()
    up.add_nodes_from(graph.nodes)
    for a, b, data in graph.edges(data=True):
        if data["type"] == "CONTRIBUTES_TO":
            up.add_edge(a, b)
        elif data["type"] == "MEASURED_BY":
            up.add_edge(b, a)
    return up


def _reaching_outcomes(graph: Any) -> set[str]:
    """Every node from which a path of contributions reaches an outcome goal (the outcome goals included)."""
    up = _up_graph(graph)
    outcome = [n for n, d in graph.nodes(data=True) if d["label"] == "Goal" and d["level"] in OUTCOME]
    reaches = set(outcome)
    frontier = list(outcome)
    while frontier:  # breadth-first, down the reversed "up" edges
        node = frontier.pop()
        for below in up.predecessors(node):
            if below not in reaches:
                reaches.add(below)
                frontier.append(below)
    return reaches


def _goals_without_indicator(graph: Any) -> set[str]:
    """Goals of the checked levels with no indicator; a sasaran_subkegiatan that a sub-kegiatan supports is
    measured by that sub-kegiatan's indikator keluaran, so it counts as measured."""
    measured = {a for a, b, data in graph.edges(data=True) if data["type"] == "MEASURED_BY"}
    checked = {"tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"}
    by_subkegiatan = {
        b
        for a, b, data in graph.edges(data=True)
        if data["type"] == "CONTRIBUTES_TO"
        and graph.nodes[a]["label"] == "Activity"
        and graph.nodes[a].get("kind") == "subkegiatan"
    }
    return {
        n
        for n, d in graph.nodes(data=True)
        if d["label"] == "Goal"
        and d["level"] in checked
        and n not in measured
        and not (d["level"] == "sasaran_subkegiatan" and n in by_subkegiatan)
    }


def _on_cycles(graph: Any) -> set[str]:
    """The nodes on a cycle of contributions (indicator steps included), as the contribution_cycles query
    lists them."""
    import networkx as nx

    real = _up_graph(graph)
    on_cycles: set[str] = set()
    for component in nx.strongly_connected_components(real):
        if len(component) > 1 or any(real.has_edge(n, n) for n in component):
            on_cycles |= component
    # a goal and its indicator are a 2-cycle only through the implied step and a real edge back; the
    # query lists cycles of real contributions with indicator steps, so drop pure goal<->indicator pairs
    return on_cycles


def _cypher_answer(name: str, rows: list[dict[str, Any]]) -> Any:
    if name == "orphaned_staff":
        return {r["nip"] for r in rows}
    if name in ("activities_without_leverage", "goals_without_indicator"):
        return {r["id"] for r in rows}
    if name == "budget_at_risk_by_unit":
        return sum(r["budget_at_risk"] or 0 for r in rows)
    if name == "contribution_cycles":
        return {m for r in rows for m in r["members"]}
    raise KeyError(name)


def networkx_compare(runner: Runner, results: dict[str, list[dict[str, Any]]], runs: int) -> dict[str, Any]:
    started = time.perf_counter()
    graph = load_networkx(runner)
    load_s = time.perf_counter() - started
    times = []
    for _ in range(max(1, min(runs, 3))):
        started = time.perf_counter()
        answers = networkx_answers(graph)
        times.append((time.perf_counter() - started) * 1000)
    out: dict[str, Any] = {
        "load_s": load_s,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "compute_all_ms_p50": statistics.median(times),
        "agree": {},
    }
    for name in AUDIT_CHECKED:
        if name not in results:
            out["agree"][name] = "query failed or timed out"
            continue
        cypher = _cypher_answer(name, results[name])
        mine = answers[name]
        if isinstance(mine, set):
            out["agree"][name] = {"equal": cypher == mine, "cypher": len(cypher), "networkx": len(mine)}
        else:
            out["agree"][name] = {"equal": abs(cypher - mine) < 1e-6, "cypher": cypher, "networkx": mine}
    out["note"] = "networkx computes all five answers in one pass; compute_all_ms_p50 is that pass"
    out["people"] = people_compare(runner, graph, results, runs)
    return out


def people_compare(runner: Runner, graph: Any, results: dict[str, list[dict[str, Any]]], runs: int) -> dict[str, Any]:
    """The people queries beside networkx on the same graph (bench/people.py): the intervensi check (the Cypher
    query timed with the catalog) and the single points of failure (graph/people.py: the contribution graph
    read with its query, dominators in Python) against networkx's immediate_dominators."""
    from bench import people as reference
    from graph.people import single_points_of_failure

    catalog = load_catalog()
    iku = {
        row["id"]: row["iku"]
        for row in runner.read("MATCH (i:Indicator) RETURN i.id AS id, i.iku AS iku", timeout=3600)
    }
    out: dict[str, Any] = {}
    spof_times, nx_rhk, nx_spof = [], [], []
    for _ in range(max(1, min(runs, 3))):
        started = time.perf_counter()
        answer_rhk = reference.rhk_without_intervention(graph)
        nx_rhk.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        answer_spof = reference.single_points_of_failure(graph, iku)
        nx_spof.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        mine = single_points_of_failure(runner, catalog)
        spof_times.append((time.perf_counter() - started) * 1000)
    if "rhk_without_intervention" in results:
        cypher = {row["nip"]: row["reason"] for row in results["rhk_without_intervention"]}
        out["rhk_without_intervention"] = {
            "equal": cypher == answer_rhk,
            "cypher": len(cypher),
            "networkx": len(answer_rhk),
            "networkx_ms_p50": statistics.median(nx_rhk),
        }
    ours = {(row["nip"], row["target"], tuple(row["via"]), row["sole"]) for row in mine}
    out["single_points_of_failure"] = {
        "equal": ours == answer_spof,
        "pokin": len(ours),
        "networkx": len(answer_spof),
        "pokin_ms_p50": statistics.median(spof_times),
        "networkx_ms_p50": statistics.median(nx_spof),
    }
    return out


# -- 3. service ---------------------------------------------------------------------------------------------


def bench_lookup_search(runner: Runner, scale: str) -> dict[str, Any]:
    """The catalog's search on terms from the loaded data, p50 of `runs` after a warm-up, with its db hits
    (bench/lookups.py times it against an older catalog; here the catalog is its own baseline)."""
    from bench.lookups import bench_search

    catalog = load_catalog()
    runs = max(3, SETTINGS[scale]["runs"])
    return {"runs": runs, "terms": bench_search(runner, catalog, catalog, runs)}


def bench_reimport(runner: Runner, folder: Path) -> dict[str, Any]:
    """The largest kabupaten/kota re-imported into the loaded graph: changed (bench/diff.py changed_copy: pagu,
    contributions cut, staff moved), then its own files back, then those again (nothing to write). Each import's
    transaction (reading, checking, writing, the reach facts kept inside it) is timed apart from the people answers
    kept after it, which are worked out for the whole graph (docs/people-kept.md)."""
    from bench.diff import changed_copy

    datasets = manifest_of(folder)["datasets"]
    entries = [e for e in datasets if Path(e["folder"]).name.startswith("K")] or datasets
    largest = max(entries, key=lambda e: (e["rows"].get("staff", 0), e["folder"]))
    source = (folder / largest["folder"]).resolve()
    out: dict[str, Any] = {"dataset": largest["dataset"], "staff": largest["rows"].get("staff", 0)}
    with tempfile.TemporaryDirectory(prefix="pokin-reimport-") as tmp:
        changed = changed_copy(source, Path(tmp) / source.name)
        for label, path in (("changed", changed), ("restored", source), ("unchanged", source)):
            log(f"reimport {label}: {largest['dataset']}")
            out[label] = _timed_import(runner, path)
    return out


def _timed_import(runner: Runner, path: Path) -> dict[str, Any]:
    """One import_path, its transaction and the people answers kept after it timed apart."""
    from graph.importer import _write, new_record, people_kept, validate_path

    started = time.perf_counter()
    built = validate_path(path, runner, writing=True)
    checked = time.perf_counter()
    report = _write(built, runner, None, record=new_record(Path(path), built.name, built.counts(), None))
    written = time.perf_counter()
    kept = people_kept.ensure(runner)
    finished = time.perf_counter()
    summary = report.written
    return {
        "read_check_s": checked - started,
        "write_commit_s": written - checked,
        "import_s": written - started,
        "people_kept_s": finished - written,
        "people_worked_out": kept,
        "total_s": finished - started,
        "nodes_created": summary.nodes_created if summary else 0,
        "properties_set": summary.properties_set if summary else 0,
        "relationships_created": summary.relationships_created if summary else 0,
    }


def bench_service(settings: Neo4jSettings, runner: Runner, scale: str) -> dict[str, Any]:
    """The same load twice, side by side: the service as shipped (result cache on) and with the cache off
    (POKIN_CACHE_MB=0: every request asks Neo4j), each in a fresh `pokin serve` (cold cache)."""
    out: dict[str, Any] = {}
    for label, extra in (("uncached", {"POKIN_CACHE_MB": "0"}), ("cached", {})):
        log(f"service load, {label}")
        out[label] = _serve_and_load(settings, runner, scale, extra)
    out.update(
        {
            key: out["cached"][key]
            for key in ("clients", "seconds", "requests", "rps", "p50_ms", "p99_ms", "statuses", "errors")
        }
    )
    if out["uncached"]["rps"]:
        out["rps_ratio"] = out["cached"]["rps"] / out["uncached"]["rps"]
    return out


def _serve_and_load(settings: Neo4jSettings, runner: Runner, scale: str, extra: dict[str, str]) -> dict[str, Any]:
    port = free_port()
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password, **extra}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("pokin")), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/api/health")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        return load(port, service_paths(runner), SETTINGS[scale]["service"], SETTINGS[scale]["clients"])
    finally:
        server.terminate()
        server.wait(timeout=30)


def service_paths(runner: Runner) -> list[str]:
    """The mixed requests of the load: the API (JSON and CSV), elements, the audit, an OPD's tree page."""
    pool = pick_params(runner)
    unit, goal, nip = pool["_opd"], pool["id"], pool["nip"]
    return [
        "/api/health",
        "/api/queries",
        f"/api/units/{unit}",
        f"/api/goals/{goal}",
        f"/api/goals/{goal}/achievement",
        f"/api/audit/orphaned-staff?unit={unit}",
        f"/api/audit/orphaned-staff?unit={unit}&format=csv",
        f"/api/audit/activities-without-leverage?unit={unit}",
        f"/api/queries/goals_without_indicator?unit={unit}",
        f"/api/elements/{goal}/impact",
        f"/api/staff/{nip}/line-of-sight",
        f"/pohon/{unit}",
    ]


def load(port: int, paths: list[str], seconds: float, clients: int) -> dict[str, Any]:
    """`clients` keep-alive clients, each asking a random path of `paths` in a loop for `seconds`."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = str(response.status)
            except (OSError, http.client.HTTPException) as exc:
                status = "error"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(f"{path}: {exc}")
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    server_errors = sum(n for s, n in statuses.items() if s == "error" or s.startswith("5"))
    return {
        "clients": clients,
        "seconds": wall,
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": _percentile(latencies, 0.99) if latencies else None,
        "statuses": statuses,
        "errors": server_errors,
        "error_samples": errors[:5],
        "paths": paths,
    }


# -- 4. views -----------------------------------------------------------------------------------------------


def bench_views(runner: Runner) -> dict[str, Any]:
    from visual.render import render_page
    from visual.views import tree_view

    pool = pick_params(runner)
    out = {}
    for label, unit, cap in (("opd", pool["_opd"], 1500), ("pohon_1000", None, 1000), ("pohon_5000", None, 5000)):
        started = time.perf_counter()
        view = tree_view(runner, unit, 2026, max_nodes=cap)
        built = time.perf_counter() - started
        started = time.perf_counter()
        html = render_page(view.network)
        rendered = time.perf_counter() - started
        out[label] = {
            "unit": unit,
            "max_nodes": cap,
            "rows": len(view.nodes),
            "drawn": len(view.network.nodes),
            "build_s": built,
            "render_s": rendered,
            "html_bytes": len(html),
        }
        log(f"view {label}: {out[label]}")
    out.update(bench_drawn_views(runner))
    return out


def bench_drawn_views(runner: Runner, sizes: tuple[int, ...] = (1000, 5000)) -> dict[str, Any]:
    """Views that draw exactly N nodes, none folded: the Pemda's own elements, then whole OPDs in id order
    (the last one cut) from the rows of view_tree, built and rendered. The collapsed views above draw fewer
    nodes whatever their cap: a folded tree stays at most MAX_LEAF_SLOTS leaves wide, to stay readable."""
    from visual.network import build_tree, split_rows
    from visual.render import render_page

    nodes, edges = split_rows(load_catalog().run(runner, "view_tree", {"unit": None, "year": 2026}))
    ordered = sorted(nodes, key=lambda row: (row.get("opd_id") is not None, str(row.get("opd_id")), str(row["id"])))
    out = {}
    for size in sizes:
        if len(ordered) < size:
            log(f"view drawn_{size}: only {len(ordered)} nodes in this Pemda's tree, not measured")
            continue
        kept = ordered[:size]
        ids = {str(row["id"]) for row in kept}
        links = [edge for edge in edges if str(edge.get("from")) in ids and str(edge.get("to")) in ids]
        started = time.perf_counter()
        network = build_tree(kept, links, max_nodes=size)
        built = time.perf_counter() - started
        started = time.perf_counter()
        html = render_page(network)
        rendered = time.perf_counter() - started
        out[f"drawn_{size}"] = {
            "unit": None,
            "max_nodes": size,
            "rows": size,
            "drawn": len(network.nodes),
            "edges": len(links),
            "build_s": built,
            "render_s": rendered,
            "html_bytes": len(html),
            "from_rows": True,
        }
        log(f"view drawn_{size}: {out[f'drawn_{size}']}")
    return out


# -- 5. peers ----------------------------------------------------------------------------------------------


def bench_people_part(runner: Runner, scale: str) -> dict[str, Any]:
    """bench/people.py: the people queries beside networkx on the loaded graph (5 runs each, 3 beyond kabupaten)."""
    from bench.people import bench_people

    return bench_people(runner, load_networkx, 2026, runs=5 if scale in ("tiny", "kabupaten") else 3)


def bench_peers_part(runner: Runner, scale: str) -> dict[str, Any]:
    """bench/peers.py on the loaded graph: 10 warm runs each (2 at the tiny scale), networkx where it fits."""
    from bench.peers import bench_peers

    return bench_peers(
        runner,
        pick_params(runner)["_opd"],
        runs=2 if scale == "tiny" else 10,
        networkx=bool(SETTINGS[scale].get("networkx", True)),
    )


# -- driver -------------------------------------------------------------------------------------------------


def unfit_for(scale: str, mem_total: int | None = None, disk_free: int | None = None) -> str | None:
    """Why this machine cannot run `scale` (None: it can). Only the national slice asks for more than any
    laptop has: the heap and page cache it runs with (POKIN_BENCH_HEAP / POKIN_BENCH_PAGECACHE, `make bench`
    gives 6g each) plus SPARE_MEMORY of memory, and room on disk for its files and its store."""
    needs_disk = SETTINGS[scale].get("needs_disk")
    if not needs_disk:
        return None
    from graph.launcher.server import _bytes

    heap, page_cache = server_memory()
    server = _bytes(heap) + page_cache
    if mem_total is None:
        meminfo = Path("/proc/meminfo")
        mem_total = int(meminfo.read_text().split()[1]) * 1024 if meminfo.exists() else None
    if disk_free is None:
        base = data_root().resolve()
        while not base.exists():  # the folder is made by the run: ask the disk it will be made on
            base = base.parent
        disk_free = min(shutil.disk_usage(tempfile.gettempdir()).free, shutil.disk_usage(base).free)
    gib = 1024**3
    if mem_total is not None and mem_total < server + SPARE_MEMORY:
        return (
            f"this machine has {mem_total / gib:.1f} GiB of memory; the {scale} scale needs "
            f"{(server + SPARE_MEMORY) / gib:.1f} GiB (the server's heap and page cache, "
            f"{server / gib:.1f} GiB, and {SPARE_MEMORY / gib:.0f} GiB beside them)"
        )
    if disk_free < needs_disk:
        return (
            f"{disk_free / gib:.1f} GiB of disk free; the {scale} scale needs {needs_disk / gib:.0f} GiB "
            "for its files and its store"
        )
    return None


def run(
    scale: str, parts: list[str] | None = None, out: Path | None = None, progress: Callable[[str], None] = log
) -> dict[str, Any]:
    parts = parts or ["import", "queries", "service", "views", "peers", "people"]
    unfit = unfit_for(scale)
    if unfit is not None:
        progress(f"{scale} not run: {unfit}")
        result: dict[str, Any] = {
            "scale": scale,
            "machine": machine(),
            "skipped": unfit,
            "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        _write(out, json.dumps(result, indent=1))
        return result
    folder = data_for(scale)
    result = {
        "scale": scale,
        "machine": machine(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "data": str(folder),
        "totals": manifest_of(folder)["totals"],
    }
    with tempfile.TemporaryDirectory(prefix="pokin-bench-") as tmp:
        server, settings = start_server(Path(tmp))
        runner = Runner.from_settings(settings)
        runner.default_timeout = 3600.0
        try:
            apply_schema(runner)
            _run_parts(runner, settings, server, folder, scale, parts, result, out)
        finally:
            runner.close()
            server.stop()
    result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    text = json.dumps(result, indent=1, default=str)
    _write(out, text)
    print(text)
    return result


def _run_parts(
    runner: Runner,
    settings: Neo4jSettings,
    server: LocalServer,
    folder: Path,
    scale: str,
    parts: list[str],
    result: dict[str, Any],
    out: Path | None,
) -> None:
    """The chosen parts in their fixed order, each into `result`; a part that fails leaves its error there and
    the others still run, and `out` is rewritten after each, so partial results survive an interrupted run."""
    steps = {
        "import": lambda: bench_import(runner, settings, server, folder, scale),
        "load": lambda: bench_load(runner, settings, server, folder),
        "queries": lambda: bench_queries(runner, scale),
        "search": lambda: bench_lookup_search(runner, scale),
        "reimport": lambda: bench_reimport(runner, folder),
        "service": lambda: bench_service(settings, runner, scale),
        "views": lambda: bench_views(runner),
        "peers": lambda: bench_peers_part(runner, scale),
        "people": lambda: bench_people_part(runner, scale),
    }
    for part in PARTS:
        if part not in parts:
            continue
        if part not in ("import", "load"):
            ensure_loaded(runner, settings, folder)
        try:
            result[part] = steps[part]()
        except Exception as exc:  # noqa: BLE001 - keep the other parts' figures
            result[part + "_error"] = f"{type(exc).__name__}: {exc}"[:2000]
            log(f"{part} failed: {result[part + '_error']}")
        _write(out, json.dumps(result, indent=1, default=str))


def _write(out: Path | None, text: str) -> None:
    """The results file, when one is asked for (its folder made as needed)."""
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="kabupaten", choices=list(SETTINGS))
    parser.add_argument("--only", nargs="*", choices=PARTS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    run(args.scale, args.only, args.out)
