"""The tree pages in a real headless Chromium (Debian's `chromium` through Playwright), with the sample kabupaten:
the outline beside the network, open one level or one OPD, find-and-reveal, zoom buttons and minimap,
crosscutting edges, the findings badge of a closed group, a finding in the audit list revealed in its group, and
print (A3 and A4 landscape PDFs), the bagan of boxes. At desktop 1440×900 and phone 390×844; screenshots and PDFs are kept in
test-artifacts/screenshots/ (not in git). No JavaScript error, no request to another host (test_browser.Watched).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import DOM, SHOTS, Watched, watched_context
from werkzeug.serving import make_server

from service import create_app

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# when the outline (plain HTML, no script) is in the document, and when the page's DOMContentLoaded fires
ARRIVAL = """
new MutationObserver((records, observer) => {
  if (document.getElementById('pokin-panel')) {            // parsed past the outline (the panel follows it)
    window.__outlineParsedAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
document.addEventListener('pokin:ready', () => { window.__drawnAt = performance.now(); });
document.addEventListener('DOMContentLoaded', () => {
  const entries = document.querySelectorAll('[data-outline] li[data-node]').length;
  const navigation = performance.getEntriesByType('navigation')[0];
  window.__outlineAtReady = {entries, at: performance.now(), responseStart: navigation.responseStart,
                             responseEnd: navigation.responseEnd};
});
"""
TIMINGS: dict[str, Any] = {}


@pytest.fixture(scope="module")
def server(sample) -> Iterator[str]:
    app = create_app(
        {
            "TESTING": True,
            "RUNNER": sample,
            "PAGES_AUDIT_BUDGET": 30.0,
            "PAGES_QUERY_TIMEOUT": 5.0,
            "PAGES_ACHIEVEMENT_TIMEOUT": 150.0,
            "QUERY_TIMEOUT": 150.0,
            "PAGES_BACKGROUND_TIMEOUT": 20.0,
        }
    )
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="pokin-tree-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(10)


@pytest.fixture
def desk(browser, server) -> Iterator[Watched]:
    yield from watched_context(browser, server, 120_000, ARRIVAL, viewport=DESKTOP)


@pytest.fixture
def phone(browser, server) -> Iterator[Watched]:
    yield from watched_context(browser, server, 120_000, ARRIVAL, viewport=PHONE, is_mobile=True, has_touch=True)


def view(page: Watched, expression: str) -> Any:
    return page.page.evaluate(f"(() => {{ const v = window.pokinViews['{DOM}']; return {expression}; }})()")


def hidden_member(page: Watched, *, flagged: bool = False) -> dict[str, Any]:
    """An element folded inside a closed group of the drawn tree (one an audit finding marks, when asked)."""
    return view(
        page,
        f"""(() => {{
        for (const [cluster, data] of Object.entries(v.data.pokin.clusters)) {{
            for (const node of data.nodes) {{
                if ({"node.pokin.finding" if flagged else 'node.pokin.kind === "Goal"'}) {{
                    return {{cluster, id: node.id, label: node.label.split('\\n')[0]}};
                }}
            }}
        }}
        return null;
    }})()""",
    )


def outline_shows(page: Watched, node_id: str) -> bool:
    """The outline entry is on screen: every <details> above it open, and it has a box."""
    return page.page.evaluate(
        """(id) => {
        const li = document.querySelector(`[data-outline] li[data-node="${CSS.escape(id)}"]`);
        if (!li) { return false; }
        for (let d = li.parentElement.closest('details'); d; d = d.parentElement.closest('details')) {
            if (!d.open) { return false; }
        }
        return li.getBoundingClientRect().height > 0;
    }""",
        node_id,
    )


def test_the_whole_pemda_outline_is_there_at_dom_content_loaded_and_the_tree_opens_readable(desk):
    desk.open("/pohon")
    desk.drawn(timeout=120_000)
    arrival = desk.page.evaluate("window.__outlineAtReady")
    summary = view(desk, "v.data.pokin.summary")
    assert arrival["entries"] == summary["nodes"] >= 1000  # the whole tree, before any script
    times = desk.page.evaluate("[window.__outlineParsedAt, window.__drawnAt]")
    start = arrival["responseStart"]
    TIMINGS.update(
        outline_parsed_ms=times[0] - start,
        dom_content_loaded_ms=arrival["at"] - start,
        network_drawn_ms=times[1] - start,
        receiving_ms=arrival["responseEnd"] - start,
    )
    print(
        f"\nwhole Pemda tree, {summary['nodes']} elements; ms after the first byte: "
        + ", ".join(f"{name} {value:.0f}" for name, value in TIMINGS.items())
    )
    assert desk.page.locator("[data-outline] details[open]").count() >= 1
    first = desk.page.locator("[data-outline] .outline-text").first
    assert first.is_visible() and float(first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 12
    assert view(desk, "v.network.getScale()") >= 0.8  # readable at its opening zoom
    box = desk.page.locator("[data-outline]").bounding_box()
    net = desk.page.locator(f"#{DOM}").bounding_box()
    assert box is not None and net is not None and box["x"] >= net["x"] + net["width"] - 1  # beside the network
    desk.shot("pohon-pemda-kerangka")


def test_find_and_reveal_opens_the_outline_and_the_group_and_focuses_the_element(desk):
    desk.open("/pohon")
    desk.drawn(timeout=120_000)
    member = hidden_member(desk)
    assert member is not None and view(desk, f"v.nodes.get({member['id']!r})") is None
    desk.page.fill("#outline-cari", member["label"])
    desk.page.click("[data-outline-find] button[type='submit']")
    desk.page.wait_for_function("document.querySelector('[data-outline]').getAttribute('data-found')")
    found = desk.page.get_attribute("[data-outline]", "data-found")
    assert desk.page.locator("[data-outline-status]").inner_text().startswith("1 dari ")
    label = view(
        desk,
        f"v.data.pokin.clusters[{member['cluster']!r}].nodes.concat(v.data.nodes)"
        f".find((n) => n.id === {found!r}).label",
    )
    assert member["label"].lower() in label.lower()
    assert outline_shows(desk, found)
    assert view(desk, "v.network.getSelectedNodes()") == [found]
    assert view(desk, f"v.nodes.get({found!r}) !== null")
    centre = view(
        desk,
        f"""(() => {{ const p = v.network.canvasToDOM(v.network.getPosition({found!r}));
        const c = document.getElementById('{DOM}'); return [p.x / c.clientWidth, p.y / c.clientHeight]; }})()""",
    )
    assert 0.3 < centre[0] < 0.7 and 0.3 < centre[1] < 0.7, centre  # centred in the network
    assert desk.page.evaluate("document.activeElement.getAttribute('data-focus-node')") == found
    desk.shot("pohon-pemda-temukan")
    desk.page.click("[data-outline-find] button[type='submit']")  # the same words: the next match
    assert (
        not desk.page.locator("[data-outline-status]").inner_text().startswith("1 dari ")
        or desk.page.locator("[data-outline-status]").inner_text() == "1 dari 1"
    )


def test_open_one_level_then_one_opd(desk, sample):
    desk.open("/pohon")
    desk.drawn(timeout=120_000)
    options = desk.page.eval_on_selector_all("[data-outline-level] option", "os => os.map(o => [o.value, o.text])")
    rank = next(value for value, text in options if text.startswith("Sasaran strategis"))
    desk.page.select_option("[data-outline-level]", rank)
    state = desk.page.evaluate(
        """(rank) => Array.from(document.querySelectorAll('[data-outline] details'))
        .map(d => [Number(d.parentElement.dataset.base), d.open])""",
        rank,
    )
    assert all(opened == (base < int(rank)) for base, opened in state)
    assert any(opened for _, opened in state) and not all(opened for _, opened in state)
    desk.shot("pohon-pemda-level")
    desk.page.locator("[data-outline-close]").click()
    assert desk.page.locator("[data-outline] details[open]").count() == 0
    opd = sample.read("MATCH (u:Unit {id: 'U-DINKES'}) RETURN u.name AS name")[0]["name"]
    desk.page.select_option("[data-outline-opd]", label=opd)
    ids = desk.page.eval_on_selector_all("[data-outline] li[data-opd='U-DINKES']", "ls => ls.map(l => l.dataset.node)")
    assert ids and all(outline_shows(desk, node_id) for node_id in ids[:50])
    others = desk.page.eval_on_selector_all(
        "[data-outline] li[data-opd]:not([data-opd='U-DINKES'])", "ls => ls.slice(0, 400).map(l => l.dataset.node)"
    )
    assert not all(outline_shows(desk, node_id) for node_id in others)  # the other OPDs stay closed
    drawn = view(desk, f"{ids!r}.filter((id) => v.nodes.get(id) !== null).length")
    assert drawn == len(ids)  # the network shows all of them
    desk.shot("pohon-pemda-satu-opd")


def test_zoom_buttons_and_the_minimap(desk):
    desk.open("/pohon/U-DINKES")
    desk.drawn()
    desk.shot("pohon-opd")
    before = view(desk, "v.network.getScale()")
    desk.page.click(f"#{DOM}-view [data-pokin-zoom='in']")
    assert view(desk, "v.network.getScale()") == pytest.approx(before * 1.25, rel=1e-3)
    desk.page.click(f"#{DOM}-view [data-pokin-zoom='out']")
    assert view(desk, "v.network.getScale()") == pytest.approx(before, rel=1e-3)
    minimap = desk.page.locator(f"#{DOM}-view canvas[data-pokin-minimap]")
    assert minimap.is_visible()
    desk.page.wait_for_timeout(200)
    inked = desk.page.evaluate(
        """(canvas) => { const c = document.querySelector(canvas);
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) { if (px[i]) { n++; } } return n; }""",
        f"#{DOM}-view canvas[data-pokin-minimap]",
    )
    assert inked > 50  # the dots and the frame are drawn
    minimap.scroll_into_view_if_needed()
    where = view(desk, "v.network.getViewPosition()")
    box = minimap.bounding_box()
    assert box is not None
    desk.page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.9)
    moved = view(desk, "v.network.getViewPosition()")
    assert (moved["x"], moved["y"]) != (where["x"], where["y"])
    crosscutting = view(desk, "v.edges.get().filter((e) => e.pokin && e.pokin.crosscutting)")
    assert crosscutting and all(edge["dashes"] for edge in crosscutting)
    assert "Lintas OPD" in desk.page.locator(f"#{DOM}-view .pokin-legend").inner_text()
    desk.shot("pohon-opd-zoom-peta-kecil")


def test_a_closed_group_shows_its_findings_and_a_finding_in_the_list_opens_it(desk):
    desk.open("/pohon?audit=1")
    desk.drawn(timeout=120_000)
    badges = view(
        desk,
        "Object.entries(v.data.pokin.clusters).filter(([, c]) => c.findings > 0)"
        ".map(([id, c]) => [id, c.findings, v.nodes.get(id).label])",
    )
    assert badges, "some closed group holds a finding"
    assert all(f"⚑ {count} temuan" in label for _, count, label in badges)
    member = hidden_member(desk, flagged=True)
    assert member is not None
    button = desk.page.locator(f".audit-list [data-focus-node='{member['id']}']")
    button.scroll_into_view_if_needed()
    button.click()
    desk.page.wait_for_selector(f'#pokin-panel[data-state="ready"][data-id="{member["id"]}"]')
    assert member["cluster"] in view(desk, "v.openClusters()")
    assert view(desk, "v.network.getSelectedNodes()") == [member["id"]]
    assert outline_shows(desk, member["id"])
    link = desk.page.locator("#pokin-panel .panel-finding a")
    assert "/temuan/" in (link.get_attribute("href") or "")
    desk.shot("pohon-pemda-audit-temuan")


@pytest.mark.parametrize("paper", ["A3", "A4"])
def test_the_tree_prints_landscape_with_the_outline_whole(desk, paper):
    desk.open("/pohon/U-DINKES")
    desk.drawn()
    closed = desk.page.locator("[data-outline] details:not([open])").count()
    assert closed > 0
    desk.page.emulate_media(media="print")
    desk.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert desk.page.locator("[data-outline] details:not([open])").count() == 0  # the outline whole
    assert not desk.page.locator(".site-head").is_visible()
    assert not desk.page.locator(".outline-tools").is_visible()
    assert desk.page.locator(f"#{DOM} canvas").is_visible()  # the branch on screen
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = desk.page.pdf(
        path=str(SHOTS / f"pohon-opd-cetak-{paper}.pdf"), format=paper, landscape=True, print_background=True
    )
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages >= 2, pages  # the network, then the outline
    desk.page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    desk.page.emulate_media(media="screen")
    assert desk.page.locator("[data-outline] details:not([open])").count() == closed


def test_on_a_phone_the_tree_stacks_and_find_still_reveals(phone):
    phone.open("/pohon")
    phone.drawn(timeout=120_000)
    width = phone.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width == [PHONE["width"], PHONE["width"]], width  # nothing widens the phone's layout viewport
    net = phone.page.locator(f"#{DOM}").bounding_box()
    box = phone.page.locator("[data-outline]").bounding_box()
    assert net is not None and box is not None
    assert net["width"] >= PHONE["width"] - 40 and box["y"] >= net["y"] + net["height"] - 1  # below the network
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    phone.shot("telepon-pohon-pemda")
    member = hidden_member(phone)
    assert member is not None
    phone.page.fill("#outline-cari", member["label"])
    phone.page.press("#outline-cari", "Enter")
    phone.page.wait_for_function("document.querySelector('[data-outline]').getAttribute('data-found')")
    found = phone.page.get_attribute("[data-outline]", "data-found")
    assert outline_shows(phone, found) and view(phone, f"v.nodes.get({found!r}) !== null")
    phone.page.locator(f"[data-outline] li[data-node='{found}'] .outline-text").first.scroll_into_view_if_needed()
    phone.shot("telepon-pohon-pemda-temukan")
    width = phone.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width == [PHONE["width"], PHONE["width"]], width


PRINTABLE_A4_LANDSCAPE = 277 * 96 / 25.4  # CSS px: 297 mm less the 10 mm margins of @page


def test_on_a_phone_the_bagan_scrolls_inside_its_frame_and_prints_landscape(phone):
    phone.open("/pohon/U-DINKES?tampilan=bagan&warna=capaian")
    frame = phone.page.locator(".chart-frame")
    assert frame.is_visible() and phone.page.locator(".chart-box").first.is_visible()
    width = phone.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width == [PHONE["width"], PHONE["width"]], width  # the page itself does not scroll sideways
    inside = frame.evaluate("(f) => [f.scrollWidth, f.clientWidth]")
    assert inside[0] > inside[1], inside  # the chart is wider: it scrolls in its frame
    boxes = phone.page.evaluate("[...document.querySelectorAll('.chart-box')].map((b) => b.offsetWidth)")
    assert len(set(boxes)) == 1 and boxes[0] > 150, boxes[:5]  # boxes of one fixed width
    assert phone.page.locator(".chart-box .chart-ind li").count() > 0  # indicators inside their boxes
    top = phone.page.locator(".chart-box").first.bounding_box()
    assert top is not None and top["x"] >= 0 and top["x"] + top["width"] <= PHONE["width"]  # the top box in view
    phone.shot("telepon-pohon-bagan")
    on_screen = phone.page.evaluate("document.querySelector('.chart-tree').scrollWidth")
    assert on_screen > PRINTABLE_A4_LANDSCAPE / 0.5, on_screen  # too wide for the page even at half size
    phone.page.emulate_media(media="print")
    assert not phone.page.locator(".pohon-tabs").is_visible()
    printed = phone.page.evaluate(
        "(() => { const t = document.querySelector('.chart-tree'), left = t.getBoundingClientRect().left;"
        " return { zoom: parseFloat(getComputedStyle(t).zoom), boxes: document.querySelectorAll('.chart-box').length,"
        " right: Math.max(...[...t.querySelectorAll('.chart-box')].map((b) => b.getBoundingClientRect().right - left))"
        " }; })()"
    )
    # printed whole: every box within the width of the page, at a size that can still be read
    assert printed["right"] <= PRINTABLE_A4_LANDSCAPE + 1 and 0.5 <= printed["zoom"] <= 0.8, printed
    pdf = phone.page.pdf(
        path=str(SHOTS / "pohon-opd-bagan-cetak-A4.pdf"), format="A4", landscape=True, print_background=True
    )
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 1
    phone.page.emulate_media(media="screen")
    phone.page.locator(".chart-box:has(.chart-ind)").nth(2).scroll_into_view_if_needed()
    phone.shot("telepon-pohon-bagan-indikator")
