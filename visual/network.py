"""Pure builders: rows of the view_* queries in, a `pyvis.network.Network` out (no database here).

Layout. Trees are drawn top-down like an org chart, with positions computed here, never by vis-network
(its physics needs minutes for 1,500 nodes, pyvis issue #204, and its hierarchical layout slows badly
past ~1,000 nodes): every node gets a fixed x/y and physics is off, so the browser only draws.
- y: a row per rank. Goals rank by level, the Pemda's (visi, misi, tujuan, sasaran) above every OPD's
  (tujuan, sasaran, sasaran_program … rhk), as the cascade runs; an indicator sits in a sub-row just
  below the level of the goal it measures; a program, kegiatan or subkegiatan in a sub-row below
  sasaran_program, sasaran_kegiatan or sasaran_subkegiatan; ASN below rhk, units below ASN. A node that
  supports another of the same level (an OPD sasaran under another) is pushed one row further down.
  Only ranks that occur get a row.
- x: a tidy tree. Every node picks one layout parent among the nodes it points up to (an indicator's
  goal first, then a contribution inside the same OPD, an assignment, a crosscutting contribution, a
  PART_OF); only a parent on a strictly higher row counts, so cycles in the data cannot loop. Leaves
  take consecutive slots in depth-first order (children sorted by row, then code or id in natural
  order); a parent is centred over its first and last child; separate trees (roots) follow each other
  with one empty slot between them. Every edge is still drawn; only the layout uses a single parent.

  A parent's leaves on the bottom row, when there are four or more, form a grid five deep rather than
  one long row (an OPD's many rhk), which keeps a 1,000-node OPD tree compact.

Collapse. Past `max_nodes` the deepest rows are folded: the rows down to the deepest cut-off where the
kept nodes plus the clusters fit in max_nodes (and the kept tree is at most MAX_LEAF_SLOTS leaves wide)
stay, and every kept node with hidden descendants gets one cluster node under it ("+37", with the count
per kind) holding its whole hidden subtree; hidden nodes without a kept ancestor go into one cluster at
the end. All data stays embedded in the page; clicking a cluster adds its nodes back (laid out as a
tidy subtree, grids included) and the page's script re-runs the same tidy layout with that cluster as
wide as its subtree, moving the others aside; clicking again folds it. It all works offline, in a
standalone file. A wide view opens at its top (or at the element it is about), readable, not fitted.

Text. Labels are drawn on the canvas as plain text (vis-network never reads them as HTML: `font.multi`
is off), so a name like `<img src=x onerror=alert(1)>` shows as typed. Tooltips (`title`) are HTML
built here with every piece of data escaped; the page script turns them into DOM elements. The page
embeds all of it as JSON with <, >, & and ' escaped, so no data can close a <script> tag either.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pyvis.network import Network

from graph.model import ACTIVITY_KINDS, GOAL_LEVELS, OUTCOME_LEVELS
from visual import styles

MAX_NODES = 1500  # past this many nodes a view collapses its deepest rows into clusters
MAX_LEAF_SLOTS = 400  # a collapsed view keeps fewer rows when its bottom would be wider than this
SLOT = 210  # px between two neighbouring leaves
ROW = 170  # px from one goal level to the next
SUB_ROW = 105  # px to an indicator or activity sub-row
LABEL_WIDTH = 180  # px: labels inside boxes wrap at this width
LABEL_CHARS = 90  # longer texts are shortened on the canvas (the tooltip has them whole)
CLUSTER_PREFIX = "__pokin_cluster__:"
ORPHAN_CLUSTER = CLUSTER_PREFIX + "*"

ColorBy = str  # "level" | "achievement"

# -- rows --------------------------------------------------------------------------------------------------------


def split_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of a view_* query as (node rows, edge rows)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for row in rows:
        (edges if row.get("kind") == "edge" else nodes).append(dict(row))
    return nodes, edges


# -- ranks and rows --------------------------------------------------------------------------------------------

# Pemda goals (no OPD above their unit) rank above every OPD goal: an OPD's tujuan supports the Pemda's
# sasaran. Goal rows every 10; an indicator 3 below its level, an activity 6 below the goal level it
# serves (program: sasaran_program, kegiatan: sasaran_kegiatan, subkegiatan: sasaran_subkegiatan).
_PEMDA_RANK = {level: 10 * index for index, level in enumerate(OUTCOME_LEVELS)}  # visi 0 … sasaran 30
_OPD_RANK = {
    level: 40 + 10 * max(0, index - GOAL_LEVELS.index("tujuan"))  # tujuan 40 … rhk 90
    for index, level in enumerate(GOAL_LEVELS)
}
_ACTIVITY_RANK = {
    kind: _OPD_RANK[level] + 6
    for kind, level in zip(ACTIVITY_KINDS, ("sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"))
}
_UNKNOWN_GOAL_RANK = 95


def rank_of(label: str, level: str | None, in_opd: bool = False) -> int:
    """The level rank of a node (before same-level pushes, see assign_ranks); in_opd: it belongs to an OPD."""
    if label in ("Goal", "Indicator"):
        if not in_opd and level in _PEMDA_RANK:
            base = _PEMDA_RANK[level]
        else:
            base = _OPD_RANK.get(level or "", _UNKNOWN_GOAL_RANK)
        return base + (3 if label == "Indicator" else 0)
    if label == "Activity":
        return _ACTIVITY_RANK.get(level or "", 86)
    if label == "ASN":
        return 100
    if label == "Unit":
        return 110
    return _UNKNOWN_GOAL_RANK


SHIFT_LIMIT = 9  # how far below its level's row a node may be pushed by same-level contributions


def assign_ranks(base: Mapping[str, int], edges: Iterable[Mapping[str, Any]], rounds: int = 20) -> dict[str, int]:
    """Ranks from the level ranks, pushed down below what a node points up to within its level.

    A Pemda sasaran and the OPD sasaran strategis that supports it share the level 'sasaran': the OPD's
    moves one rank down (its own row under the Pemda's), and one contributing to an indicator of a
    sasaran moves below that indicator. Only contributions that do not point to a lower level push
    (those are data errors); a node moves at most SHIFT_LIMIT ranks, so cycles stop quickly.
    """
    rank = dict(base)
    pairs = [
        pair
        for pair in (layout_pair(edge) for edge in edges)
        if pair is not None and pair[0] in base and pair[1] in base and base[pair[1]] <= base[pair[0]]
    ]
    for _ in range(rounds):
        changed = False
        for child, parent in pairs:
            wanted = min(max(rank[child], rank[parent] + 1), base[child] + SHIFT_LIMIT)
            if wanted != rank[child]:
                rank[child] = wanted
                changed = True
        if not changed:
            break
    return rank


def row_positions(ranks: Iterable[int], goal_ranks: Iterable[int] = ()) -> dict[int, float]:
    """y of each rank that occurs: ROW down to a row with goals (or units, ASN), SUB_ROW down to a row of
    indicators or activities only. Without goal_ranks, ranks on a level boundary (multiples of 10) count."""
    full = set(goal_ranks)
    y: dict[int, float] = {}
    current = 0.0
    for position, rank in enumerate(sorted(set(ranks))):
        if position:
            current += ROW if (rank in full if full else rank % 10 == 0) else SUB_ROW
        y[rank] = current
    return y


# -- tidy layout -------------------------------------------------------------------------------------------------

_PARENT_PRIORITY = {
    "MEASURED_BY": 0,
    "CONTRIBUTES_TO": 1,
    "ASSIGNED_TO": 2,
    "CROSSCUTTING": 3,
    "PART_OF": 4,
    "MEMBER_OF": 5,
}


def layout_pair(edge: Mapping[str, Any]) -> tuple[str, str] | None:
    """(child, parent) of an edge for the layout: the element below, the element it points up to."""
    kind = edge.get("type")
    if kind in ("CONTRIBUTES_TO", "PART_OF", "ASSIGNED_TO"):
        return edge["from"], edge["to"]
    if kind in ("MEASURED_BY", "MEMBER_OF"):  # goal -> its indicator, ASN -> its unit: drawn below
        return edge["to"], edge["from"]
    return None


def natural_key(text: str | None) -> tuple:
    """'SK-2' before 'SK-10'."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text or "") if part
    )


