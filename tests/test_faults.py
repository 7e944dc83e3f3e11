"""Faults: Neo4j killed in the middle of an import or after it, the service killed mid-request, two imports
at once. Nothing half-written ever remains, nothing committed is ever lost, and the same import then works.

These tests run on a Neo4j of their own (killed and restarted here), never on the session's server.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import weakref
from collections.abc import Iterator
from pathlib import Path

import neo4j.exceptions
import pytest
from click.testing import CliRunner
from conftest import snapshot
from neo4j import ManagedTransaction
from test_service_support import MINI, assert_error, csv_files, make_app, zip_bytes

import cli.main as cli
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import ImportNotWritten, import_log, import_path
from graph.launcher.server import LocalServer, free_port
from graph.model import IMPORT_LOCK_STATEMENT, apply_schema
from seed.synthetic import generate

PASSWORD = "fault-test-pw"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    local = LocalServer(
        tmp_path_factory.mktemp("fault-neo4j"),
        free_port(),
        heap="768m",
        page_cache_bytes=128 * 1024 * 1024,
        password=PASSWORD,
    )
    local.start()
    yield local
    local.stop()


@pytest.fixture(scope="module")
def subject(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset the faults strike: a small synthetic kabupaten (a hundred ASN, several statements to write), its
    ids apart from MINI's, which stands for the data already there."""
    folder = tmp_path_factory.mktemp("fault-subject")
    generate("tiny", folder, seed=2)
    return folder


def connect(server: LocalServer) -> Runner:
    return Runner.from_settings(Neo4jSettings(uri=server.uri, password=PASSWORD))


def emptied(server: LocalServer) -> Runner:
    if not server.is_running():
        server.start()
    runner = connect(server)
    runner.write("MATCH (n) DETACH DELETE n")
    apply_schema(runner)
    return runner


def kill(server: LocalServer) -> None:
    pid = server.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while server.pid() is not None and time.monotonic() < deadline:  # gone and reaped, port released
        time.sleep(0.1)
    assert server.pid() is None


def test_neo4j_killed_in_the_middle_of_an_import_leaves_nothing_keeps_the_committed_and_the_import_then_succeeds(
    server, subject
):
    """Also: what was committed before survives the kill (no clean shutdown: the transaction log must carry the
    commit), and the launcher's contract (graph/launcher/server.py): start on a running server changes nothing and
    answers its URI, as a start after the kill does."""
    runner = emptied(server)
    assert server.start() == server.uri and server.is_running()  # already running: nothing happens
    import_path(MINI, runner, dataset="OTHER")  # data that was there before must stay exactly as it was
    before = snapshot(runner)
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if not killed and done < total:  # inside the import's transaction, after its first batch
            kill(server)
            killed.append(done)

    with pytest.raises((neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError)):
        import_path(subject, runner, progress=progress)
    runner.close()
    assert killed, "the import must have been written in more than one batch for this test to mean anything"

    assert server.start() == server.uri
    runner = connect(server)
    try:
        assert snapshot(runner) == before, "nothing of the interrupted import may remain, all that was committed"
        report = import_path(subject, runner)
        again = import_path(subject, runner).written
        staff = runner.read("MATCH (s:ASN) WHERE s.dataset <> 'OTHER' RETURN count(s) AS n")[0]["n"]
        assert report.counts["ASN"] == staff > 0
        assert (again.nodes_created, again.relationships_created) == (0, 0)
    finally:
        runner.close()


