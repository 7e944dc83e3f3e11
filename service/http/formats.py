"""Lists out as JSON, CSV or XLSX with one paging contract, and JSON that never breaks on Neo4j values.

A list answers `{"ok": true, "rows": [...], "columns": [...], "limit": L, "offset": O, "total": T}`.
`?format=csv|xlsx` (or a `.csv` / `.xlsx` suffix on the path) gives the same rows as a file through
graph.export, which neutralises cells a spreadsheet would execute. JSON pages default to `limit` =
PAGE_MAX; a CSV/XLSX export holds every row unless `limit`/`offset` are given.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Response, current_app, g, has_request_context, request
from flask.json.provider import DefaultJSONProvider
from neo4j.spatial import Point
from werkzeug.sansio.response import Response as AnyResponse

from graph.export import to_csv, to_xlsx
from service.http.errors import ApiError
from service.http.masking import mask

FORMATS = ("json", "csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PAGING_ARGS = ("limit", "offset", "format")
# the version a request reads (docs/versions.md): taken by every page and endpoint (service/http/database.py scope)
VERSION_ARG = "versi"
YEAR_MAX = 9999  # the largest year a client may ask for (`year`, `tahun`)
INT64_MAX = 2**63 - 1
MAX_JSON_DEPTH = 32  # arrays and objects nested deeper in a request body are refused before parsing
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # JSON strings, unrolled: long strings in C-speed runs
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def plain(value: Any) -> Any:
    """JSON-safe data: Neo4j temporal and spatial values as text, NaN/Infinity as text, bytes as hex."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal values (Duration is a tuple: test it first)
        return value.iso_format()
    if isinstance(value, Point):  # neo4j spatial points are tuples
        return {"srid": value.srid, "coordinates": [plain(item) for item in value]}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item) for item in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def masking_wanted() -> bool:
    return has_request_context() and bool(g.get("mask_nips", False))


class PokinJSONProvider(DefaultJSONProvider):
    """Every JSON response, errors included, passes here: values made plain and NIPs masked if anonymous."""

    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        obj = plain(obj)
        if masking_wanted():
            obj = mask(obj)
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int
    explicit: bool


def int_arg(name: str, text: str, minimum: int, maximum: int) -> int:
    """An integer query-string value within bounds, else a 400 naming the parameter."""
    if not re.fullmatch(r"\s*[+-]?\d+\s*", text or ""):
        raise ApiError(400, f"parameter '{name}' must be an integer, not '{text}'")
    value = int(text)
    if not minimum <= value <= maximum:
        raise ApiError(400, f"parameter '{name}' must be between {minimum} and {maximum}, not {value}")
    return value


def paging() -> Paging:
    page_max = current_app.config["PAGE_MAX"]
    errors = []
    limit, offset = page_max, 0
    try:
        if "limit" in request.args:
            limit = int_arg("limit", request.args["limit"], 1, page_max)
    except ApiError as exc:
        errors.append(exc.error)
    try:
        if "offset" in request.args:
            offset = int_arg("offset", request.args["offset"], 0, INT64_MAX)
    except ApiError as exc:
        errors.append(exc.error)
    if errors:
        raise ApiError(400, "invalid paging: " + "; ".join(errors), errors)
    return Paging(limit, offset, "limit" in request.args or "offset" in request.args)


def output_format(suffix: str | None = None) -> str:
    """The format asked for by a path suffix or `?format=`; both given must agree."""
    asked = request.args.get("format")
    if suffix is not None and suffix not in FORMATS:
        raise ApiError(400, f"unknown format '{suffix}'; use json, csv or xlsx")
    if asked is not None and asked not in FORMATS:
        raise ApiError(400, f"unknown format '{asked}'; use json, csv or xlsx")
    if suffix and asked and suffix != asked:
        raise ApiError(400, f"format '{asked}' contradicts the path suffix '.{suffix}'")
    return suffix or asked or "json"


def split_suffix(name: str) -> tuple[str, str | None]:
    """`orphaned_staff.csv` -> (`orphaned_staff`, `csv`)."""
    base, dot, suffix = name.rpartition(".")
    return (base, suffix) if dot and base else (name, None)


def query_args(allowed: Iterable[str]) -> dict[str, str]:
    """The query-string parameters of an endpoint; unknown or repeated ones are a 400 listing each."""
    allowed = set(allowed) | set(PAGING_ARGS) | {VERSION_ARG}
    errors = [f"unknown parameter '{name}'" for name in request.args if name not in allowed]
    errors += [
        f"parameter '{name}' is given more than once" for name in request.args if len(request.args.getlist(name)) > 1
    ]
    if errors:
        raise ApiError(400, "invalid parameters: " + "; ".join(errors), errors)
    return {name: request.args[name] for name in request.args if name not in PAGING_ARGS and name != VERSION_ARG}


def json_body() -> Any:
    """The request body as JSON, or None when it is not JSON. Nesting deeper than MAX_JSON_DEPTH is a 400
    before the parser sees it: Python's parser (and everything after it that walks the value) recurses, and
    a body of 100,000 brackets would overflow the stack."""
    try:
        text = request.get_data().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    depth = max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)
    if depth > MAX_JSON_DEPTH:
        raise ApiError(400, f"the JSON body is nested {depth} levels deep; at most {MAX_JSON_DEPTH} are accepted")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def list_response(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None, *, fmt: str, filename: str, **extra: Any
) -> AnyResponse:
    """One page of rows as JSON, or the rows as a CSV/XLSX download named `filename.<fmt>`."""
    page = paging()
    columns = list(columns) if columns else _columns(rows)
    chosen = list(rows) if fmt != "json" and not page.explicit else list(rows[page.offset : page.offset + page.limit])
    if fmt == "json":
        return current_app.json.response(
            ok=True, rows=chosen, columns=columns, limit=page.limit, offset=page.offset, total=len(rows), **extra
        )
    chosen = [plain(row) for row in chosen]
    if masking_wanted():
        chosen = [mask(row) for row in chosen]
    if fmt == "csv":
        body: bytes = ("\ufeff" + to_csv(chosen, columns)).encode("utf-8")
    else:
        body = to_xlsx({filename[:31]: (chosen, columns)})
    response = Response(body, mimetype=MEDIA_TYPES[fmt].split(";")[0])
    response.headers["Content-Type"] = MEDIA_TYPES[fmt]
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", filename) or "export"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def keep_version(endpoint: str, values: dict[str, Any]) -> None:
    """Every URL a request builds (links, .json twins, downloads) reads the version the request reads: its `versi`
    is added unless the link names one (Flask url_defaults)."""
    version = request.args.get(VERSION_ARG, "").strip() if has_request_context() else ""
    if version and endpoint != "static" and VERSION_ARG not in values:
        values[VERSION_ARG] = version