def tidy_slots(
    roots: list[str], children: Mapping[str, list[str]], width: Callable[[str], int] = lambda _: 1, gap: int = 1
) -> dict[str, float]:
    """x of every node in slots: leaves side by side in depth-first order, parents centred over children.

    `width(leaf)` slots are reserved for a leaf (a cluster opened in the page is wider); a leaf's x is the
    centre of its slots. The same algorithm runs in the page script (static/pokin-view.js).
    """
    x: dict[str, float] = {}
    cursor = 0
    for index, root in enumerate(roots):
        if index:
            cursor += gap
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            kids = children.get(node) or []
            if not kids:
                span = width(node)
                x[node] = cursor + (span - 1) / 2
                cursor += span
            elif done:
                x[node] = (x[kids[0]] + x[kids[-1]]) / 2
            else:
                stack.append((node, True))
                stack.extend((kid, False) for kid in reversed(kids))
    return x


STACK_MIN = 4  # a parent with this many leaves on the bottom row stacks them in a grid
STACK_ROWS = 5  # leaves per column of such a grid
STACK_DY = 105  # px between the rows of a grid


def arrange(
    roots: list[str],
    children: Mapping[str, list[str]],
    ranks: Mapping[str, int],
    y_of: Mapping[int, float],
    *,
    stack_rank: int | None = None,
    gap: int = 1,
) -> dict[str, tuple[float, float]]:
    """(x in slots, y in px) of every node under `roots`: tidy_slots, y by rank.

    With stack_rank, a parent's leaves on that (bottom) row, when there are at least STACK_MIN of them,
    form a grid STACK_ROWS deep instead of one long row, which keeps wide OPD trees compact; nothing is
    drawn below the bottom row, so the grid overlaps nothing.
    """
    grids: dict[str, tuple[int, list[str]]] = {}
    layout_children: dict[str, list[str]] = dict(children)
    if stack_rank is not None:
        for parent, kids in children.items():
            leaves = [kid for kid in kids if not children.get(kid) and ranks.get(kid) == stack_rank]
            if len(leaves) < STACK_MIN:
                continue
            grid = f"{parent}\u0000grid"
            grids[grid] = (-(-len(leaves) // STACK_ROWS), leaves)
            stacked = set(leaves)
            first = kids.index(leaves[0])
            layout_children[parent] = (
                [kid for kid in kids[:first] if kid not in stacked]
                + [grid]
                + [kid for kid in kids[first:] if kid not in stacked]
            )
    x = tidy_slots(roots, layout_children, width=lambda node: grids[node][0] if node in grids else 1, gap=gap)
    position: dict[str, tuple[float, float]] = {}
    for node, slot in x.items():
        if node in grids:
            columns, leaves = grids[node]
            left = slot - (columns - 1) / 2
            top = y_of[stack_rank] if stack_rank is not None else 0.0  # grids exist only with a stack_rank
            for index, leaf in enumerate(leaves):
                position[leaf] = (left + index % columns, top + (index // columns) * STACK_DY)
        elif node not in position:
            position[node] = (slot, y_of.get(ranks[node], 0.0) if node in ranks else 0.0)
    return position


@dataclass
class Forest:
    """One layout parent per node (strictly higher row), children in drawing order, and the roots."""

    parent: dict[str, str | None]
    children: dict[str, list[str]]
    roots: list[str]


def build_forest(
    ids: list[str],
    ranks: Mapping[str, int],
    sort_keys: Mapping[str, tuple],
    edges: Iterable[Mapping[str, Any]],
    centre: frozenset[str] | set[str] = frozenset(),
) -> Forest:
    """One layout parent per node; children sorted by row then natural key, those in `centre` (a goal's
    indicators) moved to the middle so that they sit right under their goal."""
    best: dict[str, tuple] = {}
    for edge in edges:
        pair = layout_pair(edge)
        if pair is None:
            continue
        child, parent = pair
        if child not in ranks or parent not in ranks or ranks[parent] >= ranks[child]:
            continue
        kind = "CROSSCUTTING" if edge.get("type") == "CONTRIBUTES_TO" and edge.get("crosscutting") else edge["type"]
        # best parent: priority of the edge, then the nearest row above, then the id
        candidate = (_PARENT_PRIORITY.get(kind, 9), -ranks[parent], sort_keys[parent], parent)
        if child not in best or candidate < best[child]:
            best[child] = candidate
    parent_of: dict[str, str | None] = {node: (best[node][-1] if node in best else None) for node in ids}
    children: dict[str, list[str]] = {}
    for node in ids:
        layout_parent = parent_of[node]
        if layout_parent is not None:
            children.setdefault(layout_parent, []).append(node)

    def order(node: str) -> tuple[Any, Any]:
        return ranks[node], sort_keys[node]

    for parent, kids in children.items():
        kids.sort(key=order)
        middle = [kid for kid in kids if kid in centre]
        if middle and len(middle) < len(kids):
            others = [kid for kid in kids if kid not in centre]
            half = len(others) // 2
            children[parent] = others[:half] + middle + others[half:]
    roots = sorted((node for node in ids if parent_of[node] is None), key=order)
    return Forest(parent_of, children, roots)


# -- the network ---------------------------------------------------------------------------------------------------


class PokinNetwork(Network):
    """A pyvis Network with fixed positions and the extra data the pokin page script needs (`self.pokin`).

    Nodes and edges are appended in O(1) each (pyvis' add_node/add_edge scan lists: quadratic at 5,000
    nodes); `self.nodes`, `self.edges`, `self.node_ids` and `self.node_map` stay as pyvis keeps them.
    Render it with visual.render (never pyvis' own template, which loads files from CDNs).
    """

    def __init__(self, title: str, *, view: str, height: str = "780px"):
        super().__init__(height=height, width="100%", directed=True, heading="", cdn_resources="remote")
        self.pokin: dict[str, Any] = {
            "view": view,
            "title": title,
            "subtitle": None,
            "note": None,
            "legend": [],
            "legends": {},
            "color_by": "level",
            "color_modes": ["level"],
            "clusters": {},
            "layout": None,
            "hidden_edges": [],
            "summary": {},
        }
        self._edge_count = 0

    def add_vis_node(self, node: dict[str, Any]) -> None:
        if node["id"] in self.node_map:
            return
        self.nodes.append(node)
        self.node_ids.append(node["id"])
        self.node_map[node["id"]] = node

    def add_vis_edge(self, edge: dict[str, Any]) -> None:
        self.edges.append(edge)


@dataclass
class _Item:
    id: str
    label: str
    level: str | None
    row: dict[str, Any]
    rank: int = 0
    key: tuple = field(default_factory=tuple)


def build_tree(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    *,
    color_by: ColorBy = "level",
    achievement: Mapping[str, Any] | None = None,
    highlight: Mapping[str, str] | Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    title: str = "Pohon Kinerja",
    subtitle: str | None = None,
    bands: tuple[styles.Band, ...] = styles.BANDS,
    height: str = "780px",
    marks: Mapping[str, styles.FindingStyle] | None = None,
) -> PokinNetwork:
    """The tree view (Pemda tree or one OPD's cascade) from view_tree rows.

    color_by: "level" (strategic red, tactical blue, operational green) or "achievement" (band colours).
    achievement: id -> capaian (number), band name ('sangat baik', …), or a row of the achievement query
    ({capaian, band}); with it both colourings are embedded and the page can switch between them.
    highlight: ids flagged by the audit, as a set or as id -> finding key ('orphaned_staff', 'no_leverage').
    marks: finding key -> its style and legend title (styles.mark_style; from the catalog's findings).
    max_nodes: past this many nodes the deepest rows collapse into clusters (see the module doc).
    """
    return _build(
        "pohon",
        nodes,
        edges,
        color_by=color_by,
        achievement=achievement,
        highlight=highlight,
        max_nodes=max_nodes,
        title=title,
        subtitle=subtitle,
        bands=bands,
        height=height,
        marks=marks,
    )


def build_line_of_sight(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    *,
    color_by: ColorBy = "level",
    achievement: Mapping[str, Any] | None = None,
    highlight: Mapping[str, str] | Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    title: str = "Garis Pandang (Line of Sight)",
    subtitle: str | None = None,
    bands: tuple[styles.Band, ...] = styles.BANDS,
    height: str = "780px",
    marks: Mapping[str, styles.FindingStyle] | None = None,
) -> PokinNetwork:
    """One ASN's line of sight (view_line_of_sight rows): the ASN at the bottom, every path up to the top."""
    return _build(
        "staff",
        nodes,
        edges,
        color_by=color_by,
        achievement=achievement,
        highlight=highlight,
        max_nodes=max_nodes,
        title=title,
        subtitle=subtitle,
        bands=bands,
        height=height,
        marks=marks,
    )


def build_impact(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    *,
    color_by: ColorBy = "level",
    achievement: Mapping[str, Any] | None = None,
    highlight: Mapping[str, str] | Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    title: str = "Dampak Elemen",
    subtitle: str | None = None,
    bands: tuple[styles.Band, ...] = styles.BANDS,
    height: str = "780px",
) -> PokinNetwork:
    """One element's impact (view_impact rows): what it supports above, what supports it below."""
    return _build(
        "impact",
        nodes,
        edges,
        color_by=color_by,
        achievement=achievement,
        highlight=highlight,
        max_nodes=max_nodes,
        title=title,
        subtitle=subtitle,
        bands=bands,
        height=height,
        marks=None,
    )


def _build(
    view: str,
    node_rows: Iterable[Mapping[str, Any]],
    edge_rows: Iterable[Mapping[str, Any]],
    *,
    color_by: ColorBy,
    achievement: Mapping[str, Any] | None,
    highlight: Mapping[str, str] | Iterable[str] | None,
    max_nodes: int,
    title: str,
    subtitle: str | None,
    bands: tuple[styles.Band, ...],
    height: str,
    marks: Mapping[str, styles.FindingStyle] | None,
) -> PokinNetwork:
    if color_by not in ("level", "achievement"):
        raise ValueError(f"color_by must be 'level' or 'achievement', not {color_by!r}")
    items = _items(node_rows)
    ids = list(items)
    edges = _clean_edges(edge_rows, items)
    ranks, forest = _ranked_forest(items, edges)
    findings = _findings(highlight)
    marked = {key: (marks or {}).get(key, styles.AUDIT_FINDING) for key in set(findings.values())}
    scores = _achievement(achievement, bands)

    net = _network(
        title, view=view, height=height, subtitle=subtitle, color_by=color_by, with_modes=achievement is not None
    )
    y_of = row_positions(
        ranks.values(), {item.rank for item in items.values() if item.label in ("Goal", "ASN", "Unit")}
    )

    collapse = _collapse_if_big(forest, ranks, max_nodes)
    visible = set(ids) if collapse is None else collapse.visible
    roots, children = _shown_tree(forest, collapse, visible)
    bottom = max(ranks.values(), default=0)
    # the collapsed view is re-laid out in the page when a cluster opens: no stacked leaves there
    position = arrange(roots, children, ranks, y_of, stack_rank=None if collapse is not None else bottom)

    vis_node = _node_maker(scores, findings, marked, color_by=color_by, with_modes=achievement is not None, bands=bands)

    for node_id in ids:
        if node_id in visible:
            x, y = position[node_id]
            net.add_vis_node(vis_node(items[node_id], x * SLOT, y))
    start = _start(items, position, roots)
    if start is not None:
        net.pokin["start"] = start
    hidden_edges = _add_edges(net, edges, items, visible)

    if collapse is not None:
        _add_clusters(net, collapse, forest, ranks, y_of, position, items, vis_node, bottom=bottom)
        _add_collapse_layout(net, collapse, hidden_edges, roots, children, total=len(ids))

    _add_legends(net, items, edges, marked, clusters=collapse is not None, color_by=color_by, bands=bands)
    _add_summary(net, items, edges, findings, collapse, visible)
    return net


def _network(
    title: str, *, view: str, height: str, subtitle: str | None, color_by: ColorBy, with_modes: bool
) -> PokinNetwork:
    """An empty network carrying what the page needs before any node: its subtitle and the colourings it can
    switch between (both only when the view has achievement figures)."""
    net = PokinNetwork(title, view=view, height=height)
    net.pokin["subtitle"] = subtitle
    net.pokin["color_by"] = color_by
    net.pokin["color_modes"] = ["level", "achievement"] if with_modes else [color_by]
    return net


def _collapse_if_big(forest: Forest, ranks: Mapping[str, int], max_nodes: int) -> _Collapse | None:
    """The folding of a view past max_nodes; None when it fits, or when folding would hide nothing."""
    collapse = _collapse(forest, ranks, max_nodes) if len(ranks) > max_nodes else None
    return collapse if collapse is not None and collapse.clusters else None


def _node_maker(
    scores: Mapping[str, _Score],
    findings: Mapping[str, str],
    marked: Mapping[str, styles.FindingStyle | None],
    *,
    color_by: ColorBy,
    with_modes: bool,
    bands: tuple[styles.Band, ...],
) -> Callable[[_Item, float, float], dict[str, Any]]:
    """One way to draw a node for the whole view, shared by the visible nodes and the clusters' members, so
    both carry the same figures, marks and colourings."""

    def vis_node(item: _Item, x: float, y: float) -> dict[str, Any]:
        return _vis_node(
            item,
            x,
            y,
            color_by=color_by,
            score=scores.get(item.id),
            finding=findings.get(item.id),
            marked=marked,
            with_modes=with_modes,
            bands=bands,
        )

    return vis_node


def _add_clusters(
    net: PokinNetwork,
    collapse: _Collapse,
    forest: Forest,
    ranks: Mapping[str, int],
    y_of: Mapping[int, float],
    position: Mapping[str, tuple[float, float]],
    items: Mapping[str, _Item],
    vis_node: Callable[[_Item, float, float], dict[str, Any]],
    *,
    bottom: int,
) -> None:
    """Every cluster of a folded view, closed on the first row below the cut-off (where its hidden tops would
    be), its members laid out as their own tidy subtree for when it opens."""
    cluster_y = y_of[min(rank for rank in ranks.values() if rank > collapse.cutoff)]
    for cluster_id, cluster in collapse.clusters.items():
        member_position = arrange(cluster.roots, forest.children, ranks, y_of, stack_rank=bottom, gap=0)
        _add_cluster(
            net, cluster_id, cluster, member_position, items, vis_node, (position[cluster_id][0] * SLOT, cluster_y)
        )


def _add_collapse_layout(
    net: PokinNetwork,
    collapse: _Collapse,
    hidden_edges: list[dict[str, Any]],
    roots: list[str],
    children: Mapping[str, list[str]],
    *,
    total: int,
) -> None:
    """What the page's script needs to re-lay out the tree when a cluster opens, and the note saying why the
    tree is folded."""
    net.pokin["hidden_edges"] = hidden_edges
    net.pokin["layout"] = {"slot": SLOT, "gap": 1, "roots": roots, "children": children}
    net.pokin["note"] = (
        f"Pohon ini besar ({total} elemen): {total - len(collapse.visible)} elemen di "
        f"bawah level teratas diringkas menjadi {len(collapse.clusters)} kelompok. "
        f"Klik sebuah kelompok (+N) untuk membukanya, klik lagi untuk menutupnya."
    )


def _items(node_rows: Iterable[Mapping[str, Any]]) -> dict[str, _Item]:
    """The view's nodes by id (the first row of a repeated id), each with its level rank and sort key."""
    items: dict[str, _Item] = {}
    for row in node_rows:
        node_id = str(row["id"])
        if node_id in items:
            continue
        item = _Item(node_id, row.get("label") or "Goal", row.get("level"), dict(row))
        item.rank = rank_of(item.label, item.level, bool(row.get("opd_id")))
        item.key = natural_key(row.get("code") or node_id)
        items[node_id] = item
    return items


def _ranked_forest(items: Mapping[str, _Item], edges: list[dict[str, Any]]) -> tuple[dict[str, int], Forest]:
    """The rows the nodes go in (their level ranks pushed down by the edges, see assign_ranks; written back
    into the items) and the layout forest over them."""
    ranks = assign_ranks({node_id: item.rank for node_id, item in items.items()}, edges)
    for node_id, item in items.items():
        item.rank = ranks[node_id]
    keys = {node_id: item.key for node_id, item in items.items()}
    indicators = {node_id for node_id, item in items.items() if item.label == "Indicator"}
    return ranks, build_forest(list(items), ranks, keys, edges, indicators)


def _add_edges(
    net: PokinNetwork, edges: list[dict[str, Any]], items: Mapping[str, _Item], visible: set[str]
) -> list[dict[str, Any]]:
    """Draw the edges between visible nodes; the others (into a collapsed cluster) are returned for the page."""
    hidden_edges: list[dict[str, Any]] = []
    for number, edge in enumerate(edges):
        vis = _vis_edge(number, edge, items)
        if vis["from"] in visible and vis["to"] in visible:
            net.add_vis_edge(vis)
        else:
            hidden_edges.append(vis)
    return hidden_edges


def _add_summary(
    net: PokinNetwork,
    items: Mapping[str, _Item],
    edges: list[dict[str, Any]],
    findings: Mapping[str, str],
    collapse: _Collapse | None,
    visible: set[str],
) -> None:
    """The view's counts, and the vis.js groups and options its drawing uses."""
    net.pokin["summary"] = {
        "nodes": len(items),
        "edges": len(edges),
        "visible_nodes": len(visible),
        "clusters": 0 if collapse is None else len(collapse.clusters),
        "hidden_nodes": len(items) - len(visible),
        "crosscutting_edges": sum(1 for e in edges if e.get("crosscutting")),
        "findings": len(findings),
        "cutoff_rank": None if collapse is None else collapse.cutoff,
    }
    groups = {group_key(item.label, item.level): _group(item.label, item.level) for item in items.values()}
    if collapse is not None:
        groups["cluster"] = {
            "shape": "box",
            "font": {"size": 13},
            "borderWidth": 2,
            "margin": 8,
            "shapeProperties": {"borderDashes": [4, 3]},
            "widthConstraint": {"maximum": LABEL_WIDTH},
        }
    net.options = _options(big=len(visible) > 600, groups=groups)


def _shown_tree(
    forest: Forest, collapse: _Collapse | None, visible: set[str]
) -> tuple[list[str], dict[str, list[str]]]:
    """The roots and children laid out: the visible nodes, each cluster in the place of its hidden subtrees."""
    children = {node: [kid for kid in kids if kid in visible] for node, kids in forest.children.items()}
    roots = [root for root in forest.roots if root in visible]
    if collapse is not None:
        for cluster_id, cluster in collapse.clusters.items():
            if cluster.parent is None:
                roots.append(cluster_id)
            else:
                children.setdefault(cluster.parent, []).append(cluster_id)
    return roots, {node: kids for node, kids in children.items() if kids}


def _start(
    items: Mapping[str, _Item], position: Mapping[str, tuple[float, float]], roots: list[str]
) -> dict[str, Any] | None:
    """Where the page first looks: a wide view starts at the element it is about, an OPD's cascade at the OPD's
    own top element, any other view at the top of its first tree."""
    ids = list(items)
    focus = next((node_id for node_id in ids if items[node_id].row.get("role") == "focus"), None)
    own = [node_id for node_id in ids if items[node_id].row.get("role") == "own" and node_id in position]
    if focus is not None and focus in position:
        return {"x": position[focus][0] * SLOT, "y": position[focus][1], "anchor": "centre"}
    if own and len(own) < len(ids):
        top = min(own, key=lambda node_id: (position[node_id][1], position[node_id][0]))
        return {"x": position[top][0] * SLOT, "y": position[top][1], "anchor": "top"}
    if roots:
        first = roots[0]
        start_x = position[first][0] if first in position else 0.0
        return {"x": start_x * SLOT, "y": min((y for _, y in position.values()), default=0.0), "anchor": "top"}
    return None


def _add_cluster(
    net: PokinNetwork,
    cluster_id: str,
    cluster: _Cluster,
    member_position: Mapping[str, tuple[float, float]],
    items: Mapping[str, _Item],
    vis_node: Callable[[_Item, float, float], dict[str, Any]],
    at: tuple[float, float],
) -> None:
    """One collapsed cluster: its closed node (and edge to its parent) drawn, its members kept for the page to
    draw when it opens."""
    members = []
    for member in cluster.members:
        dx, y = member_position[member]
        node = vis_node(items[member], 0.0, y)
        node["dx"] = dx
        members.append(node)
    counts = _kind_counts(items[member] for member in cluster.members)
    flagged = sum(1 for node in members if node["pokin"].get("finding") is not None)
    label_closed = f"+{len(cluster.members)}\n" + "\n".join(f"{count} {name}" for name, count in counts[:4])
    if len(counts) > 4:
        label_closed += "\n…"
    if flagged:  # the badge: a closed group says how many findings it hides
        label_closed += f"\n⚑ {flagged} temuan"
    net.add_vis_node(_cluster_node(cluster_id, label_closed, len(cluster.members), counts, *at, findings=flagged))
    if cluster.parent is not None:
        net.add_vis_edge(_cluster_edge(cluster.parent, cluster_id))
    width = int(max((x for x, _ in member_position.values()), default=0)) + 1
    net.pokin["clusters"][cluster_id] = {
        "parent": cluster.parent,
        "width": width,
        "count": len(cluster.members),
        "findings": flagged,
        "counts": [{"name": name, "count": count} for name, count in counts],
        "label_closed": label_closed,
        "label_open": f"▲ Tutup\n({len(cluster.members)})",
        "nodes": members,
    }


def _add_legends(
    net: PokinNetwork,
    items: Mapping[str, _Item],
    edges: list[dict[str, Any]],
    marked: Mapping[str, styles.FindingStyle],
    *,
    clusters: bool,
    color_by: str,
    bands: tuple[styles.Band, ...],
) -> None:
    """The legend of what the view shows, for its colouring and for each colouring the page can switch to;
    `marked`: the style of each audit mark the view carries."""
    legend = partial(
        styles.legend,
        kinds={item.label for item in items.values()},
        findings=marked,
        edge_types={edge["type"] for edge in edges},
        crosscutting=any(edge.get("crosscutting") for edge in edges),
        clusters=clusters,
        bands=bands,
    )
    net.pokin["legend"] = [entry.as_dict() for entry in legend(color_by=color_by)]
    net.pokin["legends"] = {
        mode: [entry.as_dict() for entry in legend(color_by=mode)] for mode in net.pokin["color_modes"]
    }


# -- collapse ------------------------------------------------------------------------------------------------------


@dataclass
class _Cluster:
    parent: str | None
    roots: list[str]
    members: list[str]


@dataclass
class _Collapse:
    cutoff: int
    visible: set[str]
    clusters: dict[str, _Cluster]


def _collapse(forest: Forest, ranks: Mapping[str, int], max_nodes: int) -> _Collapse:
    """Keep the rows down to the deepest cut-off where kept nodes + clusters fit in max_nodes and the
    bottom of the kept tree is at most MAX_LEAF_SLOTS wide (else the deepest that fits max_nodes)."""
    distinct = sorted(set(ranks.values()))
    fits_nodes: int | None = None
    chosen: int | None = None
    for cutoff in reversed(distinct[:-1]):
        kept = sum(1 for rank in ranks.values() if rank <= cutoff)
        cluster_count = len(
            {
                forest.parent[node]
                for node, rank in ranks.items()
                if rank > cutoff and _is_top_hidden(node, forest, ranks, cutoff)
            }
        )
        if kept + cluster_count > max_nodes:
            continue
        fits_nodes = cutoff if fits_nodes is None else fits_nodes
        leaves = sum(1 for node, rank in ranks.items() if rank <= cutoff and not forest.children.get(node))
        if leaves + cluster_count <= MAX_LEAF_SLOTS:
            chosen = cutoff
            break
    chosen = chosen if chosen is not None else fits_nodes if fits_nodes is not None else distinct[0]
    visible = {node for node, rank in ranks.items() if rank <= chosen}
    clusters: dict[str, _Cluster] = {}
    # each hidden subtree root: a hidden node whose layout parent is kept (or that has none)
    order = sorted(
        (node for node in ranks if node not in visible and _is_top_hidden(node, forest, ranks, chosen)),
        key=lambda node: (ranks[node], natural_key(node)),
    )
    top_by_parent: dict[str | None, list[str]] = {}
    for node in order:
        top_by_parent.setdefault(forest.parent[node], []).append(node)
    for parent, tops in top_by_parent.items():
        if parent is not None:  # keep the parent's own child order
            position = {kid: index for index, kid in enumerate(forest.children[parent])}
            tops.sort(key=lambda node: position[node])
        else:
            tops = [root for root in forest.roots if root in set(tops)]
        members: list[str] = []
        stack = list(reversed(tops))
        while stack:
            node = stack.pop()
            members.append(node)
            stack.extend(reversed(forest.children.get(node, [])))
        cluster_id = ORPHAN_CLUSTER if parent is None else CLUSTER_PREFIX + parent
        clusters[cluster_id] = _Cluster(parent, tops, members)
    if ORPHAN_CLUSTER in clusters:  # the cluster of parentless nodes goes last
        clusters[ORPHAN_CLUSTER] = clusters.pop(ORPHAN_CLUSTER)
    return _Collapse(chosen, visible, clusters)


def _is_top_hidden(node: str, forest: Forest, ranks: Mapping[str, int], cutoff: int) -> bool:
    parent = forest.parent[node]
    return parent is None or ranks[parent] <= cutoff


def _kind_counts(items: Iterable[_Item]) -> list[tuple[str, int]]:
    counts: dict[tuple[int, str], int] = {}
    for item in items:
        key = (item.rank, styles.short_name(item.label, item.level))
        counts[key] = counts.get(key, 0) + 1
    return [(name, count) for (_, name), count in sorted(counts.items())]


# -- nodes and edges -----------------------------------------------------------------------------------------------


def _clean_edges(rows: Iterable[Mapping[str, Any]], items: Mapping[str, _Item]) -> list[dict[str, Any]]:
    """Edges with both ends among the nodes; crosscutting filled in from the ends' OPDs when missing."""
    edges = []
    for row in rows:
        source, target = str(row.get("from")), str(row.get("to"))
        if source not in items or target not in items:
            continue
        edge = dict(row, **{"from": source, "to": target})
        if edge.get("crosscutting") is None:
            opd_a, opd_b = items[source].row.get("opd_id"), items[target].row.get("opd_id")
            edge["crosscutting"] = bool(opd_a and opd_b and opd_a != opd_b)
        edges.append(edge)
    return edges


def _findings(highlight: Mapping[str, str] | Iterable[str] | None) -> dict[str, str]:
    if highlight is None:
        return {}
    if isinstance(highlight, Mapping):
        return {str(key): str(value or "finding") for key, value in highlight.items()}
    return {str(key): "finding" for key in highlight}


@dataclass(frozen=True)
class _Score:
    capaian: float | None
    band: styles.Band
    supporting: float | None = None  # the supporting capaian from below (a goal's), shown beside its own
    target: Any = None  # an indicator's target and realisasi of the year, as the data has them
    realisasi: Any = None


def _achievement(achievement: Mapping[str, Any] | None, bands: tuple[styles.Band, ...]) -> dict[str, _Score]:
    scores: dict[str, _Score] = {}
    for key, value in (achievement or {}).items():
        capaian: float | None = None
        supporting: float | None = None
        band_name: str | None = None
        figures: tuple[Any, Any] = (None, None)
        if isinstance(value, Mapping):
            capaian, band_name = value.get("capaian"), value.get("band")
            supporting = value.get("supporting_capaian")
            figures = (value.get("target"), value.get("realisasi"))
        elif isinstance(value, str):
            band_name = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            capaian = float(value)
        band = styles.BANDS_BY_KEY.get(band_name or "") if band_name else None
        if band is None:
            band = styles.band_for(capaian, bands)
        scores[str(key)] = _Score(capaian, band, supporting, *figures)
    return scores


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def figure(value: Any) -> str:
    """A target or realisasi as the box shows it: a number in Indonesian notation, a word (`Baik`) as written."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return styles.format_number(value)
    return "–" if value is None or str(value).strip() == "" else _short(str(value), 20)


def score_line(label: str | None, score: _Score | None) -> str | None:
    """The figures line of a box, as a Renstra tree prints it: an indicator's target, realisasi and capaian, a
    goal's capaian; None without figures."""
    if score is None or label not in ("Goal", "Indicator"):
        return None
    parts = []
    if label == "Indicator" and (score.target is not None or score.realisasi is not None):
        parts += [f"T {figure(score.target)}", f"R {figure(score.realisasi)}"]
    if score.capaian is not None:
        parts.append(f"Capaian {styles.format_percent(score.capaian)}")
    return " · ".join(parts) or None


def node_label(row: Mapping[str, Any], score: _Score | None = None) -> str:
    """The text drawn in a node (plain text: the canvas never interprets HTML): the statement, and under it the
    figures of the year when the view carries them (score_line)."""
    label = row.get("label")
    text = _short(str(row.get("title") or row.get("id") or ""))
    if label == "Activity" and row.get("code"):
        return f"{row['code']}\n{text}"
    if label == "ASN" and row.get("position"):
        return f"{text}\n{_short(str(row['position']), 60)}"
    if label == "Indicator":
        text = _short(str(row.get("title") or row.get("id") or ""), 70)
    figures = score_line(label, score)
    return text if figures is None else f"{text}\n{figures}"


def node_tooltip(row: Mapping[str, Any], score: _Score | None = None, finding: str | None = None) -> str:
    """The tooltip as HTML: our own <b>/<br> around data that is ALWAYS escaped. `finding`: the title of the
    node's audit mark, if it has one."""

    def e(value: Any) -> str:
        return html.escape(str(value), quote=True)

    label = row.get("label") or "Goal"
    shown = row.get("nip_shown") or row.get("id")  # an ASN's NIP as the reader may see it (masked)
    lines = [f"<b>{e(styles.kind_name(label, row.get('level')))}</b> · {e(shown)}"]
    if row.get("title"):
        lines.append(e(row["title"]))
    if row.get("code"):
        lines.append(f"Kode: {e(row['code'])}")
    if label == "ASN":
        if row.get("position"):
            lines.append(f"Jabatan: {e(row['position'])}")
        lines.append(f"NIP: {e(shown)}")
    if row.get("unit_name") and label != "Unit":
        lines.append(f"Unit: {e(row['unit_name'])}")
    if row.get("opd_name") and row.get("opd_name") != row.get("unit_name"):
        lines.append(f"OPD: {e(row['opd_name'])}")
    if label == "Activity":
        year = f" {e(row['year'])}" if row.get("year") is not None else ""
        lines.append(f"Pagu{year}: {e(styles.format_rupiah(row.get('budget')))}")
    if score is not None:
        band = score.band.key or "tanpa capaian"
        lines.append(f"Capaian: {e(styles.format_percent(score.capaian))} ({e(band)})")
        if score.supporting is not None:
            lines.append(f"Capaian pendukung (dari bawah): {e(styles.format_percent(score.supporting))}")
    if finding is not None:
        lines.append(f"<b>Temuan:</b> {e(finding)}")
    return "<br>".join(lines)


def group_key(label: str, level: str | None) -> str:
    """The vis-network group of a node: its shape and level colours live in the options, once."""
    if label in ("Goal", "Activity", "Indicator"):
        return f"{label}:{level or ''}"
    return label


def _group(label: str, level: str | None) -> dict[str, Any]:
    """Shape, size and label width of a kind of node. No colours: vis-network re-applies a group's colour
    on every partial update (e.g. a new position), so colours are set on each node instead."""
    style = styles.node_style(label, level)
    group: dict[str, Any] = {"shape": style.shape}
    if style.shape in ("box", "database"):
        group.update(widthConstraint={"maximum": LABEL_WIDTH}, margin=8)
    if label == "Indicator":
        group.update(size=12, font={"size": 12}, widthConstraint={"maximum": LABEL_WIDTH})
    if label == "ASN":
        group.update(image=styles.PERSON_IMAGE, size=22, shapeProperties={"useBorderWithImage": True})
    return group


def _vis_node(
    item: _Item,
    x: float,
    y: float,
    *,
    color_by: ColorBy,
    score: _Score | None,
    finding: str | None,
    marked: Mapping[str, styles.FindingStyle | None],
    with_modes: bool,
    bands: tuple[styles.Band, ...],
) -> dict[str, Any]:
    """A vis node: id, label, tooltip, group, position; colours only where they differ from the group."""
    row = item.row
    finding_style = marked.get(finding) if finding is not None else None
    role = row.get("role")
    colors = partial(_node_colors, item, score, finding_style)
    mark_title = finding_style.name if finding_style is not None else None
    node: dict[str, Any] = {
        "id": item.id,
        "label": node_label(row, score),
        "title": node_tooltip(row, score, mark_title),
        "group": group_key(item.label, item.level),
        "x": round(x, 1),
        "y": round(y, 1),
    }
    chosen = colors(color_by)
    node["color"] = styles.vis_color(chosen[0], chosen[1])
    node["font"] = {"color": chosen[2]}
    if role == "focus":
        node["borderWidth"] = styles.FOCUS_BORDER[1]
    if finding_style is not None:
        node["borderWidth"] = finding_style.width
        if finding_style.dashes:
            node["shapeProperties"] = {"borderDashes": list(finding_style.dashes)}
    if role == "context":
        node["opacity"] = styles.CONTEXT_OPACITY
    if with_modes:
        node["colors"] = {mode: colors(mode) for mode in ("level", "achievement")}
    node["pokin"] = _node_info(item, score, finding)
    return node


def _node_colors(
    item: _Item, score: _Score | None, finding_style: styles.FindingStyle | None, mode: ColorBy
) -> list[str]:
    """[fill, border, font] of the node in one colouring; the page switches colourings without a rebuild, so
    each is computed here. An audit mark's border wins over the focus border in every colouring."""
    if mode == "achievement" and item.label in ("Goal", "Indicator", "Activity"):
        band = score.band if score is not None else styles.NO_BAND
        background, border, font = band.background, band.border, band.font
    else:
        style = styles.node_style(item.label, item.level)
        background, border, font = style.background, style.border, style.font
    if item.label == "Indicator":
        font = "#111827"  # the name is drawn below the diamond, on white
    if finding_style is not None:
        border = finding_style.border
    elif item.row.get("role") == "focus":
        border = styles.FOCUS_BORDER[0]
    return [background, border, font]


def _node_info(item: _Item, score: _Score | None, finding: str | None) -> dict[str, Any]:
    """The node's data the page's script reads (filters, cluster badges, the side panel), apart from what vis
    draws."""
    info: dict[str, Any] = {"kind": item.label}
    for key in ("level", "unit_id", "opd_id", "role", "code", "budget", "year", "position"):
        if item.row.get(key) is not None:
            info[key] = item.row[key]
    if score is not None:
        info["capaian"] = score.capaian
        info["band"] = score.band.key or None
    if finding is not None:
        info["finding"] = finding
    return info


def weight_label(weight: Any) -> str | None:
    """'0,5' for a weight that is not 1 (Indonesian decimal comma); None for 1 or no weight."""
    if weight is None:
        return None
    try:
        value = float(weight)
    except (TypeError, ValueError):
        return None
    return None if value == 1.0 else styles.format_number(value, 3)


def _vis_edge(number: int, edge: Mapping[str, Any], items: Mapping[str, _Item]) -> dict[str, Any]:
    """A vis edge; the contribution style is the default in the options, others override it."""
    kind = edge.get("type") or "CONTRIBUTES_TO"
    crosscutting = bool(edge.get("crosscutting"))
    style = (
        styles.CROSSCUTTING
        if crosscutting and kind in ("CONTRIBUTES_TO", "ASSIGNED_TO")
        else styles.EDGE_STYLES.get(kind, styles.EDGE_STYLES["CONTRIBUTES_TO"])
    )
    default = styles.EDGE_STYLES["CONTRIBUTES_TO"]
    vis: dict[str, Any] = {"id": f"e{number}", "from": edge["from"], "to": edge["to"]}
    if style != default:
        vis["color"] = {"color": style.color, "highlight": "#111827", "hover": "#111827", "inherit": False}
        vis["width"] = style.width
        if style.dashes:
            vis["dashes"] = list(style.dashes)
        if not style.arrow:
            vis["arrows"] = {"to": {"enabled": False}}
    tip = [html.escape(styles.EDGE_STYLES.get(kind, default).name)]
    label = weight_label(edge.get("weight")) if kind == "CONTRIBUTES_TO" else None
    if label is not None:
        vis["label"] = label
        tip.append(f"bobot {html.escape(label)}")
    if crosscutting:
        source, target = items[edge["from"]].row, items[edge["to"]].row
        tip.append(
            f"{html.escape(styles.CROSSCUTTING.name)}: {html.escape(str(source.get('opd_name') or ''))}"
            f" → {html.escape(str(target.get('opd_name') or ''))}"
        )
    vis["title"] = " · ".join(tip)
    vis["pokin"] = {"type": kind, "crosscutting": crosscutting}
    return vis


def _cluster_node(
    cluster_id: str, label: str, count: int, counts: list[tuple[str, int]], x: float, y: float, *, findings: int = 0
) -> dict[str, Any]:
    """A closed group; one hiding findings gets the audit mark's border and says how many (its badge)."""
    style = styles.CLUSTER_STYLE
    detail = "<br>".join(f"{count} {html.escape(name)}" for name, count in counts)
    flagged = f"<br><b>Temuan audit di dalamnya: {findings}</b>" if findings else ""
    node = {
        "id": cluster_id,
        "label": label,
        "group": "cluster",
        "x": round(x, 1),
        "y": round(y, 1),
        "color": styles.vis_color(style.background, style.border),
        "font": {"color": style.font},
        "title": f"<b>{html.escape(style.name)}</b>: {count} elemen<br>{detail}{flagged}<br>"
        "Klik untuk membuka atau menutup.",
        "pokin": {"kind": "cluster", "count": count, "findings": findings},
    }
    if findings:
        node["color"] = styles.vis_color("#fdf4ff", styles.AUDIT_FINDING.border)
        node["borderWidth"] = 4
    return node


def _cluster_edge(parent: str, cluster_id: str) -> dict[str, Any]:
    style = styles.EDGE_STYLES["CLUSTER"]
    return {
        "id": f"c:{cluster_id}",
        "from": cluster_id,
        "to": parent,
        "color": {"color": style.color, "inherit": False},
        "width": style.width,
        "dashes": list(style.dashes) if style.dashes else False,
        "arrows": {"to": {"enabled": False}},
        "pokin": {"type": "CLUSTER"},
    }


def _options(*, big: bool, groups: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """vis-network options: no physics, no vis layout (positions are ours), plain-text labels, the groups."""
    default_edge = styles.EDGE_STYLES["CONTRIBUTES_TO"]
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "physics": {"enabled": False},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "zoomView": True,
        },
        "nodes": {
            "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 14, "multi": False},
            "fixed": {"x": True, "y": True},
            "physics": False,
            "borderWidth": 1,
            "shapeProperties": {"interpolation": False},
        },
        "edges": {
            "smooth": False
            if big
            else {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4},
            "color": {"color": default_edge.color, "highlight": "#111827", "hover": "#111827", "inherit": False},
            "width": default_edge.width,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 12, "align": "middle", "background": "#ffffff", "strokeWidth": 0},
            "selectionWidth": 1.5,
        },
        "groups": dict(groups),
    }
