"""What changed between two versions over HTTP (graph/diff.py), as JSON or a workbook:

| address | what |
|---|---|
| `/api/diff?a=A&b=B[&limit=N]` (`.json`, `.xlsx`, or `?format=`) | every section of the diff from version A to B |

A and B are dataset keys (`sukamaju`, `sukamaju@2026`); a key the graph does not hold is a 400 naming it. JSON
holds at most `limit` rows per section (default 200, at most 5,000) with every section's full count; the
workbook holds the same rows, a sheet per section and one for the summary. NIPs are masked for anonymous
readers as in every answer (service/http/masking.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, request

from graph.diff import ROWS_DEFAULT, ROWS_MAX, Diff, diff, diff_workbook
from graph.diff_read import KEY_MAX, UnknownVersion
from service.http.database import database
from service.http.errors import ApiError
from service.http.formats import MEDIA_TYPES, VERSION_ARG, int_arg, masking_wanted
from service.http.kept import kept_answer
from service.http.masking import mask

bp = Blueprint("diff", __name__, url_prefix="/api")

DIFF_FORMATS = ("json", "xlsx")


def versions_diff(a: str | None, b: str | None, *, indonesian: bool = False) -> Diff:
    """The diff of the two keys a request names (both required), an unknown one a 400 naming it (in Bahasa
    Indonesia for the page)."""
    missing = [name for name, value in (("a", a), ("b", b)) if not value]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise ApiError(400, f"Parameter {names} wajib diisi" if indonesian else f"parameter(s) required: {names}")
    assert a is not None and b is not None
    if len(a) > KEY_MAX or len(b) > KEY_MAX:
        raise ApiError(400, f"'a' and 'b' take at most {KEY_MAX} characters")
    try:
        return diff(database(), a, b)
    except UnknownVersion as error:
        if indonesian:
            raise ApiError(400, "Versi tidak dikenal: " + ", ".join(f"'{key[:80]}'" for key in error.keys)) from None
        raise ApiError(400, str(error)) from None


def diff_data(found: Diff, limit: int) -> dict[str, Any]:
    """The diff as the JSON answer and the page show it: bounded per section, NIPs masked when they must be."""
    data = found.as_dict(limit)
    return mask(data) if masking_wanted() else data


@kept_answer
def api_diff(suffix: str | None) -> Any:
    """GET /api/diff: what changed from version `a` to version `b`."""
    allowed = {"a", "b", "limit", "format", VERSION_ARG}  # `versi` (kept in every link) names no side here
    unknown = sorted(name for name in request.args if name not in allowed)
    repeated = sorted(name for name in request.args if len(request.args.getlist(name)) > 1)
    if unknown or repeated:
        errors = [f"unknown parameter '{name}'" for name in unknown]
        errors += [f"parameter '{name}' is given more than once" for name in repeated]
        raise ApiError(400, "invalid parameters: " + "; ".join(errors), errors)
    asked = request.args.get("format")
    fmt = suffix or asked or "json"
    if fmt not in DIFF_FORMATS or (suffix and asked and suffix != asked):
        raise ApiError(400, f"format '{fmt}' unknown or contradicting the suffix; use json or xlsx")
    text = request.args.get("limit", "")
    limit = int_arg("limit", text, 1, ROWS_MAX) if text else ROWS_DEFAULT
    data = diff_data(versions_diff(request.args.get("a"), request.args.get("b")), limit)
    if fmt == "xlsx":
        response = Response(diff_workbook(data), mimetype=MEDIA_TYPES["xlsx"].split(";")[0])
        response.headers["Content-Disposition"] = 'attachment; filename="perubahan.xlsx"'
        return response
    return current_app.json.response(ok=True, **data)


bp.add_url_rule("/diff", "diff", api_diff, methods=["GET"], defaults={"suffix": None})
bp.add_url_rule("/diff.<suffix>", "diff", api_diff, methods=["GET"])
