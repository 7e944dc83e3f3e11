"""The tree page's bagan (/pohon?tampilan=bagan, visual/chart.py) against the real Neo4j with tests/data/mini: an
OPD's chart holds a box for each of its goals and activities, each indicator inside the box of what it measures,
with the capaian figures; the Pemda's chart is bounded with links to each OPD's; the JSON twin is unchanged."""

from __future__ import annotations

from test_visual_chart import boxes_of

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures


def test_an_opds_chart_holds_its_boxes_with_their_indicators_inside(client, loaded):
    response = client.get("/pohon/DINKES?tampilan=bagan&warna=capaian&tahun=2025")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    data = client.get("/pohon/DINKES.json?warna=capaian&tahun=2025").get_json()
    boxes = boxes_of(body)
    elements = {row["id"] for row in data["nodes"] if row["label"] != "Indicator"}
    assert set(boxes.parent) == elements and 'id="pokin-jaringan-data"' not in body
    measured = {(edge["from"], edge["to"]) for edge in data["edges"] if edge["type"] == "MEASURED_BY"}
    inside = {(box, indicator) for box, indicators in boxes.indicators.items() for indicator in indicators}
    assert inside and inside <= measured
    indicators = {row["id"] for row in data["nodes"] if row["label"] == "Indicator"}
    assert {indicator for _, indicator in inside} == indicators
    own = [row for row in data["nodes"] if row["role"] == "own" and row["label"] != "Indicator"]
    assert own and all(boxes.attrs[row["id"]].get("data-opd") == "DINKES" for row in own)
    band = data["achievement"]["SK-IMUN"]["band"]
    assert f'class="band band-{band.replace(" ", "-")}" title="Capaian"' in body and 'aria-current="page">Bagan' in body
    assert "T 90 % · R 85,5 %" in body  # I-SK of 2025 in the mini data: target and realisasi with its satuan


def test_the_pemda_chart_is_bounded_and_links_each_opds_chart(client, loaded):
    body = client.get("/pohon?tampilan=bagan&tahun=2026").get_data(as_text=True)
    data = client.get("/pohon.json?tahun=2026").get_json()
    boxes = boxes_of(body)
    assert 0 < len(boxes.parent) < sum(1 for row in data["nodes"] if row["label"] != "Indicator")
    assert "tidak ditampilkan" in body and "/pohon/DINKES?tampilan=bagan&amp;tahun=2026" in body
    deeper = boxes_of(client.get("/pohon?tampilan=bagan&tahun=2026&sampai=120").get_data(as_text=True))
    assert set(deeper.parent) == {row["id"] for row in data["nodes"] if row["label"] != "Indicator"}


def test_the_json_twin_is_unaffected_and_bad_values_are_refused(client, loaded):
    plain = client.get("/pohon/DINKES.json?tahun=2026").get_json()
    assert client.get("/pohon/DINKES.json?tahun=2026&tampilan=bagan").get_json() == plain
    for query in ("tampilan=kotak", "tampilan=bagan&sampai=x", "tampilan=bagan&sampai=999"):
        response = client.get(f"/pohon?{query}")
        assert response.status_code == 400 and "Parameter" in response.get_data(as_text=True)
