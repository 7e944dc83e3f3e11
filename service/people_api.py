"""People at risk over HTTP (graph/people.py; docs/domain.md, "People at risk"), as JSON, CSV or XLSX:

| address | what |
|---|---|
| `/api/people/single-points-of-failure` | every (ASN, outcome goal or IKU) hanging on that one ASN |
| `/api/people/retirements?year=Y[&bup=&bup_jpt=&bup_madya=&bup_utama=]` | who reaches the batas usia pensiun in Y, and what then loses its only contributor |
| `/api/people/what-if-move?nip=N[&to=UNIT]` | the mutasi of one ASN before it happens (graph/people.py what_if_move) |

NIPs are masked for anonymous readers as in every answer (service/http/masking.py); what-if-move finds its ASN by the
whole NIP only (an exact match), so no part of a NIP tells anything.
"""

from __future__ import annotations

from flask import Blueprint

from graph.people import MOVE_COLUMNS, MoveError, retirements, single_points_of_failure, what_if_move
from service.http.database import catalog, database
from service.http.errors import ApiError
from service.http.formats import YEAR_MAX, int_arg, list_response, output_format, query_args
from service.http.listing import list_route

bp = Blueprint("people", __name__, url_prefix="/api")

SPOF_COLUMNS = ["nip", "target", "target_kind", "via", "sole"]
RETIREMENT_COLUMNS = [
    "nip",
    "name",
    "position",
    "unit_id",
    "unit_name",
    "born",
    "jabatan",
    "bup",
    "reaches_on",
    "pension_from",
    "loses",
    "hangs_on",
]
AGES = ("bup", "bup_jpt", "bup_madya", "bup_utama")
AGE_MIN, AGE_MAX = 40, 80
NIP_MAX, UNIT_MAX = (
    40,
    200,
)  # a NIP has 18 digits; the OpenAPI document states both bounds  # no batas usia pensiun lies outside these


@list_route(bp, "/people/single-points-of-failure", "people_single_points_of_failure")
def spof(suffix: str | None):
    """Outcome goals and IKU whose every path of work from the staff passes through one ASN."""
    fmt = output_format(suffix)
    query_args(())
    rows = single_points_of_failure(database(), catalog())
    return list_response(rows, SPOF_COLUMNS, fmt=fmt, filename="single-points-of-failure")


@list_route(bp, "/people/retirements", "people_retirements")
def retiring(suffix: str | None):
    """Who reaches the batas usia pensiun in `year` (required), each age settable (`bup`, `bup_jpt`, ...)."""
    fmt = output_format(suffix)
    args = query_args(("year", *AGES))
    if not args.get("year"):
        raise ApiError(400, "parameter 'year' is required")
    year = int_arg("year", args["year"], 1, YEAR_MAX)
    ages = {name: int_arg(name, args[name], AGE_MIN, AGE_MAX) for name in AGES if args.get(name)}
    rows = retirements(database(), catalog(), year, ages)
    return list_response(rows, RETIREMENT_COLUMNS, fmt=fmt, filename=f"retirements-{year}")


@list_route(bp, "/people/what-if-move", "people_what_if_move")
def moving(suffix: str | None):
    """The mutasi of the ASN `nip` (required, whole) before it happens, optionally `to` a unit."""
    fmt = output_format(suffix)
    args = query_args(("nip", "to"))
    if not args.get("nip"):
        raise ApiError(400, "parameter 'nip' is required")
    if len(args["nip"]) > NIP_MAX or len(args.get("to", "")) > UNIT_MAX:
        raise ApiError(400, f"'nip' takes at most {NIP_MAX} characters and 'to' at most {UNIT_MAX}")
    try:
        rows = what_if_move(database(), catalog(), args["nip"], args.get("to") or None)
    except MoveError as error:
        raise ApiError(404, str(error)) from error
    return list_response(rows, MOVE_COLUMNS, fmt=fmt, filename="what-if-move")
