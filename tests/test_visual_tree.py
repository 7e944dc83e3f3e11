"""The tree as people draw it, pure builders only (hand-made rows, no database): the outline beside the network
(visual/outline.py), the figures in the boxes, the findings badge of a closed group, the zoom buttons and minimap
of the fragment."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from visual import render, styles
from visual.network import CLUSTER_PREFIX, build_tree, node_label, score_line
from visual.outline import OPEN_DEPTH, build_outline

HOSTILE = "<img src=x onerror=alert(1)>"


def node(id, label="Goal", level=None, title=None, unit=None, opd=None, **extra):
    return {
        "kind": "node",
        "id": id,
        "label": label,
        "level": level,
        "title": title or f"Judul {id}",
        "unit_id": unit,
        "unit_name": unit and f"Unit {unit}",
        "opd_id": opd,
        "opd_name": opd and f"OPD {opd}",
        **extra,
    }


def edge(source, target, type="CONTRIBUTES_TO", crosscutting=False):  # noqa: A002 - the edge row's own key
    return {
        "kind": "edge",
        "from": source,
        "to": target,
        "type": type,
        "weight": 1.0 if type == "CONTRIBUTES_TO" else None,
        "crosscutting": crosscutting,
    }


# Pemda V <- M1, M2; T <- M1; S (indicator I-S) <- T; OPD A: SA -> S, SPA -> SA, RHK-1..3 -> SPA; OPD B: SB -> S,
# and B's SPB contributes across OPDs to SA.
NODES = [
    node("V", level="visi", unit="P"),
    node("M1", level="misi", unit="P"),
    node("M2", level="misi", unit="P"),
    node("T", level="tujuan", unit="P"),
    node("S", level="sasaran", unit="P"),
    node("I-S", "Indicator", "sasaran", title="Indeks kepuasan", unit="P"),
    node("SA", level="sasaran", unit="A", opd="A"),
    node("SPA", level="sasaran_program", unit="A", opd="A"),
    *[node(f"RHK-{i}", level="rhk", unit="A", opd="A") for i in range(1, 4)],
    node("SB", level="sasaran", unit="B", opd="B", title=HOSTILE),
    node("SPB", level="sasaran_program", unit="B", opd="B"),
]
EDGES = [
    edge("M1", "V"),
    edge("M2", "V"),
    edge("T", "M1"),
    edge("S", "T"),
    edge("S", "I-S", "MEASURED_BY"),
    edge("SA", "S"),
    edge("SPA", "SA"),
    *[edge(f"RHK-{i}", "SPA") for i in range(1, 4)],
    edge("SB", "S"),
    edge("SPB", "SB"),
    edge("SPB", "SA", crosscutting=True),
]


class Tree(HTMLParser):
    """The outline's entries: id -> (parent id, attributes, open when its entry has a <details>)."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.entries: dict[str, dict] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "li":
            node_id = attributes["data-node"]
            self.entries[node_id] = {
                "parent": self.stack[-1] if self.stack else None,
                "attrs": attributes,
                "open": None,
            }
            self.stack.append(node_id)
        elif tag == "details":
            self.entries[self.stack[-1]]["open"] = "open" in attributes

    def handle_endtag(self, tag):
        if tag == "li":
            self.stack.pop()


def parse(markup: str) -> Tree:
    tree = Tree()
    tree.feed(str(markup))
    return tree


def test_the_outline_nests_every_element_under_its_parent_in_the_drawing():
    outline = build_outline(NODES, EDGES)
    entries = parse(outline.html).entries
    assert set(entries) == {row["id"] for row in NODES} and outline.entries == len(NODES)
    parent = {node_id: entry["parent"] for node_id, entry in entries.items()}
    assert parent["V"] is None and parent["M1"] == parent["M2"] == "V" and parent["T"] == "M1"
    assert parent["I-S"] == "S" and parent["SA"] == parent["SB"] == "S" and parent["SPB"] == "SB"  # own OPD first
    assert {parent[f"RHK-{i}"] for i in range(1, 4)} == {"SPA"}
    assert entries["SA"]["attrs"]["data-opd"] == "A" and "data-opd" not in entries["V"]["attrs"]


