"""Hostile queries: runaway analyst Cypher is stopped for real, and Cypher fragments in parameters stay data.

A timeout that only ends the HTTP request is not enough: the transaction must be gone from the server too,
or a few runaway queries would keep the database busy for everyone. Each runaway query carries a marker
string so the test can look for it in `SHOW TRANSACTIONS`. Queries whose cost Neo4j cannot bound itself
(deep nesting: parsing runs before any timeout; reduce(): neither interrupted nor memory-tracked) are
refused before Neo4j sees them; a query holding more memory than the server allows one transaction is a 400.
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest
from conftest import snapshot
from test_service_support import AS_EDITOR, AS_READER, assert_error, make_app

from graph.db import Runner

pytest_plugins = ("test_service_support",)

RUNAWAY = [
    (
        "cartesian product",
        "MATCH (a), (b), (c), (d), (e), (f) WITH 'runaway-cartesian' AS marker, a, b, c, d, e, f "
        "RETURN count(a.id + b.id + c.id + d.id + e.id + f.id) AS n",
    ),
    (
        "unbounded variable-length path",
        "MATCH p = (a)-[*]-(b) WITH 'runaway-varlength' AS marker, p RETURN count(p) AS n",
    ),
    (
        "unbounded shortest paths from everywhere",
        "MATCH (a), (b) WITH 'runaway-shortest' AS marker, a, b "
        "WHERE a <> b MATCH p = allShortestPaths((a)-[*]-(b)) UNWIND range(1, 100000) AS x RETURN count(x) AS n",
    ),
]


GONE_WITHIN = 2.0  # seconds after the answer by which the query must have left the server


def running_with(runner, marker: str) -> list[dict]:
    rows = runner.read(
        "SHOW TRANSACTIONS YIELD currentQuery, status, elapsedTime "
        "WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' "
        "RETURN currentQuery, status, elapsedTime",
        {"marker": marker},
    )
    return rows


@pytest.mark.parametrize("kind, query", RUNAWAY, ids=[kind for kind, _ in RUNAWAY])
def test_a_runaway_query_is_stopped_on_the_server_and_reported(loaded, kind, query):
    client = make_app(loaded, CYPHER_TIMEOUT=1.0).test_client()
    before = snapshot(loaded)
    started = time.monotonic()
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 504)
    assert time.monotonic() - started < 15, "the timeout must end the request within seconds"
    assert body["error"].startswith("timeout"), body["error"]
    assert_gone(loaded, query.split("'")[1], kind)
    assert snapshot(loaded) == before


def assert_gone(runner: Runner, marker: str, kind: str) -> None:
    """The query carrying `marker` has left the server within GONE_WITHIN seconds (it is not still running
    after its answer, keeping a Neo4j worker busy)."""
    deadline = time.monotonic() + GONE_WITHIN
    while running_with(runner, marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running_with(runner, marker) == [], f"{kind}: the transaction still runs on the server"


NESTING_LIMIT = 50  # small, so the tests stay fast; the default (service/config.py) is 100
DEEP = 800  # the reported attack: 800 levels took Neo4j's parser minutes (and overflowed its stack)
TOO_DEEP = [
    ("parentheses", "RETURN 'deep-parens' AS m, " + "(" * DEEP + "1" + ")" * DEEP + " AS x"),
    ("lists", "RETURN 'deep-lists' AS m, " + "[" * DEEP + "1" + "]" * DEEP + " AS x"),
    ("maps", "RETURN 'deep-maps' AS m, " + "{a: " * DEEP + "1" + "}" * DEEP + " AS x"),
    ("CASE", "RETURN 'deep-case' AS m, " + "CASE WHEN true THEN " * DEEP + "1" + " END" * DEEP + " AS x"),
    ("NOT chain", "RETURN 'deep-not' AS m, " + "NOT " * DEEP + "true AS x"),
    ("unary minus chain", "RETURN 'deep-minus' AS m, " + "- " * DEEP + "1 AS x"),
    ("operator chain", "RETURN 'deep-plus' AS m, " + " + ".join(["1"] * 4 * DEEP) + " AS x"),
    ("AND chain", "RETURN 'deep-and' AS m, " + " AND ".join(["true"] * 2 * DEEP) + " AS x"),
    ("property chain", "WITH {} AS n RETURN 'deep-dots' AS m, n" + ".a" * 4 * DEEP + " AS x"),
    ("pattern chain", "MATCH (a)" + "--()" * DEEP + " RETURN 'deep-pattern' AS m"),
    ("subqueries", "RETURN 'deep-exists' AS m, " + "EXISTS { MATCH (n) WHERE " * 100 + "true" + " }" * 100 + " AS x"),
]


@pytest.mark.parametrize("kind, query", TOO_DEEP, ids=[kind for kind, _ in TOO_DEEP])
def test_deeply_nested_queries_are_refused_before_neo4j_parses_them(loaded, kind, query):
    client = make_app(loaded, CYPHER_MAX_NESTING=NESTING_LIMIT, CYPHER_TIMEOUT=2.0).test_client()
    started = time.monotonic()
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 400)
    assert time.monotonic() - started < 2, "refused up front, not after Neo4j parsed it"
    assert "nests" in body["error"] and f"the limit is {NESTING_LIMIT}" in body["error"], body["error"]
    assert_gone(loaded, query.split("'")[1], kind)


def test_nesting_within_the_limit_still_runs(loaded):
    client = make_app(loaded, CYPHER_MAX_NESTING=NESTING_LIMIT).test_client()
    depth = NESTING_LIMIT // 2
    for query, value in [
        ("RETURN " + "(" * depth + "1" + ")" * depth + " AS x", 1),
        ("RETURN " + " + ".join(["1"] * depth) + " AS x", depth),
        ("RETURN " + "[" * depth + "1" + "]" * depth + " AS x", None),
    ]:
        response = client.post("/api/cypher", json={"query": query}, headers=AS_READER)
        assert response.status_code == 200, response.get_data(as_text=True)
        if value is not None:
            assert response.get_json()["rows"] == [{"x": value}]
    realistic = (
        "MATCH (g:Goal)<-[:ASSIGNED_TO]-(u:Unit) WHERE g.level IN ['visi', 'misi'] AND NOT u.id IS NULL "
        "AND (g.id STARTS WITH 'V' OR g.id STARTS WITH 'M') WITH u, collect(g.id) AS goals "
        "RETURN u.id AS unit, size(goals) AS n, [x IN goals | toLower(x)] AS lower, "
        "CASE WHEN size(goals) > 1 THEN 'many' ELSE 'few' END AS kind ORDER BY unit"
    )
    defaults = make_app(loaded).test_client()  # the shipped limit (100) keeps real queries, refuses the attack
    response = defaults.post("/api/cypher", json={"query": realistic}, headers=AS_READER)
    assert response.status_code == 200, response.get_data(as_text=True)
    attack = "RETURN " + "(" * DEEP + "1" + ")" * DEEP + " AS x"
    assert (
        "the limit is 100"
        in assert_error(defaults.post("/api/cypher", json={"query": attack}, headers=AS_READER), 400)["error"]
    )


def test_a_query_longer_than_the_limit_is_refused(loaded):
    client = make_app(loaded, CYPHER_MAX_CHARS=200).test_client()
    query = "RETURN 'too-long' AS m, " + " + ".join(["1"] * 80) + " AS x"
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 400)
    assert f"{len(query)} characters long; the limit is 200" in body["error"]
    assert client.post("/api/cypher", json={"query": "RETURN 1 AS x"}, headers=AS_READER).status_code == 200


REDUCE = [
    (
        "quadratic string",
        "RETURN 'reduce-string' AS m, size(reduce(s = '', x IN range(1, 400000) | s + 'aaaaaaaa')) AS n",
    ),
    ("quadratic list", "RETURN 'reduce-list' AS m, size(reduce(s = [], x IN range(1, 400000) | s + [x])) AS n"),
    (
        "over a collected list",
        "UNWIND range(1, 400000) AS x WITH 'reduce-collected' AS m, collect(x) AS xs "
        "RETURN m, size(REDUCE (s = '', x IN xs | s + 'aaaaaaaa')) AS n",
    ),
]


@pytest.mark.parametrize("kind, query", REDUCE, ids=[kind for kind, _ in REDUCE])
def test_reduce_which_neo4j_cannot_stop_is_refused_and_never_runs(loaded, kind, query):
    """Neo4j checks its transaction timeout between rows, not inside one expression: the reported
    `reduce(s = '', x IN range(1, 400000) | s + 'aaaaaaaa')` ran on for minutes after its 504, and its
    accumulator is not counted against the transaction's memory limit either."""
    client = make_app(loaded, CYPHER_TIMEOUT=1.0).test_client()
    started = time.monotonic()
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 400)
    assert time.monotonic() - started < 2
    assert "reduce() is not allowed" in body["error"], body["error"]
    assert_gone(loaded, query.split("'")[1], kind)


