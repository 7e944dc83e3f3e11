"""The OpenAPI document is valid, covers every endpoint, and the API conforms to it (schemathesis)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_service_support import AS_EDITOR, MINI, make_app

from graph.importer import import_path

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures

ENDPOINTS = [
    ("get", "/api/health"),
    ("get", "/api/openapi.json"),
    ("get", "/api/queries"),
    ("get", "/api/queries/{name}"),
    ("get", "/api/audit"),
    ("get", "/api/audit/orphaned-staff"),
    ("get", "/api/audit/activities-without-leverage"),
    ("get", "/api/goals/{id}"),
    ("get", "/api/goals/{id}/achievement"),
    ("get", "/api/units/{id}"),
    ("get", "/api/staff/{nip}/line-of-sight"),
    ("get", "/api/elements/{id}/impact"),
    ("get", "/api/docs/{kind}"),
    ("post", "/api/cypher"),
    ("post", "/api/import"),
]


def test_the_document_is_valid_openapi_and_covers_every_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.")
    for method, path in ENDPOINTS:
        assert method in document["paths"][path], (method, path)
    assert "/api/audit/orphaned-staff.{suffix}" in document["paths"]
    assert "/api/queries/orphaned_staff" in document["paths"]
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["ok", "status", "error", "errors"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert document["paths"]["/api/cypher"]["post"]["security"] == [{"bearerAuth": []}]
    run = document["paths"]["/api/queries/activities_without_leverage"]["get"]
    assert {"year", "unit"} <= {p.get("name") for p in run["parameters"] if "name" in p}


def test_every_flask_route_is_documented(app):
    document = app.test_client().get("/api/openapi.json").get_json()
    documented = {path.replace("{", "<").replace("}", ">") for path in document["paths"]}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and "<name>" not in rule.rule:
            assert rule.rule in documented, rule.rule


class LateRunner:
    """Stands in for the session's runner, which exists only once fixtures run: schemathesis reads the
    document when this module is collected (its lazy `from_fixture` loader does not work on pytest 9)."""

    target = None

    def __getattr__(self, name):
        return getattr(type(self).target, name)


API = make_app(LateRunner(), CYPHER_TIMEOUT=2.0, CYPHER_MAX_ROWS=50, ZIP_MAX_UNPACKED_MB=5)
# Bounded: the generated examples only (the coverage phase alone sends ~60 requests per operation).
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", API, config=CONFIG)


@pytest.fixture(scope="module")
def mini_loaded(session_runner):
    """tests/data/mini, loaded once for every operation (nothing schemathesis sends can write)."""
    session_runner.write("MATCH (n) DETACH DELETE n")
    import_path(MINI, session_runner)
    LateRunner.target = session_runner
    yield session_runner
    LateRunner.target = None


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_conforms_to_its_document(case, mini_loaded):
    response = case.call(headers=AS_EDITOR)
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
