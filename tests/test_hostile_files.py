"""Hostile import files: each case gets the error it must get (file, row and field named) and writes nothing.

The database holds another dataset while each case is tried: a refused import must leave it exactly as
it was. Cases are built from tests/data/mini by changing one thing, so each shows one refusal.
"""

from __future__ import annotations

import codecs
import shutil
from collections.abc import Callable
from pathlib import Path

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
    ("unbalanced quote", replace("goals.csv", "Kabupaten Uji", '"Kabupaten Uji'), ["goals.csv", "row 2", "quote"]),
    (
        "Latin-1 encoding",
        write_bytes("goals.csv", lambda t: t.replace("sehat", "séhat").encode("latin-1")),
        ["goals.csv", "row 2", "not UTF-8"],
    ),
    ("UTF-16 encoding", write_bytes("staff.csv", lambda t: t.encode("utf-16")), ["staff.csv", "UTF-16"]),
    (
        "UTF-16 big-endian",
        write_bytes("units.csv", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ["units.csv", "UTF-16"],
    ),
    (
        "binary garbage",
        write_bytes("activities.csv", lambda t: bytes(range(256)) * 64),
        ["activities.csv", "not UTF-8"],
    ),
    ("NUL bytes", write_bytes("goals.csv", lambda t: t.replace("\n", "\x00\n", 3).encode()), ["goals.csv", "NUL"]),
    ("an empty file", write_bytes("units.csv", lambda t: b""), ["units.csv", "empty"]),
    (
        "a header only",
        write_bytes("units.csv", lambda t: t.splitlines()[0].encode() + b"\n"),
        ["goals.csv", "unit_id", "does not exist"],
    ),
    ("a missing file", lambda folder: (folder / "staff.csv").unlink(), ["staff.csv", "missing"]),
    (
        "a line of 10 MB",
        append("goals.csv", "X1,visi," + "a" * 10_000_000 + ",PEMDA,"),
        ["goals.csv", "row 12", "longer than"],
    ),
    ("a missing column", replace("goals.csv", "id,level,", "ident,level,"), ["goals.csv:1", "missing column", "id"]),
    (
        "a self-contribution",
        replace(
            "goals.csv",
            "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1",
            "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,M1",
        ),
        ["goals.csv:3", "contributes_to", "itself"],
    ),
    (
        "staff reporting to themselves",
        lambda folder: _supervisor_self(folder),
        ["staff.csv", "supervisor_nip", "itself"],
    ),
    ("a duplicate edge", lambda folder: _duplicate_link(folder), ["links.csv:4", "the same CONTRIBUTES_TO link"]),
    (
        "a duplicate edge across files",
        append("links.csv", "M1,CONTRIBUTES_TO,V1,"),
        ["links.csv:4", "already given at goals.csv:3"],
    ),
    (
        "a goal contributing to its own indicator",
        lambda folder: _own_indicator(folder),
        ["goals.csv", "contributes_to", "indicator of", "itself"],
    ),
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
    (folder / "links.csv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")


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
    runner.write(
        "CREATE (u:Unit {id: 'OTHER-PEMDA', name: 'Kabupaten Lain', kind: 'pemda', dataset: 'OTHER-PEMDA'}) "
        "CREATE (g:Goal {id: 'OTHER-V1', level: 'visi', statement: 'Visi lain', dataset: 'OTHER-PEMDA'}) "
        "CREATE (u)-[:ASSIGNED_TO {dataset: 'OTHER-PEMDA'}]->(g)"
    )
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
    other_dataset, tmp_path, kind, change, expected
):
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
    (
        "a formula",
        lambda book: book["goals"].__setitem__("C3", "=UPPER(C2)"),
        ["hostile.xlsx[goals]:3", "statement", "formula"],
    ),
    (
        "merged cells",
        lambda book: book["goals"].merge_cells("D3:D5"),
        ["hostile.xlsx[goals]:3", "merged cells", "D3:D5"],
    ),
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
    replace(
        "goals.csv",
        "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1",
        "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1;S1",
    )(folder)
    import_path(folder, runner)
    rows = load_catalog().run(runner, "contribution_cycles", {})
    assert rows and any("M1" in str(row) for row in rows)


