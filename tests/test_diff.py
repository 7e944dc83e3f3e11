"""graph/diff.py, `pokin diff`, /api/diff and the page /perubahan on two versions of the sample kabupaten.

The second version is the first copied (raw Cypher, under `U-PEMDA@2026`) with planted changes, each listed in
PLANTED; the diff must list exactly those and their consequences, nothing else.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_service_support import AS_READER, assert_error, make_app

import cli.main as cli
from bench.diff import copy_version
from graph.db import Runner
from graph.diff import SECTION_KEYS, diff
from graph.diff_read import UnknownVersion, read_version
from graph.model import apply_schema

A, B = "U-PEMDA", "U-PEMDA@2026"
NEW_NIP = "200001012025011001"
CUT_ACTIVITY = "SK-2026-1.02.01.2.01.0006"  # its only contribution removed: its pagu loses its path
CUT_RHK = "G-RHK-SETDA-0001"  # its only contribution removed: its one ASN loses their path
CUT_RHK_ASN = "199905112021011001"
MOVED, LEFT = "199602102025032001", "199612292020122002"
REMOVED_INDICATOR = "I-S-DISHUB-1-1"


# Each planted change: what it is, and the Cypher that makes it in version B.
PLANTED = [
    (
        "a goal added (sasaran_kegiatan contributing to a sasaran_program)",
        "MATCH (p:Goal {id: 'G-SP-BPBD-1.05.01', dataset: $b}) "
        "CREATE (g:Goal {id: 'G-SK-BARU-1', level: 'sasaran_kegiatan', statement: 'Sasaran kegiatan baru', "
        "dataset: $b})-[:CONTRIBUTES_TO {weight: 1.0, dataset: $b}]->(p)",
    ),
    (
        "an indicator removed (with its years)",
        f"MATCH (i:Indicator {{id: '{REMOVED_INDICATOR}', dataset: $b}}) "
        f"OPTIONAL MATCH (y:IndicatorYear {{indicator_id: '{REMOVED_INDICATOR}', dataset: $b}}) DETACH DELETE i, y",
    ),
    (
        "a goal's statement restated",
        "MATCH (g:Goal {id: 'G-S-PEMDA-1', dataset: $b}) SET g.statement = 'Pernyataan sasaran yang dirumuskan ulang'",
    ),
    (
        "a sasaran program re-parented to the other sasaran of its OPD: G-S-BPBD-1 loses its last activity",
        "MATCH (g:Goal {id: 'G-SP-BPBD-1.05.03', dataset: $b})-[r:CONTRIBUTES_TO]->(:Goal {id: 'G-S-BPBD-1'}) "
        "MATCH (s:Goal {id: 'G-S-BPBD-2', dataset: $b}) DELETE r CREATE (g)-[:CONTRIBUTES_TO {weight: 1.0, "
        "dataset: $b}]->(s)",
    ),
    (
        "a 2026 target changed",
        "MATCH (y:IndicatorYear {indicator_id: 'I-T-PEMDA-1-1', year: 2026, dataset: $b}) SET y.target = 71.5",
    ),
    (
        "a satuan changed (the indicator's and its years', as the importer writes it)",
        "MATCH (i:Indicator {id: 'I-T-PEMDA-2-1', dataset: $b}) SET i.satuan = 'persen' WITH i "
        "MATCH (y:IndicatorYear {indicator_id: i.id, dataset: $b}) WHERE y.satuan IS NOT NULL SET y.satuan = 'persen'",
    ),
    (
        "a pagu changed",
        "MATCH (a:Activity {id: 'SK-2026-1.02.01.2.06.0004', dataset: $b}) SET a.budget = 200000000",
    ),
    (
        "an ASN moved to another unit and position",
        f"MATCH (s:ASN {{nip: '{MOVED}', dataset: $b}})-[m:MEMBER_OF]->() "
        "MATCH (u:Unit {id: 'U-SETDA-03-2-1', dataset: $b}) DELETE m CREATE (s)-[:MEMBER_OF {dataset: $b}]->(u) "
        "SET s.position = 'Pengolah Data dan Informasi'",
    ),
    ("an ASN left", f"MATCH (s:ASN {{nip: '{LEFT}', dataset: $b}}) DETACH DELETE s"),
    (
        "an ASN arrived",
        f"MATCH (u:Unit {{id: 'U-DINKES', dataset: $b}}) CREATE (s:ASN {{nip: '{NEW_NIP}', name: 'Rina Baru', "
        "position: 'Perawat Ahli Pertama', asn_kind: 'PNS', dataset: $b})-[:MEMBER_OF {dataset: $b}]->(u)",
    ),
    (
        "an activity cut off from its outcome (its pagu loses its path)",
        f"MATCH (:Activity {{id: '{CUT_ACTIVITY}', dataset: $b}})-[r:CONTRIBUTES_TO]->() DELETE r",
    ),
    (
        "an rhk cut off (its only ASN loses their path)",
        f"MATCH (:Goal {{id: '{CUT_RHK}', dataset: $b}})-[r:CONTRIBUTES_TO]->() DELETE r",
    ),
]


FACT: dict[str, Any] = {}  # version A read while the importer's reach fact was current


def _preconditions(runner: Runner) -> None:
    """What makes PLANTED's consequences exactly those listed below (read on version A, before any change)."""
    rows = runner.read(
        "MATCH (i:Indicator {id: $indicator, dataset: $a}) "
        "RETURN COUNT { (i)<-[r:CONTRIBUTES_TO]-() WHERE r.implied IS NULL } AS into_indicator, "
        "COUNT { MATCH (:Goal {id: 'G-S-BPBD-1', dataset: $a})<-[r:CONTRIBUTES_TO]-(x) WHERE r.implied IS NULL "
        "RETURN x } AS into_sasaran, "
        "COUNT { MATCH (s:ASN {dataset: $a})-[:ASSIGNED_TO]->(:Activity {id: $cut}) RETURN s } AS on_activity, "
        "COUNT { MATCH (s:ASN {dataset: $a})-[:ASSIGNED_TO]->(:Goal {id: $rhk}) RETURN s } AS on_rhk, "
        "COUNT { MATCH (s:ASN {nip: $asn, dataset: $a})-[:ASSIGNED_TO]->(x) RETURN x } AS held, "
        "COUNT { MATCH (:Goal {id: $rhk, dataset: $a})<-[:CONTRIBUTES_TO]-(x) RETURN x } AS into_rhk",
        {"indicator": REMOVED_INDICATOR, "a": A, "cut": CUT_ACTIVITY, "rhk": CUT_RHK, "asn": CUT_RHK_ASN},
    )
    assert rows == [{"into_indicator": 0, "into_sasaran": 1, "on_activity": 0, "on_rhk": 1, "held": 1, "into_rhk": 0}]


