"""Synthetic pohon kinerja at three scales, streamed straight into import files (docs/import-format.md).

`pokin seed --synthetic kabupaten|provinsi|nasional|negara [--seed N] [--out DIR]`, or
`python -m seed.synthetic SCALE OUT [--seed N]`.

- kabupaten: one Pemda, ~40 OPD, ~1,000 sub-kegiatan, ~6,000 ASN (docs/domain.md "Scale"), written as one
  dataset: the six CSV files directly in OUT.
- provinsi: the province's own Pemda (its OPD and ASN) and 10 kabupaten/kota, ~60,000 ASN; one
  dataset (folder) per Pemda. Each kabupaten's Pemda sasaran contribute (links.csv, weighted) to a
  sasaran of the province, a reference into another dataset, so the province is imported first.
- nasional: a national RPJMN dataset (visi ... sasaran with indicators) and 18 provinces as above,
  ~1.08 million ASN; province sasaran contribute to national sasaran.
- negara: the whole nation, as nasional but with every Pemda: 38 provinces and 514 kabupaten/kota (416 and 98,
  Kemendagri's count), their staff per OPD scaled so that the nation holds ~4.3 million ASN (docs/scaling.md).

OUT/manifest.json lists the dataset folders in import order with, for each, the row counts, the
nodes and edges the importer must create and the planted defects (counts, and the ids for
kabupaten-sized datasets) so tests and benchmarks can check an import without re-deriving them.

Everything is written row by row as it is generated (csv writers on the six open files): the generator
holds one OPD's ids at a time plus a few counters, so memory stays flat however many ASN are asked for.
The same seed gives byte-identical files. NIPs are unique across a whole run: a global person counter
goes through a bijection onto (birth date, sex, sequence), so no set of NIPs is kept.

Defects are planted at the sample kabupaten's rates (seed/sample/README.md): unassigned staff (1.5 %),
staff whose only rhk leads nowhere (0.5 %), sub-kegiatan with pagu and no contribution (2.4 %) or into a
dead-end sasaran_subkegiatan (0.9 %), goals without indicator (2 %), output-type indicators on outcome
goals (3 % of OPD outcome goals), about one OPD tree in 35 not linked to the Pemda tree, and in every
Pemda one three-goal contribution cycle, one contribution pointing down the tree and one skipped level.
People at risk (docs/scaling.md, "People at risk in the synthetic data"): staff whose RHK intervene in another
seksi's result (2 %), a sasaran only one fungsional's work reaches in about one OPD in ten, and the
retirements the NIPs' birth dates give (listed in the manifest like the defects).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from seed import sample_catalog as cat
from seed import workforce
from seed.texts import result_of

SCALES = ("kabupaten", "provinsi", "nasional", "negara")
YEARS = (2025, 2026)
YEAR = 2026
COLUMNS: dict[str, list[str]] = {
    "units": ["id", "name", "kind", "parent_id"],
    "goals": ["id", "level", "statement", "unit_id", "contributes_to"],
    "indicators": [
        "id",
        "goal_id",
        "element_id",
        "name",
        "satuan",
        "polarity",
        "year",
        "baseline",
        "target",
        "realisasi",
    ],
    "activities": ["id", "kind", "code", "name", "unit_id", "parent_id", "year", "budget", "contributes_to"],
    "staff": ["nip", "name", "position", "unit_id", "supervisor_nip", "assigned_to"],
    "links": ["from_id", "type", "to_id", "weight"],
}
# rates measured on the sample kabupaten (seed/sample/expected.json)
P_UNASSIGNED = 0.015
P_DEAD_RHK = 0.005
P_UNLINKED_SUB = 0.024
P_DEAD_SUB = 0.009
P_NO_INDICATOR = 0.02
P_OUTPUT_INDICATOR = 0.03
P_UNLINKED_OPD = 1 / 35
P_INDICATOR_REF = 0.2  # a contribution names the parent's indicator instead of the goal
P_SSK = 0.35  # technical sub-kegiatan with their own sasaran_subkegiatan
# indicators on activities (the sample's rates): a program's outcome indicator, a kegiatan's or sub-kegiatan's
# output indicator (indikator keluaran)
P_ACTIVITY_INDICATOR = {"program": 0.9, "kegiatan": 0.85, "subkegiatan": 0.8}
P_PPPK = 0.35  # staff (pelaksana, fungsional) with an NI PPPK; in one real kabupaten 910 of 2,148
# people at risk (docs/scaling.md, "People at risk in the synthetic data"), from their own random stream
P_ELSEWHERE = 0.02  # staff whose RHK intervene in another seksi's result instead of their atasan's
P_SPECIALIST = 0.1  # OPD with a sasaran (and its IKU) only one fungsional's work reaches
BUP, BUP_JPT, BUP_MADYA, BUP_UTAMA = 58, 60, 60, 65  # the retirements query's default ages
STAFF_PER_OPD = 150
PROVINCE_KABUPATEN = 10
NATION_PROVINCES = 18
# the whole nation (scale negara): every province and kabupaten/kota, and the staff per OPD that brings the nation's
# ASN to ~4.3 million (the slice's 199 Pemda average 5,400 ASN; the nation's 552 need ~7,800)
WHOLE_PROVINCES = 38
WHOLE_KABUPATEN_KOTA = 514
WHOLE_KOTA_SHARE = 98 / 514
WHOLE_STAFF_SCALE = 1.45
DETAIL_LIMIT = 20_000  # planted ids are listed in the manifest for datasets up to this many ASN
INDICATOR_LEVELS = ("tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan")

_BIRTH_START = date(1968, 1, 1)  # born 1968 reach the batas usia pensiun of 58 in YEAR; nobody is past it
_BIRTH_DAYS = (date(2000, 12, 31) - _BIRTH_START).days + 1
_NIP_SPACE = _BIRTH_DAYS * 2 * 999
_NIP_STEP = 7_368_787  # prime, does not divide _NIP_SPACE: n -> (n * step + offset) mod space is a bijection

OPD_SPECS = cat.OPDS
TASKS = cat.RHK_TASKS


@dataclass
class Stats:
    """What one dataset holds: rows per file, nodes and edges the importer creates, planted defects."""

    rows: dict[str, int] = field(default_factory=lambda: {table: 0 for table in COLUMNS})
    nodes: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("Unit", "Goal", "Indicator", "IndicatorYear", "Activity", "ASN"), 0)
    )
    edges: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("CONTRIBUTES_TO", "ASSIGNED_TO", "MEASURED_BY", "PART_OF", "MEMBER_OF", "REPORTS_TO"), 0
        )
    )
    defects: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            (
                "unassigned_staff",
                "dead_end_staff",
                "activities_unlinked",
                "activities_dead_end",
                "goals_without_indicator",
                "unlinked_opd",
                "cycles",
                "downward",
                "skipped_levels",
                "output_indicators",
                "intervensi_breaks",
                "single_points_of_failure",
                f"retirements_{YEAR}",
            ),
            0,
        )
    )
    ids: dict[str, list[str]] = field(default_factory=dict)
    opd: int = 0
    subkegiatan: int = 0
    budget: int = 0
    activity_indicators: int = 0  # of nodes["Indicator"], those measuring an activity
    pppk: int = 0  # of nodes["ASN"], those with an NI PPPK

    def note(self, defect: str, key: str | None = None, detail: bool = True) -> None:
        self.defects[defect] += 1
        if key is not None and detail:
            self.ids.setdefault(defect, []).append(key)

    def as_json(self, detail: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rows": self.rows,
            "nodes": self.nodes,
            "edges": self.edges,
            "defects": self.defects,
            "opd": self.opd,
            "subkegiatan": self.subkegiatan,
            "budget": self.budget,
            "activity_indicators": self.activity_indicators,
            "pppk": self.pppk,
        }
        if detail:
            out["ids"] = self.ids
        return out


class Sink:
    """The six CSV files of one dataset, open for appending rows as they are generated."""

    def __init__(self, folder: Path, stats: Stats):
        folder.mkdir(parents=True, exist_ok=True)
        self.stats = stats
        self.files = {t: (folder / f"{t}.csv").open("w", encoding="utf-8", newline="") for t in COLUMNS}
        self.writers = {t: csv.writer(f, lineterminator="\n") for t, f in self.files.items()}
        for table, writer in self.writers.items():
            writer.writerow(COLUMNS[table])

    def row(self, table: str, *cells: Any) -> None:
        self.writers[table].writerow(["" if c is None else c for c in cells])
        self.stats.rows[table] += 1

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


class NipMint:
    """Unique, valid NIPs for a whole run without remembering them: a bijection on a person counter."""

    def __init__(self, seed: int):
        self.offset = (seed * 1_000_003) % _NIP_SPACE
        self.count = 0
        self.rng = random.Random(seed ^ 0x5EED)

    def next(self) -> str:
        code = (self.count * _NIP_STEP + self.offset) % _NIP_SPACE
        self.count += 1
        day, rest = divmod(code, 2 * 999)
        sex, seq = divmod(rest, 999)
        born = _BIRTH_START + timedelta(days=day)
        appointed = min(2025, born.year + self.rng.randint(19, 32))
        return f"{born:%Y%m%d}{appointed:04d}{workforce.tmt_month(self.rng):02d}{sex + 1}{seq + 1:03d}"

    @staticmethod
    def pppk(nip: str) -> str:
        """The NI PPPK of the person a NIP was minted for: `21` in place of the month, appointed 2019 or later
        (at 19 at the earliest); still unique, since birth date, sex and sequence are the person's."""
        year = 2019 + int(nip[15:]) % 7
        return f"{nip[:8]}{year:04d}21{nip[14:]}"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


