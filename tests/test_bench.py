"""Smoke test of the benchmark harness (bench/run.py) at a tiny scale: it runs and its answers agree.

No timing is asserted: the figures live in BENCHMARKS.md, measured with `make bench`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import people as bench_people
from bench import run as bench
from graph.importer import import_path
from graph.model import IMPORT_LOCK_LABEL, IMPORT_LOG_LABEL, VERSION_LABEL
from seed.synthetic import generate


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    generate("tiny", out, seed=2)
    return out


def test_ceiling_and_naive_loader_write_what_they_say(runner, tiny):
    manifest = bench.manifest_of(tiny)
    result = bench.ceiling(runner, manifest)
    assert result["nodes"] == sum(manifest["totals"]["nodes"].values())
    assert result["edges"] == sum(manifest["totals"]["edges"].values())
    bench.wipe(runner)
    naive = bench.naive(runner, tiny, 1.0)
    assert naive["nodes"] > 0 and naive["per_second"] > 0
    written = runner.read("MATCH (n) RETURN count(n) AS c")[0]["c"]
    assert written == naive["nodes"]


def test_networkx_answers_agree_with_the_audit_queries(runner, tiny):
    import_path(tiny, runner)
    from graph.catalog import load_catalog

    catalog = load_catalog()
    results = {name: catalog.run(runner, name, {}) for name in bench.AUDIT_CHECKED}
    compared = bench.networkx_compare(runner, results, runs=1)
    for name in bench.AUDIT_CHECKED:
        assert compared["agree"][name]["equal"], (name, compared["agree"][name])
    assert compared["people"]["single_points_of_failure"]["equal"], compared["people"]
    rhk = {row["nip"]: row["reason"] for row in catalog.run(runner, "rhk_without_intervention", {})}
    assert rhk == bench_people.rhk_without_intervention(bench.load_networkx(runner)) and rhk


def test_load_generator_counts_requests_and_errors():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            body = b"ok" if self.path == "/ok" else b"no"
            self.send_response(200 if self.path == "/ok" else 500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = bench.load(server.server_address[1], ["/ok", "/fail"], 0.5, 2)
    finally:
        server.shutdown()
    assert result["requests"] > 0
    assert result["errors"] == result["statuses"].get("500", 0) > 0
    assert result["p50_ms"] is not None


def test_the_import_variants_write_the_same_graph_and_each_contender_starts_on_a_new_empty_store(tmp_path, monkeypatch):
    """bench/import_variants.py times one-by-one and pipelined imports side by side: each must write the
    graph the others write, and the variant with Python's default switch interval must leave the shipped one
    as it was. Then the last variant's graph is the data a contender leaves behind: the next one gets new store
    files (bench/run.py fresh_store), empty, with the schema. One server of the bench's own for both (as
    bench/import_variants.py and bench/run.py start it): each start costs a JVM start and first plans."""
    import graph.importer as importer
    from bench import import_variants
    from tests.conftest import small_provinces, snapshot

    small_provinces(monkeypatch, kabupaten=1)  # the kabupaten prepared while the province is written
    generate("provinsi", tmp_path / "data", seed=4)
    prompt = importer.PROMPT_SWITCH_INTERVAL
    server, settings = bench.start_server(tmp_path)
    runner = bench.Runner.from_settings(settings)
    try:
        bench.apply_schema(runner)
        variants = import_variants.variants(runner, tmp_path / "data")
        assert set(variants) == {"one by one", "pipelined, 5 ms switches", "pipelined", "ceiling"}
        graphs = []
        for name in ("one by one", "pipelined, 5 ms switches", "pipelined"):
            if graphs:
                bench.wipe(runner)
            variants[name]()
            graphs.append(snapshot(runner))
        assert graphs[0] == graphs[1] == graphs[2] and graphs[0]
        assert prompt == importer.PROMPT_SWITCH_INTERVAL

        assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] > 0
        store = tmp_path / "neo4j" / "data" / "databases" / "neo4j"
        marker = store / "left-by-the-last-contender"
        marker.write_text("x")
        bench.fresh_store(runner, server)
        assert not marker.exists()  # new store files, not a wiped old store
        assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0
        assert runner.read("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")[0]["n"] > 0  # schema again
    finally:
        runner.close()
        server.stop()


def test_drawn_views_draw_exactly_the_nodes_asked_for_none_folded(runner, tiny):
    for entry in bench.manifest_of(tiny)["datasets"]:
        import_path(tiny / entry["folder"], runner)
    views = bench.bench_drawn_views(runner, (50, 10**6))
    assert set(views) == {"drawn_50"}  # a tree smaller than asked for is not measured
    assert views["drawn_50"]["drawn"] == 50 and views["drawn_50"]["edges"] > 0
    assert views["drawn_50"]["html_bytes"] > 0


def test_a_changed_kabupaten_reimported_writes_then_its_own_files_put_the_graph_back(runner, tiny):
    """The reimport part (issue 24, goal 5): the changed copy writes, the dataset's own files undo it, and the same
    files again write nothing and need no people answers worked out; search times every term with its rows."""
    for entry in bench.manifest_of(tiny)["datasets"]:
        import_path(tiny / entry["folder"], runner)
    graph = (  # the data, not the import log's records or the versions' (one more of each per import)
        f"MATCH (n) WHERE NOT n:{IMPORT_LOCK_LABEL} AND NOT n:{IMPORT_LOG_LABEL} AND NOT n:{VERSION_LABEL} "
        "RETURN count(n) AS nodes, sum(n.budget) AS pagu, count { ()-[]->() } AS edges"
    )
    before = runner.read(graph)
    result = bench.bench_reimport(runner, tiny)
    changed, restored, unchanged = result["changed"], result["restored"], result["unchanged"]
    assert changed["properties_set"] > 0 and changed["people_worked_out"]
    assert restored["properties_set"] > 0 and restored["relationships_created"] > 0
    assert unchanged["properties_set"] == unchanged["relationships_created"] == unchanged["nodes_created"] == 0
    assert not unchanged["people_worked_out"]
    for timed in (changed, restored, unchanged):
        assert timed["total_s"] >= timed["import_s"] >= timed["read_check_s"] > 0
    assert runner.read(graph) == before
    searched = bench.bench_lookup_search(runner, "tiny")["terms"]
    assert len(searched) == 7 and all(entry["same_rows"] and entry["after_p50_ms"] > 0 for entry in searched)
    assert {entry["term"] for entry in searched if entry["rows"]} >= {"an ASN's name", "a whole NIP", "a goal id"}


def test_a_scoped_scale_times_the_unit_queries_for_its_largest_pemda_too(runner, tiny, monkeypatch):
    for entry in bench.manifest_of(tiny)["datasets"]:
        import_path(tiny / entry["folder"], runner)
    monkeypatch.setitem(
        bench.SETTINGS, "tiny", {**bench.SETTINGS["tiny"], "runs": 1, "scoped": True, "networkx": False}
    )
    # Every query that takes a unit (the scoped ones) and one that does not: the rest of the catalog would only add
    # minutes of first plans on tiny data, and what is checked here is which queries get a scoped variant.
    from graph.catalog import load_catalog

    unit_queries = {q.name for q in load_catalog() if any(p.name == "unit" and p.optional for p in q.params)}
    result = bench.bench_queries(runner, "tiny", only={*unit_queries, "cascade_level_violations"})
    pemda = result["scoped_unit"]
    assert runner.read("MATCH (u:Unit {id: $id}) RETURN u.kind AS kind", {"id": pemda}) == [{"kind": "pemda"}]
    scoped = {name for name in result["queries"] if name.endswith(f"(unit={pemda})")}
    assert f"orphaned_staff (unit={pemda})" in scoped and len(scoped) >= 5
    assert set(result["queries"]) == {"cascade_level_violations", *unit_queries, *scoped}
    assert scoped == {f"{name} (unit={pemda})" for name in unit_queries}
    for name in scoped:
        entry, whole = result["queries"][name], result["queries"][name.split(" ")[0]]
        assert "error" not in entry and entry["params"]["unit"] == pemda
        if whole["params"].get("unit") is None:
            assert entry["rows"] <= whole["rows"]  # one Pemda's findings are among the whole graph's
    assert "networkx" not in result


def test_the_load_rate_is_reported_for_the_first_and_the_last_tenth_of_the_datasets():
    datasets = [{"seconds": 2.0, "nodes_created": 100, "relationships_created": 100}] * 10 + [
        {"seconds": 4.0, "nodes_created": 100, "relationships_created": 100}
    ] * 10
    assert bench._rate(datasets[:2]) == 100.0
    assert bench._rate(datasets[-2:]) == 50.0
    assert bench._rate([]) == 0.0


def test_the_national_scale_runs_only_where_the_machine_allows_and_says_why_not(monkeypatch, tmp_path, capsys):
    """`make bench` runs the three scales; the national slice asks for the server's heap and page cache plus
    spare memory, and disk room: a smaller machine gets a JSON that says why it was skipped, and the report
    prints that reason."""
    from bench import report

    gib = 1024**3
    monkeypatch.setenv("POKIN_BENCH_HEAP", "6g")
    monkeypatch.setenv("POKIN_BENCH_PAGECACHE", "6g")
    small = bench.unfit_for("nasional", mem_total=8 * gib, disk_free=100 * gib)
    assert small is not None and "8.0 GiB of memory" in small and "16.0 GiB" in small
    cramped = bench.unfit_for("nasional", mem_total=64 * gib, disk_free=1 * gib)
    assert cramped is not None and "1.0 GiB of disk free" in cramped
    assert bench.unfit_for("nasional", mem_total=24 * gib, disk_free=100 * gib) is None
    assert bench.unfit_for("kabupaten", mem_total=1 * gib, disk_free=1) is None

    monkeypatch.setattr(bench, "SPARE_MEMORY", 1024 * gib)  # no machine has that: the run is skipped
    monkeypatch.setattr(bench, "data_for", lambda *args, **kwargs: pytest.fail("no data for a skipped scale"))
    out = tmp_path / "nasional.json"
    result = bench.run("nasional", out=out, progress=lambda message: None)
    assert "GiB of memory" in result["skipped"] and out.exists()
    report.main([str(out)])
    assert f"Scale **nasional** was not run: {result['skipped']}." in capsys.readouterr().out


def test_index_effect_times_a_query_with_and_without_the_index_and_leaves_the_schema_as_it_was(runner, tiny):
    from bench import index_effect

    import_path(tiny, runner)
    before = runner.read("SHOW INDEXES YIELD name RETURN collect(name) AS names")[0]["names"]
    goal = runner.read("MATCH (g:Goal)-[:MEASURED_BY]->() RETURN g.id AS id LIMIT 1")[0]["id"]
    result = index_effect.compare(
        runner, "IndicatorYear", "indicator_id", "element_detail", {"id": goal, "year": 2026}, rounds=1, runs=2
    )
    assert len(result["with_index_ms"]) == len(result["without_index_ms"]) == 1 and result["ratio"] > 0
    assert result["hints_dropped_without"] == 1  # its USING INDEX SEEK on IndicatorYear(indicator_id)
    after = runner.read("SHOW INDEXES YIELD name RETURN collect(name) AS names")[0]["names"]
    assert sorted(after) == sorted(before)
    with pytest.raises(SystemExit, match=r"no index on IndicatorYear\.nothing"):
        index_effect.compare(runner, "IndicatorYear", "nothing", "element_detail", {"id": goal}, rounds=1, runs=1)


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--index", "IndicatorYear", "--query", "element_detail"], "is not Label.property"),
        (["--index", "IndicatorYear.indicator_id", "--query", "nope"], "no catalog query named 'nope'"),
        (
            ["--index", "IndicatorYear.indicator_id", "--query", "element_detail", "--params", "{x"],
            "--params: not JSON",
        ),
    ],
)
def test_index_effect_refuses_bad_arguments_before_touching_the_database(argv, fragment, capsys):
    from bench import index_effect

    with pytest.raises(SystemExit) as stopped:
        index_effect.main(argv)
    assert stopped.value.code == 2 and fragment in capsys.readouterr().err


def test_the_bench_data_is_made_again_when_the_generator_changed(tmp_path, monkeypatch):
    """bench/run.py data_for: a cached folder is reused while the generator's sources are the ones that made it."""
    made: list[Path] = []

    def fake_generate(scale: str, out: Path, seed: int) -> None:
        out.mkdir(parents=True)
        (out / "manifest.json").write_text("{}", encoding="utf-8")
        made.append(out)

    monkeypatch.setenv("POKIN_BENCH_DATA", str(tmp_path))
    monkeypatch.setattr("seed.synthetic.generate", fake_generate)
    folder = bench.data_for("tiny", seed=5)
    assert bench.data_for("tiny", seed=5) == folder and len(made) == 1
    monkeypatch.setattr(bench, "generator_digest", lambda: "another generator")
    assert bench.data_for("tiny", seed=5) == folder and len(made) == 2
    assert (folder / "generator.txt").read_text(encoding="utf-8").strip() == "another generator"
