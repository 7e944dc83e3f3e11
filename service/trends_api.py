"""Trends across versions over HTTP (graph/trends.py): the capaian of an indicator or a unit in each version of the
period, and the realisasi against the period's end target, as JSON.

| address | what |
|---|---|
| `/api/trend/indicator/<id>[?pemda=P]` | one indicator's points (version, year, target, realisasi, capaian, end target, realisasi against it) |
| `/api/trend/unit/<id>[?pemda=P]` | one unit's capaian (its IKU) per version, and each IKU's trend beside it |

`pemda` names the Pemda when versions of several hold the id (else a 400 naming them). Each point carries `shown`:
its figures as the pages write them (`95,5%`), which the side panel draws.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from graph import capaian as rules
from graph.trends import TrendAmbiguous, TrendNotFound, indicator_trend, unit_trend
from service.http.database import catalog, database
from service.http.errors import ApiError
from service.http.formats import query_args
from service.pages.trend import with_shown

bp = Blueprint("trends", __name__, url_prefix="/api")
ID_MAX, PEMDA_MAX = 200, 100  # the OpenAPI document states both bounds


def _args(id_: str) -> dict[str, Any]:
    args = query_args(("pemda",))
    if len(id_) > ID_MAX or len(args.get("pemda", "")) > PEMDA_MAX:
        raise ApiError(400, f"the id takes at most {ID_MAX} characters and 'pemda' at most {PEMDA_MAX}")
    return {
        "pemda": args.get("pemda") or None,
        "cap": float(current_app.config.get("CAPAIAN_CAP", rules.DEFAULT_CAP)),
        "scale": current_app.config.get("CAPAIAN_SCALE"),
    }


def _answer(compute: Any) -> Any:
    try:
        trend = compute()
    except TrendNotFound as error:
        raise ApiError(404, str(error)) from None
    except TrendAmbiguous as error:
        raise ApiError(400, str(error)) from None
    return current_app.json.response(ok=True, trend=with_shown(trend))


@bp.get("/trend/indicator/<id>")
def indicator(id: str):
    """One indicator's capaian in each version of the period, and its realisasi against the end target."""
    options = _args(id)
    return _answer(lambda: indicator_trend(database(), id, **options))


@bp.get("/trend/unit/<id>")
def unit(id: str):
    """One unit's capaian (its IKU) in each version of the period, with each IKU's trend."""
    options = _args(id)
    return _answer(lambda: unit_trend(database(), catalog(), id, **options))
