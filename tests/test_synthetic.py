"""Synthetic data (seed/synthetic.py): deterministic, realistic ratios, valid import files, streamed."""

from __future__ import annotations

import hashlib
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from graph.importer import import_path, validate_path
from seed import synthetic
from seed.synthetic import dataset_folders, generate

OUTCOME = ["visi", "misi", "tujuan", "sasaran"]


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.csv")):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def kabupaten(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("kabupaten")
    return out, generate("kabupaten", out, seed=7)


def test_same_seed_same_bytes_other_seed_other_data(tmp_path, kabupaten):
    out, _ = kabupaten
    again = generate("kabupaten", tmp_path / "again", seed=7)
    assert _digest(out) == _digest(tmp_path / "again")
    assert again["totals"] == kabupaten[1]["totals"]
    generate("kabupaten", tmp_path / "other", seed=8)
    assert _digest(tmp_path / "other") != _digest(out)


def test_kabupaten_has_the_ratios_of_domain_scale(kabupaten):
    totals = kabupaten[1]["totals"]
    assert totals["datasets"] == 1
    assert 36 <= totals["opd"] <= 44
    assert 800 <= totals["subkegiatan"] <= 1300
    assert 5000 <= totals["nodes"]["ASN"] <= 7000
    assert 800 <= totals["nodes"]["Unit"] <= 2000
    assert 0.5e12 <= totals["budget"] <= 4e12  # Rp 1-4 trillion a year, roughly
    defects = totals["defects"]
    staff = totals["nodes"]["ASN"]
    assert 0.005 <= defects["unassigned_staff"] / staff <= 0.03  # sample: 1.5 %
    assert 0.002 <= defects["dead_end_staff"] / staff <= 0.04
    assert 0.01 <= defects["activities_unlinked"] / totals["subkegiatan"] <= 0.05
    assert defects["cycles"] == defects["downward"] == defects["skipped_levels"] == 1
    assert defects["goals_without_indicator"] >= 5 and defects["output_indicators"] >= 1
    # indicators on activities at the sample's rates (most activities have one), PPPK among the staff
    assert 0.7 * totals["activities"] <= totals["activity_indicators"] <= 0.95 * totals["activities"]
    assert 0.15 * staff <= totals["pppk"] <= 0.4 * staff


