"""GET /api/openapi.json: the OpenAPI 3.0 description of the service, built per request from the catalog.

Each named query also gets its own path (`/api/queries/<name>`) with its typed parameters, so clients
and the property-based test see exactly what each query accepts.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from graph.catalog import LIST_ITEM_MAX, LIST_MAX, Catalog
from service.api import FINDING_ALIASES
from service.http.database import catalog
from service.http.formats import INT64_MAX, MEDIA_TYPES, YEAR_MAX

bp = Blueprint("openapi", __name__, url_prefix="/api")

JSON = "application/json"
XLSX = MEDIA_TYPES["xlsx"]
ERROR_STATUSES = {
    "400": "Bad input: parameters, paging, format, Cypher syntax, rejected import, a JSON body nested deeper than "
    "32 levels, an analyst's answer over POKIN_CYPHER_MAX_MB, a Host not in POKIN_ALLOWED_HOSTS "
    "(see `errors`)",
    "401": "No token, or an unknown token, where one is needed",
    "403": "Not allowed: role too low, a write through /api/cypher, a write query over GET, "
    "`nip_exact=false` without a token",
    "404": "No such endpoint, query or element",
    "413": "Request body larger than POKIN_MAX_UPLOAD_MB",
    "415": "Upload neither an .xlsx workbook nor a .zip archive",
    "431": "Host header longer than a host name can be",
    "500": "Unexpected error (logged; no internals in the answer)",
    "503": "Neo4j not reachable; for an import whose commit lost its answer, `code` says how it ended: "
    "`import_not_written` (send it again) or `import_outcome_unknown` (GET /api/imports tells)",
    "504": "A query ran past its server-side timeout",
}
PARAM_SCHEMAS: dict[str, dict[str, Any]] = {
    "int": {"type": "integer", "minimum": -INT64_MAX, "maximum": INT64_MAX},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "str": {"type": "string"},
    # a version scope (`datasets`): dataset keys separated by commas in the query string (style form, not exploded)
    "list": {"type": "array", "items": {"type": "string", "maxLength": LIST_ITEM_MAX}, "maxItems": LIST_MAX},
}


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _errors(*codes: str) -> dict[str, Any]:
    found = {code: _ref("responses", f"Error{code}") for code in codes}
    found["default"] = _ref("responses", "Error")
    return found


def _list_op(
    summary: str,
    description: str,
    params: list[dict[str, Any]],
    tag: str,
    errors: tuple[str, ...] = ("400", "404", "503", "504"),
) -> dict[str, Any]:
    return {
        "summary": summary,
        "description": description,
        "tags": [tag],
        "parameters": [
            *params,
            _ref("parameters", "limit"),
            _ref("parameters", "offset"),
            _ref("parameters", "format"),
        ],
        "responses": {"200": _ref("responses", "List"), **_errors(*errors)},
    }


def _suffixed(op: dict[str, Any]) -> dict[str, Any]:
    """The same list at `<path>.{suffix}`: the suffix chooses the format."""
    copy = dict(op)
    copy["parameters"] = [p for p in op["parameters"] if p != _ref("parameters", "format")] + [
        {
            "name": "suffix",
            "in": "path",
            "required": True,
            "description": "Export format",
            "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
        }
    ]
    copy["summary"] = op["summary"] + " (format from the suffix)"
    return copy


def _path_param(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "minLength": 1},
    }


def _query_param(param: Any) -> dict[str, Any]:
    described = {
        "name": param.name,
        "in": "query",
        "required": not param.optional,
        "description": param.doc,
        "schema": dict(PARAM_SCHEMAS[param.type]),
    }
    if param.type == "list":
        described |= {"style": "form", "explode": False}
    return described


def _named_query_ops(queries: Catalog) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for query in queries:
        if query.mode != "read":
            continue
        paths[f"/api/queries/{query.name}"] = {
            "get": _list_op(query.summary, query.doc, [_query_param(p) for p in query.params], "queries")
        }
    return paths


_TREND_POINT = {
    "type": "object",
    "required": ["dataset", "year", "capaian", "shown"],
    "properties": {
        "dataset": {"type": "string"},
        "version": {"type": "string", "nullable": True},
        "year": {"type": "integer", "nullable": True},
        "capaian": {"type": "number", "nullable": True},
        "band": {"type": "string", "nullable": True},
        "capaian_end": {"type": "number", "nullable": True},
        "shown": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def _trend_ops() -> dict[str, Any]:
    """/api/trend/indicator/{id} and /api/trend/unit/{id} (service/trends_api.py)."""
    answer = {
        "type": "object",
        "required": ["ok", "trend"],
        "properties": {
            "ok": {"type": "boolean"},
            "trend": {
                "type": "object",
                "required": ["kind", "id", "pemda", "versions", "points"],
                "properties": {
                    "kind": {"type": "string", "enum": ["indicator", "unit"]},
                    "id": {"type": "string"},
                    "pemda": {"type": "string"},
                    "versions": {"type": "array", "items": {"type": "string"}},
                    "points": {"type": "array", "items": _TREND_POINT},
                    "indicators": {"type": "array", "items": {"type": "object"}},
                    "target_end_source": {"type": "string", "nullable": True},
                },
            },
        },
    }
    pemda = {
        "name": "pemda",
        "in": "query",
        "required": False,
        "description": "The Pemda whose versions to read, when versions of several hold the id",
        "schema": {"type": "string", "maxLength": 100},
    }
    what = {
        "indicator": "One indicator's capaian in each version of the period (the PK years of its Pemda, oldest "
        "first), target and realisasi of each version's year, and the realisasi against the period's end target "
        "(kondisi akhir periode, else the last year's target: `target_end_source`).",
        "unit": "One unit's capaian (its IKU, as the achievement query computes it) in each version of the period, "
        "the mean of its IKU's realisasi against their end targets, and each IKU's trend (`indicators`).",
    }
    return {
        f"/api/trend/{kind}/{{id}}": {
            "get": {
                "summary": f"Capaian of one {kind} across versions",
                "tags": ["elements"],
                "description": text,
                "parameters": [
                    dict(_path_param("id", f"{kind.capitalize()} id"), schema={"type": "string", "maxLength": 200}),
                    pemda,
                ],
                "responses": {
                    "200": {"description": "The trend", "content": {JSON: {"schema": answer}}},
                    **_errors("400", "404", "503"),
                },
            }
        }
        for kind, text in what.items()
    }


def _finding_ops(queries: Catalog) -> dict[str, Any]:
    """/api/audit/<name> of every finding, titled and described as its query's header declares it (and the
    two older paths that answer the same)."""
    paths: dict[str, Any] = {}
    for query in queries.findings:
        if query.finding is None:
            continue
        params = [_ref("parameters", name) for name in ("year", "unit") if name in {p.name for p in query.params}]
        paths[f"/api/audit/{query.name}"] = {
            "get": _list_op(
                query.finding.title,
                f"{query.finding.description}\n\nRows of the named query {query.name}: {query.doc}",
                params,
                "audit",
            )
        }
    for alias, name in FINDING_ALIASES.items():
        if f"/api/audit/{name}" in paths:
            op = dict(paths[f"/api/audit/{name}"]["get"], description=f"The same as /api/audit/{name}.")
            paths[f"/api/audit/{alias}"] = {"get": op}
            paths[f"/api/audit/{alias}.{{suffix}}"] = {"get": _suffixed(op)}
    return paths


def document() -> dict[str, Any]:
    """The whole OpenAPI document for this app's catalog and limits."""
    page_max = current_app.config["PAGE_MAX"]
    year = {
        "name": "year",
        "in": "query",
        "required": False,
        "description": "Budget / figures year",
        "schema": {"type": "integer", "minimum": 1, "maximum": YEAR_MAX},
    }
    unit = {
        "name": "unit",
        "in": "query",
        "required": False,
        "description": "Unit id; its sub-units count too",
        "schema": {"type": "string"},
    }
    finding_params = [_ref("parameters", "year"), _ref("parameters", "unit")]
    lists = {
        "/api/queries": _list_op(
            "The named-query catalog",
            "Name, summary, doc, mode and typed parameters of every query in cypher/.",
            [],
            "queries",
            ("400", "503"),
        ),
        "/api/audit": _list_op(
            "Summary of all audit findings",
            "graph.audit: one row per finding "
            "(finding, title, count, budget), plus `year`, `figures_year`, `budget_year`, "
            "`unit`, `counts`. Without `year`, indicator checks use the latest reported year "
            "(`figures_year`, docs/capaian.md) and activity checks the latest budget year "
            "(`budget_year`).",
            finding_params,
            "audit",
        ),
        "/api/goals/{id}/achievement": _list_op(
            "Achievement (capaian) of a goal and what is below it",
            "Rows of the named query achievement "
            "with goal=<id> (docs/capaian.md): a goal's capaian from its own indicators, the supporting capaian "
            "from below beside it; `year` defaults to the latest reported year (graph/audit.py latest_year), "
            "`scale` to the service's CAPAIAN_SCALE; the answer names the scale.",
            [
                _path_param("id", "Goal id"),
                _ref("parameters", "year"),
                {
                    "name": "scale",
                    "in": "query",
                    "required": False,
                    "description": "Predikat scale: 'pemda' or 'permendagri86'.",
                    "schema": {"type": "string", "enum": ["pemda", "permendagri86"]},
                },
            ],
            "elements",
        ),
        "/api/staff/{nip}/line-of-sight": _list_op(
            "Line of sight of one ASN",
            "Rows of the named query line_of_sight.",
            [_path_param("nip", "The ASN's 18-digit NIP")],
            "elements",
        ),
        "/api/elements/{id}/impact": _list_op(
            "What an element supports and what supports it",
            "Rows of the named query impact.",
            [_path_param("id", "Goal, indicator or activity id")],
            "elements",
        ),
        "/api/imports": _list_op(
            "The import log",
            "Newest first: every import that changed its dataset (the last 20 per dataset): "
            "`at` (UTC), `dataset`, `id`, `source` (folder, workbook or `upload <name>`), `files` and their "
            "SHA-256 `digest`, the dataset's `counts` per label and relationship type, and what it changed "
            "(`nodes_created` ... `properties_set`).",
            [
                {
                    "name": "dataset",
                    "in": "query",
                    "required": False,
                    "description": "Only this dataset's imports",
                    "schema": {"type": "string", "maxLength": 200},
                }
            ],
            "planners",
            ("400", "503"),
        ),
        "/api/versions": _list_op(
            "The versions of each Pemda's tree",
            "docs/versions.md: every version the graph holds, by Pemda, oldest first: its `dataset` key (what "
            "`versi` takes on every page and endpoint), `pemda`, `name`, `label`, `kind`, `year`, `period_start`, "
            "`period_end`, when first written (`at`), and `latest`: what is read when `versi` names none.",
            [],
            "planners",
            ("400", "503"),
        ),
        "/api/people/single-points-of-failure": _list_op(
            "Outcomes hanging on one person",
            'graph/people.py (docs/domain.md, "People at risk"): one row per '
            "(ASN, outcome goal or IKU) whose every path of work from the staff passes through that ASN: `via` the "
            "elements only they hold on every path, `sole` when their work is the only work reaching it.",
            [],
            "people",
            ("400", "503", "504"),
        ),
        "/api/people/retirements": _list_op(
            "Who reaches the batas usia pensiun in a year",
            "The named query retirements (58, 60 for a JPT or "
            "fungsional ahli madya, 65 for an ahli utama; each settable), each row with `loses` (outcomes whose "
            "only human contributor they are) and `hangs_on`.",
            [
                {
                    "name": "year",
                    "in": "query",
                    "required": True,
                    "description": "The year the age is reached in",
                    "schema": {"type": "integer", "minimum": 1, "maximum": YEAR_MAX},
                }
            ]
            + [
                {
                    "name": age,
                    "in": "query",
                    "required": False,
                    "description": f"Batas usia pensiun ({age})",
                    "schema": {"type": "integer", "minimum": 40, "maximum": 80},
                }
                for age in ("bup", "bup_jpt", "bup_madya", "bup_utama")
            ],
            "people",
            ("400", "503", "504"),
        ),
        "/api/people/what-if-move": _list_op(
            "The mutasi of one ASN, before it happens",
            "graph/people.py what_if_move: `loses` (outcome goals and "
            "IKU whose only human contributor they are), `hangs_on` (every path of work passes through what only "
            "they hold, `via`), `intervensi_break` (staff reporting to them whose results reach theirs, `via`), and "
            "with `to` a `gains` row: the new unit gains the person but none of their RHK. Unknown NIP or unit 404.",
            [
                {
                    "name": "nip",
                    "in": "query",
                    "required": True,
                    "description": "The ASN's whole NIP (never a part)",
                    "schema": {"type": "string", "maxLength": 40},
                },
                {
                    "name": "to",
                    "in": "query",
                    "required": False,
                    "description": "Id of the unit they would move to",
                    "schema": {"type": "string", "maxLength": 200},
                },
            ],
            "people",
            ("400", "404", "503", "504"),
        ),
    }
    paths: dict[str, Any] = {
        "/api/audit/{name}": {
            "get": _list_op(
                "Rows of one audit finding",
                "Its `year` and `unit` where its query declares them (a finding that "
                "needs a year reads the default year of /api/audit without one); `<name>.csv` / `<name>.xlsx` "
                "choose the format. Each finding's own path below names and describes it. Unknown finding 404.",
                [
                    _path_param("name", "Finding name, optionally with .csv/.xlsx"),
                    _ref("parameters", "year"),
                    _ref("parameters", "unit"),
                ],
                "audit",
            )
        },
        "/api/health": {
            "get": {
                "summary": "Is Neo4j reachable",
                "tags": ["service"],
                "security": [{}],
                "responses": {
                    "200": {"description": "Reachable", "content": {JSON: {"schema": _ref("schemas", "Health")}}},
                    **_errors("503"),
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "summary": "This document",
                "tags": ["service"],
                "security": [{}],
                "responses": {
                    "200": {"description": "OpenAPI 3.0", "content": {JSON: {"schema": {"type": "object"}}}},
                    **_errors(),
                },
            }
        },
        "/api/queries/{name}": {
            "get": _list_op(
                "Run a named query",
                "Parameters go in the query string next to limit/offset/format (each named "
                "query's own path below lists them). `<name>.csv` / `<name>.xlsx` choose the format. Unknown "
                "query 404; missing, unknown or ill-typed parameters 400 listing every problem; write-mode "
                "queries 403.",
                [_path_param("name", "Query name, optionally with .csv/.xlsx")],
                "queries",
                ("400", "403", "404", "503", "504"),
            )
        },
        "/api/docs/{kind}": {
            "get": {
                "summary": "A document planners and auditors deliver",
                "tags": ["documents"],
                "description": "`pk` (Perjanjian Kinerja: sasaran, indikator, target; programs and pagu; pejabat "
                "and atasan), `iku` (the unit's IKU with definition, baseline, targets) or "
                "`cascading` (tujuan to sub-kegiatan with indicators, targets, pagu, penanggung "
                "jawab; the whole Pemda without `unit`), `lkjip` (capaian per sasaran and IKU: target, "
                "realisasi, capaian, last year, the period's end target and the share reached; the "
                "unit's capaian) or `triwulan` (TW targets, realisasi, capaian) for `unit` (default: "
                "the Pemda) and `year` (default: the latest budget year; for lkjip the latest "
                "reported year). `format` (or a `.json`/`.xlsx`/`.csv`/`.html` "
                "suffix on the kind): the tables as JSON, a formatted workbook, or the page to "
                "print; `paper` a4 (default) or f4. NIPs are masked for anonymous readers.",
                "parameters": [
                    _path_param(
                        "kind", "pk, iku, cascading, lkjip or triwulan, optionally with .json/.xlsx/.csv/.html"
                    ),
                    _ref("parameters", "unit"),
                    _ref("parameters", "year"),
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "description": "json (default), xlsx, csv (one table) or html",
                        "schema": {"type": "string", "enum": ["json", "xlsx", "csv", "html"]},
                    },
                    {
                        "name": "tabel",
                        "in": "query",
                        "required": False,
                        "description": "The table of a CSV, 1-based (default 1)",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    },
                    {
                        "name": "paper",
                        "in": "query",
                        "required": False,
                        "description": "Paper size of the print setup",
                        "schema": {"type": "string", "enum": ["a4", "f4"]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The document",
                        "content": {
                            JSON: {"schema": {"type": "object"}},
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                            "text/csv": {"schema": {"type": "string"}},
                            "text/html": {"schema": {"type": "string"}},
                        },
                    },
                    **_errors("400", "404", "503", "504"),
                },
            }
        },
        "/api/mph/{unit}": {
            "get": {
                "summary": "The Matriks Peran Hasil of one unit",
                "tags": ["documents"],
                "description": "graph/mph.py (docs/domain.md): the RHK of the unit's head as rows, the ASN reporting "
                "to the head as columns, each cell the staff member's results that intervene in "
                "that RHK; empty rows and columns marked. `format` (or a `.json`/`.xlsx`/`.csv`/`.html` "
                "suffix on the unit): the matrix as JSON, a workbook in the MPH layout, or the page "
                "to print. NIPs are masked for anonymous readers.",
                "parameters": [
                    _path_param("unit", "Unit id, optionally with .json/.xlsx/.csv/.html"),
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "description": "json (default), xlsx, csv or html",
                        "schema": {"type": "string", "enum": ["json", "xlsx", "csv", "html"]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The matrix",
                        "content": {
                            JSON: {"schema": {"type": "object"}},
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                            "text/csv": {"schema": {"type": "string"}},
                            "text/html": {"schema": {"type": "string"}},
                        },
                    },
                    **_errors("400", "404", "503", "504"),
                },
            }
        },
        "/api/goals/{id}": {
            "get": {
                "summary": "One goal",
                "tags": ["elements"],
                "description": "Level, statement, units, indicators with their yearly figures, what it "
                "contributes to, what contributes to it (directly or to its indicators), "
                "assigned ASN.",
                "parameters": [_path_param("id", "Goal id")],
                "responses": {
                    "200": {"description": "The goal", "content": {JSON: {"schema": _ref("schemas", "GoalAnswer")}}},
                    **_errors("400", "404", "503"),
                },
            }
        },
        "/api/units/{id}": {
            "get": {
                "summary": "Summary of one unit",
                "tags": ["elements"],
                "description": "Name, kind, parent, sub-units, and for the unit and every unit below it: goals, "
                "staff, activities, budget (of `year` if given) and audit findings.",
                "parameters": [_path_param("id", "Unit id"), _ref("parameters", "year")],
                "responses": {
                    "200": {"description": "The unit", "content": {JSON: {"schema": _ref("schemas", "UnitAnswer")}}},
                    **_errors("400", "404", "503"),
                },
            }
        },
        "/api/elements/{id}": {
            "get": {
                "summary": "Any node, for the pages' side panel",
                "tags": ["elements"],
                "description": "A goal, indicator, activity or unit by id, or an ASN by NIP (or by the pseudonym the "
                "anonymous pages link it by): kind, title, level, unit and OPD, indicators with "
                "target, realisasi and capaian per year, assigned ASN, contributions both ways, "
                "budget, links to its pages. `year` chooses the budget year of a unit's total.",
                "parameters": [_path_param("id", "Id, NIP or ASN pseudonym"), _ref("parameters", "year")],
                "responses": {
                    "200": {
                        "description": "The element",
                        "content": {JSON: {"schema": _ref("schemas", "ElementAnswer")}},
                    },
                    **_errors("400", "404", "503", "504"),
                },
            }
        },
        "/api/cypher": {
            "post": {
                "summary": "Run read-only Cypher (analysts)",
                "tags": ["analysts"],
                "security": [{"bearerAuth": []}],
                "description": "Refused with 400 before Neo4j sees it: longer than POKIN_CYPHER_MAX_CHARS, "
                "nesting (brackets, CASE, chained operators) deeper than POKIN_CYPHER_MAX_NESTING, "
                "a \\uXXXX escape anywhere, reduce(). "
                "Checked before running: one statement, no USE, no CALL {} IN TRANSACTIONS, "
                "EXPLAIN type 'r' only, no LOAD CSV, only the procedures db.labels, "
                "db.relationshipTypes, db.propertyKeys, db.schema.*; refused with 403 without "
                "running. Runs in a read transaction with POKIN_CYPHER_TIMEOUT (504 past it) "
                "and at most POKIN_CYPHER_MAX_ROWS rows (`truncated: true`) and POKIN_CYPHER_MAX_MB "
                "of answer, measured while the rows arrive (400 past it, as for values nested more "
                "than 64 levels deep; a request body nested more than 32 levels deep is 400 too); "
                "a query needing more memory than the server's db.memory.transaction.max is 400.",
                "parameters": [_ref("parameters", "limit"), _ref("parameters", "offset"), _ref("parameters", "format")],
                "requestBody": {"required": True, "content": {JSON: {"schema": _ref("schemas", "CypherRequest")}}},
                "responses": {"200": _ref("responses", "List"), **_errors("400", "401", "403", "413", "503", "504")},
            }
        },
        "/api/import": {
            "post": {
                "summary": "Import an .xlsx workbook or a .zip of CSV files (editors)",
                "tags": ["planners"],
                "security": [{"bearerAuth": []}],
                "description": "Same validation and all-or-nothing write as `pokin import`. Problems come back "
                "as `errors` (`file:row: column: message`) and `problems` (structured), status "
                "400, nothing written: the first 100 in file and row order, with `total` counting "
                "them all and `not_shown` the rest (then the last of `errors` says "
                "'N more problems not shown (T in all)'). Unsafe archives 400, oversize 413, "
                "other file types 415. "
                "A workbook may hold matriks Renstra sheets (docs/import-format.md): `period_start` "
                "and `pemda` are `pokin import --period-start --pemda`; what was read although "
                "doubtful comes back as `warnings`. "
                "An import that changes its dataset is recorded in the import log (`import_id`). "
                "When Neo4j's answer to the commit is lost, the service waits for it (30 s) and "
                "reads the log: committed gives 200 with `settled: true`; not committed gives 503 "
                "with `code: import_not_written`; no answer in time gives 503 with `code: "
                "import_outcome_unknown` (never 'nothing was written'). A dry run answers the "
                "dataset's `previous` import and `same_files_as_previous`.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "dataset": {"type": "string", "maxLength": 200},
                                    "dry_run": {"type": "boolean"},
                                    "period_start": {"type": "integer", "minimum": 2000, "maximum": 2100},
                                    "pemda": {"type": "string", "maxLength": 200},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "Imported (or validated, for a dry run)",
                        "content": {JSON: {"schema": _ref("schemas", "ImportAnswer")}},
                    },
                    **_errors("400", "401", "403", "413", "415", "503"),
                },
            }
        },
    }
    for path, op in lists.items():
        paths[path] = {"get": op}
        paths[path + ".{suffix}"] = {"get": _suffixed(op)}
    paths.update(_named_query_ops(catalog()))
    paths.update(_finding_ops(catalog()))
    paths.update(_trend_ops())
    paths.update(_diff_ops())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "pokin query service",
            "version": "1.0.0",
            "description": "Pohon kinerja (performance trees) in Neo4j: named queries, audit findings, "
            "elements, analyst Cypher and imports. Anonymous readers (when allowed, "
            "POKIN_ANONYMOUS_READ) get NIPs masked: values under `nip` and "
            "`supervisor_nip` and every 18-digit run in any text keep their first 6 and "
            "last 2 digits (`198503**********02`).",
        },
        "security": [{}, {"bearerAuth": []}],
        "tags": [
            {"name": name}
            for name in ("service", "queries", "audit", "elements", "analysts", "planners", "people", "versions")
        ],
        "paths": paths,
        "components": _components(page_max, year, unit),
    }


