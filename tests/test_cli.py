"""The `pokin` command line against the real Neo4j."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import DATA

import cli.main as cli


@pytest.fixture
def cli_env(runner, neo4j_env):
    return runner


def test_import_then_reimport(cli_env):
    result = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert result.exit_code == 0, result.output
    assert "imported dataset PEMDA" in result.output and "+28 nodes" in result.output
    again = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert "changes: +0 nodes, -0 nodes, +0 relationships, -0 relationships" in again.output


def test_warnings_are_printed_and_never_stop_the_import(cli_env, tmp_path):
    folder = tmp_path / "warned"
    shutil.copytree(DATA / "mini", folder)
    with (folder / "indicators.csv").open("a", encoding="utf-8") as out:
        out.write("I-NA,S1,Indeks kepuasan,%,,2026,,n/a,\n")
    result = CliRunner().invoke(cli.main, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "warning: indicators.csv:5: target: no target for 2026 ('n/a'): read as no value, not as 0" in result.output
    assert "warning: indicators.csv: polarity: no polarity given for 1 indicator(s)" in result.output
    assert "imported dataset PEMDA" in result.output
    assert cli_env.read("MATCH (y:IndicatorYear {indicator_id: 'I-NA'}) RETURN y.target AS t") == [{"t": None}]


def test_bad_import_exits_non_zero_naming_file_row_column(cli_env, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(DATA / "mini", folder)
    goals = folder / "goals.csv"
    goals.write_text(goals.read_text().replace("S1,sasaran,", "S1,sasaran_x,"))
    result = CliRunner().invoke(cli.main, ["import", str(folder)])
    assert result.exit_code == 1
    assert "goals.csv:5: level: Input should be" in result.output
    assert "nothing was written" in result.output
    assert cli_env.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_an_import_defining_another_datasets_node_is_refused(cli_env, tmp_path):
    from conftest import snapshot

    assert CliRunner().invoke(cli.main, ["import", str(DATA / "mini")]).exit_code == 0
    before = snapshot(cli_env)
    folder = tmp_path / "kec"
    shutil.copytree(DATA / "mini", folder)
    for table in ("indicators", "activities", "staff", "links"):
        (folder / f"{table}.csv").write_text((folder / f"{table}.csv").read_text().splitlines()[0] + "\n")
    (folder / "units.csv").write_text("id,name,kind,parent_id\nKEC,Kecamatan Uji,perangkat_daerah,\n")
    (folder / "goals.csv").write_text(
        "id,level,statement,unit_id,contributes_to\n"
        "S-KEC,sasaran,Meningkatnya pelayanan kecamatan,KEC,T1\n"
        "T1,tujuan,Tujuan kecamatan,KEC,\n"
    )
    result = CliRunner().invoke(cli.main, ["import", str(folder)])
    assert result.exit_code == 1
    assert (
        "goals.csv:3: id: 'T1' already belongs to dataset 'PEMDA'; ids are unique across datasets "
        "(import that dataset to change it)"
    ) in result.output
    assert "1 problem(s); nothing was written" in result.output
    assert snapshot(cli_env) == before


def test_dry_run(cli_env):
    result = CliRunner().invoke(cli.main, ["import", "--dry-run", str(DATA / "mini")])
    assert result.exit_code == 0 and "dry run, nothing written" in result.output
    assert cli_env.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_queries_lists_names_summaries_and_parameters(cli_env):
    result = CliRunner().invoke(cli.main, ["queries"])
    assert result.exit_code == 0
    assert "orphaned_staff  (unit: str?, datasets: list?)" in result.output
    assert "activities_without_leverage  (year: int?, unit: str?, datasets: list?)" in result.output


def test_query_in_each_format(cli_env):
    import csv
    import io
    import json

    CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    as_json = CliRunner().invoke(cli.main, ["query", "orphaned_staff", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.output)["rows"]
    assert {(row["nip"], row["reason"]) for row in rows} == {
        ("199105052019022004", "dead_end"),
        ("199208082020121005", "dead_end"),
    }
    as_csv = CliRunner().invoke(
        cli.main, ["query", "activities_without_leverage", "-p", "year=2026", "--format", "csv"]
    )
    parsed = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(row["id"], row["reason"], row["budget"]) for row in parsed] == [("SK-2", "unlinked", "75000000")]
    as_table = CliRunner().invoke(cli.main, ["query", "orphaned_staff", "-p", "unit=DINSOS"])
    assert as_table.exit_code == 0 and as_table.output.strip() == "(no rows)"


def test_query_errors_are_clear(cli_env):
    unknown = CliRunner().invoke(cli.main, ["query", "no_such_query"])
    assert unknown.exit_code == 1 and "no query named 'no_such_query'" in unknown.output
    bad = CliRunner().invoke(cli.main, ["query", "activities_without_leverage", "-p", "year=next", "-p", "x=1"])
    assert bad.exit_code == 1
    assert "unknown parameter 'x'" in bad.output and "'year' must be an integer" in bad.output
    malformed = CliRunner().invoke(cli.main, ["query", "orphaned_staff", "-p", "unit"])
    assert malformed.exit_code == 1 and "KEY=VALUE" in malformed.output


def test_audit_summary_and_xlsx_report(cli_env, tmp_path):
    import json

    from openpyxl import load_workbook

    CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    out = tmp_path / "audit.xlsx"
    result = CliRunner().invoke(cli.main, ["audit", "--year", "2026", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output[: result.output.rindex("}") + 1])
    counts = {row["finding"]: row["count"] for row in payload["rows"]}
    assert counts["orphaned_staff"] == 2 and counts["activities_without_leverage"] == 1
    assert payload["findings"]["activities_without_leverage"][0]["id"] == "SK-2"
    book = load_workbook(out)
    assert book.sheetnames[0] == "ringkasan"
    assert {"orphaned_staff", "activities_without_leverage", "budget_at_risk_by_unit"} <= set(book.sheetnames)
    nips = {row[0] for row in book["orphaned_staff"].iter_rows(min_row=2, values_only=True)}
    assert nips == {"199105052019022004", "199208082020121005"}


def test_view_writes_a_standalone_offline_file(cli_env, tmp_path):
    CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    out = tmp_path / "pohon.html"
    result = CliRunner().invoke(cli.main, ["view", "opd", "DINKES", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'lang="id"' in html and "SK-IMUN" in html
    missing = CliRunner().invoke(cli.main, ["view", "staff", "--out", str(out)])
    assert missing.exit_code == 1 and "needs a NIP" in missing.output
    unknown = CliRunner().invoke(cli.main, ["view", "opd", "NOPE", "--out", str(tmp_path / "x.html")])
    assert unknown.exit_code == 1


def test_an_import_cut_off_by_neo4j_says_nothing_was_written(cli_env, monkeypatch):
    from neo4j.exceptions import ServiceUnavailable

    def cut_off(*args, **kwargs):
        raise ServiceUnavailable("Failed to read from defunct connection")

    monkeypatch.setattr(cli, "import_path", cut_off)
    result = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert result.exit_code == 1
    assert "ServiceUnavailable" in result.output and "nothing of it was written" in result.output
    assert "Run the same import again" in result.output


def test_a_file_bad_on_every_row_prints_the_first_problems_and_the_total(cli_env, tmp_path):
    from graph.importer.errors import MAX_PROBLEMS_SHOWN

    folder = tmp_path / "bad"
    shutil.copytree(DATA / "mini", folder)
    with open(folder / "units.csv", "a", encoding="utf-8") as handle:
        handle.writelines(f"U{i},Unit {i},no_such_kind,PEMDA\n" for i in range(1_000))
    result = CliRunner().invoke(cli.main, ["import", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert sum(line.startswith("units.csv:") for line in lines) == MAX_PROBLEMS_SHOWN
    assert f"{1_000 - MAX_PROBLEMS_SHOWN} more problems not shown (1000 in all)" in lines
    assert lines[-1] == "Error: 1000 problem(s); nothing was written"
    assert cli_env.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_a_commit_that_lost_its_answer_after_committing_says_it_committed(cli_env, lose_commit):
    fired = lose_commit(after=True)
    result = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert fired == [True]
    assert result.exit_code == 0, result.output
    assert "its import log showed that this import" in result.output and "committed whole" in result.output
    assert "+28 nodes" in result.output and "nothing of it was written" not in result.output
    assert cli_env.read("MATCH (s:ASN) RETURN count(s) AS n") == [{"n": 5}]


def test_a_commit_that_lost_its_answer_before_committing_says_nothing_was_written(cli_env, lose_commit):
    fired = lose_commit(after=False)
    result = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert fired == [False]
    assert result.exit_code == 1
    assert "Neo4j failed while committing the import of dataset PEMDA (IncompleteCommit: " in result.output
    assert "did not commit: nothing of it was written. Run the same import again." in result.output
    assert "rolled back" not in result.output
    assert cli_env.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_imports_lists_the_log_and_the_dry_run_compares_the_files(cli_env):
    import json

    empty = CliRunner().invoke(cli.main, ["imports"])
    assert empty.exit_code == 0 and "no import of any dataset is recorded" in empty.output
    assert CliRunner().invoke(cli.main, ["import", str(DATA / "mini")]).exit_code == 0
    table = CliRunner().invoke(cli.main, ["imports", "--dataset", "PEMDA"])
    assert table.exit_code == 0, table.output
    assert "PEMDA" in table.output and "ASN=5" in table.output and "+28 -0 nodes" in table.output
    [entry] = json.loads(CliRunner().invoke(cli.main, ["imports", "--format", "json"]).output)["rows"]
    assert entry["dataset"] == "PEMDA" and entry["counts"]["Goal"] == 10 and len(entry["digest"]) == 64
    dry = CliRunner().invoke(cli.main, ["import", "--dry-run", str(DATA / "mini")])
    assert dry.exit_code == 0
    assert f"the last import of dataset PEMDA ({entry['at']}, import {entry['id']}" in dry.output
    assert "was of these same files" in dry.output


def test_schema_and_serve_give_a_graph_from_an_older_pokin_what_the_model_declares(cli_env, monkeypatch):
    """A graph imported before the search's full-text index existed has none: `pokin schema` creates it, and so
    does `pokin serve` as it starts (the server itself is not started here)."""
    from graph.model import SEARCH_INDEX

    def indexes() -> set[str]:
        return {row["name"] for row in cli_env.read("SHOW INDEXES YIELD name RETURN name")}

    for command in (["schema"], ["serve"]):
        cli_env.write(f"DROP INDEX {SEARCH_INDEX} IF EXISTS")
        assert SEARCH_INDEX not in indexes()
        if command == ["serve"]:
            monkeypatch.setattr("waitress.serve", lambda *args, **kwargs: None)
            monkeypatch.setattr("signal.signal", lambda *args: None)  # serve's SIGTERM handler: not in the test run
        result = CliRunner().invoke(cli.main, command)
        assert result.exit_code == 0, result.output
        assert SEARCH_INDEX in indexes(), command
    assert "schema up to date" in CliRunner().invoke(cli.main, ["schema"]).output


def test_reach_says_whether_the_fact_is_current_and_rebuilds_it(cli_env):
    assert CliRunner().invoke(cli.main, ["import", str(DATA / "mini")]).exit_code == 0
    current = CliRunner().invoke(cli.main, ["reach"])
    assert current.exit_code == 0 and current.output.startswith("current: the audit reads reaches_outcome")
    cli_env.write("MATCH (g:Goal) WITH g LIMIT 1 CREATE (g)-[:CONTRIBUTES_TO]->(:Goal {id: 'RAW', level: 'visi'})")
    stale = CliRunner().invoke(cli.main, ["reach"])
    assert stale.exit_code == 0 and stale.output.startswith("not current: the audit walks the graph")
    rebuilt = CliRunner().invoke(cli.main, ["reach", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "element(s) written; current" in rebuilt.output
    assert CliRunner().invoke(cli.main, ["reach"]).output.startswith("current:")
    assert cli_env.read("MATCH (g:Goal {id: 'RAW'}) RETURN g.reaches_outcome AS fact") == [{"fact": True}]
