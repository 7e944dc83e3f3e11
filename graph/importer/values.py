"""Cell parsers for spreadsheet data: Indonesian numbers, figures as planners write them, NIPs and id lists.

Planners' files come from Excel with the Indonesian locale, so `1.250.000,50`, `Rp 1.250.000` and
`12,5` must read right, and so must the English `1,775,000,000` that other tools export. A cell that could
mean two numbers (`1,500`) is read in the style its column shows (number_style), and refused rather than
guessed where the column does not tell. Targets are written as they are in a Renstra table: `25 OPD`,
`42,50%`, `A`, `n/a`, `-` (read_figure). Statements kept as rich text lose their markup (plain_text).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from graph.importer.number_style import ENGLISH, INDONESIAN

_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DIGITS = re.compile(r"^\d+$")


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the planner as is."""


class AmbiguousNumber(CellError):
    """`1,500` or `1.500` where the column's style (number_style) does not tell which reading is meant."""


def parse_number(raw: object, *, integral: bool = False, style: str | None = None) -> int | float:
    """Read a number written the Indonesian way or the English way; `integral` fields read a lone dot as grouping.

    Rules: `,` is the decimal comma and `.` groups thousands (`1.250.000,50`); a plain `12.5` or
    `0.125` is a decimal point; `1,250,000.50` (English) is read as such, as is `1,250,000`.
    A single separator followed by exactly three digits (`1.250`, `1,250`) could be either reading: it is read
    in the column's `style` (number_style.INDONESIAN or ENGLISH, decided from the column's other cells), and
    without one it raises AmbiguousNumber, except `1.250` in a whole-rupiah field such as a budget.
    """
    if isinstance(raw, bool):
        raise CellError(f"'{raw}' is not a number")
    if isinstance(raw, (int, float)):
        return _tidy(Decimal(str(raw)))
    text = _SPACES.sub("", _CURRENCY.sub("", str(raw).strip()))
    if not text:
        raise CellError("a number is required")
    sign = ""
    if text[:1] in "-+":
        sign, text = text[0], text[1:]
    if text.endswith("%"):
        text = text[:-1]
    if not text or not re.fullmatch(r"[\d.,]+", text):
        raise CellError(f"'{raw}' is not a number")
    plain = _normalise(text, str(raw), integral, style)
    try:
        return _tidy(Decimal(sign + plain))
    except InvalidOperation as exc:  # pragma: no cover - the regexes above leave only digits and one dot
        raise CellError(f"'{raw}' is not a number") from exc


def _normalise(text: str, raw: str, integral: bool, style: str | None = None) -> str:
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = text.rpartition(decimal_sep)
        if not _grouped(whole, group_sep) or not _DIGITS.match(fraction) or fraction.count(group_sep):
            raise CellError(f"'{raw}' mixes '.' and ',' in a way that is not a number")
        return whole.replace(group_sep, "") + "." + fraction
    if not dots and not commas:
        return text
    sep = "." if dots else ","
    if text.count(sep) > 1:
        if not _grouped(text, sep):
            raise CellError(f"'{raw}' is not a number (thousands must be grouped by three)")
        return text.replace(sep, "")
    whole, _, fraction = text.partition(sep)
    if not whole or not fraction:
        raise CellError(f"'{raw}' is not a number")
    if len(fraction) == 3 and _grouped(text, sep):
        if integral and sep == "." and style != ENGLISH:
            return whole + fraction
        if style in (INDONESIAN, ENGLISH):
            grouping = "." if style == INDONESIAN else ","
            return whole + fraction if sep == grouping else whole + "." + fraction
        raise AmbiguousNumber(
            f"'{raw}' is ambiguous: write {whole}{fraction} or {whole},{fraction.rstrip('0') or '0'}"
            f" unmistakably (e.g. '{whole}.{fraction},00' for thousands)"
        )
    return whole + "." + fraction


def _grouped(text: str, sep: str) -> bool:
    return re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(sep) + r"\d{3})+", text) is not None


