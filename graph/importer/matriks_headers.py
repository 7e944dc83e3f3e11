"""The header vocabulary of the matriks Renstra: which column of a wide sheet holds what.

Pemda write the same headers in many ways ("Program, Kegiatan dan Sub Kegiatan", "Urusan/Bidang
Urusan/Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja Program (Outcome), Kegiatan (Output)",
"Data Capaian pada Tahun Awal Perencanaan", "Tahun-3 / Rp"...), over several merged header rows. A column
is classified from its *label*: the texts of its header rows top to bottom (a merged header cell counts
for every column it spans), joined by " / ". Matching is on lower case with runs of spaces collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Fields a column can become (the names --mapping accepts, and what --explain prints).
FIELDS = {
    "no": "row number (not imported)",
    "tujuan": "tujuan (Goal, level tujuan)",
    "indikator_tujuan": "indicator of the tujuan",
    "sasaran": "sasaran (Goal, level sasaran)",
    "indikator_sasaran": "indicator of the sasaran (IKU)",
    "kode": "kode (urusan.bidang.program.kegiatan.sub kegiatan, dotted, or one part)",
    "kode_urusan": "kode: urusan",
    "kode_bidang": "kode: bidang urusan",
    "kode_program": "kode: program",
    "kode_kegiatan": "kode: kegiatan",
    "kode_subkegiatan": "kode: sub kegiatan",
    "nama": "program / kegiatan / sub kegiatan (Activity name)",
    "indikator": "indicator of the program / kegiatan / sub kegiatan",
    "satuan": "satuan of the indicator",
    "definisi": "definition / formula of the indicator (Indicator.definition)",
    "baseline": "capaian awal (baseline of the first year)",
    "target": "target of a year (target:YEAR)",
    "rp": "Rp of a year: the activity's budget that year (rp:YEAR)",
    "target_akhir": "kondisi akhir periode: target (the indicator's end target, Indicator.target_end)",
    "rp_akhir": "kondisi akhir periode: Rp (not imported: the sum of the years)",
    "unit": "unit kerja penanggung jawab",
    "lokasi": "lokasi (not imported)",
    "keterangan": "keterangan (not imported)",
    "ignore": "ignored on purpose (--mapping)",
}
CODE_PARTS = ("kode_urusan", "kode_bidang", "kode_program", "kode_kegiatan", "kode_subkegiatan")

_YEAR = re.compile(r"\b(20\d\d)\b")
_RELATIVE_YEAR = re.compile(r"\btahun\s*(?:ke)?\s*[-.]?\s*(?:ke)?\s*-?\s*([1-9])\b")
_MONEY = re.compile(r"\b(rp|pagu|anggaran|dana|pendanaan|biaya)\b|^rp\.?$")
_TARGET = re.compile(r"\b(target|tk|k|kinerja|capaian)\b")

# (field, pattern on the label's top text), the first that matches wins
_TOP: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (field, re.compile(pattern))
    for field, pattern in (
        ("no", r"^(no|no\.|nomor|no urut)$"),
        ("definisi", r"^(definisi|formulasi|formula\b|rumus|cara (peng|per)?hitung|metode (peng|per)?hitung)"),
        ("indikator", r"indikator.*(program|kegiatan|keluaran|outcome|output)"),
        ("indikator_sasaran", r"indikator.*sasaran|^iku\b|indikator kinerja utama"),
        ("indikator_tujuan", r"indikator.*tujuan"),
        ("indikator", r"^indikator"),
        ("satuan", r"^satuan"),
        ("kode", r"^(kode|kd)\b|kode rekening|^kode"),
        ("nama", r"(^|\b)(urusan|bidang urusan|program|kegiatan|sub ?kegiatan|nomenklatur|uraian)\b"),
        ("tujuan", r"^tujuan\b"),
        ("sasaran", r"^sasaran\b"),
        ("baseline", r"capaian.*awal|kondisi.*awal|awal perencanaan|baseline|kinerja awal|tahun awal|tahun dasar"),
        ("unit", r"unit kerja|penanggung ?jawab|perangkat daerah|\bopd\b|\bskpd\b|pelaksana"),
        ("lokasi", r"^lokasi"),
        ("keterangan", r"^(keterangan|ket\.?)$"),
    )
)
_CODE_PART_WORDS = (
    ("kode_subkegiatan", r"sub ?kegiatan|sub$"),
    ("kode_kegiatan", r"kegiatan|keg$"),
    ("kode_program", r"program|prog$"),
    ("kode_bidang", r"bidang"),
    ("kode_urusan", r"urusan"),
)

# a header cell below the top one (sub headers): short and from this list, or a year, or a column number
_SUB_HEADER = re.compile(
    r"^(target|rp\.?|pagu|anggaran|dana|realisasi|satuan|k|tk|t|kinerja|capaian|urusan|bidang( urusan)?|program|"
    r"kegiatan|sub ?kegiatan|tahun.*|20\d\d|kondisi.*|\(?\d{1,2}\)?|indikator|lokasi|unit.*|keterangan)$"
)


def label_text(value: object) -> str:
    """A header cell's text as matched: lower case, one space between words."""
    return " ".join(str(value or "").lower().replace("\n", " ").split())


