"""Deterministic generator of the sample Kabupaten Sukamaju import files (seed/sample/).

Run: ``python -m seed.build_sample``. Writes units/goals/indicators/activities/staff/links CSVs,
the same data as one workbook, ``expected.json`` (counts and the planted defects, computed from
the generated data) and a short README. Only stdlib + openpyxl; byte-identical on every run.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import random
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from graph.model import OUTCOME_LEVELS
from seed import sample_catalog as cat
from seed import workforce
from seed.sample_catalog import Ind, p
from seed.texts import result_of

SEED = 20260412
YEAR = 2026
YEARS = (2025, 2026)
OUT = Path(__file__).resolve().parent / "sample"
PEMDA = "U-PEMDA"
XLSX = "kabupaten_sukamaju.xlsx"
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
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
        "realisasi_tw1",
        "realisasi_tw2",
        "realisasi_tw3",
        "realisasi_tw4",
        "target_min",
        "target_max",
        "iku",
        "weight",
    ],
    "activities": ["id", "kind", "code", "name", "unit_id", "parent_id", "year", "budget", "contributes_to"],
    "staff": ["nip", "name", "position", "unit_id", "supervisor_nip", "assigned_to"],
    "links": ["from_id", "type", "to_id", "weight"],
}
NUMERIC = {"year", "baseline", "target", "realisasi", "budget", "weight", "target_min", "target_max"} | {
    f"{a}_tw{q}" for a in ("target", "realisasi") for q in range(1, 5)
}
OUTCOME = set(OUTCOME_LEVELS)
INDICATOR_LEVELS = {"tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan"}
OUTPUT_WORDS = ("terlaksana", "tersusun", "dilaksanakan", "sosialisasi", "pelatihan", "dokumen")

# ---- planted defects ---------------------------------------------------------------------------
UNLINKED_OPD = "BPBD"  # its tujuan contributes to no Pemda goal (set in the catalog: pemda=[])
CYCLE = ["G-SK-DISPUSIP-2.24.02.2.01", "G-SK-DISPUSIP-2.24.02.2.02", "G-SK-DISPUSIP-2.24.02.2.03"]
SKIPPED = ("G-SK-DLH-2.11.03.2.02", "G-S-DLH-1")  # sasaran_kegiatan straight to the OPD sasaran
DOWNWARD = ("G-S-DISHUB-1", "G-SP-DISHUB-2.15.02-2")  # sasaran -> sasaran_program of the other sasaran
NO_INDICATOR = {
    "G-T-DISPERKAN-1",
    "G-S-KESBANGPOL-1",
    "G-SP-DPMPTSP-2.18.03",
    "G-SP-DISPARPORA-2.19.03",
    "G-SK-DISNAKER-2.07.03.2.02",
    "G-SK-DKP-2.09.03.2.02",
}
OUTPUT_INDICATORS: dict[str, Ind] = {
    "G-S-DPMD-1": p("Jumlah kegiatan sosialisasi yang terlaksana", "kegiatan", 12, 2),
    "G-S-BAPPEDA-1": p("Persentase dokumen perencanaan yang tersusun", "%", 90, 5),
    "G-T-DISKOPUKM-1": p("Jumlah pelatihan kewirausahaan yang dilaksanakan", "kali", 8, 2),
}
N_UNASSIGNED, N_DEAD_RHK_EMPTY, N_UNLINKED_SUB, N_DEAD_SUB = 34, 6, 16, 6
# the DPA of the year before: the same programs, kegiatan and sub-kegiatan (their contributions with them, so a
# defect planted in the tree shows in both years), a few sub-kegiatan new in YEAR, the pagu a few percent lower
PREVIOUS_YEAR = YEAR - 1
NEW_SUB_RATE = 0.08  # of the smaller sub-kegiatan of YEAR's DPA, those the year before did not have
NEW_SUB_PAGU_MAX = 1_500_000_000  # a new sub-kegiatan starts small (Rp 1,5 M at most)
PAGU_GROWTH = 1.05  # APBD growth from one year to the next (approximate; salaries grow with the gaji pokok)

# ---- indicators on activities and PPPK (their own random stream: the rest of the sample stays as it was) --
# most programs carry an outcome indicator, most kegiatan and sub-kegiatan an output one (indikator keluaran)
ACTIVITY_INDICATOR_RATE = {"program": 0.9, "kegiatan": 0.85, "subkegiatan": 0.8}
# PPPK among staff (pelaksana / fungsional; heads, eselon III/IV and kepala sekolah are PNS): most of the large
# PPPK intakes since 2021 were guru and nakes (docs/sample.md)
PPPK_RATE = {"office": 0.3, "nakes": 0.35, "guru": 0.5}
OUTPUT_KINDS = (  # (words in the activity's name, indicator name template, satuan, target range); first match
    (("gaji", "tunjangan"), "Jumlah bulan {x} yang terbayarkan", "bulan", (12, 14)),
    (
        ("penyusunan", "perencanaan", "evaluasi", "laporan", "dokumen", "kajian", "analisis"),
        "Jumlah dokumen hasil {x}",
        "dokumen",
        (1, 6),
    ),
    (
        ("pelatihan", "bimbingan", "peningkatan kapasitas", "pembinaan", "sosialisasi", "penyuluhan"),
        "Jumlah peserta {x}",
        "orang",
        (20, 400),
    ),
    (
        ("pembangunan", "rehabilitasi", "pemeliharaan", "peningkatan jalan", "jembatan"),
        "Jumlah unit {x}",
        "unit",
        (1, 20),
    ),
    (("penyediaan", "pengadaan", "belanja"), "Jumlah paket {x}", "paket", (1, 12)),
)
NO_DEFECT_OPDS = {"BPBD", "DISPUSIP", "DISHUB", "DLH"}  # keep the structural defects readable

# crosscutting / weighted CONTRIBUTES_TO (from, to, weight); "@" marks an activity code of an OPD
CROSS_LINKS: list[tuple[str, str, float]] = [
    ("G-S-DINKES-1", "G-T-DINSOS-1", 0.5),
    ("G-SP-DKP-2.09.03", "I-S-DINKES-1-2", 0.3),
    ("G-SP-DPRKP-1.04.03", "I-S-DINKES-1-2", 0.3),
    ("G-SP-DP3AP2KB-2.14.04", "G-S-DINKES-1", 0.25),
    ("G-SP-DISDUKCAPIL-2.12.04", "G-S-DINSOS-1", 0.5),
    ("G-SP-DISKOMINFO-2.16.03", "G-S-SETDA-1", 0.5),
    ("G-SP-DPUPR-1.03.10", "G-S-DISPERTAN-1", 0.3),
    ("G-SP-DPUPR-1.03.10", "G-S-DISPARPORA-1", 0.3),
    ("G-SP-DPUPR-1.03.02", "G-S-DISPERTAN-1", 0.5),
    ("G-SP-DISKOPUKM-2.17.07", "G-S-DISNAKER-1", 0.4),
    ("G-SP-DPMPTSP-2.18.04", "G-S-DISPERINDAG-2", 0.3),
    ("G-SP-BAPENDA-5.02.04", "G-S-BPKAD-1", 0.3),
    ("G-SP-INSP-6.01.02", "G-S-BPKAD-1", 0.3),
    ("G-SP-DLH-2.11.11", "G-S-DPRKP-1", 0.3),
    ("G-SP-DPMD-2.13.05", "G-S-DINSOS-1", 0.3),
    ("G-SP-DISDIK-1.01.02-2", "G-S-DP3AP2KB-2", 0.3),
    ("G-S-RSUD-1", "G-T-DINKES-1", 0.5),
    ("G-SP-DISPERKAN-3.25.06", "G-S-DKP-1", 0.4),
    ("G-SP-SATPOLPP-1.05.02", "G-S-KESBANGPOL-1", 0.3),
    ("G-SP-KEC01-7.01.03", "G-S-DPMD-1", 0.3),
    ("G-SP-DISHUB-2.15.02-2", "G-S-DISPARPORA-1", 0.2),
    ("G-SK-BAPPEDA-5.01.03.2.01", "G-SP-DINKES-1.02.02", 0.2),
    ("@DISDUKCAPIL:2.12.04.2.01.0003", "G-SK-DINSOS-1.06.05.2.02", 0.5),
    ("@DINKES:1.02.02.2.02.0016", "G-SK-DP3AP2KB-2.14.03.2.04", 0.3),
    ("@DISKOMINFO:2.16.03.2.02.0004", "G-SK-DPMPTSP-2.18.04.2.01", 0.5),
    ("G-T-DP3AP2KB-1", "G-S-PEMDA-1", 0.3),
    ("G-T-DISKOMINFO-1", "I-S-PEMDA-12-2", 0.7),
    ("G-SP-DINKES-1.02.03", "G-S-DINKES-1", 0.4),
    ("G-SP-DISPERTAN-3.27.07", "G-S-DISPERTAN-2", 0.3),
]


def closure(start: set[str], step: dict[str, set[str]]) -> set[str]:
    """Every node reached from `start` along `step` (start included): the graph searches of analyse."""
    seen, todo = set(start), list(start)
    while todo:
        for nxt in step.get(todo.pop(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def capped(weights: list[float], cap: float) -> list[float]:
    """Weights as shares of 1 with no share above cap (unless there are too few to share): what a capped share
    loses goes to the others in proportion, so no single sub-kegiatan swallows its OPD's budget."""
    shares = [w / sum(weights) for w in weights]
    cap = max(cap, 1 / len(shares))
    for _ in range(len(shares)):
        excess = sum(x - cap for x in shares if x > cap)
        if excess <= 1e-12:
            break
        free = sum(x for x in shares if x < cap)
        shares = [cap if x >= cap else x + excess * x / free for x in shares]
    return shares


