"""The sample's program and kegiatan codes and names checked against the nomenclature real Pemda use
(Permendagri 90/2019 as their e-SAKIP applications and Renstra hold it), read at test time from ../shared/real/:

- the reference tables of Deli Serdang's e-SAKIP (`sakip_program`, `sakip_kegiatan`: the whole list of programs
  and the kegiatan it uses, with their codes);
- the Renstra tables of three Sumedang OPD (their program and kegiatan rows).

A code the references hold must carry one of their names (compared without case and punctuation); a program must
be one of theirs; a kegiatan must not carry the code of another kegiatan of its program's list. Codes a reference
writes in a local form (Deli Serdang's `2.09.00.01.2.0010`) are not references. No database: the CSV files are read
as they are committed. A planner reading the sample next to their DPA finds the same code under the same name.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
from deliserdang_real import DELISERDANG, read_dump
from matriks_real import sumedang_workbook

from graph.importer.sources import read

ACTIVITIES = Path(__file__).resolve().parent.parent / "seed" / "sample" / "activities.csv"
PROGRAM = re.compile(r"^\d\.\d\d\.\d\d$")
KEGIATAN = re.compile(r"^\d\.\d\d\.\d\d\.\d\.\d\d$")
GENERIC_SUPPORT = "X.XX.01"  # the reference's one row for every bidang's program 01 (Penunjang Urusan)


def words(name: str) -> str:
    """A name as compared: lower case, every run of other characters one space ('Kabupaten/ Kota' = 'Kabupaten/Kota'),
    without a leading word that names the kind ('Kegiatan Pengelolaan Pendapatan Daerah')."""
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())
    return text.removeprefix("kegiatan ")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, set[str]]:
    """Code -> the names the references give it (programs and kegiatan, canonical codes only)."""
    names: dict[str, set[str]] = defaultdict(set)
    dump = read_dump(DELISERDANG)
    rows = [(r["kode_program"], r["nama_program"]) for r in dump["sakip_program"]]
    rows += [(r["kode_kegiatan"], r["nama_kegiatan"]) for r in dump["sakip_kegiatan"]]
    book = sumedang_workbook(tmp_path_factory.mktemp("nomenclature") / "sumedang.xlsx")
    rows += [(row["code"], row["name"]) for _, row in read(book).tables["activities"].rows()]
    for code, name in rows:
        if PROGRAM.match(code) or KEGIATAN.match(code) or code == GENERIC_SUPPORT:
            names[code].add(words(name))
    return names


@pytest.fixture(scope="module")
def sample() -> dict[str, str]:
    """Code -> name of the sample's programs and kegiatan (one name per code: several OPD may share it)."""
    with open(ACTIVITIES, encoding="utf-8", newline="") as f:
        rows = [row for row in csv.DictReader(f) if row["kind"] in ("program", "kegiatan")]
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[row["code"]].add(row["name"])
    assert all(len(found) == 1 for found in names.values()), {c: n for c, n in names.items() if len(n) > 1}
    return {code: found.pop() for code, found in names.items()}


def test_the_references_are_read(reference):
    """Guard against a check that passes because nothing was read: the lists are the size their files have."""
    assert sum(1 for code in reference if PROGRAM.match(code)) > 150
    assert sum(1 for code in reference if KEGIATAN.match(code)) > 450


def test_most_of_the_samples_codes_are_in_the_references(reference, sample):
    known = [code for code in sample if code in reference]
    assert len(known) >= 0.85 * len(sample), sorted(set(sample) - set(reference))


def parent_of(code: str) -> str:
    """A kegiatan's program ('1.01.02.2.01' -> '1.01.02'), a program's bidang ('1.01.02' -> '1.01')."""
    return code.rsplit(".", 2 if KEGIATAN.match(code) else 1)[0]


def known_names(reference: dict[str, set[str]], code: str) -> set[str]:
    """The names the references give a code; a bidang's program 01 also the generic row's."""
    generic = reference.get(GENERIC_SUPPORT, set()) if PROGRAM.match(code) and code.endswith(".01") else set()
    return reference.get(code, set()) | generic


def test_a_code_the_references_hold_carries_their_name(reference, sample):
    wrong = {
        code: (name, sorted(known_names(reference, code)))
        for code, name in sample.items()
        if known_names(reference, code) and words(name) not in known_names(reference, code)
    }
    assert wrong == {}


def test_every_program_is_in_the_references(reference, sample):
    """Programs are the reference's complete list; a bidang the reference codes only in a local form is not checked."""
    bidang = {code[:4] for code in reference if PROGRAM.match(code)}
    missing = {
        c: n for c, n in sample.items() if PROGRAM.match(c) and c[:4] in bidang and not known_names(reference, c)
    }
    assert missing == {}


def test_no_program_or_kegiatan_carries_the_code_of_another(reference, sample):
    """A name the reference files under another code of the same program (or bidang, for a program) is misfiled:
    e.g. 'Pengelolaan Pendidikan Sekolah Dasar' is 1.01.02.2.01, not 1.01.02.2.02."""
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, names in reference.items():
        for name in names:
            by_name[(parent_of(code), name)].add(code)
    misfiled = {}
    for code, name in sample.items():
        filed = by_name.get((parent_of(code), words(name)), set())
        elsewhere = filed - {code}
        if elsewhere and code not in filed:
            misfiled[code] = (name, sorted(elsewhere))
    assert misfiled == {}
