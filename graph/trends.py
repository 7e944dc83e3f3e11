"""Trends across versions: the capaian of an indicator and of a unit over the versions of one period (issue 20).

A Pemda's tree is kept once per PK year (graph/versions.py), so "how did this IKU do over the Renstra" reads one
point per version: the version of each year of the period, oldest first, each read by its own `dataset` key and
for its own year. The figures are never recomputed here by other formulas:
- an indicator's capaian of a year is graph/capaian.py's rule (the one the side panel and the documents use) on
  that version's IndicatorYear of the version's year;
- a unit's capaian is the `achievement` query's unit row (its IKU, docs/capaian.md), run once per version.
Beside the year's capaian each point carries the realisasi against the period's end target (kondisi akhir
periode, Indicator.target_end; without one, the target of the last year the version holds, as the documents
do), by the same rule: how far the period's goal is reached.

Which versions: those of the element's Pemda that hold the element and are a year's PK (a version whose kind is
`pk`, or that names a year and no kind), within the period of the latest of them when its period is recorded;
two versions of one year: the later. A Pemda with no yearly version (one unnamed import, a Renstra only) has one
point: its latest version, for its year or else the latest reported year (graph/audit.py). One version is a
trend of one point, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import fmean
from typing import Any, Final

from graph import capaian as rules
from graph.audit import latest_year
from graph.catalog import Catalog
from graph.db import Reader
from graph.versions import LIST_QUERY, Version, from_record, pemda_of

END_RECORDED: Final = "akhir_periode"  # the end target the data records (Indicator.target_end)
END_LAST_YEAR: Final = "tahun_terakhir"  # none recorded: the target of the last year the version holds

_HOLDERS = "MATCH (n:{label} {{id: $id}}) RETURN DISTINCT n.dataset AS dataset"
_FIGURES = """
MATCH (i:Indicator)
WHERE i.id IN $ids AND i.dataset IN $datasets
OPTIONAL MATCH (f:IndicatorYear {indicator_id: i.id, dataset: i.dataset})
WITH i, f ORDER BY f.year
RETURN i.id AS id, i.dataset AS dataset, i.name AS name, i.satuan AS satuan,
       coalesce(i.polarity, 'positif') AS polarity, i.target_end AS target_end, i.target_end_text AS target_end_text,
       collect(properties(f)) AS years
