"""Every page in a real headless Chromium (Debian's `chromium`), on the sample kabupaten: an accessibility pass with
axe-core (the copy the `axe-playwright-python` package ships: nothing is downloaded) finds no serious or critical
violation; the new pages (crosscutting, capaian, daya ungkit) and the download buttons work at 1440x900 and on a
390x844 phone without sideways scroll. Screenshots of both sizes are kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import PHONE, SHOTS, Watched, own_goal, server, watched_context  # noqa: F401 - `server` is a fixture

DESKTOP = {"width": 1440, "height": 900}
SERIOUS = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def desktop(browser, server) -> Iterator[Watched]:  # noqa: F811 - the imported fixture, by name
    yield from watched_context(browser, server, 120_000, viewport=DESKTOP, accept_downloads=True)


@pytest.fixture
def phone(browser, server) -> Iterator[Watched]:  # noqa: F811 - the imported fixture, by name
    yield from watched_context(browser, server, 120_000, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module")
def paths(sample) -> dict[str, str]:
    """Every kind of page, with ids taken from the sample."""
    nip = sample.read("MATCH (s:ASN)-[:ASSIGNED_TO]->() RETURN s.nip AS nip ORDER BY s.nip LIMIT 1")[0]["nip"]
    pair = sample.read(
        "MATCH (a:Unit {kind: 'perangkat_daerah'})<-[:PART_OF*0..]-(:Unit)-[:ASSIGNED_TO]->(:Activity)"
        "-[:CONTRIBUTES_TO*]->(:Goal)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF*0..]->"
        "(b:Unit {kind: 'perangkat_daerah'}) WHERE a <> b "
        "RETURN a.id AS a, b.id AS b ORDER BY a.id, b.id LIMIT 1"
    )[0]
    return {
        "beranda": "/",
        "pohon-opd": "/pohon/U-DINKES?audit=1",
        "asn": f"/asn/{nip}",
        "elemen": f"/elemen/{own_goal(sample)['id']}",
        "cari": "/cari?q=kesehatan",
        "temuan": "/temuan/orphaned_staff",
        "dokumen-pk": "/dokumen/pk?unit=U-DINKES",
        "dokumen-lkjip": "/dokumen/lkjip?unit=U-DINKES",
        "mph": "/mph/U-DINKES",
        "capaian": "/capaian",
        "capaian-opd": "/capaian/U-DINKES",
        "lintas-opd": "/lintas-opd",
        "lintas-pasangan": f"/lintas-opd/{pair['a']}/{pair['b']}",
        "daya-ungkit": "/daya-ungkit",
        "pohon-bagan": "/pohon/U-DINKES?tampilan=bagan&warna=capaian",
        "orang-titik-rawan": "/orang/titik-rawan",
        "orang-pensiun": "/orang/pensiun",
    }


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of the page as it stands, serious and critical ones only."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        {
            "id": item["id"],
            "impact": item["impact"],
            "help": item["help"],
            "nodes": [node["target"] for node in item["nodes"][:5]],
        }
        for item in results.response["violations"]
        if item["impact"] in SERIOUS
    ]


def settle(watched: Watched) -> None:
    """A page complete before it is judged: a network drawn (its legend and panel are built by the script), a
    part still computed in the background (capaian per OPD past its time budget) reloaded until it is there."""
    if watched.page.locator("#pokin-jaringan-view").count():
        watched.drawn(timeout=120_000)
    for _ in range(30):
        if "belum selesai dihitung" not in watched.page.inner_text("body"):
            return
        time.sleep(3)
        watched.page.reload()


# The whole Pemda's tree (`pohon`) is the OPD tree's template with some thousands more rows: axe-core on it took
# minutes for nothing the OPD's tree does not show (test_browser.py drives the whole tree itself).
PAGES = (
    "beranda",
    "pohon-opd",
    "asn",
    "elemen",
    "cari",
    "temuan",
    "dokumen-pk",
    "dokumen-lkjip",
    "mph",
    "capaian",
    "capaian-opd",
    "lintas-opd",
    "lintas-pasangan",
    "daya-ungkit",
    "pohon-bagan",
    "orang-titik-rawan",
    "orang-pensiun",
)


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(desktop, paths, name):
    desktop.open(paths[name])
    settle(desktop)
    assert desktop.page.evaluate("document.documentElement.lang") == "id"
    violations = axe_violations(desktop.page)
    assert violations == [], violations
    desktop.shot(f"a11y-{name}")


NEW_PAGES = ("capaian", "capaian-opd", "lintas-opd", "lintas-pasangan", "daya-ungkit")


@pytest.mark.parametrize("name", NEW_PAGES)
def test_the_new_pages_at_both_sizes(desktop, phone, paths, name):
    for watched, size in ((desktop, "1440"), (phone, "390")):
        watched.open(paths[name])
        settle(watched)
        assert watched.page.locator("h1").inner_text()
        assert watched.page.locator("[data-downloads] a", has_text="Unduh XLSX").count() >= 1
        width = watched.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (name, size, width)
        watched.shot(f"{name}-{size}")


def test_the_matrix_cell_leads_to_the_work_behind_it(desktop):
    desktop.open("/lintas-opd")
    cell = desktop.page.locator("table.matrix td.cell a").first
    label = cell.get_attribute("aria-label") or ""
    activities = int(re.search(r": (\d+) kegiatan", label).group(1))
    cell.click()
    desktop.page.wait_for_selector("table.contributions")
    assert desktop.page.locator("h1").inner_text().startswith("Crosscutting: ")
    assert desktop.page.locator("tr[data-kind='Activity']").count() == activities


def test_the_download_buttons_give_the_rows_shown(desktop):
    desktop.open("/temuan/orphaned_staff?unit=U-DINKES")
    shown = desktop.page.locator("table.finding-rows tbody tr").count()
    headers = desktop.page.locator("table.finding-rows thead th").all_inner_texts()
    with desktop.page.expect_download() as caught:
        desktop.page.locator("[data-downloads] a", has_text="Unduh CSV").click()
    download = caught.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(io.StringIO(file.read())))
    assert rows[0] == headers and len(rows) - 1 == shown > 0
    with desktop.page.expect_download() as caught:
        desktop.page.locator("[data-downloads] a", has_text="Unduh XLSX").click()
    assert caught.value.suggested_filename.endswith(".xlsx")
    SHOTS.mkdir(parents=True, exist_ok=True)