@pytest.fixture(scope="module")
def versions(sample: Runner) -> Runner:
    """The sample as version A (`U-PEMDA`) and its copy with PLANTED as version B (`U-PEMDA@2026`)."""
    apply_schema(sample)
    _preconditions(sample)
    FACT[A] = read_version(sample, A)
    copy_version(sample, A, B)
    for _, statement in PLANTED:
        sample.write(statement, {"b": B})
    return sample


def _keys(rows: list[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[column] for column in columns) for row in rows]


def test_the_copy_is_a_version_the_same_as_the_first(versions):
    """Before anything else: version B read back equals A but for PLANTED (here: A against itself is empty)."""
    same = diff(versions, A, A)
    assert all(rows == [] for rows in same.sections.values())
    before, after = read_version(versions, A), read_version(versions, B)
    assert len(after.nodes["Goal"]) == len(before.nodes["Goal"]) + 1
    assert len(after.nodes["ASN"]) == len(before.nodes["ASN"])  # one left, one arrived


def test_the_diff_lists_exactly_the_planted_changes(versions):
    found = diff(versions, A, B).sections
    assert set(found) == set(SECTION_KEYS)
    assert _keys(found["added"], "label", "id", "name") == [("Goal", "G-SK-BARU-1", "Sasaran kegiatan baru")]
    assert _keys(found["removed"], "label", "id") == [("Indicator", REMOVED_INDICATOR)]
    assert _keys(found["restated"], "label", "id", "field", "after") == [
        ("Goal", "G-S-PEMDA-1", "statement", "Pernyataan sasaran yang dirumuskan ulang")
    ]
    assert found["restated"][0]["before"].startswith("Meningkatnya")
    assert _keys(found["reparented"], "type", "id", "before", "after") == [
        ("CONTRIBUTES_TO", "G-RHK-SETDA-0001", ["G-SK-SETDA-4.01.02.2.01"], []),
        ("CONTRIBUTES_TO", "G-SP-BPBD-1.05.03", ["G-S-BPBD-1"], ["G-S-BPBD-2"]),
        ("CONTRIBUTES_TO", CUT_ACTIVITY, ["G-SK-DINKES-1.02.01.2.01"], []),
    ]


