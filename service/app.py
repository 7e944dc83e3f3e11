"""The app factory: settings from the environment, one driver per app (closed with it), every blueprint.

Production: `POKIN_ALLOWED_HOSTS=<name> waitress-serve --host 0.0.0.0 --port 5000 --threads 8 --call service:create_app`
(`pokin serve` runs the same app with waitress on 127.0.0.1:5000 for the demo).
"""
from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

from flask import Flask

from graph.catalog import check_complete, load_complete_catalog
from graph.config import Neo4jSettings
from graph.db import Runner
from service import analyst, elements, openapi, pages, people_api, uploads  # noqa: F401 - their routes join the blueprint
from service.api import bp
from service.auth import identify
from service.config import DEFAULTS, normalise, settings_from_env
from service.cors import register_cors
from service.database import Database
from service.errors import register_error_handlers
from service.formats import PokinJSONProvider
from service.headers import register_security_headers
from service.hosts import register_host_check
from service.results import ResultCache


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. `test_config` overrides settings: any key of service.config.DEFAULTS (e.g. TOKENS,
    PAGE_MAX), RUNNER (a graph.db.Runner the caller owns and closes), CATALOG (a graph.catalog.Catalog) or
    CATALOG_DIR (a folder of .cypher files, instead of the shipped cypher/), or plain Flask keys.

    The catalog must be complete (graph/catalog.py check_complete) and well-formed: otherwise this raises
    CatalogError (`path:line: message`) and the service does not start."""
    overrides = dict(test_config or {})
    catalog = overrides.get("CATALOG")  # checked first: a broken catalog stops the app before it connects
    catalog = check_complete(catalog) if catalog is not None else load_complete_catalog(overrides.get("CATALOG_DIR"))
    app = Flask(__name__)
    app.json = PokinJSONProvider(app)
    settings = settings_from_env()
    settings.update({key: overrides.pop(key) for key in list(overrides) if key in DEFAULTS})
    app.config.update(normalise(settings))
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"] * 1024 * 1024)
    app.config.update(overrides)

    runner = app.config.get("RUNNER")
    if runner is None:
        runner = Runner.from_settings(Neo4jSettings.from_env())
        app.config["RUNNER"] = runner
        # The app owns this driver: close it when the app is garbage-collected or the process exits.
        weakref.finalize(app, runner.close)
    results = ResultCache(int(app.config["CACHE_MB"] * 1024 * 1024), app.config["CACHE_SECONDS"])
    app.extensions["pokin.database"] = Database(runner, app.config["DB_RETRY_TIME"], app.config["QUERY_TIMEOUT"],
                                                results, app.config["CACHE_CHECK_SECONDS"])
    app.extensions["pokin.catalog"] = catalog

    app.before_request(identify)
    register_cors(app)  # its preflight answer runs before identify: a preflight carries no token
    register_host_check(app)  # before the preflight: an unknown Host gets nothing at all
    register_security_headers(app)
    register_error_handlers(app)
    app.register_blueprint(bp)
    uploads.remove_stale_import_folders()  # left by a process killed while importing (personal data)
    pages.register(app)  # the web pages and their .json twins (service/pages/)
    return app
