"""Cell parsers for spreadsheet data: Indonesian numbers, NIPs and id lists.

Planners' files come from Excel with the Indonesian locale, so `1.250.000,50`, `Rp 1.250.000` and
`12,5` must read right, and anything that could mean two numbers is refused rather than guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DIGITS = re.compile(r"^\d+$")


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the planner as is."""


def parse_number(raw: object, *, integral: bool = False) -> int | float:
    """Read a number written the Indonesian way (or plainly); `integral` fields read a lone dot as grouping.

    Rules: `,` is the decimal comma and `.` groups thousands (`1.250.000,50`); a plain `12.5` or
    `0.125` is a decimal point; `1,250,000.50` (English) is accepted when both separators appear.
    A single separator followed by exactly three digits (`1.250`, `1,250`) could be either reading and is
    an error, except `1.250` in a whole-rupiah field such as a budget.
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
    plain = _normalise(text, str(raw), integral)
    try:
        return _tidy(Decimal(sign + plain))
    except InvalidOperation as exc:  # pragma: no cover - the regexes above leave only digits and one dot
        raise CellError(f"'{raw}' is not a number") from exc


def _normalise(text: str, raw: str, integral: bool) -> str:
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
        if integral and sep == ".":
            return whole + fraction
        raise CellError(f"'{raw}' is ambiguous: write {whole}{fraction} or {whole},{fraction.rstrip('0') or '0'}"
                        f" unmistakably (e.g. '{whole}.{fraction},00' for thousands)")
    return whole + "." + fraction


def _grouped(text: str, sep: str) -> bool:
    return re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(sep) + r"\d{3})+", text) is not None


def _tidy(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def validate_nip(raw: object, *, today: dt.date | None = None) -> str:
    """Check an 18-digit NIP: birth date, appointment year-month, sex digit, sequence."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellError("NIP is stored as a number, which loses digits in a spreadsheet; "
                        "format the column as Text")
    nip = _SPACES.sub("", str(raw).strip())
    if not (len(nip) == 18 and nip.isdigit()):
        raise CellError(f"'{raw}' is not a NIP: it must have exactly 18 digits")
    today = today or dt.date.today()
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise CellError(f"NIP '{nip}': '{nip[:8]}' is not a real birth date (YYYYMMDD)") from None
    if not (1900 <= born.year and born < today):
        raise CellError(f"NIP '{nip}': birth date {born.isoformat()} is not plausible")
    year, month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= month <= 12) or year < born.year + 15 or (year, month) > (today.year, today.month):
        raise CellError(f"NIP '{nip}': '{nip[8:14]}' is not a plausible appointment year-month (YYYYMM)")
    if nip[14] not in "12":
        raise CellError(f"NIP '{nip}': sex digit must be 1 or 2, not {nip[14]}")
    return nip


def split_ids(raw: object) -> list[str]:
    """A `;`-separated id list (a `,` also separates, as planners type both), without blanks or repeats."""
    if raw is None:
        return []
    parts = re.split(r"[;,\n]", str(raw))
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))
