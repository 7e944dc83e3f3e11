"""A soak test, bounded and loopback only: `pokin serve` with the sample kabupaten under mixed load for a while.

    .venv/bin/python -m bench.soak [--seconds 1800] [--out bench/results/soak.json] [--neo4j-from-env]
    make soak             # 30 minutes; not run by CI (tests/test_soak.py runs it for 20 s)

It starts a throw-away Neo4j on a free loopback port (or, with --neo4j-from-env, uses the one NEO4J_URI and
friends name: the tests do), imports the sample kabupaten, starts `pokin serve` on 127.0.0.1 and, all at once
until the time is up:

- readers: READERS keep-alive clients on the benchmark's mixed endpoints (bench/run.py `service_paths`, each
  asked once first, as a service in use has them);
- an analyst at the limits of POST /api/cypher: a query past the row cap (truncated), a runaway query stopped
  by the server-side timeout (504; POKIN_CYPHER_TIMEOUT set to CYPHER_TIMEOUT_S), a write (403);
- an editor sending uploads that are refused (400): a zip with 20,000 bad rows, a zip whose CSV has a line of
  5,000,000 cells, a workbook declaring XML entities, a zip bomb;
- a health check every second on its own connection, timed;
- the service's RSS read every second from /proc.

Passes when every health check answered 200 within HEALTH_LIMIT_S, the service's RSS stayed within
RSS_BOUND_MB (the bound service/README.md documents), no request got a 5xx or a connection error, every upload
was refused, the graph's node and relationship counts are what they were before, and no import folder is
left behind. A summary is printed and the measures written as JSON; the exit status is 0 only on a pass.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.run import service_paths
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import import_path
from graph.launcher.server import LocalServer, free_port

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = ROOT / "seed" / "sample"
SAMPLE_BOOK = SAMPLE / "kabupaten_sukamaju.xlsx"
DEFAULT_SECONDS = 30 * 60
READERS = 4
HEALTH_EVERY_S = 1.0
HEALTH_LIMIT_S = 1.0
RSS_BOUND_MB = 512  # service/README.md, "Memory": the service's RSS with the default settings
CYPHER_TIMEOUT_S = 3  # POKIN_CYPHER_TIMEOUT for the soak: each runaway query holds a Neo4j core this long
PAUSE_S = 0.5  # between two requests of the analyst, and of the editor (the readers do not pause)
READER_TOKEN, EDITOR_TOKEN = f"soak-reader-{uuid.uuid4().hex}", f"soak-editor-{uuid.uuid4().hex}"
ANALYST_QUERIES = [  # (query, the status it must get)
    ("UNWIND range(1, 6000) AS i RETURN i, toString(i) AS text", 200),  # past the row cap (5,000): truncated
    ("MATCH (a), (b), (c) RETURN count(a.id + b.id + c.id) AS n", 504),  # runaway: the server-side timeout
    ("CREATE (n:Soak) RETURN n", 403),  # a write: refused before running
    ("MATCH (g:Goal) RETURN g.id AS id, g.statement AS statement", 200),
]


def log(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the refused uploads ------------------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def hostile_uploads() -> list[tuple[str, str, bytes]]:
    """(label, file name, body) of uploads the service must refuse with 400, built once in memory."""
    sample = {path.name: path.read_bytes() for path in sorted(SAMPLE.glob("*.csv"))}
    bad_rows = b"".join(f"SOAK-{i},Unit {i},no_such_kind,\n".encode() for i in range(20_000))
    wide = b"," * 5_000_000 + b"\n"
    with zipfile.ZipFile(SAMPLE_BOOK) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    laughs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{("&a;" if i == 1 else f"&a{i - 1};") * 10}">' for i in range(1, 10)
    )
    workbook = parts["xl/workbook.xml"].decode()
    root = workbook.index("<", workbook.index("?>") + 2) if workbook.startswith("<?xml") else 0
    parts["xl/workbook.xml"] = (workbook[:root] + f"<!DOCTYPE workbook [{laughs}]>" + workbook[root:]).encode()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("units.csv", sample["units.csv"])
        archive.writestr("padding.csv", b"0" * (210 * 1024 * 1024))
    return [
        ("20,000 bad rows", "bad-rows.zip", _zip({**sample, "units.csv": sample["units.csv"] + bad_rows})),
        ("a line of 5,000,000 cells", "wide.zip", _zip({**sample, "units.csv": sample["units.csv"] + wide})),
        ("XML entities", "entities.xlsx", _zip(parts)),
        ("a zip bomb", "bomb.zip", bomb.getvalue()),
    ]


def multipart(file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


# -- measuring ----------------------------------------------------------------------------------------------


class Tally:
    """Statuses and latencies per kind of request, shared by the load threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: dict[str, dict[str, int]] = {}
        self.latencies: dict[str, list[float]] = {}
        self.unexpected: list[str] = []

    def add(
        self, kind: str, status: str, elapsed_ms: float, expected: int | None = None, label: str = "", body: bytes = b""
    ) -> None:
        with self.lock:
            counts = self.statuses.setdefault(kind, {})
            counts[status] = counts.get(status, 0) + 1
            self.latencies.setdefault(kind, []).append(elapsed_ms)
            wrong = (status == "error" or status.startswith("5")) if expected is None else status != str(expected)
            if wrong and len(self.unexpected) < 20:
                self.unexpected.append(
                    f"{kind} {label}: {status} (expected {expected or 'no 5xx'}): {body[:200].decode(errors='replace')}"
                )


