"""Fixtures: a real Neo4j started by the test run (unless NEO4J_URI points at one), the app and clients.

Tests wipe the database they run against: point NEO4J_URI only at a database meant for testing.
"""

from __future__ import annotations

import os
import shutil
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.config import Neo4jSettings
from graph.db import Runner
from graph.launcher.server import LocalServer, free_port
from graph.model import DATA_VERSION_QUERY, FACT_PROPERTIES, apply_schema

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"

# The modules that only read the sample kabupaten (or read it first, and wipe the database only in their last tests),
# in two groups: `make test` hands each group to one worker as one piece of work, its modules one after the other,
# and the `sample` fixture imports the sample once for the group instead of once per module (it is kept while the
# database has committed nothing since; see `sample`). One group per worker, of about the same length.
SAMPLE_GROUPS = (
    (
        "test_hostile_http.py",
        "test_browser.py",
        "test_browser_tree.py",
        "test_documents.py",
        "test_documents_print.py",
        "test_query_plans.py",
        "test_search.py",
    ),
    (
        "test_browser_pages.py",
        "test_pages_sample.py",
        "test_runner_packed.py",
        "test_pages_insight.py",
        "test_people_sample.py",
        "test_queries_depth.py",
    ),
)
GROUP_OF = {name: f"tests/<sample group {number}>" for number, group in enumerate(SAMPLE_GROUPS) for name in group}

