"""One JSON error shape for every status, 500 without internals, and 503 in bounded time (the recovery once Neo4j is back: tests/test_faults.py)."""

from __future__ import annotations

import time

import pytest
from test_service_support import AS_EDITOR, AS_READER, assert_error, csv_files, make_app, upload, zip_bytes

from graph.config import Neo4jSettings
from graph.db import Runner

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures

SLOW = "UNWIND range(1, 200000000) AS x WITH x WHERE x = -1 RETURN count(*) AS n"


class Exploding:
    """A runner whose every read fails the way a bug would, with internals in the message."""

    def read_table(self, *args, **kwargs):
        raise RuntimeError("password=hunter2 in /srv/pokin/secret.py line 12")

    def explain(self, *args, **kwargs):
        raise RuntimeError("password=hunter2 in /srv/pokin/secret.py line 12")


def unreachable_runner() -> Runner:
    return Runner.from_settings(Neo4jSettings(uri="bolt://127.0.0.1:9", password="nothing-listens"))


def test_every_status_has_the_one_error_shape(runner):
    import_ok = make_app(runner)
    client = import_ok.test_client()
    assert_error(client.get("/api/audit?limit=0"), 400)
    assert_error(client.post("/api/cypher", json={"query": "RETURN 1 AS x"}), 401)
    assert_error(upload(client, zip_bytes(csv_files()), "mini.zip", headers=AS_READER), 403)
    assert_error(client.get("/api/goals/NOPE"), 404)
    assert_error(client.get("/api/nothing/here"), 404)
    not_allowed = client.delete("/api/health")
    assert_error(not_allowed, 405)
    assert "GET" in not_allowed.headers["Allow"]
    assert_error(client.post("/api/audit"), 405)
    tiny = make_app(runner, MAX_UPLOAD_MB=0.001).test_client()
    assert_error(upload(tiny, b"PK\x03\x04" + b"0" * 5000, "mini.zip"), 413)
    assert_error(tiny.post("/api/cypher", json={"query": "RETURN '" + "x" * 5000 + "' AS x"}, headers=AS_READER), 413)
    assert_error(upload(client, b"plain text", "notes.txt"), 415)
    broken = make_app(Exploding()).test_client()
    assert_error(broken.get("/api/audit/orphaned-staff"), 500)
    down_runner = unreachable_runner()
    try:
        assert_error(make_app(down_runner).test_client().get("/api/audit/orphaned-staff"), 503)
    finally:
        down_runner.close()
    slow = make_app(runner, CYPHER_TIMEOUT=0.5, CYPHER_MAX_RANGE=200_000_000).test_client()
    assert_error(slow.post("/api/cypher", json={"query": SLOW}, headers=AS_READER), 504)


def test_unexpected_errors_are_500_without_internals(runner):
    app = make_app(Exploding())

    @app.get("/api/boom")
    def boom():
        raise KeyError("internal-key-name")

    client = app.test_client()
    health = assert_error(client.get("/api/health"), 503)
    assert "hunter2" not in str(health)
    for url in ("/api/boom", "/api/audit/orphaned-staff", "/api/goals/S1"):
        body = assert_error(client.get(url), 500)
        assert "hunter2" not in str(body) and "secret" not in str(body) and "internal-key-name" not in str(body)
    body = assert_error(client.post("/api/cypher", json={"query": "RETURN 1"}, headers=AS_READER), 500)
    assert "hunter2" not in str(body)


@pytest.mark.parametrize(
    "method, url, kwargs",
    [
        ("get", "/api/audit/orphaned-staff", {}),
        ("get", "/api/goals/S1", {}),
        ("get", "/api/audit", {}),
        ("post", "/api/cypher", {"json": {"query": "RETURN 1 AS x"}, "headers": AS_READER}),
    ],
)
def test_neo4j_unreachable_is_503_within_seconds(method, url, kwargs):
    runner = unreachable_runner()
    try:
        client = make_app(runner).test_client()
        started = time.monotonic()
        response = getattr(client, method)(url, **kwargs)
        elapsed = time.monotonic() - started
    finally:
        runner.close()
    body = assert_error(response, 503)
    assert "not reachable" in body["error"]
    assert response.headers["Retry-After"] == "5"
    assert elapsed < 10, elapsed


def test_import_is_503_quickly_when_neo4j_is_unreachable():
    runner = unreachable_runner()
    try:
        client = make_app(runner).test_client()
        started = time.monotonic()
        assert_error(upload(client, zip_bytes(csv_files()), "mini.zip", headers=AS_EDITOR), 503)
        assert time.monotonic() - started < 10
    finally:
        runner.close()