def lower_title(text: str) -> str:
    """Lower-case Title-case words for use inside a sentence; keep acronyms and proper names."""
    keep = {"Sukamaju", "Pancasila", "Indonesia"}

    def lower(word: str) -> str:
        return word if (word in keep or not word[1:].islower()) else word.lower()

    return " ".join("/".join(lower(part) for part in w.split("/")) for w in text.split(" "))


def fmt(x: float | int | None) -> str:
    """Plain number: integral values without decimals, '.' as decimal point."""
    if x is None:
        return ""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def decimals(*xs: float) -> int:
    """Decimal places needed to write the given spec numbers (at most 2)."""
    return min(2, max(len(repr(float(x)).split(".")[1].rstrip("0")) for x in xs))


class Builder:
    """Builds the whole kabupaten in memory."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.units: list[dict[str, Any]] = []
        self.unit_by_id: dict[str, dict[str, Any]] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.goals: dict[str, dict[str, Any]] = {}
        self.ind_rows: list[dict[str, Any]] = []
        self.inds_of: dict[str, list[str]] = defaultdict(list)
        self.ind_goal: dict[str, str] = {}
        self.ind_act: dict[str, str] = {}  # indicator id -> the activity it measures
        self.rng_extra = random.Random(SEED + 1)  # activity indicators and PPPK, apart from the main stream
        self.ind_name: dict[str, str] = {}
        self.acts: list[dict[str, Any]] = []
        self.act_by_key: dict[tuple[str, str], dict[str, Any]] = {}
        self.staff: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.nips: set[str] = set()
        self.head_of: dict[str, str] = {}
        self.role: dict[str, str] = {}
        self.goal_obj: dict[str, str] = {}
        self.subs_of_goal: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.ssk_of_sub: dict[tuple[str, str], str] = {}
        self.opd_of_unit: dict[str, str] = {}
        self.planted: dict[str, Any] = {}
        self.rhk_seq: dict[str, int] = defaultdict(int)
        self.uptd: dict[str, dict[str, Any]] = {}  # unit id -> its UPTD spec (cat.UPTD) and the goal its head holds
        self.goals_of_unit: dict[str, list[str]] = {}  # filled once the tree is built (unit_goals)

    # ---- primitives ------------------------------------------------------------------------
    def add_unit(self, uid: str, name: str, kind: str, parent: str | None, opd: str | None) -> str:
        """Add a unit row; opd is the key of the perangkat daerah it belongs to."""
        row = {"id": uid, "name": name, "kind": kind, "parent_id": parent or ""}
        self.units.append(row)
        self.unit_by_id[uid] = row
        if parent:
            self.children[parent].append(uid)
        if opd:
            self.opd_of_unit[uid] = opd
        return uid

    def ref(self, gid: str) -> str:
        """A parent reference: usually the goal, sometimes the indicator that stands for it."""
        if self.inds_of.get(gid) and self.rng.random() < 0.22:
            return self.inds_of[gid][0]
        return gid

    def add_goal(
        self, gid: str, level: str, statement: str, unit: str, parents: list[str], inds: Sequence[Ind] = ()
    ) -> str:
        """Add a goal and its indicators (none for NO_INDICATOR, a planted one for OUTPUT_INDICATORS)."""
        assert gid not in self.goals, gid
        self.goals[gid] = {
            "id": gid,
            "level": level,
            "statement": statement,
            "unit_id": unit,
            "contributes_to": list(parents),
        }
        specs = [] if gid in NO_INDICATOR else list(inds)[:2]
        if gid in OUTPUT_INDICATORS:
            specs = [*specs[:1], OUTPUT_INDICATORS[gid]]
        for k, spec in enumerate(specs, 1):
            self.add_indicator(f"I-{gid[2:]}-{k}", gid, spec, level in {"sasaran_program", "sasaran_kegiatan"})
        return gid

    def add_indicator(self, iid: str, gid: str, spec: Ind, quarterly_ok: bool, activity: bool = False) -> None:
        """Add one indicator: a row per year with target, realisasi and sometimes quarterly figures. An
        activity's indicator names it in element_id and draws from the extra random stream."""
        name, satuan, polarity, base, step = spec
        rng, dec = self.rng_extra if activity else self.rng, decimals(spec[3], spec[4])
        if activity:
            self.ind_act[iid] = gid
        else:
            self.inds_of[gid].append(iid)
            self.ind_goal[iid] = gid
        self.ind_name[iid] = name
        pct = satuan == "%"
        quarterly = quarterly_ok and polarity == "positif" and rng.random() < 0.5

        def clamp(v: float) -> float:
            v = max(0.0, v)
            return round(min(v, 100.0) if pct else v, dec)

        for y, year in enumerate(YEARS, 1):
            target = clamp(base + y * step)
            sign = 1 if polarity == "positif" else -1
            spread = max(abs(step), 0.005 * target)  # a year moves as far as the plan steps
            if target == 0:
                real: float | None = float(rng.randint(0, 2))
            elif rng.random() < 0.07:  # a clearly poor year
                real = clamp(target * (rng.uniform(0.4, 0.75) if sign > 0 else rng.uniform(1.3, 1.8)))
            else:
                real = clamp(target + sign * spread * rng.uniform(-1.4, 0.9))
            if (year == 2026 and rng.random() < 0.82) or (year == 2025 and rng.random() < 0.05):
                real = None
            row = {
                "id": iid,
                "goal_id": "" if activity else gid,
                "element_id": gid if activity else "",
                "name": name,
                "satuan": satuan,
                "polarity": polarity,
                "year": year,
                "baseline": round(base, dec),
                "target": target,
                "realisasi": real,
            }
            if quarterly:
                fr = (0.2, 0.45, 0.7, 1.0)
                for q in range(4):
                    row[f"target_tw{q + 1}"] = round(target * fr[q], dec)
                done = 4 if year == 2025 and real is not None else (1 + (rng.random() < 0.5) if year == 2026 else 0)
                for q in range(done):
                    row[f"realisasi_tw{q + 1}"] = (
                        real if q == 3 and real is not None else round(target * fr[q] * rng.uniform(0.85, 1.05), dec)
                    )
            self.ind_rows.append(row)

    def add_act(
        self,
        key: str,
        kind: str,
        code: str,
        name: str,
        unit: str,
        parent_code: str | None,
        goals: list[str],
        budget: int | None = None,
    ) -> dict[str, Any]:
        """Add an activity; its id is set later by finalize_activity_ids."""
        row = {
            "key": key,
            "kind": kind,
            "code": code,
            "name": name,
            "unit_id": unit,
            "parent_code": parent_code,
            "budget": budget,
            "contributes_to": list(goals),
        }
        self.acts.append(row)
        self.act_by_key[(key, code)] = row
        return row

    def set_budgets(self) -> None:
        """Every sub-kegiatan's pagu, once the staff are known. Gaji dan Tunjangan ASN: the OPD's staff times their
        yearly cost (cat.SALARY). The rest of the OPD's share of the APBD (cat.APBD_SHARE, at least as much again as
        its salaries) over its other sub-kegiatan by lognormal weights times what the work costs (cat.pagu_weight:
        construction, equipment and operations far above documents and meetings): a few large sub-kegiatan and
        many small ones, as in a DPA. Rounded to thousands of rupiah, at least Rp 25 juta."""
        rng = random.Random(SEED + 2)  # a stream of its own: the budget does not move the people or the tree
        salary: dict[str, int] = defaultdict(int)
        for s in self.staff:
            kind = "pppk" if s["nip"][12:14] == "21" else self.role[s["nip"]]
            salary[s["key"]] += cat.SALARY[kind]
        shares = {spec["key"]: cat.APBD_SHARE.get(spec["key"], cat.APBD_SHARE["KEC"]) for spec in cat.OPDS}
        scale = cat.APBD_TOTAL / sum(shares.values())
        for spec in cat.OPDS:
            key = spec["key"]
            subs = [a for a in self.acts if a["key"] == key and a["kind"] == "subkegiatan"]
            pay = [a for a in subs if "Gaji" in a["name"]]
            rest = [a for a in subs if a not in pay]
            for a in pay:
                a["budget"] = int(round(salary[key] / len(pay), -3))
            envelope = max(shares[key] * scale - salary[key], salary[key])
            office = f"{spec['prefix']}.01."  # Program Penunjang: the office's running costs, below the technical work
            weights = [
                rng.lognormvariate(0, 1.0) * cat.pagu_weight(a["name"]) * (0.3 if a["code"].startswith(office) else 1)
                for a in rest
            ]
            weights = capped(weights, 0.2)
            for a, w in zip(rest, weights):
                a["budget"] = int(max(25_000_000, round(envelope * w, -3)))

    # ---- the tree ------------------------------------------------------------------------------
    def build_pemda(self) -> None:
        """The Pemda unit and the RPJMD goals: visi, misi, tujuan, sasaran (IKU)."""
        self.add_unit(PEMDA, f"Pemerintah {cat.KABUPATEN}", "pemda", None, None)
        self.add_goal("G-VISI", "visi", cat.VISI, PEMDA, [])
        for i, text in enumerate(cat.MISI, 1):
            self.add_goal(f"G-MISI-{i}", "misi", text, PEMDA, ["G-VISI"])
        for i, (text, misi, inds) in enumerate(cat.PEMDA_TUJUAN, 1):
            self.add_goal(f"G-T-PEMDA-{i}", "tujuan", text, PEMDA, [f"G-MISI-{m + 1}" for m in misi], inds)
        for i, (text, tujuan, inds) in enumerate(cat.PEMDA_SASARAN, 1):
            self.add_goal(
                f"G-S-PEMDA-{i}", "sasaran", text, PEMDA, [self.ref(f"G-T-PEMDA-{t + 1}") for t in tujuan], inds
            )

    def build_opd(self, spec: dict[str, Any]) -> None:
        """One perangkat daerah: units, outcome goals, programs, kegiatan and sub-kegiatan."""
        key, rng = spec["key"], self.rng
        opd = self.add_unit(f"U-{key}", spec["name"], "perangkat_daerah", PEMDA, key)
        pen_name = spec.get("penunjang_unit", "Sekretariat")
        direct = [pen_name]
        for prog in spec["programs"]:
            direct += [prog["bidang"]] + [k["unit"] for k in prog["kegiatan"] if k["unit"]]
        direct = list(dict.fromkeys(direct))
        uid = self.add_top_units(spec, opd, direct)
        pen = uid[pen_name]
        sub_ids = {}
        for j, name in enumerate((cat.SUBBAG_UK, cat.SUBBAG_PK), 1):
            sub_ids[name] = self.add_unit(f"{pen}-{j}", name, "unit_kerja", pen, key)
        nested: dict[tuple[str, str], str] = {}
        if spec["sub"]:
            for prog in spec["programs"]:
                for k in prog["kegiatan"]:
                    if k["label"] and not k["unit"] and (prog["bidang"], k["label"]) not in nested:
                        parent = uid[prog["bidang"]]
                        nested[(prog["bidang"], k["label"])] = self.add_unit(
                            f"{parent}-{len(self.children[parent]) + 1}",
                            f"{spec['sub']} {k['label']}",
                            "unit_kerja",
                            parent,
                            key,
                        )
        # outcome goals
        tujuan = [
            self.add_goal(
                f"G-T-{key}-{i}", "tujuan", text, opd, [self.ref(f"G-S-PEMDA-{s + 1}") for s in spec["pemda"]], inds
            )
            for i, (text, inds) in enumerate(spec["tujuan"], 1)
        ]
        sasaran = [
            self.add_goal(f"G-S-{key}-{i}", "sasaran", text, opd, [self.ref(tujuan[t]) for t in tj], inds)
            for i, (text, inds, tj) in enumerate(spec["sasaran"], 1)
        ]
        extra_ok = key not in NO_DEFECT_OPDS and len(sasaran) > 1
        # Program Penunjang
        pcode = f"{spec['prefix']}.01"
        sp = f"G-SP-{key}-{pcode}"
        inds = [p("Nilai evaluasi AKIP perangkat daerah", "nilai", round(rng.uniform(58, 72), 1), 2.0)]
        if rng.random() < 0.5:
            inds.append(p("Persentase realisasi anggaran perangkat daerah", "%", round(rng.uniform(86, 93), 1), 1.5))
        self.add_goal(
            sp,
            "sasaran_program",
            f"Meningkatnya akuntabilitas kinerja dan kualitas layanan penunjang {spec['name']}",
            pen,
            [self.ref(sasaran[-1])],
            inds,
        )
        self.add_act(key, "program", pcode, cat.PENUNJANG_NAME, pen, None, [sp])
        for kc, kname, subbag, subs, ind in cat.PENUNJANG_KEGIATAN:
            chosen = [s for i, s in enumerate(subs) if i == 0 or "Gaji" in s or rng.random() < 0.55]
            self.add_kegiatan(key, pcode, kc, kname, sub_ids[subbag], sp, chosen, ind, technical=False)
        # technical programs (a repeated program code = same program, another bidang and its own SP)
        seen: dict[str, int] = {}
        for prog in spec["programs"]:
            code, unit = prog["code"], uid[prog["bidang"]]
            seen[code] = seen.get(code, 0) + 1
            sp = f"G-SP-{key}-{code}" + (f"-{seen[code]}" if seen[code] > 1 else "")
            parents = [self.ref(sasaran[s]) for s in prog["sasaran"]]
            if extra_ok and rng.random() < 0.15:
                parents.append(sasaran[(prog["sasaran"][0] + 1) % len(sasaran)])
            self.add_goal(sp, "sasaran_program", prog["statement"], unit, parents, prog["inds"])
            if seen[code] == 1:
                self.add_act(key, "program", code, prog["name"], unit, None, [sp])
            else:
                self.act_by_key[(key, code)]["contributes_to"].append(sp)
            for k in prog["kegiatan"]:
                kunit = uid[k["unit"]] if k["unit"] else nested.get((prog["bidang"], k["label"]), unit)
                self.add_kegiatan(
                    key, code, k["code"], k["name"], kunit, sp, k["subs"], k["ind"], technical=True, extra_ok=extra_ok
                )
        self.add_uptd(spec)

    def add_top_units(self, spec: dict[str, Any], opd: str, direct: list[str]) -> dict[str, str]:
        """The units right below the OPD head (sekretariat, bidang, bagian, UPTD of a kegiatan), name -> id. In
        the Setda the bagian sit under their asisten (Sekda -> asisten -> kabag -> kasubag)."""
        key = spec["key"]
        group_of = {
            bagian: asisten for asisten, bagian_list in spec.get("asisten", {}).items() for bagian in bagian_list
        }
        top = list(dict.fromkeys(group_of.get(name, name) for name in direct))
        assert 2 <= len(top) <= 5, key
        uid = {name: self.add_unit(f"{opd}-{i:02d}", name, "unit_kerja", opd, key) for i, name in enumerate(top, 1)}
        for name in direct:
            if name in group_of:
                parent = uid[group_of[name]]
                uid[name] = self.add_unit(f"{parent}-{len(self.children[parent]) + 1}", name, "unit_kerja", parent, key)
        return uid

    def add_uptd(self, spec: dict[str, Any]) -> None:
        """The OPD's unit pelaksana teknis (puskesmas, sekolah) after its other units: their heads hold the result
        of the kegiatan they carry out, their staff are drawn in build_staff."""
        key, opd = spec["key"], f"U-{spec['key']}"
        for uptd in cat.UPTD.get(key, []):
            uid = self.add_unit(f"{opd}-{len(self.children[opd]) + 1:02d}", uptd["name"], "unit_kerja", opd, key)
            self.uptd[uid] = {**uptd, "goal": f"G-SK-{key}-{uptd['kegiatan']}"}

    def add_kegiatan(
        self,
        key: str,
        pcode: str,
        kc: str,
        kname: str,
        unit: str,
        sp: str,
        subs: list[str],
        ind: Ind | None,
        technical: bool,
        extra_ok: bool = False,
    ) -> None:
        """A kegiatan with its sasaran_kegiatan and its sub-kegiatan (some with a sasaran_subkegiatan)."""
        rng, code = self.rng, f"{pcode}.{kc}"
        sk = f"G-SK-{key}-{code}"
        if ind is None:
            ind = p(
                f"Persentase capaian target output {lower_title(kname)}", "%", rng.randint(70, 88), rng.randint(2, 5)
            )
        parents = [self.ref(sp)]
        sps = [g for g in self.goals if g.startswith(f"G-SP-{key}-") and not g.startswith(f"G-SP-{key}-{pcode}")]
        if extra_ok and sps and rng.random() < 0.08:
            parents.append(rng.choice(sps))
        self.add_goal(sk, "sasaran_kegiatan", result_of(kname), unit, parents, [ind])
        self.goal_obj[sk] = kname
        self.add_act(key, "kegiatan", code, kname, unit, pcode, [sk])
        for s in subs:
            sc, sname = s.split(":", 1)
            scode = f"{code}.{sc}"
            target = sk
            if technical and rng.random() < 0.35:
                target = self.add_goal(f"G-SSK-{key}-{scode}", "sasaran_subkegiatan", result_of(sname), unit, [sk])
                self.goal_obj[target] = sname
                self.subs_of_goal[target].append((key, scode))
                self.ssk_of_sub[(key, scode)] = target
            self.subs_of_goal[sk].append((key, scode))
            self.add_act(key, "subkegiatan", scode, sname, unit, code, [target], 0)

    def finalize_activity_ids(self) -> None:
        """Activity ids are '<P|K|SK>-2026-<code>'; a code used by several OPDs gets '-<OPD key>'."""
        owners: dict[str, set[str]] = defaultdict(set)
        for a in self.acts:
            owners[a["code"]].add(a["key"])
        prefix = {"program": "P", "kegiatan": "K", "subkegiatan": "SK"}
        for a in self.acts:
            a["id"] = f"{prefix[a['kind']]}-{YEAR}-{a['code']}" + (f"-{a['key']}" if len(owners[a["code"]]) > 1 else "")
        for a in self.acts:
            a["parent_id"] = self.act_by_key[(a["key"], a["parent_code"])]["id"] if a["parent_code"] else ""

    def add_activity_indicators(self) -> None:
        """A program's outcome indicator (as its sasaran program's first one reads), a kegiatan's or sub-kegiatan's
        output indicator (indikator keluaran) named after what it produces; some activities have none."""
        rng = self.rng_extra
        for a in self.acts:
            if rng.random() >= ACTIVITY_INDICATOR_RATE[a["kind"]]:
                continue
            if a["kind"] == "program":
                measured = [i for g in a["contributes_to"] for i in self.inds_of.get(g, [])]
                if not measured:
                    continue
                # the sasaran program's first indicator, as Renstra tables repeat it on the program (its 2025 row)
                first = next(row for row in self.ind_rows if row["id"] == measured[0])
                spec = (
                    first["name"],
                    first["satuan"],
                    first["polarity"],
                    first["baseline"],
                    first["target"] - first["baseline"],
                )
            else:
                spec = self.output_indicator(a["name"])
            self.add_indicator(f"I-A-{a['id']}-1", a["id"], spec, a["kind"] == "kegiatan", activity=True)

    def output_indicator(self, activity_name: str) -> Ind:
        """An output indicator for a kegiatan or sub-kegiatan: the nomenclature's own for the standard office
        sub-kegiatan (cat.OUTPUT_INDICATOR_OF), else one from the words of its name."""
        rng, text = self.rng_extra, activity_name.lower()
        kind = next(
            (kind for kind in OUTPUT_KINDS if any(word in text for word in kind[0])),
            ((), "Jumlah laporan {x}", "laporan", (1, 12)),
        )
        _, template, satuan, (low, high) = kind
        name = template.format(x=lower_title(activity_name))
        if activity_name in cat.OUTPUT_INDICATOR_OF:  # the nomenclature's own indikator keluaran
            name, satuan, (low, high) = cat.OUTPUT_INDICATOR_OF[activity_name]
        base = rng.randint(low, high)
        return (
            name,
            satuan,
            "positif",
            base,
            0 if low == high else max(1, round(base * rng.uniform(0.0, 0.15))),  # a monthly report stays twelve
        )

    def act_id(self, key: str, code: str) -> str:
        """Final id of the activity with this code in this OPD."""
        return self.act_by_key[(key, code)]["id"]

    # ---- people ----------------------------------------------------------------------------
    def staff_number(self, born: int, sex: int, pppk: bool) -> str:
        """A unique, valid NIP (birth date, TMT of appointment after 18 and by 2025, sex, sequence) or NI PPPK
        (`21` where a NIP has the TMT month, appointed 2019 or later), sequences and TMT months distributed as real
        ones are (seed.workforce)."""
        r = self.rng
        m = r.randint(1, 12)
        d = r.randint(1, calendar.monthrange(born, m)[1])
        if pppk:
            middle = f"{workforce.pppk_year(self.rng_extra, born):04d}21"
        else:
            middle = f"{max(born + 19, min(2025, born + r.randint(21, 32))):04d}{workforce.tmt_month(r):02d}"
        seq = workforce.first_sequence(r)
        while f"{born:04d}{m:02d}{d:02d}{middle}{sex}{seq:03d}" in self.nips:
            seq += 1
        nip = f"{born:04d}{m:02d}{d:02d}{middle}{sex}{seq:03d}"
        self.nips.add(nip)
        return nip

    def birth_year(self, role: str, position: str, pppk: bool) -> int:
        """A birth year within the batas usia pensiun of the position in YEAR (those at the limit retire this
        year): PNS skewed older, PPPK younger, heads and administrators not too young for their rank."""
        # staff at 58: their jenjang follows their age afterwards (workforce.jenjang), and 58 holds at every jenjang
        limit = 58 if role == "staff" else workforce.bup(position, role == "head" and not position.startswith("Camat"))
        young = {"head": 46, "admin": 38, "pengawas": 31}.get(role, 23)
        shape = (1.3, 1.9) if pppk else (1.5, 1.0)
        span = limit - young
        return YEAR - (young + min(span, int((span + 1) * self.rng.betavariate(*shape))))

    def person_name(self, sex: int, born: int, role: str, position: str, spec: dict[str, Any]) -> str:  # noqa: C901 - one branch per title rule of the position
        """An invented Indonesian name with academic/professional titles fitting the position."""
        r = self.rng
        first = r.choice(cat.MALE_FIRST if sex == 1 else cat.FEMALE_FIRST)
        parts = [first]
        if r.random() < 0.2:
            mid = r.choice(cat.MALE_MIDDLE if sex == 1 else cat.FEMALE_MIDDLE)
            if mid != first:
                parts.append(mid)
        if r.random() < 0.88:
            parts.append(r.choice(cat.MALE_LAST if sex == 1 else cat.FEMALE_LAST))
        pre, post, pos = "", [], position.lower()
        deg = next((d for w, d in cat.DEGREE_BY_WORD.items() if w in position.lower()), r.choice(spec["deg"]))
        if "dokter gigi" in pos:
            pre = "drg."
        elif "dokter" in pos or (role == "head" and spec["key"] in {"DINKES", "RSUD"}):
            pre = "dr."
            if "spesialis" in pos or (role == "head" and spec["key"] == "RSUD"):
                post.append(r.choice(["Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad."]))
        elif "asisten apoteker" in pos:
            post.append("A.Md.Farm.")
        elif "apoteker" in pos:
            pre, post = "apt.", ["S.Farm."]
        elif "perawat" in pos:
            pre, post = ("Ns.", ["S.Kep."]) if "ahli" in pos else ("", ["A.Md.Kep."])
        elif "bidan" in pos:
            post.append(r.choice(["A.Md.Keb.", "S.Tr.Keb."]))
        elif "medik veteriner" in pos and "paramedik" not in pos:
            pre = "drh."
        elif role in {"head", "admin", "pengawas"}:
            if born < 1973 and r.random() < 0.2:
                pre = "Drs." if sex == 1 else "Dra."
            else:
                post.append(deg)
        elif "ahli" in pos:
            post.append(deg)
        elif "terampil" in pos or "mahir" in pos:
            if r.random() < 0.7:
                post.append("A.Md.")
        else:
            x = r.random()
            post += [deg] if x < 0.45 else (["A.Md."] if x < 0.65 else [])
        master = {"head": 0.85, "admin": 0.6, "pengawas": 0.25}.get(role, 0.05 if "ahli" in pos else 0.0)
        if r.random() < master:
            post.append("M.Kes." if spec["key"] in {"DINKES", "RSUD"} and r.random() < 0.6 else r.choice(cat.MASTER))
        name = " ".join(parts)
        return (pre + " " if pre else "") + name + (", " + ", ".join(post) if post else "")

    def add_person(
        self,
        spec: dict[str, Any],
        role: str,
        position: str,
        unit: str,
        boss: str | None,
        assigned: list[str],
        pppk_rate: float = 0.0,
    ) -> dict[str, Any]:
        """Add one ASN; role is head, admin (eselon III and the asisten), pengawas (eselon IV, kepala UPTD and
        sekolah) or staff; only staff may be PPPK (at pppk_rate)."""
        pppk = role == "staff" and self.rng_extra.random() < pppk_rate
        text = position.lower()
        male = 0.0 if "bidan" in text else 0.3 if "perawat" in text or "guru" in text else 0.52
        sex = 1 if self.rng.random() < male else 2
        born = self.birth_year(role, position, pppk)
        nip = self.staff_number(born, sex, pppk)
        if role == "staff":
            position = workforce.jenjang(position, YEAR - born, pppk)
        row = {
            "nip": nip,
            "name": self.person_name(sex, int(nip[:4]), role, position, spec),
            "position": position,
            "unit_id": unit,
            "supervisor_nip": boss or "",
            "assigned_to": list(assigned),
            "key": spec["key"],
        }
        self.staff.append(row)
        self.role[nip] = role
        return row

    def unit_goals(self, unit: str, levels: set[str]) -> list[str]:
        """Goals of the given levels owned by the unit (indexed once the tree above the rhk is complete)."""
        if not self.goals_of_unit:
            for g in self.goals.values():
                self.goals_of_unit.setdefault(g["unit_id"], []).append(g["id"])
        return [g for g in self.goals_of_unit.get(unit, []) if self.goals[g]["level"] in levels]

    def descendants(self, unit: str) -> list[str]:
        """All units below the unit, depth first."""
        out = []
        for c in self.children[unit]:
            out += [c, *self.descendants(c)]
        return out

    def unit_head(self, spec: dict[str, Any], unit: str) -> tuple[str, str, list[str]]:
        """Role, position and assignments of the head of a unit below the OPD head: an asisten holds the results
        of the bagian under them, a kepala UPTD or sekolah the result of the kegiatan the unit carries out."""
        name = self.unit_by_id[unit]["name"]
        if unit in self.uptd:
            return "pengawas", f"Kepala {name}", [self.uptd[unit]["goal"]]
        if name.startswith("Asisten"):
            held = [g for d in self.descendants(unit) for g in self.unit_goals(d, {"sasaran_program"})]
            return "admin", name, held
        role = "admin" if name.split(" ")[0] in {"Bidang", "Bagian", "Sekretariat", "Inspektur"} else "pengawas"
        if name == "Sekretariat":
            position = f"Sekretaris {spec['name']}"
        elif name == "Sekretariat Kecamatan" or name.startswith("Inspektur"):
            position = name.replace("Sekretariat", "Sekretaris")
        else:
            position = f"Kepala {name}"
        return role, position, self.unit_goals(unit, {"sasaran_program", "sasaran_kegiatan"})

    def build_staff(self, spec: dict[str, Any], sekda: str | None) -> str:
        """Head, unit heads and staff (with their rhk goals) of one OPD; returns the head's NIP. The office staff
        number spec['staff'] (heads included); each UPTD and sekolah adds its own nakes or guru."""
        key, rng = spec["key"], self.rng
        opd = f"U-{key}"
        head = self.add_person(spec, "head", spec["head"], opd, sekda, self.unit_goals(opd, {"sasaran"}))["nip"]
        self.head_of[opd] = head
        units = self.descendants(opd)
        for u in units:
            role, position, assigned = self.unit_head(spec, u)
            assert assigned, u
            boss = self.head_of[self.unit_by_id[u]["parent_id"]]
            self.head_of[u] = self.add_person(spec, role, position, u, boss, assigned)["nip"]
        office = [u for u in units if u not in self.uptd]
        pen_name = spec.get("penunjang_unit", "Sekretariat")
        pen_units = {
            u
            for u in office
            if pen_name in (self.unit_by_id[u]["name"], self.unit_by_id[self.unit_by_id[u]["parent_id"]]["name"])
        }
        weights = [
            0 if self.unit_by_id[u]["name"].startswith("Asisten") else 1 if self.children[u] else 3 for u in office
        ]
        for u in rng.choices(office, weights, k=spec["staff"] - 1 - len(office)):
            name = self.unit_by_id[u]["name"]
            if u in pen_units:
                pool = list(workforce.SUBBAG_STAFF.get(name, cat.GENERIC_FUNG))
            elif rng.random() < 0.2:
                pool = list(workforce.TECHNICAL_SUPPORT)
            else:
                pool = workforce.unit_positions(name, spec["fung"])
            row = self.add_person(spec, "staff", rng.choice(pool), u, self.head_of[u], [], PPPK_RATE["office"])
            cands = self.unit_goals(u, {"sasaran_kegiatan", "sasaran_subkegiatan"}) or [
                g for d in self.descendants(u) for g in self.unit_goals(d, {"sasaran_kegiatan", "sasaran_subkegiatan"})
            ]
            assert cands, u
            self.add_rhk(row, u, cands, None)
        for u, uptd in self.uptd.items():
            if self.opd_of_unit[u] == key:
                self.build_uptd_staff(spec, u, uptd)
        return head

    def build_uptd_staff(self, spec: dict[str, Any], unit: str, uptd: dict[str, Any]) -> None:
        """The nakes of a puskesmas or the guru of a sekolah, each with RHK in the unit's own words."""
        rng = self.rng
        positions, weights = zip(*(workforce.NAKES if uptd["pool"] == "nakes" else workforce.GURU))
        for _ in range(rng.randint(*uptd["staff"]) - 1):
            position = rng.choices(positions, weights)[0]
            row = self.add_person(spec, "staff", position, unit, self.head_of[unit], [], PPPK_RATE[uptd["pool"]])
            self.add_rhk(row, unit, [uptd["goal"]], uptd)

    def add_rhk(self, row: dict[str, Any], unit: str, cands: list[str], uptd: dict[str, Any] | None) -> None:
        """One or two rhk of a staff member, each intervening in a result their head holds (cands); some also work
        on one of the sub-kegiatan under it. A nakes's or guru's rhk is worded as their work is."""
        rng, key = self.rng, row["key"]
        for _ in range(1 if rng.random() < 0.7 else 2):
            self.rhk_seq[key] += 1
            parent = rng.choice(cands)
            parents = [parent]
            if len(cands) > 1 and rng.random() < 0.05:
                parents.append(rng.choice([c for c in cands if c != parent]))
            gid = self.add_goal(
                f"G-RHK-{key}-{self.rhk_seq[key]:04d}", "rhk", self.rhk_statement(unit, parent, uptd), unit, parents
            )
            row["assigned_to"].append(gid)
            if (uptd is None or uptd["pool"] == "nakes") and rng.random() < 0.3 and self.subs_of_goal[parent]:
                row["assigned_to"].append(self.act_id(*rng.choice(self.subs_of_goal[parent])))
        row["assigned_to"] = list(dict.fromkeys(row["assigned_to"]))

    def rhk_statement(self, unit: str, parent: str, uptd: dict[str, Any] | None) -> str:
        """An rhk in words: a guru's class, a nakes's service in their puskesmas, else a task on the result above
        (never the same word twice at the seam, as in "administrasi administrasi")."""
        rng, name = self.rng, self.unit_by_id[unit]["name"]
        if uptd is not None and uptd["pool"] == "guru":
            sd = name.startswith("SD")
            grade = rng.randint(1, 6) if sd else rng.randint(7, 9)
            subject = rng.choice(workforce.SUBJECTS_SD if sd else workforce.SUBJECTS_SMP)
            return rng.choice(workforce.RHK_GURU).format(grade=grade, subject=subject, school=name)
        if uptd is not None:
            return rng.choice(workforce.RHK_NAKES).format(unit=name.replace("UPTD ", ""))
        return self.task_on(self.goal_obj[parent])

    def task_on(self, activity: str) -> str:
        """A task statement on an activity, the task's last word differing from the activity's first."""
        obj = lower_title(activity)
        first = re.split(r"[ /,]", obj)[0].lower()
        tasks = [t for t in cat.RHK_TASKS if t.split(" ")[-1].lower() != first]
        return f"{self.rng.choice(tasks)} {obj}"

    # ---- defects and links --------------------------------------------------------------------
    def plant_structure(self) -> None:
        """The cycle, the skipped level and the downward contribution."""
        for a, b in zip(CYCLE, CYCLE[1:] + CYCLE[:1]):
            self.goals[a]["contributes_to"] = [b]
        self.goals[SKIPPED[0]]["contributes_to"] = [SKIPPED[1]]
        self.goals[DOWNWARD[0]]["contributes_to"].append(DOWNWARD[1])

    def build_links(self, sekda: str) -> None:
        """links.csv: crosscutting/weighted contributions and a few extra assignments."""
        for frm, to, w in CROSS_LINKS:
            if frm.startswith("@"):
                key, code = frm[1:].split(":")
                frm = self.act_id(key, code)
            elif to in self.goals[frm]["contributes_to"]:  # the weighted link replaces the plain edge
                self.goals[frm]["contributes_to"].remove(to)
            self.links.append({"from_id": frm, "type": "CONTRIBUTES_TO", "to_id": to, "weight": w})
        nutri = next(s for s in self.staff if s["key"] == "DINKES" and s["position"].startswith("Nutrisionis"))
        for frm, to in [
            (sekda, "G-T-PEMDA-5"),
            (self.head_of["U-BAPPEDA"], "G-S-PEMDA-11"),
            (self.head_of["U-DISKOMINFO"], "G-S-PEMDA-12"),
            (nutri["nip"], "G-SK-DP3AP2KB-2.14.03.2.04"),
        ]:
            self.links.append({"from_id": frm, "type": "ASSIGNED_TO", "to_id": to, "weight": 1})

    def plant_activities_and_staff(self) -> None:
        """Unlinked and dead-end sub-kegiatan, unassigned and dead-end staff."""
        rng = self.rng
        linked = {link["from_id"] for link in self.links} | {link["to_id"] for link in self.links}
        subs = [
            a
            for a in self.acts
            if a["kind"] == "subkegiatan" and a["key"] not in NO_DEFECT_OPDS and a["id"] not in linked
        ]
        picks = rng.sample(subs, N_UNLINKED_SUB + 3 * N_DEAD_SUB)
        for a in picks[:N_UNLINKED_SUB]:
            a["contributes_to"] = []
        dead_ssk = []
        for a in [a for a in picks[N_UNLINKED_SUB:] if (a["key"], a["code"]) not in self.ssk_of_sub][:N_DEAD_SUB]:
            gid = self.add_goal(
                f"G-SSK-{a['key']}-{a['code']}",
                "sasaran_subkegiatan",
                result_of(a["name"]),
                a["unit_id"],
                [],
            )
            a["contributes_to"] = [gid]
            dead_ssk.append((a["key"], gid, a["name"]))
        self.planted["dead_end_ssk"] = [g for _, g, _ in dead_ssk]
        assert len(dead_ssk) == N_DEAD_SUB
        # staff: unassigned, rhk with no parent, rhk into a dead-end sasaran_subkegiatan
        linked_staff = {link["from_id"] for link in self.links}
        pool = [
            s
            for s in self.staff
            if self.role[s["nip"]] == "staff" and s["key"] not in NO_DEFECT_OPDS and s["nip"] not in linked_staff
        ]
        chosen = rng.sample(pool, N_UNASSIGNED + N_DEAD_RHK_EMPTY)
        for key, _gid, _sname in dead_ssk:
            chosen.append(rng.choice([s for s in pool if s["key"] == key and s not in chosen]))
        drop: set[str] = set()
        for i, s in enumerate(chosen):
            rhk = [g for g in s["assigned_to"] if g.startswith("G-RHK-")]
            drop |= set(rhk[1:]) if i >= N_UNASSIGNED else set(rhk)
            if i < N_UNASSIGNED:
                s["assigned_to"] = []
                continue
            goal = self.goals[rhk[0]]
            s["assigned_to"] = [rhk[0]]
            self.planted.setdefault("dead_end_staff", []).append(s["nip"])
            if i < N_UNASSIGNED + N_DEAD_RHK_EMPTY:
                goal["contributes_to"] = []
            else:
                key, gid, sname = dead_ssk[i - N_UNASSIGNED - N_DEAD_RHK_EMPTY]
                goal["contributes_to"] = [gid]
                goal["statement"] = self.task_on(sname)
        for g in drop:
            del self.goals[g]

    def build(self) -> None:
        """Everything, in an order that keeps the random stream fixed."""
        self.build_pemda()
        for spec in cat.OPDS:
            self.build_opd(spec)
        self.finalize_activity_ids()
        self.add_activity_indicators()
        self.plant_structure()
        sekda = None
        for spec in cat.OPDS:
            head = self.build_staff(spec, sekda)
            sekda = sekda or head
        assert sekda is not None, "the catalog has no OPD with a head"
        self.build_links(sekda)
        self.set_budgets()
        self.plant_activities_and_staff()
        self.plant_capaian_columns()
        self.add_previous_year()

    def add_previous_year(self) -> None:
        """PREVIOUS_YEAR's activities beside YEAR's: a copy of each, id '<P|K|SK>-<year>-<code>', same unit, parent
        and contributions, pagu PAGU_GROWTH lower with some spread; NEW_SUB_RATE of the sub-kegiatan (none
        planted) are new in YEAR. An activity indicator's PREVIOUS_YEAR row moves to the copy (each year's DPA
        measures its own activity); a new sub-kegiatan's is dropped. Its own random stream: YEAR stays as it was."""
        rng = random.Random(SEED + 3)
        planted = set(self.planted["dead_end_ssk"])
        new = {
            a["id"]
            for a in self.acts
            if a["kind"] == "subkegiatan"
            and a["contributes_to"]
            and not set(a["contributes_to"]) & planted
            and a["budget"] <= NEW_SUB_PAGU_MAX
            and rng.random() < NEW_SUB_RATE
        }
        copies: dict[str, dict[str, Any]] = {}
        for a in self.acts:
            if a["id"] in new:
                continue
            sigma = 0.05 if "Gaji" in a["name"] else 0.25  # mean 1: the total grows by PAGU_GROWTH
            spread = 1.0 if a["budget"] is None else rng.lognormvariate(-sigma * sigma / 2, sigma)
            copies[a["id"]] = {
                **a,
                "id": a["id"].replace(f"-{YEAR}-", f"-{PREVIOUS_YEAR}-", 1),
                "parent_id": a["parent_id"].replace(f"-{YEAR}-", f"-{PREVIOUS_YEAR}-", 1),
                "year": PREVIOUS_YEAR,
                "budget": None
                if a["budget"] is None
                else int(max(25_000_000, round(a["budget"] / PAGU_GROWTH * spread, -3))),
            }
        measured, kept = set(self.ind_act.values()), []
        for row in self.ind_rows:
            if row["year"] == PREVIOUS_YEAR and row.get("element_id") in measured:
                copy = copies.get(row["element_id"])
                if copy is None:  # a sub-kegiatan new in YEAR has no figures of the year before
                    continue
                row["id"], row["element_id"] = f"I-A-{copy['id']}-1", copy["id"]
                self.ind_act[row["id"]] = copy["id"]
            kept.append(row)
        self.ind_rows = kept
        self.planted["new_subkegiatan"] = len(new)
        self.acts = [{**a, "year": YEAR} for a in self.acts] + list(copies.values())

    def plant_capaian_columns(self) -> None:
        """IKU flags, weights and two stabil (range) indicators (docs/capaian.md), set without drawing from the
        random stream, so everything else stays as it was. The Pemda flags its sasaran indicators as IKU; Dinas
        Kesehatan flags one of its sasaran indicators 'tidak'; every other OPD leaves the column empty (its IKU
        are then the indicators of its sasaran). G-S-PEMDA-1 weighs life expectancy twice."""
        for row in self.ind_rows:
            if row["goal_id"].startswith("G-S-PEMDA-"):
                row["iku"] = "ya"
            if row["id"] == "I-S-DINKES-2-2":
                row["iku"] = "tidak"
            if row["id"] in ("I-S-PEMDA-1-1", "I-S-PEMDA-1-2"):
                row["weight"] = 2 if row["id"] == "I-S-PEMDA-1-1" else 1
        stabil = [
            ("I-S-PEMDA-6-2", "G-S-PEMDA-6", "Tingkat inflasi", 3.2, (2, 4), 4.6, "ya"),
            ("I-S-DISPERINDAG-1-2", "G-S-DISPERINDAG-1", "Rasio harga gabah terhadap HPP", 1.1, (1, 1.2), 0.85, None),
        ]
        for iid, gid, name, base, (low, high), real, iku in stabil:
            self.inds_of[gid].append(iid)
            self.ind_goal[iid], self.ind_name[iid] = gid, name
            for year in YEARS:
                self.ind_rows.append(
                    {
                        "id": iid,
                        "goal_id": gid,
                        "name": name,
                        "satuan": "%" if low > 1.5 else "rasio",
                        "polarity": "stabil",
                        "year": year,
                        "baseline": base,
                        "target": round((low + high) / 2, 3),
                        "target_min": low,
                        "target_max": high,
                        "realisasi": real if year == 2025 else None,
                        "iku": iku,
                    }
                )


