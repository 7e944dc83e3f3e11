"""People at risk over HTTP (graph/people.py; docs/domain.md, "People at risk"), as JSON, CSV or XLSX:

| address | what |
|---|---|
| `/api/people/single-points-of-failure` | every (ASN, outcome goal or IKU) hanging on that one ASN |
| `/api/people/retirements?year=Y[&bup=&bup_jpt=&bup_madya=&bup_utama=]` | who reaches the batas usia pensiun in Y, and what then loses its only contributor |

NIPs are masked for anonymous readers as in every answer (service/masking.py).
"""
from __future__ import annotations

from graph.people import retirements, single_points_of_failure
from service.api import YEAR_MAX, list_route
from service.database import catalog, database
from service.errors import ApiError
from service.formats import int_arg, list_response, output_format, query_args

SPOF_COLUMNS = ["nip", "target", "target_kind", "via", "sole"]
RETIREMENT_COLUMNS = ["nip", "name", "position", "unit_id", "unit_name", "born", "jabatan", "bup", "reaches_on",
                      "pension_from", "loses", "hangs_on"]
AGES = ("bup", "bup_jpt", "bup_madya", "bup_utama")
AGE_MIN, AGE_MAX = 40, 80  # no batas usia pensiun lies outside these


@list_route("/people/single-points-of-failure", "people_single_points_of_failure")
def spof(suffix: str | None):
    """Outcome goals and IKU whose every path of work from the staff passes through one ASN."""
    fmt = output_format(suffix)
    query_args(())
    rows = single_points_of_failure(database(), catalog())  # type: ignore[arg-type]
    return list_response(rows, SPOF_COLUMNS, fmt=fmt, filename="single-points-of-failure")


@list_route("/people/retirements", "people_retirements")
def retiring(suffix: str | None):
    """Who reaches the batas usia pensiun in `year` (required), each age settable (`bup`, `bup_jpt`, ...)."""
    fmt = output_format(suffix)
    args = query_args(("year", *AGES))
    if not args.get("year"):
        raise ApiError(400, "parameter 'year' is required")
    year = int_arg("year", args["year"], 1, YEAR_MAX)
    ages = {name: int_arg(name, args[name], AGE_MIN, AGE_MAX) for name in AGES if args.get(name)}
    rows = retirements(database(), catalog(), year, ages)  # type: ignore[arg-type]
    return list_response(rows, RETIREMENT_COLUMNS, fmt=fmt, filename=f"retirements-{year}")