def kill_at_commit(monkeypatch: pytest.MonkeyPatch, server: LocalServer, *, wait_dead: bool) -> list[bool]:
    """SIGKILL Neo4j at the next import's commit (the transaction that took the import lock): right after the
    driver sent the COMMIT and before it reads the answer, so Neo4j may or may not get to commit (the
    outcome is truly unknown to the client; `wait_dead`: the server is gone and reaped before the driver
    reads). The driver then reads a dead connection with the COMMIT outstanding and raises IncompleteCommit
    itself. The returned list is non-empty once the kill happened."""
    run, commit = ManagedTransaction.run, ManagedTransaction._commit
    importing: weakref.WeakSet = weakref.WeakSet()
    fired: list[bool] = []

    def tracked_run(self, query, *args, **kwargs):
        if query == IMPORT_LOCK_STATEMENT:
            importing.add(self)
        return run(self, query, *args, **kwargs)

    def killing_commit(self):
        if self not in importing or fired:
            return commit(self)
        fired.append(True)
        connection = self._connection
        fetch = connection.fetch_all

        def killed_then_fetch():
            if wait_dead:
                kill(server)
            else:
                os.kill(server.pid(), signal.SIGKILL)  # the COMMIT is on its way; its answer may never come
            return fetch()

        connection.fetch_all = killed_then_fetch
        return commit(self)

    monkeypatch.setattr(ManagedTransaction, "run", tracked_run)
    monkeypatch.setattr(ManagedTransaction, "_commit", killing_commit)
    return fired


@pytest.mark.timeout(1200)  # two starts of Neo4j, on a busy machine
def test_neo4j_killed_at_the_commit_is_reported_as_the_commit_ended(server, subject, monkeypatch):
    runner = emptied(server)
    import_path(MINI, runner, dataset="OTHER")
    before = snapshot(runner)
    fired = kill_at_commit(monkeypatch, server, wait_dead=False)

    finished = threading.Event()

    def restart_once_killed() -> None:  # the operator's `pokin neo4j start`, while pokin waits
        while not fired and not finished.wait(0.05):
            pass
        deadline = time.monotonic() + 30
        while server.pid() is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        server.start()

    restarter = threading.Thread(target=restart_once_killed)
    restarter.start()
    waited: list[float] = []
    try:
        report = import_path(subject, runner, outcome_wait=400, on_outcome_wait=lambda done, wait: waited.append(done))
        record, committed = report.record, True
    except ImportNotWritten as lost:
        record, committed = lost.record, False
    finally:
        finished.set()
        restarter.join(400)
        runner.close()
    assert fired, "the kill must have hit the import's commit"
    runner = connect(server)
    try:
        recorded = [entry["id"] for entry in import_log(runner, record.dataset)]
        staff = runner.read("MATCH (s:ASN) WHERE s.dataset <> 'OTHER' RETURN count(s) AS n")[0]["n"]
        if committed:  # what pokin said is what the database holds
            assert recorded == [record.id] and staff == report.counts["ASN"] > 0
            assert report.written.nodes_created > 0
        else:
            assert recorded == [] and staff == 0 and snapshot(runner) == before
        again = import_path(subject, runner).written
        assert (again.nodes_created == 0) == committed, "the same import then completes the dataset"
        print(
            f"killed at the commit: {'committed' if committed else 'not written'}, settled after "
            f"{max(waited, default=0):.1f} s of waiting"
        )
    finally:
        runner.close()


