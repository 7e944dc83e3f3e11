"""The Host allow-list: a request must name this service in its `Host` header (POKIN_ALLOWED_HOSTS).

Why: with anonymous reading on loopback (the demo default), a web page elsewhere could use DNS rebinding
(its own name, re-pointed at 127.0.0.1) to have the planner's browser read the data; the browser still sends
that foreign name as `Host`, so refusing unknown names closes the door. The default allows the loopback names
(`localhost`, `127.0.0.1`, `[::1]`) on any port; a deployment lists its own names, or `*` behind a proxy that
checks them. A refused request gets 400 (431 for a Host too long to be a name) in the one JSON error shape,
or a small HTML page for page addresses. It runs before everything else, tokens and CORS included.
"""

from __future__ import annotations

from html import escape

from flask import Flask, Response, current_app, request

from service.http.errors import error_response

MAX_HOST_CHARS = 261  # 253 for the name, a colon and a port of 5 digits, or a bracketed IPv6 address
HTML_TITLE = {400: "Alamat server tidak dikenal", 431: "Header Host terlalu panjang"}


def host_name(host: str) -> str:
    """`Example.org:5000` -> `example.org`, `[::1]:5000` -> `[::1]`: the name without its port."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    name, colon, port = host.rpartition(":")
    return name if colon and port.isdigit() else host


def check_host() -> Response | None:
    """before_request: refuse a request whose Host is too long or not in ALLOWED_HOSTS."""
    host = request.environ.get("HTTP_HOST") or request.environ.get("SERVER_NAME") or ""
    if len(host) > MAX_HOST_CHARS:
        return _refused(431, f"the Host header is longer than {MAX_HOST_CHARS} characters")
    allowed = current_app.config["ALLOWED_HOSTS"]
    if "*" in allowed or host_name(host) in allowed:
        return None
    return _refused(
        400,
        "this server does not answer to the host named in the Host header; "
        "its administrator lists the names it answers to in POKIN_ALLOWED_HOSTS",
    )


def _refused(status: int, message: str) -> Response:
    """The JSON error shape for the API and `.json` twins, a plain HTML page for page addresses. The page is
    built without url_for: a Host that cannot be parsed leaves the app without a URL adapter."""
    path = request.path
    if path.startswith("/api/") or path.endswith(".json"):
        return error_response(status, message)
    title = HTML_TITLE[status]
    body = (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>Server ini tidak melayani alamat yang diminta. Buka aplikasi melalui "
        f"alamat resminya.</p><p><small>{escape(message)}</small></p></body></html>"
    )
    return Response(body, status=status, mimetype="text/html")


def register_host_check(app: Flask) -> None:
    """First of all before_request hooks (CORS preflights and token checks come after it)."""
    app.before_request_funcs.setdefault(None, []).insert(0, check_host)