def test_the_word_reduce_in_strings_names_and_properties_is_fine(client, loaded):
    response = client.post(
        "/api/cypher",
        headers=AS_READER,
        json={"query": "WITH {reduce: 1} AS m RETURN 'reduce(x)' AS text, m.reduce AS `reduce(`, m.reduce AS reduced"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["rows"] == [{"text": "reduce(x)", "reduce(": 1, "reduced": 1}]


UNBOUNDED_LISTS = [
    (
        "a comprehension over ten million",
        "RETURN 'list-huge' AS m, size([x IN range(1, 10000000) | x]) AS n",
        "range() of 10,000,000 elements",
    ),
    (
        "any() over fifty million",
        "RETURN 'list-any' AS m, any(x IN range(1, 50000000) WHERE x < 0) AS n",
        "range() of 50,000,000 elements",
    ),
    (
        "nested comprehensions multiply",
        "RETURN 'list-nested' AS m, size([x IN range(1, 5000) | size([y IN range(1, 5000) | y])]) AS n",
        "together make 25,000,000",
    ),
    (
        "a computed bound",
        "WITH 30000000 AS big RETURN 'list-computed' AS m, size(range(1, big)) AS n",
        "integer literals or integer parameters",
    ),
    (
        "quadratic in the data",
        "MATCH (a:ASN) WITH 'list-square' AS m, collect(a) AS xs "
        "RETURN m, size([x IN xs | size([y IN xs WHERE y.nip < x.nip])]) AS n",
        "inside another one",
    ),
    (
        "the data walked a million times",
        "MATCH (a:ASN) WITH 'list-rounds' AS m, collect(a) AS xs "
        "RETURN m, [k IN range(1, 1000000) | any(x IN xs WHERE x.nip = k)] AS n",
        "1,000,000 range elements",
    ),
]


@pytest.mark.parametrize("kind, query, reason", UNBOUNDED_LISTS, ids=[kind for kind, _, _ in UNBOUNDED_LISTS])
def test_lists_walked_inside_one_expression_are_bounded_before_they_run(loaded, kind, query, reason):
    """Neo4j 5.26 evaluates a comprehension, all()/any() and range() inside one expression: it neither stops
    them at the timeout (`[x IN range(1, 30000000) | x]` ran 8 s past a 1 s limit) nor counts their lists
    against the memory limit, so their size must be known and bounded before the query runs."""
    client = make_app(loaded, CYPHER_TIMEOUT=1.0).test_client()
    started = time.monotonic()
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 400)
    assert time.monotonic() - started < 2
    assert reason in body["error"], body["error"]
    assert_gone(loaded, query.split("'")[1], kind)


def test_a_huge_range_parameter_is_bounded_like_a_literal(loaded):
    client = make_app(loaded, CYPHER_MAX_RANGE=1000).test_client()
    query = "UNWIND range(1, $rows) AS x RETURN count(x) AS n"
    body = assert_error(
        client.post("/api/cypher", json={"query": query, "params": {"rows": 1001}}, headers=AS_READER), 400
    )
    assert "range() of 1,001 elements; the limit is 1,000 (POKIN_CYPHER_MAX_RANGE)" in body["error"]
    assert_error(client.post("/api/cypher", json={"query": query, "params": {"rows": "1000"}}, headers=AS_READER), 400)
    ok = client.post("/api/cypher", json={"query": query, "params": {"rows": 1000}}, headers=AS_READER)
    assert ok.status_code == 200 and ok.get_json()["rows"] == [{"n": 1000}]


BOUNDED_LISTS = [
    ("a million elements", "RETURN size([x IN range(1, 1000000) | x]) AS n", 1000000),
    ("nested within the bound", "RETURN size([x IN range(1, 1000) | size([y IN range(1, 1000) | y])]) AS n", 1000),
    (
        "a walk over the data",
        "MATCH (a:ASN) WITH collect(a) AS xs RETURN size([x IN xs WHERE x.nip <> ''] ) = size(xs) AS n",
        True,
    ),
    (
        "a few rounds over the data, as the catalog writes them",
        "MATCH (a:ASN) WITH collect(a) AS xs RETURN [k IN range(0, 3) | any(x IN xs WHERE x.nip IS NULL)] AS n",
        [False, False, False, False],
    ),
    ("range and reduce as words", "WITH {range: 3} AS m RETURN m.range + size('range(1, 99999999)') AS n", 21),
]


@pytest.mark.parametrize("kind, query, expected", BOUNDED_LISTS, ids=[kind for kind, _, _ in BOUNDED_LISTS])
def test_bounded_lists_inside_one_expression_still_run(client, loaded, kind, query, expected):
    response = client.post("/api/cypher", json={"query": query}, headers=AS_READER)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["rows"] == [{"n": expected}]


ESCAPED = [
    ("USE hidden by an escape", r"U\u0053E system SHOW USERS"),
    ("EXPLAIN hidden by an escape", r"\u0045XPLAIN MATCH (n) RETURN n"),
    ("a statement separator", r"RETURN 1 AS x \u003b MATCH (n) DETACH DELETE n"),
    ("a quote ending a string early", r"RETURN 'a\u0027 AS x"),
    ("an escape in a comment", r"RETURN 1 AS x // \u000a MATCH (n) DETACH DELETE n"),
    ("upper-case U", r"RETURN \U0031 AS x"),
    ("after an escaped backslash", r"RETURN '\\\u0027' AS x"),
]


@pytest.mark.parametrize("kind, query", ESCAPED, ids=[kind for kind, _ in ESCAPED])
def test_unicode_escapes_are_refused_before_the_text_checks(client, loaded, kind, query):
    """Neo4j decodes \\uXXXX before it reads a query, even inside strings and comments, so the text checks
    (USE, EXPLAIN, ';') would judge a different query than the one that runs."""
    before = snapshot(loaded)
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_EDITOR), 400)
    assert "unicode escapes" in body["error"], body["error"]
    assert snapshot(loaded) == before