def test_cypher_fragments_in_cells_are_stored_as_plain_text(other_dataset, tmp_path):
    folder = tmp_path / "injection"
    shutil.copytree(MINI, folder)
    hostile_id, hostile_name = "M1' DETACH DELETE n //", "x'}) MATCH (n) DETACH DELETE n //"
    replace("goals.csv", "M1,misi,Meningkatkan", f"{hostile_id},misi,{hostile_name}")(folder)
    replace("goals.csv", "PEMDA,M1", f"PEMDA,{hostile_id}")(folder)
    before = snapshot(other_dataset, facts=False)
    import_path(folder, other_dataset)
    assert other_dataset.read("MATCH (g:Goal {id: $id}) RETURN g.statement AS s", {"id": hostile_id}) == [
        {"s": hostile_name + " kualitas sumber daya manusia"}
    ]
    # the other Pemda (written by raw Cypher, no fact of its own) gets "reaches an outcome" from this import: the
    # fact is left out of the comparison, everything of its own must be there as it was
    after = snapshot(other_dataset, facts=False)
    assert set(before["nodes"]) <= set(after["nodes"]) and set(before["edges"]) <= set(after["edges"])


MILLION = 1_000_000
MILLION_BAD_ROW = 999_990  # the record number (0-based) whose NIP is broken, near the end of the file
MILLION_PEAK_MB = 700  # bound on the validation's peak RSS above the process's baseline (README); each
# ASN also carries its kind (PNS/PPPK) and each refused row's id is remembered
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
    other_dataset, tmp_path, neo4j_settings
):
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
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    grown = result["peak_mb"] - result["base_mb"]
    print(
        f"\n1,000,000-row staff.csv: refused in {time.perf_counter() - started:.0f} s, peak RSS "
        f"{result['peak_mb']:.0f} MB ({grown:.0f} MB above the {result['base_mb']:.0f} MB baseline)"
    )
    assert result["count"] == 1 and result["problems"][0].startswith(f"staff.csv:{bad_row}: nip:"), result["problems"]
    assert snapshot(other_dataset) == before, "a refused import wrote something"
    assert grown < MILLION_PEAK_MB


# -- bounded resources: every size a file controls --------------------------------------------------------


def _traced_peak_mb(action: Callable[[], object]) -> tuple[object, float]:
    """What `action` returns, and the peak of Python allocations while it ran (MB above the start)."""
    import tracemalloc

    tracemalloc.start()
    try:
        result = action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak / 1e6


def _validate_offline(folder: Path):
    """Read and check a folder as `pokin import` does up to the database (nothing in it is looked up)."""
    from graph.importer.build import Builder
    from graph.importer.sources import read_source

    tables, problems = read_source(folder)
    if problems:
        return ImportRejected(problems)
    builder = Builder(tables, lambda ids, name: {}, "HOSTILE")
    return None if builder.build() is not None else ImportRejected(builder.problems)


BAD_UNITS = 3_000


def _bad_units(folder: Path, count: int) -> None:
    shutil.copytree(MINI, folder)
    with open(folder / "units.csv", "a", encoding="utf-8") as handle:
        handle.writelines(f"U{i},Unit {i},no_such_kind,PEMDA\n" for i in range(count))


