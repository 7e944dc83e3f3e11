"""People at risk on the pages (graph/people.py; docs/domain.md, "People at risk"): the Beranda's two rows beside
the audit findings and the list behind each, both under the Beranda's unit filter.

- single points of failure: every (ASN, outcome goal or IKU) hanging on that one ASN; a row belongs to a unit
  when the person works in it or below it, or the outcome is one the unit is accountable for;
- retirements: who reaches the batas usia pensiun in each of `PEOPLE_RETIREMENT_YEARS` years from the year the
  page shows (the ages of `PEOPLE_BUP`); a row belongs to a unit when the person works in it or below it.

The whole graph's answer is computed once per data version (service/pages/cache.py) and filtered per unit: a
single point of failure is a property of the whole graph (another unit's work may be the second path).
"""

from __future__ import annotations

import datetime
from typing import Any

from flask import current_app, url_for

from graph import people as people_risk
from service.http.database import catalog, database
from service.pages.cache import TimedOut, cached, fingerprint

AGE_KEYS = ("bup", "bup_jpt", "bup_madya", "bup_utama")
DEFAULT_BUP = "58,60,60,65"
SPOF_TITLE = "Sasaran dan IKU yang bergantung pada satu ASN (titik rawan tunggal)"
RETIREMENT_TITLE = "ASN mencapai batas usia pensiun tahun {year}"
SPOF_HEADERS = {
    "nip": "ASN (NIP)",
    "target": "Sasaran / IKU",
    "target_kind": "Jenis",
    "sole": "Bergantung karena",
    "via": "Melalui elemen yang hanya dipegangnya",
}
RETIREMENT_HEADERS = {
    "nip": "NIP",
    "name": "Nama",
    "position": "Jabatan",
    "unit_name": "Unit",
    "bup": "BUP",
    "reaches_on": "Mencapai BUP",
    "pension_from": "TMT pensiun",
    "loses": "Kehilangan satu-satunya kontributor",
    "hangs_on": "Bergantung padanya",
}


def parse_ages(text: str) -> dict[str, int]:
    """`PEOPLE_BUP` ("58,60,60,65": everyone else, JPT, fungsional ahli madya, ahli utama) as the retirements
    query's parameters; anything else stops the app at start, naming the setting."""
    parts = [part.strip() for part in str(text).split(",")]
    if len(parts) != len(AGE_KEYS) or not all(part.isdigit() and 40 <= int(part) <= 80 for part in parts):
        raise ValueError(
            f"POKIN_PEOPLE_BUP must be four ages 40-80 (everyone else, JPT, ahli madya, ahli utama) "
            f"such as {DEFAULT_BUP}, not {str(text)[:40]!r}"
        )
    return dict(zip(AGE_KEYS, map(int, parts)))


def ages() -> dict[str, int]:
    return parse_ages(current_app.config["PEOPLE_BUP"])


def retirement_years(year: int | None) -> list[int]:
    """The years the Beranda counts retirements in: from the year it shows (this calendar year without one)."""
    first = year or datetime.date.today().year
    return [first + k for k in range(max(1, int(current_app.config["PEOPLE_RETIREMENT_YEARS"])))]


def _spof(timeout: float) -> list[dict[str, Any]]:
    return people_risk.single_points_of_failure(database(), catalog())


def spof_rows(scope: dict[str, list[str]] | None, timeout: float) -> list[dict[str, Any]]:
    rows = cached(("people", "spof"), _spof, timeout, fingerprint())
    if scope is None:
        return rows
    staff, elements = set(scope["staff"]), set(scope["elements"])
    return [row for row in rows if row["nip"] in staff or row["target"] in elements]


def retirement_rows(year: int, scope: dict[str, list[str]] | None, timeout: float) -> list[dict[str, Any]]:
    chosen = ages()

    def compute(budget: float) -> list[dict[str, Any]]:
        return people_risk.retirements(database(), catalog(), year, chosen, spof_rows(None, budget))

    rows = cached(("people", "retirements", year, tuple(chosen.values())), compute, timeout, fingerprint())
    if scope is None:
        return rows
    staff = set(scope["staff"])
    return [row for row in rows if row["nip"] in staff]


def beranda_rows(
    year: int | None, unit: str | None, scope: dict[str, list[str]] | None, timeout: float
) -> list[dict[str, Any]]:
    """The Beranda's rows: single points of failure, then retirements per year (count None while computing)."""
    rows: list[dict[str, Any]] = []
    parts: list[tuple[str, str, dict[str, Any], Any]] = [
        ("single_points_of_failure", SPOF_TITLE, {"endpoint": "pages.spof"}, lambda: spof_rows(scope, timeout))
    ]
    for shown in retirement_years(year):
        parts.append(
            (
                "retirements",
                RETIREMENT_TITLE.format(year=shown),
                {"endpoint": "pages.retirements", "tahun": shown},
                lambda shown=shown: retirement_rows(shown, scope, timeout),
            )
        )
    for key, title, link, compute in parts:
        row: dict[str, Any] = {
            "finding": key,
            "title": title,
            "count": None,
            "loses": None,
            "status": "ok",
            "href": url_for(link["endpoint"], tahun=link.get("tahun"), unit=unit),
        }
        rows.append(row)
        try:
            found = compute()
        except TimedOut:
            row["status"] = "sedang dihitung; muat ulang sebentar lagi"
            continue
        row["count"] = len(found)
        if key == "retirements":
            row["year"] = link["tahun"]
            row["loses"] = sum(1 for item in found if item["loses"])
    return rows


def listing(kind: str, year: int | None, unit: str | None, scope: dict[str, list[str]] | None) -> dict[str, Any]:
    """One list page's data: title, columns with their headers, rows with the links of what they name."""
    from service.pages.data import href  # the pages' links (data imports this module for the Beranda)

    timeout = float(current_app.config["PAGES_FINDING_TIMEOUT"])
    if kind == "spof":
        rows, headers, title = spof_rows(scope, timeout), SPOF_HEADERS, SPOF_TITLE
        year = None
    else:
        year = retirement_years(year)[0]
        rows, headers = retirement_rows(year, scope, timeout), RETIREMENT_HEADERS
        title = RETIREMENT_TITLE.format(year=year)
    links = []
    for row in rows:
        linked: dict[str, Any] = {"nip": href("ASN", row["nip"])}
        for column in ("target", "via", "loses", "hangs_on"):
            if column in row:
                value = row[column]
                linked[column] = (
                    [href("Goal", item) for item in value] if isinstance(value, list) else href("Goal", value)
                )
        if row.get("unit_id"):
            linked["unit_name"] = href("Unit", row["unit_id"])
        links.append(linked)
    return {
        "kind": kind,
        "title": title,
        "year": year,
        "unit": unit,
        "columns": list(headers),
        "headers": headers,
        "rows": rows,
        "links": links,
        "total": len(rows),
        "ages": ages(),
    }
