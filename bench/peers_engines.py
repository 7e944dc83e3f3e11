"""The SQL peers: DuckDB, PostgreSQL (a cluster of its own, started and stopped here) and SQLite.

Each engine is loaded from the same CSV files (bench/peers.py writes them from the graph pokin holds),
indexed (bench/peers_sql.py INDEXES), analysed, and then answers `run(sql, params)` with rows as tuples.
A peer that cannot start here (no package, no server binaries) is skipped with the reason, never
silently: `open_engines` returns the reasons beside the engines that did start.
"""

from __future__ import annotations

import csv
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.peers_sql import INDEXES, SCHEMA, TABLES

_PARAM = re.compile(r"(?<!:):([a-z_]+)\b")
_WIDTH = {"node": 6, "assigned_to": 3}  # columns per table (the others: src, dst)


class Engine:
    """One SQL peer: a name, its version and settings, the seconds its load took, and `run`."""

    name = ""
    version = ""
    settings = ""
    load_s = 0.0

    def run(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the engine (and stop its server, if it has one)."""


def _rows(folder: Path, table: str) -> Iterator[tuple[Any, ...]]:
    """A table's CSV rows as Python values (empty fields are NULL; node's year and budget are numbers)."""
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            values: list[Any] = [value if value != "" else None for value in row]
            if table == "node":
                values[4] = int(values[4]) if values[4] is not None else None
                values[5] = float(values[5]) if values[5] is not None else None
            yield tuple(values)


class SqliteEngine(Engine):
    name = "SQLite"

    def __init__(self, folder: Path, workdir: Path) -> None:
        started = time.perf_counter()
        self.connection = sqlite3.connect(workdir / "peers.sqlite")
        self.connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;PRAGMA cache_size = -262144;"
        )  # 256 MiB of page cache
        for statement in SCHEMA:
            self.connection.execute(statement.replace("DOUBLE PRECISION", "REAL"))
        for table in TABLES:
            marks = ", ".join("?" * _WIDTH.get(table, 2))
            self.connection.executemany(f"INSERT INTO {table} VALUES ({marks})", _rows(folder, table))
        for statement in INDEXES:
            self.connection.execute(statement)
        self.connection.execute("ANALYZE")
        self.connection.commit()
        self.load_s = time.perf_counter() - started
        self.version = sqlite3.sqlite_version
        self.settings = "one connection, 256 MiB page cache"

    def run(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.connection.execute(sql, params).fetchall()]

    def close(self) -> None:
        self.connection.close()


class DuckdbEngine(Engine):
    name = "DuckDB"

    def __init__(self, folder: Path, workdir: Path) -> None:
        import duckdb

        started = time.perf_counter()
        self.connection = duckdb.connect(str(workdir / "peers.duckdb"))
        threads = os.cpu_count() or 1
        self.connection.execute(f"SET threads = {threads}")
        for statement in SCHEMA:
            self.connection.execute(statement.replace(" PRIMARY KEY", ""))
        for table in TABLES:
            self.connection.execute(f"COPY {table} FROM '{folder / (table + '.csv')}' (FORMAT csv, HEADER false)")
        for statement in INDEXES:
            self.connection.execute(statement)
        self.connection.execute("ANALYZE")
        self.load_s = time.perf_counter() - started
        self.version = duckdb.__version__
        self.settings = f"{threads} threads"

    def run(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        used = {name: params[name] for name in _PARAM.findall(sql)}
        return [tuple(row) for row in self.connection.execute(_PARAM.sub(r"$\1", sql), used).fetchall()]

    def close(self) -> None:
        self.connection.close()


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's server binaries (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresEngine(Engine):
    """A cluster of its own in a temp folder, on a free loopback port, stopped by `close`. As root, the
    server runs as the `postgres` user (initdb refuses root)."""

    name = "PostgreSQL"

    def __init__(self, folder: Path, workdir: Path) -> None:
        import psycopg2  # noqa: F401 - before anything starts: without the client the peer is skipped

        binaries = postgres_bin()
        if binaries is None:
            raise RuntimeError(
                "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin "
                "or on PATH: install Debian's `postgresql` package"
            )
        # in the system's temp folder, not under `workdir`: the server's user must reach it (pytest's and
        # TemporaryDirectory's folders are private to their owner)
        self.data = Path(tempfile.mkdtemp(prefix="pokin-peers-pg-"))
        self.prefix: list[str] = []
        self.started = False
        self.connection: Any = None
        try:
            self._start(binaries, folder)
        except BaseException:
            self.close()
            raise

    def _start(self, binaries: Path, folder: Path) -> None:
        import psycopg2

        from graph.launcher.server import free_port

        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.pg_ctl = str(binaries / "pg_ctl")
        self._call(
            [str(binaries / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.data} "
            "-c shared_buffers=256MB -c work_mem=64MB -c fsync=off -c synchronous_commit=off -c jit=off"
        )
        self._call(
            [self.pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.data / "log"), "-w", "-t", "60", "start"]
        )
        self.started = True
        started = time.perf_counter()
        self.connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        self.connection.autocommit = True
        with self.connection.cursor() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)
            for table in TABLES:
                with (folder / f"{table}.csv").open(encoding="utf-8") as handle:
                    cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv)", handle)
            for statement in INDEXES:
                cursor.execute(statement)
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SHOW server_version")
            self.version = cursor.fetchone()[0].split()[0]
        self.load_s = time.perf_counter() - started
        self.settings = "shared_buffers 256MB, work_mem 64MB, jit off"

    def _call(self, command: list[str]) -> None:
        done = subprocess.run(self.prefix + command, capture_output=True, text=True, check=False, cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    def run(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(_PARAM.sub(r"%(\1)s", sql), params)
            return [tuple(row) for row in cursor.fetchall()]

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self.started:
            self._call([self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"])
            self.started = False
        shutil.rmtree(self.data, ignore_errors=True)


ENGINES = {"DuckDB": DuckdbEngine, "PostgreSQL": PostgresEngine, "SQLite": SqliteEngine}


def open_engines(
    folder: Path, workdir: Path, names: tuple[str, ...] = tuple(ENGINES)
) -> tuple[list[Engine], dict[str, str]]:
    """The engines that could be started and loaded, and for the others the reason they were skipped."""
    engines: list[Engine] = []
    skipped: dict[str, str] = {}
    for name in names:
        try:
            engines.append(ENGINES[name](folder, workdir))
        except ImportError as exc:
            skipped[name] = f"its Python client is not installed ({exc.name}): pip install -e '.[bench]'"
        except Exception as exc:  # noqa: BLE001 - a peer that cannot start is reported, the others run
            skipped[name] = f"{type(exc).__name__}: {exc}"[:500]
    return engines, skipped