def test_a_file_bad_on_every_row_gets_the_first_problems_listed_and_all_counted(other_dataset, tmp_path):
    """Thousands of bad rows: the report lists MAX_PROBLEMS_SHOWN of them, in file and row order, and says how
    many there are; the memory of the validation does not grow with the number of problems."""
    from graph.importer.errors import MAX_PROBLEMS_SHOWN

    folder = tmp_path / "bad"
    _bad_units(folder, BAD_UNITS)
    before = snapshot(other_dataset)
    with pytest.raises(ImportRejected) as info:
        import_path(folder, other_dataset, dataset="HOSTILE")
    refused = info.value
    assert refused.total == BAD_UNITS and refused.not_shown == BAD_UNITS - MAX_PROBLEMS_SHOWN
    assert len(refused.problems) == MAX_PROBLEMS_SHOWN
    rows = [problem.row for problem in refused.problems]
    assert rows == list(range(6, 6 + MAX_PROBLEMS_SHOWN))  # the first ones: units.csv has 4 rows before them
    assert str(refused.problems[0]).startswith("units.csv:6: kind: ")
    assert f"{BAD_UNITS - MAX_PROBLEMS_SHOWN} more problems not shown ({BAD_UNITS} in all)" in str(refused)
    assert snapshot(other_dataset) == before

    small, large = tmp_path / "small", tmp_path / "large"
    _bad_units(small, BAD_UNITS // 10)
    _bad_units(large, BAD_UNITS)
    _, small_peak = _traced_peak_mb(lambda: _validate_offline(small))
    result, large_peak = _traced_peak_mb(lambda: _validate_offline(large))
    assert result.total == BAD_UNITS
    # every problem kept would be ~300 bytes each: ~0.8 MB more for 2,700 more problems. The id of each refused
    # row is remembered (~100 bytes, as an accepted row's id is), so that a reference to it names that row
    assert large_peak - small_peak < 0.6, (small_peak, large_peak)


def test_every_problem_is_short_whatever_the_cell_it_quotes(other_dataset, tmp_path):
    """A problem quotes the cell it is about: a cell of 100,000 characters is cut in the report."""
    from graph.importer.errors import MAX_MESSAGE_CHARS

    folder = tmp_path / "long"
    shutil.copytree(MINI, folder)
    append("staff.csv", "199002022015032099,Budi,Pelaksana," + "X" * 100_000 + ",,")(folder)
    message = refused(other_dataset, folder, ["staff.csv:", "unit_id"])
    assert max(len(line) for line in message.splitlines()) < MAX_MESSAGE_CHARS + 100


def test_a_line_of_millions_of_cells_is_refused_at_its_row_without_reading_it_whole(other_dataset, tmp_path):
    """One line of 5,000,000 empty cells (5 MB; the same as 35 million in a 100 MB line): refused naming the
    file, the row and the limit, with a few MB of memory (splitting it would take ~200 MB)."""
    from graph.importer.sources import MAX_ROW_CHARS

    folder = tmp_path / "wide"
    shutil.copytree(MINI, folder)
    with open(folder / "units.csv", "a", encoding="utf-8") as handle:
        handle.write("," * 5_000_000 + "\n")
    result, peak = _traced_peak_mb(lambda: _validate_offline(folder))
    assert [str(problem) for problem in result.problems] == [
        f"units.csv: row 6: the row is longer than {MAX_ROW_CHARS:,} characters (a line without its line break, "
        "or a cell whose quote is never closed?)"
    ]
    assert peak < 12, f"{peak:.0f} MB"
    refused(other_dataset, folder, ["units.csv", "row 6", f"longer than {MAX_ROW_CHARS:,}"])


def test_a_row_of_more_cells_than_a_spreadsheet_holds_is_refused(other_dataset, tmp_path):
    from graph.importer.sources import MAX_CELLS

    folder = tmp_path / "cells"
    shutil.copytree(MINI, folder)
    append("goals.csv", "X1,visi,Visi," + "," * MAX_CELLS)(folder)
    refused(other_dataset, folder, ["goals.csv", "row 12", f"more than {MAX_CELLS:,} cells"])


def test_separators_inside_a_quoted_cell_are_not_cells(tmp_path):
    """A cell of prose with 20,000 commas and line breaks is one cell: read, not refused."""
    from graph.importer.sources import read_source

    folder = tmp_path / "prose"
    shutil.copytree(MINI, folder)
    prose = "ya,\n" * 20_000  # 20,000 separators in 80,000 characters
    append("goals.csv", f'X1,visi,"{prose}",PEMDA,')(folder)
    tables, problems = read_source(folder)
    assert problems == []
    rows = {row["id"]: row for _, row in tables["goals"].rows()}
    assert rows["X1"]["statement"] == prose.strip() and rows["X1"]["unit_id"] == "PEMDA"


def _rewrite_member(book_path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(book_path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(book_path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, change(data) if info.filename == member else data)


def _mini_book(tmp_path: Path) -> Path:
    """tests/data/mini as a workbook (a sheet per file, in name order: goals is sheet2.xml)."""
    from test_service_support import xlsx_bytes

    path = tmp_path / "hostile.xlsx"
    path.write_bytes(xlsx_bytes())
    return path


def _with_doctype(declarations: str, reference: str) -> Callable[[bytes], bytes]:
    """A DOCTYPE before the root element and, when given, `reference` (an entity) as the first text."""

    def change(xml: bytes) -> bytes:
        text = xml.decode()
        root = text.index("<", text.index("?>") + 2) if text.startswith("<?xml") else 0
        text = text[:root] + f"<!DOCTYPE root [{declarations}]>" + text[root:]
        if reference:
            at = text.index("<t>") + 3
            text = text[:at] + reference + text[at:]
        return text.encode()

    return change


EXTERNAL = '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
LAUGHS = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">' for i in range(1, 10)
)
XML_CASES = [
    (
        "an external entity in a sheet",
        "xl/worksheets/sheet2.xml",
        EXTERNAL,
        "&xxe;",
        ["hostile.xlsx", "not a readable .xlsx workbook"],
    ),
    (
        "billion laughs in a sheet",
        "xl/worksheets/sheet2.xml",
        LAUGHS,
        "&lol9;",
        ["hostile.xlsx", "not a readable .xlsx workbook"],
    ),
    ("a DOCTYPE in a sheet", "xl/worksheets/sheet2.xml", "", "", ["hostile.xlsx[goals]", "DOCTYPE"]),
    (
        "an external entity in the workbook",
        "xl/workbook.xml",
        EXTERNAL,
        "",
        ["hostile.xlsx", "not a readable .xlsx workbook"],
    ),
    (
        "billion laughs in the workbook",
        "xl/workbook.xml",
        LAUGHS,
        "",
        ["hostile.xlsx", "not a readable .xlsx workbook"],
    ),
]


@pytest.mark.parametrize(
    "kind, member, declarations, reference, expected", XML_CASES, ids=[case[0] for case in XML_CASES]
)
def test_xml_entities_in_a_workbook_are_refused_never_expanded(
    other_dataset, tmp_path, kind, member, declarations, reference, expected
):
    path = _mini_book(tmp_path)
    _rewrite_member(path, member, _with_doctype(declarations, reference))
    message = refused(other_dataset, path, expected)
    assert "root:" not in message and "lollollol" not in message


def test_the_workbook_parser_expands_no_entity(tmp_path):
    """Besides the pre-scan's refusal of a DOCTYPE in a sheet: openpyxl parses through defusedxml."""
    import openpyxl
    from defusedxml import EntitiesForbidden
    from openpyxl.xml.functions import fromstring

    assert openpyxl.DEFUSEDXML
    with pytest.raises(EntitiesForbidden):
        fromstring(f"<!DOCTYPE root [{LAUGHS}]><root>&lol9;</root>")


def test_a_sheet_row_of_more_cells_than_a_spreadsheet_holds_is_refused_before_it_is_parsed(other_dataset, tmp_path):
    """A sheet row of 200,000 empty cells (compressing to a few KB): refused naming the sheet and row, before
    openpyxl builds the row's XML element (~100 bytes a cell)."""
    from graph.importer.sources import MAX_CELLS, read_source

    path = _mini_book(tmp_path)

    def wide(xml: bytes) -> bytes:
        at = xml.index(b'<row r="3"')
        at = xml.index(b">", at) + 1
        return xml[:at] + b"<c/>" * 200_000 + xml[at:]

    _rewrite_member(path, "xl/worksheets/sheet2.xml", wide)
    (_tables, problems), peak = _traced_peak_mb(lambda: read_source(path))
    assert [str(problem) for problem in problems] == [
        f"hostile.xlsx[goals]:3: more than {MAX_CELLS:,} cells in the row (a spreadsheet row has at most that many)"
    ]
    assert peak < 15, f"{peak:.0f} MB"
    refused(other_dataset, path, ["hostile.xlsx[goals]:3", "more than"])


def test_a_workbook_cell_longer_than_the_limit_is_refused(other_dataset, tmp_path):
    from graph.importer.sources import MAX_CELL_CHARS

    path = _mini_book(tmp_path)
    _rewrite_member(
        path, "xl/worksheets/sheet2.xml", lambda xml: xml.replace(b"<t>Meningkatkan", b"<t>" + b"x" * MAX_CELL_CHARS, 1)
    )
    refused(other_dataset, path, ["hostile.xlsx[goals]:3", "statement", f"longer than {MAX_CELL_CHARS:,}"])
