"""The read API over the catalog: health, the named queries, and the auditors' findings (one
`/api/audit/<name>` for every finding the catalog declares).

Every list answers through service.http.formats (JSON page, or CSV/XLSX via `?format=` or a path suffix).
"""

from __future__ import annotations

import neo4j.exceptions as neo4j_errors
from flask import Blueprint, current_app, request

from graph.audit import default_years, finding_params, run_audit, summary_rows
from graph.importer.outcome import LOG_LIMIT_MAX, import_log
from graph.versions import listing
from service.http.database import catalog, database, held_versions, run_named
from service.http.errors import ApiError, error_response
from service.http.formats import (
    PAGING_ARGS,
    VERSION_ARG,
    YEAR_MAX,
    int_arg,
    list_response,
    output_format,
    query_args,
    split_suffix,
)
from service.http.kept import kept_answer
from service.http.listing import list_route

bp = Blueprint("api", __name__, url_prefix="/api")


def year_and_unit(args: dict[str, str]) -> tuple[int | None, str | None]:
    year = int_arg("year", args["year"], 1, YEAR_MAX) if args.get("year") else None
    return year, args.get("unit") or None


@bp.get("/health")
def health():
    """Neo4j reachable or not (503 with the reason), its version, whether any data is loaded, the result cache."""
    try:
        row = database().read(
            "CALL dbms.components() YIELD name, versions "
            "CALL () { MATCH (n) RETURN count(n) > 0 AS loaded } "
            "RETURN versions[0] AS version, loaded",
            timeout=5.0,
            fresh=True,
        )[0]
    except Exception as exc:  # noqa: BLE001 - any failure means the database is not usable now
        # The driver's own message is the useful reason; anything else stays unnamed (no internals).
        known = isinstance(exc, (neo4j_errors.Neo4jError, neo4j_errors.DriverError))
        reason = str(exc) if known else "unexpected error"
        return error_response(503, f"Neo4j is not reachable: {reason}", headers={"Retry-After": "5"})
    return current_app.json.response(
        ok=True, neo4j=row["version"], data_loaded=row["loaded"], cache=database().results.summary()
    )


@list_route(bp, "/queries")
def list_queries(suffix: str | None):
    """The catalog: every named query with its doc and typed parameters."""
    fmt = output_format(suffix)
    query_args(())
    rows = [
        {
            "name": query.name,
            "summary": query.summary,
            "doc": query.doc,
            "mode": query.mode,
            "parameters": [
                {"name": p.name, "type": p.type, "optional": p.optional, "doc": p.doc} for p in query.params
            ],
        }
        for query in catalog()
    ]
    return list_response(rows, ["name", "summary", "doc", "mode", "parameters"], fmt=fmt, filename="queries")


@bp.get("/queries/<name>")
@kept_answer
def run_query(name: str):
    """One named query, its parameters from the query string; write-mode queries are refused (403)."""
    name, suffix = split_suffix(name)
    fmt = output_format(suffix)
    if name not in catalog():
        raise ApiError(404, f"no named query '{name}'; GET /api/queries lists them")
    query = catalog()[name]
    if query.mode != "read":
        raise ApiError(403, f"query '{name}' writes to the database; write queries are not served over HTTP")
    given = _named_args()
    columns, rows = run_named(name, given)
    return list_response(rows, columns, fmt=fmt, filename=name, query=name)


IMPORT_LOG_COLUMNS = [
    "at",
    "dataset",
    "id",
    "source",
    "files",
    "digest",
    "counts",
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
]


@list_route(bp, "/imports")
def imports(suffix: str | None):
    """The import log, newest first (`dataset` for one): when each dataset was last written, from which
    files (source, names, SHA-256), with what counts and changes; only imports that changed something."""
    fmt = output_format(suffix)
    args = query_args(("dataset",))
    dataset = args.get("dataset") or None
    if dataset is not None and len(dataset) > 200:
        raise ApiError(400, "'dataset' must be at most 200 characters")
    rows = import_log(database(), dataset, LOG_LIMIT_MAX)
    return list_response(rows, IMPORT_LOG_COLUMNS, fmt=fmt, filename="imports")


VERSION_COLUMNS = ["dataset", "pemda", "name", "label", "kind", "year", "period_start", "period_end", "at", "latest"]


@list_route(bp, "/versions")
def list_versions_route(suffix: str | None):
    """The versions of each Pemda's tree the graph holds (docs/versions.md), by Pemda, oldest first; `latest` marks
    what every page and query reads when `versi` names none."""
    fmt = output_format(suffix)
    query_args(())
    return list_response(listing(held_versions()), VERSION_COLUMNS, fmt=fmt, filename="versi")


def _named_args() -> dict[str, str]:
    """Everything but limit/offset/format goes to the query; NamedQuery.bind reports unknown names."""
    repeated = [
        f"parameter '{key}' is given more than once" for key in request.args if len(request.args.getlist(key)) > 1
    ]
    if repeated:
        raise ApiError(400, "invalid parameters: " + "; ".join(repeated), repeated)
    return {key: value for key, value in request.args.items() if key not in (*PAGING_ARGS, VERSION_ARG)}


# The first two findings had their own paths; they stay, answering as /api/audit/<name> does.
FINDING_ALIASES = {"orphaned-staff": "orphaned_staff", "activities-without-leverage": "activities_without_leverage"}


@bp.get("/audit/<name>")
@kept_answer
def audit_finding(name: str):
    """Rows of one audit finding (`year`, `unit` where its query declares them), e.g. /api/audit/orphaned_staff
    or /api/audit/orphaned_staff.csv; a finding that needs a year and gets none reads its default year (that of
    /api/audit). The old paths /api/audit/orphaned-staff and /api/audit/activities-without-leverage answer the
    same as their findings' own."""
    name, suffix = split_suffix(name)
    fmt = output_format(suffix)
    year, unit = year_and_unit(query_args(("year", "unit")))
    name = FINDING_ALIASES.get(name, name)
    finding = catalog().finding(name)
    if finding is None:
        raise ApiError(404, f"no audit finding '{name}'; GET /api/audit lists them")
    params = finding_params(catalog()[name], year, unit)
    if params is None:
        default_year = default_years(database()).for_finding(finding)
        params = finding_params(catalog()[name], default_year, unit)
    if params is None:
        return list_response([], [], fmt=fmt, filename=name.replace("_", "-"))  # no year to read: no figures
    columns, rows = run_named(name, params)
    return list_response(rows, columns, fmt=fmt, filename=name.replace("_", "-"))


@list_route(bp, "/audit")
def audit_summary(suffix: str | None):
    """Every finding of the catalog: title, count (and budget)."""
    fmt = output_format(suffix)
    year, unit = year_and_unit(query_args(("year", "unit")))
    db = database()
    # without a year: figures of the latest reported year, activities of the latest budget year
    defaults = default_years(db) if year is None else None
    results = run_audit(db, catalog(), year=year, unit=unit)
    rows = summary_rows(catalog(), results)
    counts = {row["finding"]: row["count"] for row in rows}
    known = {query.name for query in catalog().findings}
    return list_response(
        rows,
        ["finding", "title", "count", "budget"],
        fmt=fmt,
        filename="audit",
        year=year,
        figures_year=year if defaults is None else defaults.figures,
        budget_year=year if defaults is None else defaults.budget,
        unit=unit,
        counts=counts,
        missing=sorted(known - set(results)),
    )
