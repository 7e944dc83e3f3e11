"""The service's health endpoint against the real Neo4j, and its 503 when Neo4j is unreachable."""

from __future__ import annotations

import time

import pytest
from conftest import DATA

from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import import_path
from service import create_app


@pytest.fixture
def app(runner):
    return create_app({"TESTING": True, "RUNNER": runner})


@pytest.fixture
def client(app):
    return app.test_client()


def test_health_reports_version_and_whether_data_is_loaded(client, runner):
    empty = client.get("/api/health")
    assert empty.status_code == 200
    assert empty.json["ok"] is True and empty.json["data_loaded"] is False
    assert empty.json["neo4j"].startswith("5.")
    import_path(DATA / "mini", runner)
    assert client.get("/api/health").json["data_loaded"] is True


def test_health_is_503_quickly_when_neo4j_is_unreachable():
    runner = Runner.from_settings(Neo4jSettings(uri="bolt://127.0.0.1:9"))
    app = create_app({"TESTING": True, "RUNNER": runner})
    started = time.monotonic()
    response = app.test_client().get("/api/health")
    assert response.status_code == 503
    assert response.json["ok"] is False and response.json["status"] == 503
    assert "not reachable" in response.json["error"]
    assert time.monotonic() - started < 30
    runner.close()


def test_unknown_path_has_the_json_error_shape(client):
    response = client.get("/api/nope")
    assert response.status_code == 404
    assert response.json["ok"] is False and response.json["status"] == 404
