"""The views: fetch through named queries (the one Runner), build with visual.network, render with render.

view = tree_view(runner)                       # the Pemda tree          (pokin view pohon)
view = tree_view(runner, unit="U-DINKES")      # one OPD's cascade       (pokin view opd UNIT)
view = staff_view(runner, "198503152010011002")  # one ASN's line of sight (pokin view staff NIP)
view = impact_view(runner, "G-S-DINKES-1")     # one element up and down (pokin view impact ID)
write_standalone(view, "pohon.html")           # offline HTML file
render.render_fragment(view.network)           # for a page
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import neo4j.exceptions as neo4j_errors

from graph.audit import finding_params, latest_year
from graph.catalog import Catalog, load_catalog
from graph.db import Reader
from graph.diff import LOST
from graph.model import OUTCOME_LEVELS
from visual import render, styles
from visual.chart import PEMDA_DEPTH, Chart, build_chart
from visual.network import MAX_NODES, PokinNetwork, build_impact, build_line_of_sight, build_tree, split_rows
from visual.outline import Outline, build_outline


class ViewNotFound(LookupError):
    """The unit, NIP or element asked for does not exist (or has nothing to draw). Message in Indonesian."""


# NIP -> (node id, NIP as shown): lets a page draw ASN without their NIP (anonymous readers, UU 27/2022 PDP).
People = Callable[[str], tuple[str, str]]
ACHIEVEMENT_TIMEOUT = 300.0


@dataclass
class View:
    """A built view: its kind, the pyvis network, and the rows it was built from."""

    kind: str  # "pohon" | "opd" | "staff" | "impact"
    network: PokinNetwork
    nodes: list[dict[str, Any]]  # node rows of the view_* query
    edges: list[dict[str, Any]]  # edge rows
    params: dict[str, Any] = field(default_factory=dict)
    achievement: dict[str, Any] = field(default_factory=dict)  # id -> {capaian, band} when coloured by it
    findings: dict[str, str] = field(default_factory=dict)  # id -> finding key when audit layers are on
    notes: list[str] = field(default_factory=list)  # what could not be shown, in Indonesian
    timed_out: bool = False  # the achievement query ran past its timeout (a note says so; level colours shown)

    @property
    def partial(self) -> bool:
        """Something ran out of time (the achievement): another try may show more, so it is not kept."""
        return self.timed_out

    @property
    def title(self) -> str:
        return self.network.pokin["title"]

    def fragment(self, **options: Any) -> str:
        return render.render_fragment(self.network, **options)

    def html(self) -> str:
        return render.render_page(self.network)


def tree_view(
    runner: Reader,
    unit: str | None = None,
    year: int | None = None,
    color_by: str = "level",
    *,
    audit: bool = False,
    max_nodes: int = MAX_NODES,
    catalog: Catalog | None = None,
    datasets: Sequence[str] | None = None,
    people: People | None = None,
    achievement_timeout: float = ACHIEVEMENT_TIMEOUT,
    scale: str | None = None,
    changes: Mapping[str, str] | None = None,
) -> View:
    """The Pemda tree (unit None) or one unit's cascade (view_tree), ASN left out. year: only activities of that budget year; also the year of the capaian when color_by="achievement"
    (default: the latest year with indicator figures; for one unit, the capaian of the unit's own elements,
    which the achievement query computes much faster than the whole Pemda's). audit: highlight activities
    without outcome leverage and add the unit's orphaned staff (linked to what they are assigned to) with a
    magenta border. people: draw each ASN under another id and NIP (see People). achievement_timeout:
    seconds the achievement query may take; past it the view keeps level colours and says so in `notes`. scale:
    the predikat scale (graph/capaian.py SCALES). datasets: the versions drawn (None: graph/versions.py's default).
    changes: element id -> a mark of what changed since a compared version (change_marks)."""
    catalog = (catalog or load_catalog()).within(runner, datasets)
    rows = catalog.run(runner, "view_tree", {"unit": unit, "year": year})
    if not rows and unit is not None:
        raise ViewNotFound(f"Unit '{unit}' tidak ditemukan atau tidak memiliki elemen kinerja.")
    nodes, edges = split_rows(rows)
    findings: dict[str, str] = {}
    if audit:
        findings = _audit_layers(runner, catalog, unit, year, nodes, edges)
    color_by, achievement, notes, timed_out = _coloring(
        runner, catalog, color_by, year, unit, achievement_timeout, scale
    )
    findings = _apply_people(people, nodes, edges, {**(changes or {}), **findings})  # changes: change_marks
    title, subtitle = _tree_titles(nodes, unit, year)
    network = build_tree(
        nodes,
        edges,
        color_by=color_by,
        achievement=achievement,
        highlight=findings,
        max_nodes=max_nodes,
        title=title,
        subtitle=subtitle,
        bands=styles.scale_bands(scale),
        marks=mark_styles(catalog),
    )
    return View(
        "pohon" if unit is None else "opd",
        network,
        nodes,
        edges,
        {"unit": unit, "year": year, "color_by": color_by, "audit": audit},
        achievement or {},
        findings,
        notes,
        timed_out,
    )


def staff_view(
    runner: Reader,
    nip: str,
    *,
    color_by: str = "level",
    year: int | None = None,
    catalog: Catalog | None = None,
    datasets: Sequence[str] | None = None,
    people: People | None = None,
    achievement_timeout: float = ACHIEVEMENT_TIMEOUT,
    scale: str | None = None,
) -> View:
    """One ASN's line of sight (view_line_of_sight): the ASN, its unit, its assignments, every path up."""
    catalog = (catalog or load_catalog()).within(runner, datasets)
    rows = catalog.run(runner, "view_line_of_sight", {"nip": nip})
    if not rows:
        raise ViewNotFound(f"ASN dengan NIP '{nip}' tidak ditemukan.")
    nodes, edges = split_rows(rows)
    person = next(row for row in nodes if row.get("role") == "focus")
    assigned = [row for row in nodes if row.get("role") == "assigned"]
    reaches = any(
        row.get("label") == "Goal" and row.get("level") in OUTCOME_LEVELS
        for row in nodes
        if row.get("role") in ("assigned", "above")
    )
    orphaned = catalog.finding("orphaned_staff")
    findings = {} if reaches or orphaned is None else {nip: orphaned.key}
    color_by, achievement, notes, timed_out = _coloring(
        runner, catalog, color_by, year, None, achievement_timeout, scale
    )
    findings = _apply_people(people, nodes, edges, findings)
    shown_nip = person.get("nip_shown") or nip
    subtitle = _staff_subtitle(person, bool(assigned), reaches)
    network = build_line_of_sight(
        nodes,
        edges,
        color_by=color_by,
        achievement=achievement,
        highlight=findings,
        title=f"Garis Pandang: {person.get('title') or shown_nip}",
        subtitle=subtitle,
        bands=styles.scale_bands(scale),
        marks=mark_styles(catalog),
    )
    return View(
        "staff",
        network,
        nodes,
        edges,
        {"nip": person["id"], "color_by": color_by},
        achievement or {},
        findings,
        notes,
        timed_out,
    )


def _staff_subtitle(person: dict[str, Any], assigned: bool, reaches: bool) -> str:
    """Who the ASN is and whether their assignments reach an outcome, in a sentence."""
    subtitle = f"{person.get('position') or 'ASN'}, {person.get('unit_name') or 'tanpa unit'}. "
    if not assigned:
        return subtitle + "Tidak ditugaskan pada elemen kinerja mana pun."
    if not reaches:
        return subtitle + "Penugasannya tidak mencapai outcome (visi, misi, tujuan, sasaran)."
    return subtitle + "Semua jalur kontribusi dari penugasannya sampai ke puncak pohon."


def impact_view(
    runner: Reader,
    id: str,
    *,
    color_by: str = "level",
    year: int | None = None,
    max_nodes: int = MAX_NODES,
    catalog: Catalog | None = None,
    datasets: Sequence[str] | None = None,
    people: People | None = None,
    achievement_timeout: float = ACHIEVEMENT_TIMEOUT,
    scale: str | None = None,
) -> View:
    """One goal, indicator or activity (view_impact): what it supports above, what supports it below."""
    catalog = (catalog or load_catalog()).within(runner, datasets)
    rows = catalog.run(runner, "view_impact", {"id": id})
    if not rows:
        raise ViewNotFound(f"Elemen '{id}' tidak ditemukan (sasaran, indikator atau kegiatan).")
    nodes, edges = split_rows(rows)
    focus = next(row for row in nodes if row.get("role") == "focus")
    above = sum(1 for row in nodes if row.get("role") == "supports")
    below = sum(1 for row in nodes if row.get("role") == "supported_by")
    color_by, achievement, notes, timed_out = _coloring(
        runner, catalog, color_by, year, None, achievement_timeout, scale
    )
    _apply_people(people, nodes, edges, {})
    network = build_impact(
        nodes,
        edges,
        color_by=color_by,
        achievement=achievement,
        max_nodes=max_nodes,
        title=f"Dampak: {focus.get('title') or id}",
        subtitle=f"Mendukung {above} elemen di atasnya; didukung {below} elemen di bawahnya.",
        bands=styles.scale_bands(scale),
    )
    return View(
        "impact", network, nodes, edges, {"id": id, "color_by": color_by}, achievement or {}, {}, notes, timed_out
    )


def tree_outline(view: View, catalog: Catalog | None = None, scale: str | None = None) -> Outline:
    """The outline of a tree view (visual/outline.py): the same elements, capaian and audit marks as its network."""
    catalog = catalog or load_catalog()
    return build_outline(
        view.nodes,
        view.edges,
        achievement=view.achievement or None,
        highlight=view.findings,
        marks=mark_styles(catalog),
        bands=styles.scale_bands(scale),
    )


def tree_chart(
    view: View,
    catalog: Catalog | None = None,
    scale: str | None = None,
    *,
    max_rank: int | None = PEMDA_DEPTH,
    opd_href: Callable[[str], str] | None = None,
) -> Chart:
    """The bagan of a tree view (visual/chart.py): the Pemda's down to `max_rank`, an OPD's whole."""
    catalog = catalog or load_catalog()
    depth = max_rank if view.params.get("unit") is None else None
    return build_chart(
        view.nodes,
        view.edges,
        achievement=view.achievement or None,
        highlight=view.findings,
        marks=mark_styles(catalog),
        bands=styles.scale_bands(scale),
        max_rank=depth,
        opd_href=opd_href,
    )


def write_standalone(view: View | PokinNetwork, path: str | Path) -> Path:
    """Write the view as one offline HTML file; returns the path."""
    network = view.network if isinstance(view, View) else view
    return render.write_standalone(network, path)


# -- helpers -------------------------------------------------------------------------------------------------------


def _tree_titles(nodes: list[dict[str, Any]], unit: str | None, year: int | None) -> tuple[str, str]:
    """The heading and the line under it: a Pemda's pohon kinerja, or one unit's cascading, as planners name them."""
    if unit is None:
        title = f"Pohon Kinerja {_pemda_name(nodes) or 'Pemerintah Daerah'}"
        subtitle = "Seluruh pohon kinerja, dari visi sampai rencana hasil kerja."
    else:
        name = next((row.get("unit_name") for row in nodes if row.get("unit_id") == unit), None) or unit
        title = f"Cascading Kinerja {name}"
        subtitle = (
            "Elemen kinerja unit ini dan unit di bawahnya, semua yang didukungnya sampai visi, "
            "serta kontribusi langsung dari unit lain (ditampilkan samar)."
        )
    if year is not None:
        subtitle += f" Kegiatan tahun anggaran {year}."
    return title, subtitle


def _pemda_name(nodes: list[dict[str, Any]]) -> str | None:
    for row in nodes:
        if row.get("label") == "Goal" and row.get("level") == "visi" and row.get("unit_name"):
            return row["unit_name"]
    return None


def _achievement(
    runner: Reader,
    catalog: Catalog,
    year: int | None,
    unit: str | None = None,
    timeout: float = ACHIEVEMENT_TIMEOUT,
    scale: str | None = None,
) -> dict[str, Any]:
    """id -> {capaian, band, supporting_capaian, scale} for goals and indicators (of `unit` and below when
    given), from the achievement query. A goal is coloured by its own indicators'
    capaian; the supporting capaian from below is shown beside it, never in its place."""
    if year is None:
        year = latest_year(runner, catalog.scope(runner))
        if year is None:
            return {}
    params: dict[str, Any] = {"year": year}
    if unit is not None:
        params["unit"] = unit
    if scale is not None:
        params["scale"] = scale
    rows = catalog.run(runner, "achievement", params, timeout=timeout)
    return {
        row["id"]: {
            "capaian": row.get("capaian"),
            "band": row.get("band"),
            "supporting_capaian": row.get("supporting_capaian"),
            "scale": row.get("scale"),
            "target": row.get("target"),
            "realisasi": row.get("realisasi"),
        }
        for row in rows
        if row.get("kind") in ("goal", "indicator")
    }


class _Coloring(NamedTuple):
    color_by: str
    achievement: dict[str, Any] | None
    notes: list[str]
    timed_out: bool  # the achievement query ran past its timeout


def _coloring(
    runner: Reader,
    catalog: Catalog,
    color_by: str,
    year: int | None,
    unit: str | None,
    timeout: float,
    scale: str | None = None,
) -> _Coloring:
    """The colouring a view gets, the achievement it needs, and the notes: level colours (and a note) when
    the achievement query runs past `timeout`."""
    if color_by != "achievement":
        return _Coloring(color_by, None, [], False)
    try:
        achievement = _achievement(runner, catalog, year, unit, timeout, scale)
    except neo4j_errors.Neo4jError as error:
        if "TimedOut" not in (getattr(error, "code", None) or ""):
            raise
        note = f"Capaian belum dapat dihitung dalam {timeout:g} detik; pohon diwarnai menurut level."
        return _Coloring("level", None, [note], True)
    return _Coloring("achievement", achievement, [], False)


def _apply_people(
    people: People | None, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], findings: dict[str, str]
) -> dict[str, str]:
    """Give every ASN row the id and NIP `people` says (in place, edges too); findings re-keyed to match."""
    if people is None:
        return findings
    mapped: dict[str, str] = {}
    for row in nodes:
        if row.get("label") == "ASN":
            new_id, shown = people(str(row["id"]))
            mapped[str(row["id"])] = new_id
            row["id"], row["nip_shown"] = new_id, shown
    for edge in edges:
        edge["from"] = mapped.get(str(edge.get("from")), edge.get("from"))
        edge["to"] = mapped.get(str(edge.get("to")), edge.get("to"))
    return {mapped.get(key, key): value for key, value in findings.items()}


def mark_styles(catalog: Catalog) -> dict[str, styles.FindingStyle]:
    """Finding key -> the look and legend title of its mark in the tree, for every finding that marks one; and the
    marks of what changed since a compared version (styles.CHANGE_MARKS, change_marks)."""
    return {
        **styles.CHANGE_MARKS,
        **{
            query.finding.key: styles.mark_style(query.finding.mark.title, query.finding.mark.label)
            for query in catalog.findings
            if query.finding is not None and query.finding.mark is not None
        },
    }


def change_marks(sections: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Element id -> the mark of what changed (graph/diff.py sections): lost its path to an outcome, added,
    re-parented, restated or its figures changed, in that order of precedence."""
    marks: dict[str, str] = {}
    order = (
        ("change_restated", ("restated", "indicators", "budgets")),
        ("change_reparented", ("reparented",)),
        ("change_added", ("added",)),
        ("change_lost", ("reach_budget", "outcomes")),
    )
    for mark, keys in order:  # later ones overwrite earlier ones: the most telling change is shown
        for key in keys:
            for row in sections.get(key, []):
                if key in ("reach_budget", "outcomes") and row.get("change") != LOST:
                    continue
                marks[str(row["id"])] = mark
    return marks


def _audit_layers(
    runner: Reader,
    catalog: Catalog,
    unit: str | None,
    year: int | None,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
) -> dict[str, str]:
    """Mark what each finding's header says it marks (`finding marks COLUMN LABEL`); an ASN, whom the tree
    leaves out, is added with ASSIGNED_TO edges to what the row says they are `assigned_to`."""
    findings: dict[str, str] = {}
    present = {row["id"] for row in nodes}
    for query in catalog.findings:
        finding = query.finding
        params = finding_params(query, year, unit)
        if finding is None or finding.mark is None or params is None:
            continue
        for row in catalog.run(runner, query.name, params):
            marked = row.get(finding.mark.column)
            if marked is None:
                continue
            if marked not in present and finding.mark.label == "ASN":
                _add_person(row, marked, nodes, edges, present)
            if marked in present:
                findings[marked] = finding.key
    return findings


def _add_person(
    row: dict[str, Any], nip: str, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], present: set[str]
) -> None:
    """An ASN row of a finding as a tree node, linked to the tree's elements it is assigned to."""
    in_tree = set(present)
    present.add(nip)
    nodes.append(
        {
            "kind": "node",
            "id": nip,
            "label": "ASN",
            "level": None,
            "title": row.get("name"),
            "position": row.get("position"),
            "unit_id": row.get("unit_id"),
            "unit_name": row.get("unit_name"),
            "opd_id": None,
            "role": "own",
        }
    )
    for target in row.get("assigned_to") or []:
        if target in in_tree:
            edges.append(
                {
                    "kind": "edge",
                    "from": nip,
                    "to": target,
                    "type": "ASSIGNED_TO",
                    "weight": None,
                    "crosscutting": False,
                }
            )
