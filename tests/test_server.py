"""The local Neo4j launcher: start, status, clean stop, data kept across a restart."""
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.server import LocalServer, free_port


def test_data_survives_stop_and_start(tmp_path):
    server = LocalServer(tmp_path / "data", free_port(), heap="512m", page_cache_bytes=64 * 1024 * 1024,
                         password="restart-test-pw")
    try:
        assert server.start() == server.uri and server.is_running()
        assert server.start() == server.uri  # already running: nothing happens
        runner = Runner.from_settings(Neo4jSettings(uri=server.uri, password=server.password))
        runner.write("CREATE (:Goal {id: 'KEEP', level: 'visi', statement: 'tetap ada'})")
        runner.close()
        assert server.stop() is True
        assert not server.is_running() and server.pid() is None
        assert server.stop() is False  # stopping twice is harmless
        server.start()
        runner = Runner.from_settings(Neo4jSettings(uri=server.uri, password=server.password))
        assert runner.read("MATCH (g:Goal {id: 'KEEP'}) RETURN g.statement AS s") == [{"s": "tetap ada"}]
        runner.close()
    finally:
        server.stop()


def test_the_local_server_requires_the_configured_password(neo4j_settings):
    import neo4j
    import pytest

    if neo4j_settings.password == "":
        pytest.fail("the test server must run with authentication")
    with neo4j.GraphDatabase.driver(neo4j_settings.uri, auth=("neo4j", "wrong-password")) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()