def request(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[str, bytes]:
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return str(response.status), response.read()


def timed_loop(
    port: int, tally: Tally, kind: str, deadline: float, next_request: Callable[[int], tuple], pause: float = 0.0
) -> None:
    """Send `next_request(n)` -> (method, path, body, headers, expected status, label) until the deadline."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    number = 0
    while time.monotonic() < deadline:
        method, path, body, headers, expected, label = next_request(number)
        number += 1
        started = time.perf_counter()
        try:
            status, answer = request(connection, method, path, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            status, answer = "error", f"{type(exc).__name__}: {exc}".encode()
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        tally.add(kind, status, (time.perf_counter() - started) * 1000, expected, label, answer)
        if pause:
            time.sleep(pause)
    connection.close()


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def graph_counts(runner: Runner) -> dict[str, int]:
    return {
        "nodes": runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"],
        "relationships": runner.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"],
    }


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# -- the run ------------------------------------------------------------------------------------------------


def start_service(settings: Neo4jSettings, port: int, log_file: Any) -> subprocess.Popen:
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
        "POKIN_TOKENS": f"{READER_TOKEN}:reader,{EDITOR_TOKEN}:editor",
        "POKIN_CYPHER_TIMEOUT": str(CYPHER_TIMEOUT_S),
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("pokin")), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            if request(connection, "GET", "/api/health")[0] == "200":
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("`pokin serve` did not answer /api/health within 120 s")


def soak(settings: Neo4jSettings, seconds: float, workdir: Path) -> dict[str, Any]:
    runner = Runner.from_settings(settings)
    try:
        log("importing the sample kabupaten")
        import_path(SAMPLE_BOOK, runner)
        paths = service_paths(runner)
        before = graph_counts(runner)
        uploads = hostile_uploads()
        port = free_port()
        service_log = workdir / "service.log"
        log_file = open(service_log, "wb")  # noqa: SIM115 - closed below, once the service has exited
        server = start_service(settings, port, log_file)
        log(f"`pokin serve` on 127.0.0.1:{port} (pid {server.pid}); warm-up, then load for {seconds:.0f} s")
        try:
            warm_up(port, paths)
            result = drive(port, server.pid, paths, uploads, seconds)
        finally:
            server.terminate()
            try:
                result_exit = server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                result_exit = server.wait()
            log_file.close()
        left = sorted(str(path) for path in Path(tempfile.gettempdir()).glob(f"pokin-import-{server.pid}-*"))
        after = graph_counts(runner)
    finally:
        runner.close()
    logged = service_log.read_text(errors="replace").splitlines()
    errors = [line for line in logged if "ERROR" in line or "Traceback" in line]
    result.update(
        {
            "graph_before": before,
            "graph_after": after,
            "import_folders_left": left,
            "service_exit_status": result_exit,
            "service_log_errors": len(errors),
            "service_log_tail": logged[-40:] if errors else [],
        }
    )
    return result


def warm_up(port: int, paths: list[str]) -> None:
    """Every read path once, one after the other, as a service in use has them (its result cache filled)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        for path in paths:
            request(connection, "GET", path)
    finally:
        connection.close()


def drive(  # noqa: C901 - one loop mixing the request kinds, as the soak test describes
    port: int,
    pid: int,
    paths: list[str],
    uploads: list[tuple[str, str, bytes]],
    seconds: float,
) -> dict[str, Any]:
    tally = Tally()
    deadline = time.monotonic() + seconds
    health: list[float] = []
    health_failures: list[str] = []
    rss: list[float] = []

    def reader(seed: int) -> Callable[[int], tuple]:
        rng = random.Random(seed)

        def next_read(n: int) -> tuple:
            path = rng.choice(paths)
            return "GET", path, None, None, None, path

        return next_read

    def analyst(n: int) -> tuple:
        query, expected = ANALYST_QUERIES[n % len(ANALYST_QUERIES)]
        body = json.dumps({"query": query}).encode()
        return (
            "POST",
            "/api/cypher",
            body,
            {"Authorization": f"Bearer {READER_TOKEN}", "Content-Type": "application/json"},
            expected,
            query[:30],
        )

    bodies = [(label, *multipart(name, data)) for label, name, data in uploads]

    def editor(n: int) -> tuple:
        label, body, content_type = bodies[n % len(bodies)]
        return (
            "POST",
            "/api/import",
            body,
            {"Authorization": f"Bearer {EDITOR_TOKEN}", "Content-Type": content_type},
            400,
            label,
        )

    def checker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status, _ = request(connection, "GET", "/api/health")
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            elapsed = time.perf_counter() - started
            health.append(elapsed * 1000)
            if status != "200" or elapsed > HEALTH_LIMIT_S:
                health_failures.append(f"{status} in {elapsed * 1000:.0f} ms")
            time.sleep(max(0.0, HEALTH_EVERY_S - elapsed))
        connection.close()

    def sampler() -> None:
        while time.monotonic() < deadline:
            value = rss_mb(pid)
            if value is not None:
                rss.append(value)
            time.sleep(1.0)

    threads = [
        threading.Thread(target=timed_loop, args=(port, tally, "read", deadline, reader(n))) for n in range(READERS)
    ]
    threads.append(threading.Thread(target=timed_loop, args=(port, tally, "analyst", deadline, analyst, PAUSE_S)))
    threads.append(threading.Thread(target=timed_loop, args=(port, tally, "upload", deadline, editor, PAUSE_S)))
    threads += [threading.Thread(target=checker), threading.Thread(target=sampler)]
    started = time.monotonic()
    last_report = started
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        time.sleep(1.0)
        if time.monotonic() - last_report >= 60:
            last_report = time.monotonic()
            log(
                f"{last_report - started:.0f} s: RSS {rss[-1] if rss else 0:.0f} MB, health max "
                f"{max(health, default=0):.0f} ms, requests {sum(map(len, tally.latencies.values()))}"
            )
    for thread in threads:
        thread.join()
    return {
        "seconds": time.monotonic() - started,
        "requests": {kind: len(values) for kind, values in tally.latencies.items()},
        "statuses": tally.statuses,
        "p50_ms": {kind: statistics.median(values) for kind, values in tally.latencies.items() if values},
        "p99_ms": {kind: _percentile(values, 0.99) for kind, values in tally.latencies.items()},
        "unexpected": tally.unexpected,
        "health": {
            "checks": len(health),
            "max_ms": max(health, default=None),
            "p50_ms": _percentile(health, 0.5),
            "failures": health_failures[:20],
            "failed": len(health_failures),
        },
        "rss_mb": {
            "first": rss[0] if rss else None,
            "max": max(rss, default=None),
            "last": rss[-1] if rss else None,
            "bound": RSS_BOUND_MB,
        },
    }


def verdict(result: dict[str, Any]) -> list[str]:
    """What failed, in words; empty on a pass."""
    failed = []
    health = result["health"]
    if not health["checks"] or health["failed"]:
        failed.append(
            f"health: {health['failed']} of {health['checks']} checks failed or took over "
            f"{HEALTH_LIMIT_S:g} s ({health['failures'][:3]})"
        )
    if result["rss_mb"]["max"] is None or result["rss_mb"]["max"] > RSS_BOUND_MB:
        failed.append(f"the service's RSS reached {result['rss_mb']['max']} MB (bound {RSS_BOUND_MB} MB)")
    if result["unexpected"]:
        failed.append(f"unexpected answers: {result['unexpected'][:5]}")
    for kind in ("read", "analyst", "upload"):
        if not result["requests"].get(kind):
            failed.append(f"no {kind} request was answered")
    if result["graph_after"] != result["graph_before"]:
        failed.append(f"the graph changed: {result['graph_before']} -> {result['graph_after']}")
    if result["import_folders_left"]:
        failed.append(f"import folders left behind: {result['import_folders_left']}")
    return failed


def summary(result: dict[str, Any]) -> str:
    requests = ", ".join(f"{kind} {count}" for kind, count in result["requests"].items())
    return (
        f"soak: {result['seconds']:.0f} s, requests {requests}; statuses {result['statuses']}; "
        f"health {result['health']['checks']} checks, max {result['health']['max_ms']:.0f} ms, "
        f"{result['health']['failed']} failed; service RSS {result['rss_mb']['first']:.0f} MB at the start, "
        f"max {result['rss_mb']['max']:.0f} MB (bound {RSS_BOUND_MB}); graph {result['graph_before']} -> "
        f"{result['graph_after']}; import folders left: {len(result['import_folders_left'])}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=DEFAULT_SECONDS,
        help=f"how long the load runs (default {DEFAULT_SECONDS} s = 30 minutes)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "soak.json")
    parser.add_argument(
        "--neo4j-from-env",
        action="store_true",
        help="use the Neo4j that NEO4J_URI names instead of starting a throw-away one",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 4 * 3600:
        parser.error("--seconds must be between 1 and 14400")
    server = None
    with tempfile.TemporaryDirectory(prefix="pokin-soak-") as workdir:
        try:
            if args.neo4j_from_env:
                settings = Neo4jSettings.from_env()
            else:
                log("starting a throw-away Neo4j")
                server = LocalServer(
                    Path(workdir) / "neo4j",
                    free_port(),
                    heap="1g",
                    page_cache_bytes=256 * 1024 * 1024,
                    password="pokin-soak-pw",
                )
                server.start()
                settings = Neo4jSettings(uri=server.uri, password=server.password)
            result = soak(settings, args.seconds, Path(workdir))
        finally:
            if server is not None:
                server.stop()
    failed = verdict(result)
    result["passed"], result["failed"] = not failed, failed
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(summary(result))
    print("PASS" if not failed else "FAIL: " + "; ".join(failed))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
