"""The data of the pages that show what the API computes beyond the tree: crosscutting between OPD (one matrix,
and the work behind each cell), a capaian dashboard per OPD (its IKU, per triwulan, the trend over the years
with figures) and the leverage (daya ungkit) ranking. Plain JSON-able dicts: the HTML page renders them, the
`.json` twin returns them, service/pages/tables.py downloads their tables.

Queries: crosscutting_matrix, crosscutting_contributions, document_iku, leverage (cypher/); capaian of an IKU
by graph/capaian.py's rules through data.capaian, so the dashboard agrees with the panel and the documents.
"""

from __future__ import annotations

from statistics import fmean
from typing import Any

from flask import current_app, url_for

from graph import capaian as rules
from graph import trends
from service.http.database import bind, catalog, database
from service.pages import data
from service.pages.cache import fingerprint
from service.pages.trend import with_shown

ACTIVITIES_SHOWN = 100  # activities of the leverage ranking on the page (and in its download)
DOCUMENTS = (
    ("pk", "Perjanjian Kinerja"),
    ("iku", "Indikator Kinerja Utama"),
    ("cascading", "Matriks cascading"),
    ("lkjip", "Tabel LKjIP"),
    ("triwulan", "Monitoring triwulan"),
)


def _read(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """A named query within the pages' time for a list (PAGES_FINDING_TIMEOUT)."""
    query = catalog()[name]
    return database().read(
        query.cypher, bind(query, params), timeout=float(current_app.config["PAGES_FINDING_TIMEOUT"])
    )


# -- crosscutting -----------------------------------------------------------------------------------------------


def crosscutting(year: int | None) -> dict[str, Any]:
    """Every pair of OPD where one's work supports the other's outcomes, as rows and as a matrix (supporting OPD
    per row, receiving OPD per column); each cell links to the work behind it."""
    rows = _read("crosscutting_matrix", {"year": year})
    for row in rows:
        row["href"] = url_for(
            "pages.crosscutting_pair", from_unit=row["from_unit_id"], to_unit=row["to_unit_id"], tahun=year
        )
    names = {row["from_unit_id"]: row["from_unit_name"] for row in rows}
    names.update({row["to_unit_id"]: row["to_unit_name"] for row in rows})
    givers = sorted({row["from_unit_id"] for row in rows}, key=lambda id_: (names[id_] or "", id_))
    takers = sorted({row["to_unit_id"] for row in rows}, key=lambda id_: (names[id_] or "", id_))
    cells = {(row["from_unit_id"], row["to_unit_id"]): row for row in rows}
    matrix = [
        {
            "id": giver,
            "name": names[giver],
            "href": url_for("pages.capaian_unit", unit=giver),
            "cells": [cells.get((giver, taker)) for taker in takers],
        }
        for giver in givers
    ]
    columns = [{"id": taker, "name": names[taker]} for taker in takers]
    totals = {
        "pairs": len(rows),
        "budget": sum(row["budget"] or 0 for row in rows),
        "staff": sum(row["staff"] or 0 for row in rows),
        "activities": sum(row["activities"] or 0 for row in rows),
    }
    return {"year": year, "rows": rows, "matrix": matrix, "columns": columns, "totals": totals}


KIND_NAMES = {"Activity": "Kegiatan", "Goal": "Elemen kinerja", "ASN": "ASN"}


def crosscutting_pair(from_unit: str, to_unit: str, year: int | None) -> dict[str, Any]:
    """The activities, goals and ASN of one OPD that support another's outcomes, each linked to its page."""
    rows = _read("crosscutting_contributions", {"from_unit": from_unit, "to_unit": to_unit, "year": year})
    for row in rows:
        row["kind_name"] = KIND_NAMES.get(row["kind"], row["kind"])
        row["href"] = data.href(row["kind"], row["id"])
        row["outcome_links"] = [
            {"id": id_, "title": title, "href": data.href("Goal", id_)}
            for id_, title in zip(row["outcome_ids"], row["outcomes"])
        ]
        row["outcomes_shown"] = "; ".join(title or id_ for id_, title in zip(row["outcome_ids"], row["outcomes"]))
        if row["kind"] == "ASN":
            row["code"] = row["id"]
    counts = {kind: sum(1 for row in rows if row["kind"] == kind) for kind in KIND_NAMES}
    budget = sum(row["budget"] or 0 for row in rows if row["kind"] == "Activity")
    return {
        "year": year,
        "from_unit": from_unit,
        "to_unit": to_unit,
        "from_name": data.unit_name(from_unit),
        "to_name": data.unit_name(to_unit),
        "rows": rows,
        "total": len(rows),
        "counts": counts,
        "budget": budget,
        "matrix_href": url_for("pages.crosscutting", tahun=year),
    }


# -- capaian per OPD --------------------------------------------------------------------------------------------


def _iku(unit: str, year: int) -> list[dict[str, Any]]:
    """The unit's IKU for one year with capaian, predikat and capaian per triwulan (graph/capaian.py)."""
    rows = _read("document_iku", {"unit": unit, "year": year})
    cap = float(current_app.config.get("CAPAIAN_CAP", rules.DEFAULT_CAP))
    for row in rows:
        row["capaian"] = data.capaian(row, row.get("polarity"))
        row["band"] = data.band(row["capaian"])
        for quarter in rules.QUARTERS:
            row[f"capaian_tw{quarter}"] = rules.quarter_capaian(row, row.get("polarity"), quarter, cap)
        row["href"] = data.href("Indicator", row["indicator_id"])
    return rows


def _mean(values: list[Any]) -> float | None:
    known = [value for value in values if value is not None]
    return round(fmean(known), 2) if known else None


def opd_capaian(unit: str, year: int | None) -> dict[str, Any]:
    """One OPD's dashboard: its IKU of the year (latest reported by default) with capaian per triwulan, the
    unit's capaian (the mean of its IKU's, as the achievement query computes it), the trend of each IKU over
    every year with figures, and the documents and pages of the OPD."""
    known = data.years()
    year = year if year is not None else known["latest"]
    iku = _iku(unit, year) if year is not None else []
    quarters = [
        {"quarter": quarter, "capaian": _mean([row[f"capaian_tw{quarter}"] for row in iku])}
        for quarter in rules.QUARTERS
    ]
    years = sorted(known["indicator_years"])
    by_indicator: dict[str, dict[str, Any]] = {}
    per_year = []
    for each in years:
        rows = iku if each == year else _iku(unit, each)
        for row in rows:
            entry = by_indicator.setdefault(
                row["indicator_id"],
                {
                    "indicator_id": row["indicator_id"],
                    "indicator": row["indicator"],
                    "goal": row["goal"],
                    "href": row["href"],
                    "capaian": {},
                },
            )
            entry["capaian"][str(each)] = row["capaian"]
        value = _mean([row["capaian"] for row in rows])
        per_year.append({"year": each, "capaian": value, "band": data.band(value), "indicators": len(rows)})
    unit_value = _mean([row["capaian"] for row in iku])
    return {
        "unit": unit,
        "unit_name": data.unit_name(unit),
        "year": year,
        "iku": iku,
        "capaian": unit_value,
        "band": data.band(unit_value),
        "quarters": quarters,
        "trend": {"years": years, "rows": list(by_indicator.values()), "per_year": per_year},
        "scale": data.scale_info(),
        "links": _opd_links(unit, year),
    }


def version_trend(unit: str) -> dict[str, Any] | None:
    """The unit's capaian in each version of its period (graph/trends.py), with the texts the page shows; None
    when no version holds it alone (the ids of several Pemda)."""
    try:
        cap = float(current_app.config.get("CAPAIAN_CAP", rules.DEFAULT_CAP))
        found = trends.unit_trend(database(), catalog(), unit, cap=cap, scale=current_app.config.get("CAPAIAN_SCALE"))
    except (trends.TrendNotFound, trends.TrendAmbiguous):
        return None
    return with_shown(found)


def _opd_links(unit: str, year: int | None) -> list[dict[str, str]]:
    """The OPD's documents (SAKIP) and its other pages."""
    args: dict[str, Any] = {"unit": unit, "tahun": year} if year is not None else {"unit": unit}
    links = [
        {"label": label, "href": url_for("documents.document_page", kind=kind, **args)} for kind, label in DOCUMENTS
    ]
    links.append({"label": "Matriks Peran Hasil", "href": url_for("mph.mph_page", unit=unit)})
    links.append({"label": "Pohon kinerja (cascading)", "href": url_for("pages.tree", unit=unit)})
    return links


def opd_list(year: int | None) -> dict[str, Any]:
    """Every OPD's capaian of the year (the Beranda's table), each linked to its dashboard."""
    known = data.years()
    shown = year if year is not None else known["latest"]
    achievement = data.opd_achievement(shown, None, fingerprint())
    for row in achievement["rows"]:
        row["dashboard_href"] = url_for("pages.capaian_unit", unit=row["id"], tahun=year)
    return {"year": shown, "achievement": achievement}


# -- leverage -----------------------------------------------------------------------------------------------------


def leverage(year: int | None) -> dict[str, Any]:
    """OPD ranked by the outcomes their activities reach (then pagu), and the first ACTIVITIES_SHOWN activities."""
    rows = _read("leverage", {"year": year})
    units = [row for row in rows if row["kind"] == "unit"]
    activities = [row for row in rows if row["kind"] == "activity"]
    for rank, row in enumerate(units, start=1):
        row.update(rank=rank, href=url_for("pages.capaian_unit", unit=row["id"], tahun=year))
    for rank, row in enumerate(activities, start=1):
        row.update(rank=rank, href=data.href("Activity", row["id"]))
    without = sum(1 for row in activities if not row["outcomes_reached"])
    return {
        "year": year,
        "units": units,
        "activities": activities[:ACTIVITIES_SHOWN],
        "activities_total": len(activities),
        "activities_without_outcome": without,
    }
