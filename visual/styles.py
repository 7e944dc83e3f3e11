"""Every colour, shape and legend text of the network views, in one place.

Three colourings of a node can be combined: its fill comes from its level (strategic red, tactical blue,
operational green, as many Pemda draw their pohon kinerja) or from its achievement band (green / amber /
red); an audit finding (orphaned staff, activity without outcome leverage) draws a thick magenta border
over either. Crosscutting contributions (between two OPDs) get their own colour and dashes.
Everything a user reads here is in Bahasa Indonesia.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

# -- node kinds and levels -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeStyle:
    """Fill, border and font colour, vis-network shape, and the Indonesian name of a node kind."""

    background: str
    border: str
    font: str
    shape: str
    name: str  # e.g. "Sasaran program": shown in tooltips and the legend


_STRATEGIC_FONT = "#ffffff"

LEVEL_STYLES: Final[dict[str, NodeStyle]] = {
    # strategic: red tones, darkest at the top
    "visi": NodeStyle("#7f1d1d", "#450a0a", _STRATEGIC_FONT, "box", "Visi"),
    "misi": NodeStyle("#7f1d1d", "#450a0a", _STRATEGIC_FONT, "box", "Misi"),
    "tujuan": NodeStyle("#b91c1c", "#7f1d1d", _STRATEGIC_FONT, "box", "Tujuan"),
    "sasaran": NodeStyle("#dc2626", "#991b1b", _STRATEGIC_FONT, "box", "Sasaran strategis"),
    # tactical: blue
    "sasaran_program": NodeStyle("#1d4ed8", "#1e3a8a", "#ffffff", "box", "Sasaran program"),
    "sasaran_kegiatan": NodeStyle("#60a5fa", "#1d4ed8", "#0b1f44", "box", "Sasaran kegiatan"),
    # operational: green
    "sasaran_subkegiatan": NodeStyle("#047857", "#064e3b", "#ffffff", "box", "Sasaran subkegiatan"),
    "rhk": NodeStyle("#6ee7b7", "#047857", "#022c22", "box", "Rencana hasil kerja (RHK)"),
}
UNKNOWN_LEVEL_STYLE: Final = NodeStyle("#e5e7eb", "#6b7280", "#111827", "box", "Elemen kinerja")

ACTIVITY_STYLES: Final[dict[str, NodeStyle]] = {
    "program": NodeStyle("#bbf7d0", "#166534", "#052e16", "database", "Program"),
    "kegiatan": NodeStyle("#d9f99d", "#3f6212", "#1a2e05", "database", "Kegiatan"),
    "subkegiatan": NodeStyle("#ecfccb", "#4d7c0f", "#1a2e05", "database", "Subkegiatan"),
}
UNKNOWN_ACTIVITY_STYLE: Final = NodeStyle("#ecfccb", "#4d7c0f", "#1a2e05", "database", "Kegiatan")

# Indicators: a distinct shape (a diamond with its name below), tinted like the goal they measure.
INDICATOR_SHAPE: Final = "diamond"
INDICATOR_NAME: Final = "Indikator"

UNIT_STYLE: Final = NodeStyle("#e5e7eb", "#4b5563", "#111827", "box", "Unit kerja / OPD")
UNIT_KIND_NAMES: Final = {
    "pemda": "Pemerintah daerah",
    "perangkat_daerah": "Perangkat daerah (OPD)",
    "unit_kerja": "Unit kerja",
}

# ASN: a person silhouette, an inline SVG as a data: URI (nothing is fetched from anywhere).
_PERSON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
    '<circle cx="32" cy="32" r="31" fill="#f8fafc"/>'
    '<circle cx="32" cy="23" r="11" fill="#334155"/>'
    '<path d="M12 54c2-12 10-18 20-18s18 6 20 18z" fill="#334155"/></svg>'
)
PERSON_IMAGE: Final = "data:image/svg+xml;base64," + base64.b64encode(_PERSON_SVG.encode()).decode()
ASN_STYLE: Final = NodeStyle("#f8fafc", "#334155", "#111827", "circularImage", "ASN")

CLUSTER_STYLE: Final = NodeStyle("#f3f4f6", "#6b7280", "#111827", "box", "Kelompok diringkas")

# -- achievement (capaian) bands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    key: str  # the band name the achievement query returns
    minimum: float | None  # lower bound (inclusive); None for the lowest band
    background: str
    border: str
    font: str


BANDS: Final[tuple[Band, ...]] = (
    Band("sangat baik", 90.0, "#15803d", "#14532d", "#ffffff"),
    Band("baik", 75.0, "#86efac", "#15803d", "#052e16"),
    Band("cukup", 60.0, "#fbbf24", "#b45309", "#1f1300"),
    Band("kurang", None, "#dc2626", "#7f1d1d", "#ffffff"),
)
# Permendagri 86/2017, the scale evaluators of the RKPD and Renja use (graph/capaian.py SCALES)
PERMENDAGRI86_BANDS: Final[tuple[Band, ...]] = (
    Band("sangat tinggi", 91.0, "#15803d", "#14532d", "#ffffff"),
    Band("tinggi", 76.0, "#86efac", "#15803d", "#052e16"),
    Band("sedang", 66.0, "#fbbf24", "#b45309", "#1f1300"),
    Band("rendah", 51.0, "#f97316", "#c2410c", "#1f1300"),
    Band("sangat rendah", None, "#dc2626", "#7f1d1d", "#ffffff"),
)
SCALE_BANDS: Final[dict[str, tuple[Band, ...]]] = {"pemda": BANDS, "permendagri86": PERMENDAGRI86_BANDS}
NO_BAND: Final = Band("", None, "#d1d5db", "#6b7280", "#111827")
BANDS_BY_KEY: Final = {band.key: band for bands in SCALE_BANDS.values() for band in bands}


def scale_bands(scale: str | None) -> tuple[Band, ...]:
    """The bands of a predikat scale by its name (graph/capaian.py); the Pemda scale for None or an unknown one."""
    return SCALE_BANDS.get(scale or "pemda", BANDS)


def band_for(capaian: float | None, bands: tuple[Band, ...] = BANDS) -> Band:
    """The band of a capaian (bands ordered best first, each from its minimum up); NO_BAND for none."""
    if capaian is None:
        return NO_BAND
    for band in bands:
        if band.minimum is None or capaian >= band.minimum:
            return band
    return NO_BAND


def band_legend(bands: tuple[Band, ...] = BANDS) -> list[tuple[Band, str]]:
    """(band, Indonesian label) pairs, e.g. 'Sangat baik (≥ 90)', 'Baik (75–90)', 'Kurang (< 60)'."""
    labels = []
    for position, band in enumerate(bands):
        upper = bands[position - 1].minimum if position > 0 else None
        name = band.key.capitalize()
        if band.minimum is not None and upper is None:
            labels.append((band, f"{name} (≥ {format_number(band.minimum)})"))
        elif band.minimum is not None:
            labels.append((band, f"{name} ({format_number(band.minimum)}–{format_number(upper)})"))
        else:
            labels.append((band, f"{name} (< {format_number(upper)})" if upper is not None else name))
    labels.append((NO_BAND, "Tanpa capaian (–)"))
    return labels


# -- audit findings ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingStyle:
    border: str
    width: int
    dashes: tuple[int, ...] | Literal[False]  # the dash pattern, or a solid line
    name: str


# What a finding marks, and the title of its mark, are declared in its query's header (graph/catalog.py): the
# look is here. An activity's mark is dashed (it sits among the green activities), any other mark solid.
MARK_DASHES: Final[dict[str, tuple[int, ...]]] = {"Activity": (8, 4)}
AUDIT_FINDING: Final = FindingStyle("#d946ef", 6, False, "Temuan audit")  # a mark no finding declares


def mark_style(title: str, label: str | None) -> FindingStyle:
    """The border of a finding's mark on a node of `label`, with the legend title its header declares."""
    return FindingStyle(AUDIT_FINDING.border, AUDIT_FINDING.width, MARK_DASHES.get(label or "", False), title)


