"""The whole audit of docs/domain.md ("What the audit looks for") as one run over the catalog's queries."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.catalog import Catalog
from graph.db import Runner


@dataclass(frozen=True)
class Finding:
    query: str
    title: str  # shown to auditors, in Bahasa Indonesia


FINDINGS: tuple[Finding, ...] = (
    Finding("orphaned_staff", "ASN tanpa kontribusi ke outcome"),
    Finding("activities_without_leverage", "Kegiatan tanpa daya ungkit ke outcome"),
    Finding("budget_at_risk_by_unit", "Anggaran berisiko per unit"),
    Finding("goals_without_indicator", "Sasaran tanpa indikator"),
    Finding("indicators_incomplete", "Indikator tanpa target, satuan atau realisasi"),
    Finding("goals_unassigned", "Sasaran tanpa penanggung jawab"),
    Finding("outcome_goals_without_activity", "Outcome tanpa kegiatan pendukung"),
    Finding("units_without_outcome", "Unit yang seluruh kinerjanya tidak mencapai outcome"),
    Finding("opd_trees_unlinked", "Pohon kinerja OPD tidak terhubung ke Pemda"),
    Finding("cascade_level_violations", "Kontribusi ke level yang sama atau lebih rendah"),
    Finding("cascade_skipped_levels", "Cascading melompati level"),
    Finding("contribution_cycles", "Siklus kontribusi"),
    Finding("output_indicators_as_outcomes", "Indikator output pada sasaran outcome"),
    Finding("rhk_without_intervention", "RHK yang tidak mengintervensi RHK atasan"),
)
# What each reason of rhk_without_intervention says, for the pages (with its title above: one finding's words).
INTERVENSI_REASONS: dict[str, str] = {
    "no_rhk": "tidak memiliki RHK", "no_atasan": "tidak memiliki atasan",
    "atasan_without_rhk": "atasan tidak memiliki RHK", "opd_without_sasaran": "OPD tidak memiliki sasaran",
    "leads_elsewhere": "RHK mendukung kinerja pihak lain, bukan atasan",
    "leads_nowhere": "RHK tidak mendukung kinerja apa pun"}


# A year counts as reported (its LKjIP realisasi is in) when at least this share of its indicator figures
# with a target carry a realisasi: a handful of mid-year figures do not make a year to judge.
REPORTED_SHARE = 0.5

_YEARS = """
MATCH (y:IndicatorYear)
WHERE y.year IS NOT NULL
RETURN y.year AS year, count(y.target) AS targets,
       count(CASE WHEN y.target IS NOT NULL AND y.realisasi IS NOT NULL THEN 1 END) AS reported,
       count(y.realisasi) AS realised
ORDER BY year DESC
"""


def latest_year(runner: Runner) -> int | None:
    """The year the audit and the pages show by default: the latest REPORTED year (at least REPORTED_SHARE
    of its figures with a target have a realisasi); else the latest year with any realisasi; else the latest
    year with figures; None without figures. The latest year with figures is usually the running one, whose
    realisasi nobody can have reported yet (docs/capaian.md)."""
    years = runner.read(_YEARS)
    if not years:
        return None
    for row in years:
        if row["targets"] and row["reported"] >= REPORTED_SHARE * row["targets"]:
            return row["year"]
    return next((row["year"] for row in years if row["realised"]), years[0]["year"])


# The findings whose `year` is the year of indicator figures; every other `year` is a budget year (activities).
FIGURE_YEAR_QUERIES: frozenset[str] = frozenset({"indicators_incomplete"})


def latest_budget_year(runner: Runner) -> int | None:
    """The latest budget year of the activities (the APBD the pagu belong to); None without activities."""
    rows = runner.read("MATCH (a:Activity) WHERE a.year IS NOT NULL RETURN max(a.year) AS year")
    return rows[0]["year"] if rows else None


@dataclass(frozen=True)
class DefaultYears:
    """What a run without a year looks at: figures of the latest reported year, activities of the latest
    budget year (mid-year these differ: last year's LKjIP, this year's DPA)."""

    figures: int | None
    budget: int | None

    def for_query(self, name: str) -> int | None:
        return self.figures if name in FIGURE_YEAR_QUERIES else self.budget


def default_years(runner: Runner) -> DefaultYears:
    return DefaultYears(latest_year(runner), latest_budget_year(runner))


def run_audit(runner: Runner, catalog: Catalog, *, year: int | None = None,
              unit: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows of every finding present in the catalog; each query gets the year/unit it declares. Without a
    year, indicator figures are checked for the latest reported year and activities for the latest budget
    year (DefaultYears)."""
    defaults = default_years(runner) if year is None else None
    results: dict[str, list[dict[str, Any]]] = {}
    for finding in FINDINGS:
        if finding.query not in catalog:
            continue
        query = catalog[finding.query]
        declared = {param.name for param in query.params}
        chosen = year if defaults is None else defaults.for_query(finding.query)
        params = {name: value for name, value in (("year", chosen), ("unit", unit))
                  if name in declared and value is not None}
        if any(not param.optional and param.name not in params for param in query.params):
            continue  # e.g. indicators_incomplete needs a year, and the data has no indicator figures
        results[finding.query] = catalog.run(runner, finding.query, params)
    return results


def summary_rows(results: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    titles = {finding.query: finding.title for finding in FINDINGS}
    rows = []
    for name, found in results.items():
        row: dict[str, Any] = {"finding": name, "title": titles[name], "count": len(found)}
        if name in ("activities_without_leverage", "budget_at_risk_by_unit"):
            key = "budget" if name == "activities_without_leverage" else "budget_at_risk"
            row["budget"] = sum(item.get(key) or 0 for item in found)
        rows.append(row)
    return rows