"""


class TrendNotFound(LookupError):
    """No version holds the element (of the Pemda asked for)."""


class TrendAmbiguous(ValueError):
    """The id is held by the versions of several Pemda, and none was named."""


def _holding(runner: Reader, label: str, id_: str, pemda: str | None) -> list[str]:
    """The datasets of one Pemda whose versions hold the element."""
    datasets = [row["dataset"] for row in runner.read(_HOLDERS.format(label=label), {"id": id_}) if row["dataset"]]
    if pemda is not None:
        datasets = [dataset for dataset in datasets if pemda_of(dataset) == pemda]
    pemdas = sorted({pemda_of(dataset) for dataset in datasets})
    if not pemdas:
        where = f" in Pemda '{pemda}'" if pemda is not None else ""
        raise TrendNotFound(f"no {label.lower()} with id '{id_}'{where}")
    if len(pemdas) > 1:
        raise TrendAmbiguous(f"'{id_}' is held by the versions of several Pemda: name one ({', '.join(pemdas)})")
    return datasets


def _yearly(version: Version) -> bool:
    return version.year is not None and version.kind in ("pk", None)


def period_versions(runner: Reader, datasets: Sequence[str]) -> list[tuple[Version, int | None]]:
    """(version, year of its figures) for each point of the trend, oldest first (see the module doc)."""
    known = {version.dataset: version for version in map(from_record, (row["v"] for row in runner.read(LIST_QUERY)))}
    held = [known.get(dataset, Version(dataset, pemda_of(dataset))) for dataset in datasets]
    yearly = [version for version in held if _yearly(version)]
    if not yearly:
        last = max(held, key=Version.order)
        return [(last, last.year if last.year is not None else latest_year(runner))]
    newest = max(yearly, key=Version.order)
    if newest.period_start is not None and newest.period_end is not None:
        yearly = [v for v in yearly if v.year is not None and newest.period_start <= v.year <= newest.period_end]
    by_year: dict[int, Version] = {}
    for version in sorted(yearly, key=Version.order):
        assert version.year is not None  # _yearly
        by_year[version.year] = version  # the later of two versions of one year
    return [(by_year[year], year) for year in sorted(by_year)]


def _end_target(found: Mapping[str, Any], figures: Mapping[int, Mapping[str, Any]]) -> dict[str, Any]:
    """The period's end target of one indicator in one version: recorded, else the last year's target."""
    if found.get("target_end") is not None or found.get("target_end_text") is not None:
        return {
            "target_end": found.get("target_end"),
            "target_end_text": found.get("target_end_text"),
            "target_end_source": END_RECORDED,
            "target_end_year": None,
        }
    years = [year for year, row in figures.items() if row.get("target") is not None or row.get("target_text")]
    last = max(years) if years else None
    row = figures.get(last, {}) if last is not None else {}
    return {
        "target_end": row.get("target"),
        "target_end_text": row.get("target_text"),
        "target_end_source": END_LAST_YEAR if last is not None else None,
        "target_end_year": last,
    }


def _indicator_point(
    version: Version, year: int | None, found: Mapping[str, Any] | None, cap: float, scale: rules.Scale
) -> dict[str, Any]:
    """One version's figures of an indicator for the version's year, with its capaian and the realisasi against
    the period's end target (graph/capaian.py's rule for both)."""
    point: dict[str, Any] = {"dataset": version.dataset, "version": version.name, "year": year}
    if found is None:  # the version does not hold the indicator (it arrived later or was dropped)
        return {**point, "held": False, "capaian": None, "band": None, "capaian_end": None}
    figures = {row["year"]: row for row in found["years"]}
    now = figures.get(year, {}) if year is not None else {}
    polarity = found["polarity"]
    value = rules.capaian(
        now.get("target"), now.get("realisasi"), polarity, now.get("target_min"), now.get("target_max"), cap
    )
    end = _end_target(found, figures)
    toward_end = rules.capaian(
        end["target_end"], now.get("realisasi"), polarity, now.get("target_min"), now.get("target_max"), cap
    )
    return {
        **point,
        "held": True,
        "satuan": now.get("satuan") or found.get("satuan"),
        "target": now.get("target"),
        "target_text": now.get("target_text"),
        "realisasi": now.get("realisasi"),
        "realisasi_text": now.get("realisasi_text"),
        "capaian": value,
        "band": scale.band(value),
        **end,
        "capaian_end": toward_end,
    }


def _figures(runner: Reader, ids: Sequence[str], datasets: Sequence[str]) -> dict[tuple[str, str], dict[str, Any]]:
    rows = runner.read(_FIGURES, {"ids": list(ids), "datasets": list(datasets)}) if ids and datasets else []
    return {(row["id"], row["dataset"]): row for row in rows}


def _indicator_trends(
    runner: Reader,
    ids: Sequence[str],
    steps: Sequence[tuple[Version, int | None]],
    cap: float,
    scale: rules.Scale,
) -> list[dict[str, Any]]:
    """The trend of each indicator over the same points (one query for all of them)."""
    found = _figures(runner, ids, [version.dataset for version, _ in steps])
    trends = []
    for id_ in ids:
        rows = [found.get((id_, version.dataset)) for version, _ in steps]
        latest: Mapping[str, Any] = next((row for row in reversed(rows) if row is not None), {})
        points = [_indicator_point(v, year, row, cap, scale) for (v, year), row in zip(steps, rows)]
        trends.append(
            {
                "kind": "indicator",
                "id": id_,
                "name": latest.get("name"),
                "satuan": latest.get("satuan"),
                "polarity": latest.get("polarity"),
                "points": points,
                **_period_end(points),
            }
        )
    return trends


def _period_end(points: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The period's end target as the latest version holding the element says it."""
    latest: Mapping[str, Any] = next((point for point in reversed(points) if point.get("held", True)), {})
    return {key: latest.get(key) for key in ("target_end", "target_end_text", "target_end_source", "target_end_year")}


