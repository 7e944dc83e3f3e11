"""The app factory: one driver per app, closed with it; configuration from the environment."""
from __future__ import annotations

import atexit
from typing import Any, Mapping

from flask import Flask, current_app, jsonify
from werkzeug.exceptions import HTTPException

from graph.config import Neo4jSettings
from graph.db import Runner


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; `test_config` overrides settings (e.g. RUNNER for a test database)."""
    app = Flask(__name__)
    app.config.from_mapping(JSON_SORT_KEYS=False)
    if test_config:
        app.config.update(test_config)
    if "RUNNER" not in app.config:
        runner = Runner.from_settings(Neo4jSettings.from_env())
        app.config["RUNNER"] = runner
        atexit.register(runner.close)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return jsonify(ok=False, status=error.code, error=error.description), error.code

    @app.get("/api/health")
    def health():
        runner: Runner = current_app.config["RUNNER"]
        try:
            row = runner.read(
                "CALL dbms.components() YIELD name, versions "
                "CALL { MATCH (n) RETURN count(n) > 0 AS loaded } "
                "RETURN versions[0] AS version, loaded", timeout=5.0)[0]
        except Exception as exc:  # noqa: BLE001 - any failure means the database is not usable now
            return jsonify(ok=False, status=503, error=f"Neo4j is not reachable: {exc}"), 503
        return jsonify(ok=True, neo4j=row["version"], data_loaded=row["loaded"])

    return app
