"""The diff of two versions (graph/diff.py) timed on the sample kabupaten and on the synthetic kabupaten.

    .venv/bin/python -m bench.diff [--runs 5] [--json OUT]

Goal (issue 20): a diff of two kabupaten versions answers in under 2 s. Each kabupaten is imported as version
`2025`, then its files again with changes spread over their rows (`changed_copy`: a pagu raised on every tenth
sub-kegiatan, every fiftieth activity cut off from its parents, every twentieth ASN moved to another unit) as
version `2026`, and the diff is timed end to end (both versions read, compared; the importer's reach fact is
current, so it is read), `runs` times after one warm-up: p50 and max in milliseconds, the client's CPU time, and the
same diff working the reach out from the edges (what a graph written by raw Cypher gets). The machine this runs on
is shared, so each diff is timed alternately with a reference in the same minutes: the named query
`orphaned_staff` on the same graph (BENCHMARKS.md: under 100 ms at kabupaten on a quiet machine), whose ratio
travels where the milliseconds do not. Both kabupaten stay in the database for both timings, so each diff reads
its two versions out of four. Starts a throw-away local Neo4j unless NEO4J_URI is set (that database is WIPED).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.lookups import database
from graph.catalog import load_complete_catalog
from graph.db import Runner
from graph.diff import diff
from graph.diff_read import read_version
from graph.importer import VersionRequest, import_path
from graph.model import apply_schema

SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"
REFERENCE = "orphaned_staff"


def _rewrite(path: Path, change: Any) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(change(rows))


def changed_copy(folder: Path, into: Path) -> Path:
    """The CSV files of `folder` with changes spread over their rows (see the module doc)."""
    into.mkdir(parents=True, exist_ok=True)
    for source in folder.glob("*.csv"):
        shutil.copy(source, into / source.name)

    def activities(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for number, row in enumerate(rows):
            if number % 10 == 0 and row["budget"]:
                row["budget"] = str(int(float(row["budget"]) * 1.05))
            if number % 50 == 0:
                row["contributes_to"] = ""
        return rows

    def staff(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        units = sorted({row["unit_id"] for row in rows})
        for number, row in enumerate(rows):
            if number % 20 == 0:
                row["unit_id"] = units[(units.index(row["unit_id"]) + 1) % len(units)]
        return rows

    _rewrite(into / "activities.csv", activities)
    _rewrite(into / "staff.csv", staff)
    return into


def two_versions(runner: Runner, folder: Path, scratch: Path) -> tuple[str, str]:
    """The folder imported as version 2025, and its changed copy as version 2026."""
    before = import_path(folder, runner, version=VersionRequest(name="2025")).dataset
    after = import_path(
        changed_copy(folder, scratch / f"{folder.name}-2026"), runner, version=VersionRequest(name="2026")
    )
    return before, after.dataset


def _p50(times: list[float]) -> float:
    return round(statistics.median(times), 1)


def timed(runner: Runner, a: str, b: str, runs: int) -> dict[str, Any]:
    """p50 and max of the whole diff, its client CPU, the diff without the fact, and the reference query, each run
    alternately after a warm-up; the diff's counts."""
    catalog = load_complete_catalog()
    result = diff(runner, a, b)
    times: dict[str, list[float]] = {"diff": [], "cpu": [], "traversal": [], "reference": []}
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        diff(runner, a, b)
        times["diff"].append((time.perf_counter() - started) * 1000)
        times["cpu"].append((time.process_time() - cpu) * 1000)
        started = time.perf_counter()
        read_version(runner, a, use_fact=False), read_version(runner, b, use_fact=False)
        times["traversal"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        catalog.run(runner, REFERENCE, {})
        times["reference"].append((time.perf_counter() - started) * 1000)
    return {
        "a": a,
        "b": b,
        "nodes_per_version": sum(len(keyed) for keyed in read_version(runner, b).nodes.values()),
        "counts": {key: len(rows) for key, rows in result.sections.items()},
        "reach_from": result.reach_from,
        "diff_p50_ms": _p50(times["diff"]),
        "diff_max_ms": round(max(times["diff"]), 1),
        "diff_client_cpu_p50_ms": _p50(times["cpu"]),
        "read_without_fact_p50_ms": _p50(times["traversal"]),
        "reference": REFERENCE,
        "reference_p50_ms": _p50(times["reference"]),
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
        pairs = [
            ("sample", two_versions(runner, SAMPLE, scratch)),
            ("kabupaten", two_versions(runner, scratch / "kabupaten", scratch)),
        ]
        for name, (a, b) in pairs:
            load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else None
            results.append({"data": name, "load_average": load, **timed(runner, a, b, args.runs)})
            print(json.dumps(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
