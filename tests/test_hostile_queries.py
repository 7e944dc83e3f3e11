"""Hostile queries: runaway analyst Cypher is stopped for real, and Cypher fragments in parameters stay data.

A timeout that only ends the HTTP request is not enough: the transaction must be gone from the server too,
or a few runaway queries would keep the database busy for everyone. Each runaway query carries a marker
string so the test can look for it in `SHOW TRANSACTIONS`.
"""
from __future__ import annotations

import time
from urllib.parse import quote

import pytest

from conftest import snapshot
from test_service_support import AS_READER, assert_error, make_app

pytest_plugins = ("test_service_support",)

RUNAWAY = [
    ("cartesian product",
     "MATCH (a), (b), (c), (d), (e), (f) WITH 'runaway-cartesian' AS marker, a, b, c, d, e, f "
     "RETURN count(a.id + b.id + c.id + d.id + e.id + f.id) AS n"),
    ("unbounded variable-length path",
     "MATCH p = (a)-[*]-(b) WITH 'runaway-varlength' AS marker, p RETURN count(p) AS n"),
    ("unbounded shortest paths from everywhere",
     "MATCH (a), (b) WITH 'runaway-shortest' AS marker, a, b "
     "WHERE a <> b MATCH p = allShortestPaths((a)-[*]-(b)) UNWIND range(1, 100000) AS x RETURN count(x) AS n"),
]


def running_with(runner, marker: str) -> list[dict]:
    rows = runner.read("SHOW TRANSACTIONS YIELD currentQuery, status, elapsedTime "
                       "WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' "
                       "RETURN currentQuery, status, elapsedTime", {"marker": marker})
    return rows


@pytest.mark.parametrize("kind, query", RUNAWAY, ids=[kind for kind, _ in RUNAWAY])
def test_a_runaway_query_is_stopped_on_the_server_and_reported(loaded, kind, query):
    client = make_app(loaded, CYPHER_TIMEOUT=1.0).test_client()
    before = snapshot(loaded)
    started = time.monotonic()
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 504)
    assert time.monotonic() - started < 15, "the timeout must end the request within seconds"
    assert body["error"].startswith("timeout"), body["error"]
    marker = query.split("'")[1]
    deadline = time.monotonic() + 10
    while running_with(loaded, marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert running_with(loaded, marker) == [], f"{kind}: the transaction still runs on the server"
    assert snapshot(loaded) == before


INJECTIONS = [
    "' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    "\" RETURN 1 //",
    "U-DINKES` DETACH DELETE n //",
    "$unit",
    "{id: 'x'}",
    "*/ MATCH (n) DETACH DELETE n /*",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_cypher_fragments_in_query_parameters_are_plain_values(client, loaded, value):
    before = snapshot(loaded)
    for url in ("/api/queries/orphaned_staff", "/api/audit/activities-without-leverage",
                "/api/queries/goals_without_indicator"):
        response = client.get(url, query_string={"unit": value})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.get_json()["rows"] == [], f"{url} found rows for a unit named {value!r}"
    segment = quote(value, safe="")  # a '/' inside becomes %2F, which routing still reads as a separator
    for url in (f"/api/goals/{segment}", f"/api/units/{segment}", f"/api/elements/{segment}/impact"):
        response = client.get(url)
        if "/" in value:
            assert response.status_code in (404, 308), (url, response.status_code)
        else:
            assert_error(response, 404)
    assert snapshot(loaded) == before


def test_analyst_parameters_carrying_cypher_stay_strings(client, loaded):
    value = "x' }) DETACH DELETE n //"
    response = client.post("/api/cypher", headers=AS_READER, json={
        "query": "MATCH (g:Goal) WHERE g.id = $id RETURN g.id AS id", "params": {"id": value}})
    assert response.status_code == 200 and response.get_json()["rows"] == []
    response = client.post("/api/cypher", headers=AS_READER, json={"query": "RETURN $v AS v", "params": {"v": value}})
    assert response.get_json()["rows"] == [{"v": value}]


def test_a_query_that_fails_while_running_is_the_analysts_400_not_a_500(client, loaded):
    body = assert_error(client.post("/api/cypher", headers=AS_READER, json={
        "query": "MATCH (a:Goal) WITH a LIMIT 1 MATCH p = shortestPath((a)-[*]-(a)) RETURN p"}), 400)
    assert "failed while running" in body["error"]
