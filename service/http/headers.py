"""Security headers on every response the service sends: pages, API answers (JSON, CSV, XLSX), errors,
`.json` twins, assets and Flask's `/static/` files alike.

- `Content-Security-Policy`: the pages' policy for HTML (scripts, styles, images and data only from this
  service, no inline script, no framing); `default-src 'none'; frame-ancestors 'none'` for everything else,
  so an answer opened directly in a browser can run nothing.
- `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: same-origin`,
  `Permissions-Policy`, `Cross-Origin-Opener-Policy: same-origin`.
- `Cache-Control: no-store` on everything except the fixed assets (scripts, styles: `/aset/`, `/static/`):
  answers and pages carry personal data (NIPs for token holders), which no browser or proxy cache may keep.
"""

from __future__ import annotations

from flask import Flask, Response, request

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'"
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ASSET_ENDPOINTS = ("static", "pages.asset")  # the same files for everyone: browsers may keep them


def add_security_headers(response: Response) -> Response:
    """after_request of the whole app (see the module doc)."""
    response.headers["Content-Security-Policy"] = CSP if response.mimetype == "text/html" else NON_HTML_CSP
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not (request.endpoint in ASSET_ENDPOINTS and response.status_code in (200, 304)):
        response.headers["Cache-Control"] = "no-store"
    return response


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
