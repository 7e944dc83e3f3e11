"""Who is asking: a bearer token gives a role (reader < editor); no token means anonymous.

Tokens come from POKIN_TOKENS and are sent as `Authorization: Bearer <token>`. They are compared in
constant time (SHA-256 of both sides through hmac.compare_digest, against every configured token, so
neither the position nor the length of a match shows in the timing) and never logged or echoed.
Anonymous reading is allowed per POKIN_ANONYMOUS_READ: `loopback` (the default: only requests from
127.0.0.1 / ::1, i.e. the demo on one's own machine; behind a reverse proxy on the same host set it to
`false` or `true` explicitly, since every request then comes from loopback), `true` or `false`.
Anonymous responses get NIPs masked (service.http.masking).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import current_app, g, request

from service.http.errors import ApiError

RANK = {"reader": 1, "editor": 2}
LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")
# Readable by anyone, whatever POKIN_ANONYMOUS_READ says: probes and the API description.
PUBLIC_ENDPOINTS = ("api.health", "openapi.openapi")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="pokin"'}

P = ParamSpec("P")
R = TypeVar("R")


def role_for(token: str, tokens: Mapping[str, str]) -> str | None:
    """The role of a token, or None; every configured token is compared, in constant time."""
    given = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
    found = None
    for known, role in tokens.items():
        if hmac.compare_digest(given, hashlib.sha256(known.encode("utf-8")).digest()):
            found = role
    return found


def identify() -> None:
    """before_request: set g.role (None = anonymous) and g.mask_nips; refuse bad or missing tokens."""
    g.role = None
    g.mask_nips = True
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "use 'Authorization: Bearer <token>'", headers=CHALLENGE)
        role = role_for(token.strip(), current_app.config["TOKENS"])
        if role is None:
            raise ApiError(401, "unknown token", headers=CHALLENGE)
        g.role = role
        g.mask_nips = False
        return
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return  # unknown paths fall through to a plain 404
    if not anonymous_allowed():
        raise ApiError(401, "a token is needed: send 'Authorization: Bearer <token>'", headers=CHALLENGE)


def anonymous_allowed() -> bool:
    mode = current_app.config["ANONYMOUS_READ"]
    if mode == "true":
        return True
    if mode == "false":
        return False
    return (request.remote_addr or "") in LOOPBACK


def require(role: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: the endpoint needs a token of at least this role (401 without one, 403 if too low)."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            current = g.get("role")
            if current is None:
                raise ApiError(
                    401, f"this endpoint needs a {role} token: send 'Authorization: Bearer <token>'", headers=CHALLENGE
                )
            if RANK[current] < RANK[role]:
                raise ApiError(403, f"this endpoint needs the {role} role; your token is {current}")
            return view(*args, **kwargs)

        return wrapper

    return decorate
