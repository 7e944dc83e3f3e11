"""The whole audit of docs/domain.md ("What the audit looks for") as one run over the catalog's findings.

What a finding is (title, description, budget column, tree mark, year kind) is declared in its query's header
(graph/catalog.py): adding a finding is adding one .cypher file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.catalog import Catalog, Finding, NamedQuery
from graph.db import Reader
from graph.versions import default_scope

# What each reason of rhk_without_intervention says, for the pages (its title and columns: its query's header).
INTERVENSI_REASONS: dict[str, str] = {
    "no_rhk": "tidak memiliki RHK",
    "no_atasan": "tidak memiliki atasan",
    "atasan_without_rhk": "atasan tidak memiliki RHK",
    "opd_without_sasaran": "OPD tidak memiliki sasaran",
    "leads_elsewhere": "RHK mendukung kinerja pihak lain, bukan atasan",
    "leads_nowhere": "RHK tidak mendukung kinerja apa pun",
}


# A year counts as reported (its LKjIP realisasi is in) when at least this share of its indicator figures
# with a target carry a realisasi: a handful of mid-year figures do not make a year to judge.
REPORTED_SHARE = 0.5

_YEARS = """
MATCH (y:IndicatorYear)
WHERE y.year IS NOT NULL AND ($datasets IS NULL OR y.dataset IN $datasets)
RETURN y.year AS year, count(y.target) AS targets,
       count(CASE WHEN y.target IS NOT NULL AND y.realisasi IS NOT NULL THEN 1 END) AS reported,
       count(y.realisasi) AS realised
ORDER BY year DESC
"""


def latest_year(runner: Reader, datasets: Sequence[str] | None = None) -> int | None:
    """The year the audit and the pages show by default: the latest REPORTED year (at least REPORTED_SHARE
    of its figures with a target have a realisasi); else the latest year with any realisasi; else the latest
    year with figures; None without figures. The latest year with figures is usually the running one, whose
    realisasi nobody can have reported yet (docs/capaian.md). `datasets`: the versions read (None: the default
    scope, graph/versions.py)."""
    years = runner.read(_YEARS, {"datasets": _scope(runner, datasets)})
    if not years:
        return None
    for row in years:
        if row["targets"] and row["reported"] >= REPORTED_SHARE * row["targets"]:
            return row["year"]
    return next((row["year"] for row in years if row["realised"]), years[0]["year"])


def latest_budget_year(runner: Reader, datasets: Sequence[str] | None = None) -> int | None:
    """The latest budget year of the activities (the APBD the pagu belong to); None without activities."""
    rows = runner.read(
        "MATCH (a:Activity) WHERE a.year IS NOT NULL AND ($datasets IS NULL OR a.dataset IN $datasets) "
        "RETURN max(a.year) AS year",
        {"datasets": _scope(runner, datasets)},
    )
    return rows[0]["year"] if rows else None


@dataclass(frozen=True)
class DefaultYears:
    """What a run without a year looks at: figures of the latest reported year, activities of the latest
    budget year (mid-year these differ: last year's LKjIP, this year's DPA)."""

    figures: int | None
    budget: int | None

    def for_finding(self, finding: Finding | None) -> int | None:
        """The year a finding reads by default: figures or budget, as its header says (`finding year`)."""
        return self.figures if finding is not None and finding.year == "figures" else self.budget


def default_years(runner: Reader, datasets: Sequence[str] | None = None) -> DefaultYears:
    scope = _scope(runner, datasets)
    return DefaultYears(latest_year(runner, scope), latest_budget_year(runner, scope))


def _scope(runner: Reader, datasets: Sequence[str] | None) -> list[str] | None:
    """The versions a read uses: those given, else the default scope (graph/versions.py)."""
    return list(datasets) if datasets is not None else default_scope(runner)


def finding_params(query: NamedQuery, year: int | None, unit: str | None) -> dict[str, Any] | None:
    """The year and unit a finding's query declares (given ones only); None when it needs one not given
    (e.g. indicators_incomplete needs a year, and the data has no indicator figures): it does not apply."""
    declared = {param.name for param in query.params}
    params = {name: value for name, value in (("year", year), ("unit", unit)) if name in declared and value is not None}
    if any(not param.optional and param.name not in params for param in query.params):
        return None
    return params


def budget_total(finding: Finding, rows: list[dict[str, Any]]) -> float | int | None:
    """The sum of the finding's budget column over its rows; None for a finding without one."""
    if finding.budget is None:
        return None
    return sum(row.get(finding.budget) or 0 for row in rows)


def run_audit(
    runner: Reader,
    catalog: Catalog,
    *,
    year: int | None = None,
    unit: str | None = None,
    datasets: Sequence[str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows of every finding of the catalog; each query gets the year/unit it declares. Without a year,
    indicator figures are checked for the latest reported year and activities for the latest budget year
    (DefaultYears). `datasets`: the versions audited (None: the default scope, read once for every finding)."""
    catalog = catalog.within(runner, datasets)
    defaults = default_years(runner, catalog.datasets) if year is None else None
    results: dict[str, list[dict[str, Any]]] = {}
    for query in catalog.findings:
        chosen = year if defaults is None else defaults.for_finding(query.finding)
        params = finding_params(query, chosen, unit)
        if params is not None:
            results[query.name] = catalog.run(runner, query.name, params)
    return results


def summary_rows(catalog: Catalog, results: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One row per finding run: its name, title, count, and budget total when it declares a budget column."""
    rows = []
    for query in catalog.findings:
        if query.name not in results or query.finding is None:
            continue
        found = results[query.name]
        row: dict[str, Any] = {"finding": query.name, "title": query.finding.title, "count": len(found)}
        total = budget_total(query.finding, found)
        if total is not None:
            row["budget"] = total
        rows.append(row)
    return rows
