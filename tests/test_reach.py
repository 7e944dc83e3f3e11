"""The fact "reaches an outcome" the importer keeps (graph/importer/reach.py) equals the full traversal.

Random Pemda datasets (goals of random levels contributing to random goals and indicators, cycles included,
activities, indicators on goals and activities, staff) are imported, changed, shrunk to nothing and imported again,
with contributions that cross datasets both ways: a later dataset's goals contributing to an earlier one's, and a
"province" whose links.csv makes an earlier dataset's goals contribute to its own (tests/... as in
seed/synthetic.py). After every import each element's fact must be what a breadth-first search in Python finds
on the graph read back, and every audit query that reads the fact must answer exactly as its traversal form (the
same query with the fact not current), over the whole graph and scoped to every unit.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict, deque
from pathlib import Path

import pytest

from graph import model
from graph.catalog import load_catalog
from graph.importer import import_path
from graph.importer import reach as reach_module

CATALOG = load_catalog()
READERS = ("orphaned_staff", "activities_without_leverage", "budget_at_risk_by_unit", "units_without_outcome")
LEVELS = model.GOAL_LEVELS
NIPS = iter(range(1, 10**6))


def _nip(number: int) -> str:
    """A valid NIP of its own for every staff row of the whole run: born on 15 March of a year, appointed in 2010."""
    return f"{1960 + number // 1000}0315201001{1}{number % 1000:03d}"


def _write(folder: Path, table: str, header: list[str], rows: list[list[object]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _pick(rng: random.Random, ids: list[str], chance: float, most: int = 2) -> str:
    """Up to `most` of `ids`, each row with probability `chance` of any at all, as an id list cell."""
    if not ids or rng.random() > chance:
        return ""
    return ";".join(sorted(set(rng.choices(ids, k=rng.randint(1, most)))))


def make_dataset(
    folder: Path,
    rng: random.Random,
    name: str,
    foreign: list[str],
    *,
    empty: bool = False,
    levels: tuple[str, ...] = LEVELS,
    up: float = 0.3,
    years: tuple[int, ...] = (2026,),
) -> None:
    """One Pemda's files: a Pemda unit, two OPD, random goals (cycles allowed), indicators, activities, staff,
    and links from `foreign` goals (another dataset's, already in the graph) into this one and back.
    `empty`: only the Pemda unit, so that a re-import removes everything else of the dataset. `levels`: the goals'
    levels to draw from; `up`: the chance of each goal to contribute to a foreign goal; `years`: the activities'
    budget years to draw from."""
    folder.mkdir(parents=True, exist_ok=True)
    units = [f"U-{name}", f"U-{name}-A", f"U-{name}-B"]
    _write(
        folder,
        "units",
        ["id", "name", "kind", "parent_id"],
        [[units[0], f"Pemda {name}", "pemda", ""]]
        + ([] if empty else [[unit, f"Dinas {unit}", "perangkat_daerah", units[0]] for unit in units[1:]]),
    )
    count = 0 if empty else rng.randint(4, 14)
    goals = [f"G-{name}-{index}" for index in range(count)]
    indicators = [f"I-{name}-{index}" for index in range(rng.randint(0, count))] if count else []
    activities = [f"A-{name}-{index}" for index in range(rng.randint(0, count))]
    level_of = {goal: rng.choice(levels) for goal in goals}
    measures = {i: rng.choice(goals + activities) for i in indicators}

    def targets(element: str) -> list[str]:  # not itself, nor its own indicators (refused: it would support itself)
        return [t for t in goals + indicators if t != element and measures.get(t) != element]

    _write(
        folder,
        "goals",
        ["id", "level", "statement", "unit_id", "contributes_to"],
        [[g, level_of[g], f"Tujuan {g}", rng.choice(units), _pick(rng, targets(g), 0.7)] for g in goals],
    )
    _write(
        folder,
        "indicators",
        ["id", "goal_id", "element_id", "name", "satuan", "year", "target"],
        [[i, "", measures[i], f"Indikator {i}", "%", 2026, 10] for i in indicators],
    )
    _write(
        folder,
        "activities",
        ["id", "kind", "code", "name", "unit_id", "parent_id", "year", "budget", "contributes_to"],
        [
            [
                a,
                "subkegiatan",
                f"1.01.01.2.01.{n:04d}",
                f"Kegiatan {a}",
                rng.choice(units),
                "",
                rng.choice(years) if len(years) > 1 else years[0],
                1000 * (n + 1),
                _pick(rng, targets(a), 0.6),
            ]
            for n, a in enumerate(activities)
        ],
    )
    assignable = goals + indicators + activities
    _write(
        folder,
        "staff",
        ["nip", "name", "position", "unit_id", "supervisor_nip", "assigned_to"],
        [
            [_nip(next(NIPS)), f"ASN {n}", "Staf", rng.choice(units[1:] or units), "", _pick(rng, assignable, 0.8)]
            for n in range(count)
        ],
    )
    links = []
    for goal in goals:
        if foreign and rng.random() < up:
            links.append([goal, "CONTRIBUTES_TO", rng.choice(foreign), 1])
        if foreign and rng.random() < 0.2:  # the other way: an earlier dataset's goal contributes to this one's
            links.append([rng.choice(foreign), "CONTRIBUTES_TO", goal, 1])
    _write(folder, "links", ["from_id", "type", "to_id", "weight"], links)


# --- the reference: a breadth-first search over the graph read back --------------------------------------


def traversed(runner) -> dict[str, bool]:
    """Every element's answer by a breadth-first search in Python, downward from the outcome goals."""
    nodes = runner.read(
        "MATCH (n:Goal|Indicator|Activity) RETURN n.id AS id, coalesce(n:Goal AND n.level IN $levels, false) AS outcome",
        {"levels": list(model.OUTCOME_LEVELS)},
    )
    below: dict[str, list[str]] = defaultdict(list)
    for row in runner.read("MATCH (a)-[:CONTRIBUTES_TO]->(b) RETURN a.id AS a, b.id AS b"):
        below[row["b"]].append(row["a"])
    reaching = {row["id"] for row in nodes if row["outcome"]}
    queue = deque(reaching)
    while queue:
        for start in below[queue.popleft()]:
            if start not in reaching:
                reaching.add(start)
                queue.append(start)
    return {row["id"]: row["id"] in reaching for row in nodes}


def held(runner) -> dict[str, object]:
    return {
        row["id"]: row["fact"]
        for row in runner.read(f"MATCH (n:Goal|Indicator|Activity) RETURN n.id AS id, n.{model.REACH_PROPERTY} AS fact")
    }


def answers(runner, most: int | None = None) -> dict[tuple[str, str | None], list[dict]]:
    """Every reading query's rows, over the whole graph and scoped to every unit (those that take a unit); `most`:
    scoped to that many units only, spread over the sorted ids (the sample has over a hundred)."""
    units = [row["id"] for row in runner.read("MATCH (u:Unit) RETURN u.id AS id ORDER BY id")]
    if most is not None:
        units = units[:: max(1, len(units) // most)][:most]
    units = [None, *units]
    out = {}
    for name in READERS:
        declared = {param.name for param in CATALOG[name].params}
        for unit in units if "unit" in declared else [None]:
            out[(name, unit)] = CATALOG.run(runner, name, {"unit": unit} if unit else {})
    return out


def traversal_answers(runner, most: int | None = None) -> dict[tuple[str, str | None], list[dict]]:
    """The same queries in their traversal form: the fact made not current for the time of the reading."""
    runner.write("MATCH (lock:PokinImportLock) SET lock.reach_nodes = -1 - lock.reach_nodes")
    try:
        assert not reach_module.current(runner)
        return answers(runner, most)
    finally:
        runner.write("MATCH (lock:PokinImportLock) SET lock.reach_nodes = -1 - lock.reach_nodes")


def check(runner, most: int | None = None) -> None:
    """The fact is current, every element's equals the traversal's, and every query answers as its traversal."""
    assert reach_module.current(runner)
    assert held(runner) == traversed(runner)
    with_fact = answers(runner, most)
    assert with_fact == traversal_answers(runner, most)
    assert reach_module.current(runner)


# --- random imports, changes, removals and cycles ----------------------------------------------------------


def _foreign_goals(runner, name: str) -> list[str]:
    return [
        row["id"]
        for row in runner.read(
            "MATCH (g:Goal) WHERE g.dataset <> $name RETURN g.id AS id ORDER BY id", {"name": f"U-{name}"}
        )
    ]


def _raw_edit(runner, rng: random.Random) -> None:
    """A write outside the importer: a contribution between two random goals (a cycle, perhaps)."""
    goals = [row["id"] for row in runner.read("MATCH (g:Goal) RETURN g.id AS id ORDER BY id")]
    if len(goals) >= 2:
        start, end = rng.sample(goals, 2)
        runner.write(
            "MATCH (a:Goal {id: $a}), (b:Goal {id: $b}) CREATE (a)-[:CONTRIBUTES_TO {weight: 1.0}]->(b)",
            {"a": start, "b": end},
        )
        assert not reach_module.current(runner)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_fact_equals_the_traversal_after_random_imports_changes_and_removals(runner, tmp_path, seed):
    rng = random.Random(seed)
    names = ["KAB1", "KAB2", "PROV"]
    for step in range(9):
        name = rng.choice(names)
        folder = tmp_path / f"{step}-{name}"
        make_dataset(folder, rng, name, _foreign_goals(runner, name), empty=rng.random() < 0.15)
        first = import_path(folder, runner)
        assert first.written is not None
        check(runner)
        again = import_path(folder, runner)  # the same files: nothing written, the fact included
        assert again.written is not None and not again.written.changed(), (step, again.written)
        if step in (3, 6) or rng.random() < 0.1:
            _raw_edit(runner, rng)  # the next import works the fact out again for the whole graph
    assert held(runner)  # the graph was not left empty by chance: something was checked


# --- the safety rule and the rebuild -----------------------------------------------------------------------


def test_every_query_reading_the_fact_first_checks_it_is_current_by_the_models_rule():
    for name in READERS:
        assert CATALOG[name].cypher.startswith(model.REACH_CURRENT_BLOCK), name
    readers = {
        query.name
        for query in CATALOG
        if f".{model.REACH_PROPERTY}" in query.cypher or f"{{{model.REACH_PROPERTY}:" in query.cypher
    }
    assert readers == set(READERS)


def test_the_currency_test_reads_the_count_store_and_seeks_the_lock(sample):
    operators = {op.name.split("@")[0] for op in sample.explain(model.REACH_CURRENT_QUERY).operators}
    assert {"NodeCountFromCountStore", "RelationshipCountFromCountStore"} <= operators, operators
    assert not {op for op in operators if "Scan" in op or op.startswith("CartesianProduct")}, operators


SAMPLE_UNITS = 12  # the units of the sample each query is scoped to, besides the whole graph


def test_a_graph_written_outside_the_importer_is_walked_until_rebuilt(sample):
    """Raw Cypher after an import (the sample's, as the `sample` fixture leaves it: written to here, so no later test
    of this module may ask for it): the queries walk the graph (the walk's answers), `rebuild` makes the fact current
    and equal to the walk again; a graph never imported is walked; rebuilding twice writes nothing."""
    runner = sample
    check(runner, SAMPLE_UNITS)
    runner.write(
        "CREATE (g:Goal {id: 'RAW', level: 'rhk', statement: 'Tanpa induk'}) "
        "WITH g MATCH (s:ASN) WITH g, s ORDER BY s.nip LIMIT 3 OPTIONAL MATCH (s)-[r:ASSIGNED_TO]->() DELETE r "
        "WITH DISTINCT g, s CREATE (s)-[:ASSIGNED_TO]->(g)"
    )
    assert not reach_module.current(runner)
    walked = answers(runner, SAMPLE_UNITS)
    raw = [row["nip"] for row in walked[("orphaned_staff", None)] if row["assigned_to"] == ["RAW"]]
    assert len(raw) == 3  # the walk sees the raw write
    assert reach_module.rebuild(runner) > 0
    check(runner, SAMPLE_UNITS)
    assert answers(runner, SAMPLE_UNITS) == walked
    assert reach_module.rebuild(runner) == 0
    runner.write("MATCH (lock:PokinImportLock) DETACH DELETE lock")  # as a graph no pokin import wrote
    assert not reach_module.current(runner)
    assert answers(runner, SAMPLE_UNITS) == walked


def test_a_province_reimport_reaches_into_its_kabupaten(runner, tmp_path):
    """A kabupaten whose goals reach an outcome only through a province's sasaran: a re-import of the province
    without them takes the kabupaten's reach away, and importing them again gives it back."""
    rng = random.Random(7)
    province, kabupaten = tmp_path / "prov", tmp_path / "kab"
    make_dataset(province, rng, "PROV", [], levels=("sasaran",))
    import_path(province, runner)
    make_dataset(kabupaten, rng, "KAB", _foreign_goals(runner, "KAB"), levels=("sasaran_program", "rhk"), up=1.0)
    import_path(kabupaten, runner)
    check(runner)

    def kabupaten_goals() -> set[bool]:
        return {fact for key, fact in held(runner).items() if key.startswith("G-KAB")}

    assert kabupaten_goals() == {True}
    make_dataset(tmp_path / "empty", rng, "PROV", [], empty=True)
    import_path(tmp_path / "empty", runner)
    check(runner)
    assert kabupaten_goals() == {False}
    import_path(province, runner)
    check(runner)
