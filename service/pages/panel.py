"""GET /api/elements/<id>: the side panel's data for any node of a page (goal, indicator, activity, unit, ASN).

An ASN is asked for by NIP or, on anonymous pages, by its pseudonym (service.pages.people); anonymous answers
have NIPs masked like every other API answer.
"""

from __future__ import annotations

from flask import Blueprint, current_app

from service.http.errors import ApiError
from service.http.formats import YEAR_MAX, int_arg, query_args
from service.pages import data

api_bp = Blueprint("panel", __name__, url_prefix="/api")


@api_bp.get("/elements/<id>")
def element_detail(id: str):
    """Kind, names, unit and OPD, indicators with target, realisasi and capaian per year, assigned ASN, budget."""
    args = query_args(("year",))
    year = int_arg("year", args["year"], 1, YEAR_MAX) if args.get("year") else None
    found = data.element(id, year)
    if found is None:
        raise ApiError(404, f"no goal, indicator, activity, unit or ASN with id '{id}'")
    return current_app.json.response(ok=True, element=found)
