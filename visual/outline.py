"""The outline of a tree view: the same tree as the network, as nested HTML <details> (pure: rows in, HTML out).

Why: the whole Pemda tree has thousands of elements; drawn on a canvas it must be zoomed and opened group by
group, and its script starts only after the page has arrived. The outline is plain HTML, readable the moment
the page is parsed (no script needed to open or close a branch), indented like the Renstra's tree, and prints
whole across pages. It follows the network's layout parents (visual.network.build_forest), so an element sits
under the same parent in both. Each entry carries what the page script needs to open one level or one OPD,
to find a name and to reveal it in the network: data-node, data-base (the level rank), data-opd, and
data-finding for an element an audit finding marks; a branch shows how many findings lie inside it.
Every piece of data is escaped here; nothing else builds this HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from graph.model import OUTCOME_LEVELS
from visual import styles
from visual.network import (
    _achievement,
    _clean_edges,
    _findings,
    _Item,
    _items,
    _ranked_forest,
    _Score,
    rank_of,
    score_line,
)

OPEN_DEPTH = 2  # branches open on arrival down to this depth (visi and misi: the misi and tujuan show)
TEXT_CHARS = 240  # longer statements are shortened (the panel has them whole)


@dataclass
class Outline:
    """The outline's HTML and the choices its tools offer: the levels present and the OPDs present."""

    html: Markup
    levels: list[tuple[int, str]] = field(default_factory=list)  # (level rank, name), top level first
    opds: list[tuple[str, str]] = field(default_factory=list)  # (OPD id, name), by name
    entries: int = 0
    findings: int = 0


def level_name(item: _Item, base: int) -> str:
    """The name of a level in the tools: a Pemda's and an OPD's tujuan and sasaran are told apart."""
    name = styles.kind_name(item.label, item.level)
    if item.label == "Goal" and item.level in OUTCOME_LEVELS and item.row.get("opd_id") and base >= 40:
        return f"{name} (OPD)"
    return name


def build_outline(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    *,
    achievement: Mapping[str, Any] | None = None,
    highlight: Mapping[str, str] | Iterable[str] | None = None,
    marks: Mapping[str, styles.FindingStyle] | None = None,
    bands: tuple[styles.Band, ...] = styles.BANDS,
    open_depth: int = OPEN_DEPTH,
) -> Outline:
    """The outline of view_tree rows (the same arguments as visual.network.build_tree): nested lists, a
    <details> per element with elements under it, opened down to `open_depth`."""
    items = _items(nodes)
    clean = _clean_edges(edges, items)
    _, forest = _ranked_forest(items, clean)
    findings = _findings(highlight)
    writer = _Writer(items, forest.children, _achievement(achievement, bands), findings, marks or {}, open_depth)
    writer.opened = opened_above(items, forest.parent)
    parts: list[str] = ['<ul class="outline-tree">']
    for root in forest.roots:
        writer.entry(root, 0, parts)
    parts.append("</ul>")
    bases = {node_id: rank_of(item.label, item.level, bool(item.row.get("opd_id"))) for node_id, item in items.items()}
    levels: dict[int, str] = {}
    for node_id, item in items.items():
        if item.label != "Indicator":
            levels.setdefault(bases[node_id], level_name(item, bases[node_id]))
    opds = {
        str(item.row["opd_id"]): str(item.row.get("opd_name") or item.row["opd_id"])
        for item in items.values()
        if item.row.get("opd_id")
    }
    return Outline(
        Markup("".join(parts)),
        sorted(levels.items()),
        sorted(opds.items(), key=lambda pair: (pair[1].lower(), pair[0])),
        len(items),
        len(findings),
    )


def opened_above(items: Mapping[str, _Item], parent: Mapping[str, str | None]) -> set[str]:
    """In an OPD's cascade (own elements among context ones): the branches above the OPD's topmost own elements,
    opened on arrival so that the OPD's part shows first; nothing in a tree that is all its own (the Pemda's)."""
    own = {node_id for node_id, item in items.items() if item.row.get("role") == "own"}
    if not own or len(own) == len(items):
        return set()
    opened: set[str] = set()
    for node_id in own:
        above = parent.get(node_id)
        if above is None or above in own:
            continue
        while above is not None and above not in opened:
            opened.add(above)
            above = parent.get(above)
    return opened


