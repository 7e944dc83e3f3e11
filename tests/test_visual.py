"""visual/: the pure builders (hand-made rows, no database), styles, rendering and the offline page."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser

import pytest

from visual import render, styles
from visual.network import (
    CLUSTER_PREFIX,
    MAX_NODES,
    ORPHAN_CLUSTER,
    SLOT,
    STACK_ROWS,
    build_impact,
    build_line_of_sight,
    build_tree,
    split_rows,
    tidy_slots,
    weight_label,
)

HOSTILE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert('x')</script>"


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


def edge(source, target, type="CONTRIBUTES_TO", weight=1.0, crosscutting=False):  # noqa: A002 - the edge row's own key
    return {
        "kind": "edge",
        "from": source,
        "to": target,
        "type": type,
        "weight": weight if type == "CONTRIBUTES_TO" else None,
        "crosscutting": crosscutting,
    }


# Pemda V <- M <- T <- S (indicator I-S); OPD A: SA (sasaran) -> S, SPA -> SA, SK1, SK2 -> SPA, RHK-1..5 -> SK1;
# activity ACT (subkegiatan of A) -> SK1 and, crosscutting with weight 0.5, -> SB (OPD B's sasaran) -> I-S.
NODES = [
    node("V", level="visi", unit="P"),
    node("M", level="misi", unit="P"),
    node("T", level="tujuan", unit="P"),
    node("S", level="sasaran", unit="P"),
    node("I-S", "Indicator", "sasaran", unit="P"),
    node("SA", level="sasaran", unit="A", opd="A"),
    node("SPA", level="sasaran_program", unit="A1", opd="A"),
    node("SK1", level="sasaran_kegiatan", unit="A1", opd="A"),
    node("SK2", level="sasaran_kegiatan", unit="A1", opd="A"),
    *[node(f"RHK-{i}", level="rhk", unit="A1", opd="A") for i in range(1, 6)],
    node(
        "ACT",
        "Activity",
        "subkegiatan",
        title=HOSTILE,
        unit="A1",
        opd="A",
        code="1.02.02.2.01.0001",
        budget=250_000_000,
        year=2026,
    ),
    node("SB", level="sasaran", unit="B", opd="B"),
]
EDGES = [
    edge("M", "V"),
    edge("T", "M"),
    edge("S", "T"),
    edge("S", "I-S", "MEASURED_BY"),
    edge("SA", "S"),
    edge("SPA", "SA"),
    edge("SK1", "SPA"),
    edge("SK2", "SPA"),
    *[edge(f"RHK-{i}", "SK1") for i in range(1, 6)],
    edge("ACT", "SK1"),
    edge("ACT", "SB", weight=0.5, crosscutting=True),
    edge("SB", "I-S"),
]


def by_id(net):
    return {item["id"]: item for item in net.nodes}


def edges_of(net):
    return {(item["from"], item["to"]): item for item in net.edges}


# -- layout --------------------------------------------------------------------------------------------------------


def test_rows_follow_the_levels_pemda_above_opd():
    nodes = by_id(build_tree(NODES, EDGES))
    y = {key: value["y"] for key, value in nodes.items()}
    assert y["V"] < y["M"] < y["T"] < y["S"] < y["I-S"] < y["SA"] < y["SPA"] < y["SK1"] < y["ACT"] < y["RHK-1"]
    assert y["SK1"] == y["SK2"]  # one row per level
    assert y["SB"] > y["I-S"]  # a sasaran supporting the Pemda's indicator sits below it
    assert y["SA"] > y["S"]  # the OPD's sasaran strategis below the Pemda's sasaran


def test_parents_are_centred_over_their_children_and_siblings_do_not_overlap():
    nodes = by_id(build_tree(NODES, EDGES))
    x = {key: value["x"] for key, value in nodes.items()}
    assert x["SPA"] == pytest.approx((x["SK1"] + x["SK2"]) / 2)
    assert x["V"] == x["M"] == x["T"]  # a chain stays vertical
    rows: dict[float, list[float]] = {}
    for item in nodes.values():
        rows.setdefault(item["y"], []).append(item["x"])
    for xs in rows.values():
        assert len(xs) == len(set(xs)), "two nodes on one spot"


def test_many_leaves_on_the_bottom_row_form_a_grid():
    nodes = by_id(build_tree(NODES, EDGES))
    leaves = [nodes[f"RHK-{i}"] for i in range(1, 6)]  # five rhk under SK1: one column of STACK_ROWS
    assert len({item["x"] for item in leaves}) == -(-5 // STACK_ROWS)
    assert len({item["y"] for item in leaves}) == min(5, STACK_ROWS)
    assert len({(item["x"], item["y"]) for item in leaves}) == 5
    assert min(item["y"] for item in leaves) > nodes["ACT"]["y"]


def test_positions_are_fixed_and_vis_layout_and_physics_are_off():
    net = build_tree(NODES, EDGES)
    assert net.options["physics"]["enabled"] is False
    assert net.options["layout"]["hierarchical"]["enabled"] is False
    assert net.options["nodes"]["fixed"] == {"x": True, "y": True}
    assert all(isinstance(item["x"], float) and isinstance(item["y"], float) for item in net.nodes)
    assert net.options["nodes"]["font"]["multi"] is False  # labels are never parsed as markup


def test_tidy_slots_centres_parents_and_keeps_roots_apart():
    x = tidy_slots(["a", "z"], {"a": ["b", "c"], "c": ["d", "e"]})
    assert x == {"b": 0, "d": 1, "e": 2, "c": 1.5, "a": 0.75, "z": 4}


def test_cycles_and_downward_contributions_do_not_hang_the_layout():
    nodes = [
        node("C1", level="sasaran_kegiatan"),
        node("C2", level="sasaran_kegiatan"),
        node("G", level="sasaran"),
        node("P", level="sasaran_program"),
    ]
    edges = [edge("C1", "C2"), edge("C2", "C1"), edge("G", "P"), edge("P", "G")]
    net = build_tree(nodes, edges)
    assert set(by_id(net)) == {"C1", "C2", "G", "P"}
    assert len(net.edges) == 4


# -- colours and legend --------------------------------------------------------------------------------------------


def test_level_colours_come_from_styles():
    net = build_tree(NODES, EDGES)
    nodes = by_id(net)
    groups = net.options["groups"]
    assert nodes["V"]["color"]["background"] == styles.LEVEL_STYLES["visi"].background
    assert nodes["SPA"]["color"]["background"] == styles.LEVEL_STYLES["sasaran_program"].background
    assert nodes["RHK-1"]["color"]["background"] == styles.LEVEL_STYLES["rhk"].background
    assert nodes["RHK-1"]["font"]["color"] == styles.LEVEL_STYLES["rhk"].font
    assert nodes["ACT"]["color"]["background"] == styles.ACTIVITY_STYLES["subkegiatan"].background
    assert all("color" not in group for group in groups.values())  # vis re-applies group colours on updates
    assert groups[nodes["I-S"]["group"]]["shape"] == styles.INDICATOR_SHAPE
    assert groups[nodes["ACT"]["group"]]["shape"] == "database"
    labels = [entry["label"] for entry in net.pokin["legend"]]
    expected = {"Visi/Misi", "Sasaran strategis", "Sasaran program", "Indikator", "Lintas OPD (crosscutting)"}
    assert expected <= set(labels)


def test_strategic_red_tactical_blue_operational_green():
    def hue(colour):
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return max(("red", red), ("green", green), ("blue", blue), key=lambda pair: pair[1])[0]

    for level in ("visi", "misi", "tujuan", "sasaran"):
        assert hue(styles.LEVEL_STYLES[level].background) == "red"
    for level in ("sasaran_program", "sasaran_kegiatan"):
        assert hue(styles.LEVEL_STYLES[level].background) == "blue"
    for level in ("sasaran_subkegiatan", "rhk"):
        assert hue(styles.LEVEL_STYLES[level].background) == "green"
    for kind in styles.ACTIVITY_STYLES.values():
        assert hue(kind.background) == "green"


def test_achievement_colouring_by_band_with_both_schemes_embedded():
    achievement = {"S": 95.0, "SA": {"capaian": 80.0, "band": "baik"}, "SPA": "cukup", "SK1": 10.0, "I-S": None}
    net = build_tree(NODES, EDGES, color_by="achievement", achievement=achievement)
    nodes = by_id(net)
    band = styles.BANDS_BY_KEY
    assert nodes["S"]["color"]["background"] == band["sangat baik"].background
    assert nodes["SA"]["color"]["background"] == band["baik"].background
    assert nodes["SPA"]["color"]["background"] == band["cukup"].background
    assert nodes["SK1"]["color"]["background"] == band["kurang"].background
    assert nodes["I-S"]["color"]["background"] == styles.NO_BAND.background
    assert nodes["T"]["color"]["background"] == styles.NO_BAND.background  # no capaian: grey
    assert nodes["S"]["colors"]["level"][0] == styles.LEVEL_STYLES["sasaran"].background  # the toggle's data
    assert net.pokin["color_modes"] == ["level", "achievement"]
    assert "Capaian: 95,0% (sangat baik)" in nodes["S"]["title"]
    labels = [entry["label"] for entry in net.pokin["legends"]["achievement"]]
    assert labels[:5] == ["Sangat baik (≥ 90)", "Baik (75–90)", "Cukup (60–75)", "Kurang (< 60)", "Tanpa capaian (–)"]


def test_band_for_uses_the_bounds():
    assert styles.band_for(90).key == "sangat baik"
    assert styles.band_for(89.99).key == "baik"
    assert styles.band_for(60).key == "cukup"
    assert styles.band_for(0).key == "kurang"
    assert styles.band_for(None) is styles.NO_BAND


def test_audit_findings_get_a_thick_magenta_border():
    marks = {
        "no_leverage": styles.mark_style("Kegiatan tanpa daya ungkit", "Activity"),
        "orphaned_staff": styles.mark_style("ASN tanpa kontribusi", "ASN"),
    }
    net = build_tree(NODES, EDGES, highlight={"ACT": "no_leverage", "RHK-2": "orphaned_staff"}, marks=marks)
    nodes = by_id(net)
    assert nodes["ACT"]["color"]["border"] == marks["no_leverage"].border
    assert nodes["ACT"]["borderWidth"] == marks["no_leverage"].width >= 4
    assert nodes["ACT"]["shapeProperties"]["borderDashes"]  # an activity's mark is dashed
    assert "shapeProperties" not in nodes["RHK-2"]  # any other mark solid
    assert "Temuan" in nodes["ACT"]["title"] and "Kegiatan tanpa daya ungkit" in nodes["ACT"]["title"]
    assert nodes["RHK-1"]["color"]["border"] == styles.LEVEL_STYLES["rhk"].border  # not flagged
    assert "borderWidth" not in nodes["RHK-1"]
    plain = build_tree(NODES, EDGES, highlight={"SK2"})
    assert by_id(plain)["SK2"]["borderWidth"] == styles.AUDIT_FINDING.width
    assert styles.AUDIT_FINDING.name in {entry["label"] for entry in plain.pokin["legend"]}
    labels = {entry["label"] for entry in net.pokin["legend"]}
    assert {"Kegiatan tanpa daya ungkit", "ASN tanpa kontribusi"} <= labels


# -- edges ---------------------------------------------------------------------------------------------------------


def test_crosscutting_edges_have_their_own_colour_and_dashes():
    edges = edges_of(build_tree(NODES, EDGES))
    cross = edges[("ACT", "SB")]
    assert cross["color"]["color"] == styles.CROSSCUTTING.color
    assert cross["dashes"] and cross["pokin"]["crosscutting"] is True
    assert "Lintas OPD" in cross["title"]
    plain = edges[("SK1", "SPA")]
    assert "dashes" not in plain and "color" not in plain  # the default contribution style (options)
    measured = edges[("S", "I-S")]
    assert measured["color"]["color"] == styles.EDGE_STYLES["MEASURED_BY"].color


def test_crosscutting_is_derived_from_the_opds_when_the_row_lacks_it():
    rows = [dict(item, crosscutting=None) for item in EDGES]
    edges = edges_of(build_tree(NODES, rows))
    assert edges[("ACT", "SB")]["pokin"]["crosscutting"] is True
    assert edges[("SA", "S")]["pokin"]["crosscutting"] is False  # Pemda goals have no OPD


def test_edge_labels_show_weights_other_than_one():
    edges = edges_of(build_tree(NODES, EDGES))
    assert edges[("ACT", "SB")]["label"] == "0,5"
    assert "label" not in edges[("ACT", "SK1")]
    assert weight_label(1) is None and weight_label(None) is None
    assert weight_label(0.25) == "0,25" and weight_label(2) == "2" and weight_label(1.5) == "1,5"


# -- escaping ------------------------------------------------------------------------------------------------------


def hostile_net():
    nodes = [dict(item) for item in NODES]
    nodes[5] = dict(nodes[5], title=BREAKOUT, unit_name=HOSTILE)  # SA
    return build_tree(nodes, EDGES)


def test_hostile_text_is_plain_text_in_labels_and_escaped_in_tooltips():
    nodes = by_id(hostile_net())
    act = nodes["ACT"]
    assert act["label"] == f"1.02.02.2.01.0001\n{HOSTILE}"  # drawn on the canvas as typed, never parsed
    assert "&lt;img src=x onerror=alert(1)&gt;" in act["title"]
    assert HOSTILE not in act["title"]
    sa = nodes["SA"]
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in sa["title"]
    assert "Unit: &lt;img src=x onerror=alert(1)&gt;" in sa["title"]
    assert not re.search(r"<(?!/?b>|br>)", sa["title"]), "only our own <b>/<br> tags in a tooltip"


@pytest.mark.parametrize("kind", ["fragment", "page"])
def test_hostile_text_never_reaches_the_document_as_markup(kind):
    net = hostile_net()
    document = str(render.render_fragment(net)) if kind == "fragment" else render.render_page(net)
    assert "<img src=x" not in document and "onerror=alert(1)>" not in document
    assert BREAKOUT not in document and "</script><script>alert" not in document
    data = json.loads(
        re.search(r'<script type="application/json" id="pokin-jaringan-data">(.*?)</script>', document, re.S).group(1)
    )
    labels = {item["id"]: item["label"] for item in data["nodes"]}
    assert labels["ACT"].endswith(HOSTILE) and labels["SA"] == BREAKOUT  # the data round-trips as text


def test_the_title_of_a_view_is_escaped_in_the_page():
    net = build_tree(NODES, EDGES, title=f"Pohon {HOSTILE}", subtitle=HOSTILE)
    page = render.render_page(net)
    assert "<img src=x" not in page
    assert "<title>Pohon &lt;img src=x onerror=alert(1)&gt; · pokin</title>" in page


# -- collapse ------------------------------------------------------------------------------------------------------


def synthetic_rows(size: int, *, opds: int = 12) -> tuple[list[dict], list[dict]]:
    """A Pemda tree of about `size` elements: Pemda levels, then per OPD tujuan, sasaran, programs with
    indicators, kegiatan, subkegiatan and many rhk; some crosscutting contributions."""
    nodes = [node("V", level="visi", unit="P")]
    edges = []
    for m in range(3):
        nodes.append(node(f"M{m}", level="misi", unit="P"))
        edges.append(edge(f"M{m}", "V"))
        for s in range(2):
            sid = f"S{m}.{s}"
            nodes += [node(sid, level="sasaran", unit="P"), node(f"I-{sid}", "Indicator", "sasaran", unit="P")]
            edges += [edge(sid, f"M{m}"), edge(sid, f"I-{sid}", "MEASURED_BY")]
    per_opd = max(1, (size - len(nodes)) // opds)
    for o in range(opds):
        opd = f"OPD{o}"
        tujuan = f"T-{opd}"
        nodes.append(node(tujuan, level="tujuan", unit=opd, opd=opd))
        edges.append(edge(tujuan, f"S{o % 3}.{o % 2}"))
        count, p = 1, 0
        while count < per_opd:
            sp, ind, prog = f"SP-{opd}-{p}", f"I-SP-{opd}-{p}", f"P-{opd}-{p}"
            nodes += [
                node(sp, level="sasaran_program", unit=opd, opd=opd),
                node(ind, "Indicator", "sasaran_program", unit=opd, opd=opd),
                node(prog, "Activity", "program", unit=opd, opd=opd, code=f"{o}.{p}", budget=1000),
            ]
            edges += [edge(sp, tujuan), edge(sp, ind, "MEASURED_BY"), edge(prog, sp)]
            count += 3
            for k in range(3):
                if count >= per_opd:
                    break
                sk = f"SK-{opd}-{p}-{k}"
                nodes.append(node(sk, level="sasaran_kegiatan", unit=opd, opd=opd))
                edges.append(edge(sk, sp))
                count += 1
                for r in range(6):
                    if count >= per_opd:
                        break
                    rhk = f"RHK-{opd}-{p}-{k}-{r}"
                    nodes.append(node(rhk, level="rhk", unit=opd, opd=opd))
                    edges.append(edge(rhk, sk))
                    count += 1
                if k == 0 and o + 1 < opds:
                    edges.append(edge(sk, f"T-OPD{o + 1}", weight=0.5, crosscutting=True))
            p += 1
    return nodes, edges


def test_collapse_past_the_limit_keeps_every_count_right():
    nodes, edges = synthetic_rows(3000)
    nodes.append(node("LOOSE-RHK", level="rhk", unit="X", opd="X"))  # a parentless element
    net = build_tree(nodes, edges, max_nodes=400)
    summary = net.pokin["summary"]
    clusters = net.pokin["clusters"]
    shown = [item for item in net.nodes if not item["id"].startswith(CLUSTER_PREFIX)]
    assert summary["nodes"] == len(nodes) > 400
    assert len(net.nodes) == summary["visible_nodes"] + summary["clusters"] <= 400
    members = [member["id"] for cluster in clusters.values() for member in cluster["nodes"]]
    assert len(members) == len(set(members)) == len(nodes) - len(shown)  # every hidden node exactly once
    assert set(members) | {item["id"] for item in shown} == {item["id"] for item in nodes}
    for cluster_id, cluster in clusters.items():
        assert cluster["count"] == len(cluster["nodes"]) == sum(part["count"] for part in cluster["counts"])
        label = by_id(net)[cluster_id]["label"]
        assert label.startswith(f"+{cluster['count']}\n")
    assert ORPHAN_CLUSTER in clusters and "LOOSE-RHK" in {m["id"] for m in clusters[ORPHAN_CLUSTER]["nodes"]}
    # every edge is either drawn or kept for when its cluster opens
    real_edges = [item for item in net.edges if not item["id"].startswith("c:")]
    assert len(real_edges) + len(net.pokin["hidden_edges"]) == len(edges)
    # the page re-lays out with the same data: roots and children cover every visible node and cluster
    layout = net.pokin["layout"]
    covered = set(layout["roots"]) | {kid for kids in layout["children"].values() for kid in kids}
    assert covered == {item["id"] for item in net.nodes}
    assert layout["slot"] == SLOT


def test_cluster_counts_by_kind_read_in_indonesian():
    nodes, edges = synthetic_rows(2000, opds=4)
    net = build_tree(nodes, edges, max_nodes=300)
    names = {part["name"] for cluster in net.pokin["clusters"].values() for part in cluster["counts"]}
    assert "RHK" in names
    assert "Klik sebuah kelompok" in net.pokin["note"]


def test_small_trees_are_not_collapsed():
    net = build_tree(NODES, EDGES)
    assert net.pokin["clusters"] == {} and net.pokin["layout"] is None and net.pokin["summary"]["clusters"] == 0


@pytest.mark.parametrize("size, limit", [(1000, 6.0), (5000, 20.0)])
def test_big_synthetic_trees_build_and_render_quickly(size, limit):
    nodes, edges = synthetic_rows(size)
    started = time.perf_counter()
    net = build_tree(nodes, edges)
    page = render.render_page(net)
    elapsed = time.perf_counter() - started
    assert abs(len(nodes) - size) < size * 0.05
    assert elapsed < limit, f"{size} nodes took {elapsed:.1f} s"
    assert len(net.nodes) <= MAX_NODES
    assert (net.pokin["summary"]["clusters"] > 0) == (size > MAX_NODES)
    assert '<html lang="id">' in page


# -- the other views -----------------------------------------------------------------------------------------------


LOS_NODES = [
    node("V", level="visi", unit="P", role="above"),
    node("S", level="sasaran", unit="P", role="above"),
    node("SK", level="sasaran_kegiatan", unit="A1", opd="A", role="assigned"),
    node("U-A1", "Unit", "unit_kerja", title="Bidang A1", unit="U-A1", opd="A", role="unit"),
    node("1985", "ASN", None, title="Siti", unit="U-A1", opd="A", role="focus", position="Kepala Seksi"),
]
LOS_EDGES = [edge("S", "V"), edge("SK", "S"), edge("1985", "SK", "ASSIGNED_TO"), edge("1985", "U-A1", "MEMBER_OF")]


def test_line_of_sight_puts_the_person_below_its_assignments():
    net = build_line_of_sight(LOS_NODES, LOS_EDGES, title="Garis Pandang: Siti")
    nodes = by_id(net)
    assert nodes["V"]["y"] < nodes["S"]["y"] < nodes["SK"]["y"] < nodes["1985"]["y"] < nodes["U-A1"]["y"]
    assert net.options["groups"]["ASN"]["image"].startswith("data:image/svg+xml;base64,")
    assert nodes["U-A1"]["color"]["background"] == styles.UNIT_STYLE.background
    assert net.options["groups"]["Unit"]["shape"] == "box"
    assert nodes["1985"]["borderWidth"] == styles.FOCUS_BORDER[1]
    assert nodes["1985"]["label"] == "Siti\nKepala Seksi"
    assert "NIP: 1985" in nodes["1985"]["title"]
    assert net.pokin["start"]["anchor"] == "centre" and net.pokin["view"] == "staff"


def test_impact_view_centres_on_its_element():
    rows = [dict(item, role="supports") for item in NODES]
    for row in rows:
        if row["id"] == "SPA":
            row["role"] = "focus"
    net = build_impact(rows, EDGES)
    nodes = by_id(net)
    assert nodes["SPA"]["borderWidth"] == styles.FOCUS_BORDER[1]
    assert net.pokin["start"] == {"x": nodes["SPA"]["x"], "y": nodes["SPA"]["y"], "anchor": "centre"}


def test_context_nodes_of_an_opd_cascade_are_faded():
    rows = [dict(item, role="context" if item["id"] in ("V", "M") else "own") for item in NODES]
    nodes = by_id(build_tree(rows, EDGES))
    assert nodes["V"]["opacity"] == styles.CONTEXT_OPACITY and "opacity" not in nodes["SA"]


def test_split_rows_and_unknown_colouring():
    nodes, edges = split_rows([*NODES, *EDGES])
    assert len(nodes) == len(NODES) and len(edges) == len(EDGES)
    with pytest.raises(ValueError):
        build_tree(nodes, edges, color_by="rainbow")


def test_edges_to_unknown_nodes_are_dropped():
    net = build_tree(NODES, [*EDGES, edge("ACT", "NOWHERE")])
    assert ("ACT", "NOWHERE") not in edges_of(net)


# -- rendering -----------------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "data", "poster", "srcset") and value:
                self.urls.append(value)


def external_references(document: str) -> list[str]:
    """Every src/href (HTML), url(…)/@import (CSS) that points at another host."""
    parser = _Links()
    parser.feed(document)
    found = [url for url in parser.urls if re.match(r"\s*(https?:)?//", url, re.I)]
    found += re.findall(r"url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", document, re.I)
    found += re.findall(r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//[^;]*", document, re.I)
    found += re.findall(
        r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*['\"]?(?:https?:)?//[^\s>]*", document, re.I
    )
    return found


def test_standalone_page_is_offline_and_indonesian(tmp_path):
    net = build_tree(NODES, EDGES, title="Pohon Kinerja Kabupaten Uji")
    path = render.write_standalone(net, tmp_path / "pohon.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="id">' in page
    assert "<title>Pohon Kinerja Kabupaten Uji · pokin</title>" in page
    assert external_references(page) == []
    assert "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@version 9.1.2" in page  # vis-network, inline from pyvis' copy
    assert "new vis.Network(" in page and 'pokinView("pokin-jaringan")' in page
    for text in ("Legenda", "Visi/Misi", "Sasaran program", "Lintas OPD (crosscutting)", "Tampilkan semua"):
        assert text in page
    assert "http" not in page.split("<script>", 1)[0].replace('http-equiv="Content-Security-Policy"', "")


def test_fragment_uses_site_assets_and_checks_its_arguments():
    net = build_tree(NODES, EDGES)
    fragment = str(render.render_fragment(net, dom_id="pohon-1", asset_url="/static/vis/"))
    assert '<script src="/static/vis/vis-network.min.js"></script>' in fragment
    assert '<link rel="stylesheet" href="/static/vis/vis-network.min.css">' in fragment
    assert 'id="pohon-1"' in fragment and 'pokinView("pohon-1")' in fragment
    assert "@version 9.1.2" not in fragment  # vis-network is served, not inlined
    assert external_references(fragment) == []
    bare = str(render.render_fragment(net))
    assert "<script src=" not in bare and "function pokinView" in bare
    with pytest.raises(ValueError):
        render.render_fragment(net, asset_url="https://cdn.example.org/vis")
    with pytest.raises(ValueError):
        render.render_fragment(net, dom_id='x" onload="alert(1)')


def test_rendering_goes_through_pyvis_generate_html_and_leaves_the_network_as_it_was():
    net = build_tree(NODES, EDGES)
    env, path = net.templateEnv, net.path
    html = render.render_page(net)
    assert net.html == html  # pyvis' generate_html() stored it
    assert (net.templateEnv, net.path) == (env, path)


def test_asset_paths_exist_for_the_service_to_serve():
    paths = render.asset_paths()
    assert set(paths) == {"vis-network.min.js", "vis-network.min.css", "pokin-view.js", "pokin-view.css"}
    assert all(path.is_file() for path in paths.values())


def test_number_formats_are_indonesian():
    assert styles.format_rupiah(1250000.5) == "Rp 1.250.000,5"
    assert styles.format_rupiah(250_000_000) == "Rp 250.000.000"
    assert styles.format_number(None) == "–"
    nodes = by_id(build_tree(NODES, EDGES))
    assert "Pagu 2026: Rp 250.000.000" in nodes["ACT"]["title"]


# Runs in the page once it has drawn: opens two clusters, recolours, closes one; reports what it saw.
PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (event) { window.__errors.push(String(event.message)); });
document.addEventListener("pokin:ready", function () {
  var view = pokinViews["pokin-jaringan"];
  var ids = Object.keys(view.data.pokin.clusters);
  var first = view.data.pokin.clusters[ids[0]];
  var report = {before: view.nodes.length, clusters: ids.length, first: first.count};
  view.toggleCluster(ids[0]);
  view.toggleCluster(ids[1]);
  report.opened = view.nodes.length;
  report.member = view.nodes.get(first.nodes[0].id) !== null;
  view.recolor("achievement");
  view.toggleCluster(ids[1]);
  report.closed = view.nodes.length;
  var shown = view.network.body.nodes[first.nodes[0].id].options.color.background;
  report.recoloured = shown === first.nodes[0].colors.achievement[0];
  report.positions = view.network.getPositions([first.nodes[0].id, ids[0]]);
  report.errors = window.__errors;
  document.body.setAttribute("data-probe", JSON.stringify(report));
});
</script>"""