def test_the_outline_opens_on_arrival_down_to_its_open_depth_only():
    entries = parse(build_outline(NODES, EDGES).html).entries
    assert OPEN_DEPTH == 2
    assert entries["V"]["open"] is True and entries["M1"]["open"] is True  # depth 0 and 1
    assert entries["T"]["open"] is False and entries["S"]["open"] is False  # deeper: closed
    assert entries["RHK-1"]["open"] is None and entries["M2"]["open"] is None  # leaves have no <details>
    closed = parse(build_outline(NODES, EDGES, open_depth=0).html).entries
    assert not any(entry["open"] for entry in closed.values())


def test_the_outline_offers_each_level_and_each_opd_by_name():
    outline = build_outline(NODES, EDGES)
    names = [name for _, name in outline.levels]
    assert names[:4] == ["Visi", "Misi", "Tujuan", "Sasaran strategis"]
    assert "Sasaran strategis (OPD)" in names and "Indikator" not in names
    assert [rank for rank, _ in outline.levels] == sorted(rank for rank, _ in outline.levels)
    assert outline.opds == [("A", "OPD A"), ("B", "OPD B")]
    entries = parse(outline.html).entries
    bases = {node_id: int(entry["attrs"]["data-base"]) for node_id, entry in entries.items()}
    assert bases["V"] < bases["M1"] < bases["T"] < bases["S"] < bases["SA"] < bases["SPA"] < bases["RHK-1"]


def test_the_outline_escapes_every_name_and_id():
    markup = str(build_outline(NODES, EDGES).html)
    assert HOSTILE not in markup and html_escaped(HOSTILE) in markup
    assert "<img" not in markup and "<script" not in markup
    tags = set(parse(markup).tags)
    assert tags <= {"ul", "li", "details", "summary", "span", "button", "div"}, tags


def html_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_findings_show_on_their_entry_and_as_a_count_on_every_branch_above():
    marks = {"no_leverage": styles.mark_style("Tanpa daya ungkit", "Goal")}
    outline = build_outline(
        NODES, EDGES, highlight={"RHK-1": "no_leverage", "RHK-3": "no_leverage", "SB": "x"}, marks=marks
    )
    markup = str(outline.html)
    entries = parse(markup).entries
    assert (
        entries["RHK-1"]["attrs"]["data-finding"] == "no_leverage" and "data-finding" not in entries["RHK-2"]["attrs"]
    )
    assert outline.findings == 3
    badges = dict(
        re.findall(
            r'data-node="([^"]+)"[^>]*><div class="outline-item">(?:(?!</div>).)*'
            r'class="outline-badge"[^>]*>⚑ (\d+)</span></div><details',
            markup,
        )
    )
    assert badges == {"V": "3", "M1": "3", "T": "3", "S": "3", "SA": "2", "SPA": "2"}
    assert markup.count("⚑ Tanpa daya ungkit") == 2 and "⚑ Temuan audit" in markup  # an undeclared mark's name


def test_capaian_figures_and_bands_in_the_boxes_and_the_outline():
    achievement = {
        "I-S": {"capaian": 94.74, "band": "sangat baik", "target": 95, "realisasi": 90.0},
        "S": {"capaian": 94.74, "band": "sangat baik"},
        "SA": {"capaian": 55.0, "band": "kurang"},
    }
    net = build_tree(NODES, EDGES, color_by="achievement", achievement=achievement)
    labels = {item["id"]: item["label"] for item in net.nodes}
    assert labels["I-S"] == "Indeks kepuasan\nT 95 · R 90 · Capaian 94,7%"
    assert labels["S"].endswith("\nCapaian 94,7%") and "\n" not in labels["M1"]
    markup = str(build_outline(NODES, EDGES, achievement=achievement).html)
    assert '<span class="band band-sangat-baik">T 95 · R 90 · Capaian 94,7%</span>' in markup
    assert '<span class="band band-kurang">Capaian 55,0%</span>' in markup


def test_a_box_reads_qualitative_figures_as_written_and_nothing_without_figures():
    row = {"label": "Indicator", "title": "Opini BPK", "id": "I"}
    assert node_label(row) == "Opini BPK"
    score = build_tree(
        [node("I", "Indicator", "sasaran", title="Opini BPK")],
        [],
        color_by="achievement",
        achievement={"I": {"capaian": None, "band": None, "target": "WTP", "realisasi": "WTP"}},
    )
    assert score.nodes[0]["label"] == "Opini BPK\nT WTP · R WTP"
    assert score_line("Activity", None) is None


