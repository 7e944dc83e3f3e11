"""Capaian (achievement) of one indicator figure, and the predikat scales, as docs/capaian.md states them.

The `achievement` query (cypher/achievement.cypher) computes the same rules in Cypher for the whole graph;
this module is the one Python copy, for places that show a single figure (the side panel) and for the
scales the pages draw and name. tests/test_capaian.py pins both against hand-computed cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

DEFAULT_CAP: Final = 120.0
QUARTERS: Final = (1, 2, 3, 4)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def raw_capaian(
    target: Any, realisasi: Any, polarity: str | None, target_min: Any = None, target_max: Any = None
) -> float | None:
    """Capaian before the floor and the cap; None when it cannot be computed (shown '–').

    positif: realisasi / target × 100; with target 0, 100 when realisasi ≥ 0, else 0.
    negatif: (2 × target − realisasi) / target × 100; with target 0, 100 when realisasi ≤ 0, else 0 (a KLB
    count of 1 against a target of 0 is a failure, not '–').
    stabil: 100 inside [target_min, target_max] (either bound defaults to the target); below the range
    realisasi / min × 100 (0 when min is 0), above it (2 × max − realisasi) / max × 100 (0 when max is 0).
    """
    real = _number(realisasi)
    if real is None:
        return None
    kind = polarity or "positif"
    if kind == "stabil":
        target_value = _number(target)
        low = _number(target_min)
        high = _number(target_max)
        low = low if low is not None else target_value
        high = high if high is not None else target_value
        if low is None and high is None:
            return None
        if low is not None and real < low:
            return real / low * 100 if low > 0 else 0.0
        if high is not None and real > high:
            return (2 * high - real) / high * 100 if high > 0 else 0.0
        return 100.0
    goal = _number(target)
    if goal is None:
        return None
    if kind == "negatif":
        if goal == 0:
            return 100.0 if real <= 0 else 0.0
        return (2 * goal - real) / goal * 100
    if goal == 0:
        return 100.0 if real >= 0 else 0.0
    return real / goal * 100


def capaian(
    target: Any,
    realisasi: Any,
    polarity: str | None,
    target_min: Any = None,
    target_max: Any = None,
    cap: float = DEFAULT_CAP,
) -> float | None:
    """The capaian shown: raw_capaian floored at 0, capped at `cap`, rounded to 2 decimals."""
    raw = raw_capaian(target, realisasi, polarity, target_min, target_max)
    if raw is None:
        return None
    return round(min(max(raw, 0.0), cap), 2)


def quarter_capaian(
    figures: dict[str, Any], polarity: str | None, quarter: int, cap: float = DEFAULT_CAP
) -> float | None:
    """Capaian of one triwulan: realisasi_twN against target_twN (a stabil indicator keeps the year's range)."""
    return capaian(
        figures.get(f"target_tw{quarter}"),
        figures.get(f"realisasi_tw{quarter}"),
        polarity,
        figures.get("target_min"),
        figures.get("target_max"),
        cap,
    )


# -- predikat scales ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A predikat scale: bands best first, each (name, lower bound inclusive); the last band has no bound."""

    key: str
    title: str  # shown on pages, in Bahasa Indonesia
    source: str  # where the scale comes from
    bands: tuple[tuple[str, float | None], ...]

    def band(self, value: float | None) -> str | None:
        if value is None:
            return None
        for name, minimum in self.bands:
            if minimum is None or value >= minimum:
                return name
        return None


SCALES: Final[dict[str, Scale]] = {
    "pemda": Scale(
        "pemda",
        "Skala Pemda (≥ 90 sangat baik, 75–90 baik, 60–75 cukup, < 60 kurang)",
        "praktik lokal banyak Pemda",
        (("sangat baik", 90.0), ("baik", 75.0), ("cukup", 60.0), ("kurang", None)),
    ),
    "permendagri86": Scale(
        "permendagri86",
        "Skala Permendagri 86/2017 (≥ 91 sangat tinggi, 76–90 tinggi, 66–75 sedang, 51–65 rendah, ≤ 50 sangat rendah)",
        "Permendagri 86/2017",
        (("sangat tinggi", 91.0), ("tinggi", 76.0), ("sedang", 66.0), ("rendah", 51.0), ("sangat rendah", None)),
    ),
}
DEFAULT_SCALE: Final = "pemda"


def scale(key: str | None) -> Scale:
    """The scale named `key` (None: the default); a ValueError naming the choices for anything else."""
    found = SCALES.get(key or DEFAULT_SCALE)
    if found is None:
        raise ValueError(f"unknown capaian scale '{key}'; choose one of: {', '.join(SCALES)}")
    return found
