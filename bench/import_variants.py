"""What each part of the multi-dataset import buys, side by side in one run on one server.

    .venv/bin/python -m bench.import_variants [--scale provinsi] [--rounds 2] [--out bench/results/import-variants.json]

The same datasets (synthetic, seed 1) are imported, the store wiped between, by:
- `one by one`: `import_path` per dataset (read, check, plan and write in turn: nothing overlaps);
- `pipelined, 5 ms switches`: `import_paths` with Python's default GIL switch interval;
- `pipelined`: `import_paths` as shipped (the next dataset prepared while one is written, prompt switches);
- `ceiling`: the Cypher-only ceiling of bench/run.py (the same numbers of nodes and edges, no files).
The variants take turns, `rounds` times, after a warm-up on a kabupaten of another seed, so the machine's
noise falls on all of them alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import graph.importer as importer
from bench.run import WARM_UP_SEED, ceiling, data_for, log, machine, manifest_of, start_server, wipe
from graph.db import Runner
from graph.model import apply_schema

ROOT = Path(__file__).resolve().parent.parent


def folders_of(folder: Path) -> list[Path]:
    return [(folder / entry["folder"]).resolve() for entry in manifest_of(folder)["datasets"]]


def variants(runner: Runner, folder: Path) -> dict[str, Callable[[], object]]:
    paths = folders_of(folder)

    def one_by_one() -> None:
        for path in paths:
            importer.import_path(path, runner)

    def default_switches() -> None:
        prompt = importer.PROMPT_SWITCH_INTERVAL
        importer.PROMPT_SWITCH_INTERVAL = sys.getswitchinterval()
        try:
            importer.import_paths(paths, runner)
        finally:
            importer.PROMPT_SWITCH_INTERVAL = prompt

    return {
        "one by one": one_by_one,
        "pipelined, 5 ms switches": default_switches,
        "pipelined": lambda: importer.import_paths(paths, runner),
        "ceiling": lambda: ceiling(runner, manifest_of(folder)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="provinsi")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    folder = data_for(args.scale)
    warm = data_for("kabupaten", seed=WARM_UP_SEED)
    with tempfile.TemporaryDirectory(prefix="pokin-variants-") as workdir:
        server, settings = start_server(Path(workdir))
        runner = Runner.from_settings(settings)
        try:
            apply_schema(runner)
            for warm_up in variants(runner, warm).values():
                warm_up()
                wipe(runner)
            seconds: dict[str, list[float]] = {}
            for round_number in range(args.rounds):
                for name, run in variants(runner, folder).items():
                    log(f"round {round_number + 1}: {name}")
                    started = time.perf_counter()
                    run()
                    seconds.setdefault(name, []).append(time.perf_counter() - started)
                    wipe(runner)
        finally:
            runner.close()
            server.stop()
    ceiling_s = statistics.median(seconds["ceiling"])
    print(
        f"| variant ({args.scale}, {len(folders_of(folder))} datasets) | seconds, each round | median "
        "| ceiling ÷ variant |\n|---|---|---|---|"
    )
    for name, runs in seconds.items():
        print(
            f"| {name} | {', '.join(f'{s:.1f}' for s in runs)} | {statistics.median(runs):.1f} "
            f"| {ceiling_s / statistics.median(runs):.2f} |"
        )
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "machine": machine(),
                    "seconds": seconds,
                    "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
                },
                indent=1,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