def test_the_diff_lists_the_figures_and_staff_changed(versions):
    found = diff(versions, A, B).sections
    indicators = _keys(found["indicators"], "id", "year", "field", "before", "after")
    assert ("I-T-PEMDA-1-1", 2026, "target", 71.08, 71.5) in indicators
    assert ("I-T-PEMDA-2-1", None, "satuan", "%", "persen") in indicators
    assert {row[0] for row in indicators} == {"I-T-PEMDA-1-1", "I-T-PEMDA-2-1"}
    years_satuan = [row for row in indicators if row[0] == "I-T-PEMDA-2-1" and row[1] is not None]
    assert all(row[2:] == ("satuan", "%", "persen") for row in years_satuan)
    assert _keys(found["budgets"], "id", "before", "after", "difference") == [
        ("SK-2026-1.02.01.2.06.0004", 183007000, 200000000, 16993000)
    ]
    staff = _keys(found["staff"], "change", "nip", "unit_before", "unit_after", "position_after")
    assert staff == [
        ("pindah", MOVED, "U-SETDA-02-2-1", "U-SETDA-03-2-1", "Pengolah Data dan Informasi"),
        ("keluar", LEFT, "U-SETDA-03-2-1", None, None),
        ("masuk", NEW_NIP, None, "U-DINKES", "Perawat Ahli Pertama"),
    ]


def test_the_diff_shows_the_paths_to_an_outcome_lost(versions):
    result = diff(versions, A, B)
    found = result.sections
    assert _keys(found["reach_budget"], "change", "id", "before") == [("kehilangan", CUT_ACTIVITY, 248712000)]
    assert _keys(found["reach_staff"], "change", "nip") == [("kehilangan", CUT_RHK_ASN)]
    assert _keys(found["outcomes"], "change", "id", "level") == [("kehilangan", "G-S-BPBD-1", "sasaran")]
    assert result.summary["pagu_lost_path"] == 248712000 and result.summary["staff_lost_path"] == 1
    assert result.summary["outcomes_lost_support"] == 1 and result.summary["pagu_difference"] == 16993000
    backwards = diff(versions, B, A).sections  # the other way round, everything lost is gained
    assert _keys(backwards["reach_budget"], "change", "id") == [("mendapat", CUT_ACTIVITY)]
    assert _keys(backwards["outcomes"], "change", "id") == [("mendapat", "G-S-BPBD-1")]
    assert _keys(backwards["added"], "id") == [(REMOVED_INDICATOR,)]


def test_the_reach_worked_out_equals_the_importers_fact(versions):
    """Right after the import the fact is current and the diff reads it; once raw Cypher wrote version B it is
    not, and the diff works the reach out from the edges: the same set for version A."""
    assert FACT[A].reach_from == "fact" and FACT[A].reaching
    worked_out = read_version(versions, A)
    assert worked_out.reach_from == "traversal"
    assert worked_out.reaching == FACT[A].reaching


def test_an_unknown_version_is_named(versions):
    with pytest.raises(UnknownVersion, match="'nowhere@2030'"):
        diff(versions, A, "nowhere@2030")


@pytest.fixture(scope="module")
def client(versions):
    return make_app(versions).test_client()


def test_the_api_answers_json_bounded_per_section(client, versions):
    response = client.get(f"/api/diff?a={A}&b={B}", headers=AS_READER)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    expected = diff(versions, A, B).as_dict()
    assert body["ok"] is True and body["sections"] == json.loads(json.dumps(expected["sections"]))
    assert body["summary"]["pagu_lost_path"] == 248712000 and body["counts"]["staff"] == 3
    assert body["reach_from"] == {A: "traversal", B: "traversal"}
    bounded = client.get(f"/api/diff.json?a={A}&b={B}&limit=1", headers=AS_READER).get_json()
    assert [len(bounded["sections"][key]) for key in ("staff", "reparented")] == [1, 1]
    assert bounded["counts"]["staff"] == 3 and set(bounded["truncated"]) == {"staff", "reparented", "indicators"}


def test_the_api_masks_nips_for_anonymous_readers(client):
    text = client.get(f"/api/diff?a={A}&b={B}").get_data(as_text=True)
    assert MOVED not in text and CUT_RHK_ASN not in text
    assert MOVED[:6] + "*" * 10 + MOVED[-2:] in text


