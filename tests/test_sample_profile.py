"""The sample kabupaten measured against docs/sample.md: every row of the doc's table of measures names a measure
computed here from seed/sample/ and the band it must fall in, so the doc and the generated sample cannot drift
apart. No database: the CSV files are read as they are committed."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from seed import sample_catalog as cat
from seed.workforce import NAKES, bup

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seed" / "sample"
DOC = ROOT / "docs" / "sample.md"
YEAR = 2026
ROW = re.compile(r"^\| `(?P<name>[a-z0-9_]+)` \|.*\| `(?P<low>[0-9.]*)\.\.(?P<high>[0-9.]*)` \|")


def read(name: str) -> list[dict[str, str]]:
    with open(SAMPLE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


UNITS = {u["id"]: u for u in read("units")}
STAFF = read("staff")
GOALS = read("goals")
ACTIVITIES = read("activities")
SUBS = [a for a in ACTIVITIES if a["kind"] == "subkegiatan" and a["year"] == str(YEAR)]  # the current year's DPA
PREVIOUS = {a["code"]: a for a in ACTIVITIES if a["kind"] == "subkegiatan" and a["year"] == str(YEAR - 1)}
NAKES_WORDS = {p.split(" ")[0] for p, _ in NAKES} - {"Pengadministrasi"} | {"Radiografer", "Fisioterapis"}


def opd_of(unit: str) -> str:
    while UNITS[unit]["kind"] != "perangkat_daerah":
        unit = UNITS[unit]["parent_id"]
    return unit


def share(rows: list, test: Callable) -> float:
    return sum(1 for r in rows if test(r)) / len(rows)


def pagu_by_opd() -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for a in SUBS:
        total[opd_of(a["unit_id"])] += int(a["budget"])
    return total


def pppk(s: dict[str, str]) -> bool:
    return s["nip"][12:14] == "21"


def jpt(s: dict[str, str]) -> bool:
    """The head of a perangkat daerah other than a camat, as the retirements query reads it."""
    return (
        UNITS[s["unit_id"]]["kind"] == "perangkat_daerah"
        and not s["position"].startswith("Camat")
        and (
            not s["supervisor_nip"]
            or opd_of(next(b["unit_id"] for b in STAFF if b["nip"] == s["supervisor_nip"])) != s["unit_id"]
        )
    )


def age_left(s: dict[str, str]) -> int:
    """Years until the batas usia pensiun is reached (0: reached in YEAR, negative: past it)."""
    return int(s["nip"][:4]) + bup(s["position"], jpt(s)) - YEAR


def eselon_iv_under_bidang() -> float:
    """Seksi or subbidang units under a bidang outside the RSUD (the 2021 simplification removed them)."""
    return sum(
        1
        for u in UNITS.values()
        if u["name"].startswith(("Seksi", "Subbidang"))
        and UNITS[u["parent_id"]]["name"].startswith("Bidang")
        and opd_of(u["id"]) != "U-RSUD"
    )


def setda_asisten() -> float:
    asisten = [u for u in UNITS.values() if u["parent_id"] == "U-SETDA" and u["name"].startswith("Asisten")]
    return sum(
        1 for a in asisten if any(u["parent_id"] == a["id"] and u["name"].startswith("Bagian") for u in UNITS.values())
    )


def head_titles_match() -> float:
    """Heads of a badan or dinas whose title is not 'Kepala ' + the unit's name (0 expected)."""
    heads = [s for s in STAFF if UNITS[s["unit_id"]]["kind"] == "perangkat_daerah" and jpt(s)]
    return sum(
        1
        for s in heads
        if UNITS[s["unit_id"]]["name"].startswith(("Badan", "Dinas"))
        and s["position"] != f"Kepala {UNITS[s['unit_id']]['name']}"
        and not s["position"].startswith("Kepala Pelaksana")
    )


def kecamatan_above_dinsos() -> float:
    pagu = pagu_by_opd()
    return sum(1 for opd, total in pagu.items() if opd.startswith("U-KEC") and total >= pagu["U-DINSOS"])


