"""POST /api/cypher: an analyst's own read-only Cypher, checked before it runs, bounded while it runs.

Refusals never half-run anything: the query's shape (length, nesting, unicode escapes, reduce), its text
and its EXPLAIN plan are checked first (service.http.cypher_guard), then the query runs in a READ transaction
with POKIN_CYPHER_TIMEOUT (a server-side transaction timeout: Neo4j itself stops the query), at most
POKIN_CYPHER_MAX_ROWS rows (`truncated: true` when more exist) and at most POKIN_CYPHER_MAX_MB of answer,
measured while the rows arrive (400 past it: the rest is never fetched). Syntax and other query errors are
400 with Neo4j's message, as is a query needing more memory than the server lets one transaction hold;
refusals 403; a timeout 504.
"""

from __future__ import annotations

from typing import Any

import neo4j.exceptions as neo4j_errors
from flask import Blueprint, current_app

from graph.db import AnswerBound, AnswerTooDeep, AnswerTooLarge
from service.http.auth import require
from service.http.cypher_guard import check_lists, check_plan, check_shape, check_text, fix_positions
from service.http.database import database
from service.http.errors import ApiError, is_timeout, timeout_error
from service.http.formats import INT64_MAX, json_body, list_response, output_format, query_args

bp = Blueprint("analyst", __name__, url_prefix="/api")

MAX_ANSWER_DEPTH = 64  # lists or maps nested deeper in an answer are refused (400), not a stack overflow
EXECUTION_FAILED = "Neo.DatabaseError.Statement.ExecutionFailed"
OUT_OF_MEMORY = "MemoryPoolOutOfMemoryError"  # Neo.TransientError.General.*: the transaction's memory limit
FORBIDDEN_CODES = (
    "Neo.ClientError.Statement.UnsupportedAdministrationCommand",
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
)


@bp.post("/cypher")
@require("reader")
def cypher():
    """Run `{"query": ..., "params": {...}}` if and only if it is a pure read."""
    fmt = output_format()
    query_args(())
    query, params = _body()
    refusal = check_shape(
        query, current_app.config["CYPHER_MAX_CHARS"], current_app.config["CYPHER_MAX_NESTING"]
    ) or check_lists(query, params, current_app.config["CYPHER_MAX_RANGE"])
    if refusal:
        raise ApiError(refusal.status, refusal.reason)
    text, refusal = check_text(query)
    if refusal:
        raise ApiError(refusal.status, refusal.reason)
    timeout = current_app.config["CYPHER_TIMEOUT"]
    cap = current_app.config["CYPHER_MAX_ROWS"]
    db = database()
    try:
        refusal = check_plan(db.explain(text, params, timeout=timeout))
        if refusal:
            raise ApiError(refusal.status, refusal.reason)
        # fresh: an analyst's own query may not be deterministic (rand(), datetime()); it is asked each time
        columns, rows = db.table(text, params, timeout=timeout, limit=cap + 1, fresh=True, bound=answer_bound())
    except AnswerTooDeep as exc:
        raise ApiError(400, f"answer too deeply nested: {exc.reason}") from None
    except AnswerTooLarge as exc:
        raise ApiError(
            400,
            f"answer too large: {exc.reason}, the limit of this service (POKIN_CYPHER_MAX_MB); "
            "return fewer rows or smaller values",
            answer_cap_bytes=answer_bound().max_bytes,
        ) from None
    except neo4j_errors.AuthError:
        raise  # the service's own credentials: 503, like any unusable database
    except neo4j_errors.ClientError as exc:
        raise _query_error(exc, timeout) from None
    except neo4j_errors.TransientError as exc:
        if not (getattr(exc, "code", "") or "").endswith(OUT_OF_MEMORY):
            raise
        raise ApiError(
            400,
            "the query needs more memory than the server lets one query hold "
            "(db.memory.transaction.max): narrow it down, or aggregate before collecting",
        ) from None
    except neo4j_errors.DatabaseError as exc:
        # Neo4j files some failures of the query itself under DatabaseError (e.g. shortestPath with the
        # same start and end node): the analyst's to fix, so 400 with the message; anything else stays 500.
        if getattr(exc, "code", "") != EXECUTION_FAILED:
            raise
        raise ApiError(400, f"the query failed while running: {getattr(exc, 'message', None) or exc}") from None
    truncated = len(rows) > cap
    return list_response(rows[:cap], columns, fmt=fmt, filename="cypher", truncated=truncated, row_cap=cap)


def answer_bound() -> AnswerBound:
    """The size (POKIN_CYPHER_MAX_MB) and nesting an analyst's answer may have."""
    return AnswerBound(int(current_app.config["CYPHER_MAX_MB"] * 1024 * 1024), MAX_ANSWER_DEPTH)


def _body() -> tuple[str, dict[str, Any]]:
    body = json_body()
    if not isinstance(body, dict):
        raise ApiError(400, 'send a JSON object: {"query": "MATCH ...", "params": {...}}')
    errors = [f"unknown field '{key}'" for key in body if key not in ("query", "params")]
    query, params = body.get("query"), body.get("params")
    if not isinstance(query, str) or not query.strip():
        errors.append("'query' must be a non-empty string")
    if params is None:
        params = {}
    if not isinstance(params, dict):
        errors.append("'params' must be an object")
    else:
        errors += [f"params.{path} is an integer beyond 64 bits" for path in _huge_ints(params, "")]
    if errors or not isinstance(query, str) or not isinstance(params, dict):
        raise ApiError(400, "invalid request: " + "; ".join(errors), errors)
    return query, params


def _huge_ints(value: Any, path: str) -> list[str]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [path] if abs(value) > INT64_MAX else []
    if isinstance(value, dict):
        return [
            found for key, item in value.items() for found in _huge_ints(item, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _huge_ints(item, f"{path}[{index}]")]
    return []


def _query_error(exc: neo4j_errors.ClientError, timeout: float) -> ApiError:
    code = getattr(exc, "code", "") or ""
    message = getattr(exc, "message", None) or str(exc)
    if is_timeout(exc):
        return timeout_error(timeout)
    if code in FORBIDDEN_CODES:
        return ApiError(403, f"not allowed: {message}; only read queries are allowed here")
    if code == "Neo.ClientError.Statement.SyntaxError":
        return ApiError(400, f"syntax error: {fix_positions(message)}")
    return ApiError(400, f"query error ({code.rsplit('.', 1)[-1] or 'client error'}): {fix_positions(message)}")