@dataclass
class _Opd:
    """One OPD while it is generated: what its programs, heads and staff build on."""

    key: str
    prefix: str
    spec: dict[str, Any]
    sasaran: list[str]
    head: str
    structure: bool
    heads: dict[str, str] = field(default_factory=dict)  # unit -> its head's NIP (sekretariat, bidang)
    leaves: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # (unit, "", targets, subs)
    specialist: list[str] = field(default_factory=list)  # a sasaran and its IKU only one fungsional's work reaches


class PemdaWriter:
    """Generates one Pemda (a kabupaten/kota or a province) into one dataset folder."""

    def __init__(
        self,
        rng: random.Random,
        mint: NipMint,
        code: str,
        name: str,
        folder: Path,
        size: float = 1.0,
        upward: list[str] | None = None,
    ):
        self.rng, self.mint, self.code, self.name = rng, mint, code, name
        self.size = size
        self.upward = upward or []  # goals of the Pemda above (another dataset)
        self.stats = Stats()
        self.sink = Sink(folder, self.stats)
        self.detail = True
        self.pemda = f"U-{code}"
        self.pemda_sasaran: list[str] = []
        self.indicator_of: dict[str, str] = {}  # goal -> its first indicator (current OPD + Pemda goals)
        self.dead: set[str] = set()  # goals/activities of the current OPD without leverage
        self.previous_sasaran: list[str] = []  # a few sasaran of earlier OPDs, for crosscutting links
        self.sekda: str | None = None
        self.acts = 0
        # activity indicators and PPPK draw from their own stream: the rest of the data stays as it was
        self.extra = random.Random(f"{code}-activity-indicators-pppk")
        self.people = random.Random(f"{code}-people-at-risk")  # so do the people at risk

    # -- primitives -----------------------------------------------------------------------------------
    def ref(self, goal: str) -> str:
        if goal in self.dead:  # keeps the leverage bookkeeping exact: no indicator stands for a dead goal
            return goal
        indicator = self.indicator_of.get(goal)
        return indicator if indicator and self.rng.random() < P_INDICATOR_REF else goal

    def goal(
        self,
        gid: str,
        level: str,
        statement: str,
        unit: str | None,
        parents: list[str],
        indicators: int = 0,
        output_indicator: bool = False,
        no_indicator_ok: bool = True,
    ) -> str:
        rng = self.rng
        self.sink.row("goals", gid, level, statement, unit, ";".join(parents))
        self.stats.nodes["Goal"] += 1
        self.stats.edges["CONTRIBUTES_TO"] += len(parents)
        if unit:
            self.stats.edges["ASSIGNED_TO"] += 1
        if level in INDICATOR_LEVELS and indicators and no_indicator_ok and rng.random() < P_NO_INDICATOR:
            indicators = 0
        for k in range(1, indicators + 1):
            output = output_indicator and k == indicators
            self.indicator(f"I-{gid[2:]}-{k}", gid, statement, output)
        if level in INDICATOR_LEVELS and not indicators and level != "sasaran_subkegiatan":
            # a sasaran_subkegiatan is measured by its sub-kegiatan's indikator keluaran, and every one here has
            # a sub-kegiatan (cypher/goals_without_indicator.cypher)
            self.stats.note("goals_without_indicator", gid, self.detail)
        return gid

    def indicator(self, iid: str, gid: str, statement: str, output: bool) -> None:
        rng = self.rng
        if output:
            name, satuan, polarity = "Jumlah kegiatan sosialisasi yang terlaksana", "kegiatan", "positif"
            base, step = float(rng.randint(5, 20)), 2.0
            self.stats.note("output_indicators", iid, self.detail)
        elif rng.random() < 0.25:
            name, satuan, polarity = f"Prevalensi masalah pada {statement[:60].lower()}", "%", "negatif"
            base, step = round(rng.uniform(5, 30), 1), -round(rng.uniform(0.2, 1.5), 1)
        else:
            name, satuan, polarity = f"Persentase capaian {statement[:60].lower()}", "%", "positif"
            base, step = float(rng.randint(55, 85)), float(rng.randint(1, 4))
        self.indicator_of.setdefault(gid, iid)
        self.stats.nodes["Indicator"] += 1
        self.stats.edges["MEASURED_BY"] += 1
        for y, year in enumerate(YEARS, 1):
            target = max(0.0, round(base + y * step, 2))
            if satuan == "%":
                target = min(target, 100.0)
            real: float | None = round(target * rng.uniform(0.8, 1.1), 2)
            if (year == YEAR and rng.random() < 0.8) or rng.random() < 0.05:
                real = None
            self.sink.row(
                "indicators",
                iid,
                gid,
                None,
                name,
                satuan,
                polarity,
                year,
                _fmt(base),
                _fmt(target),
                None if real is None else _fmt(real),
            )
            self.stats.nodes["IndicatorYear"] += 1

    def activity_indicator(self, aid: str, kind: str, name: str) -> None:
        """An activity's indicator, named in element_id: a program's outcome (%), a kegiatan's or sub-kegiatan's
        output (a count of what it produces)."""
        rng = self.extra
        iid = f"I-A-{aid}-1"
        if kind == "program":
            title, satuan, base, step = f"Persentase capaian {name[:60].lower()}", "%", float(rng.randint(55, 85)), 2.0
        else:
            title, satuan = f"Jumlah dokumen hasil {name[:60].lower()}", "dokumen"
            base, step = float(rng.randint(1, 12)), 1.0
        self.stats.nodes["Indicator"] += 1
        self.stats.edges["MEASURED_BY"] += 1
        self.stats.activity_indicators += 1
        for y, year in enumerate(YEARS, 1):
            target = min(base + y * step, 100.0) if satuan == "%" else base + y * step
            real = None if year == YEAR and rng.random() < 0.8 else round(target * rng.uniform(0.8, 1.05), 2)
            self.sink.row(
                "indicators",
                iid,
                None,
                aid,
                title,
                satuan,
                "positif",
                year,
                _fmt(base),
                _fmt(target),
                None if real is None else _fmt(real),
            )
            self.stats.nodes["IndicatorYear"] += 1

    def unit(self, uid: str, name: str, kind: str, parent: str | None) -> str:
        self.sink.row("units", uid, name, kind, parent)
        self.stats.nodes["Unit"] += 1
        if parent:
            self.stats.edges["PART_OF"] += 1
        return uid

    def activity(
        self,
        aid: str,
        kind: str,
        code: str,
        name: str,
        unit: str,
        parent: str | None,
        parents: list[str],
        budget: int | None = None,
    ) -> str:
        self.sink.row("activities", aid, kind, code, name, unit, parent, YEAR, budget, ";".join(parents))
        self.stats.nodes["Activity"] += 1
        self.stats.edges["ASSIGNED_TO"] += 1
        self.stats.edges["CONTRIBUTES_TO"] += len(parents)
        if parent:
            self.stats.edges["PART_OF"] += 1
        if kind == "subkegiatan":
            self.stats.subkegiatan += 1
            self.stats.budget += budget or 0
        if self.extra.random() < P_ACTIVITY_INDICATOR[kind]:
            self.activity_indicator(aid, kind, name)
        if not parents:
            self.dead.add(aid)
            self.stats.note("activities_unlinked", aid, self.detail)
        elif all(p in self.dead for p in parents):
            self.dead.add(aid)
            self.stats.note("activities_dead_end", aid, self.detail)
        return aid

    def person(
        self, position: str, unit: str, boss: str | None, assigned: list[str], staff: bool = False, jpt: bool = False
    ) -> str:
        rng = self.rng
        nip = self.mint.next()
        if staff and self.extra.random() < P_PPPK:
            nip = self.mint.pppk(nip)
            self.stats.pppk += 1
        female = nip[14] == "2"
        first = rng.choice(cat.FEMALE_FIRST if female else cat.MALE_FIRST)
        last = rng.choice(cat.FEMALE_LAST if female else cat.MALE_LAST)
        self.sink.row("staff", nip, f"{first} {last}", position, unit, boss, ";".join(assigned))
        self.stats.nodes["ASN"] += 1
        self.stats.edges["MEMBER_OF"] += 1
        self.stats.edges["ASSIGNED_TO"] += len(assigned)
        if boss:
            self.stats.edges["REPORTS_TO"] += 1
        if not assigned:
            self.stats.note("unassigned_staff", nip, self.detail)
        elif all(a in self.dead for a in assigned):
            self.stats.note("dead_end_staff", nip, self.detail)
        if int(nip[:4]) + _bup(position, jpt) == YEAR:
            self.stats.note(f"retirements_{YEAR}", nip, self.detail)
        return nip

    def link(self, source: str, rel: str, target: str, weight: float = 1.0) -> None:
        self.sink.row("links", source, rel, target, _fmt(weight))
        self.stats.edges[rel] += 1

    # -- the Pemda ------------------------------------------------------------------------------------
    def write(self, opd_count: int | None = None) -> Stats:
        rng, code = self.rng, self.code
        opd_count = opd_count or rng.randint(36, 44)
        self.detail = STAFF_PER_OPD * self.size * opd_count <= DETAIL_LIMIT
        self.unit(self.pemda, f"Pemerintah {self.name}", "pemda", None)
        visi = self.goal(f"G-{code}-VISI", "visi", f"Terwujudnya {self.name} yang maju dan sejahtera", self.pemda, [])
        misi = [
            self.goal(f"G-{code}-M{i}", "misi", f"Misi {i} pembangunan {self.name}", self.pemda, [visi])
            for i in range(1, rng.randint(4, 5) + 1)
        ]
        tujuan = [
            self.goal(
                f"G-{code}-T{i}",
                "tujuan",
                f"Meningkatnya kesejahteraan bidang {i} {self.name}",
                self.pemda,
                [rng.choice(misi)],
                indicators=rng.randint(1, 2),
                no_indicator_ok=False,
            )
            for i in range(1, 7)
        ]
        for i in range(1, 15):
            sid = self.goal(
                f"G-{code}-S{i}",
                "sasaran",
                f"Meningkatnya kinerja urusan {i} {self.name}",
                self.pemda,
                [self.ref(rng.choice(tujuan))],
                indicators=rng.randint(1, 2),
                no_indicator_ok=False,
            )
            self.pemda_sasaran.append(sid)
            if self.upward and rng.random() < 0.5:
                self.link(sid, "CONTRIBUTES_TO", rng.choice(self.upward), round(rng.uniform(0.2, 0.8), 1))
        self.stats.opd = opd_count
        cycle_opd = rng.randrange(1, opd_count)  # OPD 0 is the Sekretariat Daerah
        structure_opd = rng.choice([n for n in range(1, opd_count) if n != cycle_opd])
        for number in range(opd_count):
            self.opd(
                number, OPD_SPECS[number % len(OPD_SPECS)], cycle=number == cycle_opd, structure=number == structure_opd
            )
        self.sink.close()
        return self.stats

    def opd(self, number: int, spec: dict[str, Any], cycle: bool, structure: bool) -> None:
        """One perangkat daerah: its units, outcome goals, Program Penunjang and technical programs, then its heads
        and staff. The random draws keep their order (the data a seed generates depends on it)."""
        rng, code = self.rng, self.code
        self.dead.clear()
        self.indicator_of = {
            g: i for g, i in self.indicator_of.items() if g.startswith(f"G-{code}-S") or g.startswith(f"G-{code}-T")
        }
        key = f"O{number + 1:02d}"
        opd = self.unit(
            f"U-{code}-{key}",
            f"{spec['name']} ({number + 1})" if number >= len(OPD_SPECS) else spec["name"],
            "perangkat_daerah",
            self.pemda,
        )
        prefix = f"G-{code}-{key}"
        sek, subbag, bidang = self._opd_units(opd)
        unlinked = number > 0 and not cycle and not structure and rng.random() < P_UNLINKED_OPD
        tujuan, sasaran = self._outcome_goals(opd, prefix, spec, unlinked=unlinked, structure=structure)
        specialist = self._specialist_sasaran(prefix, opd, tujuan)
        head = self.person(
            spec["head"],
            opd,
            self.sekda,
            list(sasaran) + specialist[:1],
            jpt=not spec["head"].lower().startswith("camat"),
        )
        if number == 0:
            self.sekda = head
        self._crosscutting(sasaran)
        staff_left = max(len(bidang) * 4, round(STAFF_PER_OPD * self.size * rng.uniform(0.6, 1.4)))
        built = _Opd(key, prefix, spec, sasaran, head, structure, specialist=specialist)
        self._penunjang_program(built, sek, subbag)
        # technical programs, one per bidang
        for b, (bid, seksi, uptd) in enumerate(bidang):
            self._technical_program(built, b, bid, seksi, uptd, cycle=cycle and b == 0)
        leaf_heads = self._leaf_heads(built)
        self._staff(built, leaf_heads, staff_left - (1 + len(built.heads) + len(leaf_heads)))

    def _outcome_goals(
        self, opd: str, prefix: str, spec: dict[str, Any], *, unlinked: bool, structure: bool
    ) -> tuple[list[str], list[str]]:
        """The OPD's tujuan (tied to a Pemda sasaran unless the OPD is the unlinked one) and its sasaran under
        them; the OPD chosen for structure defects gets two sasaran, the downward edge needs a second one."""
        rng, name = self.rng, spec["name"].lower()
        if unlinked:
            self.stats.note("unlinked_opd", opd, self.detail)
        tujuan = [
            self.goal(
                f"{prefix}-T{i}",
                "tujuan",
                f"Meningkatnya kualitas layanan {name} {i}",
                opd,
                [] if unlinked else [self.ref(rng.choice(self.pemda_sasaran))],
                indicators=rng.randint(1, 2),
                output_indicator=rng.random() < P_OUTPUT_INDICATOR,
            )
            for i in range(1, (2 if rng.random() < 0.3 else 1) + 1)
        ]
        sasaran = [
            self.goal(
                f"{prefix}-S{i}",
                "sasaran",
                f"Meningkatnya capaian {name} sasaran {i}",
                opd,
                [self.ref(rng.choice(tujuan))],
                indicators=rng.randint(1, 2),
                output_indicator=rng.random() < P_OUTPUT_INDICATOR,
            )
            for i in range(1, max(rng.randint(1, 3), 2 if structure else 1) + 1)
        ]
        return tujuan, sasaran

    def _crosscutting(self, sasaran: list[str]) -> None:
        """Most OPDs have a sasaran supporting a sasaran of an earlier OPD (a crosscutting edge); only the last
        30 sasaran are candidates, so the edges stay between OPDs near each other in the list."""
        rng = self.rng
        if self.previous_sasaran and rng.random() < 0.8:
            self.link(sasaran[0], "CONTRIBUTES_TO", rng.choice(self.previous_sasaran), round(rng.uniform(0.2, 0.6), 1))
        self.previous_sasaran = (self.previous_sasaran + sasaran)[-30:]

    def _penunjang_program(self, built: _Opd, sek: str, subbag: list[str]) -> None:
        """The Program Penunjang every OPD has, run by its sekretariat: the sasaran_program under the OPD's last
        sasaran, the Sekretaris, and three of the catalogue's kegiatan shared between the two subbagian."""
        spec, prefix, key = built.spec, built.prefix, built.key
        pcode = f"{spec['prefix']}.01"
        sp = self.goal(
            f"{prefix}-SP01",
            "sasaran_program",
            f"Meningkatnya akuntabilitas {spec['name'].lower()}",
            sek,
            [self.ref(built.sasaran[-1])],
            indicators=1,
        )
        built.heads[sek] = self.person(f"Sekretaris {spec['name']}", sek, built.head, [sp])
        program = self.activity(f"P-{self.code}-{key}-{pcode}", "program", pcode, cat.PENUNJANG_NAME, sek, None, [sp])
        for j, (kc, kname, _subbag, subs, _ind) in enumerate(cat.PENUNJANG_KEGIATAN[:3]):
            unit = subbag[j % 2]
            targets, acts = self._kegiatan(prefix, key, pcode, kc, kname, unit, program, sp, subs[:2], technical=False)
            built.leaves.append((unit, "", targets, acts))

    def _opd_units(self, opd: str) -> tuple[str, list[str], list[tuple[str, list[str], list[str]]]]:
        """The OPD's units: a sekretariat with two subbagian, bidang with seksi, some UPTD; returns (sekretariat,
        subbagian, [(bidang, seksi, uptd)])."""
        rng = self.rng
        sek = self.unit(f"{opd}-SEK", "Sekretariat", "unit_kerja", opd)
        subbag = [
            self.unit(f"{sek}-{j}", name, "unit_kerja", sek) for j, name in enumerate((cat.SUBBAG_UK, cat.SUBBAG_PK), 1)
        ]
        bidang: list[tuple[str, list[str], list[str]]] = []
        for b in range(1, rng.randint(3, 5) + 1):
            bid = self.unit(f"{opd}-B{b}", f"Bidang {b}", "unit_kerja", opd)
            seksi = [
                self.unit(f"{bid}-{s}", f"Seksi {b}.{s}", "unit_kerja", bid) for s in range(1, rng.randint(2, 4) + 1)
            ]
            uptd = [
                self.unit(f"{bid}-U{u}", f"UPTD {b}.{u}", "unit_kerja", bid)
                for u in range(1, (rng.randint(0, 3) if rng.random() < 0.5 else 0) + 1)
            ]
            bidang.append((bid, seksi, uptd))
        return sek, subbag, bidang

    def _technical_program(self, built: _Opd, b: int, bid: str, seksi: list[str], uptd: list[str], cycle: bool) -> None:
        """Bidang `b`'s program: its sasaran_program and head, a kegiatan per seksi (a cycle among them in the
        OPD chosen for it; a skipped level and a downward contribution in the one chosen for structure)."""
        rng, code, spec, prefix, sasaran = self.rng, self.code, built.spec, built.prefix, built.sasaran
        structure = built.structure
        program_spec = spec["programs"][b % len(spec["programs"])]
        code_p = f"{spec['prefix']}.{b + 2:02d}"
        # in the OPD with the downward contribution, bidang 0 supports sasaran 1 and the downward edge
        # comes from the last sasaran, so it points down the tree without closing a cycle
        parents = [self.ref(sasaran[0] if structure and b == 0 else rng.choice(sasaran))]
        sp = self.goal(
            f"{prefix}-SP{b + 2:02d}",
            "sasaran_program",
            program_spec.get("statement") or f"Meningkatnya kinerja program bidang {b + 1}",
            bid,
            parents,
            indicators=rng.randint(1, 2),
        )
        built.heads[bid] = self.person(f"Kepala Bidang {b + 1}", bid, built.head, [sp])
        program = self.activity(
            f"P-{code}-{built.key}-{code_p}",
            "program",
            code_p,
            program_spec.get("name") or f"Program teknis bidang {b + 1}",
            bid,
            None,
            [sp],
        )
        cycle_goals = self._technical_kegiatan(built, b, code_p, program, sp, seksi, program_spec, cycle)
        for u in uptd:
            built.leaves.append((u, "", next(t for (lu, _, t, _) in built.leaves if lu in seksi), []))
        if structure and b == 0:
            # a contribution pointing down the tree: the OPD sasaran to a sasaran_program
            self.link(sasaran[-1], "CONTRIBUTES_TO", sp, 0.5)
            self.stats.note("downward", sasaran[-1], self.detail)
        if cycle_goals:
            self.stats.note("cycles", cycle_goals[0], self.detail)

    def _technical_kegiatan(
        self,
        built: _Opd,
        b: int,
        code_p: str,
        program: str,
        sp: str,
        seksi: list[str],
        program_spec: dict[str, Any],
        cycle: bool,
    ) -> list[str]:
        """The kegiatan of bidang `b`'s program, one per seksi (at least two); in the OPD chosen for a cycle, three
        whose sasaran_kegiatan support each other in a ring; in the one chosen for structure, the first skips
        the sasaran_program. Returns the ring's goals ([] without a cycle)."""
        rng, prefix = self.rng, built.prefix
        kegiatan_specs = program_spec["kegiatan"] or [{"code": "2.01", "name": "Kegiatan teknis", "subs": []}]
        n_keg = 3 if cycle else max(len(seksi), 2)
        cycle_goals = [f"{prefix}-SK{b + 2:02d}{k + 1}" for k in range(n_keg)] if cycle else []
        for k in range(n_keg):
            kspec = kegiatan_specs[k % len(kegiatan_specs)]
            subs = kspec["subs"] or [f"{n:04d}:Sub-kegiatan teknis {n}" for n in range(1, 4)]
            subs = subs[: rng.randint(1, 2)] if len(subs) > 1 else subs
            unit = seksi[k % len(seksi)]
            sk_parents = None
            if cycle_goals:
                sk_parents = [cycle_goals[(k + 1) % n_keg]]
            elif built.structure and b == 0 and k == 0:
                sk_parents = [built.sasaran[0]]  # skipped level: straight to the sasaran
                self.stats.note("skipped_levels", f"{prefix}-SK{b + 2:02d}{k + 1}", self.detail)
            targets, acts = self._kegiatan(
                prefix,
                built.key,
                code_p,
                f"2.{k + 1:02d}",
                kspec["name"],
                unit,
                program,
                sp,
                subs,
                technical=True,
                sk_id=f"{prefix}-SK{b + 2:02d}{k + 1}",
                sk_parents=sk_parents,
                cycle=bool(cycle_goals),
            )
            built.leaves.append((unit, "", targets, acts))
        return cycle_goals

    def _leaf_heads(self, built: _Opd) -> dict[str, str]:
        """The head of each leaf unit (seksi, subbagian, UPTD), reporting to the head of the unit above."""
        leaf_heads = {}
        for unit, _, _targets, _ in built.leaves:
            if unit in leaf_heads:
                continue
            parent = unit.rsplit("-", 1)[0]
            boss = built.heads.get(parent, built.head)
            sk_targets = self._held(built, unit)  # a head running several kegiatan holds each one's result
            suffix = unit.rsplit("-", 1)[1]
            title = (
                "Kepala UPTD" if suffix.startswith("U") else "Kepala Subbagian" if "-SEK-" in unit else "Kepala Seksi"
            )
            leaf_heads[unit] = self.person(f"{title} {suffix}", unit, boss, sk_targets)
        return leaf_heads

    def _specialist_sasaran(self, prefix: str, opd: str, tujuan: list[str]) -> list[str]:
        """In about one OPD in ten (P_SPECIALIST) a sasaran with one IKU that no program supports: only one
        fungsional's RHK reach it (_staff), a single point of failure. [] elsewhere. Drawn from the people
        stream (the OPD's other rows stay as they were)."""
        if self.people.random() >= P_SPECIALIST:
            return []
        sid = f"{prefix}-SX"
        self.rng, kept = self.people, self.rng
        try:
            self.goal(
                sid,
                "sasaran",
                "Meningkatnya mutu layanan yang ditangani tenaga ahli",
                opd,
                [self.ref(self.people.choice(tujuan))],
                indicators=1,
                no_indicator_ok=False,
            )
        finally:
            self.rng = kept
        return [sid, f"I-{sid[2:]}-1"]

    def _staff(self, built: _Opd, leaf_heads: dict[str, str], count: int) -> None:
        """`count` staff spread over the leaf units, each with one or two RHK (some unassigned, some dead-end; some
        intervening in another seksi's result, P_ELSEWHERE; one the only support of the specialist sasaran)."""
        rng, prefix = self.rng, built.prefix
        seq = 0
        held = {nip: set(self._held(built, unit)) for unit, nip in leaf_heads.items()}
        specialist_at = self.people.randrange(max(count, 1)) if built.specialist else -1
        for number in range(max(count, 0)):
            unit, _, targets, acts = rng.choice(built.leaves)
            boss = leaf_heads[unit]
            roll = rng.random()
            if roll < P_UNASSIGNED:
                self.person("Pelaksana", unit, boss, [], staff=True)
                specialist_at += specialist_at == number  # the next one who has RHK
                continue
            assigned = []
            elsewhere = self._elsewhere(built, held[boss]) if roll >= P_UNASSIGNED + P_DEAD_RHK else None
            for _ in range(1 if rng.random() < 0.7 else 2):
                seq += 1
                rhk = f"{prefix}-R{seq:04d}"
                parents = [] if roll < P_UNASSIGNED + P_DEAD_RHK else [self.ref(rng.choice(targets))]
                if elsewhere:
                    parents = [elsewhere]
                self.goal(rhk, "rhk", f"{rng.choice(TASKS)} {unit}", unit, parents)
                if not parents or all(p in self.dead for p in parents):
                    self.dead.add(rhk)
                assigned.append(rhk)
                if roll < P_UNASSIGNED + P_DEAD_RHK:
                    break
            if acts and rng.random() < 0.3 and roll >= P_UNASSIGNED + P_DEAD_RHK:
                assigned.append(rng.choice(acts))
            if number == specialist_at:  # an RHK beside their others: the only work reaching the sasaran
                rhk = f"{prefix}-RX"
                self.goal(rhk, "rhk", f"Layanan ahli {unit}", unit, [built.specialist[0]])
                assigned.append(rhk)
            nip = self.person(rng.choice(cat.GENERIC_FUNG), unit, boss, assigned, staff=True)
            if elsewhere:
                self.stats.note("intervensi_breaks", nip, self.detail)
            if number == specialist_at:
                for target in built.specialist:
                    self.stats.note("single_points_of_failure", f"{nip} {target}", self.detail)

    @staticmethod
    def _held(built: _Opd, unit: str) -> list[str]:
        """The sasaran_kegiatan the head of a leaf unit holds (_leaf_heads)."""
        mine = [t for (u, _, ts, _) in built.leaves if u == unit for t in ts]
        return list(dict.fromkeys(t for t in mine if "-SK" in t and "-SSK" not in t)) or mine

    def _elsewhere(self, built: _Opd, held: set[str]) -> str | None:
        """With P_ELSEWHERE, a sasaran_kegiatan of another seksi of the OPD (not the atasan's, not dead) for
        every RHK of one staff member: their intervensi is broken (`leads_elsewhere`). None otherwise."""
        if self.people.random() >= P_ELSEWHERE:
            return None
        others = sorted(
            {
                t
                for (_, _, ts, _) in built.leaves
                for t in ts
                if "-SK" in t and "-SSK" not in t and t not in held and t not in self.dead
            }
        )
        return self.people.choice(others) if others else None

    def _kegiatan(
        self,
        prefix: str,
        key: str,
        pcode: str,
        kc: str,
        kname: str,
        unit: str,
        program: str,
        sp: str,
        subs: list[str],
        technical: bool,
        sk_id: str | None = None,
        sk_parents: list[str] | None = None,
        cycle: bool = False,
    ) -> tuple[list[str], list[str]]:
        """A kegiatan, its sasaran_kegiatan and sub-kegiatan; returns (rhk targets, sub-kegiatan ids)."""
        rng, code = self.rng, f"{pcode}.{kc}"
        sk = sk_id or f"{prefix}-SK{pcode[-2:]}{kc[-1]}"
        self.goal(
            sk,
            "sasaran_kegiatan",
            result_of(kname),
            unit,
            sk_parents if sk_parents is not None else [self.ref(sp)],
            indicators=1,
        )
        if cycle:
            self.dead.add(sk)
            for iid in [i for g, i in self.indicator_of.items() if g == sk]:
                self.dead.add(iid)
        kid = self.activity(f"K-{self.code}-{key}-{code}", "kegiatan", code, kname, unit, program, [sk])
        targets, acts = [sk], []
        for s in subs:
            sc, sname = s.split(":", 1)
            scode = f"{code}.{sc}"
            aid = f"SK-{self.code}-{key}-{scode}"
            budget = int(round(10 ** rng.uniform(7.9, 9.5), -3))
            parents = self._sub_kegiatan_parents(prefix, scode, sname, unit, sk, technical, targets)
            acts.append(self.activity(aid, "subkegiatan", scode, sname, unit, kid, parents, budget))
        return targets, acts

    def _sub_kegiatan_parents(
        self, prefix: str, scode: str, sname: str, unit: str, sk: str, technical: bool, targets: list[str]
    ) -> list[str]:
        """What a sub-kegiatan supports: nothing (P_UNLINKED_SUB), a dead-end goal of its own (P_DEAD_SUB), in a
        technical program sometimes its own sasaran_subkegiatan (P_SSK), else the kegiatan's goal. A goal made
        here is added to `targets`, as staff may hold it."""
        roll = self.rng.random()
        if roll < P_UNLINKED_SUB:
            return []
        if roll < P_UNLINKED_SUB + P_DEAD_SUB:
            dead_goal = self.goal(f"{prefix}-SSKX-{scode}", "sasaran_subkegiatan", result_of(sname), unit, [])
            self.dead.add(dead_goal)
            targets.append(dead_goal)  # staff may work on it: their rhk then leads nowhere
            return [dead_goal]
        if technical and self.rng.random() < P_SSK:
            ssk = self.goal(
                f"{prefix}-SSK-{scode}",
                "sasaran_subkegiatan",
                result_of(sname),
                unit,
                [sk],
                indicators=1,
            )
            if sk in self.dead:
                self.dead.add(ssk)
            targets.append(ssk)
            return [ssk]
        return [sk if sk in self.dead else self.ref(sk)]