def top_decile_share() -> float:
    budgets = sorted((int(a["budget"]) for a in SUBS), reverse=True)
    return sum(budgets[: len(budgets) // 10]) / sum(budgets)


def salary_per_asn(pick: Callable) -> float:
    headcount = Counter(opd_of(s["unit_id"]) for s in STAFF)
    pay: dict[str, int] = defaultdict(int)
    for a in SUBS:
        if "Gaji" in a["name"]:
            pay[opd_of(a["unit_id"])] += int(a["budget"])
    return pick(pay[opd] / headcount[opd] / 1e6 for opd in pay)


def statements(levels: set[str]) -> list[str]:
    return [g["statement"] for g in GOALS if g["level"] in levels]


def pagu_growth() -> float:
    """The current year's pagu over the year before's, on the sub-kegiatan both years carry."""
    both = [a for a in SUBS if a["code"] in PREVIOUS]
    return sum(int(a["budget"]) for a in both) / sum(int(PREVIOUS[a["code"]]["budget"]) for a in both)


def doubled_words() -> float:
    words = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
    return sum(1 for g in GOALS if words.search(g["statement"]))


MEASURES: dict[str, Callable[[], float]] = {
    "perangkat_daerah": lambda: sum(1 for u in UNITS.values() if u["kind"] == "perangkat_daerah"),
    "kecamatan": lambda: sum(1 for u in UNITS.values() if u["name"].startswith("Kecamatan")),
    "asn": lambda: len(STAFF),
    "guru_share": lambda: share(
        STAFF, lambda s: s["position"].startswith("Guru") or "Negeri" in UNITS[s["unit_id"]]["name"]
    ),
    "nakes_share": lambda: share(STAFF, lambda s: s["position"].split(" ")[0] in NAKES_WORDS),
    "puskesmas": lambda: sum(1 for u in UNITS.values() if u["name"].startswith("UPTD Puskesmas")),
    "pppk_share": lambda: share(STAFF, pppk),
    "pppk_share_guru": lambda: share([s for s in STAFF if s["position"].startswith("Guru")], pppk),
    "past_bup": lambda: sum(1 for s in STAFF if age_left(s) < 0),
    "retiring_share": lambda: share(STAFF, lambda s: age_left(s) == 0),
    "retiring_5y_share": lambda: share(STAFF, lambda s: 0 <= age_left(s) < 5),
    "mean_age_pns": lambda: (
        sum(YEAR - int(s["nip"][:4]) for s in STAFF if not pppk(s)) / sum(1 for s in STAFF if not pppk(s))
    ),
    "nip_sequence_001": lambda: share(STAFF, lambda s: s["nip"][15:] == "001"),
    "nip_sequence_upto_010": lambda: share(STAFF, lambda s: int(s["nip"][15:]) <= 10),
    "tmt_january_march": lambda: share([s for s in STAFF if not pppk(s)], lambda s: s["nip"][12:14] in ("01", "03")),
    "eselon_iv_under_bidang": eselon_iv_under_bidang,
    "setda_asisten_with_bagian": setda_asisten,
    "head_title_mismatch": head_titles_match,
    "education_share": lambda: pagu_by_opd()["U-DISDIK"] / sum(pagu_by_opd().values()),
    "health_share": lambda: (pagu_by_opd()["U-DINKES"] + pagu_by_opd()["U-RSUD"]) / sum(pagu_by_opd().values()),
    "apbd_trillion": lambda: sum(pagu_by_opd().values()) / 1e12,
    "pagu_top_decile_share": top_decile_share,
    "activity_years": lambda: len({a["year"] for a in ACTIVITIES}),
    "new_subkegiatan_share": lambda: share(SUBS, lambda a: a["code"] not in PREVIOUS),
    "pagu_growth": pagu_growth,
    "kecamatan_above_dinsos": kecamatan_above_dinsos,
    "salary_per_asn_min": lambda: salary_per_asn(min),
    "salary_per_asn_max": lambda: salary_per_asn(max),
    "terlaksananya_share": lambda: share(
        statements({"sasaran_kegiatan", "sasaran_subkegiatan"}), lambda t: t.startswith("Terlaksananya")
    ),
    "doubled_words": doubled_words,
    "rhk_distinct_share": lambda: len(set(statements({"rhk"}))) / len(statements({"rhk"})),
}


def doc_rows() -> list[tuple[str, float | None, float | None]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = ROW.match(line)
        if found:
            low, high = found["low"], found["high"]
            rows.append((found["name"], float(low) if low else None, float(high) if high else None))
    return rows


def test_the_doc_measures_every_measure_once():
    names = [name for name, _, _ in doc_rows()]
    assert sorted(names) == sorted(MEASURES), set(names) ^ set(MEASURES)


@pytest.mark.parametrize("name,low,high", doc_rows())
def test_the_sample_is_within_the_documented_band(name, low, high):
    value = MEASURES[name]()
    assert (low is None or value >= low) and (high is None or value <= high), (name, value, low, high)


def test_the_catalog_keeps_the_mandatory_spending():
    """The shares the generator starts from already meet the mandatory spending, before salaries move them."""
    total = sum(cat.APBD_SHARE.get(spec["key"], cat.APBD_SHARE["KEC"]) for spec in cat.OPDS)
    assert cat.APBD_SHARE["DISDIK"] / total >= 0.2
    assert (cat.APBD_SHARE["DINKES"] + cat.APBD_SHARE["RSUD"]) / total >= 0.1


def test_the_generator_reproduces_the_committed_sample(tmp_path, monkeypatch):
    """`python -m seed.build_sample` writes exactly the committed files: the sample is generated, never edited."""
    from seed import build_sample

    monkeypatch.setattr(build_sample, "OUT", tmp_path)
    build_sample.main()
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(path.name for path in SAMPLE.iterdir())
    changed = [name for name in written if (tmp_path / name).read_bytes() != (SAMPLE / name).read_bytes()]
    assert changed == []
