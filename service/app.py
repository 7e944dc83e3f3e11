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
from service import analyst, api, diff_api, elements, imports, openapi, pages, people_api, trends_api
from service.config import DEFAULTS, normalise, settings_from_env
from service.http.auth import identify
from service.http.cors import register_cors
from service.http.database import Database
from service.http.errors import register_error_handlers
from service.http.formats import PokinJSONProvider, keep_version
from service.http.headers import register_security_headers
from service.http.hosts import register_host_check
from service.http.results import ResultCache
from service.http.uploads import remove_stale_import_folders


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
    app.extensions["pokin.database"] = Database(
        runner, app.config["DB_RETRY_TIME"], app.config["QUERY_TIMEOUT"], results, app.config["CACHE_CHECK_SECONDS"]
    )
    app.extensions["pokin.catalog"] = catalog

    app.before_request(identify)
    register_cors(app)  # its preflight answer runs before identify: a preflight carries no token
    register_host_check(app)  # before the preflight: an unknown Host gets nothing at all
    register_security_headers(app)
    register_error_handlers(app)
    app.url_defaults(keep_version)  # a page read in one version links to that version (`versi`)
    # the route modules, each with its own blueprint (URLs under /api)
    app.register_blueprint(api.bp)  # health, the named queries, the import log, the audit
    app.register_blueprint(elements.bp)  # goals, units, line of sight, impact
    app.register_blueprint(people_api.bp)  # single points of failure, retirements, what-if moves
    app.register_blueprint(trends_api.bp)  # capaian of an indicator or a unit across versions
    app.register_blueprint(analyst.bp)  # POST /api/cypher
    app.register_blueprint(imports.bp)  # POST /api/import
    app.register_blueprint(diff_api.bp)  # GET /api/diff: what changed between two versions
    app.register_blueprint(openapi.bp)  # GET /api/openapi.json
    remove_stale_import_folders()  # left by a process killed while importing (personal data)
    pages.register(app)  # the web pages and their .json twins (service/pages/)
    return app
