"""The import contract against the real Neo4j: counts, idempotency, refusals with zero writes, atomicity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, snapshot
from openpyxl import Workbook

from graph.importer import ImportRejected, import_path, validate_path
from graph.importer import writer as write_module
from graph.importer.sources import TABLES

MINI = DATA / "mini"


def copy_mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def implied_edges(runner) -> set[tuple]:
    return {
        (row["i"], row["g"], row["w"], row["d"])
        for row in runner.read(
            "MATCH (i)-[r:CONTRIBUTES_TO]->(g) WHERE r.implied "
            "RETURN i.id AS i, g.id AS g, r.weight AS w, r.dataset AS d"
        )
    }


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_mini_dataset_imports_with_expected_counts(runner):
    report = import_path(MINI, runner)
    assert report.dataset == "PEMDA"
    counts = {
        row["label"]: row["n"] for row in runner.read("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    }
    assert counts == {
        "Unit": 4,
        "Goal": 10,
        "Indicator": 2,
        "IndicatorYear": 3,
        "Activity": 4,
        "ASN": 5,
        "PokinImportLock": 1,  # the lock that serialises imports (graph/model.py)
        "PokinImport": 1,
        "PokinVersion": 1,
    }  # and the import's record in the import log, and the version's record (graph/versions.py)
    rels = {
        row["type"]: row["n"]
        for row in runner.read("MATCH ()-[r]->() WHERE r.implied IS NULL RETURN type(r) AS type, count(*) AS n")
    }
    assert rels == {
        "ASSIGNED_TO": 19,
        "CONTRIBUTES_TO": 12,
        "MEASURED_BY": 2,
        "PART_OF": 6,
        "MEMBER_OF": 5,
        "REPORTS_TO": 4,
    }
    # and one implied indicator→goal edge per MEASURED_BY (graph/model.py)
    assert implied_edges(runner) == {("I-S1", "S1", 1.0, "PEMDA"), ("I-SK", "SK-IMUN", 1.0, "PEMDA")}
    budget = runner.read("MATCH (a:Activity {id: 'SK-1'}) RETURN a.budget AS budget, a.year AS year")[0]
    assert budget == {"budget": 250_000_000, "year": 2026}
    figures = runner.read("MATCH (y:IndicatorYear {indicator_id: 'I-SK', year: 2025}) RETURN y.realisasi AS r")
    assert figures == [{"r": 85.5}]
    weight = runner.read(
        "MATCH (:Activity {id: 'SK-1'})-[r:CONTRIBUTES_TO]->(:Goal {id: 'S-DINSOS'}) RETURN r.weight AS w"
    )
    assert weight == [{"w": 0.5}]
    # an indicator as a contribution target, and the ASN's structural edges
    assert runner.read("MATCH (:Goal {id: 'S-DINSOS'})-[:CONTRIBUTES_TO]->(i:Indicator) RETURN i.id AS id") == [
        {"id": "I-S1"}
    ]
    assert runner.read("MATCH (:ASN {nip: '199002022015032003'})-[:REPORTS_TO]->(s:ASN) RETURN s.nip AS nip") == [
        {"nip": "198503152010011002"}
    ]


def test_second_import_changes_nothing(runner):
    import_path(MINI, runner)
    before = snapshot(runner)
    report = import_path(MINI, runner)
    assert snapshot(runner) == before
    assert report.written.nodes_created == report.written.nodes_deleted == 0
    assert report.written.relationships_created == report.written.relationships_deleted == 0
    # what a first import CREATEs (values by position, a null making no property) is exactly what the update of
    # an existing node compares against (a map without the nulls): nothing to set
    assert report.written.properties_set == 0
    assert runner.read("MATCH (y:IndicatorYear) WHERE y.realisasi_tw4 IS NULL RETURN count(y) AS n")[0]["n"] > 0


def test_every_key_lookup_of_a_reimport_seeks_its_index_whatever_the_statistics(runner):
    """After a big import the planner's index statistics are stale; a plain `USING INDEX` hint then let it
    scan a whole index per row and hash-join (seconds per batch, seen at kabupaten scale; on this small graph
    the planner seeks either way, so this guards the plan's shape and BENCHMARKS.md the speed)."""
    import_path(MINI, runner)
    built = validate_path(MINI, runner)
    with runner.driver.session(database=runner.database) as session:
        state = session.execute_read(lambda tx: write_module.read_state(tx, built))
    # the files unchanged, the plan sends nothing; as if every property had changed, it updates every node and edge
    assert write_module.plan(built, state=state) == []
    for held in (*state.own.values(), *state.edges.values(), state.implied):
        held.update({key: {} for key in held})
    looked_up = 0
    for statement in write_module.plan(built, state=state):
        if "USING INDEX" not in statement.cypher:
            continue
        looked_up += 1
        operators = {op.name for op in runner.explain(statement.cypher, statement.params).operators}
        assert not operators & {"NodeIndexScan", "NodeByLabelScan", "AllNodesScan"}, statement.cypher
        assert any("Seek" in name for name in operators), statement.cypher
    assert looked_up >= 10  # node updates and edge updates of every type


def test_dry_run_writes_nothing(runner):
    report = import_path(MINI, runner, dry_run=True)
    assert report.written is None and report.counts["Goal"] == 10
    assert runner.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_reimport_of_a_changed_dataset_removes_what_disappeared(runner, tmp_path):
    import_path(MINI, runner)
    folder = copy_mini(tmp_path)
    edit(folder, "goals.csv", "RHK-DEAD,rhk,Tersusunnya laporan internal,DINKES-YANKES,\n", "")
    edit(
        folder,
        "staff.csv",
        "199208082020121005,Joko Pratama,Analis Perencanaan,DINKES-YANKES,198503152010011002,RHK-DEAD\n",
        "",
    )
    edit(folder, "links.csv", "SK-1,CONTRIBUTES_TO,S-DINSOS,0.5", "SK-1,CONTRIBUTES_TO,S-DINSOS,0.25")
    edit(folder, "activities.csv", "2026,Rp 250.000.000,SK-IMUN", "2026,Rp 300.000.000,")
    import_path(folder, runner)
    assert runner.read("MATCH (n) WHERE n.id = 'RHK-DEAD' OR n.nip = '199208082020121005' RETURN n") == []
    assert runner.read("MATCH (:Activity {id: 'SK-1'})-[r:CONTRIBUTES_TO]->(g) RETURN g.id AS id, r.weight AS w") == [
        {"id": "S-DINSOS", "w": 0.25}
    ]
    assert runner.read("MATCH (a:Activity {id: 'SK-1'}) RETURN a.budget AS b") == [{"b": 300_000_000}]
    fresh = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    import_path(folder, runner)
    assert snapshot(runner) == fresh, "a changed re-import must equal a fresh import of the new files"


def test_implied_edges_follow_measured_by_across_reimports(runner, tmp_path):
    import_path(MINI, runner)
    folder = copy_mini(tmp_path)
    # I-SK now measures S-DINKES instead of SK-IMUN: the implied edge moves with it
    edit(folder, "indicators.csv", "I-SK,SK-IMUN,", "I-SK,S-DINKES,")
    import_path(folder, runner)
    assert implied_edges(runner) == {("I-S1", "S1", 1.0, "PEMDA"), ("I-SK", "S-DINKES", 1.0, "PEMDA")}
    # a real contribution of an indicator to the goal it measures replaces the implied edge beside it
    edit(
        folder,
        "links.csv",
        "SK-1,CONTRIBUTES_TO,S-DINSOS,0.5",
        "SK-1,CONTRIBUTES_TO,S-DINSOS,0.5\nI-S1,CONTRIBUTES_TO,S1,0.75",
    )
    import_path(folder, runner)
    assert implied_edges(runner) == {("I-SK", "S-DINKES", 1.0, "PEMDA")}
    assert runner.read(
        "MATCH (:Indicator {id: 'I-S1'})-[r:CONTRIBUTES_TO]->(:Goal {id: 'S1'}) "
        "RETURN r.weight AS w, r.implied AS implied"
    ) == [{"w": 0.75, "implied": None}]
    again = import_path(folder, runner)
    assert again.written.relationships_created == again.written.relationships_deleted == 0
    # and when that real edge disappears from the files, the implied one comes back
    import_path(MINI, runner)
    assert implied_edges(runner) == {("I-S1", "S1", 1.0, "PEMDA"), ("I-SK", "SK-IMUN", 1.0, "PEMDA")}
    fresh = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    import_path(MINI, runner)
    assert snapshot(runner) == fresh


def test_a_reimport_puts_back_what_was_changed_outside_the_importer(runner):
    """The plan compares the files with what the database holds, not with what the last import wrote: a property,
    an edge or an implied edge changed by hand is put back, and another dataset's real contribution from an
    indicator to the element it measures stands in for the implied edge, as the files' own would."""
    import_path(MINI, runner)
    fresh = snapshot(runner)
    runner.write("MATCH (g:Goal {id: 'S1'}) SET g.statement = 'diubah', g.extra = 1")
    runner.write("MATCH (y:IndicatorYear {indicator_id: 'I-S1'}) SET y.target = y.target + 1")
    runner.write("MATCH (:Activity {id: 'SK-1'})-[r:CONTRIBUTES_TO]->() SET r.weight = 0.1")
    runner.write("MATCH (:Indicator {id: 'I-SK'})-[r:CONTRIBUTES_TO {implied: true}]->() SET r.weight = 2.0")
    runner.write("MATCH (:Indicator {id: 'I-S1'})-[r:CONTRIBUTES_TO {implied: true}]->() DELETE r")
    runner.write("MATCH ()-[r:MEASURED_BY]->(:Indicator {id: 'I-SK'}) DELETE r")
    report = import_path(MINI, runner)
    assert report.written.properties_set > 0 and report.written.relationships_created == 2
    assert snapshot(runner) == fresh
    assert import_path(MINI, runner).written.changed() is False
    runner.write(
        "MATCH (i:Indicator {id: 'I-S1'}), (g:Goal {id: 'S1'}) "
        "CREATE (i)-[:CONTRIBUTES_TO {weight: 0.5, dataset: 'LAIN'}]->(g)"
    )
    import_path(MINI, runner)
    assert implied_edges(runner) == {("I-SK", "SK-IMUN", 1.0, "PEMDA")}
    runner.write("MATCH ()-[r:CONTRIBUTES_TO {dataset: 'LAIN'}]->() DELETE r")
    import_path(MINI, runner)
    assert snapshot(runner) == fresh


def test_derive_implied_edges_on_a_graph_built_by_hand_is_idempotent(runner):
    from graph.model import derive_implied_edges

    runner.write(
        "CREATE (g:Goal {id: 'G'})-[:MEASURED_BY]->(i:Indicator {id: 'I'}), "
        "(h:Goal {id: 'H'})-[:MEASURED_BY {dataset: 'D'}]->(j:Indicator {id: 'J'}), "
        "(k:Goal {id: 'K'}), (l:Indicator {id: 'L'}), "
        "(l)-[:CONTRIBUTES_TO {implied: true, weight: 1.0}]->(k)"
    )  # stale: no MEASURED_BY
    derive_implied_edges(runner)
    assert implied_edges(runner) == {("I", "G", 1.0, None), ("J", "H", 1.0, "D")}
    before = snapshot(runner)
    derive_implied_edges(runner)
    assert snapshot(runner) == before
    runner.write("MATCH (:Goal {id: 'G'})-[m:MEASURED_BY]->() DELETE m")
    derive_implied_edges(runner, "D")  # another dataset's edges are left alone
    assert implied_edges(runner) == {("I", "G", 1.0, None), ("J", "H", 1.0, "D")}
    derive_implied_edges(runner)
    assert implied_edges(runner) == {("J", "H", 1.0, "D")}


# Each bad-input class: (file, text to replace, replacement, expected file:row, column, message fragment)
BAD_INPUTS = [
    ("goals.csv", "S1,sasaran,", "S1,sasaranx,", "goals.csv:5", "level", "Input should be"),
    (
        "units.csv",
        "DINSOS,Dinas Sosial,perangkat_daerah",
        "DINSOS,Dinas Sosial,dinas",
        "units.csv:5",
        "kind",
        "Input should be",
    ),
    ("activities.csv", "SK-2,subkegiatan", "SK-2,sub_sub", "activities.csv:5", "kind", "Input should be"),
    ("indicators.csv", "%,negatif,2025", "%,turun,2025", "indicators.csv:2", "polarity", "Input should be"),
    ("links.csv", "SK-1,CONTRIBUTES_TO", "SK-1,SUPPORTS", "links.csv:2", "type", "Input should be"),
    ("goals.csv", "RHK-DEAD,rhk", "RHK-1,rhk", "goals.csv:10", "id", "already used at goals.csv:9"),
    ("activities.csv", "SK-2,subkegiatan", "S1,subkegiatan", "activities.csv:5", "id", "already used"),
    (
        "staff.csv",
        "DINKES-YANKES,198503152010011002,RHK-1",
        "DINKES-YANKES,198503152010011002,RHK-404",
        "staff.csv:4",
        "assigned_to",
        "'RHK-404' does not exist",
    ),
    ("goals.csv", "DINSOS,I-S1", "DINSOS,I-NOPE", "goals.csv:11", "contributes_to", "does not exist"),
    ("activities.csv", "DINKES-YANKES,P-1", "DINKES-YANKES,P-9", "activities.csv:3", "parent_id", "does not exist"),
    (
        "units.csv",
        "DINKES,Dinas Kesehatan,perangkat_daerah,PEMDA",
        "DINKES,Dinas Kesehatan,perangkat_daerah,X",
        "units.csv:3",
        "parent_id",
        "does not exist",
    ),
    ("staff.csv", "199002022015032003,Andi", "19900202201503200,Andi", "staff.csv:4", "nip", "18 digits"),
    ("staff.csv", "199002022015032003,Andi", "199002302015032003,Andi", "staff.csv:4", "nip", "birth date"),
    ("staff.csv", "199002022015032003,Andi", "199002022015152003,Andi", "staff.csv:4", "nip", "appointment"),
    ("staff.csv", "199002022015032003,Andi", "199002022015033003,Andi", "staff.csv:4", "nip", "sex digit"),
    (
        "staff.csv",
        "Rina Lestari,Pengadministrasi Umum,DINKES-YANKES,198503152010011002",
        "Rina Lestari,Pengadministrasi Umum,DINKES-YANKES,199105052019022004",
        "staff.csv:5",
        "supervisor_nip",
        "refers to itself",
    ),
    ("activities.csv", "Rp 250.000.000", "-250000000", "activities.csv:4", "budget", "negative"),
    ("activities.csv", "Rp 250.000.000", "dua ratus juta", "activities.csv:4", "budget", "not a number"),
    ("indicators.csv", "negatif,2025,12,10,9", "negatif,2025,12,-10,9", "indicators.csv:2", "target", "negative"),
    ("indicators.csv", "negatif,2025,12,10,9", "negatif,2025,12,1.250,9", "indicators.csv:2", "target", "ambiguous"),
    ("indicators.csv", "negatif,2026,12,9,", "negatif,2025,12,9,", "indicators.csv:3", "year", "already has a row"),
    ("indicators.csv", "negatif,2026", "positif,2026", "indicators.csv:3", "polarity", "differs"),
    (
        "goals.csv",
        "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,V1",
        "M1,misi,Meningkatkan kualitas sumber daya manusia,PEMDA,M1",
        "goals.csv:3",
        "contributes_to",
        "refers to itself",
    ),
    (
        "goals.csv",
        "T1,tujuan,Meningkatnya derajat kesehatan masyarakat,PEMDA",
        "T1,tujuan,,PEMDA",
        "goals.csv:4",
        "statement",
        "required",
    ),
    (
        "activities.csv",
        "SK-1,subkegiatan,1.02.02.2.01.0001,Pengelolaan Imunisasi,DINKES-YANKES,K-1",
        "SK-1,subkegiatan,1.02.02.2.01.0001,Pengelolaan Imunisasi,DINKES-YANKES,P-1",
        "activities.csv:4",
        "parent_id",
        "must be a kegiatan",
    ),
    (
        "staff.csv",
        "DINKES-YANKES,198503152010011002,RHK-1",
        "DINKES-YANKES,198503152010011002,DINSOS",
        "staff.csv:4",
        "assigned_to",
        "is a Unit",
    ),
    (
        "links.csv",
        "199105052019022004,ASSIGNED_TO,SK-2,",
        "SK-2,ASSIGNED_TO,SK-1,",
        "links.csv:3",
        "from_id",
        "cannot start at",
    ),
    (
        "links.csv",
        "SK-1,CONTRIBUTES_TO,S-DINSOS,0.5",
        "SK-1,CONTRIBUTES_TO,S-DINSOS,0",
        "links.csv:2",
        "weight",
        "more than 0",
    ),
    (
        "goals.csv",
        "id,level,statement,unit_id,contributes_to",
        "id,tingkat,statement,unit_id,contributes_to",
        "goals.csv:1",
        None,
        "missing column(s): level",
    ),
]


@pytest.mark.parametrize(
    "file, old, new, where, column, fragment",
    BAD_INPUTS,
    ids=[f"{case[0]}-{case[4]}-{i}" for i, case in enumerate(BAD_INPUTS)],
)
def test_bad_input_is_refused_naming_file_row_and_column_with_zero_writes(
    runner, tmp_path, file, old, new, where, column, fragment
):
    import_path(MINI, runner)
    before = snapshot(runner)
    folder = copy_mini(tmp_path)
    edit(folder, file, old, new)
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    matching = [
        p for p in refused.value.problems if str(p).startswith(where) and p.column == column and fragment in p.message
    ]
    assert matching, f"no problem at {where} {column} with {fragment!r}: {[str(p) for p in refused.value.problems]}"
    assert snapshot(runner) == before


def test_every_problem_is_reported_at_once(runner, tmp_path):
    folder = copy_mini(tmp_path)
    edit(folder, "goals.csv", "S1,sasaran,", "S1,sasaranx,")
    edit(folder, "staff.csv", "199002022015032003,Andi", "1990,Andi")
    edit(folder, "activities.csv", "Rp 250.000.000", "-1")
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    places = {(p.file, p.row, p.column) for p in refused.value.problems}
    assert {("goals.csv", 5, "level"), ("staff.csv", 4, "nip"), ("activities.csv", 4, "budget")} <= places
    assert runner.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_files_that_are_not_utf8_or_missing_are_refused(runner, tmp_path):
    folder = copy_mini(tmp_path)
    (folder / "units.csv").write_bytes("id,name,kind,parent_id\nX,Dinas Pekerjaan Umum \xe9,pemda,\n".encode("latin-1"))
    (folder / "staff.csv").unlink()
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    text = str(refused.value)
    assert "units.csv: row 2: not UTF-8" in text and "staff.csv: file missing" in text
    assert runner.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_spreadsheet_style_csv_reads_the_same_as_the_clean_one(runner, tmp_path):
    """`;` separators, a BOM, headers in any case and order, stray spaces, blank lines, Indonesian numbers."""
    import_path(MINI, runner)
    clean = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    messy = tmp_path / "messy"
    messy.mkdir()
    for table in TABLES:
        lines = (MINI / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        rows = [_split(line) for line in lines[1:]]
        order = list(reversed(range(len(header))))
        out = [";".join(f" {header[i].upper()} " for i in order), ""]
        for row in rows:
            out.append(";".join(_messy_cell(header[i], row[i]) for i in order))
            out.append("   ")
        (messy / f"{table.upper()}.csv").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(out).encode("utf-8"))
    import_path(messy, runner)
    assert snapshot(runner) == clean


def _split(line: str) -> list[str]:
    import csv

    return next(csv.reader([line]))


def _messy_cell(column: str, value: str) -> str:
    if column == "budget" and value:
        return value if value.startswith("Rp") else f"Rp {value}"
    if column in ("target", "realisasi", "baseline", "weight") and value:
        return f" {value.replace('.', ',')} "
    return f" {value} " if value else ""


def test_workbook_reads_the_same_as_the_csv_folder(runner, tmp_path):
    import_path(MINI, runner)
    from_csv = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    book = Workbook()
    book.remove(book.active)
    for table in TABLES:
        sheet = book.create_sheet(table.capitalize())
        lines = (MINI / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        for line in lines:
            cells = _split(line)
            sheet.append([_typed(cell) for cell in cells])
    path = tmp_path / "kabupaten.xlsx"
    book.save(path)
    report = import_path(path, runner)
    assert report.dataset == "PEMDA"
    assert snapshot(runner) == from_csv


def _typed(cell: str):
    """Numbers as a spreadsheet would hold them; NIPs stay text (18 digits do not fit a number)."""
    try:
        return int(cell) if len(cell) < 12 else cell
    except ValueError:
        return cell or None


def test_workbook_nip_stored_as_number_is_refused(runner, tmp_path):
    book = Workbook()
    book.remove(book.active)
    for table in TABLES:
        sheet = book.create_sheet(table)
        for line in (MINI / f"{table}.csv").read_text(encoding="utf-8").splitlines():
            cells = _split(line)
            if table == "staff" and cells[0].isdigit():
                cells[0] = float(cells[0])
            sheet.append(cells)
    path = tmp_path / "book.xlsx"
    book.save(path)
    with pytest.raises(ImportRejected, match=r"book.xlsx\[staff\]:2: nip: NIP is stored as a number"):
        import_path(path, runner)


def test_a_failure_in_the_middle_of_writing_leaves_nothing(runner, monkeypatch, tmp_path):
    import_path(MINI, runner)
    before = snapshot(runner)
    folder = copy_mini(tmp_path)
    edit(folder, "goals.csv", "Tersusunnya laporan internal", "Tersusunnya laporan internal (revisi)")
    real_plan = write_module.plan

    def plan_that_fails_midway(dataset, batch_size=write_module.BATCH_SIZE, state=None):
        statements = real_plan(dataset, 1, state)
        middle = len(statements) // 2
        failing = write_module._Statement("UNWIND [1, 0] AS x RETURN 1 / x AS boom")
        return [*statements[:middle], failing, *statements[middle:]]

    monkeypatch.setattr(write_module, "plan", plan_that_fails_midway)
    with pytest.raises(Exception, match=r"/ by zero|division"):
        import_path(folder, runner)
    assert snapshot(runner) == before


def test_references_may_point_into_another_dataset_already_loaded(runner, tmp_path):
    import_path(MINI, runner)
    other = tmp_path / "desa"
    other.mkdir()
    (other / "units.csv").write_text("id,name,kind,parent_id\nKEC,Kecamatan Uji,perangkat_daerah,\n")
    (other / "goals.csv").write_text(
        "id,level,statement,unit_id,contributes_to\nS-KEC,sasaran,Meningkatnya pelayanan kecamatan,KEC,T1\n"
    )
    for table in ("indicators", "activities", "staff"):
        header = (MINI / f"{table}.csv").read_text().splitlines()[0]
        (other / f"{table}.csv").write_text(header + "\n")
    report = import_path(other, runner)
    assert report.dataset == "KEC"
    assert runner.read("MATCH (:Goal {id: 'S-KEC'})-[:CONTRIBUTES_TO]->(t:Goal) RETURN t.dataset AS d") == [
        {"d": "PEMDA"}
    ]
    # re-importing the first dataset keeps the other dataset's edge into it
    import_path(MINI, runner)
    assert len(runner.read("MATCH (:Goal {id: 'S-KEC'})-[r:CONTRIBUTES_TO]->() RETURN r")) == 1


def test_validate_path_raises_for_a_single_csv_file(runner):
    with pytest.raises(ImportRejected, match="give the folder"):
        validate_path(MINI / "units.csv", runner)


# A second dataset (KEC) that DEFINES one of tests/data/mini's nodes (dataset PEMDA) in one of its files:
# (file, rows after the header, the one problem expected)
_TAKEN = "already belongs to dataset 'PEMDA'; ids are unique across datasets (import that dataset to change it)"
TAKEOVERS = [
    (
        "goals.csv",
        "S-KEC,sasaran,Meningkatnya pelayanan kecamatan,KEC,T1\nT1,tujuan,Tujuan kecamatan,KEC,\n",
        f"goals.csv:3: id: 'T1' {_TAKEN}",
    ),
    (
        "units.csv",
        "KEC,Kecamatan Uji,perangkat_daerah,\nDINSOS,Seksi Sosial,unit_kerja,KEC\n",
        f"units.csv:3: id: 'DINSOS' {_TAKEN}",
    ),
    # an indicator and its IndicatorYear nodes: one problem, at the indicator's first row
    (
        "indicators.csv",
        "I-S1,S-KEC,Angka kesakitan,%,negatif,2025,12,10,9\nI-S1,S-KEC,Angka kesakitan,%,negatif,2027,12,8,\n",
        f"indicators.csv:2: id: 'I-S1' {_TAKEN}",
    ),
    (
        "activities.csv",
        "P-1,program,1.02.02,Program kecamatan,KEC,,2026,,S-KEC\n",
        f"activities.csv:2: id: 'P-1' {_TAKEN}",
    ),
    (
        "staff.csv",
        "199002022015032003,Andi Wijaya,Pengelola Data,KEC,,S-KEC\n",
        f"staff.csv:2: nip: '199002022015032003' {_TAKEN}",
    ),
]


def without_lock(graph: dict) -> dict:
    """A snapshot without the import lock's node (which a committed import may stamp, graph/model.py)."""
    return {"nodes": [node for node in graph["nodes"] if "PokinImportLock" not in node[0]], "edges": graph["edges"]}


def kecamatan(tmp_path: Path, file: str | None = None, rows: str = "") -> Path:
    """Dataset KEC: one unit and one goal contributing to PEMDA's T1 (a reference), plus `rows` in `file`."""
    folder = tmp_path / "kec"
    folder.mkdir()
    files = {
        "units.csv": "KEC,Kecamatan Uji,perangkat_daerah,\n",
        "goals.csv": "S-KEC,sasaran,Meningkatnya pelayanan kecamatan,KEC,T1\n",
    }
    if file is not None:
        files[file] = rows
    for table in ("units", "goals", "indicators", "activities", "staff"):
        header = (MINI / f"{table}.csv").read_text().splitlines()[0]
        (folder / f"{table}.csv").write_text(header + "\n" + files.get(f"{table}.csv", ""))
    return folder


@pytest.mark.parametrize("file, rows, expected", TAKEOVERS, ids=[case[0] for case in TAKEOVERS])
def test_defining_a_node_of_another_dataset_is_refused_naming_file_row_and_field(
    runner, tmp_path, file, rows, expected
):
    import_path(MINI, runner)
    before = snapshot(runner)
    folder = kecamatan(tmp_path, file, rows)
    for dry_run in (True, False):  # the dry run reports it too
        with pytest.raises(ImportRejected) as refused:
            import_path(folder, runner, dry_run=dry_run)
        assert [str(problem) for problem in refused.value.problems] == [expected]
        assert snapshot(runner) == before
    # the owner's own re-import still changes nothing
    again = import_path(MINI, runner).written
    assert (
        again.nodes_created,
        again.nodes_deleted,
        again.relationships_created,
        again.relationships_deleted,
        again.properties_set,
    ) == (0, 0, 0, 0, 0)
    assert without_lock(snapshot(runner)) == without_lock(before)


def test_clashes_are_listed_beside_the_other_problems_of_the_files(runner, tmp_path):
    import_path(MINI, runner)
    before = snapshot(runner)
    folder = kecamatan(
        tmp_path,
        "goals.csv",
        "S-KEC,sasaran,Meningkatnya pelayanan kecamatan,KEC,T1\n"
        "T1,tujuan,Tujuan kecamatan,KEC,\n"
        "S-X,bukan_level,Sasaran salah,KEC,\n",
    )
    for dry_run in (True, False):  # one report names them all, whether or not the import would go on to write
        with pytest.raises(ImportRejected) as refused:
            import_path(folder, runner, dry_run=dry_run)
        found = [str(problem) for problem in refused.value.problems]
        assert f"goals.csv:3: id: 'T1' {_TAKEN}" in found
        assert any(problem.startswith("goals.csv:4: level") for problem in found), found
        assert snapshot(runner) == before


def test_an_import_that_writes_checks_ownership_once_inside_its_transaction(runner, tmp_path, monkeypatch):
    import graph.importer as importer

    import_path(MINI, runner)
    monkeypatch.setattr(importer, "foreign_owners", lambda *args: pytest.fail("ownership checked before writing"))
    written = import_path(kecamatan(tmp_path), runner).written  # KEC refers to PEMDA's T1, defines nothing of it
    assert written.nodes_created == 2
    with pytest.raises(ImportRejected) as refused:  # ... and a clash is still refused, by the transaction
        (tmp_path / "again").mkdir()
        import_path(kecamatan(tmp_path / "again", *TAKEOVERS[0][:2]), runner)
    assert [str(problem) for problem in refused.value.problems] == [f"goals.csv:3: id: 'T1' {_TAKEN}"]


def test_the_refusal_holds_inside_the_transaction_when_another_import_came_in_between(runner, tmp_path, monkeypatch):
    import graph.importer as importer

    expected = [f"goals.csv:3: id: 'T1' {_TAKEN}"]
    folder = kecamatan(tmp_path, *TAKEOVERS[0][:2])
    # validated while T1 did not exist (T1 referred to: PEMDA's goals must be there to resolve it)
    (folder / "goals.csv").write_text(
        "id,level,statement,unit_id,contributes_to\n"
        "S-KEC,sasaran,Meningkatnya pelayanan kecamatan,KEC,\n"
        "T1,tujuan,Tujuan kecamatan,KEC,\n"
    )
    built = validate_path(folder, runner)
    import_path(MINI, runner)  # ... then PEMDA, defining T1, committed before KEC is written
    before = snapshot(runner)
    with pytest.raises(ImportRejected) as refused:
        write_module.write(runner, built)
    assert [str(problem) for problem in refused.value.problems] == expected
    assert snapshot(runner) == before
    # and through import_path, with the builder's early check out of the way: read_state refuses it
    monkeypatch.setattr(importer, "foreign_owners", lambda *args: {})
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    assert [str(problem) for problem in refused.value.problems] == expected
    assert snapshot(runner) == before


def test_referring_to_another_datasets_node_is_not_a_takeover(runner, tmp_path):
    import_path(MINI, runner)
    pemda = snapshot(runner)
    report = import_path(kecamatan(tmp_path), runner)
    assert report.dataset == "KEC" and report.written.nodes_created == 2
    assert runner.read("MATCH (g:Goal {id: 'T1'}) RETURN g.dataset AS d") == [{"d": "PEMDA"}]
    assert runner.read("MATCH (:Goal {id: 'S-KEC'})-[r:CONTRIBUTES_TO]->(:Goal {id: 'T1'}) RETURN r.dataset AS d") == [
        {"d": "KEC"}
    ]
    runner.write("MATCH (n {dataset: 'KEC'}) DETACH DELETE n")
    assert without_lock(snapshot(runner)) == without_lock(pemda), "KEC's import changed nothing of PEMDA's"


def test_defining_a_node_made_outside_any_dataset_is_refused_too(runner, tmp_path):
    runner.write("CREATE (:Goal {id: 'T1', level: 'tujuan', statement: 'made by hand'})")
    before = snapshot(runner)
    folder = kecamatan(tmp_path, *TAKEOVERS[0][:2])
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    assert [str(problem) for problem in refused.value.problems] == [
        "goals.csv:3: id: 'T1' already exists in the database outside any dataset; ids are unique across datasets"
    ]
    assert snapshot(runner) == before


def with_element_column(folder: Path) -> None:
    """indicators.csv with an element_id column beside goal_id (empty on the existing rows)."""
    path = folder / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    head, *rows = lines
    path.write_text(
        "\n".join(
            [head.replace("id,goal_id,", "id,goal_id,element_id,", 1)]
            + [row.replace(",", ",,", 2).replace(",,", ",", 1) for row in rows]
        )
        + "\n",
        encoding="utf-8",
    )


def append(folder: Path, file: str, *rows: str) -> None:
    with (folder / file).open("a", encoding="utf-8") as out:
        out.write("".join(f"{row}\n" for row in rows))


def test_indicators_measure_activities_through_element_id(runner, tmp_path):
    """A program's outcome and a sub-kegiatan's output indicator hang on the activity; an indicator still
    stands for the element it measures: the implied edge reaches the activity, and from it the goals above."""
    folder = copy_mini(tmp_path)
    with_element_column(folder)
    append(
        folder,
        "indicators.csv",
        "I-P1,,P-1,Persentase fasilitas kesehatan terakreditasi,%,positif,2026,60,80,",
        "I-SK1,,SK-1,Jumlah balita yang diimunisasi,orang,positif,2026,,1200,",
        "I-T1,,T1,Usia harapan hidup,tahun,positif,2026,70,71,",
    )
    import_path(folder, runner)
    measured = {
        (row["e"], row["label"], row["i"])
        for row in runner.read(
            "MATCH (e)-[:MEASURED_BY]->(i:Indicator) RETURN e.id AS e, labels(e)[0] AS label, i.id AS i"
        )
    }
    assert {
        ("P-1", "Activity", "I-P1"),
        ("SK-1", "Activity", "I-SK1"),
        ("T1", "Goal", "I-T1"),
        ("S1", "Goal", "I-S1"),
    } <= measured
    assert {("I-P1", "P-1", 1.0, "PEMDA"), ("I-SK1", "SK-1", 1.0, "PEMDA")} <= implied_edges(runner)
    up = runner.read(
        "MATCH (:Indicator {id: 'I-SK1'})-[:CONTRIBUTES_TO*]->(g:Goal {level: 'sasaran_kegiatan'}) "
        "RETURN DISTINCT g.id AS g"
    )
    assert up == [{"g": "SK-IMUN"}]
    before = snapshot(runner)
    assert import_path(folder, runner).written.relationships_created == 0
    assert snapshot(runner) == before


@pytest.mark.parametrize(
    "row, column, fragment",
    [
        ("I-X,S1,P-1,Dua,%,positif,2026,1,2,", "element_id", "not both"),
        ("I-X,,,Tanpa elemen,%,positif,2026,1,2,", "element_id", "a value is required"),
        ("I-X,P-1,,Program lewat goal_id,%,positif,2026,1,2,", "goal_id", "is a Activity; expected Goal"),
        ("I-X,,DINKES,Unit,%,positif,2026,1,2,", "element_id", "expected Goal or Activity"),
    ],
)
def test_an_indicator_row_names_one_element_of_the_right_kind(runner, tmp_path, row, column, fragment):
    folder = copy_mini(tmp_path)
    with_element_column(folder)
    append(folder, "indicators.csv", row)
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    assert [
        str(p)
        for p in refused.value.problems
        if p.column == column and fragment in p.message and (p.file, p.row) == ("indicators.csv", 5)
    ], [str(p) for p in refused.value.problems]
    assert runner.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_indicators_without_goal_id_or_element_id_column_are_refused(runner, tmp_path):
    folder = copy_mini(tmp_path)
    edit(folder, "indicators.csv", "id,goal_id,", "id,sasaran,")
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    assert any(p.row == 1 and "element_id (or goal_id)" in p.message for p in refused.value.problems)


def test_a_reference_to_a_refused_row_names_that_row(runner, tmp_path):
    """The cause, not the symptom: the goal's row was refused, so references to it say where and why."""
    folder = copy_mini(tmp_path)
    edit(folder, "goals.csv", "S1,sasaran,", "S1,sasaranx,")
    edit(folder, "staff.csv", "199002022015032003,Andi", "199002302015032003,Andi")
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    texts = [str(p) for p in refused.value.problems]
    assert "indicators.csv:2: goal_id: 'S1' is defined at goals.csv:5, which was refused" in texts, texts
    # staff.csv:4's NIP is refused; nobody refers to it, and nothing says 'S1' does not exist
    assert not any("'S1' does not exist" in text for text in texts)


def test_figures_as_written_give_numbers_units_texts_and_warnings(runner, tmp_path):
    """Targets as a Renstra table writes them: a unit after the number fills an empty satuan (a different one
    is a warning), a qualitative target stays text, `n/a` and `-` are no value (a warning, never 0), a missing
    polarity reads positif with ONE warning, a satuan that changes between years is a warning."""
    folder = copy_mini(tmp_path)
    append(
        folder,
        "indicators.csv",
        "I-OPD,S1,OPD dengan SAKIP baik,,,2025,,25 OPD,20 OPD",
        "I-OPD,S1,OPD dengan SAKIP baik,,,2026,,30 OPD,",
        "I-SAKIP,S1,Nilai SAKIP,,,2025,B,BB,A",
        "I-NA,S1,Indeks kepuasan,%,positif,2025,,n/a,-",
        "I-NA,S1,Indeks kepuasan,%,positif,2026,,\u2013,",
        'I-PCT,S1,Persentase dokumen,dokumen,positif,2025,,"42,50%",100 %',
        "I-SAT,S1,Jumlah laporan,laporan,positif,2025,,3,3",
        "I-SAT,S1,Jumlah laporan,dokumen,positif,2026,,4,",
    )
    report = import_path(folder, runner)
    years = {
        (row["i"], row["y"]): row
        for row in runner.read(
            "MATCH (y:IndicatorYear) WHERE y.indicator_id STARTS WITH 'I-' AND NOT y.indicator_id IN ['I-S1', 'I-SK'] "
            "RETURN y.indicator_id AS i, y.year AS y, y.target AS target, y.realisasi AS realisasi, "
            "y.target_text AS target_text, y.realisasi_text AS realisasi_text, y.baseline_text AS baseline_text, "
            "y.satuan AS satuan"
        )
    }
    assert years[("I-OPD", 2025)] | {} == {
        "i": "I-OPD",
        "y": 2025,
        "target": 25,
        "realisasi": 20,
        "target_text": None,
        "realisasi_text": None,
        "baseline_text": None,
        "satuan": "OPD",
    }
    assert (
        years[("I-SAKIP", 2025)]["target"],
        years[("I-SAKIP", 2025)]["target_text"],
        years[("I-SAKIP", 2025)]["realisasi_text"],
        years[("I-SAKIP", 2025)]["baseline_text"],
    ) == (None, "BB", "A", "B")
    assert (years[("I-NA", 2025)]["target"], years[("I-NA", 2025)]["realisasi"]) == (None, None)
    assert years[("I-PCT", 2025)]["target"] == 42.5 and years[("I-PCT", 2025)]["realisasi"] == 100
    assert (years[("I-SAT", 2025)]["satuan"], years[("I-SAT", 2026)]["satuan"]) == ("laporan", "dokumen")
    indicators = {
        row["id"]: (row["satuan"], row["polarity"])
        for row in runner.read("MATCH (i:Indicator) RETURN i.id AS id, i.satuan AS satuan, i.polarity AS polarity")
    }
    assert indicators["I-OPD"] == ("OPD", "positif") and indicators["I-SAKIP"] == (None, "positif")
    assert indicators["I-S1"] == ("%", "negatif")
    texts = [str(w) for w in report.warnings]
    assert "indicators.csv:8: target: no target for 2025 ('n/a'): read as no value, not as 0" in texts, texts
    assert any(t.startswith("indicators.csv:9: target: no target for 2026") for t in texts), texts
    assert any(t.startswith("indicators.csv:10: target: written in '%' but the satuan is 'dokumen'") for t in texts)
    assert any(
        t.startswith("indicators.csv:12: satuan: the satuan of indicator 'I-SAT' changes between years") for t in texts
    ), texts
    defaulted = [t for t in texts if "no polarity given" in t]
    assert defaulted == [
        "indicators.csv: polarity: no polarity given for 2 indicator(s), read as 'positif' "
        "(higher is better): I-OPD, I-SAKIP"
    ], texts
    assert import_path(folder, runner, dry_run=True).warnings == report.warnings


def test_ni_pppk_is_accepted_beside_nip_and_the_kind_is_stored(runner, tmp_path):
    folder = copy_mini(tmp_path)
    append(
        folder,
        "staff.csv",
        "199407172022212005,Dewi Anggraini,Perawat Ahli Pertama,DINKES-YANKES,198503152010011002,RHK-1",
    )
    import_path(folder, runner)
    kinds = {row["nip"]: row["kind"] for row in runner.read("MATCH (s:ASN) RETURN s.nip AS nip, s.asn_kind AS kind")}
    assert kinds["199407172022212005"] == "PPPK" and kinds["198503152010011002"] == "PNS"
    assert set(kinds.values()) == {"PNS", "PPPK"}
    edit(folder, "staff.csv", "199407172022212005", "199407172031212005")
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    assert [
        str(p)
        for p in refused.value.problems
        if p.column == "nip" and "NI PPPK" in p.message and "year of appointment" in p.message
    ]


def test_the_supervisor_is_given_by_nip_or_by_position_id(runner, tmp_path):
    folder = copy_mini(tmp_path)
    staff = folder / "staff.csv"
    staff.write_text(
        "nip,name,position,position_id,unit_id,supervisor,assigned_to\n"
        "197001012000031001,dr. Budi Santoso,Kepala Dinas Kesehatan,JAB-01,DINKES,,S-DINKES\n"
        "198503152010011002,Siti Rahmawati,Kepala Bidang,JAB-02,DINKES-YANKES,JAB-01,SP-YANKES\n"
        "199002022015032003,Andi Wijaya,Pengelola Data,JAB-03,DINKES-YANKES,198503152010011002,RHK-1\n"
        "199105052019022004,Rina Lestari,Pengadministrasi Umum,,DINKES-YANKES,JAB-02,\n",
        encoding="utf-8",
    )
    import_path(folder, runner)
    reports = {
        (row["a"], row["b"])
        for row in runner.read("MATCH (a:ASN)-[:REPORTS_TO]->(b:ASN) RETURN a.nip AS a, b.nip AS b")
    }
    assert reports == {
        ("198503152010011002", "197001012000031001"),
        ("199002022015032003", "198503152010011002"),
        ("199105052019022004", "198503152010011002"),
    }
    assert runner.read("MATCH (s:ASN {nip: '197001012000031001'}) RETURN s.position_id AS p") == [{"p": "JAB-01"}]
    edit(
        folder,
        "staff.csv",
        "Rina Lestari,Pengadministrasi Umum,,DINKES-YANKES,JAB-02",
        "Rina Lestari,Pengadministrasi Umum,JAB-01,DINKES-YANKES,JAB-09",
    )
    edit(
        folder,
        "staff.csv",
        "199002022015032003,Andi Wijaya,Pengelola Data,JAB-03",
        "199002302015032003,Andi Wijaya,Pengelola Data,JAB-03",
    )
    append(folder, "staff.csv", "198001012005011003,Joko,Analis,JAB-04,DINKES-YANKES,JAB-03,")
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    texts = [str(p) for p in refused.value.problems]
    assert any(
        t.startswith("staff.csv:5: position_id: position 'JAB-01' is already held at staff.csv:2") for t in texts
    ), texts
    assert any(t.startswith("staff.csv:5: supervisor: 'JAB-09' is neither a position_id") for t in texts), texts
    assert "staff.csv:6: supervisor: position 'JAB-03' is defined at staff.csv:4, which was refused" in texts, texts


# -- capaian columns: stabil range, iku, weight (docs/capaian.md) ---------------------------------------------------

CAPAIAN_HEADER = "id,goal_id,name,satuan,polarity,year,baseline,target,realisasi,target_min,target_max,iku,weight"


def _with_indicators(tmp_path: Path, *rows: str) -> Path:
    folder = copy_mini(tmp_path)
    (folder / "indicators.csv").write_text("\n".join((CAPAIAN_HEADER, *rows)) + "\n", encoding="utf-8")
    return folder


def test_stabil_range_iku_and_weight_are_imported(runner, tmp_path):
    folder = _with_indicators(
        tmp_path,
        'I-S1,S1,Inflasi,%,Stabil,2025,3,,"3,1",2,4,ya,2',
        'I-S1,S1,Inflasi,%,stabil,2026,3,,,"2,5","3,5",Ya,2',
        'I-SK,SK-IMUN,Cakupan imunisasi dasar lengkap,%,positif,2025,80,90,"85,5",,,tidak,',
        "I-X,SK-IMUN,Cakupan lain,%,positif,2025,80,90,80,,,,",
    )
    import_path(folder, runner)
    indicators = runner.read(
        "MATCH (i:Indicator) RETURN i.id AS id, i.polarity AS polarity, i.iku AS iku, i.weight AS weight ORDER BY id"
    )
    assert indicators == [
        {"id": "I-S1", "polarity": "stabil", "iku": True, "weight": 2},
        {"id": "I-SK", "polarity": "positif", "iku": False, "weight": None},
        {"id": "I-X", "polarity": "positif", "iku": None, "weight": None},
    ]
    years = runner.read(
        "MATCH (y:IndicatorYear {indicator_id: 'I-S1'}) RETURN y.year AS year, y.target_min AS low, "
        "y.target_max AS high, y.realisasi AS realisasi ORDER BY year"
    )
    assert years == [
        {"year": 2025, "low": 2, "high": 4, "realisasi": 3.1},
        {"year": 2026, "low": 2.5, "high": 3.5, "realisasi": None},
    ]
    import_path(folder, runner)  # idempotent with the new columns too
    assert runner.read("MATCH (i:Indicator {id: 'I-S1'}) RETURN i.iku AS iku") == [{"iku": True}]


@pytest.mark.parametrize(
    "rows, where, column, fragment",
    [
        (("I-S1,S1,Inflasi,%,stabil,2025,3,,3,2,4,mungkin,",), "indicators.csv:2", "iku", "not ya/tidak"),
        (("I-S1,S1,Inflasi,%,stabil,2025,3,,3,4,2,,",), "indicators.csv:2", "target_max", "below target_min"),
        (("I-S1,S1,Inflasi,%,stabil,2025,3,,3,-1,2,,",), "indicators.csv:2", "target_min", "negative"),
        (("I-S1,S1,Inflasi,%,stabil,2025,3,,3,,,,0",), "indicators.csv:2", "weight", "more than 0"),
        (
            ("I-S1,S1,Inflasi,%,stabil,2025,3,,3,2,4,ya,", "I-S1,S1,Inflasi,%,stabil,2026,3,,3,2,4,tidak,"),
            "indicators.csv:3",
            "iku",
            "differs",
        ),
        (
            ("I-S1,S1,Inflasi,%,stabil,2025,3,,3,2,4,,1", "I-S1,S1,Inflasi,%,stabil,2026,3,,3,2,4,,2"),
            "indicators.csv:3",
            "weight",
            "differs",
        ),
    ],
)
def test_bad_capaian_columns_are_refused_naming_file_row_and_column(runner, tmp_path, rows, where, column, fragment):
    folder = _with_indicators(tmp_path, *rows)
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    matching = [
        p for p in refused.value.problems if str(p).startswith(where) and p.column == column and fragment in p.message
    ]
    assert matching, f"no problem at {where} {column} with {fragment!r}: {[str(p) for p in refused.value.problems]}"
    assert runner.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


# -- number style per column (graph/importer/number_style.py) ---------------------------------------------------


def test_each_column_reads_its_ambiguous_numbers_in_the_style_its_other_cells_show(runner, tmp_path):
    """target: English (`1,250,000.50` and `0.70` elsewhere in it), so `1,500` is 1500; realisasi: Indonesian (`85,5`,
    `1.250.000`), so `1,500` is 1.5 and `2.750 orang` 2750; budget: English (`75,000,000.00`), so `1,500` is 1500."""
    folder = _with_indicators(
        tmp_path,
        'I-S1,S1,Angka kesakitan,%,negatif,2025,12,"1,250,000.50","85,5"',
        'I-S1,S1,Angka kesakitan,%,negatif,2026,12,0.70,"1.250.000"',
        'I-SK,SK-IMUN,Jumlah peserta,orang,positif,2025,80,"1,500 orang","2.750 orang"',
        'I-SK,SK-IMUN,Jumlah peserta,orang,positif,2026,80,"2,500","1,500"',
    )
    edit(folder, "activities.csv", '"75.000.000,00"', '"75,000,000.00"')
    edit(folder, "activities.csv", "Rp 250.000.000", '"1,500"')
    import_path(folder, runner)
    figures = {
        (row["i"], row["y"]): (row["t"], row["r"])
        for row in runner.read(
            "MATCH (y:IndicatorYear) RETURN y.indicator_id AS i, y.year AS y, y.target AS t, y.realisasi AS r"
        )
    }
    assert figures == {
        ("I-S1", 2025): (1_250_000.5, 85.5),
        ("I-S1", 2026): (0.7, 1_250_000),
        ("I-SK", 2025): (1500, 2750),
        ("I-SK", 2026): (2500, 1.5),
    }
    budgets = {
        row["id"]: row["b"]
        for row in runner.read("MATCH (a:Activity) WHERE a.budget IS NOT NULL RETURN a.id AS id, a.budget AS b")
    }
    assert budgets == {"SK-1": 1500, "SK-2": 75_000_000}


def test_an_ambiguous_number_in_a_column_of_both_styles_or_of_none_is_refused_naming_its_cell(runner, tmp_path):
    folder = _with_indicators(
        tmp_path,
        'I-S1,S1,Angka kesakitan,%,negatif,2025,"1,500","12,5","1,500"',  # target: Indonesian here ...
        'I-S1,S1,Angka kesakitan,%,negatif,2026,"2,500",0.70,',  # ... English here: both styles
        'I-SK,SK-IMUN,Cakupan,%,positif,2025,80,"1,500","2.750"',
    )  # baseline, realisasi: only ambiguous cells
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner)
    texts = [str(problem) for problem in refused.value.problems if problem.file == "indicators.csv"]
    assert len(texts) == 5, texts  # (and goals.csv:11, which refers to I-S1, names its refused row)
    for where, cell in (
        ("2: baseline", "1,500"),
        ("3: baseline", "2,500"),
        ("2: realisasi", "1,500"),
        ("4: realisasi", "2.750"),
    ):
        assert any(
            text.startswith(f"indicators.csv:{where}: '{cell}' is ambiguous") and "no other cell" in text
            for text in texts
        ), (where, texts)
    both = [text for text in texts if text.startswith("indicators.csv:4: target: '1,500' is ambiguous")]
    assert both and "both styles (row 2 '12,5' is Indonesian (1.250.000,50); row 3 '0.70' is English" in both[0], texts
    assert runner.read("MATCH (n) WHERE NOT n:PokinImportLock RETURN count(n) AS n")[0]["n"] == 0


def test_an_indicator_definition_column_is_stored_on_the_indicator(runner, tmp_path):
    folder = _with_indicators(tmp_path, "I-S1,S1,Angka kesakitan,%,negatif,2025,12,10,9,,,,")
    path = folder / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("weight\n", "weight,definition\n")
        .replace(",,,,\n", ',,,,,"Jumlah kasus / jumlah penduduk x 1.000"\n'),
        encoding="utf-8",
    )
    import_path(folder, runner)
    assert runner.read("MATCH (i:Indicator {id: 'I-S1'}) RETURN i.definition AS d") == [
        {"d": "Jumlah kasus / jumlah penduduk x 1.000"}
    ]
