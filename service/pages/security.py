"""NIP masking of whole HTML pages, and error pages in Bahasa Indonesia, with the security headers.

The headers (service/http/headers.py) go on every response of the app; the Content-Security-Policy of a page
lets it load scripts, styles, images and data only from this service (no inline script at all: page data
travels in `<script type="application/json">`, code in served .js files); inline style attributes stay
allowed because vis-network and the legend swatches set them. Framing is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import neo4j.exceptions as neo4j_errors
from flask import Blueprint, Flask, Response, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from service.http.errors import ApiError, is_timeout
from service.http.formats import masking_wanted
from service.http.headers import add_security_headers
from service.http.masking import mask_text

TITLES = {
    400: "Permintaan tidak valid",
    401: "Perlu token akses",
    403: "Tidak diizinkan",
    404: "Halaman tidak ditemukan",
    405: "Metode tidak diizinkan",
    413: "Permintaan terlalu besar",
    500: "Terjadi kesalahan pada server",
    503: "Basis data tidak dapat dihubungi",
    504: "Melebihi batas waktu",
}
DETAILS = {
    401: "Halaman ini hanya untuk pengguna dengan token (POKIN_ANONYMOUS_READ tidak mengizinkan akses anonim).",
    404: "Alamat, unit, elemen atau ASN yang diminta tidak ada.",
    500: "Kesalahan tak terduga; sudah dicatat di log server.",
    503: "Neo4j sedang tidak dapat dihubungi; coba lagi sebentar lagi.",
    504: "Kueri berjalan melebihi batas waktu server dan dihentikan.",
}


def secure(response: Response) -> Response:
    """after_request of the HTML pages: security headers, and NIPs masked in the whole page for anonymous
    (unless the page was masked as it was rendered, `g.pokin_page_masked`: see routes.answer)."""
    if (
        response.mimetype == "text/html"
        and masking_wanted()
        and not response.direct_passthrough
        and not g.get("pokin_page_masked")
    ):
        response.set_data(mask_text(response.get_data(as_text=True)))
    return add_security_headers(response)


def wants_html() -> bool:
    """An HTML error page for page paths; the JSON error shape for /api/ and `.json` paths."""
    path = request.path
    return not (path.startswith("/api/") or path.endswith(".json"))


def error_page(status: int, message: str | None = None, headers: dict[str, str] | None = None) -> Response:
    body = render_template(
        "error.html", status=status, title=TITLES.get(status, "Kesalahan"), message=message or DETAILS.get(status, "")
    )
    response = Response(body, status=status, mimetype="text/html")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return secure(response)


def page_error(error: Exception) -> Response:
    """Any exception raised while answering a page, as an Indonesian HTML page."""
    if isinstance(error, ApiError):
        return error_page(error.status, error.error if error.status != 401 else None, error.headers)
    if isinstance(error, HTTPException):
        return error_page(error.code or 500)
    if is_timeout(error):
        return error_page(504)
    if isinstance(
        error,
        (
            neo4j_errors.ServiceUnavailable,
            neo4j_errors.SessionExpired,
            neo4j_errors.TransientError,
            neo4j_errors.AuthError,
        ),
    ):
        return error_page(503, headers={"Retry-After": "5"})
    current_app.logger.exception("unexpected error on a page")
    return error_page(500)


def html_for_unknown_paths(app: Flask) -> None:
    """Unknown addresses outside /api/ get the HTML 404 page; everything else keeps the JSON error shape."""
    handlers = app.error_handler_spec.setdefault(None, {}).setdefault(None, {})
    json_handler: Callable[[Any], Any] | None = handlers.get(HTTPException)

    def http_error(error: HTTPException):
        if wants_html() and request.blueprint is None:
            return error_page(error.code or 500)
        return json_handler(error) if json_handler else error

    app.register_error_handler(HTTPException, http_error)


def page_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint of HTML pages: every answer gets the pages' security headers (CSP and the rest) and every
    error becomes the Indonesian error page, whichever module owns the routes."""
    blueprint = Blueprint(name, import_name)
    blueprint.after_request(secure)
    blueprint.register_error_handler(Exception, page_error)
    return blueprint
