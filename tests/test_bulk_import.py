"""The bulk path (graph/importer/bulk.py, graph/launcher/bulk.py, `pokin bulk-import`): the graph neo4j-admin
builds from pokin's files is the transactional importer's, node for node and relationship for relationship, the
import log included; re-importing any dataset transactionally afterwards changes nothing; bad input and a database
that is not empty are refused before anything is written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from graph import model
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import ImportRejected, import_log, import_path, import_paths
from graph.importer.bulk import write_bulk_files
from graph.launcher.bulk import BulkLoad, NotEmpty, bulk_load
from graph.launcher.server import LocalServer, free_port
from seed import synthetic
from seed.synthetic import dataset_folders, generate
from tests.conftest import SAMPLE, small_provinces, snapshot

PASSWORD = "pokin-test-pw"


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A second local Neo4j, the bulk loads' target, running (so each load also asks it whether it is empty)."""
    server = LocalServer(
        tmp_path_factory.mktemp("bulk-neo4j"), free_port(), heap="512m", page_cache_bytes=128 << 20, password=PASSWORD
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _runner(server: LocalServer) -> Runner:
    return Runner.from_settings(Neo4jSettings(uri=server.uri, password=server.password))


def _log(runner: Runner) -> list[dict]:
    """The import log without what differs by nature between two imports of the same files: id and time."""
    return [{k: v for k, v in entry.items() if k not in ("id", "at")} for entry in reversed(import_log(runner))]


def _assert_bulk_equals_transactional(runner: Runner, server: LocalServer, folders: list[Path], load: BulkLoad) -> None:
    """`load` of `folders` into the emptied server done, import them transactionally into `runner`'s database; then
    the two graphs, logs and schemas agree, and re-importing each dataset into the bulk graph writes nothing."""
    bulk = _runner(server)
    try:
        assert server.pid() is not None, "a running server is left running"
        import_paths(folders, runner)
        expected = snapshot(runner)
        assert snapshot(bulk) == expected
        assert (load.nodes, load.relationships) == (len(expected["nodes"]) + len(folders), len(expected["edges"]))
        assert _log(bulk) == _log(runner)
        assert [report.written.changes() for report in load.reports] == [entry_changes(e) for e in _log(runner)]
        online = {row["name"] for row in bulk.read("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")}
        assert model.schema_names() <= online
        for folder in folders:
            again = import_path(folder, bulk)
            assert not again.written.changed(), (folder, again.written)
        assert snapshot(bulk) == expected
    finally:
        bulk.close()


def entry_changes(entry: dict) -> dict[str, int]:
    return {change: entry[change] for change in model.IMPORT_LOG_CHANGES}


def test_the_sample_and_synthetic_datasets_bulk_loaded_by_the_cli_are_the_transactional_graph(
    runner, bulk_server, tmp_path, monkeypatch
):
    """`pokin bulk-import --into FOLDER` into the running server of that store, of the sample and of two synthetic
    trees (given by their folders, each its manifest's datasets in order): a province with a kabupaten whose sasaran
    contribute to the province's (references into the dataset before), and a small kabupaten of its own. Checked,
    loaded, the schema created, the server left running; the same graph, log and schema as the transactional
    importer's, node for node and relationship for relationship; re-importing any dataset transactionally changes
    nothing, and a second bulk load into the now full database is refused. All in one load: each costs a stop of
    the server, a run of neo4j-admin and a start."""
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    small_provinces(monkeypatch, kabupaten=1)
    generate("provinsi", tmp_path / "provinsi", seed=11)
    generate("tiny", tmp_path / "kabupaten", seed=13)
    trees = [tmp_path / "provinsi", tmp_path / "kabupaten"]
    folders = [SAMPLE, *(folder for tree in trees for folder, _ in dataset_folders(tree))]
    assert len(folders) == 4
    loads: list[BulkLoad] = []

    def recorded(*args, **kwargs) -> BulkLoad:  # the CLI's own call, its result kept for the checks below
        loads.append(bulk_load(*args, **kwargs))
        return loads[-1]

    bulk = _runner(bulk_server)
    try:
        bulk.write("MATCH (n) DETACH DELETE n")
        with monkeypatch.context() as spying:
            spying.setattr("graph.launcher.bulk.bulk_load", recorded)
            into = ["bulk-import", "--into", str(bulk_server.data_dir)]
            result = CliRunner().invoke(main, [*into, str(SAMPLE), *map(str, trees)])
        assert result.exit_code == 0, result.output
        assert "checked dataset U-PEMDA" in result.output and "bulk-loaded 4 dataset(s)" in result.output
        assert bulk_server.answers()
        bulk.forget_bookmarks()  # they name transactions of the store neo4j-admin replaced
        [load] = loads
        _assert_bulk_equals_transactional(runner, bulk_server, folders, load)
        refused = CliRunner().invoke(main, [*into, str(SAMPLE)])
        assert refused.exit_code == 1 and "is for a new, empty database" in refused.output
    finally:
        bulk.close()


def _replaced(source: Path, target: Path, old: str, new: str, files: tuple[str, ...] = ()) -> Path:
    """A copy of a dataset folder with `old` replaced by `new` in its CSV files (`files`: only those)."""
    shutil.copytree(source, target)
    for path in target.glob("*.csv"):
        if not files or path.name in files:
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return target


def test_bad_input_is_refused_as_the_transactional_importer_refuses_it(runner, bulk_server, tmp_path, monkeypatch):
    """The same problems (file, row, field) as import_paths, for a bad cell, a reference to a dataset not loaded
    before and an id an earlier dataset defines; the target database is not touched. A dataset given twice is
    refused (the bulk path takes each once), and a database that holds anything is refused."""
    small_provinces(monkeypatch, kabupaten=2)
    generate("provinsi", tmp_path / "p", seed=12)
    province, first, second = [folder for folder, _ in dataset_folders(tmp_path / "p")]
    bad = _replaced(first, tmp_path / "bad", ",misi,", ",bukan_level,", ("goals.csv",))
    clash = _replaced(second, tmp_path / "clash", "G-K3202-M1", "G-K3201-M1")
    bulk = _runner(bulk_server)
    try:
        bulk.write("MATCH (n) DETACH DELETE n")
        for number, order in enumerate(([province, bad], [first], [province, first, clash])):
            runner.write("MATCH (n) DETACH DELETE n")
            with pytest.raises(ImportRejected) as transactional:
                import_paths(order, runner)
            (tmp_path / str(number)).mkdir()
            with pytest.raises(ImportRejected) as bulked:
                write_bulk_files(order, tmp_path / str(number))
            assert bulked.value.problems and bulked.value.problems == transactional.value.problems, order
            assert bulked.value.path == transactional.value.path == order[-1]
            with pytest.raises(ImportRejected):
                bulk_load(bulk_server, order)
            assert bulk_server.pid() is not None
            assert bulk.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0
        with pytest.raises(ImportRejected, match="also given at"):
            bulk_load(bulk_server, [province, first, first])
        bulk.write("CREATE (:Marker {id: 'kept'})-[:SEEN]->(:Marker {id: 'too'})")
        with pytest.raises(NotEmpty):
            bulk_load(bulk_server, [province])
        assert bulk.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 2
    finally:
        bulk.write("MATCH (n) DETACH DELETE n")
        bulk.close()


def test_a_link_between_two_nodes_of_earlier_datasets_is_left_to_the_transactional_importer(tmp_path, monkeypatch):
    """`pokin import` would take over an equal link an earlier dataset holds (its MERGE finds it); the bulk files
    cannot, so such a link is refused, naming its file and row, instead of giving a graph the importer would not."""
    monkeypatch.setattr(synthetic, "PROVINCE_KABUPATEN", 1)
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 3)
    generate("provinsi", tmp_path / "p", seed=14)
    province, kabupaten = [folder for folder, _ in dataset_folders(tmp_path / "p")]
    links = kabupaten / "links.csv"
    rows = links.read_text(encoding="utf-8").splitlines()
    links.write_text("\n".join([*rows, "G-P32-S2,CONTRIBUTES_TO,G-P32-S1,0.5"]) + "\n", encoding="utf-8")
    (tmp_path / "files").mkdir()
    with pytest.raises(ImportRejected) as refused:
        write_bulk_files([province, kabupaten], tmp_path / "files")
    assert refused.value.path == kabupaten
    [problem] = refused.value.problems
    assert (problem.file, problem.row) == ("links.csv", len(rows) + 1)
    assert "joins two nodes of other datasets" in problem.message