# What changed since the version a tree is compared with (`/pohon?banding=`, graph/diff.py): a border per change,
# apart from the audit's magenta; an element with several changes shows the first of this order.
CHANGE_MARKS: Final[dict[str, FindingStyle]] = {
    "change_lost": FindingStyle("#dc2626", 6, False, "Kehilangan jalur ke outcome sejak versi pembanding"),
    "change_added": FindingStyle("#16a34a", 6, False, "Baru sejak versi pembanding"),
    "change_reparented": FindingStyle("#ea580c", 6, (8, 4), "Induknya berubah sejak versi pembanding"),
    "change_restated": FindingStyle("#2563eb", 6, (3, 3), "Rumusan atau nilainya berubah sejak versi pembanding"),
}

FOCUS_BORDER: Final = ("#111827", 5)  # the element a line-of-sight or impact view is about
CONTEXT_OPACITY: Final = 0.55  # elements outside the OPD in an OPD's cascade

# -- edges -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    width: float
    dashes: tuple[int, ...] | Literal[False]  # the dash pattern, or a solid line
    arrow: bool
    name: str


EDGE_STYLES: Final[dict[str, EdgeStyle]] = {
    "CONTRIBUTES_TO": EdgeStyle("#64748b", 1.5, False, True, "Kontribusi"),
    "MEASURED_BY": EdgeStyle("#94a3b8", 1.0, False, False, "Diukur oleh indikator"),
    "PART_OF": EdgeStyle("#cbd5e1", 1.0, False, False, "Bagian dari (nomenklatur)"),
    "ASSIGNED_TO": EdgeStyle("#0d9488", 2.0, False, True, "Penugasan"),
    "MEMBER_OF": EdgeStyle("#9ca3af", 1.0, False, False, "Anggota unit"),
    "CLUSTER": EdgeStyle("#9ca3af", 1.0, (2, 4), False, "Kelompok diringkas"),
}
CROSSCUTTING: Final = EdgeStyle("#ea580c", 2.5, (10, 6), True, "Lintas OPD (crosscutting)")

