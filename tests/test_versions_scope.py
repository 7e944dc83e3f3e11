"""Two versions of one Pemda in one graph: every named query, the audit and the service's endpoints answer from one
version and never mix them (docs/versions.md).

The sample kabupaten is imported once; its answers are taken (the graph holds only that version). A second version is
written beside it as a copy under `<dataset>@2026` with three changes (one ASN left without assignments, one
sub-kegiatan's pagu raised, one sasaran kegiatan removed with its indicators), each version recorded by a
PokinVersion node; the answers are taken again, by default and for the older version named explicitly. Then the
older version is deleted and the answers taken a last time. By default the two-version graph answers as the graph
holding only the latest version; named, the older version answers as the graph holding only it: no row of the
other version, no row twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from test_service_support import AS_READER, make_app

from graph.catalog import SCOPE_PARAM, load_catalog
from graph.importer import import_path
from graph.model import ASN, NODE_TYPES, REACH_PROPERTY, VERSION_LABEL
from graph.versions import default_scope
from service import elements
from service.http.database import run_named, scope

pytest_plugins = ("test_service_support",)

SAMPLE_FOLDER = Path(__file__).resolve().parent.parent / "seed" / "sample"
CATALOG = load_catalog()
NEW_NAME = "2026"
RAISE = 1_000_000  # rupiah added to the changed sub-kegiatan's pagu


def _copy_version(runner, old: str, new: str) -> None:
    """Every node and edge of dataset `old` again under `new`, with raw Cypher (keys found through their indexes)."""
    for node in NODE_TYPES:
        runner.write(
            f"MATCH (n:{node.label} {{dataset: $old}}) CREATE (c:{node.label}) SET c = n {{.*, dataset: $new}}",
            {"old": old, "new": new},
        )
    kinds = runner.read(
        "MATCH (a)-[r]->(b) WHERE r.dataset = $old "
        "RETURN DISTINCT type(r) AS type, head(labels(a)) AS start, head(labels(b)) AS end",
        {"old": old},
    )
    keys = {node.label: node.key[0] for node in NODE_TYPES}
    for kind in kinds:
        start, end = kind["start"], kind["end"]
        runner.write(
            f"MATCH (a:{start})-[r:{kind['type']}]->(b:{end}) WHERE r.dataset = $old "
            f"MATCH (a2:{start} {{{keys[start]}: a.{keys[start]}, dataset: $new}}) "
            f"MATCH (b2:{end} {{{keys[end]}: b.{keys[end]}, dataset: $new}}) "
            f"CREATE (a2)-[r2:{kind['type']}]->(b2) SET r2 = r {{.*, dataset: $new}}",
            {"old": old, "new": new},
        )


def _record_version(runner, dataset: str, year: int) -> None:
    """What an import records of its version, and a new data version (what an import that changed data sets)."""
    runner.write(
        f"MERGE (v:{VERSION_LABEL} {{dataset: $dataset}}) SET v.pemda = split($dataset, '@')[0], "
        "v.name = CASE WHEN $dataset CONTAINS '@' THEN split($dataset, '@')[1] END, v.kind = 'pk', v.year = $year, "
        "v.at = coalesce(v.at, toString(datetime()))",
        {"dataset": dataset, "year": year},
    )
    _new_data_version(runner)


def _new_data_version(runner) -> None:
    runner.write("MATCH (lock:PokinImportLock {id: 'import'}) SET lock.version = randomUUID()")


def _changes(runner, old: str) -> dict[str, Any]:
    """The elements the second version changes, chosen from the data: an ASN whose work reaches an outcome, a
    sub-kegiatan with a pagu, a sasaran kegiatan that its OPD and a goal above it hold."""
    nip = runner.read(
        f"MATCH (s:ASN {{dataset: $old}})-[:ASSIGNED_TO]->(e) WHERE e.{REACH_PROPERTY} "
        "RETURN s.nip AS nip ORDER BY nip LIMIT 1",
        {"old": old},
    )[0]["nip"]
    activity = runner.read(
        "MATCH (a:Activity {dataset: $old, kind: 'subkegiatan'}) WHERE a.budget > 0 "
        "RETURN a.id AS id ORDER BY id LIMIT 1",
        {"old": old},
    )[0]["id"]
    goal = runner.read(
        "MATCH (g:Goal {dataset: $old, level: 'sasaran_kegiatan'})-[:CONTRIBUTES_TO]->(above:Goal) "
        "MATCH (g)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'}) "
        "WHERE EXISTS { (g)-[:MEASURED_BY]->() } "
        "RETURN g.id AS id, above.id AS above, opd.id AS opd ORDER BY id, above, opd LIMIT 1",
        {"old": old},
    )[0]
    other = runner.read(
        "MATCH (u:Unit {dataset: $old, kind: 'perangkat_daerah'}) WHERE u.id <> $opd RETURN u.id AS id ORDER BY id "
        "LIMIT 1",
        {"old": old, "opd": goal["opd"]},
    )[0]["id"]
    return {
        "nip": nip,
        "activity": activity,
        "goal": goal["id"],
        "above": goal["above"],
        "opd": goal["opd"],
        "other_opd": other,
    }


def _change(runner, new: str, changed: dict[str, Any]) -> None:
    runner.write(
        "MATCH (:ASN {nip: $nip, dataset: $new})-[r:ASSIGNED_TO]->() DELETE r", {"nip": changed["nip"], "new": new}
    )
    runner.write(
        "MATCH (a:Activity {id: $id, dataset: $new}) SET a.budget = a.budget + $raise",
        {"id": changed["activity"], "new": new, "raise": RAISE},
    )
    runner.write(
        "MATCH (g:Goal {id: $id, dataset: $new}) "
        "OPTIONAL MATCH (g)-[:MEASURED_BY]->(i:Indicator) "
        "OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, dataset: $new}) "
        "DETACH DELETE g, i, y",
        {"id": changed["goal"], "new": new},
    )


def _cases(changed: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every named query with its required parameters (values that differ between the versions), and again
    for one unit where it takes one."""
    known = {
        "year": 2026,
        "unit": changed["opd"],
        "nip": changed["nip"],
        "id": changed["above"],
        "goal": changed["above"],
        "q": changed["goal"],
        "to_unit": changed["opd"],
        "from_unit": changed["other_opd"],
    }
    cases = []
    for query in CATALOG:
        params = {p.name: known[p.name] for p in query.params if not p.optional}
        cases.append((query.name, params))
        if any(p.name == "unit" and p.optional for p in query.params):
            cases.append((query.name, {**params, "unit": changed["opd"]}))
    return cases