def test_the_standalone_page_draws_and_clusters_open_in_headless_chromium(tmp_path):
    if shutil.which("chromium") is None:
        pytest.fail(
            "chromium is not installed: this test needs Debian's chromium package "
            "(`make browser`, or `apt-get install chromium`)"
        )
    nodes, edges = synthetic_rows(2500)
    achievement = {item["id"]: 50.0 + index % 60 for index, item in enumerate(nodes)}
    net = build_tree(nodes, edges, achievement=achievement)
    page = render.render_page(net).replace('<body class="pokin-page">', '<body class="pokin-page">' + PROBE, 1)
    path = tmp_path / "besar.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=20000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert 'data-pokin-drawn="true"' in result.stdout, result.stderr[-2000:]
    report = json.loads(html.unescape(re.search(r'data-probe="([^"]*)"', result.stdout).group(1)))
    clusters = net.pokin["clusters"]
    sizes = [cluster["count"] for cluster in clusters.values()]
    assert report["errors"] == []
    assert report["before"] == len(net.nodes)
    assert report["opened"] == len(net.nodes) + sizes[0] + sizes[1] and report["member"]
    assert report["closed"] == len(net.nodes) + sizes[0]
    assert report["recoloured"], "colours must survive position updates"
    member, handle = report["positions"].values()
    assert member["x"] < handle["x"]  # an open cluster's handle moves to its right