@pytest.mark.timeout(1200)
def test_neo4j_gone_at_the_commit_and_not_back_in_time_is_an_unknown_outcome(server, subject, monkeypatch):
    runner = emptied(server)
    import_path(MINI, runner, dataset="OTHER")
    before = snapshot(runner)
    runner.close()
    for name, value in (
        ("NEO4J_URI", server.uri),
        ("NEO4J_USER", "neo4j"),
        ("NEO4J_PASSWORD", PASSWORD),
        ("NEO4J_DATABASE", "neo4j"),
    ):
        monkeypatch.setenv(name, value)
    fired = kill_at_commit(monkeypatch, server, wait_dead=True)
    result = CliRunner().invoke(cli.main, ["import", "--outcome-wait", "3", str(subject)])
    assert fired
    assert result.exit_code == 3, result.output
    output = " ".join(result.output.split())
    assert "waiting for it to answer again (at most 3 s" in output  # the progress line
    assert "IncompleteCommit" in output and "whether the import was written is UNKNOWN" in output
    assert "nothing of it was written" not in output and "rolled back" not in output
    found = re.search(r"`pokin imports --dataset (\S+)` lists import ([0-9a-f]{32}) if it committed", output)
    assert found, output
    assert f"`pokin import --dry-run {subject}`" in output
    dataset, import_id = found.groups()
    server.start()
    runner = connect(server)
    runner.default_timeout = 180.0  # a JVM just started plans its first queries slowly on a busy machine
    try:
        listed = CliRunner().invoke(cli.main, ["imports", "--dataset", dataset, "--format", "json"])
        assert listed.exit_code == 0
        committed = [entry["id"] for entry in json.loads(listed.output)["rows"]] == [import_id]
        staff = runner.read("MATCH (s:ASN) WHERE s.dataset <> 'OTHER' RETURN count(s) AS n")[0]["n"]
        if committed:  # the way to find out tells the truth either way
            assert staff > 0
        else:
            assert json.loads(listed.output)["rows"] == [] and snapshot(runner) == before
        dry = CliRunner().invoke(cli.main, ["import", "--dry-run", str(subject)])
        assert ("was of these same files" if committed else f"no import of dataset {dataset} is recorded") in dry.output
        again = CliRunner().invoke(cli.main, ["import", str(subject)])
        assert again.exit_code == 0 and ("+0 nodes" in again.output) == committed
        print(f"killed at the commit, not back in time: {'committed' if committed else 'not written'}")
    finally:
        runner.close()


def test_two_imports_at_once_never_mix(server):
    runner = emptied(server)
    changed = csv_files(MINI)
    goals = changed["goals.csv"].decode("utf-8-sig").replace("Meningkatkan", "Menurunkan")
    assert goals != changed["goals.csv"].decode("utf-8-sig")
    folder_b = Path(os.environ.get("TMPDIR", "/tmp")) / f"pokin-fault-b-{os.getpid()}"
    folder_b.mkdir(exist_ok=True)
    for name, data in changed.items():
        (folder_b / name).write_bytes(goals.encode("utf-8") if name == "goals.csv" else data)

    alone = {}
    for name, folder in (("a", MINI), ("b", folder_b)):
        runner.write("MATCH (n) DETACH DELETE n")
        import_path(folder, runner, dataset="PEMDA")
        alone[name] = snapshot(runner)
    assert alone["a"] != alone["b"]

    for _ in range(3):
        runner.write("MATCH (n) DETACH DELETE n")
        errors: list[BaseException] = []

        def run(folder: Path, errors: list[BaseException] = errors) -> None:
            other = connect(server)
            try:
                import_path(folder, other, dataset="PEMDA")
            except BaseException as exc:  # noqa: BLE001 - collected and judged below
                errors.append(exc)
            finally:
                other.close()

        threads = [threading.Thread(target=run, args=(folder,)) for folder in (MINI, folder_b, MINI, folder_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not errors, f"concurrent imports are serialised, not failed: {errors!r}"
        assert snapshot(runner) in (alone["a"], alone["b"]), "the graph is exactly one of the imports"
    runner.close()


def test_the_service_killed_mid_import_leaves_no_partial_state_and_then_imports(server, subject, tmp_path):
    runner = emptied(server)
    before = snapshot(runner)
    with open(subject / "staff.csv", newline="", encoding="utf-8-sig") as file:
        staff = list(csv.DictReader(file))
    held_nip = staff[-1]["nip"]
    dataset = json.loads((subject / "manifest.json").read_text())["datasets"][0]["dataset"]
    port = free_port()
    environment = {
        **os.environ,
        "NEO4J_URI": server.uri,
        "NEO4J_PASSWORD": PASSWORD,
        "POKIN_TOKENS": "fault-editor-token:editor",
        "POKIN_MAX_UPLOAD_MB": "100",
    }

    log = tmp_path / "service.log"

    def start_service() -> subprocess.Popen:
        with log.open("ab") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "waitress",
                    "--host",
                    "127.0.0.1",
                    f"--port={port}",
                    "--call",
                    "service:create_app",
                ],
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2)
                return process
            except OSError:
                time.sleep(0.2)
        process.kill()
        raise AssertionError("the service did not start")

    body, boundary = _multipart(zip_bytes(csv_files(subject)), "subject.zip")

    answers: list[int] = []

    def post() -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/import",
            data=body,
            method="POST",
            headers={
                "Authorization": "Bearer fault-editor-token",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return -1  # the connection died with the service

    service = start_service()
    try:
        # Kill the service while its import is surely half-written: an uncommitted ASN of ours with the NIP of
        # the dataset's last staff row (unique) makes the import's transaction wait there, partway through its
        # writes. (Polling for "any open transaction" instead stopped at one of the service's short reads or
        # schema statements before the import, and failed when the check right after it found none open.)
        with runner.driver.session(database=runner.database) as holder:
            hold = holder.begin_transaction()
            try:
                hold.run("CREATE (:ASN {nip: $nip, dataset: $dataset})", nip=held_nip, dataset=dataset).consume()
                sender = threading.Thread(target=lambda: answers.append(post()))
                sender.start()
                deadline = time.monotonic() + 120
                importing = None
                while importing is None and not answers and time.monotonic() < deadline:
                    importing = _blocked_transaction(runner)
                    time.sleep(0.05)
                assert importing is not None, (
                    f"the import's transaction never waited at the held ASN (answers: "
                    f"{answers}); service log:\n{log.read_text()[-3000:]}"
                )
                service.kill()  # SIGKILL: no cleanup in the service at all
                service.wait(30)
            finally:
                hold.rollback()
        sender.join(60)
        deadline = time.monotonic() + 60
        while _open(runner, importing) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _open(runner, importing), "the dead client's transaction is ended"
        assert snapshot(runner) == before, "Neo4j rolls back the dead client's transaction"

        service = start_service()
        assert post() == 200
        assert runner.read("MATCH (s:ASN) RETURN count(s) AS n")[0]["n"] == len(staff) > 50
    finally:
        service.kill()
        service.wait(30)
        runner.close()


def _blocked_transaction(runner: Runner) -> str | None:
    """The id of a transaction that waits for a lock another one holds (here: the import at the held ASN)."""
    rows = runner.read(
        "SHOW TRANSACTIONS YIELD transactionId, status WHERE status STARTS WITH 'Blocked' RETURN transactionId"
    )
    return rows[0]["transactionId"] if rows else None


def _open(runner: Runner, transaction_id: str) -> bool:
    rows = runner.read(
        "SHOW TRANSACTIONS YIELD transactionId WHERE transactionId = $id RETURN count(*) AS n", {"id": transaction_id}
    )
    return rows[0]["n"] > 0


def _multipart(data: bytes, filename: str) -> tuple[bytes, str]:
    boundary = "pokin-fault-boundary-7f3a"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/zip\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), boundary