def test_kabupaten_files_pass_validation_and_import_with_the_planted_defects(runner, kabupaten):
    from graph.catalog import load_catalog

    out, manifest = kabupaten
    entry = manifest["datasets"][0]
    built = validate_path(out, runner)
    assert built.counts()["ASN"] == entry["nodes"]["ASN"]
    report = import_path(out, runner)
    assert report.written.nodes_created == sum(entry["nodes"].values())
    for label, count in entry["nodes"].items():
        assert runner.read(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"] == count, label
    for rel, count in entry["edges"].items():
        found = runner.read(f"MATCH ()-[r:{rel}]->() WHERE r.implied IS NULL RETURN count(r) AS c")[0]["c"]
        assert found == count, rel
    catalog = load_catalog()
    orphaned = catalog.run(runner, "orphaned_staff", {}, timeout=600)
    assert {r["nip"] for r in orphaned if r["reason"] == "unassigned"} == set(entry["ids"]["unassigned_staff"])
    assert {r["nip"] for r in orphaned if r["reason"] == "dead_end"} == set(entry["ids"]["dead_end_staff"])
    without = catalog.run(runner, "activities_without_leverage", {}, timeout=600)
    assert {r["id"] for r in without if r["reason"] == "unlinked"} == set(entry["ids"]["activities_unlinked"])
    assert {r["id"] for r in without if r["reason"] == "dead_end"} == set(entry["ids"]["activities_dead_end"])
    no_indicator = catalog.run(runner, "goals_without_indicator", {}, timeout=600)
    assert {r["id"] for r in no_indicator} == set(entry["ids"]["goals_without_indicator"])
    cycles = catalog.run(runner, "contribution_cycles", {}, timeout=600)
    assert len(cycles) == 1 and cycles[0]["length"] == 3
    assert (
        runner.read("MATCH (:Activity)-[:MEASURED_BY]->(i:Indicator) RETURN count(i) AS c")[0]["c"]
        == entry["activity_indicators"]
    )
    assert runner.read("MATCH (s:ASN {asn_kind: 'PPPK'}) RETURN count(s) AS c")[0]["c"] == entry["pppk"]
    _has_the_people_at_risk(runner, catalog, entry)


def _has_the_people_at_risk(runner, catalog, entry) -> None:
    """The planted intervensi breaks, single points of failure and retirements are what the queries find, at
    the rates docs/scaling.md gives."""
    from graph.people import retirements, single_points_of_failure

    staff = entry["nodes"]["ASN"]
    breaks = {r["nip"]: r["reason"] for r in catalog.run(runner, "rhk_without_intervention", {}, timeout=600)}
    planted = set(entry["ids"]["intervensi_breaks"])
    assert 0.01 <= len(planted) / staff <= 0.03 and all(breaks.get(nip) == "leads_elsewhere" for nip in planted)
    assert 0.02 <= len(breaks) / staff <= 0.06  # with the staff without RHK and those whose RHK lead nowhere
    hanging = {(r["nip"], r["target"]): r for r in single_points_of_failure(runner, catalog)}
    sole = [tuple(pair.split()) for pair in entry["ids"]["single_points_of_failure"]]
    assert len(sole) >= 2 and all(hanging[pair]["sole"] for pair in sole)
    retiring = retirements(runner, catalog, synthetic.YEAR)
    assert sorted(r["nip"] for r in retiring) == sorted(entry["ids"][f"retirements_{synthetic.YEAR}"])
    assert 0.015 <= len(retiring) / staff <= 0.045


def test_generation_streams_in_flat_memory(tmp_path, monkeypatch):
    """Python's peak allocation stays flat when the data grows tenfold (rows go to disk as they are made)."""

    def peak(opd_staff: int, folder: Path) -> tuple[int, int]:
        monkeypatch.setattr(synthetic, "STAFF_PER_OPD", opd_staff)
        tracemalloc.start()
        manifest = generate("kabupaten", folder, seed=1)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top, manifest["totals"]["rows"]["staff"]

    small_peak, small_staff = peak(15, tmp_path / "small")
    big_peak, big_staff = peak(600, tmp_path / "big")
    assert big_staff > 20 * small_staff > 0
    assert big_peak < 3 * small_peak + 2_000_000, (small_peak, big_peak)
    assert big_peak < 20_000_000


def test_cli_writes_synthetic_files_and_keeps_the_sample_default(tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 5)
    result = CliRunner().invoke(main, ["seed", "--synthetic", "kabupaten", "--seed", "4", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "manifest.json" in result.output and (tmp_path / "staff.csv").exists()
    refused = CliRunner().invoke(main, ["seed", "--out", str(tmp_path)])
    assert refused.exit_code != 0 and "--synthetic" in refused.output


def test_the_whole_nation_holds_every_province_and_kabupaten_kota_with_more_staff_per_opd(tmp_path, monkeypatch):
    """Scale negara (docs/scaling.md): 38 provinces holding the 514 kabupaten/kota between them, the last fifth or
    so of each province's kota, and staff per OPD scaled up; generated here for one province of three."""
    counts = synthetic.whole_nation_kabupaten()
    assert len(counts) == 38 and sum(counts) == 514 and max(counts) - min(counts) <= 1
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 100)
    monkeypatch.setattr(synthetic, "WHOLE_PROVINCES", 1)
    monkeypatch.setattr(synthetic, "WHOLE_KABUPATEN_KOTA", 3)
    whole = generate("negara", tmp_path / "negara", seed=3)
    names = {entry["folder"]: entry["name"] for entry in whole["datasets"]}
    assert names == {
        "NAS": "Indonesia",
        "P11/P11": "Provinsi Sintesis 11",
        "P11/K1101": "Kabupaten Sintesis 11.1",
        "P11/K1102": "Kabupaten Sintesis 11.2",
        "P11/K1103": "Kota Sintesis 11.3",
    }
    monkeypatch.setattr(synthetic, "WHOLE_STAFF_SCALE", 1.0)
    same_rng = generate("negara", tmp_path / "unscaled", seed=3)
    staff = [entry["rows"]["staff"] for entry in whole["datasets"][1:]]
    unscaled = [entry["rows"]["staff"] for entry in same_rng["datasets"][1:]]
    assert all(scaled > 1.3 * plain for scaled, plain in zip(staff, unscaled, strict=True)), (staff, unscaled)


def test_finish_can_run_again_and_starts_from_what_parse_left(tmp_path, monkeypatch):
    """import_paths resolves a dataset on trial while the one before is still being written, and again (the same
    Builder) once it has committed: a kabupaten whose province is not in the database yet is refused on trial;
    resolved again with the province there, it has its edges and none of the first try's problems."""
    from graph.importer.build import Builder
    from graph.importer.sources import read_source

    monkeypatch.setattr(synthetic, "PROVINCE_KABUPATEN", 1)
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 5)
    generate("provinsi", tmp_path, seed=8)
    province, kabupaten = [folder for folder, _ in dataset_folders(tmp_path)]
    province_ids = Builder(read_source(province)[0], lambda ids, name: {}).build().nodes["Goal"]
    builder = Builder(read_source(kabupaten)[0], lambda ids, name: {})
    builder.parse()
    unknown = builder.unknown_ids()
    assert unknown and unknown <= set(province_ids)
    assert builder.finish(found={}) is None
    assert builder.problems and all("does not exist" in problem.message for problem in builder.problems)
    built = builder.finish(found={key: ("Goal", "PROV") for key in unknown})
    assert built is not None and not builder.problems
    crossing = [edge for edge in built.edges if edge[2] in unknown]
    assert crossing and len(built.edges) == len(set(built.edges))
    again = builder.finish(found={key: ("Goal", "PROV") for key in unknown})
    assert again is not None and sorted(again.edges) == sorted(built.edges)


def test_provinsi_imported_one_by_one_then_pipelined_then_again_gives_one_graph(runner, tmp_path, monkeypatch):
    """One province with two kabupaten, imported three ways on one generated set (the imports are the cost of these
    checks, so the three share them):
    - one by one, each kabupaten validated first: they link to the province's goals and validate in the database;
    - pipelined (import_paths reads the next dataset's files while the current one is written; each kabupaten
      refers to the province's goals, resolved only once the province has committed): the same graph as
      import_path in order; the plan made ahead (for a database without the dataset) is used when the dataset is
      new and the ids it refers to resolve as they did on trial;
    - pipelined again: a dataset imported before is planned again in its transaction, from what the database
      holds, and importing the same datasets again changes nothing."""
    from graph.importer import writer

    monkeypatch.setattr(synthetic, "PROVINCE_KABUPATEN", 2)
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 10)
    manifest = generate("provinsi", tmp_path, seed=3)
    folders = list(dataset_folders(tmp_path))
    assert [entry["dataset"] for _, entry in folders] == ["U-P32", "U-K3201", "U-K3202"]
    assert manifest["totals"]["datasets"] == 3
    one_by_one = _imported_one_by_one_linking_to_the_province(runner, [folder for folder, _ in folders])
    in_transaction: list[str] = []
    real_plan = writer.plan

    def plan(dataset, batch_size=writer.BATCH_SIZE, state=None):
        if state is not None:
            in_transaction.append(dataset.name)
        return real_plan(dataset, batch_size, state)

    monkeypatch.setattr(writer, "plan", plan)
    runner.write("MATCH (n) DETACH DELETE n")
    _pipelined_as_one_by_one_then_again_unchanged(runner, [folder for folder, _ in folders], one_by_one, in_transaction)


