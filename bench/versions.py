"""Five yearly versions of a province in one graph: do the per-version queries stay as fast as on one version?

    .venv/bin/python -m bench.versions [--scale provinsi] [--years 5] [--runs 5] [--out bench/results/versions.json]

Two throw-away Neo4j servers (bench.run.start_server), side by side: on the first the synthetic data
(`pokin seed --synthetic provinsi --seed 1`, its 11 Pemda) is imported as version `<last year>` of every Pemda; on
the second the same files are imported as the `--years` yearly versions up to it. Every audit finding is then timed
as the audit runs it, with its default scope (graph/versions.py: no filter on the first, as no Pemda has two
versions; the latest version of every Pemda on the second): one unmeasured run on each, then `--runs` rounds, each
timing the query once on the first server and once on the second, so both see the same load. The ratio of the
medians (five versions / one) per query is what the goal reads (BENCHMARKS.md: within 1.5x).
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


class Side:
    """One server's graph, with its default scope and years read once (as the service does per request)."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.catalog = load_complete_catalog()
        self.scoped = self.catalog.within(runner)
        self.defaults = default_years(runner, self.scoped.datasets)

    def params(self, name: str) -> dict[str, Any] | None:
        query = self.catalog.queries[name]
        return finding_params(query, self.defaults.for_finding(query.finding), None)  # as the audit runs it

    def once(self, name: str, params: dict[str, Any]) -> float:
        start = time.perf_counter()
        self.scoped.run(self.runner, name, params, timeout=600)
        return time.perf_counter() - start


def timed(one: Side, many: Side, names: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Median seconds per query on each side, the two timed alternately, round by round, after a warm-up run."""
    results: dict[str, dict[str, float]] = {}
    for name in names:
        params_one, params_many = one.params(name), many.params(name)
        if params_one is None or params_many is None:
            continue
        one.once(name, params_one)
        many.once(name, params_many)
        samples: tuple[list[float], list[float]] = ([], [])
        for _ in range(runs):
            samples[0].append(one.once(name, params_one))
            samples[1].append(many.once(name, params_many))
        first, second = statistics.median(samples[0]), statistics.median(samples[1])
        results[name] = {"one_version_s": first, "versions_s": second, "ratio": second / first}
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
        servers = [start_server(Path(tmp) / side) for side in ("one", "many")]
        runners = [Runner.from_settings(settings) for _server, settings in servers]
        try:
            for runner in runners:
                apply_schema(runner)
            loads = {f"one/{LAST_YEAR}": load(runners[0], folders, LAST_YEAR)}
            for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
                loads[f"many/{year}"] = load(runners[1], folders, year)
            assert default_scope(runners[0]) is None
            scope = default_scope(runners[1])
            assert scope is not None and all(key.endswith(f"@{LAST_YEAR}") for key in scope)
            queries = timed(Side(runners[0]), Side(runners[1]), names, runs)
        finally:
            for runner in runners:
                runner.close()
            for server, _settings in servers:
                server.stop()
    return {
        "scale": scale,
        "datasets": len(folders),
        "versions": years,
        "runs": runs,
        "load_seconds": loads,
        "queries": queries,
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
