"""A bounded load test, loopback only: `pokin serve` (waitress, 8 threads) in a subprocess against the test
Neo4j with the sample kabupaten loaded, 24 concurrent keep-alive clients for 20 s on the benchmark's mixed
endpoints (bench/run.py: `service_paths` and `load`, the same generator `make bench` uses).

Asserted: zero 5xx, zero connection errors, p99 within the benchmark's bound (P99_GOAL_MS, a BENCHMARKS.md goal) and
flat memory: the service's RSS at the end at most 1.5 x + 50 MB of its RSS after warm-up. The figures are
printed for the README (Reliability).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.run import P99_GOAL_MS, load, service_paths
from graph.importer import import_path
from graph.launcher.server import free_port

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seed" / "sample" / "kabupaten_sukamaju.xlsx"
CLIENTS, SECONDS = 24, 12.0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_mixed_load_gives_no_5xx_a_bounded_p99_and_flat_memory(runner, neo4j_settings):
    import_path(SAMPLE, runner)
    paths = service_paths(runner)
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("pokin")), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/api/health") == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the service did not start"
            time.sleep(0.2)
        warm = {path: get(port, path) for path in paths for _ in range(2)}  # warm-up: every path answers
        assert all(status < 500 for status in warm.values()), warm
        rss_warm = rss_mb(server.pid)
        result = load(port, paths, SECONDS, CLIENTS)
        rss_end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"\nload: {CLIENTS} clients x {result['seconds']:.0f} s, {result['requests']} requests "
        f"({result['rps']:.1f}/s), p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, statuses "
        f"{result['statuses']}; service RSS {rss_warm:.0f} MB after warm-up, {rss_end:.0f} MB at the end"
    )
    assert not result["error_samples"], result["error_samples"]
    assert result["errors"] == 0 and set(result["statuses"]) == {"200"}, result["statuses"]
    assert result["requests"] > CLIENTS and result["p99_ms"] < P99_GOAL_MS
    assert rss_end <= 1.5 * rss_warm + 50
