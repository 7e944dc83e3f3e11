"""The activities reaching each element, as the importer keeps them (graph/importer/support.py), equal the traversal.

Random Pemda datasets (tests/test_reach.py's make_dataset: goals of random levels contributing to random goals and
indicators, cycles included, activities of two budget years, links across Pemda both ways) are imported as random
versions, changed (an activity's year too), shrunk to nothing, imported again and removed (`remove`), with raw
Cypher writes in between. After every import and removal each element's list must be what a breadth-first search
upward from every activity, in Python over the graph read back, finds, and outcome_goals_without_activity must
answer exactly as its traversal form (the same query with the list not current) for every year and scope of
versions asked.
"""

from __future__ import annotations

import random
from collections import defaultdict, deque

import pytest
from test_reach import make_dataset

from graph import model
from graph.catalog import load_catalog
from graph.importer import VersionRequest, import_path
from graph.importer import reach as reach_module
from graph.importer.remove import remove

CATALOG = load_catalog()
READER = "outcome_goals_without_activity"
YEARS = (2025, 2026)
_ELEMENTS = "MATCH (n:Goal|Indicator|Activity) RETURN elementId(n) AS node, n.id AS id, n.dataset AS dataset"


def traversed(runner) -> dict[tuple[str, str], list[str]]:
    """Per element (id, dataset): the sorted "<year>:<dataset>" of every activity from which one or more
    CONTRIBUTES_TO steps lead to it, by a breadth-first search upward from each activity in Python."""
    nodes = runner.read(_ELEMENTS + ", n:Activity AS activity, n.year AS year")
    above: dict[str, list[str]] = defaultdict(list)
    for row in runner.read("MATCH (a)-[:CONTRIBUTES_TO]->(b) RETURN elementId(a) AS a, elementId(b) AS b"):
        above[row["a"]].append(row["b"])
    support: dict[str, set[str]] = defaultdict(set)
    for row in (row for row in nodes if row["activity"]):
        key = f"{'' if row['year'] is None else row['year']}:{row['dataset']}"
        seen = set(above[row["node"]])
        queue = deque(seen)
        while queue:
            node = queue.popleft()
            support[node].add(key)
            for end in above[node]:
                if end not in seen:
                    seen.add(end)
                    queue.append(end)
    return {(row["id"], row["dataset"]): sorted(support[row["node"]]) for row in nodes}


def held(runner) -> dict[tuple[str, str], list[str]]:
    rows = runner.read(_ELEMENTS + f", n.{model.SUPPORT_PROPERTY} AS support")
    return {(row["id"], row["dataset"]): row["support"] or [] for row in rows}


def scopes(runner) -> list[list[str] | None]:
    """Every scope of versions the query is asked for: none named, each version alone, and all of them."""
    datasets = [row["d"] for row in runner.read("MATCH (g:Goal) RETURN DISTINCT g.dataset AS d ORDER BY d")]
    return [None, *([d] for d in datasets), datasets]


def answers(runner) -> dict[tuple[int | None, str], list[dict]]:
    return {
        (year, repr(datasets)): CATALOG.run(runner, READER, {"year": year, "datasets": datasets})
        for year in (None, *YEARS)
        for datasets in scopes(runner)
    }


def _flip(runner) -> None:
    runner.write("MATCH (lock:PokinImportLock) SET lock.support_nodes = -1 - lock.support_nodes")


def check(runner) -> None:
    """Both facts current, every element's list equal to the traversal's, the query equal to its traversal form."""
    assert reach_module.current(runner)
    assert held(runner) == traversed(runner)
    with_fact = answers(runner)
    _flip(runner)
    try:
        assert not reach_module.current(runner)
        assert answers(runner) == with_fact
    finally:
        _flip(runner)
    assert reach_module.current(runner)


def _foreign_goals(runner, name: str) -> list[str]:
    """Goals of the other Pemda (any of their versions: a reference resolves to the latest)."""
    rows = runner.read(
        "MATCH (g:Goal) WHERE NOT (g.dataset = $pemda OR g.dataset STARTS WITH $pemda + '@') "
        "RETURN DISTINCT g.id AS id ORDER BY id",
        {"pemda": f"U-{name}"},
    )
    return [row["id"] for row in rows]


def _raw_edit(runner, rng: random.Random) -> None:
    """A write outside the importer: a contribution from a random activity to a random goal of its version."""
    pairs = runner.read(
        "MATCH (a:Activity), (g:Goal) WHERE a.dataset = g.dataset RETURN elementId(a) AS a, elementId(g) AS g "
        "ORDER BY a, g"
    )
    if pairs:
        pair = rng.choice(pairs)
        runner.write(
            "MATCH (a), (g) WHERE elementId(a) = $a AND elementId(g) = $g CREATE (a)-[:CONTRIBUTES_TO {weight: 1.0}]->(g)",
            pair,
        )
        assert not reach_module.current(runner)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_lists_equal_the_traversal_after_random_imports_changes_and_removals(runner, tmp_path, seed):
    rng = random.Random(seed)
    checked = 0
    for step in range(10):
        name = rng.choice(["KAB1", "KAB2", "PROV"])
        version = rng.choice([None, "2025", "2026"])
        folder = tmp_path / f"{step}-{name}"
        foreign = _foreign_goals(runner, name)
        make_dataset(folder, rng, name, foreign, empty=rng.random() < 0.15, years=YEARS)
        request = VersionRequest(version) if version else None
        first = import_path(folder, runner, version=request)
        assert first.written is not None
        check(runner)
        again = import_path(folder, runner, version=request)  # the same files: nothing written, the lists included
        assert again.written is not None and not again.written.changed(), (step, again.written)
        assert held(runner) == traversed(runner)
        checked += sum(1 for support in held(runner).values() if support)
        if rng.random() < 0.2:
            _raw_edit(runner, rng)  # the next import works the lists out again for the whole graph
        if rng.random() < 0.25:
            datasets = [row["d"] for row in runner.read("MATCH (v:PokinVersion) RETURN v.dataset AS d ORDER BY d")]
            if len(datasets) > 1:
                remove(runner, rng.choice(datasets))
                check(runner)
    assert checked  # some activity reached something: the lists were not all empty by chance


def test_an_activitys_new_year_and_a_removed_province_change_the_lists_above(runner, tmp_path):
    """A kabupaten whose activities reach a province's sasaran: the province's lists name the kabupaten's year;
    an import moving the activities to another year moves the entries; removing the kabupaten empties them."""
    rng = random.Random(11)
    make_dataset(tmp_path / "prov", rng, "PROV", [], levels=("sasaran",))
    import_path(tmp_path / "prov", runner)
    foreign = _foreign_goals(runner, "KAB")
    for year in YEARS:
        folder = tmp_path / f"kab-{year}"
        make_dataset(folder, random.Random(5), "KAB", foreign, levels=("sasaran_program",), up=1.0, years=(year,))
        import_path(folder, runner)
        check(runner)
        province = {key for (_, dataset), support in held(runner).items() if dataset == "U-PROV" for key in support}
        assert f"{year}:U-KAB" in province and f"{YEARS[0] + YEARS[1] - year}:U-KAB" not in province
    remove(runner, "U-KAB")
    check(runner)
    assert not any(key.endswith(":U-KAB") for support in held(runner).values() for key in support)
