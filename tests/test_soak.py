"""The soak test's script (bench/soak.py, `make soak`: 30 minutes, not run by CI) run for 20 s against the test
Neo4j, so the script itself is exercised: mixed reads, analyst queries at their limits and refused uploads at
once, with the health checks timed, the service's RSS sampled and the graph's counts compared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 12  # the harness, briefly: `make soak` runs it for hours (BENCHMARKS.md)


def test_a_short_soak_passes_and_reports_every_measure(runner, neo4j_settings, tmp_path):
    out = tmp_path / "soak.json"
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--seconds", str(SECONDS), "--neo4j-from-env", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(done.stdout[-3000:])
    result = json.loads(out.read_text())
    assert done.returncode == 0 and result["passed"], (result["failed"], done.stderr[-3000:])
    assert result["seconds"] >= SECONDS
    assert all(result["requests"][kind] > 0 for kind in ("read", "analyst", "upload"))
    assert set(result["statuses"]["upload"]) == {"400"}  # every hostile upload refused, none failed
    assert result["health"]["checks"] >= SECONDS // 2 and result["health"]["max_ms"] < 1000
    assert result["rss_mb"]["max"] <= result["rss_mb"]["bound"]
    assert result["graph_after"] == result["graph_before"] and result["graph_before"]["nodes"] > 0
    assert result["import_folders_left"] == []
    assert done.stdout.strip().splitlines()[-1] == "PASS"