def _imported_one_by_one_linking_to_the_province(runner, folders: list[Path]) -> dict:
    """import_path in order, each kabupaten validated against the database first (references resolve there);
    the graph, with links across datasets."""
    from tests.conftest import snapshot

    assert (folders[1] / "links.csv").read_text().count("G-P32-S") >= 1  # into the province's goals
    import_path(folders[0], runner)
    for folder in folders[1:]:
        validate_path(folder, runner)  # references resolve in the database
        import_path(folder, runner)
    crossing = runner.read(
        "MATCH (a:Goal)-[r:CONTRIBUTES_TO]->(b:Goal) WHERE a.dataset <> b.dataset RETURN count(r) AS c"
    )[0]["c"]
    assert crossing >= 1
    return snapshot(runner)


def _pipelined_as_one_by_one_then_again_unchanged(
    runner, folders: list[Path], one_by_one: dict, in_transaction: list[str]
) -> None:
    """import_paths into the emptied database (writer.plan tracked into `in_transaction`): the one-by-one graph,
    planned ahead; then again: planned in its transaction, nothing changed, the GIL handed over promptly."""
    import graph.importer as importer
    from graph.importer import import_paths
    from tests.conftest import snapshot

    seen = []
    reports = import_paths(folders, runner, on_report=lambda folder, report: seen.append(folder))
    assert seen == folders and [report.dataset for report in reports] == ["U-P32", "U-K3201", "U-K3202"]
    # the province and the second kabupaten were planned ahead; the first kabupaten only if the province had
    # committed before its trial (it refers to the province's goals, which a trial run earlier cannot find)
    assert set(in_transaction) <= {"U-K3201"}
    first = snapshot(runner)
    assert first == one_by_one
    in_transaction.clear()
    before, during = sys.getswitchinterval(), []
    reports = import_paths(folders, runner, on_report=lambda folder, report: during.append(sys.getswitchinterval()))
    assert in_transaction == ["U-P32", "U-K3201", "U-K3202"]
    assert snapshot(runner) == first
    assert not any(report.written.changed() for report in reports)
    # the GIL is handed over promptly while the preparing thread runs, and as before once the import is over
    assert during == [min(before, importer.PROMPT_SWITCH_INTERVAL)] * 3
    assert sys.getswitchinterval() == before