def test_the_api_answers_a_workbook(client):
    response = client.get(f"/api/diff.xlsx?a={A}&b={B}", headers=AS_READER)
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[0] == "Ringkasan" and "Jalur pagu ke outcome" in book.sheetnames
    pagu = list(book["Pagu"].iter_rows(values_only=True))
    assert pagu[0] == ("ID", "Kode", "Kegiatan", "Pagu sebelum", "Pagu sesudah", "Selisih")
    assert pagu[1][0] == "SK-2026-1.02.01.2.06.0004" and pagu[1][3:] == (183007000, 200000000, 16993000)
    moved = list(book["Pindah induk"].iter_rows(values_only=True))
    assert ("CONTRIBUTES_TO", "Goal", "G-SP-BPBD-1.05.03") in [row[:3] for row in moved]
    same = client.get(f"/api/diff?a={A}&b={B}&format=xlsx", headers=AS_READER)
    assert same.status_code == 200 and same.mimetype == response.mimetype


@pytest.mark.parametrize(
    ("query", "named"),
    [
        (f"a={A}&b=nowhere@2030", "'nowhere@2030'"),
        (f"a=gone&b={B}", "'gone'"),
        (f"a={A}", "'b'"),
        (f"a={A}&b={B}&limit=0", "limit"),
        (f"a={A}&b={B}&limit=5001", "limit"),
        (f"a={A}&b={B}&version=1", "'version'"),
        (f"a={A}&b={B}&a={A}", "'a'"),
        (f"a={A}&b={B}&format=csv", "csv"),
        ("a=" + "x" * 201 + f"&b={B}", "200"),
    ],
)
def test_the_api_refuses_bad_input_naming_it(client, query, named):
    body = assert_error(client.get(f"/api/diff?{query}", headers=AS_READER), 400)
    assert named in body["error"]


def test_a_suffix_contradicting_the_format_is_refused(client):
    assert_error(client.get(f"/api/diff.xlsx?a={A}&b={B}&format=json", headers=AS_READER), 400)


def test_the_page_offers_the_versions_and_shows_the_changes(client):
    form = client.get("/perubahan", headers=AS_READER)
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert f'<option value="{A}">' in html and f'<option value="{B}">' in html and "Bandingkan" in html
    page = client.get(f"/perubahan?a={A}&b={B}", headers=AS_READER).get_data(as_text=True)
    for shown in (
        "G-SK-BARU-1",
        REMOVED_INDICATOR,
        "Pernyataan sasaran yang dirumuskan ulang",
        "G-S-BPBD-2",
        "Rp 248.712.000",  # the pagu that lost its path
        "Rp 16.993.000",  # the difference of the pagu changed
        "71,5",
        "persen",
        "Rina Baru",
        "kehilangan",
        f'<option value="{B}" selected>',
    ):
        assert shown in page, shown
    section = page.split('data-section="outcomes"', 1)[1].split("</section>", 1)[0]
    assert "G-S-BPBD-1" in section and "(1)" in section


def test_the_page_names_an_unknown_version_in_indonesian(client):
    response = client.get(f"/perubahan?a={A}&b=hilang@2031", headers=AS_READER)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "Versi tidak dikenal" in response.get_data(as_text=True) and "hilang@2031" in response.get_data(as_text=True)


@pytest.fixture
def cli_env(versions, neo4j_settings, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)
    return versions


def test_the_command_prints_table_json_and_writes_xlsx(cli_env, tmp_path):
    table = CliRunner().invoke(cli.main, ["diff", A, B, "--limit", "2"])
    assert table.exit_code == 0, table.output
    assert "Pagu yang kehilangan atau mendapat jalur ke outcome" in table.output and CUT_ACTIVITY in table.output
    assert "(2 of 3 shown)" in table.output and "Elemen baru" in table.output
    as_json = CliRunner().invoke(cli.main, ["diff", A, B, "--format", "json"])
    assert json.loads(as_json.output)["summary"]["staff_lost_path"] == 1
    out = tmp_path / "perubahan.xlsx"
    written = CliRunner().invoke(cli.main, ["diff", A, B, "--format", "xlsx", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert [row[:2] for row in load_workbook(out)["ASN"].iter_rows(min_row=2, values_only=True)] == [
        ("pindah", MOVED),
        ("keluar", LEFT),
        ("masuk", NEW_NIP),
    ]


def test_the_command_names_an_unknown_version(cli_env):
    result = CliRunner().invoke(cli.main, ["diff", A, "nowhere@2030"])
    assert result.exit_code != 0 and "'nowhere@2030'" in result.output
    needs_out = CliRunner().invoke(cli.main, ["diff", A, B, "--format", "xlsx"])
    assert needs_out.exit_code != 0 and "--out" in needs_out.output
