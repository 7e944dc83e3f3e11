"""The peers part of the bench (bench/peers.py) at a tiny scale, against the real Neo4j: every peer
(DuckDB, SQLite, networkx, and PostgreSQL where its server can start) gives exactly pokin's rows for every
audit question it expresses, over the whole graph and scoped to each OPD; a peer that differs is caught.

No timing is asserted: the figures live in BENCHMARKS.md, measured with `pokin bench --only peers`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bench import peers
from bench.peers_engines import postgres_bin
from bench.peers_sql import PEER_SQL
from graph.importer import import_path
from seed.synthetic import generate

SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"


def _postgres_expected() -> bool:
    return postgres_bin() is not None and importlib.util.find_spec("psycopg2") is not None


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny-peers")
    generate("tiny", out, seed=3)
    return out


def _datasets(folder: Path) -> list[Path]:
    manifest = folder / "manifest.json"
    if not manifest.exists():
        return [folder]
    import json

    return [(folder / entry["folder"]).resolve() for entry in json.loads(manifest.read_text())["datasets"]]


@pytest.mark.parametrize("data", ["tiny", "sample"])
def test_every_peer_gives_pokins_rows_whole_graph_and_for_each_opd(runner, tiny, data):
    for folder in _datasets(tiny if data == "tiny" else SAMPLE):
        import_path(folder, runner)
    opds = peers.opds_of(runner)
    assert len(opds) >= 2
    result = peers.bench_peers(runner, opds[0], runs=1)

    expected_peers = {"DuckDB", "SQLite", "networkx"} | ({"PostgreSQL"} if _postgres_expected() else set())
    assert set(result["checks"]) == expected_peers
    if not _postgres_expected():
        assert "PostgreSQL" in result["skipped"] and result["skipped"]["PostgreSQL"]
    for peer, checks in result["checks"].items():
        assert set(checks) == set(PEER_SQL), peer
        for name, check in checks.items():
            assert check["equal"], (peer, name, check)
            scoped = PEER_SQL[name][1] is not None
            assert check["compared"] == 1 + (len(opds) if scoped else 0), (peer, name)
    # the comparisons had something to compare: the defects the data plants are found (the sample
    # kabupaten's sasaran are all supported by an activity of the budget year)
    found = ("orphaned_staff", "activities_without_leverage", "budget_at_risk_by_unit", "goals_without_indicator")
    for name in found + (("outcome_goals_without_activity",) if data == "tiny" else ()):
        assert result["checks"]["SQLite"][name]["rows"] > 0, name
    for label, per_engine in result["timings"].items():
        assert set(per_engine) == {"pokin"} | expected_peers, label
        rows = {entry["rows"] for entry in per_engine.values()}
        assert len(rows) == 1, (label, per_engine)  # every engine returned as many rows as pokin


def test_a_peer_that_differs_is_caught(runner, tiny, monkeypatch):
    for folder in _datasets(tiny):
        import_path(folder, runner)
    whole, scoped = PEER_SQL["orphaned_staff"]
    # one orphaned ASN left out, in the whole graph and in every OPD
    monkeypatch.setitem(
        PEER_SQL,
        "orphaned_staff",
        (
            f"SELECT * FROM ({whole}) AS t ORDER BY 1 LIMIT 100000 OFFSET 1",
            f"SELECT * FROM ({scoped}) AS t ORDER BY 1 LIMIT 100000 OFFSET 1",
        ),
    )
    result = peers.bench_peers(runner, peers.opds_of(runner)[0], runs=1, engines=("SQLite",), networkx=False)
    check = result["checks"]["SQLite"]["orphaned_staff"]
    assert not check["equal"]
    assert check["at"] == "whole graph" and check["peer_rows"] == check["pokin_rows"] - 1
    assert result["checks"]["SQLite"]["activities_without_leverage"]["equal"]
