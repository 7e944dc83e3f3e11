"""`pokin bulk-import`: a first load of many datasets into an empty local database through `neo4j-admin database
import full`, Neo4j's offline importer (its jars are in the assembly: neo4j-import-tool, org.neo4j.cli.AdminTool).

The datasets are checked and written as CSV files first (graph/importer/bulk.py): a refused dataset stops the load
before the database is touched. The database must hold nothing (no node, no relationship): the offline importer
replaces the store, so it is asked of the running server just before it is stopped. Then the server is stopped,
the store written by neo4j-admin, the server started again, the model's constraints and indexes created
(graph/model.py apply_schema, which waits until they are online) and the "reaches an outcome" fact the importer
keeps worked out for the whole graph and marked current (graph/importer/reach.py rebuild). The server is left as it
was found: running, or stopped. Only a local store can be loaded this way (neo4j-admin writes its files); a remote
server, a cluster or Aura is loaded with `pokin import`.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph import model
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import people_kept, reach
from graph.importer.bulk import BulkFiles, BulkReport, write_bulk_files
from graph.launcher.server import JVM_FLAGS, LocalServer, ServerError, _java, _tail, ensure_assembled

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
DATABASE = "neo4j"  # the default database the launcher serves


class NotEmpty(Exception):
    """The target database holds data: a bulk load would replace it."""


@dataclass
class BulkLoad:
    """What a bulk load did: the datasets' reports and how long each step took (seconds)."""

    reports: list[BulkReport]
    seconds: dict[str, float] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0


@dataclass(frozen=True)
class AdminOptions:
    """neo4j-admin's own memory and threads: its heap, and the off-heap memory it may take (its default, 90 % of
    the machine, is no neighbour on a shared one)."""

    heap: str = os.environ.get("POKIN_BULK_HEAP", "1g")
    off_heap: str = os.environ.get("POKIN_BULK_OFF_HEAP", "2g")
    threads: int | None = None


def _runner(server: LocalServer) -> Runner:
    return Runner.from_settings(Neo4jSettings(uri=server.uri, password=server.password))


def counts(server: LocalServer) -> tuple[int, int]:
    """(nodes, relationships) of the running server's database."""
    runner = _runner(server)
    try:
        row = runner.read(model.DATA_VERSION_QUERY)[0]
        return int(row["nodes"]), int(row["relationships"])
    finally:
        runner.close()


def _store_exists(server: LocalServer) -> bool:
    return (server.data_dir / "data" / "databases" / DATABASE).exists()


def check_empty(server: LocalServer) -> None:
    """Raise NotEmpty unless the database holds no node and no relationship (a store never started is empty; a
    stopped one is started to be asked, and left running)."""
    if server.pid() is None and not _store_exists(server):
        return
    server.start()
    nodes, relationships = counts(server)
    if nodes or relationships:
        raise NotEmpty(
            f"the database at {server.data_dir} holds {nodes} nodes and {relationships} relationships: a bulk load "
            "is for a new, empty database (use `pokin import` to add or update datasets)"
        )


def admin_import(server: LocalServer, files: BulkFiles, options: AdminOptions = AdminOptions()) -> None:
    """Run `neo4j-admin database import full` into the (stopped) server's store; ServerError with its output's end
    when it fails."""
    if server.pid() is not None:
        raise ServerError("stop the server before neo4j-admin writes its store")
    classpath = ensure_assembled()
    server.data_dir.mkdir(parents=True, exist_ok=True)
    server.write_conf()
    command = [_java(), f"-Xmx{options.heap}", *JVM_FLAGS, "-cp", classpath, ADMIN_TOOL, "database", "import"]
    command += ["full", "--overwrite-destination=true", f"--max-off-heap-memory={options.off_heap}"]
    command += [f"--report-file={files.folder / 'import.report'}"]
    if options.threads:
        command.append(f"--threads={options.threads}")
    command += [*files.arguments(), DATABASE]
    env = dict(os.environ, NEO4J_HOME=str(server.data_dir), NEO4J_CONF=str(server.data_dir))
    log = files.folder / "neo4j-admin.log"
    with log.open("wb") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=files.folder)
    if result.returncode != 0:
        raise ServerError(f"neo4j-admin database import failed (exit {result.returncode}):\n{_tail(log, 40)}")


def bulk_load(
    server: LocalServer,
    paths: Iterable[Path],
    on_report: Callable[[Path, BulkReport], None] | None = None,
    options: AdminOptions = AdminOptions(),
    work: Path | None = None,
) -> BulkLoad:
    """Load the datasets (in order) into the server's empty database; see the module's docstring. `work`: where the
    CSV files go (a temporary folder, removed after, by default)."""
    was_running = server.pid() is not None
    with tempfile.TemporaryDirectory(prefix="pokin-bulk-", dir=work) as folder:
        start = time.monotonic()
        try:
            check_empty(server)
            files = write_bulk_files(paths, Path(folder), on_report)
        except BaseException:
            if not was_running:  # started only to be asked whether it is empty
                server.stop()
            raise
        seconds = {"files": time.monotonic() - start}
        if server.pid() is not None:
            check_empty(server)  # again, just before the store is replaced
            start = time.monotonic()
            server.stop()
            seconds["stop"] = time.monotonic() - start
        start = time.monotonic()
        admin_import(server, files, options)
        seconds["neo4j_admin"] = time.monotonic() - start
    start = time.monotonic()
    server.start()
    seconds["start"] = time.monotonic() - start
    start = time.monotonic()
    runner = _runner(server)
    try:
        model.apply_schema(runner)
        seconds["schema"] = time.monotonic() - start
        start = time.monotonic()
        reach.rebuild(runner)  # "reaches an outcome", which every import keeps current (graph/importer/reach.py)
        seconds["reach"] = time.monotonic() - start
        start = time.monotonic()
        people_kept.keep(runner)  # the single points of failure, which every import keeps (docs/people-kept.md)
        seconds["people"] = time.monotonic() - start
    finally:
        runner.close()
    nodes, relationships = counts(server)
    if not was_running:
        server.stop()
    return BulkLoad(files.reports, seconds, nodes, relationships)
