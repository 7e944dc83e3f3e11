"""The local Neo4j launcher: its password and memory settings. Start, status, clean stop and data kept across a
restart (and a kill) are checked in tests/test_faults.py on the server those tests start anyway."""

from graph.launcher.server import LocalServer


def test_the_local_server_requires_the_configured_password(neo4j_settings):
    import neo4j
    import pytest

    if neo4j_settings.password == "":
        pytest.fail("the test server must run with authentication")
    with (
        neo4j.GraphDatabase.driver(neo4j_settings.uri, auth=("neo4j", "wrong-password")) as driver,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        driver.verify_connectivity()


def test_each_transaction_may_hold_at_most_half_the_heap_unless_configured(tmp_path):
    """graph/launcher/server.py writes db.memory.transaction.max into the neo4j.conf the launcher reads, so one
    runaway query fails with a memory error instead of taking the whole heap."""
    default = LocalServer(tmp_path, 7687, heap="1g")
    assert default.settings() == {"db.memory.transaction.max": str(512 * 1024 * 1024)}
    assert LocalServer(tmp_path, 7687, heap="1g", transaction_memory="64m").settings() == {
        "db.memory.transaction.max": str(64 * 1024 * 1024)
    }
    default.write_conf()
    assert f"db.memory.transaction.max={512 * 1024 * 1024}" in default.conf_file.read_text().splitlines()


def test_the_running_local_server_applies_its_transaction_memory_limit(session_runner):
    import os

    import pytest

    if os.environ.get("NEO4J_URI"):
        pytest.skip("an external server: its own configuration decides")
    rows = session_runner.read(
        "CALL dbms.listConfig('db.memory.transaction.max') YIELD name, value "
        "WHERE name = 'db.memory.transaction.max' RETURN value"
    )
    assert rows == [{"value": "512.00MiB"}]  # half the 1g heap of the test server (tests/conftest.py)
