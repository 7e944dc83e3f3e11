"""The data of each page, as plain JSON-able dicts: the HTML page renders them, the `.json` twin returns them.

Everything goes through the app's Database (one Runner, parameters only) and the named queries of cypher/
(search, element_detail, pemda_overview, unit_options, the audit findings, achievement, view_*).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from typing import Any

from flask import current_app, g, url_for

from graph import capaian as rules
from graph import people as people_risk
from graph.audit import INTERVENSI_REASONS, DefaultYears, budget_total, default_years, finding_params, latest_year
from graph.catalog import Finding, NamedQuery
from graph.versions import listing
from service.http.database import bind, catalog, database, held_versions, requested_version, run_named
from service.http.formats import masking_wanted
from service.pages import people, risk
from service.pages.cache import TimedOut, cached, fingerprint
from visual import styles
from visual.views import View, mark_styles

LEVEL_NAMES = {
    "visi": "Visi",
    "misi": "Misi",
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "sasaran_program": "Sasaran program",
    "sasaran_kegiatan": "Sasaran kegiatan",
    "sasaran_subkegiatan": "Sasaran subkegiatan",
    "rhk": "Rencana hasil kerja (RHK)",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "subkegiatan": "Subkegiatan",
    "pemda": "Pemerintah daerah",
    "perangkat_daerah": "Perangkat daerah (OPD)",
    "unit_kerja": "Unit kerja",
}
KIND_NAMES = {"Goal": "Elemen kinerja", "Indicator": "Indikator", "Activity": "Kegiatan", "Unit": "Unit", "ASN": "ASN"}


# -- numbers ------------------------------------------------------------------------------------------------------


def scale() -> rules.Scale:
    """The predikat scale the pages use (CAPAIAN_SCALE); its name is shown wherever a band is."""
    return rules.scale(current_app.config.get("CAPAIAN_SCALE"))


def scale_info() -> dict[str, str]:
    chosen = scale()
    return {"key": chosen.key, "title": chosen.title, "source": chosen.source}


def _cap() -> float:
    return float(current_app.config.get("CAPAIAN_CAP", rules.DEFAULT_CAP))


def capaian(figure: dict[str, Any], polarity: str | None) -> float | None:
    """Capaian of one indicator-year (graph/capaian.py, docs/capaian.md); None (shown '–') when it cannot be
    computed."""
    return rules.capaian(
        figure.get("target"),
        figure.get("realisasi"),
        polarity,
        figure.get("target_min"),
        figure.get("target_max"),
        _cap(),
    )


def band(value: float | None) -> str | None:
    return scale().band(value)


def cell_text(value: Any, column: str) -> str:
    """One value of a finding's row as the page shows it: rupiah for budgets, percent for capaian, Indonesian
    grouping for other numbers (years stay as written), text as it is."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if column.startswith("budget") or column.endswith("budget"):
        return styles.format_rupiah(value)
    if "capaian" in column or column.endswith(("share", "percent")):
        return styles.format_percent(value)
    if column == "year" or column.endswith("_year"):
        return str(value)
    return styles.format_number(value)


def _shown_figure(figure: dict[str, Any]) -> dict[str, str]:
    """A year's target, realisasi and capaian as the panel writes them (a qualitative figure as written)."""
    return {
        "target": figure.get("target_text") or styles.format_number(figure.get("target")),
        "realisasi": figure.get("realisasi_text") or styles.format_number(figure.get("realisasi")),
        "capaian": styles.format_percent(figure.get("capaian")),
    }


# -- links ----------------------------------------------------------------------------------------------------------


def href(kind: str | None, id_: Any) -> str | None:
    """The page of a node: an OPD's cascade for a unit, the line of sight for an ASN, else the impact view."""
    if id_ is None:
        return None
    if kind == "Unit":
        return url_for("pages.tree", unit=str(id_))
    if kind == "ASN":
        return url_for("pages.staff", nip=people.link_id(str(id_)))
    return url_for("pages.element", id=str(id_))


def _linked(item: dict[str, Any], kind_key: str = "kind") -> dict[str, Any]:
    return dict(item, href=href(item.get(kind_key), item.get("id")))


# -- shared parts ---------------------------------------------------------------------------------------------------


def units() -> list[dict[str, Any]]:
    """The pemda and its OPD (for the unit filter)."""
    return run_named("unit_options", {})[1]