def _diff_ops() -> dict[str, Any]:
    """GET /api/diff and /api/diff.{suffix} (service/diff_api.py): what changed between two versions."""
    key = {"type": "string", "minLength": 1, "maxLength": 200}
    params: list[dict[str, Any]] = [
        {
            "name": "a",
            "in": "query",
            "required": True,
            "description": "Dataset key of the earlier version",
            "schema": key,
        },
        {
            "name": "b",
            "in": "query",
            "required": True,
            "description": "Dataset key of the later version",
            "schema": key,
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": "Rows per section (default 200); `counts` gives every section's full count",
            "schema": {"type": "integer", "minimum": 1, "maximum": 5000},
        },
    ]
    answer = {
        "description": "The diff: `summary`, `counts`, `truncated`, `reach_from` and the rows of each section",
        "content": {JSON: {"schema": {"type": "object"}}, XLSX: {"schema": {"type": "string", "format": "binary"}}},
    }
    summary = "What changed between two versions"
    op: dict[str, Any] = {
        "summary": summary,
        "description": "graph/diff.py: elements added, removed and restated; contributions re-parented; targets, "
        "satuan and pagu changed; ASN moved, left or arrived; the pagu and staff that lost or gained their path to "
        "an outcome; outcomes that lost their last supporting activity. A key the graph does not hold is a 400 "
        "naming it. NIPs are masked for anonymous readers.",
        "tags": ["versions"],
        "responses": {"200": answer, **_errors("400", "503", "504")},
    }
    fmt = {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "json (default) or xlsx",
        "schema": {"type": "string", "enum": ["json", "xlsx"]},
    }
    suffix = {
        "name": "suffix",
        "in": "path",
        "required": True,
        "description": "Export format",
        "schema": {"type": "string", "enum": ["json", "xlsx"]},
    }
    return {
        "/api/diff": {"get": {**op, "parameters": [*params, fmt]}},
        "/api/diff.{suffix}": {
            "get": {**op, "summary": summary + " (format from the suffix)", "parameters": [*params, suffix]}
        },
    }