# ---- analysis (what an auditor should find) --------------------------------------------------
def analyse(b: Builder) -> dict[str, Any]:
    """Counts, relationships and defect lists computed from the generated data."""
    goals, acts = b.goals, b.acts
    contrib: set[tuple[str, str]] = set()
    for row in list(goals.values()) + acts:
        contrib |= {(row["id"], t) for t in row["contributes_to"]}
    link_c = {(link["from_id"], link["to_id"]) for link in b.links if link["type"] == "CONTRIBUTES_TO"}
    assert not (contrib & link_c), "a link repeats a CSV contribution"
    contrib |= link_c
    assigned = {(g["unit_id"], g["id"]) for g in goals.values() if g["unit_id"]}
    assigned |= {(a["unit_id"], a["id"]) for a in acts if a["unit_id"]}
    assigned |= {(s["nip"], t) for s in b.staff for t in s["assigned_to"]}
    assigned |= {(link["from_id"], link["to_id"]) for link in b.links if link["type"] == "ASSIGNED_TO"}
    all_ids = (
        [u["id"] for u in b.units]
        + list(goals)
        + list(b.ind_goal)
        + list(b.ind_act)
        + [a["id"] for a in acts]
        + [s["nip"] for s in b.staff]
    )
    assert len(all_ids) == len(set(all_ids)), "ids are not unique"
    known = set(all_ids)
    for frm, to in contrib | assigned:
        assert frm in known and to in known, (frm, to)
    as_goal = {**{g: g for g in goals}, **b.ind_goal}

    def reaching(targets: set[str]) -> set[str]:
        """Every node with a CONTRIBUTES_TO path (an indicator counting as its goal) into targets."""
        rev: dict[str, set[str]] = defaultdict(set)
        for frm, to in contrib:
            rev[to].add(frm)
        for iid, gid in b.ind_goal.items():
            rev[gid].add(iid)
        return closure(targets, rev)

    lever = reaching({g for g, row in goals.items() if row["level"] in OUTCOME})
    staff_targets: dict[str, set[str]] = defaultdict(set)
    for frm, to in assigned:
        staff_targets[frm].add(to)
    out_of = defaultdict(set)
    for frm, to in contrib:
        out_of[frm].add(to)
    unassigned = sorted(s["nip"] for s in b.staff if not staff_targets[s["nip"]])
    dead_staff = sorted(s["nip"] for s in b.staff if staff_targets[s["nip"]] and not staff_targets[s["nip"]] & lever)
    unlinked_acts = sorted(a["id"] for a in acts if not out_of[a["id"]])
    dead_acts = sorted(a["id"] for a in acts if out_of[a["id"]] and a["id"] not in lever)
    no_ind = sorted(g for g, row in goals.items() if row["level"] in INDICATOR_LEVELS and not b.inds_of.get(g))
    pemda_reach = reaching({g for g, row in goals.items() if row["unit_id"] == PEMDA})
    unlinked_opd = [
        u["id"]
        for u in b.units
        if u["kind"] == "perangkat_daerah"
        and not any(g in pemda_reach for g, row in goals.items() if b.opd_of_unit.get(row["unit_id"]) == u["id"][2:])
    ]
    assert unlinked_opd == [f"U-{UNLINKED_OPD}"], unlinked_opd

    def rank(gid: str) -> int:
        row = goals[gid]
        order = (
            ["visi", "misi", "tujuan", "sasaran"]
            if row["unit_id"] == PEMDA
            else [
                "",
                "",
                "",
                "",
                "tujuan",
                "sasaran",
                "sasaran_program",
                "sasaran_kegiatan",
                "sasaran_subkegiatan",
                "rhk",
            ]
        )
        return order.index(row["level"])

    downward, skipped, lateral = [], [], []
    goal_edges: dict[str, set[str]] = defaultdict(set)
    for frm, to in sorted(contrib):
        if frm not in goals:
            kind = next(a["kind"] for a in acts if a["id"] == frm)
            ok = {
                "program": {"sasaran_program"},
                "kegiatan": {"sasaran_kegiatan"},
                "subkegiatan": {"sasaran_subkegiatan", "sasaran_kegiatan"},
            }[kind]
            assert goals[as_goal[to]]["level"] in ok, (frm, to)
            continue
        goal_edges[frm].add(as_goal[to])
        rf, rt = rank(frm), rank(as_goal[to])
        if rt > rf:
            downward.append([frm, to])
        elif rt == rf:
            lateral.append([frm, to])
        elif rt < rf - 1 and not (goals[frm]["level"] == "rhk" and goals[as_goal[to]]["level"] == "sasaran_kegiatan"):
            skipped.append([frm, to])
    assert downward == [list(DOWNWARD)] and skipped == [list(SKIPPED)], (downward, skipped)
    assert all(f in CYCLE and t in CYCLE for f, t in lateral), lateral  # only the cycle is same-level
    cycle = sorted(cycle_nodes(goal_edges))
    assert cycle == sorted(CYCLE), cycle
    outcome_inds = sorted(
        i
        for i, g in b.ind_goal.items()
        if goals[g]["level"] in OUTCOME and any(w in b.ind_name[i].lower() for w in OUTPUT_WORDS)
    )
    assert outcome_inds == sorted(f"I-{g[2:]}-2" for g in OUTPUT_INDICATORS), outcome_inds
    subs = [a for a in acts if a["kind"] == "subkegiatan"]
    return {
        "counts": {
            "units": len(b.units),
            "goals": len(goals),
            "indicators": len(b.ind_goal) + len(b.ind_act),
            "activity_indicators": len(b.ind_act),
            "pppk": sum(1 for s in b.staff if s["nip"][12:14] == "21"),
            "indicator_rows": len(b.ind_rows),
            "activities": len(acts),
            "subkegiatan": len(subs),
            "staff": len(b.staff),
            "total_budget": sum(a["budget"] for a in subs if a["year"] == YEAR),  # the APBD of the current year
            "budget_by_year": {str(y): sum(a["budget"] for a in subs if a["year"] == y) for y in sorted(YEARS)},
        },
        "relationships": {
            "CONTRIBUTES_TO": len(contrib),
            "ASSIGNED_TO": len(assigned),
            "MEASURED_BY": len(b.ind_goal) + len(b.ind_act),
            "PART_OF": sum(1 for u in b.units if u["parent_id"]) + sum(1 for a in acts if a["parent_id"]),
            "MEMBER_OF": sum(1 for s in b.staff if s["unit_id"]),
            "REPORTS_TO": sum(1 for s in b.staff if s["supervisor_nip"]),
        },
        "defects": {
            "unassigned_staff": unassigned,
            "dead_end_staff": dead_staff,
            "unlinked_activities": unlinked_acts,
            "dead_end_activities": dead_acts,
            "goals_without_indicator": no_ind,
            "unlinked_opd": unlinked_opd[0],
            "cycle": cycle,
            "output_indicators_as_outcome": outcome_inds,
            "downward_contributions": downward,
            "skipped_levels": skipped,
            "rhk_without_intervention": intervention_breaks(b, contrib, assigned),
            "single_points_of_failure": single_points_of_failure(b, contrib, assigned),
            "retirements_2026": retiring(b, YEAR),
        },
    }


