"""The bulk path beside the transactional importer, side by side in one run, on a new, empty database each.

    .venv/bin/python -m bench.bulk --scale provinsi --out bench/results/bulk-provinsi.json

1. transactional: a new store, the server started, then `import_paths` over every dataset in order (the first
   import after the server started, as a new database meets it), timed from the first dataset to the last commit;
2. bulk: another new store, the server started, then `bulk_load` (graph/launcher/bulk.py): the datasets checked and
   written as CSV files, the server stopped, `neo4j-admin database import full`, the server started again and the
   schema created and online; timed as a whole and per step.

Then the bulk graph is checked against the transactional one: the same node count per label and relationship count
per type, and the first and the last dataset imported again transactionally into the bulk graph write nothing.
Each server has the bench's heap and page cache (POKIN_BENCH_HEAP / POKIN_BENCH_PAGECACHE); neo4j-admin gets
POKIN_BULK_HEAP (1g) and POKIN_BULK_OFF_HEAP (2g). The data is the bench's (bench/run.py data_for, seed 1).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import data_for, log, machine, start_server, store_bytes
from graph.db import Runner
from graph.importer import import_path, import_paths
from graph.launcher.bulk import bulk_load
from seed.synthetic import dataset_folders


def graph_shape(runner: Runner) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type."""
    row = runner.read(
        "MATCH (n) UNWIND labels(n) AS label WITH label, count(*) AS c RETURN collect([label, c]) AS pairs",
        timeout=600,
    )[0]
    edges = runner.read(
        "MATCH ()-[r]->() WITH type(r) AS type, count(*) AS c RETURN collect([type, c]) AS pairs", timeout=600
    )[0]
    return {"nodes": dict(sorted(row["pairs"])), "relationships": dict(sorted(edges["pairs"]))}


def transactional(folders: list[Path], workdir: Path) -> dict[str, Any]:
    server, settings = start_server(workdir / "transactional")
    runner = Runner.from_settings(settings)
    try:
        log(f"transactional: {len(folders)} datasets")
        start = time.perf_counter()
        import_paths(folders, runner)
        seconds = time.perf_counter() - start
        shape = graph_shape(runner)
    finally:
        runner.close()
        server.stop()
    return {"seconds": round(seconds, 2), "shape": shape, "store_bytes": store_bytes(server)}


def bulk(folders: list[Path], workdir: Path) -> dict[str, Any]:
    server, settings = start_server(workdir / "bulk")
    runner = Runner.from_settings(settings)
    try:
        log(f"bulk: {len(folders)} datasets")
        start = time.perf_counter()
        load = bulk_load(server, folders, work=workdir)
        seconds = time.perf_counter() - start
        runner.forget_bookmarks()  # the store was replaced under the runner
        shape = graph_shape(runner)
        again = {}
        for folder in dict.fromkeys((folders[0], folders[-1])):
            begun = time.perf_counter()
            report = import_path(folder, runner)
            assert report.written is not None
            again[report.dataset] = {
                "seconds": round(time.perf_counter() - begun, 2),
                "changed": report.written.changed(),
                **report.written.changes(),
            }
    finally:
        runner.close()
        server.stop()
    steps = {step: round(value, 2) for step, value in load.seconds.items()}
    return {
        "seconds": round(seconds, 2),
        "steps": steps,
        "shape": shape,
        "reimport": again,
        "store_bytes": store_bytes(server),
    }


def run(scale: str, out: Path | None) -> dict[str, Any]:
    data = data_for(scale)
    folders = [folder for folder, _entry in dataset_folders(data)]
    result: dict[str, Any] = {"scale": scale, "datasets": len(folders), "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="pokin-bench-bulk-") as tmp:
        result["transactional"] = transactional(folders, Path(tmp))
        result["bulk"] = bulk(folders, Path(tmp))
    shape = result["transactional"]["shape"]
    entities = sum(shape["nodes"].values()) + sum(shape["relationships"].values())
    result["entities"] = entities
    result["same_shape"] = shape == result["bulk"]["shape"]
    result["reimport_writes_nothing"] = not any(entry["changed"] for entry in result["bulk"]["reimport"].values())
    result["speedup"] = round(result["transactional"]["seconds"] / result["bulk"]["seconds"], 2)
    result["load_at_end"] = os.getloadavg()
    text = json.dumps(result, indent=1)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("tiny", "kabupaten", "provinsi", "nasional"), default="provinsi")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = run(args.scale, args.out)
    sys.exit(0 if result["same_shape"] and result["reimport_writes_nothing"] else 1)


if __name__ == "__main__":
    main()