# The pieces of work that run for minutes (Neo4j servers of their own killed and restarted, new stores per
# contender, generated datasets, the two sample groups): run first. `make test` hands whole files (and the sample
# groups) to two workers in collection order (`--dist loadfile --no-loadscope-reorder`); by default xdist would
# start the files with the most tests first, so these few-test, long files came last and one worker ran them alone
# while the other sat idle.
LONG_MODULES = (
    "test_faults.py",
    "test_bench.py",
    "test_synthetic.py",
    "test_service_errors.py",
    *SAMPLE_GROUPS[0],
    "test_hostile_files.py",
    *SAMPLE_GROUPS[1],
    "test_bulk_import.py",
    "test_versions_scope.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long modules first, the rest in their usual order (the sort is stable)."""
    rank = {name: position for position, name in enumerate(LONG_MODULES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.hookimpl(optionalhook=True)  # xdist's hook: unknown when the tests run without it (-p no:xdist)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadfile`, with each sample group (SAMPLE_GROUPS) one piece of work: its modules run on one worker,
    one after the other, in collection order."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SampleGroupScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return GROUP_OF.get(module.rsplit("/", 1)[-1], module)

    return SampleGroupScheduling(config, log)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jSettings]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    server = LocalServer(
        tmp_path_factory.mktemp("neo4j"),
        free_port(),
        heap="1g",
        page_cache_bytes=256 * 1024 * 1024,
        password="pokin-test-pw",
    )
    server.start()
    _local_store["transactions"] = server.data_dir / "data" / "transactions"
    try:
        yield Neo4jSettings(uri=server.uri, password=server.password)
    finally:
        _local_store.clear()
        server.stop()


@pytest.fixture
def neo4j_env(neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> Neo4jSettings:
    """The NEO4J_* variables naming the test run's server, as a command line started by a user reads them."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)
    return neo4j_settings


@pytest.fixture(scope="session")
def session_runner(neo4j_settings: Neo4jSettings) -> Iterator[Runner]:
    runner = Runner.from_settings(neo4j_settings)
    apply_schema(runner)
    yield runner
    runner.close()


@pytest.fixture
def runner(session_runner: Runner, request: pytest.FixtureRequest) -> Runner:
    """The runner on an empty database (schema kept); for a test that asks for `loaded` too, on tests/data/mini
    instead, which `loaded` imports or keeps (imported_once): emptying it first would only force the import."""
    if "loaded" not in request.fixturenames:
        session_runner.write("MATCH (n) DETACH DELETE n")
    return session_runner


def snapshot(runner: Runner, *, facts: bool = True) -> dict[str, Any]:
    """The whole graph as comparable data: nodes by labels and properties, edges by type, ends, properties.
    The import lock's `version` (a fresh UUID per import that changed something) is left out: it says
    that the data changed, not what it is; so is the import log (graph/model.py), which says who changed it
    and when (tests of the log read it themselves), so are the versions' records (graph/versions.py: tests of
    versions read them), the lock's record of when the facts the importer keeps were made current (that version, and
    counts that include the log), and the people queries' answers kept on the lock with their record. Without
    `facts`, the facts themselves are left out too: an import may add them to nodes it did not write
    (graph/importer/reach.py, support.py), which is no change of them."""
    others = "properties(n)" if facts else "n {.*, " + ", ".join(f"{fact}: null" for fact in FACT_PROPERTIES) + "}"
    nodes = runner.read(
        "MATCH (n) WHERE NOT n:PokinImport AND NOT n:PokinVersion RETURN labels(n) AS labels, "
        "CASE WHEN n:PokinImportLock THEN n {.*, version: null, reach_version: null, reach_nodes: null, "
        "reach_relationships: null, support_version: null, support_nodes: null, support_relationships: null} "
        f"ELSE {others} END AS props"
    )
    edges = runner.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.id, a.nip) AS start, "
        "coalesce(b.id, b.nip) AS end, properties(r) AS props"
    )
    return {
        "nodes": sorted((repr(sorted(row["labels"])), repr(sorted(_data(row["props"]).items()))) for row in nodes),
        "edges": sorted((row["type"], row["start"], row["end"], repr(sorted(row["props"].items()))) for row in edges),
    }


def _data(props: dict[str, Any]) -> dict[str, Any]:
    """A node's properties without what the importer keeps for the people queries on the lock node (a fact about
    the whole graph, worked out after an import: graph/importer/people_kept.py; tests/test_people_kept.py reads it)."""
    return {key: value for key, value in props.items() if not key.startswith("people_")}


def small_provinces(monkeypatch: pytest.MonkeyPatch, kabupaten: int, staff: int = 5, opd: int = 4) -> None:
    """seed.synthetic's provinces made small for a test: `kabupaten` kabupaten/kota each, `opd` OPD in every Pemda
    (instead of 36-44) and `staff` ASN per OPD. For the tests of what is done with several datasets (bulk loads,
    import variants, refusals): a few OPD show it as well as forty, in a fraction of the time."""
    from seed import synthetic

    write = synthetic.PemdaWriter.write
    monkeypatch.setattr(synthetic, "PROVINCE_KABUPATEN", kabupaten)
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", staff)
    monkeypatch.setattr(synthetic.PemdaWriter, "write", lambda self, opd_count=None: write(self, opd))


def committed_log() -> tuple[Any, ...] | None:
    """The transaction logs of the server this test run started, as (file, size, modified) triples: every commit (a
    write, a wipe, a schema change) appends to them, so they change with it. None without such a server (NEO4J_URI)
    or when they cannot be read."""
    folder = _local_store.get("transactions")
    if folder is None:
        return None
    try:
        files = sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("checkpoint"))
        return tuple((str(path.relative_to(folder)), *_size_and_time(path)) for path in files) or None
    except OSError:  # a log file pruned while it was listed
        return None


def _size_and_time(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


_local_store: dict[str, Path] = {}  # the session's own server's transaction logs
_kept_import: dict[str, Any] = {}  # the folder last imported, with the logs and the data version just after it


def imported_once(runner: Runner, folder: Path) -> Runner:
    """The database holding exactly `folder` imported (on a wiped database). The import is kept when it was the
    last one and nothing has been committed since (the transaction logs unchanged, the same import version and
    counts): the same graph, without importing it again."""
    from graph.importer import import_path

    state = (committed_log(), runner.read(DATA_VERSION_QUERY))
    if state[0] is None or _kept_import.get("state") != (folder, state):
        _kept_import.clear()
        runner.write("MATCH (n) DETACH DELETE n")
        import_path(folder, runner)
        _kept_import["state"] = (folder, (committed_log(), runner.read(DATA_VERSION_QUERY)))
    return runner


@pytest.fixture(scope="module")
def sample(session_runner: Runner) -> Runner:
    """The sample kabupaten, imported for the module that asks for it, or kept from an earlier module's import
    (imported_once). The sample groups (SAMPLE_GROUPS) so import it once per group."""
    return imported_once(session_runner, SAMPLE)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for the module: Debian's `chromium` driven by Playwright through its executable
    path (a browser download is not possible here; `make test` installs the package)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "chromium is not installed: the browser tests need Debian's chromium package "
            "(`make browser`, or `apt-get install chromium`)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


LOST_ANSWER = "Failed to read from defunct connection (the test cut it while committing)"


@pytest.fixture
def lose_commit(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[bool]]:
    """`lose_commit(after=True)`: the next import's commit, in the driver itself, loses its answer: Neo4j
    commits it (after=True) or never gets to (after=False: rolled back), and the driver raises `error` as it
    does when the connection dies while committing (IncompleteCommit by default). Only the transaction that
    took the import lock (graph/model.py IMPORT_LOCK_STATEMENT) is hit, once; the returned list then holds
    `after`, so a test can tell that the fault fired."""
    from neo4j import ManagedTransaction
    from neo4j.exceptions import IncompleteCommit

    from graph.model import IMPORT_LOCK_STATEMENT

    run, commit = ManagedTransaction.run, ManagedTransaction._commit
    importing: weakref.WeakSet = weakref.WeakSet()
    fired: list[bool] = []

    def arm(after: bool, error: type[Exception] = IncompleteCommit) -> list[bool]:
        def tracked_run(self, query, *args, **kwargs):
            if query == IMPORT_LOCK_STATEMENT:
                importing.add(self)
            return run(self, query, *args, **kwargs)

        def lossy_commit(self):
            if self not in importing or fired:
                return commit(self)
            fired.append(after)
            if after:
                commit(self)
            else:
                self._rollback()
            raise error(LOST_ANSWER)

        monkeypatch.setattr(ManagedTransaction, "run", tracked_run)
        monkeypatch.setattr(ManagedTransaction, "_commit", lossy_commit)
        return fired

    return arm