def _trend_head(pemda: str, steps: Sequence[tuple[Version, int | None]], scale: rules.Scale) -> dict[str, Any]:
    newest = steps[-1][0]
    return {
        "pemda": pemda,
        "period_start": newest.period_start,
        "period_end": newest.period_end,
        "versions": [version.dataset for version, _ in steps],
        "scale": scale.key,
    }


def indicator_trend(
    runner: Reader,
    indicator_id: str,
    *,
    pemda: str | None = None,
    cap: float = rules.DEFAULT_CAP,
    scale: str | None = None,
) -> dict[str, Any]:
    """The capaian of one indicator in each version of the period, and its realisasi against the end target."""
    chosen = rules.scale(scale)
    datasets = _holding(runner, "Indicator", indicator_id, pemda)
    steps = period_versions(runner, datasets)
    trend = _indicator_trends(runner, [indicator_id], steps, cap, chosen)[0]
    return {**_trend_head(pemda_of(datasets[0]), steps, chosen), **trend}


def _scoped(catalog: Catalog, runner: Reader, dataset: str) -> Catalog:
    """The catalog reading one version: its queries' version scope fixed to `dataset` (graph/catalog.py)."""
    return catalog.within(runner, [dataset])


def _unit_point(
    runner: Reader, catalog: Catalog, unit_id: str, version: Version, year: int | None, params: Mapping[str, Any]
) -> dict[str, Any]:
    """One version's capaian of a unit: the achievement query's unit row (its IKU), for the version's year."""
    point: dict[str, Any] = {"dataset": version.dataset, "version": version.name, "year": year}
    rows = (
        _scoped(catalog, runner, version.dataset).run(runner, "achievement", {**params, "year": year, "unit": unit_id})
        if year is not None
        else []
    )
    row = next((row for row in rows if row["kind"] == "unit" and row["id"] == unit_id), {})
    return {
        **point,
        "capaian": row.get("capaian"),
        "band": row.get("band"),
        "indicators": row.get("indicators", 0),
        "basis": list(row.get("basis") or []),
        "rule": row.get("rule"),
    }


def unit_trend(
    runner: Reader,
    catalog: Catalog,
    unit_id: str,
    *,
    pemda: str | None = None,
    cap: float = rules.DEFAULT_CAP,
    scale: str | None = None,
) -> dict[str, Any]:
    """The capaian of one unit (its IKU) in each version of the period; the trend of each of its IKU beside it,
    and per point the mean of its IKU's realisasi against their end targets."""
    chosen = rules.scale(scale)
    datasets = _holding(runner, "Unit", unit_id, pemda)
    steps = period_versions(runner, datasets)
    params = {"cap": cap, "scale": chosen.key}
    points = [_unit_point(runner, catalog, unit_id, version, year, params) for version, year in steps]
    ids = sorted({id_ for point in points for id_ in point["basis"]})
    indicators = _indicator_trends(runner, ids, steps, cap, chosen)
    for index, point in enumerate(points):
        ends = [
            trend["points"][index]["capaian_end"]
            for trend in indicators
            if trend["id"] in point["basis"] and trend["points"][index]["capaian_end"] is not None
        ]
        point["capaian_end"] = round(fmean(ends), 2) if ends else None
    name = runner.read(
        "MATCH (u:Unit {id: $id}) WHERE u.dataset IN $datasets RETURN u.name AS name, u.kind AS kind LIMIT 1",
        {"id": unit_id, "datasets": [steps[-1][0].dataset]},
    )
    return {
        **_trend_head(pemda_of(datasets[0]), steps, chosen),
        "kind": "unit",
        "id": unit_id,
        "name": name[0]["name"] if name else None,
        "unit_kind": name[0]["kind"] if name else None,
        "points": points,
        "indicators": indicators,
    }