def years() -> dict[str, Any]:
    """Years with figures and budget years, and the latest year with figures (the default)."""
    row = run_named("pemda_overview", {})[1][0]
    return {
        "indicator_years": row["indicator_years"],
        "activity_years": row["activity_years"],
        "latest": latest_year(database()),
    }


def year_notes(year: int | None) -> list[str]:
    """What a page says when the year asked for holds no data at all (neither figures nor budget): it would
    otherwise draw an empty year without a word."""
    if year is None:
        return []
    known = years()
    present = sorted(set(known["indicator_years"]) | set(known["activity_years"]))
    if year in present:
        return []
    listed = ", ".join(str(item) for item in present) or "belum ada"
    return [
        f"Tidak ada data untuk tahun {year}: tidak ada target, realisasi maupun kegiatan tahun itu. "
        f"Tahun yang tersedia: {listed}."
    ]


def filters(year: int | None, unit: str | None) -> dict[str, Any]:
    return {"year": year, "unit": unit, "units": units(), **years(), **version_options()}


def version_options() -> dict[str, Any]:
    """The versions a page can be read in (docs/versions.md): every one held, labelled, the latest of each Pemda
    marked; `version` the one asked for (`versi`), None for the default (the latest)."""
    options = [{"dataset": row["dataset"], "label": row["title"]} for row in listing(held_versions())]
    return {"versions": options, "version": requested_version()}


# -- Beranda ---------------------------------------------------------------------------------------------------------


def overview(year: int | None, unit: str | None) -> dict[str, Any]:
    """Counts, audit findings (within PAGES_AUDIT_BUDGET seconds), people at risk (service/pages/risk.py) and
    achievement per OPD for one year."""
    counts = run_named("pemda_overview", {"year": year, "unit": unit})[1][0]
    # without a year: capaian and indicator checks of the latest reported year, activities of the latest budget year
    defaults = default_years(database()) if year is None else DefaultYears(year, year)
    shown_year = defaults.figures
    stamp = fingerprint()
    return {
        "counts": counts,
        "year": shown_year,
        "budget_year": defaults.budget,
        "unit": unit,
        "unit_name": unit_name(unit),
        "findings": findings_summary(defaults, unit, stamp),
        "people": risk.beranda_rows(
            shown_year, unit, unit_scope(unit) if unit else None, float(current_app.config["PAGES_QUERY_TIMEOUT"])
        ),
        "achievement": opd_achievement(shown_year, unit, stamp),
        "scale": scale_info(),
    }


def _read_bound(query: NamedQuery, params: dict[str, Any], timeout: float) -> list[dict[str, Any]]:
    return database().read(query.cypher, bind(query, params), timeout=timeout)


def unit_name(unit: str | None) -> str | None:
    return next((item["name"] for item in units() if item["id"] == unit), unit) if unit else None


def unit_scope(unit: str) -> dict[str, list[str]]:
    """The ids of a unit, its sub-units and the goals, activities and indicators they are accountable for
    (read once per request: every finding of the Beranda asks)."""
    known = g.setdefault("pokin_unit_scopes", {})
    if unit not in known:
        known[unit] = run_named("unit_scope", {"unit": unit})[1][0]
    return known[unit]


UNIT_COLUMNS = ("unit_id", "opd_id", "from_unit_id", "to_unit_id")
ELEMENT_COLUMNS = ("id", "goal_id", "element_id", "from_id", "to_id")


def within_unit(query: NamedQuery, rows: list[dict[str, Any]], unit: str | None) -> list[dict[str, Any]]:
    """The rows of a finding that belong to `unit` and its sub-units. A query that takes `unit` has filtered
    already; for the others a row belongs when a unit or an element it names is the unit's (a row's `id` is a
    unit's when the finding's header says so)."""
    if unit is None or any(param.name == "unit" for param in query.params):
        return rows
    scope = unit_scope(unit)
    units_in, elements_in = set(scope["units"]), set(scope["elements"])
    id_is_unit = query.finding is not None and query.finding.label_of("id") == "Unit"

    def belongs(row: dict[str, Any]) -> bool:
        if any(row.get(column) in units_in for column in UNIT_COLUMNS):
            return True
        if id_is_unit:
            return row.get("id") in units_in
        named = [row.get(column) for column in ELEMENT_COLUMNS] + list(row.get("members") or [])
        return any(item in elements_in for item in named if item is not None)

    return [row for row in rows if belongs(row)]


