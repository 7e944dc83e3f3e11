"""One element at a time: a goal, its achievement, a unit's summary, an ASN's line of sight, an impact.

The few lookups that are not named queries are the module-level Cypher constants below, run through
the app's one Runner with parameters; unknown ids are 404 rather than empty answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, current_app

from graph.audit import latest_year
from graph.capaian import scale
from service.http.database import database, run_named, scope
from service.http.errors import ApiError
from service.http.formats import YEAR_MAX, int_arg, list_response, output_format, query_args
from service.http.kept import kept_answer
from service.http.listing import list_route

bp = Blueprint("elements", __name__, url_prefix="/api")

GOAL_DETAIL = """
MATCH (g:Goal {id: $id})
WHERE ($datasets IS NULL OR g.dataset IN $datasets)
CALL (g) {
  OPTIONAL MATCH (u:Unit)-[:ASSIGNED_TO]->(g)
  WITH u ORDER BY u.id
  RETURN collect(u {.id, .name, .kind}) AS units
}
CALL (g) {
  OPTIONAL MATCH (g)-[:MEASURED_BY]->(i:Indicator)
  WITH i ORDER BY i.id
  CALL (i) {
    OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id})
    USING INDEX SEEK y:IndicatorYear(indicator_id)
    WHERE y.dataset = i.dataset OR i.dataset IS NULL
    WITH y ORDER BY y.year
    RETURN collect(properties(y)) AS years
  }
  RETURN collect(CASE WHEN i IS NOT NULL THEN i {.id, .name, .satuan, .polarity, years: years} END)
         AS indicators
}
CALL (g) {
  OPTIONAL MATCH (g)-[r:CONTRIBUTES_TO]->(t)
  WITH r, t ORDER BY t.id
  RETURN collect(CASE WHEN t IS NOT NULL THEN {id: t.id, label: head(labels(t)),
         level_or_kind: coalesce(t.level, t.kind), name: coalesce(t.statement, t.name),
         weight: r.weight} END) AS contributes_to
}
CALL (g) {
  CALL (g) {
    MATCH (c)-[r:CONTRIBUTES_TO]->(g) WHERE NOT coalesce(r.implied, false) RETURN c, r, g.id AS via
    UNION
    MATCH (g)-[:MEASURED_BY]->(i:Indicator)<-[r:CONTRIBUTES_TO]-(c) RETURN c, r, i.id AS via
  }
  WITH c, r, via ORDER BY via, c.id
  RETURN collect({id: c.id, label: head(labels(c)), level_or_kind: coalesce(c.level, c.kind),
                  name: coalesce(c.statement, c.name), weight: r.weight, via: via}) AS contributors
}
CALL (g) {
  OPTIONAL MATCH (s:ASN)-[:ASSIGNED_TO]->(g)
  WITH s ORDER BY s.nip
  RETURN collect(s {.nip, .name, .position}) AS assigned
}
RETURN g.id AS id, g.level AS level, g.statement AS statement, g.dataset AS dataset,
       head(units) AS unit, units, indicators, contributes_to, contributors, assigned
"""

GOAL_EXISTS = "MATCH (g:Goal {id: $id}) WHERE ($datasets IS NULL OR g.dataset IN $datasets) RETURN g.id AS id"

UNIT_SUMMARY = """
MATCH (u:Unit {id: $id})
WHERE ($datasets IS NULL OR u.dataset IN $datasets)
CALL (u) {
  OPTIONAL MATCH (u)-[:PART_OF]->(parent:Unit)
  WITH parent ORDER BY parent.id
  RETURN head(collect(parent {.id, .name, .kind})) AS parent
}
CALL (u) {
  OPTIONAL MATCH (sub:Unit)-[:PART_OF]->(u)
  WITH sub ORDER BY sub.id
  RETURN collect(sub {.id, .name, .kind}) AS sub_units
}
CALL (u) {
  MATCH (below:Unit)-[:PART_OF]->*(u)
  RETURN collect(DISTINCT below) AS tree
}
CALL (tree) {
  UNWIND tree AS x
  OPTIONAL MATCH (x)-[:ASSIGNED_TO]->(g:Goal)
  RETURN count(DISTINCT g) AS goals
}
CALL (tree) {
  UNWIND tree AS x
  OPTIONAL MATCH (s:ASN)-[:MEMBER_OF]->(x)
  RETURN count(DISTINCT s) AS staff
}
CALL (tree) {
  UNWIND tree AS x
  OPTIONAL MATCH (x)-[:ASSIGNED_TO]->(a:Activity)
  WHERE $year IS NULL OR a.year = $year
  WITH DISTINCT a
  RETURN count(a) AS activities, sum(coalesce(a.budget, 0)) AS budget
}
RETURN u.id AS id, u.name AS name, u.kind AS kind, u.dataset AS dataset, parent, sub_units,
       size(tree) - 1 AS units_below, goals, staff, activities, budget