def test_the_service_recovers_by_itself_when_neo4j_comes_back(server):
    """Neo4j stopped under a running service: 503 in bounded time, then answers again once it is back, with no
    restart of the service. Also a clean stop and start keep what was committed, and the launcher's contract
    (graph/launcher/server.py): a second stop is harmless, status follows the process. The last test of the
    module: the restart leaves the server without its first plans for the next one."""
    runner = emptied(server)
    try:
        import_path(MINI, runner)
        committed = snapshot(runner)
        client = make_app(runner).test_client()
        assert client.get("/api/audit/orphaned-staff").status_code == 200
        assert server.stop() is True  # a clean shutdown
        assert not server.is_running() and server.pid() is None
        assert server.stop() is False  # stopping twice is harmless
        started = time.monotonic()
        down = client.get("/api/audit/orphaned-staff")
        assert_error(down, 503)
        assert time.monotonic() - started < 10
        assert_error(client.get("/api/health"), 503)
        server.start()
        deadline = time.monotonic() + 60  # a just-started JVM plans its first queries slowly on a busy machine
        again = client.get("/api/audit/orphaned-staff")
        while again.status_code == 504 and time.monotonic() < deadline:
            again = client.get("/api/audit/orphaned-staff")
        assert again.status_code == 200, again.get_json()
        assert client.get("/api/health").status_code == 200
        assert snapshot(runner) == committed
    finally:
        runner.close()
