"""Cross-origin reading of the API: off unless POKIN_CORS_ORIGINS names the origins allowed.

Off by default because the pages are served by the service itself (same origin) and a browser on another
site should not read a planner's data with the planner's network position (loopback anonymous reading).
When configured, only the exact origins listed get `Access-Control-Allow-Origin`, only on `/api/`, and
never with credentials: tokens travel in the Authorization header, which a preflight must allow.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type"
PREFLIGHT_MAX_AGE = "600"


def allowed_origin() -> str | None:
    """The request's Origin if it may read this API across origins, else None."""
    origin = request.headers.get("Origin")
    if not origin or not request.path.startswith("/api/"):
        return None
    return origin if origin in current_app.config["CORS_ORIGINS"] else None


def preflight() -> Response | None:
    """before_request: answer a CORS preflight from an allowed origin (no token needed for it)."""
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
        return None
    if allowed_origin() is None:
        return None  # not ours to allow: routing answers as for any OPTIONS, without CORS headers
    response = current_app.response_class(status=204)
    response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def add_headers(response: Response) -> Response:
    """after_request: the CORS answer for allowed origins; `Vary: Origin` whenever CORS is configured."""
    if not current_app.config["CORS_ORIGINS"]:
        return response
    response.vary.add("Origin")
    origin = allowed_origin()
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
    return response


def register_cors(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, preflight)
    app.after_request(add_headers)
