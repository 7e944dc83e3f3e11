"""The page routes: each page in HTML (blueprint `pages`) and its `.json` twin (blueprint `pages_json`).

| page | HTML | JSON twin |
|---|---|---|
| Beranda | `/`, `/beranda` | `/beranda.json` |
| Pohon kinerja (Pemda / one OPD) | `/pohon`, `/pohon/<unit>`, `/pohon?unit=` | `/pohon.json`, `/pohon/<unit>.json` |
| Garis pandang of one ASN | `/asn/<nip>` | `/asn/<nip>.json` |
| Dampak of one element | `/elemen/<id>` | `/elemen/<id>.json` |
| Pencarian | `/cari?q=` | `/cari.json?q=` |
| Temuan audit (one finding's rows) | `/temuan/<name>` | `/temuan/<name>.json` |
| Crosscutting antar-OPD (matrix; the work behind one cell) | `/lintas-opd`, `/lintas-opd/<from>/<to>` | `/lintas-opd.json`, `/lintas-opd/<from>/<to>.json` |
| Capaian per OPD (list; one OPD's dashboard) | `/capaian`, `/capaian/<unit>` | `/capaian.json`, `/capaian/<unit>.json` |
| Daya ungkit (leverage ranking) | `/daya-ungkit` | `/daya-ungkit.json` |
| Titik rawan tunggal (single points of failure) | `/orang/titik-rawan` | `/orang/titik-rawan.json` |
| Pensiun (who reaches the batas usia pensiun in `tahun`) | `/orang/pensiun` | `/orang/pensiun.json` |
| Dokumen to print (service/pages/documents.py) | `/dokumen/<kind>` | `/api/docs/<kind>.json` |

Common parameters: `tahun` (year), `unit`; network pages `warna=tingkat|capaian`; the tree `audit=1` and
`tampilan=bagan` (the chart of boxes, visual/chart.py; the Pemda's down to `sampai`, a level rank); list pages
`unduh=xlsx|csv` (and `tabel=<key>`) for the rows shown as a file (service/pages/tables.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, g, render_template, request, send_file, url_for

from graph.diff import diff
from graph.versions import latest, pemda_of
from service.http.database import VERSION_ARG_MAX, catalog, database, held_versions, requested_version
from service.http.errors import ApiError
from service.http.formats import YEAR_MAX, masking_wanted
from service.http.kept import kept_answer
from service.http.masking import mask_text
from service.pages import data, insight, people, risk, tables, trend
from service.pages.security import page_blueprint, secure
from visual import render
from visual.chart import PEMDA_DEPTH
from visual.views import (
    View,
    ViewNotFound,
    change_marks,
    impact_view,
    staff_view,
    tree_chart,
    tree_outline,
    tree_view,
)

html_bp = page_blueprint("pages", __name__)
json_bp = Blueprint("pages_json", __name__)
json_bp.after_request(secure)

STATIC = Path(__file__).resolve().parent.parent / "static"
DOM_ID = "pokin-jaringan"
COLOURS = {"tingkat": "level", "capaian": "achievement"}
CHART_DEPTH_MAX = 120  # `sampai`: the deepest level rank (visual.network.rank_of: units 110)
AUDIT_ON, AUDIT_OFF = ("1", "true", "ya"), ("", "0", "false", "tidak")


@functools.cache
def _kept(view: Callable[..., Any]) -> Callable[..., Any]:
    """One wrapper per view (a view registered twice, like `tree`, must map to the same function)."""
    return kept_answer(view)


def twin(
    rule: str, json_rule: str, endpoint: str, *, extra: tuple[str, ...] = (), keep: bool = True
) -> Callable[[Callable[..., Any]], Any]:
    """Register a page at `rule` (and `extra` rules) in HTML and at `json_rule` as its JSON twin; its
    complete answers are kept per data version (service/http/kept.py) unless `keep` is false."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        served = view if not keep else _kept(view)
        html_bp.add_url_rule(rule, endpoint, served, defaults={"fmt": "html"})
        for number, path in enumerate(extra):  # an alias has its own endpoint, else werkzeug redirects to `rule`
            html_bp.add_url_rule(path, f"{endpoint}_{number}", served, defaults={"fmt": "html"})
        json_bp.add_url_rule(json_rule, endpoint, served, defaults={"fmt": "json"})
        return view

    return decorate