def _endpoints(changed: dict[str, Any]) -> list[str]:
    """The service's main read endpoints, with ids that differ between the versions."""
    paths = [
        "/api/audit",
        f"/api/audit?unit={changed['opd']}",
        f"/api/goals/{changed['above']}",
        f"/api/goals/{changed['goal']}",
        f"/api/goals/{changed['above']}/achievement?year=2026",
        f"/api/units/{changed['opd']}",
        f"/api/staff/{changed['nip']}/line-of-sight",
        f"/api/elements/{changed['above']}/impact",
        f"/api/elements/{changed['goal']}/impact",
        "/api/people/single-points-of-failure",
        "/api/people/retirements?year=2026",
    ]
    return paths + [f"/api/audit/{query.name}" for query in CATALOG.findings]


def _answers(runner, cases, **given: Any) -> dict[str, list[dict[str, Any]]]:
    return {f"{name} {params}": CATALOG.run(runner, name, {**params, **given}) for name, params in cases}


def _served(client, paths: list[str]) -> dict[str, Any]:
    answers = {}
    for path in paths:
        response = client.get(path, headers=AS_READER)
        answers[path] = (response.status_code, response.get_json())
    return answers


def _helpers(app, changed: dict[str, Any], datasets: list[str] | None) -> dict[str, Any]:
    """The service's own lookups and run_named, in an app context, for the versions `datasets` (None: default)."""
    with app.app_context():
        read, scoped = elements.database().read, {SCOPE_PARAM: scope(datasets)}
        return {
            "goal": read(elements.GOAL_DETAIL, {"id": changed["above"], **scoped}),
            "unit": read(elements.UNIT_SUMMARY, {"id": changed["opd"], "year": None, **scoped}),
            "orphaned_staff": run_named("orphaned_staff", {}, datasets),
            "leverage": run_named("leverage", {}, datasets),
        }


@pytest.fixture(scope="module")
def versions(session_runner):
    """Answers of the three graphs (older alone, both, newer alone), taken in that order."""
    runner = session_runner
    runner.write("MATCH (n) DETACH DELETE n")
    import_path(SAMPLE_FOLDER, runner)
    old = runner.read("MATCH (u:Unit) RETURN DISTINCT u.dataset AS dataset")[0]["dataset"]
    new = f"{old}@{NEW_NAME}"
    _record_version(runner, old, 2025)
    changed = _changes(runner, old)
    cases, paths = _cases(changed), _endpoints(changed)
    findings = [(name, params) for name, params in cases if CATALOG.finding(name) is not None]
    app = make_app(runner)
    client = app.test_client()
    taken: dict[str, Any] = {"old": old, "new": new, "changed": changed}
    taken["old_alone"] = (_answers(runner, cases), _served(client, paths), _helpers(app, changed, None))
    taken["old_scope"] = default_scope(runner)

    _copy_version(runner, old, new)
    _change(runner, new, changed)
    _record_version(runner, new, 2026)
    taken["both_scope"] = default_scope(runner)
    taken["both_default"] = (_answers(runner, cases), _served(client, paths), _helpers(app, changed, None))
    taken["both_older"] = (
        _answers(runner, cases, datasets=[old]),
        _served(client, _query_paths(findings, old)),
        _helpers(app, changed, [old]),
    )
    taken["counts"] = runner.read(
        "MATCH (n) WHERE n.dataset IN [$old, $new] RETURN n.dataset AS dataset, count(n) AS nodes ORDER BY dataset",
        {"old": old, "new": new},
    )

    runner.write("MATCH (n) WHERE n.dataset = $old DETACH DELETE n", {"old": old})
    runner.write(f"MATCH (v:{VERSION_LABEL} {{dataset: $old}}) DELETE v", {"old": old})
    _new_data_version(runner)
    taken["new_alone"] = (_answers(runner, cases), _served(client, paths), _helpers(app, changed, None))
    taken["cases"], taken["paths"], taken["findings"] = cases, paths, findings
    taken["plain"] = lambda rows: json.loads(app.json.dumps(rows))
    return taken