def generate(scale: str, out: Path, seed: int = 1) -> dict[str, Any]:
    """Write `scale` into `out` and return the manifest (also written to out/manifest.json)."""
    if scale not in (*SCALES, "tiny"):
        raise ValueError(f"scale must be one of {', '.join(SCALES)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    mint = NipMint(seed)
    datasets: list[dict[str, Any]] = []

    def emit(
        folder: str, code: str, name: str, size: float, upward: list[str] | None, opd_count: int | None = None
    ) -> PemdaWriter:
        writer = PemdaWriter(random.Random(rng.getrandbits(64)), mint, code, name, out / folder, size, upward)
        stats = writer.write(opd_count)
        datasets.append({"folder": folder, "dataset": writer.pemda, "name": name, **stats.as_json(writer.detail)})
        return writer

    if scale == "kabupaten":
        writer = PemdaWriter(random.Random(rng.getrandbits(64)), mint, "K3201", "Kabupaten Sintesis", out)
        stats = writer.write(40)
        datasets.append({"folder": ".", "dataset": writer.pemda, "name": writer.name, **stats.as_json(True)})
    elif scale == "tiny":  # a few OPD, for smoke tests of the tools that use this generator
        writer = PemdaWriter(random.Random(rng.getrandbits(64)), mint, "K9901", "Kabupaten Mini", out, size=0.2)
        stats = writer.write(4)
        datasets.append({"folder": ".", "dataset": writer.pemda, "name": writer.name, **stats.as_json(True)})
    elif scale == "provinsi":
        _province(emit, rng, 32, None)
    elif scale == "nasional":
        nation = _nation(out, rng, datasets)
        for p in range(NATION_PROVINCES):
            _province(emit, rng, 11 + p, nation, prefix=f"P{11 + p:02d}/")
    else:
        nation = _nation(out, rng, datasets)
        for p, count in enumerate(whole_nation_kabupaten()):
            _province(emit, rng, 11 + p, nation, f"P{11 + p:02d}/", count, WHOLE_STAFF_SCALE)
    manifest = {"scale": scale, "seed": seed, "datasets": datasets, "totals": _totals(datasets)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def whole_nation_kabupaten() -> list[int]:
    """How many kabupaten/kota each of the nation's provinces holds: WHOLE_KABUPATEN_KOTA spread as evenly as it
    goes (the real spread, from 6 in Papua Barat Daya to 38 in Jawa Timur, changes no figure the bench reports)."""
    base, extra = divmod(WHOLE_KABUPATEN_KOTA, WHOLE_PROVINCES)
    return [base + (1 if p < extra else 0) for p in range(WHOLE_PROVINCES)]


def _province(
    emit,
    rng: random.Random,
    number: int,
    upward: list[str] | None,
    prefix: str = "",
    kabupaten: int | None = None,
    staff_scale: float = 1.0,
) -> None:
    """A province's Pemda and its kabupaten/kota: PROVINCE_KABUPATEN (the last two kota) unless `kabupaten` says
    how many (the last fifth or so kota, as in the nation)."""
    province = emit(
        f"{prefix}P{number:02d}",
        f"P{number:02d}",
        f"Provinsi Sintesis {number}",
        staff_scale,
        upward,
        rng.randint(36, 44),
    )
    count = PROVINCE_KABUPATEN if kabupaten is None else kabupaten
    kabupaten_only = 8 if kabupaten is None else count - round(count * WHOLE_KOTA_SHARE)
    for k in range(1, count + 1):
        kind = "Kota" if k > kabupaten_only else "Kabupaten"
        emit(
            f"{prefix}K{number:02d}{k:02d}",
            f"K{number:02d}{k:02d}",
            f"{kind} Sintesis {number}.{k}",
            rng.uniform(0.55, 1.25) * staff_scale,
            province.pemda_sasaran,
        )


def _nation(out: Path, rng: random.Random, datasets: list[dict[str, Any]]) -> list[str]:
    """The national RPJMN dataset: one unit and visi ... sasaran with indicators, no staff."""
    writer = PemdaWriter(random.Random(rng.getrandbits(64)), NipMint(0), "NAS", "Indonesia", out / "NAS")
    w = writer
    w.unit(w.pemda, "Pemerintah Pusat (RPJMN)", "pemda", None)
    visi = w.goal("G-NAS-VISI", "visi", "Indonesia Emas 2045", w.pemda, [])
    misi = [w.goal(f"G-NAS-M{i}", "misi", f"Asta Cita {i}", w.pemda, [visi]) for i in range(1, 9)]
    tujuan = [
        w.goal(
            f"G-NAS-T{i}",
            "tujuan",
            f"Tujuan nasional {i}",
            w.pemda,
            [misi[(i - 1) % 8]],
            indicators=2,
            no_indicator_ok=False,
        )
        for i in range(1, 17)
    ]
    for i in range(1, 41):
        w.pemda_sasaran.append(
            w.goal(
                f"G-NAS-S{i}",
                "sasaran",
                f"Sasaran nasional {i}",
                w.pemda,
                [tujuan[(i - 1) % 16]],
                indicators=2,
                no_indicator_ok=False,
            )
        )
    w.sink.close()
    datasets.append({"folder": "NAS", "dataset": w.pemda, "name": "Indonesia", **w.stats.as_json(True)})
    return w.pemda_sasaran


def _totals(datasets: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {"datasets": len(datasets)}
    for part in ("rows", "nodes", "edges", "defects"):
        merged: dict[str, int] = {}
        for d in datasets:
            for k, v in d[part].items():
                merged[k] = merged.get(k, 0) + v
        totals[part] = merged
    for k in ("opd", "subkegiatan", "budget", "activity_indicators", "pppk"):
        totals[k] = sum(d[k] for d in datasets)
    totals["activities"] = totals["nodes"]["Activity"]
    return totals


def dataset_folders(out: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The dataset folders of a generated tree, in import order, with their manifest entries."""
    manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        yield (Path(out) / entry["folder"]).resolve(), entry


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", choices=SCALES)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = generate(args.scale, args.out, args.seed)
    print(json.dumps(manifest["totals"], indent=1))


def _bup(position: str, jpt: bool) -> int:
    """The batas usia pensiun the retirements query gives this position (cypher/retirements.cypher)."""
    text = position.lower()
    if "ahli utama" in text:
        return BUP_UTAMA
    if jpt:
        return BUP_JPT
    return BUP_MADYA if "ahli madya" in text else BUP


if __name__ == "__main__":
    main()