def big_rows(count: int) -> tuple[list[dict], list[dict]]:
    """A visi, 4 misi, and under each misi sasaran with rhk below, `count` elements in all."""
    nodes, edges = [node("V", level="visi", unit="P")], []
    for m in range(4):
        nodes.append(node(f"M{m}", level="misi", unit="P"))
        edges.append(edge(f"M{m}", "V"))
    index = 0
    while len(nodes) < count:
        goal = f"S{index}"
        nodes.append(node(goal, level="sasaran", unit=f"U{index % 7}", opd=f"U{index % 7}"))
        edges.append(edge(goal, f"M{index % 4}"))
        for r in range(8):
            nodes.append(node(f"R{index}-{r}", level="rhk", unit=f"U{index % 7}", opd=f"U{index % 7}"))
            edges.append(edge(f"R{index}-{r}", goal))
        index += 1
    return nodes, edges


def test_a_closed_group_carries_a_badge_with_the_findings_inside():
    nodes, edges = big_rows(900)
    flagged = {"R3-1": "no_leverage", "R3-5": "no_leverage", "R10-0": "no_leverage"}
    net = build_tree(nodes, edges, max_nodes=200, highlight=flagged)
    clusters = net.pokin["clusters"]
    assert clusters, "the tree is collapsed"
    holding = {
        cluster_id: sum(1 for member in cluster["nodes"] if member["id"] in flagged)
        for cluster_id, cluster in clusters.items()
    }
    drawn = {item["id"]: item for item in net.nodes}
    for cluster_id, cluster in clusters.items():
        assert cluster["findings"] == holding[cluster_id]
        assert drawn[cluster_id]["pokin"]["findings"] == holding[cluster_id]
        if holding[cluster_id]:
            assert f"⚑ {holding[cluster_id]} temuan" in cluster["label_closed"]
            assert drawn[cluster_id]["label"] == cluster["label_closed"]
            assert drawn[cluster_id]["color"]["border"] == styles.AUDIT_FINDING.border
            assert f"Temuan audit di dalamnya: {holding[cluster_id]}" in drawn[cluster_id]["title"]
        else:
            assert "temuan" not in cluster["label_closed"] and "borderWidth" not in drawn[cluster_id]
    assert sum(holding.values()) == 3 and all(key.startswith(CLUSTER_PREFIX) for key in clusters)


def test_the_outline_of_a_big_tree_holds_every_element_once():
    nodes, edges = big_rows(3000)
    outline = build_outline(nodes, edges)
    entries = parse(outline.html).entries
    assert len(entries) == len(nodes) == outline.entries
    assert sum(1 for entry in entries.values() if entry["open"]) == 5  # visi and its 4 misi


def test_the_fragment_has_zoom_buttons_and_a_minimap_and_crosscutting_in_its_legend():
    net = build_tree(NODES, EDGES)
    markup = str(render.render_fragment(net, inline_runtime=False, autostart=False))
    assert 'data-pokin-zoom="in"' in markup and 'data-pokin-zoom="out"' in markup
    assert "data-pokin-minimap" in markup and 'aria-label="Perbesar"' in markup
    assert styles.CROSSCUTTING.name in markup and "pokin-edge pokin-dashed" in markup
    crosscutting = [item for item in net.edges if item["pokin"]["crosscutting"]]
    assert crosscutting and all(
        item["dashes"] and item["color"]["color"] == styles.CROSSCUTTING.color for item in crosscutting
    )


def test_an_opd_cascade_opens_down_to_the_opds_own_elements():
    rows = [dict(row, role="own" if row.get("opd_id") == "A" else "context") for row in NODES]
    entries = parse(build_outline(rows, EDGES).html).entries
    for above in ("V", "M1", "T", "S"):  # the context above SA: open
        assert entries[above]["open"] is True, above
    assert entries["SA"]["open"] is False and entries["SB"]["open"] is False  # the OPD's own: closed as usual
    whole = parse(build_outline([dict(row, role="own") for row in NODES], EDGES).html).entries
    assert whole["T"]["open"] is False and whole["S"]["open"] is False  # a tree all its own: by depth


def test_pemda_elements_show_no_unit_and_opd_elements_show_theirs():
    markup = str(build_outline(NODES, EDGES).html)
    entries = re.findall(r'<li data-node="([^"]+)"[^>]*>.*?(?=<li|</ul>)', markup)
    assert entries[0] == "V"
    assert '<span class="outline-unit">Unit A</span>' in markup and "Unit P" not in markup