def test_a_pipelined_import_stops_at_the_dataset_refused_and_names_its_folder(runner, tmp_path, monkeypatch):
    from graph.importer import ImportRejected, import_paths

    monkeypatch.setattr(synthetic, "PROVINCE_KABUPATEN", 2)
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 10)
    generate("provinsi", tmp_path, seed=6)
    folders = [folder for folder, _ in dataset_folders(tmp_path)]
    goals = folders[1] / "goals.csv"
    lines = goals.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[1], "bukan_level", 1)  # the first goal's level
    goals.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        import_paths(folders, runner)
    assert refused.value.path == folders[1]
    assert any(str(problem).startswith("goals.csv:2: level") for problem in refused.value.problems)
    datasets = {row["d"] for row in runner.read("MATCH (u:Unit) RETURN DISTINCT u.dataset AS d")}
    assert datasets == {"U-P32"}  # the province before it stays, nothing of the refused one or after it


def test_cli_loads_synthetic_data_directly_in_order(runner, neo4j_settings, monkeypatch):
    for name, value in (
        ("NEO4J_URI", neo4j_settings.uri),
        ("NEO4J_USER", neo4j_settings.user),
        ("NEO4J_PASSWORD", neo4j_settings.password),
        ("NEO4J_DATABASE", neo4j_settings.database),
    ):
        monkeypatch.setenv(name, value)  # the CLI reads the test server's settings from the environment
    monkeypatch.setattr(synthetic, "PROVINCE_KABUPATEN", 1)
    monkeypatch.setattr(synthetic, "STAFF_PER_OPD", 5)
    result = CliRunner().invoke(main, ["seed", "--synthetic", "provinsi", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert result.output.count("imported dataset") == 2
    assert {row["d"] for row in runner.read("MATCH (u:Unit {kind: 'pemda'}) RETURN u.dataset AS d")} == {
        "U-P32",
        "U-K3201",
    }