def _tidy(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


PPPK_MARK = "21"  # where a NIP has the appointment month, an NI PPPK has `21` (never a month)
PPPK_FIRST_YEAR = 2014  # PPPK exist since UU 5/2014 (first appointed 2019): an earlier year is a typo


def validate_nip(raw: object, *, today: dt.date | None = None) -> str:
    """Check an 18-digit staff number, a PNS's NIP or a PPPK's NI PPPK (asn_kind tells which).

    NIP: birth date YYYYMMDD, appointment (TMT) YYYYMM, sex 1/2, 3-digit sequence.
    NI PPPK: birth date YYYYMMDD, year of appointment YYYY, `21`, sex 1/2, 3-digit sequence.
    Both: a real birth date in the past, an appointment at 15 or older and not in the future."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellError("NIP is stored as a number, which loses digits in a spreadsheet; format the column as Text")
    nip = _SPACES.sub("", str(raw).strip())
    if not (len(nip) == 18 and nip.isdigit()):
        raise CellError(f"'{raw}' is not a NIP or NI PPPK: it must have exactly 18 digits")
    today = today or dt.date.today()
    pppk = nip[12:14] == PPPK_MARK
    name = "NI PPPK" if pppk else "NIP"
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise CellError(f"{name} '{nip}': '{nip[:8]}' is not a real birth date (YYYYMMDD)") from None
    if not (born.year >= 1900 and born < today):
        raise CellError(f"{name} '{nip}': birth date {born.isoformat()} is not plausible")
    year, month = int(nip[8:12]), int(nip[12:14])
    if pppk:
        if year < max(born.year + 15, PPPK_FIRST_YEAR) or year > today.year:
            raise CellError(
                f"NI PPPK '{nip}': '{nip[8:12]}' is not a plausible year of appointment (YYYY, "
                f"{PPPK_FIRST_YEAR} or later, at 15 or older, not in the future)"
            )
    elif not (1 <= month <= 12) or year < born.year + 15 or (year, month) > (today.year, today.month):
        raise CellError(
            f"NIP '{nip}': '{nip[8:14]}' is not a plausible appointment year-month (YYYYMM; an NI "
            f"PPPK has YYYY{PPPK_MARK} there)"
        )
    if nip[14] not in "12":
        raise CellError(f"{name} '{nip}': sex digit must be 1 or 2, not {nip[14]}")
    return nip


def asn_kind(nip: str) -> str:
    """'PPPK' for an NI PPPK (`21` in place of the appointment month), 'PNS' for a NIP (validated numbers)."""
    return "PPPK" if nip[12:14] == PPPK_MARK else "PNS"


# Markup that e-SAKIP applications store statements in (their rich-text editors write `<p>...</p>`): the tags of
# running text only, so that a statement such as `IPM < 70 dan > 60` is never mistaken for markup.
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|li|ol|ul|b|i|u|em|strong|sup|sub|font|h[1-6]|blockquote|pre|table|"
    r"thead|tbody|tr|td|th)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)


def plain_text(raw: object) -> object:
    """A statement as its words: the tags and entities of rich text (`<p>Meningkatnya&nbsp;IPM</p>\\r\\n`) taken out
    and the spaces they leave collapsed, so the graph holds `Meningkatnya IPM`. Text without markup is returned as
    it is, and anything that is not text untouched."""
    if not isinstance(raw, str) or ("<" not in raw and "&" not in raw):
        return raw
    if _HTML_TAG.search(raw) is None and _HTML_ENTITY.search(raw) is None:
        return raw
    return " ".join(html.unescape(_HTML_TAG.sub(" ", raw)).split())


def split_ids(raw: object) -> list[str]:
    """A `;`-separated id list (a `,` also separates, as planners type both), without blanks or repeats."""
    if raw is None:
        return []
    parts = re.split(r"[;,\n]", str(raw))
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))


# What planners write for "no value": never read as a zero.
NO_VALUE: frozenset[str] = frozenset(
    {"-", "--", "\u2013", "\u2014", "n/a", "na", "n.a.", "n.a", "#n/a", "tidak ada", "t/a"}
)
_NUMBER_THEN_UNIT = re.compile(
    r"^(?P<number>[-+]?(?:(?:rp\.?|idr)\s*)?[\d.,]*\d)\s*(?P<unit>[^\d\s.,].*)$", re.IGNORECASE | re.DOTALL
)
_LETTER = re.compile(r"[^\W\d_]")
MAX_TEXT_FIGURE = 200  # a qualitative target is a word or a short phrase, not a paragraph


@dataclass(frozen=True)
class Figure:
    """One figure cell as written: a number (with the unit written after it, if any), a qualitative text
    (`A`, `BB`, `Baik`, kept as text and never computed with), or no value (`blank`: an empty cell;
    `placeholder`: `n/a`, `-` and the like)."""

    number: int | float | None = None
    unit: str | None = None
    text: str | None = None
    placeholder: str | None = None
    composite: bool = False  # text that holds numbers but is not one number with a unit (`1 Dokumen / 2900 orang`)

    @property
    def blank(self) -> bool:
        return self.number is None and self.text is None


def read_figure(raw: object, style: str | None = None) -> Figure:
    """Read a figure cell: `25 OPD` is 25 with unit `OPD`, `42,50%` 42.5 with unit `%`, `A` or `Baik` a
    qualitative text, `n/a` / `-` / `–` / empty no value. A number that could be read two ways (`1.250`,
    `1.250 OPD`) in a column whose `style` does not decide it, or digits that are not a number (`1.2.3`) raise
    CellError, as parse_number does."""
    if raw is None:
        return Figure()
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return Figure(number=parse_number(raw))
    text = " ".join(str(raw).split())
    if not text:
        return Figure()
    if text.lower() in NO_VALUE:
        return Figure(placeholder=text)
    try:
        number = parse_number(text, style=style)
    except AmbiguousNumber:
        raise
    except CellError:
        pass
    else:
        return Figure(number=number, unit="%" if text.endswith("%") else None)
    if not any(char.isdigit() for char in text):
        if len(text) > MAX_TEXT_FIGURE:
            raise CellError(f"'{text[:40]}…' is too long for a target or a figure ({len(text)} characters)")
        return Figure(text=text)
    match = _NUMBER_THEN_UNIT.match(text)
    if match is None or (not _LETTER.search(text) and "%" not in text):
        parse_number(text, style=style)  # raises, with the reason (ambiguous, grouping, not a number)
        raise CellError(f"'{text}' is not a number")  # pragma: no cover - parse_number raised above
    unit = match.group("unit").strip()
    number = parse_number(match.group("number"), style=style)  # ambiguous without a style: `1.250 OPD`
    if any(char.isdigit() for char in unit):
        if len(text) > MAX_TEXT_FIGURE:
            raise CellError(f"'{text[:40]}…' is too long for a target or a figure ({len(text)} characters)")
        return Figure(text=text, composite=True)
    return Figure(number=number, unit=unit)


def same_unit(first: str, second: str) -> bool:
    """`%` and `persen`, `Dokumen` and `dokumen` name the same satuan."""

    def key(unit: str) -> str:
        unit = " ".join(unit.lower().split())
        return "%" if unit in ("%", "persen", "prosen", "percent") else unit

    return key(first) == key(second)