def findings_summary(years: DefaultYears, unit: str | None, stamp: tuple) -> list[dict[str, Any]]:
    """One row per audit finding: count (None when not computed in time), budget, links; each finding for the
    year it reads (indicator figures or budget, graph/audit.py DefaultYears)."""
    config = current_app.config
    deadline = time.monotonic() + float(config["PAGES_AUDIT_BUDGET"])
    rows = []
    for query in catalog().findings:
        finding = query.finding
        if finding is None:
            continue
        year = years.for_finding(finding)
        params = finding_params(query, year, unit)
        row: dict[str, Any] = {
            "finding": query.name,
            "title": finding.title,
            "count": None,
            "budget": None,
            "status": "ok",
            "href": url_for("pages.finding", name=query.name, tahun=year, unit=unit),
        }
        rows.append(row)
        if params is None:
            row["status"] = "tidak berlaku"
            continue
        budget = min(float(config["PAGES_QUERY_TIMEOUT"]), deadline - time.monotonic())
        try:
            found = cached(("finding", query.name, year, unit), partial(_read_bound, query, params), budget, stamp)
        except TimedOut:
            row["status"] = "sedang dihitung; muat ulang sebentar lagi"
            continue
        found = within_unit(query, found, unit)
        row["count"] = len(found)
        row["budget"] = budget_total(finding, found)
        if finding.mark is not None:
            row["tree_href"] = url_for("pages.tree", unit=unit, audit=1, tahun=year)
    return rows


def opd_achievement(year: int | None, unit: str | None, stamp: tuple) -> dict[str, Any]:
    """Capaian per OPD (the achievement query's unit rows: from the OPD's IKU, with the supporting capaian of
    the rest of its tree beside it) within PAGES_QUERY_TIMEOUT seconds."""
    result: dict[str, Any] = {"status": "ok", "rows": [], "year": year, "scale": scale_info()}
    if year is None:
        result["status"] = "tidak ada data capaian"
        return result
    timeout = float(current_app.config["PAGES_QUERY_TIMEOUT"])
    query = catalog()["achievement"]
    try:
        params = {"year": year, "scale": scale().key, "cap": _cap()}
        rows = cached(
            ("achievement", year, params["scale"], params["cap"]),
            lambda seconds: database().read(query.cypher, bind(query, params), timeout=seconds),
            timeout,
            stamp,
        )
    except TimedOut:
        result["status"] = (
            f"belum selesai dihitung dalam {timeout:g} detik; perhitungan dilanjutkan di latar "
            "belakang, muat ulang halaman sebentar lagi"
        )
        return result
    opds = {item["id"]: item for item in units() if item["kind"] == "perangkat_daerah"}
    shown = set(opds) if unit is None else set(opds) & set(unit_scope(unit)["units"])
    for row in rows:
        if row.get("kind") == "unit" and row["id"] in shown:
            result["rows"].append(
                {
                    "id": row["id"],
                    "name": row.get("name"),
                    "capaian": row.get("capaian"),
                    "band": row.get("band"),
                    "indicators": row.get("indicators"),
                    "basis": row.get("basis"),
                    "rule": row.get("rule"),
                    "supporting_capaian": row.get("supporting_capaian"),
                    "supporting_band": row.get("supporting_band"),
                    "supporting_indicators": row.get("supporting_indicators"),
                    "href": url_for("pages.tree", unit=row["id"], warna="capaian", tahun=year),
                }
            )
    result["rows"].sort(key=lambda item: (item["capaian"] is None, -(item["capaian"] or 0), item["name"] or ""))
    return result


# -- search, findings, element --------------------------------------------------------------------------------------


def search(q: str) -> dict[str, Any]:
    """Search results with links; anonymous readers find an ASN by NIP only with the whole NIP."""
    text = q.strip()
    if not text:
        return {"q": q, "rows": [], "total": 0}
    rows = run_named("search", {"q": text, "nip_exact": masking_wanted()})[1]
    found = [_search_row(row) for row in rows]
    return {"q": q, "rows": found, "total": len(found)}