def intervention_breaks(b: Builder, contrib: set[tuple[str, str]], assigned: set[tuple[str, str]]) -> dict[str, str]:
    """nip -> reason for every ASN whose results reach nothing their atasan (a head of OPD: the OPD's sasaran)
    is assigned to (docs/domain.md, "RHK, intervensi and the Matriks Peran Hasil")."""
    up: dict[str, set[str]] = defaultdict(set)
    for frm, to in contrib:
        up[frm].add(to)
    for iid, owner in {**b.ind_goal, **b.ind_act}.items():
        up[iid].add(owner)  # the implied edge: an indicator stands for what it measures
    indicators = set(b.ind_goal) | set(b.ind_act)
    held: dict[str, set[str]] = defaultdict(set)
    for who, what in assigned:
        if what in b.goals or what in indicators:
            held[who].add(what)
    units = {u["id"]: u for u in b.units}

    def opd(unit: str | None) -> str | None:
        while unit and units[unit]["kind"] != "perangkat_daerah":
            unit = units[unit]["parent_id"] or None
        return unit

    def reach(start: set[str]) -> set[str]:
        return closure(start, up)

    unit_of = {s["nip"]: s["unit_id"] for s in b.staff}
    found = {}
    for s in b.staff:
        boss, unit = s["supervisor_nip"] or None, s["unit_id"]
        head = units[unit]["kind"] == "perangkat_daerah" and (boss is None or opd(unit_of[boss]) != opd(unit))
        targets = (
            {g for g in held[opd(unit) or ""] if g in b.goals and b.goals[g]["level"] == "sasaran"}
            if head
            else held[boss]
            if boss
            else set()
        )
        mine = held[s["nip"]]
        if mine and targets and reach(mine) & targets:
            continue
        real = [t for r in mine for t in contrib if t[0] == r or t[0] == b.ind_goal.get(r)]
        found[s["nip"]] = (
            "no_rhk"
            if not mine
            else "opd_without_sasaran"
            if head and not targets
            else "no_atasan"
            if not head and not boss
            else "atasan_without_rhk"
            if not head and not targets
            else "leads_elsewhere"
            if real
            else "leads_nowhere"
        )
    return dict(sorted(found.items()))