def answer(fmt: str, template: str, page: dict[str, Any], **html_only: Any):
    """The page's data as JSON (the twin), its tables as a file (`unduh`, service/pages/tables.py), or
    rendered by its template."""
    wanted = tables.asked()
    if wanted is not None:
        return tables.download(page, wanted)
    if fmt == "json":
        return current_app.json.response(ok=True, **page)
    context = {
        "api_element": url_for("panel.element_detail", id="__ID__"),
        "api_trend_indicator": url_for("trends.indicator", id="__ID__"),
        "api_trend_unit": url_for("trends.unit", id="__ID__"),
        "year": page.get("year"),
        "findings": data.flagged(page.get("findings") or [], page.get("year"), page.get("unit"))
        if page.get("nodes") is not None
        else {},
    }
    endpoint = "pages_json." + re.sub(r"_[0-9]+$", "", (request.endpoint or ".").split(".", 1)[1])  # an alias: its page
    args = {key: value for key, value in (request.view_args or {}).items() if key != "fmt"}
    if "nip" in args:  # anonymous readers link an ASN by pseudonym (a masked NIP would lead nowhere)
        args["nip"] = people.link_id(people.resolve(args["nip"]) or args["nip"])
    values: dict[str, Any] = {**args, **request.args.to_dict()}
    json_href = url_for(endpoint, **values)
    html = render_template(
        template, page=page, page_config=context, json_href=json_href, downloads=tables.links(page), **html_only
    )
    if masking_wanted():  # masked here, so a kept page (service/http/kept.py) is not masked again on every hit
        html, g.pokin_page_masked = mask_text(html), True
    return html


def _year() -> int | None:
    """The `tahun` parameter: a year, or a 400 in Bahasa Indonesia naming what was sent."""
    text = request.args.get("tahun", "").strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", text) or not 1 <= int(text) <= YEAR_MAX:
        raise ApiError(400, f"Parameter 'tahun' harus berupa tahun (bilangan bulat 1–{YEAR_MAX}), bukan '{text[:40]}'.")
    return int(text)


def _unit() -> str | None:
    """The `unit` parameter of the Beranda and finding pages: a known unit id, else a 404 in Bahasa Indonesia."""
    unit = request.args.get("unit", "").strip() or None
    if unit is not None and unit not in {item["id"] for item in data.units()}:
        raise ApiError(404, f"Unit '{unit[:80]}' tidak ditemukan.")
    return unit


def _audit() -> bool:
    """The tree's `audit` switch: 1/ya/true or 0/tidak/false (or absent), else a 400 in Bahasa Indonesia."""
    text = request.args.get("audit", "").strip().lower()
    if text not in AUDIT_ON + AUDIT_OFF:
        raise ApiError(400, f"Parameter 'audit' harus '1' (tampilkan lapisan audit) atau '0', bukan '{text[:40]}'.")
    return text in AUDIT_ON


def _colour() -> str:
    warna = request.args.get("warna", "tingkat") or "tingkat"
    if warna not in COLOURS:
        raise ApiError(400, f"Parameter 'warna' harus 'tingkat' atau 'capaian', bukan '{warna[:40]}'.")
    return COLOURS[warna]


def _achievement_timeout() -> float:
    return float(current_app.config["PAGES_ACHIEVEMENT_TIMEOUT"])


def _view_page(fmt: str, view: View, template: str, drawn: bool = True, **extra: Any):
    g.pokin_partial = view.partial  # ran out of time: not kept (service/http/kept.py), a reload tries again
    page = dict(data.view_data(view), scale=data.scale_info(), **extra)
    page["year"] = page.get("year", view.params.get("year"))
    page["notes"] = data.year_notes(page["year"]) + page["notes"]
    if fmt == "json":
        return answer(fmt, template, page)
    fragment = view.fragment(dom_id=DOM_ID, inline_runtime=False, autostart=False) if drawn else ""
    return answer(fmt, template, page, fragment=fragment, dom_id=DOM_ID)


# -- pages --------------------------------------------------------------------------------------------------------


@twin("/", "/beranda.json", "home", extra=("/beranda",), keep=False)  # its slow parts have their own cache
def home(fmt: str):
    """Beranda: the Pemda at a glance."""
    year, unit = _year(), _unit()
    page = {
        "page": "beranda",
        "notes": data.year_notes(year),
        **data.overview(year, unit),
        "filters": data.filters(year, unit),
    }
    return answer(fmt, "beranda.html", page)


