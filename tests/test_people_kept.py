"""What the importer keeps for the people queries (graph/importer/people_kept.py) equals the full computation.

Random Pemda datasets (goals of random levels contributing to random goals and indicators, cycles included; IKU
flagged yes, no or not at all; staff in units and sub-units reporting to random atasan and assigned to random goals,
indicators and activities; links into and out of other datasets) are imported, changed, imported as a second
version, shrunk to nothing and removed, with raw Cypher writes in between. After every step the kept answers must
be current and equal to the same questions worked out from the whole graph (the record made stale for the time of
that reading): single_points_of_failure, rhk_without_intervention over the whole graph and scoped to every unit,
what_if_move of every ASN and retirements; a scope other than the one kept is answered in full.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph import model, people
from graph.catalog import load_catalog
from graph.importer import import_path, people_kept
from graph.importer.build import VersionRequest
from graph.importer.remove import remove

CATALOG = load_catalog()
LEVELS = ("tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan", "rhk", "rhk")


def _write(folder: Path, table: str, header: list[str], rows: list[list[object]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _some(rng: random.Random, ids: list[str], chance: float, most: int = 2) -> str:
    if not ids or rng.random() > chance:
        return ""
    return ";".join(sorted(set(rng.choices(ids, k=rng.randint(1, most)))))


def _nips(pemda: int) -> list[str]:
    """The Pemda's own NIPs (a person keeps theirs from one version to the next), born 1966-1968 so that some
    retire in 2026 at 58 or 60."""
    return [f"{1966 + n % 3}0315201001{1}{pemda}{n:02d}" for n in range(12)]


def make_dataset(folder: Path, rng: random.Random, name: str, pemda: int, foreign: list[str], empty: bool) -> None:
    """One Pemda's files: the Pemda unit, two OPD and a bidang, random goals, indicators, activities, staff with
    atasan and assignments, and links with `foreign` goals (another dataset's) both ways; `empty`: the units only."""
    folder.mkdir(parents=True, exist_ok=True)
    units = [f"U-{name}", f"U-{name}-A", f"U-{name}-B", f"U-{name}-A1"]
    parents = ["", units[0], units[0], units[1]]
    kinds = ["pemda", "perangkat_daerah", "perangkat_daerah", "unit_kerja"]
    _write(
        folder, "units", ["id", "name", "kind", "parent_id"], [[u, u, k, p] for u, k, p in zip(units, kinds, parents)]
    )
    count = 0 if empty else rng.randint(5, 14)
    goals = [f"G-{name}-{index}" for index in range(count)]
    level = {goal: rng.choice(LEVELS) for goal in goals}
    indicators = [f"I-{name}-{index}" for index in range(rng.randint(0, count))] if count else []
    measures = {i: rng.choice(goals) for i in indicators}
    activities = [f"A-{name}-{index}" for index in range(rng.randint(0, 3))] if count else []

    def targets(element: str) -> list[str]:
        return [t for t in goals + indicators if t != element and measures.get(t) != element]

    rows = [[g, level[g], f"Tujuan {g}", rng.choice(units), _some(rng, targets(g), 0.8)] for g in goals]
    _write(folder, "goals", ["id", "level", "statement", "unit_id", "contributes_to"], rows)
    iku = ["", "ya", "tidak"]
    rows = [[i, measures[i], f"Indikator {i}", "%", 2026, 10, rng.choice(iku)] for i in indicators]
    _write(folder, "indicators", ["id", "goal_id", "name", "satuan", "year", "target", "iku"], rows)
    header = ["id", "kind", "code", "name", "unit_id", "parent_id", "year", "budget", "contributes_to"]
    rows = [
        [a, "subkegiatan", f"1.01.01.2.01.{n:04d}", a, rng.choice(units), "", 2026, 1000, _some(rng, targets(a), 0.6)]
        for n, a in enumerate(activities)
    ]
    _write(folder, "activities", header, rows)
    staff = rng.sample(_nips(pemda), rng.randint(2, 10)) if count else []
    rows = [
        [
            nip,
            f"ASN {nip[-4:]}",
            rng.choice(["Staf", "Kepala Dinas", "Analis Ahli Madya"]),
            rng.choice(units[1:]),
            rng.choice(staff[:n]) if n and rng.random() < 0.85 else "",
            _some(rng, goals + indicators + activities, 0.85),
        ]
        for n, nip in enumerate(staff)
    ]
    _write(folder, "staff", ["nip", "name", "position", "unit_id", "supervisor_nip", "assigned_to"], rows)
    links = [[g, "CONTRIBUTES_TO", rng.choice(foreign), 1] for g in goals if foreign and rng.random() < 0.3]
    links += [[rng.choice(foreign), "CONTRIBUTES_TO", g, 1] for g in goals if foreign and rng.random() < 0.15]
    _write(folder, "links", ["from_id", "type", "to_id", "weight"], links)


def _foreign(runner, name: str) -> list[str]:
    """The goals of the other Pemda's latest versions."""
    scope = CATALOG.within(runner).datasets
    return [
        row["id"]
        for row in runner.read(
            "MATCH (g:Goal) WHERE NOT g.dataset STARTS WITH $pemda AND ($scope IS NULL OR g.dataset IN $scope) "
            "RETURN g.id AS id ORDER BY id",
            {"pemda": f"U-{name}", "scope": scope},
        )
    ]


@contextmanager
def stale(runner) -> Iterator[None]:
    """The kept answers' record made not current for the time inside: the queries work the answers out."""
    runner.write("MATCH (lock:PokinImportLock) SET lock.people_nodes = -1 - lock.people_nodes")
    try:
        assert not people_kept.current(runner)
        yield
    finally:
        runner.write("MATCH (lock:PokinImportLock) SET lock.people_nodes = -1 - lock.people_nodes")


def answers(runner, datasets: list[str] | None = None, moves: int | None = None) -> dict[str, object]:
    """Every people answer for the scope: single points of failure, the intervensi check over the whole graph
    and per unit, the mutasi of every ASN and the retirements of two years. `moves`, for a graph as large as the
    sample's (where each full answer takes seconds): only that many units, that many of the ASN single points of
    failure name and that many more."""
    catalog = CATALOG.within(runner, datasets)
    units = [row["id"] for row in runner.read("MATCH (u:Unit) RETURN u.id AS id ORDER BY id")]
    nips = [row["nip"] for row in runner.read("MATCH (s:ASN) RETURN DISTINCT s.nip AS nip ORDER BY nip")]
    out: dict[str, object] = {"spof": people.single_points_of_failure(runner, catalog)}
    if moves is not None:
        named = sorted({row["nip"] for row in out["spof"]})  # type: ignore[attr-defined]
        nips, units = sorted(set(named[:moves]) | set(nips[:moves])), units[:moves]
    for unit in [None, *units]:
        out[f"rhk {unit}"] = catalog.run(runner, "rhk_without_intervention", {"unit": unit})
    for nip in nips:
        try:
            out[f"move {nip}"] = people.what_if_move(runner, catalog, nip)
        except people.MoveError as error:  # an ASN of another version only
            out[f"move {nip}"] = str(error)
    for year in (2024, 2026):
        out[f"retire {year}"] = people.retirements(runner, catalog, year)
    return out


def check(runner, older: list[str] | None) -> int:
    """The kept answers are current and equal to the full computation, for the default scope and for `older` (a
    scope with another version: answered in full); returns how many findings were compared."""
    assert people_kept.current(runner)
    kept = answers(runner)
    with stale(runner):
        assert kept == answers(runner)
    if older is not None:  # what is kept is the default scope's: another is worked out, kept or not
        other = answers(runner, older)
        with stale(runner):
            assert answers(runner, older) == other
    assert people_kept.current(runner)
    return len(kept["spof"]) + len(kept["rhk None"])  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_kept_answers_equal_the_full_ones_after_random_imports_versions_and_removals(runner, tmp_path, seed):
    rng = random.Random(seed)
    names = ["KAB1", "KAB2", "PROV"]
    found = 0
    for step in range(8):
        pemda = rng.randrange(3)
        name = names[pemda]
        version = rng.choice(["2025", "2026"]) if name == "KAB1" else None
        folder = tmp_path / f"{step}-{name}"
        make_dataset(folder, rng, name, pemda, _foreign(runner, name), empty=rng.random() < 0.12)
        import_path(folder, runner, version=VersionRequest(name=version) if version else None)
        older = sorted(set(CATALOG.within(runner).datasets or []) - {"U-KAB1@2026"} | {"U-KAB1@2025"})
        versions = {row["d"] for row in runner.read("MATCH (s:ASN) RETURN DISTINCT s.dataset AS d")}
        found += check(runner, older if {"U-KAB1@2025", "U-KAB1@2026"} <= versions else None)
        if rng.random() < 0.2 and "U-KAB1@2025" in versions:
            remove(runner, "U-KAB1@2025")
            found += check(runner, None)
        if step in (3, 6):
            goals = [row["id"] for row in runner.read("MATCH (g:Goal) RETURN g.id AS id ORDER BY id")]
            runner.write(
                "MATCH (a:Goal {id: $a}), (b:Goal {id: $b}) CREATE (a)-[:CONTRIBUTES_TO {weight: 1.0}]->(b)",
                dict(zip("ab", rng.sample(goals, 2))),
            )
            assert not people_kept.current(
                runner
            )  # a raw write: the queries work the answers out until the next import
            assert answers(runner)["spof"] == people.computed(runner, CATALOG.within(runner))
    assert found  # something was found and compared, not only empty answers


def test_every_query_reading_the_kept_answers_first_checks_they_are_current():
    readers = {query.name for query in CATALOG if "people_lock" in query.cypher or "people_known" in query.cypher}
    assert readers == {"people_kept", "rhk_without_intervention"}
    for name in readers:
        assert CATALOG[name].cypher.startswith(model.PEOPLE_CURRENT_BLOCK), name


def test_the_sample_keeps_its_answers_and_keeping_them_again_changes_nothing(sample):
    """The sample's import kept its answers, equal to the full computation; an import of nothing new finds them
    current, and keeping them again keeps the same."""
    assert people_kept.current(sample)
    kept = answers(sample, moves=3)
    assert kept["spof"] and kept["rhk None"]
    with stale(sample):
        assert answers(sample, moves=3) == kept
    assert not people_kept.ensure(sample)  # current: nothing to do
    assert people_kept.keep(sample) == len(kept["spof"])  # type: ignore[arg-type]
    assert answers(sample, moves=3) == kept


def test_a_scope_beyond_the_people_limit_is_refused_and_nothing_is_kept_for_it(sample, monkeypatch):
    """graph/people.py PEOPLE_LIMIT: the whole contribution graph of a scope is read into the process, so a scope of
    more ASN is refused before anything is read (the whole nation's took over 6 GB), with the one error shape in the
    service; the importer then keeps nothing, and one Pemda's version still answers."""
    from test_service_support import AS_READER, make_app

    staff = sample.read("MATCH (s:ASN) RETURN count(s) AS n")[0]["n"]
    kept = people.single_points_of_failure(sample, CATALOG)
    monkeypatch.setattr(people, "PEOPLE_LIMIT", staff - 1)
    assert people.single_points_of_failure(sample, CATALOG) == kept, "what is kept answers at any size"
    with stale(sample):
        with pytest.raises(people.ScopeTooLarge) as refused:
            people.single_points_of_failure(sample, CATALOG)
        assert f"{staff:,}" in str(refused.value) and f"{staff - 1:,}" in str(refused.value)
        response = make_app(sample).test_client().get("/api/people/single-points-of-failure", headers=AS_READER)
        body = response.get_json()
        assert response.status_code == 422 and body["ok"] is False and body["staff"] == staff
    try:
        assert people_kept.keep(sample) == people_kept.TOO_LARGE
        assert not people_kept.current(sample)
        dataset = sample.read("MATCH (s:ASN) RETURN s.dataset AS d LIMIT 1")[0]["d"]
        monkeypatch.setattr(people, "PEOPLE_LIMIT", staff)
        assert people.single_points_of_failure(sample, CATALOG, [dataset]) == kept
    finally:
        monkeypatch.undo()
        people_kept.keep(sample)
    assert people_kept.current(sample) and people.single_points_of_failure(sample, CATALOG) == kept
