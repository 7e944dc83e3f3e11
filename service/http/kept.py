"""Whole answers of read endpoints kept in the app's ResultCache (service/http/results.py) per data version.

Why: once the rows are kept, what a request still costs is turning them into JSON, CSV or a page (masking,
links, a network view of hundreds of nodes: tens of milliseconds). Keeping the finished answer makes a
repeated request cost a lookup. The key is the path, the query string and who asks (role, and whether NIPs
are masked), so an anonymous reader never gets an answer built for a token holder. Only complete 200
answers are kept: errors, streamed files and pages that ran out of time (`g.pokin_partial`) are not, and
the after-request hooks (security headers, CORS) still run on every answer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import current_app, g, request

from service.http.database import database


class _NotKept(Exception):
    """The answer is passed on as it is and nothing is kept."""

    def __init__(self, response: Any) -> None:
        super().__init__("not kept")
        self.response = response


def kept_answer(view: Callable[..., Any]) -> Callable[..., Any]:
    """Serve a GET view's complete 200 answer from the result cache while the data version holds."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        db = database()
        if request.method != "GET" or not db.results.enabled:
            return view(*args, **kwargs)
        key = (
            "answer",
            request.path,
            tuple(sorted(request.args.items(multi=True))),
            g.get("role"),
            bool(g.get("mask_nips", True)),
        )

        def answer() -> tuple[int, list[tuple[str, str]], bytes, bool]:
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code != 200 or response.is_streamed or g.get("pokin_partial"):
                raise _NotKept(response)
            return (
                response.status_code,
                list(response.headers.items()),
                response.get_data(),
                bool(g.get("pokin_page_masked")),
            )

        try:
            status, headers, body, masked = db.results.value(key, db.version(), answer)
        except _NotKept as skipped:
            return skipped.response
        g.pokin_page_masked = masked  # a page masked when it was rendered is not masked again
        return current_app.response_class(body, status=status, headers=headers)

    return wrapper