@twin("/pohon", "/pohon.json", "tree")
@twin("/pohon/<unit>", "/pohon/<unit>.json", "tree")
def tree(fmt: str, unit: str | None = None):
    """Pohon kinerja: the Pemda tree, or one unit's cascade; colours, year and audit layers on request."""
    unit = unit or request.args.get("unit") or None
    year, colour = _year(), _colour()
    audit = _audit()
    changes, compared = _changes()
    try:
        view = tree_view(
            database(),
            unit=unit,
            year=year,
            color_by=colour,
            audit=audit,
            catalog=catalog(),
            people=people.for_viewer(),
            achievement_timeout=_achievement_timeout(),
            scale=data.scale().key,
            changes=changes,
        )
    except ViewNotFound as error:
        raise ApiError(404, str(error)) from None
    if compared is not None:
        view.notes.append(
            f"Dibandingkan dengan versi {compared}: garis tepi menandai yang berubah sejak versi itu "
            f"({len(changes or {})} elemen; daftar lengkapnya di halaman Perubahan)."
        )
    chart = _chart_asked()
    if fmt == "json":
        extra: dict[str, Any] = {}
    elif chart is not None:
        extra = {
            "chart": tree_chart(
                view,
                catalog(),
                data.scale().key,
                max_rank=chart,
                opd_href=lambda opd: url_for("pages.tree", unit=opd, tampilan="bagan", **_kept_args()),
            ),
            "chart_depth": chart,
            "chart_args": _kept_args(),
        }
    else:
        extra = {"outline": tree_outline(view, catalog(), data.scale().key)}
    return _view_page(
        fmt,
        view,
        "pohon.html",
        page="pohon",
        audit=audit,
        unit=unit,
        year=year,
        filters=data.filters(year, unit),
        drawn=chart is None,
        **extra,
    )


def _chart_asked() -> int | None:
    """`tampilan=bagan` asks for the chart of boxes (None: the network), `sampai` its depth for the whole
    Pemda (a level rank, visual.network.rank_of); anything else a 400 in Bahasa Indonesia."""
    shown = request.args.get("tampilan", "").strip() or "jaringan"
    if shown not in ("jaringan", "bagan"):
        raise ApiError(400, f"Parameter 'tampilan' harus 'jaringan' atau 'bagan', bukan '{shown[:40]}'.")
    depth = request.args.get("sampai", "").strip()
    if depth and (not re.fullmatch(r"[0-9]{1,3}", depth) or int(depth) > CHART_DEPTH_MAX):
        raise ApiError(
            400, f"Parameter 'sampai' harus berupa peringkat level 0–{CHART_DEPTH_MAX}, bukan '{depth[:40]}'."
        )
    if shown == "jaringan":
        return None
    return int(depth) if depth else PEMDA_DEPTH


def _changes() -> tuple[dict[str, str] | None, str | None]:
    """`banding=<version>`: what changed from that version to the one shown (`versi`, else the latest of the same
    Pemda), as marks on the tree (visual/views.py change_marks, graph/diff.py); (None, None) without it."""
    compared = request.args.get("banding", "").strip()
    if not compared:
        return None, None
    held = held_versions()
    if len(compared) > VERSION_ARG_MAX or compared not in {version.dataset for version in held}:
        raise ApiError(404, f"Versi pembanding '{compared[:VERSION_ARG_MAX]}' tidak ada (daftarnya: /api/versions).")
    shown = requested_version() or latest(held)[pemda_of(compared)].dataset
    if shown == compared:
        return {}, compared
    return change_marks(diff(database(), compared, shown).sections), compared


def _kept_args() -> dict[str, Any]:
    """The tree's filters a link to another chart keeps (year, colours, audit layers)."""
    return {key: request.args[key] for key in ("tahun", "warna", "audit", "versi") if request.args.get(key)}


@twin("/asn/<nip>", "/asn/<nip>.json", "staff")
def staff(fmt: str, nip: str):
    """Garis pandang: every path from one ASN's work up to the vision."""
    year, colour = _year(), _colour()
    real = people.resolve(nip)
    if real is None:
        raise ApiError(404, "ASN tidak ditemukan.")
    try:
        view = staff_view(database(), real, **_view_options(year, colour))
    except ViewNotFound:
        raise ApiError(404, "ASN tidak ditemukan.") from None
    return _view_page(
        fmt, view, "jaringan.html", page="asn", heading="Garis pandang", year=year, intervensi=data.intervensi(real)
    )


def _view_options(year: int | None, colour: str) -> dict[str, Any]:
    """What the ASN's and the element's network views take from the request and the service alike."""
    return {
        "color_by": colour,
        "year": year,
        "catalog": catalog(),
        "people": people.for_viewer(),
        "achievement_timeout": _achievement_timeout(),
        "scale": data.scale().key,
    }


@twin("/elemen/<id>", "/elemen/<id>.json", "element")
def element(fmt: str, id: str):
    """Dampak: what one goal, indicator or activity supports, and what supports it."""
    year, colour = _year(), _colour()
    try:
        view = impact_view(database(), id, **_view_options(year, colour))
    except ViewNotFound as error:
        raise ApiError(404, str(error)) from None
    return _view_page(fmt, view, "jaringan.html", page="elemen", heading="Dampak", year=year)


@twin("/cari", "/cari.json", "search")
def search(fmt: str):
    """Pencarian by name, code, id or NIP (`tahun` is checked like on every page, though a search spans all years)."""
    _year()
    page = {"page": "cari", **data.search(request.args.get("q", ""))}
    return answer(fmt, "cari.html", page)