def single_points_of_failure(
    b: Builder, contrib: set[tuple[str, str]], assigned: set[tuple[str, str]]
) -> list[list[str]]:
    """[nip, target] for every outcome goal or IKU hanging on one ASN (docs/domain.md, "People at risk"): the
    ASN's work is the only work reaching it, or every path of work to it passes an element only they hold."""
    from graph.people import build, dependencies, dominators

    staff = {s["nip"] for s in b.staff}
    goals = [g for g, row in b.goals.items() if row["level"] in OUTCOME]
    iku: dict[str, object] = {}
    for row in b.ind_rows:
        iku.setdefault(row["id"], row.get("iku"))
    measured = [
        (iid, gid)
        for iid, gid in b.ind_goal.items()
        if iku.get(iid) == "ya" or (not iku.get(iid) and b.goals[gid]["level"] == "sasaran")
    ]
    edges = [(gid, iid) for iid, gid in b.ind_goal.items()] + list({**b.ind_goal, **b.ind_act}.items())
    edges += sorted(contrib)
    held = [(who, what) for who, what in sorted(assigned) if who in staff]
    graph = build(
        ([a for a, _ in edges], [z for _, z in edges]),
        ([a for a, _ in held], [z for _, z in held]),
        goals,
        ([i for i, _ in measured], [g for _, g in measured]),
    )
    return sorted([nip, target] for nip, target in dependencies(graph, dominators(graph.successors)))


