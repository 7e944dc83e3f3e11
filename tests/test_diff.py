"""graph/diff.py, `pokin diff`, /api/diff and the page /perubahan on two versions of the sample kabupaten.

Version A is the sample imported as `--version 2025`; version B the same files with the planted changes made in
their rows (`edited_sample`, each change named in PLANTED) imported as `--version 2026`. The diff must list exactly
those changes and their consequences, nothing else.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLE
from openpyxl import load_workbook
from test_service_support import AS_READER, assert_error, make_app

import cli.main as cli
from graph.db import Runner
from graph.diff import SECTION_KEYS, diff
from graph.diff_read import UnknownVersion, read_version
from graph.importer import VersionRequest, import_path


def _sample(name: str) -> list[dict[str, str]]:
    """Rows of one of the sample's CSV files: what version A holds, read so the expected diff follows the sample."""
    with (SAMPLE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _plain_staff(staff: list[dict[str, str]], unit: str, taken: set[str]) -> str:
    """An ASN of `unit` nobody reports to (moving or removing them touches no other ASN), not one already used."""
    supervisors = {row["supervisor_nip"] for row in staff}
    return next(row["nip"] for row in staff if row["unit_id"] == unit and row["nip"] not in supervisors | taken)


A, B = "U-PEMDA@2025", "U-PEMDA@2026"
NEW_NIP = "200001012025011001"
CUT_ACTIVITY = "SK-2026-1.02.01.2.01.0006"  # its only contribution removed: its pagu loses its path
CUT_RHK = "G-RHK-SETDA-0001"  # its only contribution removed: its one ASN loses their path
REPAGU = "SK-2026-1.02.01.2.06.0004"  # its pagu set to Rp 200 juta
REPAGU_TO = 200_000_000
REMOVED_INDICATOR = "I-S-DISHUB-1-1"
_STAFF, _GOALS = _sample("staff.csv"), {row["id"]: row for row in _sample("goals.csv")}
_ACTIVITIES = {row["id"]: row for row in _sample("activities.csv")}
CUT_RHK_ASN = next(row["nip"] for row in _STAFF if CUT_RHK in row["assigned_to"].split(";"))
CUT_RHK_TARGET = _GOALS[CUT_RHK]["contributes_to"]
CUT_ACTIVITY_TARGET, CUT_ACTIVITY_PAGU = (_ACTIVITIES[CUT_ACTIVITY][k] for k in ("contributes_to", "budget"))
REPAGU_FROM = int(_ACTIVITIES[REPAGU]["budget"])
MOVED = _plain_staff(_STAFF, "U-SETDA-02-2-1", {CUT_RHK_ASN})
LEFT = _plain_staff(_STAFF, "U-SETDA-03-2-1", {CUT_RHK_ASN, MOVED})
IPM_2026_TARGET = next(
    float(row["target"]) for row in _sample("indicators.csv") if (row["id"], row["year"]) == ("I-T-PEMDA-1-1", "2026")
)
RESTATED_TO = "Pernyataan sasaran yang dirumuskan ulang"
# What version B changes, as edited_sample makes it in the files.
PLANTED = (
    "a goal added (G-SK-BARU-1, a sasaran_kegiatan contributing to a sasaran_program)",
    "an indicator removed (its rows)",
    "a goal's statement restated (G-S-PEMDA-1)",
    "a sasaran program re-parented to the other sasaran of its OPD: G-S-BPBD-1 loses its last activity",
    "a 2026 target changed, and the period's end target given where version A has none",
    "a satuan changed (every row of the indicator)",
    "a pagu changed",
    "an ASN moved to another unit and position, one left, one arrived",
    "an activity cut off from its outcome (its pagu loses its path)",
    "an rhk cut off (its only ASN loses their path)",
)


def _edit(folder: Path, name: str, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    """Rewrite one CSV file of `folder` with `change` applied to its rows (its header kept, a new column added)."""
    path = folder / name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    rows = change(rows)
    fields += [column for column in dict.fromkeys(key for row in rows for key in row) if column not in fields]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, restval="")
        writer.writeheader()
        writer.writerows(rows)


def _set(key: str, value: str, **changes: str) -> Callable[[list[dict[str, str]]], list[dict[str, str]]]:
    """Rows whose `key` column is `value` get `changes`."""
    return lambda rows: [{**row, **changes} if row[key] == value else row for row in rows]


def edited_sample(folder: Path) -> Path:
    """A copy of the sample's CSV files with PLANTED made in them: what version B's import reads."""
    for source in SAMPLE.glob("*.csv"):
        shutil.copy(source, folder / source.name)
    new_goal = {
        "id": "G-SK-BARU-1",
        "level": "sasaran_kegiatan",
        "statement": "Sasaran kegiatan baru",
        "unit_id": "U-BPBD",
        "contributes_to": "G-SP-BPBD-1.05.01",
    }
    _edit(folder, "goals.csv", lambda rows: [*rows, new_goal])
    _edit(folder, "goals.csv", _set("id", "G-S-PEMDA-1", statement=RESTATED_TO))
    _edit(folder, "goals.csv", _set("id", "G-SP-BPBD-1.05.03", contributes_to="G-S-BPBD-2"))
    _edit(folder, "goals.csv", _set("id", CUT_RHK, contributes_to=""))
    _edit(folder, "indicators.csv", lambda rows: [row for row in rows if row["id"] != REMOVED_INDICATOR])
    _edit(
        folder,
        "indicators.csv",
        lambda rows: [
            {**row, "target": "71.5"} if (row["id"], row["year"]) == ("I-T-PEMDA-1-1", "2026") else row for row in rows
        ],
    )
    _edit(folder, "indicators.csv", _set("id", "I-T-PEMDA-2-1", satuan="persen"))
    _edit(folder, "indicators.csv", _set("id", "I-T-PEMDA-1-1", target_akhir="73"))  # a column version A lacks
    _edit(folder, "activities.csv", _set("id", REPAGU, budget=str(REPAGU_TO)))
    _edit(folder, "activities.csv", _set("id", CUT_ACTIVITY, contributes_to=""))
    _edit(folder, "staff.csv", _set("nip", MOVED, unit_id="U-SETDA-03-2-1", position="Pengolah Data dan Informasi"))
    _edit(
        folder,
        "staff.csv",
        lambda rows: (
            [row for row in rows if row["nip"] != LEFT]
            + [
                {
                    "nip": NEW_NIP,
                    "name": "Rina Baru",
                    "position": "Perawat Ahli Pertama",
                    "unit_id": "U-DINKES",
                    "supervisor_nip": "",
                    "assigned_to": "",
                }
            ]
        ),
    )
    return folder


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
def versions(session_runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The sample as version A and its edited copy as version B, on a wiped database."""
    session_runner.write("MATCH (n) DETACH DELETE n")
    import_path(SAMPLE, session_runner, version=VersionRequest(name="2025"))
    _preconditions(session_runner)
    edited = edited_sample(tmp_path_factory.mktemp("sample-2026"))
    import_path(edited, session_runner, version=VersionRequest(name="2026"))
    return session_runner


def _keys(rows: list[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[column] for column in columns) for row in rows]


def test_a_version_against_itself_is_empty(versions):
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
        ("Goal", "G-S-PEMDA-1", "statement", RESTATED_TO)
    ]
    assert found["restated"][0]["before"].startswith("Meningkatnya")
    assert _keys(found["reparented"], "type", "id", "before", "after") == [
        ("CONTRIBUTES_TO", CUT_RHK, [CUT_RHK_TARGET], []),
        ("CONTRIBUTES_TO", "G-SP-BPBD-1.05.03", ["G-S-BPBD-1"], ["G-S-BPBD-2"]),
        ("CONTRIBUTES_TO", CUT_ACTIVITY, [CUT_ACTIVITY_TARGET], []),
    ]


def test_the_diff_lists_the_figures_and_staff_changed(versions):
    found = diff(versions, A, B).sections
    indicators = _keys(found["indicators"], "id", "year", "field", "before", "after")
    assert ("I-T-PEMDA-1-1", 2026, "target", IPM_2026_TARGET, 71.5) in indicators
    assert ("I-T-PEMDA-1-1", None, "target_end", None, 73) in indicators
    assert ("I-T-PEMDA-2-1", None, "satuan", "%", "persen") in indicators
    assert {row[0] for row in indicators} == {"I-T-PEMDA-1-1", "I-T-PEMDA-2-1"}
    years_satuan = [row for row in indicators if row[0] == "I-T-PEMDA-2-1" and row[1] is not None]
    assert all(row[2:] == ("satuan", "%", "persen") for row in years_satuan)
    assert _keys(found["budgets"], "id", "before", "after", "difference") == [
        (REPAGU, REPAGU_FROM, REPAGU_TO, REPAGU_TO - REPAGU_FROM)
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
    assert _keys(found["reach_budget"], "change", "id", "before") == [
        ("kehilangan", CUT_ACTIVITY, int(CUT_ACTIVITY_PAGU))
    ]
    assert _keys(found["reach_staff"], "change", "nip") == [("kehilangan", CUT_RHK_ASN)]
    assert _keys(found["outcomes"], "change", "id", "level") == [("kehilangan", "G-S-BPBD-1", "sasaran")]
    assert result.summary["pagu_lost_path"] == int(CUT_ACTIVITY_PAGU) and result.summary["staff_lost_path"] == 1
    assert result.summary["outcomes_lost_support"] == 1 and result.summary["pagu_difference"] == REPAGU_TO - REPAGU_FROM
    backwards = diff(versions, B, A).sections  # the other way round, everything lost is gained
    assert _keys(backwards["reach_budget"], "change", "id") == [("mendapat", CUT_ACTIVITY)]
    assert _keys(backwards["outcomes"], "change", "id") == [("mendapat", "G-S-BPBD-1")]
    assert _keys(backwards["added"], "id") == [(REMOVED_INDICATOR,)]


@pytest.mark.parametrize("dataset", [A, B])
def test_the_reach_worked_out_equals_the_importers_fact(versions, dataset):
    """After the imports the fact is current and the diff reads it; worked out from the version's edges instead
    (what a graph written by raw Cypher since gets), it is the same set."""
    with_fact, worked_out = read_version(versions, dataset), read_version(versions, dataset, use_fact=False)
    assert (with_fact.reach_from, worked_out.reach_from) == ("fact", "traversal")
    assert with_fact.reaching and worked_out.reaching == with_fact.reaching


def test_the_diff_without_the_fact_is_the_same(versions, monkeypatch):
    from graph import diff_read

    with_fact = diff(versions, A, B)
    monkeypatch.setattr(diff_read, "_fact_current", lambda reader: False)
    worked_out = diff(versions, A, B)
    assert worked_out.reach_from == {A: "traversal", B: "traversal"} and worked_out.sections == with_fact.sections


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
    assert body["summary"]["pagu_lost_path"] == int(CUT_ACTIVITY_PAGU) and body["counts"]["staff"] == 3
    assert body["reach_from"] == {A: "fact", B: "fact"}
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
    assert pagu[1][0] == REPAGU and pagu[1][3:] == (REPAGU_FROM, REPAGU_TO, REPAGU_TO - REPAGU_FROM)
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


def test_the_version_every_link_keeps_is_no_side_of_the_diff(client):
    """`versi` names the version other pages read; a diff names its two sides itself, so it is taken and ignored."""
    plain = client.get(f"/api/diff?a={A}&b={B}", headers=AS_READER).get_json()
    kept = client.get(f"/api/diff?a={A}&b={B}&versi={A}", headers=AS_READER).get_json()
    assert kept == plain
    page = client.get(f"/perubahan?a={A}&b={B}&versi={A}", headers=AS_READER)
    assert page.status_code == 200 and "versi=U-PEMDA" in page.get_data(as_text=True)  # its links keep it


def test_a_suffix_contradicting_the_format_is_refused(client):
    assert_error(client.get(f"/api/diff.xlsx?a={A}&b={B}&format=json", headers=AS_READER), 400)


def test_the_page_offers_the_versions_and_shows_the_changes(client):
    form = client.get("/perubahan", headers=AS_READER)
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert f'<option value="{A}">U-PEMDA · PK 2025</option>' in html
    assert f'<option value="{B}">U-PEMDA · PK 2026 (terbaru)</option>' in html and "Bandingkan" in html
    page = client.get(f"/perubahan?a={A}&b={B}", headers=AS_READER).get_data(as_text=True)
    for shown in (
        "G-SK-BARU-1",
        REMOVED_INDICATOR,
        RESTATED_TO,
        "G-S-BPBD-2",
        f"Rp {int(CUT_ACTIVITY_PAGU):,}".replace(",", "."),  # the pagu that lost its path
        f"Rp {REPAGU_TO - REPAGU_FROM:,}".replace(",", "."),  # the difference of the pagu changed
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
def cli_env(versions, neo4j_env):
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