@twin("/temuan/<name>", "/temuan/<name>.json", "finding")
def finding(fmt: str, name: str):
    """The rows of one audit finding, linked to the pages of what they name."""
    if catalog().finding(name) is None:
        raise ApiError(404, f"Temuan '{name}' tidak dikenal.")
    year, unit = _year(), _unit()
    page = {
        "page": "temuan",
        "notes": data.year_notes(year),
        **data.finding(name, year, unit),
        "filters": data.filters(year, unit),
    }
    return answer(fmt, "temuan.html", page)


def _known_unit(unit: str, opd: bool = False) -> None:
    """A unit id of the data (an OPD when `opd`), else a 404 in Bahasa Indonesia."""
    found = next((item for item in data.units() if item["id"] == unit), None)
    if found is None or (opd and found["kind"] != "perangkat_daerah"):
        raise ApiError(404, f"{'Perangkat daerah' if opd else 'Unit'} '{unit[:80]}' tidak ditemukan.")


def _year_page(
    page: str, year: int | None, body: dict[str, Any], *, filters: bool = True, unit: str | None = None
) -> dict[str, Any]:
    """What every year-scoped insight page holds: its name, the notes on the year, its body and (unless it is a
    drill-down that keeps its parent's filters) the year and unit filters, in that order."""
    built = {"page": page, "notes": data.year_notes(year), **body}
    if filters:
        built["filters"] = data.filters(year, unit)
    return built


@twin("/lintas-opd", "/lintas-opd.json", "crosscutting")
def crosscutting(fmt: str):
    """Crosscutting: which OPD's work supports which other OPD's outcomes, with pagu and ASN."""
    year = _year()
    page = _year_page("lintas-opd", year, insight.crosscutting(year))
    return answer(fmt, "lintas.html", page)


@twin("/lintas-opd/<from_unit>/<to_unit>", "/lintas-opd/<from_unit>/<to_unit>.json", "crosscutting_pair")
def crosscutting_pair(fmt: str, from_unit: str, to_unit: str):
    """The activities, goals and ASN of one OPD behind one cell of the crosscutting matrix."""
    year = _year()
    _known_unit(from_unit, opd=True)
    _known_unit(to_unit, opd=True)
    page = _year_page("lintas-opd-pasangan", year, insight.crosscutting_pair(from_unit, to_unit, year), filters=False)
    return answer(fmt, "lintas_pasangan.html", page)


@twin("/capaian", "/capaian.json", "capaian_list")
def capaian_list(fmt: str):
    """Capaian per OPD: each OPD's capaian of the year, linked to its dashboard."""
    year = _year()
    page = _year_page("capaian-opd", year, insight.opd_list(year))
    return answer(fmt, "capaian_daftar.html", page)


@twin("/capaian/<unit>", "/capaian/<unit>.json", "capaian_unit")
def capaian_unit(fmt: str, unit: str):
    """One OPD's capaian dashboard: its IKU, per triwulan, the trend over the years; its documents."""
    year = _year()
    _known_unit(unit)
    page = _year_page("capaian", year, insight.opd_capaian(unit, year), unit=unit)
    page["version_trend"] = insight.version_trend(unit)
    return answer(fmt, "capaian.html", page, trend_html=trend.trend_html(page["version_trend"]))


@twin("/daya-ungkit", "/daya-ungkit.json", "leverage")
def leverage(fmt: str):
    """Daya ungkit: OPD and activities ranked by the outcomes they reach, and their pagu."""
    year = _year()
    page = _year_page("daya-ungkit", year, insight.leverage(year))
    return answer(fmt, "daya_ungkit.html", page)


def _risk_page(fmt: str, kind: str):
    """The people-at-risk list of `kind` ("spof", "retirements") under the Beranda's year and unit filters."""
    year, unit = _year(), _unit()
    page = {
        "page": "orang",
        "notes": [],
        **risk.listing(kind, year, unit, data.unit_scope(unit) if unit else None),
        "filters": data.filters(year, unit),
    }
    return answer(fmt, "orang.html", page)


@twin("/orang/titik-rawan", "/orang/titik-rawan.json", "spof")
def spof(fmt: str):
    """Sasaran and IKU hanging on one ASN (single points of failure), under the Beranda's unit filter."""
    return _risk_page(fmt, "spof")


@twin("/orang/pensiun", "/orang/pensiun.json", "retirements")
def retirements(fmt: str):
    """Who reaches the batas usia pensiun in `tahun` (this year without one), under the unit filter."""
    return _risk_page(fmt, "retirements")


@html_bp.get("/aset/<name>")
def asset(name: str):
    """vis-network and the pokin scripts and styles, served here: no page loads anything from elsewhere."""
    paths = dict(render.asset_paths())
    paths.update({path.name: path for path in STATIC.glob("*") if path.is_file()})
    if name not in paths:
        abort(404)
    return send_file(paths[name], max_age=3600)