class _Writer:
    """Writes the entries depth first; each returns how many findings its branch holds (for the badge)."""

    def __init__(
        self,
        items: Mapping[str, _Item],
        children: Mapping[str, list[str]],
        scores: Mapping[str, _Score],
        findings: Mapping[str, str],
        marks: Mapping[str, styles.FindingStyle],
        open_depth: int,
    ):
        self.items, self.children, self.scores = items, children, scores
        self.findings, self.marks, self.open_depth = findings, marks, open_depth
        self.opened: set[str] = set()  # branches opened on arrival whatever their depth

    def entry(self, node_id: str, depth: int, parts: list[str]) -> int:
        item = self.items[node_id]
        finding = self.findings.get(node_id)
        base = rank_of(item.label, item.level, bool(item.row.get("opd_id")))
        attrs = f' data-node="{_e(node_id)}" data-base="{base}"'
        if item.row.get("opd_id"):
            attrs += f' data-opd="{_e(item.row["opd_id"])}"'
        if finding is not None:
            attrs += f' data-finding="{_e(finding)}"'
        kids = self.children.get(node_id) or []
        inner = self.inner(item, finding)
        if not kids:
            parts.append(f'<li{attrs}><div class="outline-item">{inner}</div></li>')
            return 1 if finding is not None else 0
        opened = depth < self.open_depth or node_id in self.opened
        # the statement's button stays outside the <summary> (a control inside a control is out of reach of
        # screen readers: axe-core's nested-interactive); the summary is the branch's toggle, drawn beside it
        parts.append(f'<li{attrs} class="outline-branch"><div class="outline-item">{inner}')
        counts_at = len(parts)
        parts.append("")  # the branch's counts, written once its entries are
        parts.append(
            f"</div><details{' open' if opened else ''}>"
            f'<summary aria-label="Buka atau tutup {len(kids)} elemen di bawahnya"></summary><ul>'
        )
        inside = sum(self.entry(kid, depth + 1, parts) for kid in kids)
        parts.append("</ul></details></li>")
        badge = f' <span class="outline-badge" title="Temuan audit di cabang ini">⚑ {inside}</span>' if inside else ""
        parts[counts_at] = (
            f' <span class="outline-n" title="{len(kids)} elemen langsung di bawahnya">({len(kids)})</span>{badge}'
        )
        return inside + (1 if finding is not None else 0)

    def inner(self, item: _Item, finding: str | None) -> str:
        """Kind, statement (a button that shows it in the network), figures, capaian band, the finding's mark."""
        row = item.row
        text = str(row.get("title") or item.id)
        if len(text) > TEXT_CHARS:
            text = text[: TEXT_CHARS - 1].rstrip() + "…"
        code = f"{row['code']} " if item.label == "Activity" and row.get("code") else ""
        out = (
            f'<span class="outline-kind">{_e(styles.short_name(item.label, item.level))}</span> '
            f'<button type="button" class="outline-text" data-focus-node="{_e(item.id)}" title="id: {_e(item.id)}">'
            f"{_e(code + text)}</button>"
        )
        score = self.scores.get(item.id)
        figures = score_line(item.label, score)
        if score is not None and figures is not None:
            band = score.band.key
            css = f"band band-{band.replace(' ', '-')}" if band else "band"
            out += f' <span class="{_e(css)}">{_e(figures)}</span>'
        if finding is not None:
            style = self.marks.get(finding, styles.AUDIT_FINDING)
            out += f' <span class="outline-flag">⚑ {_e(style.name)}</span>'
        if row.get("unit_name") and row.get("opd_id") and item.label != "Indicator":  # a Pemda's own: no unit
            out += f' <span class="outline-unit">{_e(row["unit_name"])}</span>'
        return out


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)
