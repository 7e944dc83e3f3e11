"""Which number style a column is written in: Indonesian (`1.250.000,50`) or English (`1,250,000.50`).

A cell like `1,500` or `1.500` (one separator before exactly three digits) reads as fifteen hundred in one style
and as one and a half in the other. Such a cell is read by the style its own column shows elsewhere: a cell that
can only be read one way (`12,5`, `1.250.000`, `0.70`, `1,250,000.50`) is evidence for its column. A column
whose unambiguous cells all show one style decides its ambiguous cells; a column that shows both styles, or
none, leaves them ambiguous, and the import reports them (values.parse_number raises AmbiguousNumber) rather
than guessing. Unambiguous cells are always read as they are written, whatever the rest of their column says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

INDONESIAN = "id"  # `.` groups thousands, `,` is the decimal comma
ENGLISH = "en"  # `,` groups thousands, `.` is the decimal point
STYLE_NAMES = {INDONESIAN: "Indonesian (1.250.000,50)", ENGLISH: "English (1,250,000.50)"}

# The columns of the import's tables read as numbers or figures (rows.py), whose style is inferred per column.
FIGURE_COLUMNS: tuple[str, ...] = (
    "baseline",
    "target",
    "realisasi",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "realisasi_tw1",
    "realisasi_tw2",
    "realisasi_tw3",
    "realisasi_tw4",
)
NUMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicators": (*FIGURE_COLUMNS, "target_akhir", "target_min", "target_max", "weight"),
    "activities": ("budget",),
    "links": ("weight",),
}

# the number a cell starts with (after a sign and `Rp`), as read_figure finds it before a unit such as `OPD`
_LEADING = re.compile(r"^\s*[-+]?\s*(?:(?:rp\.?|idr)\s*)?(\d[\d.,\s\u00a0\u202f]*\d|\d)", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _grouped(text: str, sep: str) -> bool:
    return re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(sep) + r"\d{3})+", text) is not None


def style_of(raw: object) -> str | None:
    """The style a cell can only be read in (INDONESIAN or ENGLISH), "ambiguous" for `1,500` / `1.500`, or None
    when the cell says nothing about it (a plain `90`, a number from a spreadsheet, text without digits)."""
    if not isinstance(raw, str) or ("," not in raw and "." not in raw):
        return None
    match = _LEADING.match(raw)
    if match is None:
        return None
    text = _SPACES.sub("", match.group(1))
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        return INDONESIAN if text.rfind(",") > text.rfind(".") else ENGLISH
    if not dots and not commas:
        return None
    sep = "." if dots else ","
    if text.count(sep) > 1:  # only grouping can repeat
        return INDONESIAN if sep == "." else ENGLISH
    _whole, _, fraction = text.partition(sep)
    if len(fraction) == 3 and _grouped(text, sep):
        return "ambiguous"
    return INDONESIAN if sep == "," else ENGLISH


@dataclass
class ColumnStyle:
    """The evidence one column holds: where each style is first shown, and how many cells are ambiguous."""

    first: dict[str, tuple[int | None, str]] = field(default_factory=dict)  # style -> (row, cell) first showing it
    ambiguous: int = 0

    def observe(self, raw: object, row: int | None) -> None:
        style = style_of(raw)
        if style == "ambiguous":
            self.ambiguous += 1
        elif style is not None and style not in self.first:
            self.first[style] = (row, str(raw).strip())

    @property
    def decided(self) -> str | None:
        """The style of the column when its unambiguous cells show exactly one."""
        return next(iter(self.first)) if len(self.first) == 1 else None

    def why_undecided(self) -> str:
        """Why an ambiguous cell of this column is not read: the column shows both styles, or neither."""
        if len(self.first) > 1:
            shown = "; ".join(
                f"row {row} '{cell}' is {STYLE_NAMES[style]}"
                for style, (row, cell) in sorted(self.first.items(), key=lambda item: item[1][0] or 0)
            )
            return f"and its column writes numbers in both styles ({shown})"
        return (
            "and no other cell of its column shows which of '.' and ',' is the decimal separator (a cell such as "
            "'12,5' or '1.250.000' would)"
        )


def column_styles(rows: Iterable[tuple[int, dict[str, Any]]], columns: Iterable[str]) -> dict[str, ColumnStyle]:
    """The evidence of `columns` over `rows` ((row number, {column: cell}) pairs); only columns with text numbers."""
    styles: dict[str, ColumnStyle] = {}
    columns = tuple(columns)
    for number, cells in rows:
        for column in columns:
            value = cells.get(column)
            if isinstance(value, str) and ("," in value or "." in value):
                styles.setdefault(column, ColumnStyle()).observe(value, number)
    return styles