def _search_row(row: dict[str, Any]) -> dict[str, Any]:
    """One search result as the page shows it: an indicator is called one (the level of what it measures
    beside it), a unit's OPD named, links to the element, its unit and its OPD."""
    level_name = LEVEL_NAMES.get(row.get("level") or "", row.get("level"))
    kind_name = KIND_NAMES.get(row["kind"], row["kind"])
    label, detail = (kind_name, level_name) if row["kind"] == "Indicator" else (level_name or kind_name, None)
    unit_id, opd_id = row.get("unit_id"), row.get("opd_id")
    return dict(
        row,
        kind_name=kind_name,
        level_name=level_name,
        kind_label=label,
        kind_detail=detail,
        href=href(row["kind"], row["id"]),
        unit_href=href("Unit", unit_id) if unit_id else None,
        opd_href=href("Unit", opd_id) if opd_id else None,
        opd_shown=bool(opd_id) and opd_id not in (unit_id, row["id"] if row["kind"] == "Unit" else None),
    )


def finding(name: str, year: int | None, unit: str | None) -> dict[str, Any]:
    """The rows of one audit finding, each value that names a node linked to its page; titles, description
    and column headers as the finding's header declares them (graph/catalog.py)."""
    query = catalog()[name]
    about = query.finding
    assert about is not None, "the finding route serves findings only"
    declared = {param.name for param in query.params}
    if year is None and "year" in declared:
        year = default_years(database()).for_finding(about)
    params = finding_params(query, year, unit) or {}  # a year still missing: bind says it is required
    columns, rows = database().table(
        query.cypher, bind(query, params), timeout=float(current_app.config["PAGES_FINDING_TIMEOUT"])
    )
    rows = within_unit(query, rows, unit)
    return {
        "finding": name,
        "title": about.title,
        "summary": query.summary,
        "description": about.description,
        "year": year,
        "unit": unit,
        "columns": columns,
        "headers": {column: about.header(column) for column in columns},
        "budget_column": about.budget,
        "rows": rows,
        "links": [_row_links(about, row) for row in rows],
        "total": len(rows),
        "tree_href": url_for("pages.tree", unit=unit, audit=1, tahun=year) if about.mark else None,
    }


def _row_links(about: Finding, row: dict[str, Any]) -> dict[str, Any]:
    """Links of a row's values: by the label the finding declares for a column, else by the column's name."""
    links: dict[str, Any] = {}
    for column, value in row.items():
        label = about.label_of(column) or _label_by_name(column)
        if value is None or label is None:
            continue
        if isinstance(value, list):
            links[column] = [href(label, item) for item in value]
        elif not isinstance(value, (dict, bool)):
            links[column] = href(label, value)
    return links


def _label_by_name(column: str) -> str | None:
    """What a column names by its name alone (findings that declare no label for it)."""
    if column in ("nip", "supervisor_nip", "atasan_nip"):
        return "ASN"
    if column in ("unit_id", "opd_id", "from_unit_id", "to_unit_id"):
        return "Unit"
    if column in ("id", "goal_id", "element_id", "from_id", "to_id", "members", "assigned_to", "rhk", "leads_to"):
        return "Goal"
    return None


def intervensi(nip: str) -> dict[str, Any]:
    """The ASN's chain of atasan up to the head of the OPD, each break of the intervensi named (graph/people.py)."""
    chain = people_risk.intervensi_chain(database(), catalog(), nip)
    steps = [
        dict(row, href=href("ASN", row["nip"]), break_label=INTERVENSI_REASONS.get(row["break_reason"] or ""))
        for row in chain
    ]
    return {
        "steps": steps,
        "broken": any(row["break_reason"] for row in chain),
        "reaches_head": bool(chain) and bool(chain[-1]["head"]),
    }