def test_an_escaped_backslash_before_u_is_plain_text(client, loaded):
    response = client.post("/api/cypher", headers=AS_READER, json={"query": r"RETURN 'C:\\users' AS path"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["rows"] == [{"path": "C:\\users"}]


def transaction_memory_limit(runner: Runner) -> int:
    """The server's db.memory.transaction.max in bytes (0: no limit); Neo4j shows it like `512.00MiB`."""
    value = runner.read(
        "CALL dbms.listConfig('db.memory.transaction.max') YIELD name, value "
        "WHERE name = 'db.memory.transaction.max' RETURN value"
    )[0]["value"]
    number, unit = re.fullmatch(r"([0-9.]+)\s*([KMGT]iB|B)?", value.strip()).groups()
    return int(float(number) * {None: 1, "B": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}[unit])


def test_a_query_holding_more_memory_than_one_transaction_may_is_a_400(loaded):
    """The server bounds each transaction's heap (graph.launcher.server writes db.memory.transaction.max for the local
    Neo4j): collecting past it fails with a clear 400, not a 503, and the server keeps answering."""
    limit = transaction_memory_limit(loaded)
    if limit == 0:
        pytest.skip("this Neo4j sets no db.memory.transaction.max")
    pad = "x" * 10_000
    rows = 2 * limit // len(pad)
    client = make_app(loaded, CYPHER_TIMEOUT=60.0).test_client()
    body = assert_error(
        client.post(
            "/api/cypher",
            headers=AS_READER,
            json={
                "query": "UNWIND range(1, $rows) AS x RETURN 'memory-hog' AS m, size(collect(toString(x) + $pad)) AS n",
                "params": {"rows": rows, "pad": pad},
            },
        ),
        400,
    )
    assert "more memory" in body["error"] and "db.memory.transaction.max" in body["error"], body["error"]
    assert_gone(loaded, "memory-hog", "memory hog")
    assert client.post("/api/cypher", json={"query": "RETURN 1 AS x"}, headers=AS_READER).get_json()["rows"] == [
        {"x": 1}
    ]


INJECTIONS = [
    "' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    '" RETURN 1 //',
    "U-DINKES` DETACH DELETE n //",
    "$unit",
    "{id: 'x'}",
    "*/ MATCH (n) DETACH DELETE n /*",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_cypher_fragments_in_query_parameters_are_plain_values(client, loaded, value):
    before = snapshot(loaded)
    for url in (
        "/api/queries/orphaned_staff",
        "/api/audit/activities-without-leverage",
        "/api/queries/goals_without_indicator",
    ):
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
    response = client.post(
        "/api/cypher",
        headers=AS_READER,
        json={"query": "MATCH (g:Goal) WHERE g.id = $id RETURN g.id AS id", "params": {"id": value}},
    )
    assert response.status_code == 200 and response.get_json()["rows"] == []
    response = client.post("/api/cypher", headers=AS_READER, json={"query": "RETURN $v AS v", "params": {"v": value}})
    assert response.get_json()["rows"] == [{"v": value}]


def test_a_query_that_fails_while_running_is_the_analysts_400_not_a_500(client, loaded):
    body = assert_error(
        client.post(
            "/api/cypher",
            headers=AS_READER,
            json={"query": "MATCH (a:Goal) WITH a LIMIT 1 MATCH p = shortestPath((a)-[*]-(a)) RETURN p"},
        ),
        400,
    )
    assert "failed while running" in body["error"]
