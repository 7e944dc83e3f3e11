"""Access: every write and analyst endpoint needs a token (401), editor endpoints refuse readers (403),
anonymous reading follows its setting, tokens never reach the logs, and CORS is off unless configured.

Endpoints are enumerated from the app's URL map, so a new endpoint is covered without editing this file.
"""

from __future__ import annotations

import logging
import re

import pytest
from test_service_support import AS_EDITOR, AS_READER, EDITOR, READER, REMOTE, assert_error, make_app

from service.config import ConfigError, normalise, settings_from_env

pytest_plugins = ("test_service_support",)

EDITOR_ENDPOINTS = {"imports.import_upload"}
PUBLIC_ENDPOINTS = {"api.health", "openapi.openapi", "static", "pages.asset"}  # probes, API description, assets


def routes(app, method: str) -> list[tuple[str, str]]:
    """(endpoint, a concrete URL) for every rule answering `method`; path variables filled with 'x'."""
    found = []
    for rule in app.url_map.iter_rules():
        if method in rule.methods:
            url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: "csv" if m.group(1) == "suffix" else "x", rule.rule)
            found.append((rule.endpoint, url))
    return found


def test_every_writing_or_analyst_endpoint_needs_a_token_and_the_right_role(runner):
    app = make_app(runner)
    client = app.test_client()
    posts = routes(app, "POST")
    assert {endpoint for endpoint, _ in posts} >= {"analyst.cypher", "imports.import_upload"}
    for endpoint, url in posts:
        for environ in ({}, REMOTE):  # loopback or not: anonymous never writes nor runs its own Cypher
            body = assert_error(client.post(url, json={}, environ_overrides=environ), 401)
            assert "token" in body["error"]
        response = client.post(url, json={}, headers=AS_READER)
        if endpoint in EDITOR_ENDPOINTS:
            assert "editor" in assert_error(response, 403)["error"]
        else:
            assert response.status_code not in (401, 403), (endpoint, response.status_code)
        assert client.post(url, json={}, headers=AS_EDITOR).status_code not in (401, 403)
        assert_error(client.post(url, json={}, headers={"Authorization": "Bearer not-a-known-token"}), 401)


def test_with_anonymous_reading_off_every_read_endpoint_needs_a_token(runner):
    app = make_app(runner, ANONYMOUS_READ="false")
    client = app.test_client()
    gets = [(endpoint, url) for endpoint, url in routes(app, "GET") if endpoint not in PUBLIC_ENDPOINTS]
    assert len(gets) >= 10
    for endpoint, url in gets:
        response = client.get(url)
        if url.startswith("/api/") or url.endswith(".json"):
            assert_error(response, 401)
        else:  # an HTML page answers with an HTML page, but the same status
            assert response.status_code == 401, (endpoint, response.status_code)
        assert client.get(url, headers=AS_READER).status_code != 401, endpoint
    for endpoint, url in routes(app, "GET"):
        if endpoint in {"api.health", "openapi.openapi"}:
            assert client.get(url).status_code in (200, 503), endpoint


def test_anonymous_remote_reading_is_refused_by_default(runner):
    client = make_app(runner).test_client()
    assert_error(client.get("/api/queries", environ_overrides=REMOTE), 401)
    assert client.get("/api/queries").status_code == 200  # loopback: the demo on one's own machine


def test_tokens_never_reach_the_logs_or_the_answers(runner, caplog):
    client = make_app(runner).test_client()
    wrong = "wrong-token-0123456789"
    with caplog.at_level(logging.DEBUG):
        answers = [
            client.get("/api/queries", headers=AS_READER),
            client.get("/api/queries", headers={"Authorization": f"Bearer {wrong}"}),
            client.get("/api/queries", headers={"Authorization": f"Basic {wrong}"}),
            client.post("/api/cypher", json={"query": "RETURN 1 / 0 AS x"}, headers=AS_READER),
            client.post("/api/import", data={}, headers=AS_READER),
            client.post("/api/import", data={}, headers=AS_EDITOR),
        ]
    text = caplog.text + "".join(answer.get_data(as_text=True) for answer in answers)
    for token in (READER, EDITOR, wrong):
        assert token not in text


def test_cors_is_off_unless_configured(runner):
    client = make_app(runner).test_client()
    origin = {"Origin": "https://evil.example"}
    for url in ("/api/queries", "/api/health", "/api/openapi.json"):
        response = client.get(url, headers=origin)
        assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/api/cypher", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_configured_origins_and_only_those_may_read_across_origins(runner):
    client = make_app(runner, CORS_ORIGINS="https://sakip.example.go.id").test_client()
    good, bad = {"Origin": "https://sakip.example.go.id"}, {"Origin": "https://evil.example"}
    response = client.get("/api/queries", headers={**good, **AS_READER})
    assert response.headers["Access-Control-Allow-Origin"] == "https://sakip.example.go.id"
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Access-Control-Allow-Origin" not in client.get("/api/queries", headers=bad).headers
    preflight = client.options(
        "/api/cypher",
        headers={**good, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"},
    )
    assert preflight.status_code == 204
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    refused = client.options("/api/cypher", headers={**bad, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in refused.headers


@pytest.mark.parametrize("value", ["*", "evil.example", "https://a.example/path", "javascript:alert(1)"])
def test_cors_origins_must_be_plain_origins(value):
    with pytest.raises(ConfigError, match="POKIN_CORS_ORIGINS"):
        normalise(settings_from_env({"POKIN_CORS_ORIGINS": value}))


def test_cors_origins_from_the_environment():
    settings = normalise(settings_from_env({"POKIN_CORS_ORIGINS": "https://a.example, http://b.example:8080"}))
    assert settings["CORS_ORIGINS"] == ("https://a.example", "http://b.example:8080")
