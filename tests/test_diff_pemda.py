"""The diff where a path to an outcome runs through another Pemda: a kabupaten whose sub-kegiatan contributes to a
province's sasaran program, in two versions of the kabupaten (graph/diff.py, graph/diff_read.py).

The kabupaten's own tree has no outcome above the sub-kegiatan's goal: only the province's sasaran (through its
sasaran program, which is no outcome) gives it a path, so working the reach out from the kabupaten's edges must
ask the province's element for its answer. Version 2026 cuts that contribution.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.db import Runner
from graph.diff import diff
from graph.diff_read import read_version
from graph.importer import VersionRequest, import_path

PROVINCE = {
    "units.csv": "PROV,Pemerintah Provinsi Uji,pemda,\n",
    "goals.csv": "P-S1,sasaran,Meningkatnya derajat kesehatan provinsi,PROV,\n"
    "P-SP1,sasaran_program,Meningkatnya layanan kesehatan rujukan,PROV,P-S1\n",
}
HEADERS = {
    "indicators.csv": "id,goal_id,name,satuan,polarity,year,baseline,target,realisasi\n",
    "units.csv": "id,name,kind,parent_id\n",
    "goals.csv": "id,level,statement,unit_id,contributes_to\n",
    "activities.csv": "id,kind,code,name,unit_id,parent_id,year,budget,contributes_to\n",
    "staff.csv": "nip,name,position,unit_id,supervisor_nip,assigned_to\n",
    "links.csv": "from_id,type,to_id,weight\n",
}
NIP = "198001012005011001"


def _kabupaten(folder: Path, linked: bool) -> Path:
    """The kabupaten's files: its sub-kegiatan K-SK1 (with pagu) and its one ASN reach an outcome only through the
    province's P-SP1, when `linked`."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = {
        "units.csv": "KAB,Pemerintah Kabupaten Uji,pemda,\nKAB-DINKES,Dinas Kesehatan,perangkat_daerah,KAB\n",
        "goals.csv": "K-SK1,sasaran_kegiatan,Meningkatnya layanan puskesmas,KAB-DINKES,\n",
        "activities.csv": "K-SK-1,subkegiatan,1.02.02.2.01.0001,Pengelolaan layanan,KAB-DINKES,,2026,500000000,K-SK1\n",
        "staff.csv": f"{NIP},Dewi Lestari,Kepala Dinas Kesehatan,KAB-DINKES,,K-SK1\n",
        "links.csv": "K-SK1,CONTRIBUTES_TO,P-SP1,1\n" if linked else "",
    }
    return _write(folder, rows)


def _write(folder: Path, rows: dict[str, str]) -> Path:
    """Every import file in `folder`, each with its header and the rows given (none where not given)."""
    for name, header in HEADERS.items():
        (folder / name).write_text(header + rows.get(name, ""), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def two_pemda(session_runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    session_runner.write("MATCH (n) DETACH DELETE n")
    import_path(_write(tmp_path_factory.mktemp("prov"), PROVINCE), session_runner)
    import_path(_kabupaten(tmp_path_factory.mktemp("kab") / "a", True), session_runner, version=VersionRequest("2025"))
    import_path(_kabupaten(tmp_path_factory.mktemp("kab") / "b", False), session_runner, version=VersionRequest("2026"))
    return session_runner


def test_the_reach_through_another_pemda_is_asked_of_its_element(two_pemda):
    for dataset, reaches in (("KAB@2025", True), ("KAB@2026", False)):
        with_fact, worked_out = read_version(two_pemda, dataset), read_version(two_pemda, dataset, use_fact=False)
        assert with_fact.reach_from == "fact" and worked_out.reach_from == "traversal"
        assert worked_out.reaching == with_fact.reaching
        assert ("K-SK-1" in worked_out.reaching, worked_out.staff_reaches(NIP)) == (reaches, reaches)


def test_cutting_the_link_to_the_province_loses_the_pagu_and_the_staff(two_pemda):
    found = diff(two_pemda, "KAB@2025", "KAB@2026").sections
    assert [(row["change"], row["id"], row["before"]) for row in found["reach_budget"]] == [
        ("kehilangan", "K-SK-1", 500000000)
    ]
    assert [(row["change"], row["nip"]) for row in found["reach_staff"]] == [("kehilangan", NIP)]
    assert [(row["id"], row["before"], row["after"]) for row in found["reparented"]] == [("K-SK1", ["P-SP1"], [])]
    assert found["outcomes"] == [] and found["added"] == [] and found["removed"] == []