def retiring(b: Builder, year: int) -> list[str]:
    """NIPs of the ASN reaching the batas usia pensiun in the year: 58, 60 for a JPT (the head of an OPD other
    than a camat) or a fungsional ahli madya, 65 for an ahli utama (docs/domain.md, "People: NIP, NI PPPK and
    retirement")."""
    units = {u["id"]: u for u in b.units}
    unit_of = {s["nip"]: s["unit_id"] for s in b.staff}

    def opd(unit: str | None) -> str | None:
        while unit and units[unit]["kind"] != "perangkat_daerah":
            unit = units[unit]["parent_id"] or None
        return unit

    found = []
    for s in b.staff:
        position, unit, boss = s["position"].lower(), s["unit_id"], s["supervisor_nip"]
        head = (
            units[unit]["kind"] == "perangkat_daerah"
            and not position.startswith("camat")
            and (not boss or opd(unit_of[boss]) != unit)
        )
        age = 65 if "ahli utama" in position else 60 if head or "ahli madya" in position else 58
        if int(s["nip"][:4]) + age == year:
            found.append(s["nip"])
    return sorted(found)


def cycle_nodes(edges: dict[str, set[str]]) -> set[str]:
    """Nodes on a directed cycle (Tarjan's strongly connected components, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: set[str] = set()
    for root in list(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in edges.get(v, ()):
                    found |= set(comp)
    return found


# ---- output ----------------------------------------------------------------------------------
def tables(b: Builder) -> dict[str, list[list[Any]]]:
    """Rows per file, as typed values (None = empty cell)."""

    def row(d: dict[str, Any], cols: list[str]) -> list[Any]:
        out = []
        for c in cols:
            v = d.get(c)
            if isinstance(v, list):
                v = ";".join(v) or None
            out.append(None if v == "" else v)
        return out

    data = {
        "units": b.units,
        "goals": list(b.goals.values()),
        "indicators": b.ind_rows,
        "activities": b.acts,
        "staff": b.staff,
        "links": b.links,
    }
    return {name: [row(d, COLUMNS[name]) for d in rows] for name, rows in data.items()}


def cell_text(v: Any) -> str:
    """CSV text of a typed cell value."""
    return "" if v is None else fmt(v) if isinstance(v, (int, float)) else str(v)


def write_csvs(t: dict[str, list[list[Any]]]) -> None:
    """UTF-8, comma, header first, csv module default quoting."""
    for name, rows in t.items():
        with open(OUT / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS[name])
            w.writerows([[cell_text(v) for v in r] for r in rows])


def write_xlsx(t: dict[str, list[list[Any]]]) -> None:
    """One sheet per file; ids/NIPs/codes as text, numbers as numbers; fixed timestamps."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "pokin seed.build_sample"
    wb.properties.created = datetime(2026, 1, 1)
    for name, rows in t.items():
        ws = wb.create_sheet(name)
        ws.append(COLUMNS[name])
        numeric = [c in NUMERIC for c in COLUMNS[name]]
        for r in rows:
            ws.append(
                [
                    (float(cell_text(v)) if "." in cell_text(v) else int(cell_text(v))) if num and v is not None else v
                    for v, num in zip(r, numeric)
                ]
            )
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(OUT / XLSX, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            dst.writestr(zi, data)


def write_readme(b: Builder, exp: dict[str, Any]) -> None:
    """A short README listing contents and the defects found by analyse()."""
    c, d, r = exp["counts"], exp["defects"], exp["relationships"]
    planted_staff = sorted(b.planted["dead_end_staff"])
    assert set(planted_staff) <= set(d["dead_end_staff"])
    lines = [
        "# Sample data: Kabupaten Sukamaju (fictional)",
        "",
        "Generated by `python -m seed.build_sample` (deterministic; do not edit by hand). All names, NIPs and",
        "figures are invented. Same data as CSV files and as `kabupaten_sukamaju.xlsx` (one sheet per file).",
        "",
        "## Contents",
        "",
        f"- {c['units']} units: Pemerintah Kabupaten Sukamaju, "
        f"{sum(1 for u in b.units if u['kind'] == 'perangkat_daerah')} "
        f"perangkat daerah (Setda, Setwan, Inspektorat, badan, dinas, RSUD, {len(cat.KEC_NAMES)} kecamatan) as they "
        "are after the 2021 simplification: a sekretariat with two subbagian and bidang without seksi; eselon IV "
        "left in the Setda (Sekda, asisten, bagian, subbagian), the Setwan, the RSUD, the kecamatan and the UPTD; "
        f"{len(cat.UPTD['DINKES'])} puskesmas (UPTD of Dinas Kesehatan) and {len(cat.UPTD['DISDIK'])} sekolah negeri "
        "under Dinas Pendidikan.",
        f"- {c['goals']} goals: visi, {len(cat.MISI)} misi, {len(cat.PEMDA_TUJUAN)} Pemda tujuan, "
        f"{len(cat.PEMDA_SASARAN)} Pemda sasaran (IKU), OPD tujuan/sasaran, sasaran_program per program and bidang, "
        "sasaran_kegiatan per kegiatan, some sasaran_subkegiatan, and one or two `rhk` per staff member.",
        f"- {c['indicators']} indicators ({c['indicator_rows']} rows, years 2025 and 2026; "
        "2026 realisasi mostly empty, "
        "quarterly figures on some sasaran_program/sasaran_kegiatan indicators). rhk and sasaran_subkegiatan goals "
        f"carry no indicators (a sasaran_subkegiatan is measured by its sub-kegiatan's indikator keluaran). "
        f"{c['activity_indicators']} of the indicators hang on activities (`element_id`): "
        "most programs carry an outcome indicator (their sasaran program's), most kegiatan and sub-kegiatan an "
        "output indicator (indikator keluaran); goals' indicators name their goal in `goal_id`. The "
        "Pemda flags its sasaran indicators `iku = ya` (life expectancy weighs 2 in G-S-PEMDA-1), Dinas Kesehatan "
        "flags one sasaran indicator `tidak`, other OPD leave `iku` empty; two `stabil` indicators with a range "
        "(`target_min`..`target_max`): inflation 2-4 % on G-S-PEMDA-6, a price ratio on G-S-DISPERINDAG-1.",
        f"- {c['activities']} activities ({c['subkegiatan']} sub-kegiatan), the DPA of {PREVIOUS_YEAR} and of {YEAR}: "
        f"the same programs, kegiatan and sub-kegiatan with their contributions, pagu about {PAGU_GROWTH - 1:.0%} "
        f"lower in {PREVIOUS_YEAR}, and {b.planted['new_subkegiatan']} "
        f"sub-kegiatan new in {YEAR}; an activity indicator measures its own year's activity. Total pagu "
        + "; ".join(f"{y}: Rp {v:,}".replace(",", ".") for y, v in c["budget_by_year"].items())
        + ".",
        f"- {c['staff']} ASN, {c['pppk']} of them PPPK (an NI PPPK: `21` where a NIP has the appointment month), "
        "guru in the sekolah and nakes in the puskesmas and the RSUD; OPD heads report to the Sekretaris Daerah, "
        "who reports to no one. Figures, shares and their sources: docs/sample.md.",
        f"- {len(b.links)} extra edges in `links.csv` (crosscutting and weighted contributions, a few assignments).",
        "",
        "Id conventions: units `U-<OPD>[-nn[-n]]`; goals `G-VISI`, `G-MISI-n`, `G-T-PEMDA-n`, `G-S-PEMDA-n`, "
        "`G-T-<OPD>-n`, `G-S-<OPD>-n`, `G-SP-<OPD>-<program code>[-n]`, `G-SK-<OPD>-<kegiatan code>`, "
        "`G-SSK-<OPD>-<sub-kegiatan code>`, `G-RHK-<OPD>-nnnn`; indicators `I-<goal id without G->-n`, an "
        "activity's `I-A-<activity id>-1`; activities "
        "`P-<year>-<code>`, `K-<year>-<code>`, `SK-<year>-<code>`, with `-<OPD>` appended when several perangkat "
        "daerah use the same nomenclature code (Dinas Kesehatan/RSUD, Satpol PP/BPBD, BPKAD/Bapenda, the kecamatan).",
        "",
        "## Planted defects (ids also in `expected.json`)",
        "",
        f"- Unassigned staff (no assignment at all, no links): {len(d['unassigned_staff'])}, NIPs in `expected.json`.",
        f"- Staff with no outcome leverage: {len(d['dead_end_staff'])} in total. Planted: {len(planted_staff)} "
        f"({', '.join(planted_staff)}) whose only rhk has an empty contributes_to or points to a dead-end "
        f"sasaran_subkegiatan ({', '.join(b.planted['dead_end_ssk'])}); the others work under the cycle below "
        "(DISPUSIP, Bidang Kearsipan).",
        f"- Sub-kegiatan with pagu and no contribution: {len(d['unlinked_activities'])} (the planted ones of {YEAR} "
        f"and, as the tree is the same, their {PREVIOUS_YEAR} copies): " + ", ".join(d["unlinked_activities"]) + ".",
        f"- Activities whose contributions reach no outcome: {len(d['dead_end_activities'])} (both years): "
        + ", ".join(d["dead_end_activities"])
        + f". {N_DEAD_SUB} planted sub-kegiatan point to the dead-end "
        "sasaran_subkegiatan above; the rest (3 kegiatan, without pagu, and their sub-kegiatan) lead into the cycle.",
        "- Goals (tujuan to sasaran_kegiatan) without indicator: " + ", ".join(d["goals_without_indicator"]) + ".",
        f"- OPD tree not linked to the Pemda tree: {d['unlinked_opd']} (its tujuan has no contributes_to; "
        "its own cascade is complete, so its staff and activities still reach its own tujuan/sasaran).",
        "- Cycle (pure, none of the three reaches an outcome): " + " -> ".join(CYCLE + CYCLE[:1]) + ".",
        "- Output-type indicators on outcome goals: " + ", ".join(d["output_indicators_as_outcome"]) + ".",
        "- Contribution pointing down the tree: "
        + "; ".join(" -> ".join(e) for e in d["downward_contributions"])
        + ". Skipped level: "
        + "; ".join(" -> ".join(e) for e in d["skipped_levels"])
        + ".",
        "",
        "Definitions used by `expected.json`: outcome levels are visi, misi, tujuan, sasaran; leverage = a "
        "CONTRIBUTES_TO path (CSV columns plus `links.csv`; an indicator stands for its goal) to an outcome goal. "
        "Level checks rank Pemda goals (unit `U-PEMDA`) visi < misi < tujuan < sasaran above OPD tujuan < sasaran < "
        "sasaran_program < sasaran_kegiatan < sasaran_subkegiatan < rhk; sasaran_subkegiatan is optional "
        "(rhk -> sasaran_kegiatan and sub-kegiatan -> sasaran_kegiatan are normal). Full lists of NIPs are in "
        "`expected.json`.",
        "",
        "Relationships the importer should create: " + ", ".join(f"{k} {v}" for k, v in r.items()) + ".",
        "",
    ]
    (OUT / "README.md").write_text("\n".join(lines), encoding="utf-8")


def check_minimums(b: Builder, exp: dict[str, Any]) -> None:
    """The content requirements of the sample, checked on every run."""
    c = exp["counts"]
    opd_units = [u for u in b.units if u["kind"] == "perangkat_daerah"]
    assert len(opd_units) >= 28 and c["subkegiatan"] >= 320 and c["staff"] >= 2100, c
    assert 1e12 <= c["total_budget"] <= 2e12, c["total_budget"]
    assert len({r["id"] for r in b.ind_rows if r["polarity"] == "negatif"}) >= 10
    opd_of = {g: b.opd_of_unit.get(row["unit_id"], "PEMDA") for g, row in b.goals.items()}
    opd_of.update({i: opd_of[g] for i, g in b.ind_goal.items()})
    opd_of.update({a["id"]: a["key"] for a in b.acts})
    cross = [
        link
        for link in b.links
        if link["type"] == "CONTRIBUTES_TO"
        and "PEMDA" not in (opd_of[link["from_id"]], opd_of[link["to_id"]])
        and opd_of[link["from_id"]] != opd_of[link["to_id"]]
    ]
    assert len(cross) >= 15, len(cross)
    d = exp["defects"]
    assert len(d["unassigned_staff"]) >= 30 and len(d["dead_end_staff"]) >= 10
    subs = {a["id"] for a in b.acts if a["kind"] == "subkegiatan"}
    assert len(set(d["unlinked_activities"]) & subs) >= 15 and len(set(d["dead_end_activities"]) & subs) >= 5
    assert len(d["goals_without_indicator"]) >= 5


def main() -> None:
    """Build, check and write everything to seed/sample/."""
    b = Builder()
    b.build()
    exp = analyse(b)
    check_minimums(b, exp)
    OUT.mkdir(parents=True, exist_ok=True)
    t = tables(b)
    write_csvs(t)
    write_xlsx(t)
    (OUT / "expected.json").write_text(json.dumps(exp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_readme(b, exp)
    print(
        json.dumps(
            {
                "counts": exp["counts"],
                "relationships": exp["relationships"],
                "defects": {k: (len(v) if isinstance(v, list) else v) for k, v in exp["defects"].items()},
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
