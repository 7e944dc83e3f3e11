"""Hostile import files: each case gets the error it must get (file, row and field named) and writes nothing.

The database holds another dataset while each case is tried: a refused import must leave it exactly as
it was. Cases are built from tests/data/mini by changing one thing, so each shows one refusal.
"""
from __future__ import annotations

import codecs
import shutil
from pathlib import Path
from typing import Callable

import pytest

from conftest import DATA, snapshot
from graph.importer import ImportRejected, import_path

MINI = DATA / "mini"
SAMPLE_BOOK = Path(__file__).resolve().parent.parent / "seed" / "sample" / "kabupaten_sukamaju.xlsx"


def text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8-sig")


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        content = text(folder, name)
        assert old in content, f"{old!r} not in {name}"
        (folder / name).write_text(content.replace(old, new, 1), encoding="utf-8")
    return change


def write_bytes(name: str, make: Callable[[str], bytes]) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / name).write_bytes(make(text(folder, name)))
    return change


def append(name: str, line: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        content = text(folder, name)
        (folder / name).write_text(content.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
    return change


CSV_CASES = [
    ("unbalanced quote", replace("goals.csv", "Kabupaten Uji", '"Kabupaten Uji'),
     ["goals.csv", "row 2", "quote"]),
    ("Latin-1 encoding", write_bytes("goals.csv", lambda t: t.replace("sehat", "séhat").encode("latin-1")),
     ["goals.csv", "row 2", "not UTF-8"]),
    ("UTF-16 encoding", write_bytes("staff.csv", lambda t: t.encode("utf-16")), ["staff.csv", "UTF-16"]),
    ("UTF-16 big-endian", write_bytes("units.csv", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
     ["units.csv", "UTF-16"]),
    ("binary garbage", write_bytes("activities.csv", lambda t: bytes(range(256)) * 64),
     ["activities.csv", "not UTF-8"]),
    ("NUL bytes", write_bytes("goals.csv", lambda t: t.replace("\n", "\x00\n", 3).encode()),
     ["goals.csv", "NUL"]),
    ("an empty file", write_bytes("units.csv", lambda t: b""), ["units.csv", "empty"]),
    ("a header only", write_bytes("units.csv", lambda t: t.splitlines()[0].encode() + b"\n"),
     ["goals.csv", "unit_id", "does not exist"]),
    ("a missing file", lambda folder: (folder / "staff.csv").unlink(), ["staff.csv", "missing"]),
    ("a line of 10 MB", append("goals.csv", "X1,visi," + "a" * 10_000_000 + ",PEMDA,"),
     ["goals.csv", "row 12", "longer than"]),
    ("a missing column", replace("goals.csv", "id,level,", "ident,level,"), ["goals.csv:1", "missing column", "id"]),
    ("a self-contribution", replace("goals.csv", "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1",
                                    "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,M1"),
     ["goals.csv:3", "contributes_to", "itself"]),
    ("staff reporting to themselves", lambda folder: _supervisor_self(folder), ["staff.csv", "supervisor_nip", "itself"]),
    ("a duplicate edge", lambda folder: _duplicate_link(folder), ["links.csv:4", "the same CONTRIBUTES_TO link"]),
    ("a duplicate edge across files", append("links.csv", "M1,CONTRIBUTES_TO,V1,"),
     ["links.csv:4", "already given at goals.csv:3"]),
    ("a goal contributing to its own indicator", lambda folder: _own_indicator(folder),
     ["goals.csv", "contributes_to", "indicator of", "itself"]),
]


def _supervisor_self(folder: Path) -> None:
    lines = text(folder, "staff.csv").splitlines()
    header = lines[0].split(",")
    nip_at, boss_at = header.index("nip"), header.index("supervisor_nip")
    cells = lines[2].split(",")
    cells[boss_at] = cells[nip_at]
    lines[2] = ",".join(cells)
    (folder / "staff.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _duplicate_link(folder: Path) -> None:
    lines = text(folder, "links.csv").splitlines()
    (folder / "links.csv").write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")


def _own_indicator(folder: Path) -> None:
    indicator = text(folder, "indicators.csv").splitlines()[1].split(",")
    indicator_id, goal_id = indicator[0], indicator[1]
    lines = text(folder, "goals.csv").splitlines()
    for index, line in enumerate(lines):
        if line.startswith(goal_id + ","):
            cells = line.split(",")
            cells[-1] = (cells[-1] + ";" if cells[-1] else "") + indicator_id
            lines[index] = ",".join(cells)
    (folder / "goals.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def other_dataset(runner):
    """The database already holds another Pemda's data; a refused import must leave it exactly as it was."""
    runner.write("CREATE (u:Unit {id: 'OTHER-PEMDA', name: 'Kabupaten Lain', kind: 'pemda', dataset: 'OTHER-PEMDA'}) "
                 "CREATE (g:Goal {id: 'OTHER-V1', level: 'visi', statement: 'Visi lain', dataset: 'OTHER-PEMDA'}) "
                 "CREATE (u)-[:ASSIGNED_TO {dataset: 'OTHER-PEMDA'}]->(g)")
    return runner


def refused(runner, source: Path, expected: list[str]) -> str:
    before = snapshot(runner)
    with pytest.raises(ImportRejected) as info:
        import_path(source, runner, dataset="HOSTILE")
    message = "\n".join(str(problem) for problem in info.value.problems)
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in:\n{message[:2000]}"
    assert snapshot(runner) == before, "a refused import wrote something"
    return message


@pytest.mark.parametrize("kind, change, expected", CSV_CASES, ids=[case[0] for case in CSV_CASES])
def test_hostile_csv_files_are_refused_with_file_row_and_field_and_nothing_written(
        other_dataset, tmp_path, kind, change, expected):
    folder = tmp_path / "hostile"
    shutil.copytree(MINI, folder)
    change(folder)
    refused(other_dataset, folder, expected)


def _book_variant(tmp_path: Path, change: Callable) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(SAMPLE_BOOK)
    change(book)
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    return path


def _hide(book) -> None:
    book["staff"].sheet_state = "hidden"


WORKBOOK_CASES = [
    ("a formula", lambda book: book["goals"].__setitem__("C3", "=UPPER(C2)"),
     ["hostile.xlsx[goals]:3", "statement", "formula"]),
    ("merged cells", lambda book: book["goals"].merge_cells("D3:D5"), ["hostile.xlsx[goals]:3", "merged cells", "D3:D5"]),
    ("a hidden sheet", _hide, ["hostile.xlsx[staff]", "hidden"]),
    ("a missing sheet", lambda book: book.remove(book["indicators"]), ["hostile.xlsx[indicators]", "sheet missing"]),
]


@pytest.mark.parametrize("kind, change, expected", WORKBOOK_CASES, ids=[case[0] for case in WORKBOOK_CASES])
def test_hostile_workbooks_are_refused_and_nothing_written(other_dataset, tmp_path, kind, change, expected):
    refused(other_dataset, _book_variant(tmp_path, change), expected)


def test_not_a_workbook_at_all(other_dataset, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no workbook")
    refused(other_dataset, path, ["fake.xlsx", "not a readable .xlsx workbook"])


def test_cycles_are_imported_and_reported_by_the_audit_not_refused(runner, tmp_path):
    """A cycle is a finding for the auditor (contribution_cycles), not a broken file: plans do contain them."""
    from graph.catalog import load_catalog

    folder = tmp_path / "cycle"
    shutil.copytree(MINI, folder)
    replace("goals.csv", "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1",
            "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1;S1")(folder)
    import_path(folder, runner)
    rows = load_catalog().run(runner, "contribution_cycles", {})
    assert rows and any("M1" in str(row) for row in rows)


def test_cypher_fragments_in_cells_are_stored_as_plain_text(other_dataset, tmp_path):
    folder = tmp_path / "injection"
    shutil.copytree(MINI, folder)
    hostile_id, hostile_name = "M1' DETACH DELETE n //", "x'}) MATCH (n) DETACH DELETE n //"
    replace("goals.csv", "M1,misi,Meningkatkan", f"{hostile_id},misi,{hostile_name}")(folder)
    replace("goals.csv", "PEMDA,M1", f"PEMDA,{hostile_id}")(folder)
    before = snapshot(other_dataset)
    import_path(folder, other_dataset)
    assert other_dataset.read("MATCH (g:Goal {id: $id}) RETURN g.statement AS s", {"id": hostile_id}) == [
        {"s": hostile_name + " kualitas sumber daya manusia"}]
    after = snapshot(other_dataset)
    assert set(before["nodes"]) <= set(after["nodes"]) and set(before["edges"]) <= set(after["edges"])


MILLION = 1_000_000
MILLION_BAD_ROW = 999_990   # the record number (0-based) whose NIP is broken, near the end of the file
MILLION_PEAK_MB = 600       # bound on the validation's peak RSS above the process's baseline (README)
_MEASURE = """
import json, resource, sys
from pathlib import Path
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.importer import ImportRejected, import_path

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

runner = Runner.from_settings(Neo4jSettings.from_env())
runner.read("RETURN 1")
base = rss_mb()
try:
    import_path(Path(sys.argv[1]), runner, dataset="HOSTILE")
    problems = []
except ImportRejected as exc:
    problems = [str(problem) for problem in exc.problems]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"base_mb": base, "peak_mb": peak, "problems": problems[:20], "count": len(problems)}))
"""


def _million_staff(folder: Path) -> int:
    """tests/data/mini with 1,000,000 more staff rows (unique valid NIPs, each with a unit, a supervisor
    and an assignment: three references per row), one of them with a broken NIP. Returns its file row."""
    shutil.copytree(MINI, folder)
    units, targets, boss = ("DINKES", "DINKES-YANKES"), ("RHK-1", "S-DINKES", "SP-YANKES"), "197001012000031001"
    header_and_mini = len(text(folder, "staff.csv").strip().splitlines())
    with open(folder / "staff.csv", "a", encoding="utf-8", newline="") as handle:
        lines = []
        for i in range(MILLION):
            year, day, month = 1960 + (i // 1000) % 35, 1 + (i // 35_000) % 28, 1 + (i // 980_000) % 12
            nip = f"{year:04d}{month:02d}{day:02d}2010011{i % 1000:03d}" if i != MILLION_BAD_ROW else "1985-03-15"
            lines.append(f"{nip},Pegawai {i},Pelaksana,{units[i % 2]},{boss},{targets[i % 3]}\n")
            if len(lines) == 50_000:
                handle.writelines(lines)
                lines = []
        handle.writelines(lines)
    return header_and_mini + MILLION_BAD_ROW + 1


def test_a_million_row_file_is_streamed_with_bounded_memory_and_refused_at_its_bad_row(
        other_dataset, tmp_path, neo4j_settings):
    """1,000,000 staff rows, one bad NIP near the end: refused naming that row and column, nothing written,
    and the whole validation (reading, row checks, references) stays under MILLION_PEAK_MB above the
    process's baseline: rows are streamed and reduced as they are read (graph/importer/build.py)."""
    import json
    import os
    import subprocess
    import sys
    import time

    folder = tmp_path / "million"
    bad_row = _million_staff(folder)
    before = snapshot(other_dataset)
    started = time.perf_counter()
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(folder)], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).resolve().parent.parent, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    grown = result["peak_mb"] - result["base_mb"]
    print(f"\n1,000,000-row staff.csv: refused in {time.perf_counter() - started:.0f} s, peak RSS "
          f"{result['peak_mb']:.0f} MB ({grown:.0f} MB above the {result['base_mb']:.0f} MB baseline)")
    assert result["count"] == 1 and result["problems"][0].startswith(f"staff.csv:{bad_row}: nip:"), result["problems"]
    assert snapshot(other_dataset) == before, "a refused import wrote something"
    assert grown < MILLION_PEAK_MB