def _components(page_max: int, year: dict[str, Any], unit: dict[str, Any]) -> dict[str, Any]:
    string_list = {"type": "array", "items": {"type": "string"}}
    error = {
        "type": "object",
        "required": ["ok", "status", "error", "errors"],
        "properties": {
            "ok": {"type": "boolean", "enum": [False]},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "error": {"type": "string"},
            "errors": string_list,
            "problems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string"},
                        "row": {"type": "integer", "nullable": True},
                        "column": {"type": "string", "nullable": True},
                        "message": {"type": "string"},
                        "text": {"type": "string"},
                    },
                },
            },
            "total": {"type": "integer", "minimum": 0},
            "not_shown": {"type": "integer", "minimum": 0},
        },
    }
    page = {
        "type": "object",
        "required": ["ok", "rows", "columns", "limit", "offset"],
        "properties": {
            "ok": {"type": "boolean", "enum": [True]},
            "rows": {"type": "array", "items": {"type": "object"}},
            "columns": string_list,
            "limit": {"type": "integer", "minimum": 1},
            "offset": {"type": "integer", "minimum": 0},
            "total": {"type": "integer", "minimum": 0},
            "truncated": {"type": "boolean"},
        },
    }
    responses = {
        f"Error{code}": {"description": text, "content": {JSON: {"schema": _ref("schemas", "Error")}}}
        for code, text in ERROR_STATUSES.items()
    }
    responses["Error"] = {
        "description": "Any error, same shape",
        "content": {JSON: {"schema": _ref("schemas", "Error")}},
    }
    responses["List"] = {
        "description": "A page of rows (JSON), or every row as CSV / XLSX (`format`)",
        "content": {
            JSON: {"schema": _ref("schemas", "ListPage")},
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
    }
    return {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from POKIN_TOKENS (role reader or editor)",
            }
        },
        "parameters": {
            "limit": {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": f"Page size, 1..{page_max} (default {page_max}; CSV/XLSX: every row "
                "unless limit/offset are given)",
                "schema": {"type": "integer", "minimum": 1, "maximum": page_max},
            },
            "offset": {
                "name": "offset",
                "in": "query",
                "required": False,
                "description": "Rows to skip",
                "schema": {"type": "integer", "minimum": 0, "maximum": INT64_MAX},
            },
            "format": {
                "name": "format",
                "in": "query",
                "required": False,
                "description": "Output format",
                "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
            },
            "year": year,
            "unit": unit,
        },
        "responses": responses,
        "schemas": {
            "Error": error,
            "ListPage": page,
            "Health": {
                "type": "object",
                "required": ["ok", "neo4j", "data_loaded", "cache"],
                "properties": {
                    "ok": {"type": "boolean"},
                    "neo4j": {"type": "string"},
                    "data_loaded": {"type": "boolean"},
                    "cache": {
                        "type": "object",
                        "description": "The result cache (service/http/results.py)",
                        "required": ["enabled", "entries", "bytes", "hits", "misses"],
                        "properties": {
                            key: {"type": "integer"}
                            for key in ("entries", "bytes", "max_bytes", "hits", "misses", "too_large", "cleared")
                        }
                        | {"enabled": {"type": "boolean"}},
                    },
                },
            },
            "GoalAnswer": {
                "type": "object",
                "required": ["ok", "goal"],
                "properties": {
                    "ok": {"type": "boolean"},
                    "goal": {
                        "type": "object",
                        "required": ["id", "level", "statement"],
                        "properties": {
                            "id": {"type": "string"},
                            "level": {"type": "string"},
                            "statement": {"type": "string"},
                            "unit": {"type": "object", "nullable": True},
                            "units": {"type": "array"},
                            "indicators": {"type": "array"},
                            "contributes_to": {"type": "array"},
                            "contributors": {"type": "array"},
                            "assigned": {"type": "array"},
                        },
                    },
                },
            },
            "UnitAnswer": {
                "type": "object",
                "required": ["ok", "unit"],
                "properties": {
                    "ok": {"type": "boolean"},
                    "unit": {
                        "type": "object",
                        "required": ["id", "name", "kind"],
                        "properties": {
                            "id": {"type": "string"},
                            "name": {"type": "string"},
                            "kind": {"type": "string"},
                            "parent": {"type": "object", "nullable": True},
                            "sub_units": {"type": "array"},
                            "goals": {"type": "integer"},
                            "staff": {"type": "integer"},
                            "activities": {"type": "integer"},
                            "budget": {"type": "number"},
                            "findings": {"type": "object"},
                        },
                    },
                },
            },
            "ElementAnswer": {
                "type": "object",
                "required": ["ok", "element"],
                "properties": {
                    "ok": {"type": "boolean"},
                    "element": {
                        "type": "object",
                        "required": ["kind", "id"],
                        "properties": {
                            "kind": {"type": "string", "enum": ["Goal", "Indicator", "Activity", "Unit", "ASN"]},
                            "id": {"type": "string"},
                            "title": {"type": "string", "nullable": True},
                            "level": {"type": "string", "nullable": True},
                            "unit": {"type": "object", "nullable": True},
                            "opd": {"type": "object", "nullable": True},
                            "indicators": {"type": "array"},
                            "assigned": {"type": "array"},
                            "assigned_to": {"type": "array"},
                            "contributes_to": {"type": "array"},
                            "contributors": {"type": "array"},
                            "links": {"type": "array"},
                        },
                    },
                },
            },
            "CypherRequest": {
                "type": "object",
                "required": ["query"],
                "additionalProperties": False,
                "properties": {"query": {"type": "string", "minLength": 1}, "params": {"type": "object"}},
            },
            "ImportAnswer": {
                "type": "object",
                "required": ["ok", "dataset", "dry_run", "counts"],
                "properties": {
                    "ok": {"type": "boolean"},
                    "dataset": {"type": "string"},
                    "dry_run": {"type": "boolean"},
                    "counts": {"type": "object"},
                    "written": {"type": "object", "nullable": True},
                    "warnings": {
                        "type": "array",
                        "description": "what was accepted but deserves a look (a target "
                        "without a value, a defaulted polarity, a satuan that "
                        "changes): never blocking; each like a problem "
                        "(file, row, column, message, text)",
                        "items": {"type": "object"},
                    },
                    "import_id": {
                        "type": "string",
                        "nullable": True,
                        "description": "Its record in the import log; null when nothing changed (or a dry run)",
                    },
                    "digest": {"type": "string", "description": "SHA-256 of the files"},
                    "settled": {
                        "type": "boolean",
                        "description": "The commit lost its answer and the import log showed it committed",
                    },
                    "previous": {
                        "type": "object",
                        "nullable": True,
                        "description": "Dry run: the dataset's last import",
                    },
                    "same_files_as_previous": {"type": "boolean", "nullable": True},
                },
            },
        },
    }


@bp.get("/openapi.json")
def openapi():
    """The document itself; readable without a token."""
    return current_app.json.response(document())