# -- legend -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a node swatch (shape, fill, border) or an edge sample (colour, dashes)."""

    label: str
    kind: str  # "node" | "edge"
    background: str = "#ffffff"
    border: str = "#6b7280"
    shape: str = "box"
    border_width: int = 1
    dashes: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "kind": self.kind,
            "background": self.background,
            "border": self.border,
            "shape": self.shape,
            "border_width": self.border_width,
            "dashes": self.dashes,
        }


def level_legend() -> list[LegendEntry]:
    """Levels top to bottom; visi and misi share one entry ('Visi/Misi')."""
    entries = [LegendEntry("Visi/Misi", "node", LEVEL_STYLES["visi"].background, LEVEL_STYLES["visi"].border)]
    for level in ("tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan", "rhk"):
        style = LEVEL_STYLES[level]
        entries.append(LegendEntry(style.name, "node", style.background, style.border))
    return entries


def legend(
    *,
    color_by: str = "level",
    kinds: set[str] | None = None,
    findings: Mapping[str, FindingStyle] | None = None,
    edge_types: set[str] | None = None,
    crosscutting: bool = False,
    clusters: bool = False,
    bands: tuple[Band, ...] = BANDS,
) -> list[LegendEntry]:
    """The legend of one view: only what the view shows when `kinds`/`edge_types` are given.

    kinds: node labels present ("Goal", "Indicator", "Activity", "Unit", "ASN"). findings: the marks present,
    key -> style (finding_style).
    """
    kinds = kinds if kinds is not None else {"Goal", "Indicator", "Activity", "Unit", "ASN"}
    entries: list[LegendEntry] = []
    if color_by == "achievement":
        entries += [LegendEntry(label, "node", band.background, band.border) for band, label in band_legend(bands)]
    elif "Goal" in kinds:
        entries += level_legend()
    if "Indicator" in kinds:
        entries.append(LegendEntry(INDICATOR_NAME, "node", "#ffffff", "#374151", INDICATOR_SHAPE))
    if "Activity" in kinds:
        style = ACTIVITY_STYLES["subkegiatan"]
        entries.append(
            LegendEntry("Program/Kegiatan/Subkegiatan (pagu)", "node", style.background, style.border, "database")
        )
    if "Unit" in kinds:
        entries.append(LegendEntry(UNIT_STYLE.name, "node", UNIT_STYLE.background, UNIT_STYLE.border))
    if "ASN" in kinds:
        entries.append(LegendEntry(ASN_STYLE.name, "node", ASN_STYLE.background, ASN_STYLE.border, "circle"))
    for key in sorted(findings or ()):
        mark = (findings or {})[key]
        entries.append(LegendEntry(mark.name, "node", "#ffffff", mark.border, "box", mark.width, bool(mark.dashes)))
    if clusters:
        entries.append(
            LegendEntry(
                "Kelompok diringkas (klik untuk membuka)", "node", CLUSTER_STYLE.background, CLUSTER_STYLE.border
            )
        )
    for edge_type in ("CONTRIBUTES_TO", "MEASURED_BY", "PART_OF", "ASSIGNED_TO", "MEMBER_OF"):
        if edge_types is None or edge_type in edge_types:
            edge = EDGE_STYLES[edge_type]
            entries.append(LegendEntry(edge.name, "edge", border=edge.color, dashes=bool(edge.dashes)))
    if crosscutting or edge_types is None:
        entries.append(LegendEntry(CROSSCUTTING.name, "edge", border=CROSSCUTTING.color, dashes=True))
    return entries


