"""The tree page's outline (service/templates/pohon.html, visual/outline.py) against the real Neo4j with
tests/data/mini: every element of the drawn tree in the outline once, the levels and OPDs its tools offer, the
findings of the audit layer marked on their entries, the capaian figures; the JSON twin carries no HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from test_service_support import AS_READER

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures


def payload(body: str) -> dict:
    match = re.search(r'<script type="application/json" id="pokin-jaringan-data">(.*?)</script>', body, re.S)
    assert match, "the page embeds its network"
    return json.loads(match.group(1))


class Outline(HTMLParser):
    """The outline's entries (data-node -> attributes) and the options of its two selects."""

    def __init__(self):
        super().__init__()
        self.entries: dict[str, dict] = {}
        self.options: dict[str, list[tuple[str, str]]] = {"level": [], "opd": []}
        self.select: str | None = None
        self.option: str | None = None
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and "data-outline" in attributes:
            self.inside = True
        if not self.inside:
            return
        if tag == "li" and "data-node" in attributes:
            self.entries[attributes["data-node"]] = attributes
        elif tag == "select":
            self.select = "level" if "data-outline-level" in attributes else "opd"
        elif tag == "option" and self.select and attributes.get("value"):
            self.option = attributes["value"]

    def handle_data(self, data):
        if self.option is not None and self.select:
            self.options[self.select].append((self.option, data.strip()))
            self.option = None

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "section":
            self.inside = False


def outline_of(body: str) -> Outline:
    parser = Outline()
    parser.feed(body)
    return parser


def test_the_outline_holds_every_drawn_element_once_with_its_tools(client, loaded):
    body = client.get("/pohon?tahun=2026").get_data(as_text=True)
    data = client.get("/pohon.json?tahun=2026").get_json()
    outline = outline_of(body)
    assert set(outline.entries) == {row["id"] for row in data["nodes"]}
    assert body.count('<li data-node="') == len(data["nodes"])
    assert "outline" not in data and "Kerangka pohon" in body
    names = [name for _, name in outline.options["level"]]
    assert names[0] == "Visi" and "Indikator" not in names
    opds = {row["opd_id"]: row["opd_name"] for row in data["nodes"] if row.get("opd_id")}
    assert dict(outline.options["opd"]) == opds and len(opds) > 1
    for row in data["nodes"]:
        assert outline.entries[row["id"]].get("data-opd") == row.get("opd_id")
    assert "pokin-tree.js" in body and "pokin-tree.css" in body


def test_the_outline_marks_the_findings_of_the_audit_layer(client, loaded):
    body = client.get("/pohon/DINKES?audit=1&tahun=2026", headers=AS_READER).get_data(as_text=True)
    data = client.get("/pohon/DINKES.json?audit=1&tahun=2026", headers=AS_READER).get_json()
    marked = {
        node_id: attrs["data-finding"] for node_id, attrs in outline_of(body).entries.items() if "data-finding" in attrs
    }
    assert marked == {row["id"]: row["finding"] for row in data["findings"]}
    assert marked and "bertemuan" in body and 'class="outline-badge"' in body


def test_the_outline_shows_the_capaian_figures_when_coloured_by_capaian(client, loaded):
    body = client.get("/pohon/DINKES?warna=capaian&tahun=2025").get_data(as_text=True)
    data = client.get("/pohon/DINKES.json?warna=capaian&tahun=2025").get_json()
    band = data["achievement"]["SK-IMUN"]["band"]
    entry = re.search(r'<li data-node="SK-IMUN".*?</summary>|<li data-node="SK-IMUN".*?</div>', body, re.S)
    assert entry and f'class="band band-{band.replace(" ", "-")}"' in entry.group(0) and "Capaian " in entry.group(0)
    labels = {node["id"]: node["label"] for node in payload(body)["nodes"]}
    assert "\nCapaian " in labels["SK-IMUN"]