def is_sub_header(value: object) -> bool:
    """Whether a cell under the header's first row still belongs to the header (e.g. 'Tahun 2021', 'Rp', '7')."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer() and (0 < value < 100 or 2000 <= value <= 2100)
    text = label_text(value)
    return bool(text) and len(text) <= 60 and _SUB_HEADER.match(text) is not None


@dataclass(frozen=True)
class Role:
    """What one column is: a field, and for yearly figures the year (absolute) or the period's year (relative)."""

    field: str | None  # None: not recognised
    year: int | None = None  # e.g. 2021, for target / rp
    relative: int | None = None  # e.g. 3 for 'Tahun-3' (the period's third year)

    def describe(self) -> str:
        if self.field is None:
            return "not recognised: not imported"
        text = FIELDS.get(self.field, self.field)
        if self.field in ("target", "rp"):
            when = str(self.year) if self.year else f"year {self.relative} of the period"
            text = f"{self.field}:{when}: " + (
                "target of the indicator" if self.field == "target" else "budget (pagu) of the activity"
            )
        return text


def classify(parts: list[str]) -> Role:
    """The role of a column from its header texts, top row first (lower case, see `label_text`)."""
    if not parts:
        return Role(None)
    joined = " / ".join(parts)
    last = parts[-1]
    if re.search(r"kondisi.*akhir|akhir periode", joined):
        return Role("rp_akhir" if _MONEY.search(last) else "target_akhir")
    top = parts[0]
    if _baseline(top):
        return Role("baseline")
    year_match = _YEAR.search(joined)
    relative = None if year_match else _RELATIVE_YEAR.search(joined)
    if (year_match or relative) and (len(parts) > 1 or _MONEY.search(top) or _TARGET.search(top)):
        field = "rp" if _MONEY.search(last) else "target"
        if len(parts) == 1 and not (_MONEY.search(top) and not _TARGET.search(top)):
            field = "target"
        if year_match:
            return Role(field, year=int(year_match.group(1)))
        assert relative is not None  # one of the two matched
        return Role(field, relative=int(relative.group(1)))
    for field, pattern in _TOP:
        if pattern.search(top):
            if field == "kode":
                for part_field, words in _CODE_PART_WORDS:
                    if len(parts) > 1 and re.search(words, last):
                        return Role(part_field)
            return Role(field)
    return Role(None)


def _baseline(top: str) -> bool:
    return re.search(r"capaian.*awal|kondisi.*awal|awal perencanaan|baseline|kinerja awal|tahun dasar", top) is not None


def parse_mapping_field(value: str) -> Role:
    """A --mapping target: 'sasaran', 'kode_program', 'target:2022', 'rp:2022', 'ignore'."""
    text = label_text(value).replace(" ", "_")
    field, _, year = text.partition(":")
    if field in ("target", "rp"):
        if not re.fullmatch(r"20\d\d", year):
            raise ValueError(f"'{value}': {field} needs its year, e.g. {field}:2022")
        return Role(field, year=int(year))
    if field not in FIELDS or year:
        raise ValueError(f"'{value}' is not a field; one of: {', '.join(sorted(FIELDS))}, target:YEAR, rp:YEAR")
    return Role(field)
