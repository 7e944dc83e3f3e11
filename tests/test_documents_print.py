"""The documents' print pages printed to PDF by a real headless Chromium (Debian's `chromium` through Playwright,
as tests/test_browser.py drives it): the page count, and no table or cell wider than the printable width of
A4 landscape (nothing cut off at the page edge). The PDFs are kept in test-artifacts/documents/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graph.catalog import load_catalog
from graph.documents import build
from service.pages.documents import document_html

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "documents"
YEAR = 2026
PRINTABLE_PX = round((297 - 2 * 10) / 25.4 * 96)  # A4 landscape less the @page margins, at 96 px per inch

OVERFLOW = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const wide = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.getBoundingClientRect();
    if (box.right > limit || table.scrollWidth > table.clientWidth + 1) wide.push('table ' + box.right);
  }
  for (const cell of document.querySelectorAll('th, td')) {
    if (cell.scrollWidth > cell.clientWidth + 1) wide.push('cell ' + cell.textContent.slice(0, 40));
  }
  return wide;
}"""


def page_count(pdf: bytes) -> int:
    """Pages of a PDF: its /Page objects, which must agree with the page tree's root /Count (Chromium writes
    both uncompressed; the tree is nested, so the root holds the largest count)."""
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    counts = [int(found) for found in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    assert counts and max(counts) == pages > 0, (pages, counts)
    return pages


def printed(browser: Any, html: str, name: str) -> tuple[int, list[str]]:
    """The page printed to PDF (its @page size and margins), its page count, and what overflows the width."""
    page = browser.new_page(viewport={"width": PRINTABLE_PX, "height": 700})
    try:
        page.set_content(html, wait_until="load")
        page.emulate_media(media="print")
        wide = page.evaluate(OVERFLOW)
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.pdf").write_bytes(pdf)
    return page_count(pdf), wide


def test_a_perjanjian_kinerja_prints_on_one_page_with_nothing_cut_off(sample, browser):
    document = build("pk", sample, load_catalog(), year=YEAR, unit="U-DINKES")
    pages, wide = printed(browser, document_html(document), "pk-U-DINKES")
    assert wide == []
    assert pages == 1


def test_the_pemda_wide_cascading_runs_over_many_pages_within_the_width(sample, browser):
    document = build("cascading", sample, load_catalog(), year=YEAR)
    rows = len(document.tables[0].rows)
    pages, wide = printed(browser, document_html(document), "cascading-pemda")
    assert wide == []
    assert 10 < pages < rows  # 660 sub-kegiatan: many pages, several rows on each


@pytest.mark.parametrize("kind", ["iku", "lkjip", "triwulan"])
def test_the_other_documents_fit_the_width(sample, browser, kind):
    document = build(kind, sample, load_catalog(), year=YEAR, unit="U-DINKES")
    pages, wide = printed(browser, document_html(document), f"{kind}-U-DINKES")
    assert wide == [] and pages >= 1
