"""The bagan (visual/chart.py), pure builder only (hand-made rows, no database): boxes nested as the tree, a goal's
indicators inside its box with their figures, statements escaped, findings marked, the Pemda's chart bounded."""

from __future__ import annotations

from html.parser import HTMLParser

from test_visual_tree import EDGES, HOSTILE, NODES, edge, node

from visual import styles
from visual.chart import build_chart


class Boxes(HTMLParser):
    """The chart's boxes: id -> parent box id, attributes, and the indicator ids listed inside it."""

    def __init__(self):
        super().__init__()
        self.parent: dict[str, str | None] = {}
        self.attrs: dict[str, dict] = {}
        self.indicators: dict[str, list[str]] = {}
        self.stack: list[str | None] = []  # per open <li> of the tree: its box id (None for an indicator's <li>)
        self.box: str | None = None  # the box being read
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "chart-box" in (attributes.get("class") or ""):
            box = attributes["data-node"]
            above = next((entry for entry in reversed(self.stack[:-1]) if entry), None)
            self.parent[box], self.attrs[box], self.box = above, attributes, box
            self.stack[-1] = box
            self.indicators[box] = []
        elif tag == "li" and "data-node" in attributes:
            self.indicators[self.box].append(attributes["data-node"])
            self.stack.append(None)
        elif tag == "li":
            self.stack.append(None)

    def handle_endtag(self, tag):
        if tag == "li":
            self.stack.pop()


def boxes_of(markup: str) -> Boxes:
    parser = Boxes()
    parser.feed(str(markup))
    return parser


def test_boxes_nest_as_the_tree_with_indicators_inside_their_goal():
    chart = build_chart(NODES, EDGES)
    boxes = boxes_of(chart.html)
    assert "I-S" not in boxes.parent and boxes.indicators["S"] == ["I-S"]
    assert boxes.parent["V"] is None and boxes.parent["M1"] == "V" and boxes.parent["T"] == "M1"
    assert boxes.parent["SA"] == "S" and boxes.parent["SPA"] == "SA"
    assert {boxes.parent[f"RHK-{i}"] for i in range(1, 4)} == {"SPA"}
    assert chart.boxes == len(NODES) - 1 == len(boxes.parent) and chart.hidden == 0
    assert boxes.attrs["SA"]["data-opd"] == "A" and "data-opd" not in boxes.attrs["S"]
    assert "Unit A" in chart.html and chart.html.count('class="chart-kind"') == chart.boxes


def test_indicator_figures_with_satuan_and_capaian_band():
    nodes = [
        node("G", level="sasaran", unit="A", opd="A"),
        node("I1", "Indicator", "sasaran", title="Cakupan imunisasi", unit="A", opd="A", satuan="jiwa"),
    ]
    achievement = {"I1": {"capaian": 95.5, "band": None, "target": 1250000, "realisasi": 1193750}}
    html = str(build_chart(nodes, [edge("G", "I1", "MEASURED_BY")], achievement=achievement).html)
    assert "T 1.250.000 jiwa · R 1.193.750 jiwa" in html
    band = styles.band_for(95.5).key.replace(" ", "-")
    assert f'<span class="band band-{band}" title="Capaian">95,5%</span>' in html
    assert boxes_of(html).indicators["G"] == ["I1"]


def test_statements_are_escaped():
    html = str(build_chart(NODES, EDGES).html)
    assert HOSTILE not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    hostile_id = [node("<b>x</b>", level="visi", title="a & b", unit='"P"')]
    html = str(build_chart(hostile_id, []).html)
    assert "<b>" not in html and 'data-node="&lt;b&gt;x&lt;/b&gt;"' in html and "a &amp; b" in html


def test_findings_marked_on_boxes_and_indicators():
    marks = {"gap": styles.mark_style("Tanpa daya ungkit", "Goal")}
    chart = build_chart(NODES, EDGES, highlight={"SPA": "gap", "I-S": "other"}, marks=marks)
    boxes = boxes_of(chart.html)
    assert boxes.attrs["SPA"]["data-finding"] == "gap" and "chart-finding" in boxes.attrs["SPA"]["class"]
    assert "⚑ Tanpa daya ungkit" in chart.html and f"⚑ {styles.AUDIT_FINDING.name}" in chart.html
    assert 'data-node="I-S" data-finding="other"' in chart.html
    assert "data-finding" not in boxes.attrs["SA"]


def test_the_depth_bounds_the_chart_and_links_the_opds():
    chart = build_chart(NODES, EDGES, max_rank=59, opd_href=lambda opd: f"/pohon/{opd}?tampilan=bagan")
    boxes = boxes_of(chart.html)
    assert set(boxes.parent) == {"V", "M1", "M2", "T", "S", "SA", "SB"}
    assert chart.hidden == 5 and chart.boxes == 7  # SPA with RHK-1..3, SPB
    assert dict(chart.opds) == {"A": "OPD A", "B": "OPD B"}
    assert 'href="/pohon/A?tampilan=bagan"' in chart.html and "4 elemen lagi di bawahnya" in chart.html
    assert [name for _, name in chart.levels][:2] == ["Visi", "Misi"]
    top = build_chart(NODES, EDGES, max_rank=9)
    assert set(boxes_of(top.html).parent) == {"V"} and top.hidden == len(NODES) - 1
