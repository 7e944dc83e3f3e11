"""Five yearly versions of a province in one graph: do the per-version queries stay as fast as on one version?

    .venv/bin/python -m bench.versions [--scale provinsi] [--years 5] [--runs 5] [--out bench/results/versions.json]

On a throw-away Neo4j (bench.run.start_server): the synthetic province (`pokin seed --synthetic provinsi --seed 1`,
its 11 Pemda) is imported as version `<last year>` of every Pemda and every audit query of the catalog is timed
(median of `--runs` warm runs, after one unmeasured run) with its default scope (graph/versions.py: no filter, as no
Pemda has two versions). Then the same files are imported again as the `--years` - 1 earlier yearly versions, and
the same queries are timed again with their default scope: the latest version of every Pemda, one of five. The
ratio (five versions / one) per query is what the goal reads (BENCHMARKS.md: within 1.5x). Both phases run on the
same server in the same run, one after the other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import start_server
from graph.audit import default_years, finding_params
from graph.catalog import load_complete_catalog
from graph.db import Runner
from graph.importer import VersionRequest, import_paths
from graph.model import apply_schema
from graph.versions import default_scope
from seed.synthetic import dataset_folders, generate

LAST_YEAR = 2026


def audit_queries() -> list[str]:
    """The catalog's findings: what an auditor runs over a whole version."""
    catalog = load_complete_catalog()
    return sorted(name for name, query in catalog.queries.items() if query.finding is not None)


def timed(runner: Runner, names: list[str], runs: int) -> dict[str, float]:
    """Median seconds per query over `runs` warm runs, each with the default scope read once (as the service
    does per request) and passed on."""
    catalog = load_complete_catalog()
    scoped = catalog.within(runner)
    defaults = default_years(runner, scoped.datasets)
    results: dict[str, float] = {}
    for name in names:
        query = catalog.queries[name]
        params = finding_params(query, defaults.for_finding(query.finding), None)  # as the audit runs it
        if params is None:
            continue
        scoped.run(runner, name, params, timeout=600)  # warm
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            scoped.run(runner, name, params, timeout=600)
            samples.append(time.perf_counter() - start)
        results[name] = statistics.median(samples)
    return results


def load(runner: Runner, folders: list[Path], year: int) -> float:
    start = time.perf_counter()
    import_paths(folders, runner, version=VersionRequest(str(year)))
    return time.perf_counter() - start


def run(scale: str, years: int, runs: int) -> dict[str, Any]:
    names = audit_queries()
    with tempfile.TemporaryDirectory(prefix="pokin-bench-versions-") as tmp:
        data = Path(tmp) / "data"
        generate(scale, data, 1)
        folders = [folder for folder, _entry in dataset_folders(data)]
        server, settings = start_server(Path(tmp))
        try:
            runner = Runner.from_settings(settings)
            apply_schema(runner)
            loads = {str(LAST_YEAR): load(runner, folders, LAST_YEAR)}
            assert default_scope(runner) is None
            one = timed(runner, names, runs)
            for year in range(LAST_YEAR - years + 1, LAST_YEAR):
                loads[str(year)] = load(runner, folders, year)
            scope = default_scope(runner)
            assert scope is not None and all(key.endswith(f"@{LAST_YEAR}") for key in scope)
            five = timed(runner, names, runs)
            runner.close()
        finally:
            server.stop()
    return {
        "scale": scale,
        "datasets": len(folders),
        "versions": years,
        "runs": runs,
        "load_seconds": loads,
        "queries": {
            name: {"one_version_s": one[name], "versions_s": five[name], "ratio": five[name] / one[name]}
            for name in names
            if name in one and name in five
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="provinsi", choices=["kabupaten", "provinsi"])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("bench/results/versions.json"))
    args = parser.parse_args()
    result = run(args.scale, args.years, args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    width = max(len(name) for name in result["queries"])
    print(f"{'query':{width}}  one version  {args.years} versions  ratio")
    for name, row in result["queries"].items():
        print(
            f"{name:{width}}  {row['one_version_s'] * 1000:9.1f} ms  {row['versions_s'] * 1000:8.1f} ms  {row['ratio']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
