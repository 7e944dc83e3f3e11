"""The bagan of a tree view: the pohon kinerja as a Renstra prints it (pure: rows in, HTML out).

Why: readers know the tree as a top-down chart of boxes, levels in rows, each box a statement with its
indicators, targets and capaian. The network draws indicators as nodes of their own and needs a script; this
chart is plain nested <ul>/<li> with CSS connector lines (service/static/pokin-tree.css), readable without
script and printable. It follows the same layout parents as the network and the outline
(visual.network.build_forest); a goal's indicators go inside its box, not under it.
Bounded: the whole Pemda's chart stops at `max_rank` (a level rank, visual.network.rank_of) and says how
many elements lie below, with a link to each OPD's own chart; an OPD's chart shows all its elements.
Every piece of data is escaped here; nothing else builds this HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from visual import styles
from visual.network import _achievement, _clean_edges, _findings, _Item, _items, _ranked_forest, _Score, figure, rank_of
from visual.outline import TEXT_CHARS, level_name

PEMDA_DEPTH = 59  # the Pemda's chart: down to the OPDs' sasaran (rank 50) by default
MAX_INDICATORS = 12  # indicators listed in one box; the rest counted


@dataclass
class Chart:
    """The chart's HTML, how many boxes it shows and hides, and the levels a reader may choose as its depth."""

    html: Markup
    boxes: int = 0
    hidden: int = 0
    levels: list[tuple[int, str]] = field(default_factory=list)  # (level rank, name), top level first
    opds: list[tuple[str, str]] = field(default_factory=list)  # OPDs with elements below the depth


def build_chart(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    *,
    achievement: Mapping[str, Any] | None = None,
    highlight: Mapping[str, str] | Iterable[str] | None = None,
    marks: Mapping[str, styles.FindingStyle] | None = None,
    bands: tuple[styles.Band, ...] = styles.BANDS,
    max_rank: int | None = None,
    opd_href: Callable[[str], str] | None = None,
) -> Chart:
    """The chart of view_tree rows (the same arguments as visual.outline.build_outline): a box per goal or
    activity, its indicators listed inside; boxes whose level rank exceeds `max_rank` left out (counted, and
    their OPD linked through `opd_href` when given)."""
    items = _items(nodes)
    _, forest = _ranked_forest(items, _clean_edges(edges, items))
    writer = _Writer(items, _achievement(achievement, bands), _findings(highlight), marks or {}, max_rank, opd_href)
    roots = writer.attach(forest.roots, forest.children)
    parts = ['<ul class="chart-tree">']
    for root in roots:
        writer.box(root, parts)
    parts.append("</ul>")
    levels: dict[int, str] = {}
    for item in items.values():
        if item.label != "Indicator":
            base = writer.base(item)
            levels.setdefault(base, level_name(item, base))
    opds = {
        str(items[key].row["opd_id"]): str(items[key].row.get("opd_name") or items[key].row["opd_id"])
        for key in writer.cut
        if items[key].row.get("opd_id")
    }
    return Chart(
        Markup("".join(parts)),
        writer.count,
        writer.hidden,
        sorted(levels.items()),
        sorted(opds.items(), key=lambda pair: (pair[1].lower(), pair[0])),
    )