def _query_paths(cases: list[tuple[str, dict[str, Any]]], dataset: str | None) -> list[str]:
    """/api/queries/<name> of every case, naming the version `dataset` when given (else the default scope)."""
    return [
        f"/api/queries/{name}?{urlencode({**params, **({SCOPE_PARAM: dataset} if dataset else {})})}"
        for name, params in cases
    ]


def test_the_copy_is_a_second_version_and_the_default_scope_reads_the_latest(versions):
    assert versions["old_scope"] is None, "one version per Pemda: no filter at all"
    assert versions["both_scope"] == [versions["new"]]
    counts = {row["dataset"]: row["nodes"] for row in versions["counts"]}
    assert counts[versions["old"]] > counts[versions["new"]] > 0, "the newer version lost a goal and its indicators"


def test_every_named_query_answers_by_default_from_the_latest_version_only(versions):
    default, latest = versions["both_default"][0], versions["new_alone"][0]
    assert default.keys() == latest.keys()
    differing = [case for case in default if default[case] != latest[case]]
    assert differing == []


def test_every_named_query_answers_for_the_older_version_named_as_the_graph_holding_only_it(versions):
    older, alone = versions["both_older"][0], versions["old_alone"][0]
    differing = [case for case in older if older[case] != alone[case]]
    assert differing == []


def test_the_two_versions_answer_differently_where_the_copy_changed(versions):
    """The checks above compare real differences: the three changes show in the answers."""
    changed, old_rows, new_rows = versions["changed"], versions["old_alone"][0], versions["new_alone"][0]
    orphaned = "orphaned_staff {}"
    assert changed["nip"] not in {row["nip"] for row in old_rows[orphaned]}
    assert changed["nip"] in {row["nip"] for row in new_rows[orphaned]}
    sight = f"line_of_sight {{'nip': '{changed['nip']}'}}"
    assert old_rows[sight] and new_rows[sight] == []
    leverage = {row["id"]: row["budget"] for row in new_rows["leverage {}"] if row["kind"] == "activity"}
    before = {row["id"]: row["budget"] for row in old_rows["leverage {}"] if row["kind"] == "activity"}
    assert leverage[changed["activity"]] == before[changed["activity"]] + RAISE
    impact = f"impact {{'id': '{changed['above']}'}}"
    assert changed["goal"] in {row["id"] for row in old_rows[impact]}
    assert changed["goal"] not in {row["id"] for row in new_rows[impact]}
    assert sum(old_rows[case] != new_rows[case] for case in old_rows) >= 10


def test_the_service_answers_by_default_from_the_latest_version_only(versions):
    default, latest = versions["both_default"][1], versions["new_alone"][1]
    assert [path for path in versions["paths"] if default[path] != latest[path]] == []
    assert default[f"/api/goals/{versions['changed']['goal']}"][0] == 404, "removed in the latest version"
    assert versions["old_alone"][1][f"/api/goals/{versions['changed']['goal']}"][0] == 200


def test_the_service_answers_a_query_for_the_older_version_named_as_the_graph_holding_only_it(versions):
    """/api/queries/<name>?datasets=<older key> for every audit finding: its rows are the older graph's alone."""
    alone, plain = versions["old_alone"][0], versions["plain"]
    named = versions["both_older"][1]
    assert len(named) == len(versions["findings"]) > 10
    for (name, params), (path, (status, body)) in zip(versions["findings"], named.items()):
        assert status == 200, (path, body)
        rows = plain(alone[f"{name} {params}"])
        assert body["total"] == len(rows) and body["rows"] == rows[: body["limit"]], path


def test_the_service_helpers_take_a_version(versions):
    assert versions["both_default"][2] == versions["new_alone"][2]
    assert versions["both_older"][2] == versions["old_alone"][2]
    assert versions["both_older"][2] != versions["both_default"][2]


def test_a_key_is_unique_within_a_version_only(versions, session_runner):
    """The same NIP in two versions is two nodes; twice in one version is refused by the composite constraint."""
    nip = versions["changed"]["nip"]
    rows = session_runner.read(f"MATCH (s:{ASN.label} {{nip: $nip}}) RETURN s.dataset AS dataset", {"nip": nip})
    assert [row["dataset"] for row in rows] == [versions["new"]]
    with pytest.raises(Exception, match="already exists"):
        session_runner.write(
            f"CREATE (:{ASN.label} {{nip: $nip, dataset: $new}})", {"nip": nip, "new": versions["new"]}
        )