"""

ASN_EXISTS = "MATCH (s:ASN {nip: $nip}) WHERE ($datasets IS NULL OR s.dataset IN $datasets) RETURN s.nip AS nip"

ELEMENT_EXISTS = """
CALL () {
  MATCH (x:Goal {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Indicator {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Activity {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
}
RETURN x.id AS id
"""


def _one(cypher: str, params: dict[str, Any], missing: str, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    """The one row of a lookup in the versions `datasets` (None: the default scope); 404 `missing` without it."""
    rows = database().read(cypher, {**params, "datasets": scope(datasets)})
    if not rows:
        raise ApiError(404, missing)
    return rows[0]


YEAR_FIELDS = (
    "year",
    "baseline",
    "target",
    "realisasi",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "realisasi_tw1",
    "realisasi_tw2",
    "realisasi_tw3",
    "realisasi_tw4",
)


@bp.get("/goals/<id>")
@kept_answer
def goal(id: str):
    """A goal with its units, indicators and their yearly figures, contributions both ways, assigned ASN."""
    query_args(())
    found = _one(GOAL_DETAIL, {"id": id}, f"no goal with id '{id}'")
    for indicator in found["indicators"]:
        indicator["years"] = [{field: year.get(field) for field in YEAR_FIELDS} for year in indicator["years"]]
    return current_app.json.response(ok=True, goal=found)


@list_route(bp, "/goals/<id>/achievement")
def goal_achievement(id: str, suffix: str | None):
    """Rows of the `achievement` query for this goal (`year`, default the latest reported year; `scale`, default
    the service's CAPAIAN_SCALE)."""
    fmt = output_format(suffix)
    args = query_args(("year", "scale"))
    chosen = args.get("scale") or current_app.config.get("CAPAIAN_SCALE")
    try:
        chosen = scale(chosen).key
    except ValueError as error:
        raise ApiError(400, str(error)) from None
    year = int_arg("year", args["year"], 1, YEAR_MAX) if args.get("year") else None
    _one(GOAL_EXISTS, {"id": id}, f"no goal with id '{id}'")
    if year is None:
        year = latest_year(database())
    if year is None:
        return list_response([], [], fmt=fmt, filename=f"achievement-{id}", year=None, goal=id, scale=chosen)
    columns, rows = run_named("achievement", {"year": year, "goal": id, "scale": chosen})
    return list_response(rows, columns, fmt=fmt, filename=f"achievement-{id}", year=year, goal=id, scale=chosen)


@bp.get("/units/<id>")
@kept_answer
def unit(id: str):
    """A unit: parent, sub-units, and for it and everything below it goals, staff, budget and findings."""
    args = query_args(("year",))
    year = int_arg("year", args["year"], 1, YEAR_MAX) if args.get("year") else None
    found = _one(UNIT_SUMMARY, {"id": id, "year": year}, f"no unit with id '{id}'")
    rows = run_named("activities_without_leverage", {"unit": id, "year": year})[1]
    found["findings"] = {
        "orphaned_staff": len(run_named("orphaned_staff", {"unit": id})[1]),
        "activities_without_leverage": len(rows),
        "budget_at_risk": sum(row.get("budget") or 0 for row in rows),
    }
    found["year"] = year
    return current_app.json.response(ok=True, unit=found)


@list_route(bp, "/staff/<nip>/line-of-sight")
def line_of_sight(nip: str, suffix: str | None):
    """Rows of `line_of_sight` for one ASN: every outcome their work reaches, with the path."""
    fmt = output_format(suffix)
    query_args(())
    _one(ASN_EXISTS, {"nip": nip}, f"no ASN with NIP '{nip}'")
    columns, rows = run_named("line_of_sight", {"nip": nip})
    return list_response(rows, columns, fmt=fmt, filename="line-of-sight")


@list_route(bp, "/elements/<id>/impact")
def impact(id: str, suffix: str | None):
    """Rows of `impact`: what a goal, indicator or activity supports above it and what supports it."""
    fmt = output_format(suffix)
    query_args(())
    _one(ELEMENT_EXISTS, {"id": id}, f"no goal, indicator or activity with id '{id}'")
    columns, rows = run_named("impact", {"id": id})
    return list_response(rows, columns, fmt=fmt, filename=f"impact-{id}")