def element(id_: str, year: int | None) -> dict[str, Any] | None:
    """The side panel's data for any node (goal, indicator, activity, unit, ASN), capaian per year added."""
    nip = people.resolve(id_)
    if nip is None:
        return None
    rows = run_named("element_detail", {"id": nip, "year": year})[1]
    if not rows:
        return None
    item = rows[0]
    for indicator in item["indicators"]:
        for figure in indicator["years"]:
            figure["capaian"] = capaian(figure, indicator.get("polarity"))
            figure["band"] = band(figure["capaian"])
            figure["capaian_tw"] = [
                rules.quarter_capaian(figure, indicator.get("polarity"), quarter, _cap()) for quarter in rules.QUARTERS
            ]
            figure["shown"] = _shown_figure(figure)
    item["scale"] = scale_info()
    item["budget_shown"] = _budget_shown(item)
    item["kind_name"] = KIND_NAMES.get(item["kind"], item["kind"])
    item["level_name"] = LEVEL_NAMES.get(item.get("level") or "", item.get("level"))
    if item["kind"] == "ASN":
        item["nip"] = item["id"]  # masked for anonymous readers, like every `nip`
        item["id"] = people.link_id(item["id"])
    item["assigned"] = [dict(person, href=href("ASN", person["nip"])) for person in item["assigned"]]
    for key in ("assigned_to", "contributes_to", "contributors"):
        item[key] = [_linked(entry) for entry in item[key]]
    if item.get("parent"):
        item["parent"] = _linked(item["parent"])
    unit = item.get("unit") or {}
    item["links"] = _element_links(item, unit)
    return item


def _budget_shown(item: dict[str, Any]) -> str | None:
    """The pagu line of an activity: its own, or for a program or kegiatan without one the sum of its
    subkegiatan (docs/domain.md: the money sits on the subkegiatan); a unit's pagu of its activities."""
    if item["kind"] == "Unit":
        return styles.format_rupiah(item.get("budget_total"))
    if item["kind"] != "Activity":
        return None
    if item.get("budget") is None and item.get("subactivities"):
        return f"{styles.format_rupiah(item['budget_below'])} (jumlah pagu {item['subactivities']} subkegiatan)"
    return styles.format_rupiah(item.get("budget"))


def _element_links(item: dict[str, Any], unit: dict[str, Any]) -> list[dict[str, str | None]]:
    links: list[dict[str, str | None]] = []
    if item["kind"] in ("Goal", "Indicator", "Activity"):
        links.append({"label": "Dampak (yang didukung dan mendukung)", "href": href(item["kind"], item["id"])})
    if item["kind"] == "ASN":
        links.append({"label": "Garis pandang", "href": url_for("pages.staff", nip=item["id"])})
    if item["kind"] == "Unit":
        links.append({"label": "Cascading kinerja unit ini", "href": href("Unit", item["id"])})
    elif unit.get("id"):
        links.append({"label": f"Cascading kinerja {unit.get('name') or unit['id']}", "href": href("Unit", unit["id"])})
    links.append({"label": "Data (JSON)", "href": url_for("panel.element_detail", id=item["id"])})
    return links


# -- network views ----------------------------------------------------------------------------------------------------


def view_data(view: View) -> dict[str, Any]:
    """What a network page shows, minus the drawing: title, parameters, node and edge rows, findings, notes."""
    pokin = view.network.pokin
    marks = mark_styles(catalog())
    findings = [
        {
            "id": key,
            "finding": value,
            "name": marks.get(value, styles.AUDIT_FINDING).name,
            "title": _title(view.nodes, key),
        }
        for key, value in view.findings.items()
    ]
    findings.sort(key=lambda item: (item["finding"], item["title"] or "", item["id"]))
    return {
        "kind": view.kind,
        "title": view.title,
        "subtitle": pokin.get("subtitle"),
        "note": pokin.get("note"),
        "notes": view.notes,
        "params": view.params,
        "summary": pokin.get("summary"),
        "color_by": pokin.get("color_by"),
        "nodes": view.nodes,
        "edges": view.edges,
        "achievement": view.achievement,
        "findings": findings,
    }


def finding_title(query: str) -> str:
    """The Indonesian title of an audit finding, by its query name (its header declares it)."""
    finding = catalog()[query].finding if query in catalog().queries else None
    return finding.title if finding is not None else query


def flagged(view_findings: Iterable[dict[str, Any]], year: int | None, unit: str | None) -> dict[str, Any]:
    """Node id -> why the page marks it (the finding's query, title and list page), for the side panel."""
    flags: dict[str, Any] = {}
    by_key = {query.finding.key: query.name for query in catalog().findings if query.finding is not None}
    for item in view_findings:
        query = by_key.get(item["finding"])
        if query is not None:
            flags[item["id"]] = {
                "query": query,
                "title": finding_title(query),
                "href": url_for("pages.finding", name=query, tahun=year, unit=unit),
            }
    return flags


def _title(nodes: Iterable[dict[str, Any]], node_id: str) -> str | None:
    return next((row.get("title") for row in nodes if row.get("id") == node_id), None)
