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
)


def latest_year(runner: Runner) -> int | None:
    rows = runner.read("MATCH (y:IndicatorYear) RETURN max(y.year) AS year")
    return rows[0]["year"] if rows else None


def run_audit(runner: Runner, catalog: Catalog, *, year: int | None = None,
              unit: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows of every finding present in the catalog; each query gets the year/unit it declares."""
    year = year if year is not None else latest_year(runner)
    results: dict[str, list[dict[str, Any]]] = {}
    for finding in FINDINGS:
        if finding.query not in catalog:
            continue
        query = catalog[finding.query]
        declared = {param.name for param in query.params}
        params = {name: value for name, value in (("year", year), ("unit", unit))
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
