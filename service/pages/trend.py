"""Trends across versions as the pages show them (graph/trends.py computes them): pure functions from a trend's
dict to the texts of its points (for the side panel, which draws them with textContent) and to the small table and
sparkline of the OPD page. Numbers as the pages write them (`95,5%`, `1.250`); every text escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from graph.trends import END_LAST_YEAR, END_RECORDED
from visual import styles

SPARK_WIDTH, SPARK_HEIGHT, SPARK_TOP = 120, 28, 120.0  # the sparkline's box, and the capaian at its top (the cap)


def version_label(point: Mapping[str, Any]) -> str:
    """A point's column head: its year, else the version's name, else 'versi terakhir'."""
    if point.get("year") is not None:
        return str(point["year"])
    return str(point.get("version") or "versi terakhir")


def _figure(number: Any, text: Any) -> str:
    return str(text) if text else styles.format_number(number)


def end_note(trend: Mapping[str, Any]) -> str:
    """Which end target the trend measures against (Bahasa Indonesia)."""
    source = trend.get("target_end_source")
    if source == END_RECORDED:
        return "target kondisi akhir periode"
    if source == END_LAST_YEAR:
        return f"target tahun terakhir ({trend.get('target_end_year')}), tanpa kondisi akhir periode"
    return "tanpa target akhir"


def shown_point(point: Mapping[str, Any]) -> dict[str, str]:
    """One point's figures as the pages write them."""
    return {
        "label": version_label(point),
        "target": _figure(point.get("target"), point.get("target_text")),
        "realisasi": _figure(point.get("realisasi"), point.get("realisasi_text")),
        "capaian": styles.format_percent(point.get("capaian")),
        "target_end": _figure(point.get("target_end"), point.get("target_end_text")),
        "capaian_end": styles.format_percent(point.get("capaian_end")),
    }


def with_shown(trend: dict[str, Any]) -> dict[str, Any]:
    """The trend with `shown` texts on every point (its IKU's too) and the note on its end target."""
    for point in trend["points"]:
        point["shown"] = shown_point(point)
    for indicator in trend.get("indicators", ()):
        with_shown(indicator)
    trend["shown"] = {"target_end": _figure(trend.get("target_end"), trend.get("target_end_text"))}
    trend["end_note"] = end_note(trend)
    return trend


def sparkline(values: Sequence[float | None]) -> Markup:
    """An inline SVG line of the capaian (0 at the bottom, the cap at the top); a missing value breaks it."""
    if not values:
        return Markup("")
    step = SPARK_WIDTH / max(len(values) - 1, 1)
    runs: list[list[str]] = [[]]
    dots = []
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        x = round(index * step if len(values) > 1 else SPARK_WIDTH / 2, 1)
        y = round(SPARK_HEIGHT - min(max(value, 0.0), SPARK_TOP) / SPARK_TOP * SPARK_HEIGHT, 1)
        runs[-1].append(f"{x},{y}")
        dots.append(f'<circle cx="{x}" cy="{y}" r="2"/>')
    lines = "".join(f'<polyline points="{" ".join(run)}" fill="none"/>' for run in runs if len(run) > 1)
    return Markup(
        f'<svg class="sparkline" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" '
        f'viewBox="-3 -3 {SPARK_WIDTH + 6} {SPARK_HEIGHT + 6}" role="img" aria-label="Grafik capaian per versi">'
        f'<g stroke="currentColor" fill="currentColor">{lines}{"".join(dots)}</g></svg>'
    )


def _points_table(trend: Mapping[str, Any]) -> str:
    rows = "".join(
        f'<tr data-version="{escape(point["dataset"])}"><td>{escape(point["shown"]["label"])}</td>'
        f'<td class="num">{escape(point["shown"]["capaian"])}</td><td>{escape(point.get("band") or "–")}</td>'
        f'<td class="num">{escape(point["shown"]["capaian_end"])}</td></tr>'
        for point in trend["points"]
    )
    return (
        '<table class="trend-versions"><thead><tr><th scope="col">Versi</th><th scope="col" class="num">Capaian</th>'
        '<th scope="col">Predikat</th><th scope="col" class="num">Realisasi thd. target akhir</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _indicators_table(trend: Mapping[str, Any]) -> str:
    indicators = trend.get("indicators") or []
    if not indicators:
        return ""
    heads = "".join(f'<th scope="col" class="num">{escape(version_label(p))}</th>' for p in trend["points"])
    rows = "".join(
        f'<tr data-indicator="{escape(item["id"])}"><td>{escape(item.get("name") or item["id"])}</td>'
        + "".join(f'<td class="num">{escape(point["shown"]["capaian"])}</td>' for point in item["points"])
        + f'<td class="num">{escape(item["shown"]["target_end"])}</td></tr>'
        for item in indicators
    )
    return (
        '<table class="trend-versions-iku"><thead><tr><th scope="col">IKU</th>'
        f'{heads}<th scope="col" class="num">Target akhir</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def trend_html(trend: Mapping[str, Any] | None) -> Markup:
    """The OPD page's block: the unit's capaian per version (sparkline and table), then each IKU's (with_shown
    applied first)."""
    if not trend or not trend.get("points"):
        return Markup("")
    period = ""
    if trend.get("period_start") and trend.get("period_end"):
        period = f" periode {trend['period_start']}–{trend['period_end']}"
    count = len(trend["points"])
    note = f"{count} versi{period}; realisasi dibandingkan dengan {_trend_end_note(trend)}."
    return Markup(
        f'<section class="trend-versions" data-trend="{escape(trend.get("kind") or "")}">'
        "<h2>Tren capaian antar versi</h2>"
        f'<p class="muted">{escape(note)}</p>'
        f"{sparkline([point.get('capaian') for point in trend['points']])}"
        f"{_points_table(trend)}{_indicators_table(trend)}</section>"
    )


def _trend_end_note(trend: Mapping[str, Any]) -> str:
    """Which end targets a trend measures against: the indicator's; for a unit, its IKU's (which may differ)."""
    if trend.get("kind") == "indicator":
        return end_note(trend)
    sources = {item.get("target_end_source") for item in trend.get("indicators") or ()}
    if sources == {END_RECORDED}:
        return "target kondisi akhir periode IKU"
    if END_RECORDED in sources:
        return "target kondisi akhir periode IKU (tanpa itu: target tahun terakhir)"
    if END_LAST_YEAR in sources:
        return "target tahun terakhir IKU (tanpa kondisi akhir periode)"
    return "target akhir (tidak ada)"
