"""Versions of a Pemda's tree side by side in one graph (docs/versions.md), against the real Neo4j: an import
replaces exactly its version, references resolve to the other Pemda's version of the same name, a version is
removed whole (after a running import), a graph from before versions is migrated, and the CLI lists them."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA

import cli.main as cli
from graph import model, versions
from graph.importer import ImportRejected, VersionRequest, import_path, reach
from graph.importer.remove import UnknownVersion, migrate, remove

MINI = DATA / "mini"


def version_of(runner, dataset: str) -> list:
    """A version's nodes and edges as comparable data (the graph's other versions left out)."""
    nodes = runner.read("MATCH (n {dataset: $d}) RETURN labels(n) AS labels, properties(n) AS props", {"d": dataset})
    edges = runner.read(
        "MATCH (a)-[r {dataset: $d}]->(b) RETURN type(r) AS type, coalesce(a.id, a.nip) AS a, a.dataset AS ad, "
        "coalesce(b.id, b.nip) AS b, b.dataset AS bd, properties(r) AS props",
        {"d": dataset},
    )
    return sorted(repr(sorted(row.items())) for row in [*nodes, *edges])


def mini_2026(tmp_path: Path) -> Path:
    """The mini Pemda a year later: a sasaran restated, a pagu changed, an RHK gone."""
    folder = tmp_path / "mini2026"
    shutil.copytree(MINI, folder)
    goals = (folder / "goals.csv").read_text()
    goals = goals.replace("Menurunnya angka kesakitan", "Menurunnya angka kesakitan penduduk")
    goals = "\n".join(line for line in goals.splitlines() if not line.startswith("RHK-DEAD,")) + "\n"
    (folder / "goals.csv").write_text(goals)
    staff = (folder / "staff.csv").read_text().replace(",RHK-DEAD", ",")
    (folder / "staff.csv").write_text(staff)
    return folder


def test_two_versions_live_side_by_side_and_an_import_replaces_only_its_own(runner, tmp_path):
    first = import_path(MINI, runner, version=VersionRequest("2025"))
    assert first.dataset == "PEMDA@2025"
    second = import_path(mini_2026(tmp_path), runner, version=VersionRequest("2026"))
    assert second.dataset == "PEMDA@2026"
    old, new = version_of(runner, "PEMDA@2025"), version_of(runner, "PEMDA@2026")
    statements = {
        row["d"]: row["s"] for row in runner.read("MATCH (g:Goal {id: 'S1'}) RETURN g.dataset AS d, g.statement AS s")
    }
    assert statements == {
        "PEMDA@2025": "Menurunnya angka kesakitan",
        "PEMDA@2026": "Menurunnya angka kesakitan penduduk",
    }
    assert runner.read("MATCH (g:Goal {id: 'RHK-DEAD'}) RETURN collect(g.dataset) AS d")[0]["d"] == ["PEMDA@2025"]
    # no edge joins the two versions
    assert runner.read("MATCH (a)-[r]->(b) WHERE a.dataset <> b.dataset RETURN count(r) AS n")[0]["n"] == 0
    again = import_path(MINI, runner, version=VersionRequest("2025"))  # the same files again: nothing changes
    assert not again.written.changed()
    assert version_of(runner, "PEMDA@2025") == old and version_of(runner, "PEMDA@2026") == new
    held = versions.list_versions(runner)
    assert [(v.dataset, v.kind, v.year) for v in held] == [("PEMDA@2025", "pk", 2025), ("PEMDA@2026", "pk", 2026)]
    assert versions.default_scope(runner) == ["PEMDA@2026"]
    assert reach.current(runner)  # the version records leave the importer's fact current


def test_one_version_per_pemda_needs_no_scope(runner):
    import_path(MINI, runner)
    assert [v.dataset for v in versions.list_versions(runner)] == ["PEMDA"]
    assert versions.default_scope(runner) is None  # queries read everything, as before versions


def test_a_reference_resolves_to_the_other_pemdas_version_of_the_same_name_else_its_latest(runner, tmp_path):
    from test_import import kecamatan

    import_path(MINI, runner, version=VersionRequest("2025"))
    import_path(mini_2026(tmp_path), runner, version=VersionRequest("2026"))
    import_path(kecamatan(tmp_path), runner, version=VersionRequest("2025"))
    (tmp_path / "later").mkdir()
    import_path(kecamatan(tmp_path / "later"), runner, version=VersionRequest("2027"))
    ends = {
        row["from"]: row["to"]
        for row in runner.read(
            "MATCH (s:Goal {id: 'S-KEC'})-[:CONTRIBUTES_TO]->(t:Goal {id: 'T1'}) RETURN s.dataset AS from, t.dataset AS to"
        )
    }
    assert ends == {"KEC@2025": "PEMDA@2025", "KEC@2027": "PEMDA@2026"}
    (tmp_path / "p2027").mkdir()
    import_path(mini_2026(tmp_path / "p2027"), runner, version=VersionRequest("2027"))
    (tmp_path / "again").mkdir()
    again = import_path(kecamatan(tmp_path / "again"), runner, version=VersionRequest("2027"))
    assert (again.written.relationships_created, again.written.relationships_deleted) == (1, 1)  # re-resolved
    ends = runner.read(
        "MATCH (s:Goal {id: 'S-KEC', dataset: 'KEC@2027'})-[:CONTRIBUTES_TO]->(t) RETURN collect(t.dataset) AS to"
    )
    assert ends[0]["to"] == ["PEMDA@2027"]


def test_an_id_of_another_pemda_is_refused_in_any_version_and_a_bad_name_too(runner, tmp_path):
    from test_import import _TAKEN, kecamatan

    import_path(MINI, runner, version=VersionRequest("2025"))
    folder = kecamatan(tmp_path, "goals.csv", "S-KEC,sasaran,Sasaran,KEC,\nT1,tujuan,Tujuan kecamatan,KEC,\n")
    with pytest.raises(ImportRejected) as refused:
        import_path(folder, runner, version=VersionRequest("2025"))
    assert [str(p) for p in refused.value.problems] == [
        f"goals.csv:3: id: 'T1' {_TAKEN.replace('PEMDA', 'PEMDA@2025')}"
    ]
    for request, expected in (
        (VersionRequest("20 26"), "version name '20 26' must be"),
        (VersionRequest("2026", period="2029-2025"), "period '2029-2025' must be two years"),
    ):
        with pytest.raises(ImportRejected) as refused:
            import_path(MINI, runner, version=request)
        assert expected in str(refused.value.problems[0])
    with pytest.raises(ImportRejected) as refused:
        import_path(MINI, runner, dataset="PEMDA@2026")
    assert "must not contain '@'" in str(refused.value.problems[0])
    assert [v.dataset for v in versions.list_versions(runner)] == ["PEMDA@2025"]


def test_removing_a_version_deletes_it_whole_and_nothing_else(runner, tmp_path):
    from test_import import kecamatan

    import_path(MINI, runner, version=VersionRequest("2025"))
    import_path(mini_2026(tmp_path), runner, version=VersionRequest("2026"))
    import_path(kecamatan(tmp_path), runner, version=VersionRequest("2025"))  # refers to PEMDA@2025's T1
    kept = version_of(runner, "PEMDA@2026")
    counts = {
        row["l"]: row["n"]
        for row in runner.read(
            "MATCH (n {dataset: 'PEMDA@2025'}) WHERE NOT n:PokinImport AND NOT n:PokinVersion "
            "RETURN head(labels(n)) AS l, count(*) AS n"
        )
    }
    dry = remove(runner, "PEMDA@2025", dry_run=True)
    assert dry.nodes == counts and dry.inbound == {"KEC@2025 CONTRIBUTES_TO": 1}
    assert runner.read("MATCH (n {dataset: 'PEMDA@2025'}) RETURN count(n) AS n")[0]["n"] == sum(counts.values()) + 2
    removed = remove(runner, "PEMDA@2025")
    assert removed.nodes == counts
    assert runner.read("MATCH (n {dataset: 'PEMDA@2025'}) RETURN count(n) AS n")[0]["n"] == 0
    assert version_of(runner, "PEMDA@2026") == kept
    assert [v.dataset for v in versions.list_versions(runner)] == ["KEC@2025", "PEMDA@2026"]
    # S-KEC lost its way to an outcome with T1: the fact followed, and is still current
    assert runner.read("MATCH (g:Goal {id: 'S-KEC'}) RETURN g.reaches_outcome AS r")[0]["r"] is True  # a sasaran
    assert reach.current(runner)
    with pytest.raises(UnknownVersion):
        remove(runner, "PEMDA@2025")


def test_a_removal_waits_for_a_running_import(runner, session_runner, tmp_path):
    import_path(MINI, runner, version=VersionRequest("2025"))
    import_path(mini_2026(tmp_path), runner, version=VersionRequest("2026"))
    done: list = []
    with session_runner.driver.session(database=session_runner.database) as session:
        tx = session.begin_transaction()
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()  # an import holding the lock
        worker = threading.Thread(target=lambda: done.append(remove(runner, "PEMDA@2025")))
        worker.start()
        time.sleep(1.5)
        assert worker.is_alive() and not done  # waiting for the import
        tx.run("MATCH (g:Goal {id: 'V1', dataset: 'PEMDA@2025'}) SET g.statement = 'ditulis oleh impor'").consume()
        tx.commit()
    worker.join(60)
    assert done and done[0].nodes["Goal"] > 0
    assert runner.read("MATCH (n {dataset: 'PEMDA@2025'}) RETURN count(n) AS n")[0]["n"] == 0


def test_a_graph_from_before_versions_is_migrated_by_one_command(runner, tmp_path):
    import_path(MINI, runner)  # then made to look as the model before versions left it
    runner.write(f"MATCH (v:{model.VERSION_LABEL}) DELETE v")
    runner.write("DROP CONSTRAINT pokin_goal_id_dataset_unique")
    runner.write("DROP INDEX pokin_goal_id")
    runner.write("CREATE CONSTRAINT pokin_goal_id_unique FOR (n:Goal) REQUIRE (n.id) IS UNIQUE")
    try:
        with pytest.raises(Exception, match="already exists"):  # the old model: one Goal S1 in the whole graph
            runner.write("CREATE (:Goal {id: 'S1', dataset: 'PEMDA@2026'})")
        assert migrate(runner) == ["PEMDA"]
        assert migrate(runner) == []  # idempotent
        import_path(mini_2026(tmp_path), runner, version=VersionRequest("2026"))
        assert [v.dataset for v in versions.list_versions(runner)] == ["PEMDA", "PEMDA@2026"]
        assert versions.default_scope(runner) == ["PEMDA@2026"]
    finally:
        runner.write("DROP CONSTRAINT pokin_goal_id_unique IF EXISTS")
        model.apply_schema(runner)


def test_the_cli_lists_removes_and_migrates(runner, neo4j_env, tmp_path):
    imported = CliRunner().invoke(
        cli.main, ["import", str(MINI), "--version", "renstra-2025-2029-awal", "--period", "2025-2029"]
    )
    assert imported.exit_code == 0, imported.output
    assert "imported dataset PEMDA@renstra-2025-2029-awal" in imported.output
    CliRunner().invoke(cli.main, ["import", str(mini_2026(tmp_path)), "--version", "2026"])
    listed = CliRunner().invoke(cli.main, ["versions", "--format", "json"])
    rows = [
        (row["dataset"], row["kind"], row["period_start"], row["latest"]) for row in json.loads(listed.output)["rows"]
    ]
    assert rows == [("PEMDA@renstra-2025-2029-awal", "renstra_awal", 2025, False), ("PEMDA@2026", "pk", None, True)]
    dry = CliRunner().invoke(cli.main, ["remove", "PEMDA@2026", "--dry-run"])
    assert dry.exit_code == 0 and "would remove version PEMDA@2026: ASN=" in dry.output and "dry run" in dry.output
    unknown = CliRunner().invoke(cli.main, ["remove", "PEMDA@2030"])
    assert unknown.exit_code == 1 and "no version 'PEMDA@2030' is held" in unknown.output
    gone = CliRunner().invoke(cli.main, ["remove", "PEMDA@2026"])
    assert gone.exit_code == 0 and "removed version PEMDA@2026" in gone.output
    migrated = CliRunner().invoke(cli.main, ["migrate"])
    assert migrated.exit_code == 0 and "0 dataset(s) recorded" in migrated.output


@pytest.fixture
def two_years(runner, tmp_path):
    """Mini as the PK 2025 and, changed (RHK-DEAD gone, its ASN unassigned), as the PK 2026."""
    import_path(MINI, runner, version=VersionRequest("2025"))
    import_path(mini_2026(tmp_path), runner, version=VersionRequest("2026"))
    return runner


def test_every_endpoint_reads_the_version_versi_names_and_the_latest_without(two_years):
    from test_service_support import AS_READER, make_app

    client = make_app(two_years).test_client()

    def reasons(url: str) -> dict[str, str]:
        body = client.get(url, headers=AS_READER).get_json()
        return {row["nip"]: row["reason"] for row in body["rows"]}

    latest, older = reasons("/api/audit/orphaned_staff"), reasons("/api/audit/orphaned_staff?versi=PEMDA@2025")
    joko = "199208082020121005"  # assigned to RHK-DEAD in 2025, to nothing in 2026
    assert (older[joko], latest[joko]) == ("dead_end", "unassigned")
    assert reasons("/api/queries/orphaned_staff?versi=PEMDA@2025") == older
    assert reasons("/api/audit/orphaned_staff?versi=PEMDA@2026") == latest
    missing = client.get("/api/audit/orphaned_staff?versi=PEMDA@2030")
    assert missing.status_code == 404 and "Versi 'PEMDA@2030' tidak ada" in missing.get_json()["error"]
    listed = client.get("/api/versions").get_json()["rows"]
    assert [(row["dataset"], row["label"], row["latest"]) for row in listed] == [
        ("PEMDA@2025", "PK 2025", False),
        ("PEMDA@2026", "PK 2026", True),
    ]


def test_the_pages_offer_the_versions_and_keep_the_one_chosen_in_their_links(two_years):
    from test_service_support import make_app

    client = make_app(two_years).test_client()
    page = client.get("/?versi=PEMDA@2025").get_data(as_text=True)
    assert '<select name="versi">' in page
    assert '<option value="PEMDA@2025" selected>PEMDA · PK 2025</option>' in page
    assert "PEMDA · PK 2026 (terbaru)" in page
    assert "versi=PEMDA%402025" in page or "versi=PEMDA@2025" in page  # the links keep the version
    older = client.get("/temuan/orphaned_staff.json?versi=PEMDA@2025").get_json()
    newer = client.get("/temuan/orphaned_staff.json").get_json()
    assert older != newer  # cached per version: the default page does not answer the older version's rows


def test_the_modules_the_pages_call_read_the_version_versi_names_too(two_years):
    """The tree, documents and people pages call graph modules that read the default scope themselves: the
    service's Database answers them with the version the request names."""
    from test_service_support import make_app

    client = make_app(two_years).test_client()
    older = client.get("/pohon.json?versi=PEMDA@2025").get_data(as_text=True)
    newer = client.get("/pohon.json").get_data(as_text=True)
    assert "RHK-DEAD" in older and "RHK-DEAD" not in newer
    restated = "Menurunnya angka kesakitan penduduk"
    assert restated in newer and restated not in older


def test_the_tree_marks_what_changed_since_a_compared_version(two_years):
    from test_service_support import make_app

    client = make_app(two_years).test_client()
    marked = client.get("/pohon.json?banding=PEMDA@2025").get_json()
    findings = {item["id"]: item["finding"] for item in marked["findings"]}
    assert findings.get("S1") == "change_restated"  # its statement changed in 2026
    plain = client.get("/pohon.json").get_json()["findings"]
    assert not any(item["finding"].startswith("change_") for item in plain)
    page = client.get("/pohon?banding=PEMDA@2025").get_data(as_text=True)
    assert "Dibandingkan dengan versi PEMDA@2025" in page and "Rumusan atau nilainya berubah" in page
    missing = client.get("/pohon?banding=PEMDA@1999")
    assert missing.status_code == 404 and "Versi pembanding" in missing.get_data(as_text=True)
    diff_page = client.get("/perubahan?a=PEMDA@2025&b=PEMDA@2026").get_data(as_text=True)
    assert "banding=PEMDA%402025" in diff_page or "banding=PEMDA@2025" in diff_page
