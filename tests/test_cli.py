"""The `pokin` command line against the real Neo4j."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import DATA
from graph import cli


@pytest.fixture
def cli_env(runner, neo4j_settings, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)
    return runner


def test_import_then_reimport(cli_env):
    result = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert result.exit_code == 0, result.output
    assert "imported dataset PEMDA" in result.output and "+28 nodes" in result.output
    again = CliRunner().invoke(cli.main, ["import", str(DATA / "mini")])
    assert "changes: +0 nodes, -0 nodes, +0 relationships, -0 relationships" in again.output


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


def test_dry_run(cli_env):
    result = CliRunner().invoke(cli.main, ["import", "--dry-run", str(DATA / "mini")])
    assert result.exit_code == 0 and "dry run, nothing written" in result.output
    assert cli_env.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