# -- lookups used by the builders -------------------------------------------------------------------------------------


def node_style(label: str, level: str | None) -> NodeStyle:
    """The level colouring of a node by its label (Goal, Indicator, Activity, Unit, ASN) and level/kind."""
    if label == "Goal":
        return LEVEL_STYLES.get(level or "", UNKNOWN_LEVEL_STYLE)
    if label == "Activity":
        return ACTIVITY_STYLES.get(level or "", UNKNOWN_ACTIVITY_STYLE)
    if label == "Indicator":
        tint = LEVEL_STYLES.get(level or "", UNKNOWN_LEVEL_STYLE)
        return NodeStyle(tint.background, tint.border, "#111827", INDICATOR_SHAPE, INDICATOR_NAME)
    if label == "Unit":
        return UNIT_STYLE
    if label == "ASN":
        return ASN_STYLE
    return UNKNOWN_LEVEL_STYLE


def kind_name(label: str, level: str | None) -> str:
    """The Indonesian name of a node's kind, e.g. 'Sasaran program', 'Subkegiatan', 'Indikator', 'ASN'."""
    if label == "Unit":
        return UNIT_KIND_NAMES.get(level or "", UNIT_STYLE.name)
    return node_style(label, level).name


def short_name(label: str, level: str | None) -> str:
    """A short kind name for counts in a cluster, e.g. '37 RHK', '12 Subkegiatan', '4 Indikator'."""
    if label == "Goal" and level == "rhk":
        return "RHK"
    return kind_name(label, level)


def format_number(value: float | int | None, decimals: int = 2) -> str:
    """Indonesian notation: '.' groups thousands, ',' marks decimals; trailing zeros dropped; '–' for none."""
    if value is None:
        return "–"
    text = _indonesian(f"{float(value):,.{decimals}f}")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


PERCENT_DECIMALS = 1


def format_percent(value: float | int | None) -> str:
    """A capaian or share given in percent (95.5): '95,5%', always PERCENT_DECIMALS decimals so '100,0%'
    stands beside '100,6%'; '–' for none."""
    if value is None:
        return "–"
    return _indonesian(f"{float(value):,.{PERCENT_DECIMALS}f}") + "%"


def _indonesian(text: str) -> str:
    """'1,250,000.5' (Python's notation) as '1.250.000,5'."""
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def format_rupiah(value: float | int | None) -> str:
    """'Rp 1.250.000' (whole rupiah; 'Rp 1.250.000,5' keeps a fraction); '–' for none."""
    return "–" if value is None else f"Rp {format_number(value, 2)}"


def finding_style(key: str | None, marks: Mapping[str, FindingStyle] | None = None) -> FindingStyle | None:
    """The style of a mark by its key (`marks`: key -> style, from the catalog's findings); AUDIT_FINDING for a
    key none declares; None for no mark."""
    if key is None:
        return None
    return (marks or {}).get(key, AUDIT_FINDING)


def level_colors(label: str, level: str | None) -> Mapping[str, object]:
    style = node_style(label, level)
    return vis_color(style.background, style.border)


def vis_color(background: str, border: str) -> dict[str, object]:
    """A vis-network colour object (highlight and hover keep the fill, darken the border)."""
    return {
        "background": background,
        "border": border,
        "highlight": {"background": background, "border": "#111827"},
        "hover": {"background": background, "border": "#111827"},
    }
