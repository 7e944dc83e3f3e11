"""POST /api/cypher: reads run (bounded); every kind of write, schema or admin command is refused unrun."""

from __future__ import annotations

import pytest
from conftest import snapshot
from test_service_support import AS_EDITOR, AS_READER, NIP_SITI, assert_error, make_app

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures


def schema_state(runner):
    """What a refused command could have changed besides nodes and edges: labels, indexes, constraints."""
    return (
        sorted(row["label"] for row in runner.read("CALL db.labels() YIELD label RETURN label")),
        sorted(row["name"] for row in runner.read("SHOW INDEXES YIELD name RETURN name")),
        sorted(row["name"] for row in runner.read("SHOW CONSTRAINTS YIELD name RETURN name")),
    )


def cypher(client, query, params=None, headers=AS_READER, url="/api/cypher"):
    body = {"query": query} if params is None else {"query": query, "params": params}
    return client.post(url, json=body, headers=headers)


REFUSED = [
    ("CREATE", "CREATE (n:Goal {id: 'X', level: 'visi', statement: 'x'}) RETURN n"),
    ("MERGE", "MERGE (n:Goal {id: 'X'}) RETURN n"),
    ("SET", "MATCH (g:Goal) SET g.statement = 'hacked'"),
    ("DELETE", "MATCH (i:IndicatorYear) DELETE i"),
    ("DETACH DELETE", "MATCH (n) DETACH DELETE n"),
    ("REMOVE", "MATCH (g:Goal) REMOVE g.statement"),
    ("FOREACH SET", "MATCH (g:Goal) FOREACH (x IN [1] | SET g.x = x)"),
    ("CREATE in a subquery", "CALL () { CREATE (:Goal {id: 'Y'}) } RETURN 1 AS one"),
    ("write after UNION", "RETURN 1 AS x UNION MATCH (n:Unit) DETACH DELETE n RETURN 1 AS x"),
    ("LOAD CSV", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"),
    ("IN TRANSACTIONS write", "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS"),
    ("IN TRANSACTIONS read", "MATCH (n) CALL (n) { RETURN 1 AS one } IN TRANSACTIONS RETURN one"),
    ("CREATE INDEX", "CREATE INDEX evil FOR (n:Goal) ON (n.statement)"),
    ("CREATE CONSTRAINT", "CREATE CONSTRAINT evil FOR (n:Goal) REQUIRE n.statement IS UNIQUE"),
    ("DROP CONSTRAINT", "DROP CONSTRAINT pokin_goal_id_dataset_unique"),
    ("DROP INDEX", "DROP INDEX pokin_goal_id_dataset_unique"),
    ("write procedure", "CALL db.createLabel('Evil')"),
    ("admin procedure", "CALL dbms.listConfig()"),
    ("other procedure", "CALL db.clearQueryCaches()"),
    ("SHOW USERS", "SHOW USERS"),
    ("SHOW SETTINGS", "SHOW SETTINGS"),
    ("TERMINATE", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"),
    ("CREATE DATABASE", "CREATE DATABASE evil"),
    ("STOP DATABASE", "STOP DATABASE neo4j"),
    ("ALTER USER", "ALTER USER neo4j SET PASSWORD 'evil-password'"),
    ("USE", "USE system MATCH (n) RETURN n"),
    ("USE in a subquery", "CALL () { USE neo4j MATCH (n) RETURN n } RETURN n"),
]


@pytest.mark.parametrize("kind, query", REFUSED, ids=[kind for kind, _ in REFUSED])
def test_writes_schema_and_admin_commands_are_refused_and_change_nothing(client, loaded, kind, query):
    before, schema_before = snapshot(loaded), schema_state(loaded)
    body = assert_error(cypher(client, query, headers=AS_EDITOR), 403)
    assert "not allowed" in body["error"] or "only read" in body["error"], body["error"]
    assert snapshot(loaded) == before
    assert schema_state(loaded) == schema_before


def test_several_statements_are_refused_before_any_runs(client, loaded):
    before = snapshot(loaded)
    body = assert_error(cypher(client, "MATCH (n) RETURN count(n) AS n; MATCH (n) DETACH DELETE n"), 400)
    assert "one statement" in body["error"]
    assert snapshot(loaded) == before
    ok = cypher(client, "MATCH (g:Goal) RETURN count(g) AS goals;")  # a trailing ';' is fine
    assert ok.status_code == 200 and ok.get_json()["rows"] == [{"goals": 10}]


def test_a_read_works_with_parameters(client, loaded):
    body = cypher(
        client, "MATCH (g:Goal)<-[:ASSIGNED_TO]-(u:Unit {id: $unit}) RETURN g.id AS id ORDER BY id", {"unit": "PEMDA"}
    ).get_json()
    assert body["ok"] is True and body["columns"] == ["id"] and body["truncated"] is False
    assert [row["id"] for row in body["rows"]] == ["M1", "S1", "T1", "V1"]
    semicolon_in_string = cypher(client, "RETURN 'a; b' AS text // a comment; with a semicolon").get_json()
    assert semicolon_in_string["rows"] == [{"text": "a; b"}]


def test_allowed_procedures_and_values_neo4j_returns(client, loaded):
    labels = cypher(client, "CALL db.labels() YIELD label RETURN label ORDER BY label").get_json()["rows"]
    assert {"Goal", "ASN", "Unit"} <= {row["label"] for row in labels}
    row = cypher(
        client,
        "RETURN date('2026-01-31') AS day, duration('P1D') AS span, 0.0 / 0.0 AS nan, "
        "point({x: 1, y: 2}) AS spot, [1, 'a'] AS list",
    ).get_json()["rows"][0]
    assert row["day"] == "2026-01-31" and row["span"] == "P1D" and row["nan"] == "NaN"
    assert row["spot"]["coordinates"] == [1.0, 2.0] and row["list"] == [1, "a"]


def test_rows_are_capped_and_truncation_reported(runner):
    client = make_app(runner, CYPHER_MAX_ROWS=3).test_client()
    capped = cypher(client, "UNWIND range(1, 10) AS x RETURN x").get_json()
    assert [row["x"] for row in capped["rows"]] == [1, 2, 3] and capped["truncated"] is True
    assert capped["row_cap"] == 3 and capped["total"] == 3
    exact = cypher(client, "UNWIND range(1, 3) AS x RETURN x").get_json()
    assert exact["truncated"] is False and len(exact["rows"]) == 3


def test_results_export_as_csv(client, loaded):
    response = cypher(
        client, "MATCH (u:Unit) RETURN u.id AS id, '=1+1' AS formula ORDER BY id", url="/api/cypher?format=csv"
    )
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "id,formula" and lines[1] == "DINKES,'=1+1"


def test_syntax_errors_are_400_with_neo4js_message_at_the_right_place(client, loaded):
    body = assert_error(cypher(client, "MATCH (n RETURN n"), 400)
    assert body["error"].startswith("syntax error: ")
    assert "(line 1, column 10 (offset: 9))" in body["error"]
    assert "EXPLAIN" not in body["error"]


def test_other_query_errors_are_400(client, loaded):
    assert "ParameterMissing" in assert_error(cypher(client, "RETURN $missing AS x"), 400)["error"]
    assert_error(cypher(client, "CALL apoc.help('x')"), 400)
    assert_error(cypher(client, "RETURN 1 / 0 AS x"), 400)


def test_a_query_running_too_long_is_504(runner):
    # UNWIND is interrupted between rows; the range() bound (service/http/cypher_guard.py) is lifted for this test
    client = make_app(runner, CYPHER_TIMEOUT=0.5, CYPHER_MAX_RANGE=200_000_000).test_client()
    body = assert_error(cypher(client, "UNWIND range(1, 200000000) AS x WITH x WHERE x = -1 RETURN count(*) AS n"), 504)
    assert body["error"].startswith("timeout")


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ("not json", "JSON object"),
        ([1, 2], "JSON object"),
        ({}, "'query' must be a non-empty string"),
        ({"query": "   "}, "'query' must be a non-empty string"),
        ({"query": "RETURN 1", "params": [1]}, "'params' must be an object"),
        ({"query": "RETURN 1", "extra": 1}, "unknown field 'extra'"),
        ({"query": "RETURN $x", "params": {"x": 2**70}}, "beyond 64 bits"),
        ({"query": "EXPLAIN MATCH (n) RETURN n"}, "without EXPLAIN"),
    ],
)
def test_malformed_requests_are_400(client, payload, fragment):
    if isinstance(payload, str):
        response = client.post("/api/cypher", data=payload, headers=AS_READER, content_type="text/plain")
    else:
        response = client.post("/api/cypher", json=payload, headers=AS_READER)
    assert fragment in assert_error(response, 400)["error"]


def test_cypher_needs_a_token(client, loaded):
    assert_error(cypher(client, "RETURN 1 AS x", headers={}), 401)
    assert_error(cypher(client, "RETURN 1 AS x", headers={"Authorization": "Bearer wrong-token-123"}), 401)
    assert cypher(client, "RETURN 1 AS x", headers=AS_READER).status_code == 200
    assert cypher(client, "RETURN 1 AS x", headers=AS_EDITOR).status_code == 200


def test_analysts_with_tokens_see_full_nips(client, loaded):
    rows = cypher(client, "MATCH (s:ASN {nip: $nip}) RETURN s.nip AS nip", {"nip": NIP_SITI}).get_json()["rows"]
    assert rows == [{"nip": NIP_SITI}]
