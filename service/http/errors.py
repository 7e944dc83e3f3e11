"""One JSON shape for every error, whatever raised it, so clients need a single error path.

    {"ok": false, "status": N, "error": "one sentence", "errors": ["each problem", ...]}

Statuses: 400 bad input (parameters, paging, format, Cypher syntax, rejected import), 401 no or unknown
token, 403 not allowed (role, write through /api/cypher, write query over GET), 404, 405, 413 body too
large, 415 upload neither .zip nor .xlsx, 500 unexpected (no internals leak), 503 Neo4j unreachable,
504 a query ran past its server-side timeout. An import whose commit lost its answer adds a `code`
(service/imports.py: `import_not_written` or `import_outcome_unknown`).
"""

from __future__ import annotations

from typing import Any

import neo4j.exceptions as neo4j_errors
from flask import Flask, Response, current_app, jsonify
from werkzeug.exceptions import HTTPException

from graph.catalog import ParameterError
from graph.importer import ImportRejected
from graph.people import ScopeTooLarge

TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.TransactionTimedOut",
)


class ApiError(Exception):
    """Raised anywhere in a request to answer with this status and message (and optional extra keys)."""

    def __init__(
        self,
        status: int,
        error: str,
        errors: list[str] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = errors if errors is not None else [error]
        self.headers = headers or {}
        self.extra = extra


def error_response(
    status: int, error: str, errors: list[str] | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    response = jsonify(ok=False, status=status, error=error, errors=errors if errors is not None else [error], **extra)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def is_timeout(error: Exception) -> bool:
    return isinstance(error, neo4j_errors.Neo4jError) and getattr(error, "code", None) in TIMEOUT_CODES


def timeout_error(seconds: float | None) -> ApiError:
    limit = f" of {seconds:g} s" if seconds else ""
    return ApiError(504, f"timeout: the query ran past the server-side limit{limit} and was stopped")


def register_error_handlers(app: Flask) -> None:
    """Every exception type a request can raise, mapped to the one shape."""

    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return error_response(error.status, error.error, error.errors, error.headers, **error.extra)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return error_response(code, _http_message(error), headers=headers)

    @app.errorhandler(ParameterError)
    def parameter_error(error: ParameterError):
        return error_response(400, "invalid parameters: " + "; ".join(error.errors), list(error.errors))

    @app.errorhandler(ScopeTooLarge)
    def scope_too_large(error: ScopeTooLarge):
        return error_response(422, str(error), limit=error.limit, staff=error.staff)

    @app.errorhandler(ImportRejected)
    def import_rejected(error: ImportRejected):
        problems = error.problems  # the first MAX_PROBLEMS_SHOWN in report order; `total` counts them all
        shown = [str(problem) for problem in problems] + ([error.not_shown_line()] if error.not_shown else [])
        return error_response(
            400,
            f"{error.total} problem(s) in the import; nothing was written",
            shown,
            problems=[problem.as_dict() for problem in problems],
            total=error.total,
            not_shown=error.not_shown,
        )

    @app.errorhandler(neo4j_errors.ServiceUnavailable)
    @app.errorhandler(neo4j_errors.SessionExpired)
    @app.errorhandler(neo4j_errors.TransientError)
    @app.errorhandler(neo4j_errors.AuthError)
    def unavailable(error: Exception):
        if is_timeout(error):
            return api_error(timeout_error(None))
        current_app.logger.warning("Neo4j unavailable: %s", type(error).__name__)
        return error_response(503, "Neo4j is not reachable now; try again shortly", headers={"Retry-After": "5"})

    @app.errorhandler(neo4j_errors.Neo4jError)
    def neo4j_error(error: neo4j_errors.Neo4jError):
        if is_timeout(error):
            return api_error(timeout_error(None))
        current_app.logger.error("Neo4j error %s", getattr(error, "code", "?"))
        return error_response(500, "internal error while querying the database")

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        current_app.logger.exception("unexpected error")
        return error_response(500, "internal error; it has been logged")


def _http_message(error: HTTPException) -> str:
    messages = {
        404: "not found: no such endpoint or resource",
        405: "method not allowed on this endpoint",
    }
    if error.code == 413:
        return f"request body too large: the limit is {current_app.config['MAX_UPLOAD_MB']:g} MB"
    description = error.description or ""
    default = getattr(type(error), "description", None)
    if error.code in messages and (not description or description == default):
        return messages[error.code]
    return description or (error.name or "error").lower()
