"""The page of what changed between two versions (graph/diff.py), in Bahasa Indonesia:

| address | what |
|---|---|
| `/perubahan` | the form: two versions picked from those the graph holds (graph/diff_read.py version_choices) |
| `/perubahan?a=A&b=B[&batas=N]` | the form and every section of the diff from A to B, at most `batas` rows each |

The page's content is built by `changes_page`, a pure function of the diff's data (the JSON `/api/diff` answers)
and the versions to pick from; the template only lays it out. Its data and workbook are `/api/diff` (linked).
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for

from graph.diff import ROWS_DEFAULT, ROWS_MAX, RUPIAH_COLUMNS, SECTIONS
from graph.diff_read import version_choices
from service.diff_api import diff_data, versions_diff
from service.http.database import database
from service.http.errors import ApiError
from service.http.formats import VERSION_ARG, int_arg
from service.http.kept import kept_answer
from service.pages.security import page_blueprint
from visual.styles import format_number, format_rupiah

html_bp = page_blueprint("changes", __name__)

SUMMARY_LABELS = {
    "elements_added": "Elemen baru",
    "elements_removed": "Elemen dihapus",
    "pagu_changed": "Kegiatan dengan pagu berubah",
    "pagu_difference": "Selisih pagu",
    "pagu_lost_path": "Pagu yang kehilangan jalur ke outcome",
    "pagu_gained_path": "Pagu yang mendapat jalur ke outcome",
    "staff_lost_path": "ASN yang kehilangan jalur ke outcome",
    "staff_gained_path": "ASN yang mendapat jalur ke outcome",
    "staff_moved": "ASN pindah",
    "staff_left": "ASN keluar",
    "staff_arrived": "ASN masuk",
    "outcomes_lost_support": "Outcome yang kehilangan kegiatan pendukung terakhir",
}
MONEY = ("pagu_difference", "pagu_lost_path", "pagu_gained_path")


def _cell(value: Any, rupiah: bool) -> str:
    """Text of one cell: rupiah or a number in Indonesian notation, a list joined, '–' for nothing."""
    if value is None or value == []:
        return "–"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, (int, float)):
        return format_rupiah(value) if rupiah else format_number(value)
    return str(value)


def changes_page(
    data: dict[str, Any] | None, choices: list[dict[str, str]], a: str | None, b: str | None
) -> dict[str, Any]:
    """What the page shows: the form's choices and, with a diff, its summary and each section's rows as text."""
    page: dict[str, Any] = {"choices": choices, "a": a, "b": b, "sections": [], "summary": []}
    if data is None:
        return page
    page["summary"] = [
        {"label": SUMMARY_LABELS.get(key, key), "value": _cell(value, key in MONEY)}
        for key, value in data["summary"].items()
    ]
    for section in SECTIONS:
        money = RUPIAH_COLUMNS.get(section.key, ())
        rows = data["sections"][section.key]
        page["sections"].append(
            {
                "key": section.key,
                "title": section.title,
                "headers": [header for _, header in section.columns],
                "rows": [[_cell(row.get(key), key in money) for key, _ in section.columns] for row in rows],
                "count": data["counts"][section.key],
                "shown": len(rows),
            }
        )
    return page


@html_bp.get("/perubahan")
@kept_answer
def changes() -> str:
    """The form, and with `a` and `b` the diff from version a to version b."""
    unknown = sorted(name for name in request.args if name not in ("a", "b", "batas", VERSION_ARG))
    if unknown:
        raise ApiError(400, "Parameter tidak dikenal: " + ", ".join(f"'{name[:40]}'" for name in unknown))
    a, b = request.args.get("a", "").strip() or None, request.args.get("b", "").strip() or None
    text = request.args.get("batas", "").strip()
    limit = int_arg("batas", text, 1, ROWS_MAX) if text else ROWS_DEFAULT
    data = diff_data(versions_diff(a, b, indonesian=True), limit) if a or b else None
    page = changes_page(data, version_choices(database()), a, b)
    links = {}
    if data is not None:
        links = {
            "json": url_for("diff.diff", suffix="json", a=a, b=b, limit=limit),
            "xlsx": url_for("diff.diff", suffix="xlsx", a=a, b=b, limit=limit),
            "tree": url_for("pages.tree", versi=b, banding=a),  # the tree of b, marked where it changed since a
        }
    return render_template("perubahan.html", page=page, links=links)