class _Writer:
    """Writes the boxes depth first, counting what it writes and what the depth leaves out."""

    def __init__(
        self,
        items: Mapping[str, _Item],
        scores: Mapping[str, _Score],
        findings: Mapping[str, str],
        marks: Mapping[str, styles.FindingStyle],
        max_rank: int | None,
        opd_href: Callable[[str], str] | None,
    ):
        self.items, self.scores, self.findings, self.marks = items, scores, findings, marks
        self.max_rank, self.opd_href = max_rank, opd_href
        self.children: dict[str, list[str]] = {}
        self.measures: dict[str, list[str]] = {}
        self.count = self.hidden = 0
        self.cut: list[str] = []  # boxes with elements below the depth

    def attach(self, roots: list[str], children: Mapping[str, list[str]]) -> list[str]:
        """Indicators into the box of what they measure; what hangs under an indicator (a contribution to it)
        under that box too. An indicator measuring nothing drawn is a box of its own. Returns the top boxes."""

        def walk(node_id: str, owner: str | None, out: list[str]) -> None:
            is_measure = self.items[node_id].label == "Indicator" and owner is not None
            if is_measure:
                self.measures.setdefault(str(owner), []).append(node_id)
            else:
                out.append(node_id)
            kids: list[str] = []
            self.children[node_id] = kids
            for kid in children.get(node_id, []):
                walk(kid, owner if is_measure else node_id, out if is_measure else kids)

        tops: list[str] = []
        for root in roots:
            walk(root, None, tops)
        return [top for top in tops if self.shown(top)]

    def base(self, item: _Item) -> int:
        return rank_of(item.label, item.level, bool(item.row.get("opd_id")))

    def shown(self, node_id: str) -> bool:
        item = self.items[node_id]
        return self.max_rank is None or self.base(item) <= self.max_rank

    def below(self, node_id: str) -> int:
        """How many elements (indicators included) lie under a box, for the note of a cut branch."""
        kids = self.children.get(node_id, []) + self.measures.get(node_id, [])
        return len(kids) + sum(self.below(kid) for kid in self.children.get(node_id, []))

    def box(self, node_id: str, parts: list[str]) -> None:
        self.count += 1
        kids = self.children.get(node_id) or []
        shown = [kid for kid in kids if self.shown(kid)]
        left = sum(1 + self.below(kid) for kid in kids if kid not in shown)
        parts.append(f"<li>{self.inner(node_id, left)}")
        if left:
            self.hidden += left
            self.cut.append(node_id)
        if shown:
            parts.append("<ul>")
            for kid in shown:
                self.box(kid, parts)
            parts.append("</ul>")
        parts.append("</li>")

    def inner(self, node_id: str, left: int) -> str:
        """The box: kind, the finding's mark, statement, capaian of a goal, its indicators, unit, what is cut."""
        item = self.items[node_id]
        row = item.row
        finding = self.findings.get(node_id)
        attrs = f' data-node="{_e(node_id)}"'
        if row.get("opd_id"):
            attrs += f' data-opd="{_e(row["opd_id"])}"'
        css = f"chart-box chart-{_e(item.label.lower())}"
        if row.get("role") == "context":
            css += " chart-context"
        if finding is not None:
            attrs += f' data-finding="{_e(finding)}"'
            css += " chart-finding"
        out = [
            f'<div class="{css}"{attrs}><div class="chart-head">'
            f'<span class="chart-kind">{_e(styles.kind_name(item.label, item.level))}</span>'
        ]
        score = self.scores.get(node_id)
        if item.label == "Goal" and score is not None and score.capaian is not None:
            out.append(f" {_band(score)}")
        if finding is not None:
            style = self.marks.get(finding, styles.AUDIT_FINDING)
            out.append(f' <span class="outline-flag chart-flag">⚑ {_e(style.name)}</span>')
        out.append("</div>")
        text = " ".join(str(row.get("title") or node_id).split())
        if len(text) > TEXT_CHARS:
            text = text[: TEXT_CHARS - 1].rstrip() + "…"
        code = f"{row['code']} " if item.label == "Activity" and row.get("code") else ""
        out.append(f'<p class="chart-text">{_e(code + text)}</p>')
        out.append(self.indicators(node_id))
        if row.get("unit_name") and row.get("opd_id"):
            out.append(f'<p class="chart-unit">{_e(row["unit_name"])}</p>')
        if left:
            out.append(self.cut_note(row, left))
        out.append("</div>")
        return "".join(out)

    def indicators(self, node_id: str) -> str:
        """The box's own indicators: name, target with satuan, realisasi, capaian coloured by its band."""
        measures = self.measures.get(node_id) or []
        if not measures:
            return ""
        out = ['<ul class="chart-ind">']
        for ind_id in measures[:MAX_INDICATORS]:
            row = self.items[ind_id].row
            finding = self.findings.get(ind_id)
            flag = f' data-finding="{_e(finding)}"' if finding is not None else ""
            out.append(
                f'<li data-node="{_e(ind_id)}"{flag}><span class="chart-ind-name">'
                f"{_e(' '.join(str(row.get('title') or ind_id).split()))}</span>"
            )
            score = self.scores.get(ind_id)
            if score is not None and (score.target is not None or score.realisasi is not None):
                satuan = f" {row['satuan']}" if row.get("satuan") else ""
                out.append(
                    f' <span class="chart-fig">T {_e(figure(score.target) + satuan)}'
                    f" · R {_e(figure(score.realisasi) + satuan)}</span>"
                )
            if score is not None and score.capaian is not None:
                out.append(f" {_band(score)}")
            if finding is not None:
                style = self.marks.get(finding, styles.AUDIT_FINDING)
                out.append(f' <span class="outline-flag chart-flag">⚑ {_e(style.name)}</span>')
            out.append("</li>")
        if len(measures) > MAX_INDICATORS:
            out.append(f'<li class="muted">dan {len(measures) - MAX_INDICATORS} indikator lain</li>')
        out.append("</ul>")
        return "".join(out)

    def cut_note(self, row: Mapping[str, Any], left: int) -> str:
        note = f'<p class="chart-more">{styles.format_number(left, 0)} elemen lagi di bawahnya'
        if self.opd_href is not None and row.get("opd_id"):
            note += (
                f' · <a href="{_e(self.opd_href(str(row["opd_id"])))}">buka bagan '
                f"{_e(row.get('opd_name') or row['opd_id'])}</a>"
            )
        return note + "</p>"


def _band(score: _Score) -> str:
    band = score.band.key
    css = f"band band-{band.replace(' ', '-')}" if band else "band"
    return f'<span class="{_e(css)}" title="Capaian">{_e(styles.format_percent(score.capaian))}</span>'


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)
