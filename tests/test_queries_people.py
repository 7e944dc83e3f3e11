"""The people queries (intervensi of each ASN's RHK in their atasan's, single points of failure, retirements;
docs/domain.md "RHK, intervensi and the Matriks Peran Hasil" and "People at risk") on hand-built graphs whose
answers are worked out by hand, with the API and the CLI; the sample kabupaten is in test_people_sample.py."""

from __future__ import annotations

from graph.catalog import load_catalog
from graph.model import derive_implied_edges

CATALOG = load_catalog()

# An OPD (head H reporting to the sekda X of another OPD) with a bidang (kepala bidang B) and a seksi (kepala
# seksi K); staff under K. Every NIP is 18 digits, the last two telling them apart.
INTERVENSI = """
CREATE (setda:Unit {id: 'SETDA', kind: 'perangkat_daerah'}), (opd:Unit {id: 'OPD', kind: 'perangkat_daerah'}),
       (bid:Unit {id: 'BID', kind: 'unit_kerja'})-[:PART_OF]->(opd),
       (sek:Unit {id: 'SEK', kind: 'unit_kerja'})-[:PART_OF]->(bid),
       (x:ASN {nip: '197001011990011001'})-[:MEMBER_OF]->(setda),
       (h:ASN {nip: '197001011990011002'})-[:MEMBER_OF]->(opd), (h)-[:REPORTS_TO]->(x),
       (b:ASN {nip: '197001011990011003'})-[:MEMBER_OF]->(bid), (b)-[:REPORTS_TO]->(h),
       (k:ASN {nip: '197001011990011004'})-[:MEMBER_OF]->(sek), (k)-[:REPORTS_TO]->(b),
       (s:Goal {id: 'S', level: 'sasaran'}), (opd)-[:ASSIGNED_TO]->(s), (h)-[:ASSIGNED_TO]->(s),
       (sp:Goal {id: 'SP', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(s), (b)-[:ASSIGNED_TO]->(sp),
       (sk:Goal {id: 'SK', level: 'sasaran_kegiatan'})-[:MEASURED_BY]->(ik:Indicator {id: 'IK'}),
       (sk)-[:CONTRIBUTES_TO]->(sp), (k)-[:ASSIGNED_TO]->(ik),
       (other:Goal {id: 'OTHER', level: 'sasaran_kegiatan'}), (x)-[:ASSIGNED_TO]->(other),
       // staff of K: through K's indicator (one step), two steps up to SP, elsewhere, nowhere, nothing
       (s1:ASN {nip: '199001012015011011'})-[:MEMBER_OF]->(sek), (s1)-[:REPORTS_TO]->(k),
       (s1)-[:ASSIGNED_TO]->(:Goal {id: 'R1', level: 'rhk'})-[:CONTRIBUTES_TO]->(ik),
       (s2:ASN {nip: '199001012015011012'})-[:MEMBER_OF]->(sek), (s2)-[:REPORTS_TO]->(b),
       (s2)-[:ASSIGNED_TO]->(:Goal {id: 'R2', level: 'rhk'})-[:CONTRIBUTES_TO]->(sk),
       (s3:ASN {nip: '199001012015011013'})-[:MEMBER_OF]->(sek), (s3)-[:REPORTS_TO]->(k),
       (s3)-[:ASSIGNED_TO]->(:Goal {id: 'R3', level: 'rhk'})-[:CONTRIBUTES_TO]->(other),
       (s4:ASN {nip: '199001012015011014'})-[:MEMBER_OF]->(sek), (s4)-[:REPORTS_TO]->(k),
       (s4)-[:ASSIGNED_TO]->(:Goal {id: 'R4', level: 'rhk'}),
       (s5:ASN {nip: '199001012015011015'})-[:MEMBER_OF]->(sek), (s5)-[:REPORTS_TO]->(k),
       (s6:ASN {nip: '199001012015011016'})-[:MEMBER_OF]->(sek),
       (s6)-[:ASSIGNED_TO]->(:Goal {id: 'R6', level: 'rhk'})-[:CONTRIBUTES_TO]->(sk),
       (s7:ASN {nip: '199001012015011017'})-[:MEMBER_OF]->(bid), (s7)-[:REPORTS_TO]->(s5),
       (s7)-[:ASSIGNED_TO]->(:Goal {id: 'R7', level: 'rhk'})-[:CONTRIBUTES_TO]->(sp)
"""


def intervensi_rows(runner, **params):
    derive_implied_edges(runner)
    return CATALOG.run(runner, "rhk_without_intervention", params)


def test_rhk_without_intervention_names_each_break_and_its_reason(runner):
    runner.write(INTERVENSI)
    found = {row["nip"][-2:]: row for row in intervensi_rows(runner)}
    # the sekda (head of SETDA, no atasan) is checked against SETDA's sasaran, and SETDA has none
    assert {key: row["reason"] for key, row in found.items()} == {
        "01": "opd_without_sasaran",
        "13": "leads_elsewhere",
        "14": "leads_nowhere",
        "15": "no_rhk",
        "16": "no_atasan",
        "17": "atasan_without_rhk",
    }
    assert found["01"]["checked_against"] == "sasaran_opd" and found["13"]["checked_against"] == "atasan"
    # to whose work: the goal R3 reaches and who is assigned to it
    assert found["13"]["leads_to"] == ["OTHER"] and found["13"]["leads_to_owners"] == ["197001011990011001"]
    assert found["13"]["atasan_nip"] == "197001011990011004" and found["13"]["rhk"] == ["R3"]
    assert found["14"]["leads_to"] == [] and found["14"]["leads_to_owners"] == []
    assert found["13"]["unit_id"] == "SEK"


def test_a_head_intervenes_through_the_opd_sasaran_and_staff_through_any_depth(runner):
    runner.write(INTERVENSI)
    nips = {row["nip"] for row in intervensi_rows(runner)}
    # H (head of OPD, atasan X elsewhere) owns S; B reaches H's S; K's indicator stands for SK, which reaches
    # B's SP; S1 meets K's indicator; S2 reaches B's SP two steps up
    for nip in (
        "197001011990011002",
        "197001011990011003",
        "197001011990011004",
        "199001012015011011",
        "199001012015011012",
    ):
        assert nip not in nips
    runner.write("MATCH (:Goal {id: 'SK'})-[r:CONTRIBUTES_TO]->(:Goal {id: 'SP'}) DELETE r")
    broken = {row["nip"]: row["reason"] for row in intervensi_rows(runner)}
    assert broken["197001011990011004"] == "leads_nowhere"  # K's indicator stands for SK, which reaches nothing
    assert broken["199001012015011012"] == "leads_elsewhere"  # S2's SK is K's, not its atasan B's


def test_rhk_without_intervention_scoped_to_a_unit(runner):
    runner.write(INTERVENSI)
    whole = intervensi_rows(runner)
    scoped = intervensi_rows(runner, unit="BID")
    assert scoped == [row for row in whole if row["unit_id"] in ("BID", "SEK")]
    assert {row["nip"][-2:] for row in scoped} == {"13", "14", "15", "16", "17"}


# -- single points of failure and retirements (graph/people.py) ----------------------------------------------------

# Two OPD. OPD A: sasaran SA (its IKU IA) supported by two bidang programs SP1 (B1) and SP2 (B2), SP1 also by a
# staff RHK; the Pemda sasaran PS supported by SA alone (SA held by the head HA alone). OPD B: sasaran SB supported
# by one program SP3 that nobody holds, supported by one RHK of one staff member Z. Born: HA 1966 (a JPT, 60),
# B1 1966 (58), B2 1975, S1 1990 (ahli madya, 60), Z 1968 (58).
RISK = """
CREATE (pemda:Unit {id: 'PEMDA', kind: 'pemda'}), (a:Unit {id: 'A', kind: 'perangkat_daerah'}),
       (ua:Unit {id: 'A1', kind: 'unit_kerja'})-[:PART_OF]->(a),
       (b:Unit {id: 'B', kind: 'perangkat_daerah'}), (ub:Unit {id: 'B1', kind: 'unit_kerja'})-[:PART_OF]->(b),
       (pemda)-[:ASSIGNED_TO]->(ps:Goal {id: 'PS', level: 'sasaran'}),
       (a)-[:ASSIGNED_TO]->(sa:Goal {id: 'SA', level: 'sasaran'})-[:CONTRIBUTES_TO]->(ps),
       (sa)-[:MEASURED_BY]->(:Indicator {id: 'IA'}),
       (ha:ASN {nip: '196605051990011001', position: 'Kepala Dinas A'})-[:MEMBER_OF]->(a),
       (ha)-[:ASSIGNED_TO]->(sa),
       (b1:ASN {nip: '196607071990011002', position: 'Kepala Bidang Satu'})-[:MEMBER_OF]->(ua),
       (b1)-[:REPORTS_TO]->(ha),
       (b1)-[:ASSIGNED_TO]->(sp1:Goal {id: 'SP1', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(sa),
       (b2:ASN {nip: '197507071999011003', position: 'Kepala Bidang Dua'})-[:MEMBER_OF]->(ua),
       (b2)-[:REPORTS_TO]->(ha),
       (b2)-[:ASSIGNED_TO]->(sp2:Goal {id: 'SP2', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(sa),
       (s1:ASN {nip: '199001012015011004', position: 'Analis Kebijakan Ahli Madya'})-[:MEMBER_OF]->(ua),
       (s1)-[:ASSIGNED_TO]->(:Goal {id: 'R1', level: 'rhk'})-[:CONTRIBUTES_TO]->(sp1),
       (b)-[:ASSIGNED_TO]->(sb:Goal {id: 'SB', level: 'sasaran'}),
       (sp3:Goal {id: 'SP3', level: 'sasaran_program'})-[:CONTRIBUTES_TO]->(sb),
       (z:ASN {nip: '196808082000011005', position: 'Pengelola Data'})-[:MEMBER_OF]->(ub),
       (z)-[:ASSIGNED_TO]->(:Goal {id: 'R9', level: 'rhk'})-[:CONTRIBUTES_TO]->(sp3)
"""


def test_single_points_of_failure_by_hand(runner):
    from graph.people import single_points_of_failure

    runner.write(RISK)
    derive_implied_edges(runner)
    found = {
        (row["nip"][-2:], row["target"]): (row["via"], row["sole"], row["target_kind"])
        for row in single_points_of_failure(runner, CATALOG)
    }
    # PS hangs on the head of A through SA, which only HA holds; SB on Z, whose RHK is the only work reaching it;
    # SA (and its IKU IA) is reached through two programs, so through no one person; HA's own assignment to SA
    # is no path of work
    assert found == {("01", "PS"): (["SA"], False, "goal"), ("05", "SB"): (["R9"], True, "goal")}
    runner.write("MATCH (:Goal {id: 'SP2'})-[r:CONTRIBUTES_TO]->() DELETE r")  # now SA hangs on B1 through SP1
    found = {(row["nip"][-2:], row["target"]): row["via"] for row in single_points_of_failure(runner, CATALOG)}
    assert found[("02", "SA")] == ["SP1"] and found[("02", "IA")] == ["SP1"] and found[("02", "PS")] == ["SP1"]


def test_retirements_by_hand_with_the_ages_configurable(runner):
    from graph.people import retirements

    runner.write(RISK)
    derive_implied_edges(runner)
    rows = {row["nip"][-2:]: row for row in retirements(runner, CATALOG, 2026)}
    assert set(rows) == {"01", "05"}  # HA a JPT at 60, Z at 58; B1 (58) retired in 2024
    assert (rows["01"]["jabatan"], rows["01"]["bup"], rows["01"]["born"]) == ("jpt", 60, "1966-05-05")
    assert (rows["01"]["reaches_on"], rows["01"]["pension_from"]) == ("2026-05-05", "2026-06-01")
    assert rows["01"]["loses"] == [] and rows["01"]["hangs_on"] == ["PS"]
    assert rows["05"]["jabatan"] == "lainnya" and rows["05"]["loses"] == ["SB"]  # SB loses its only contributor
    assert {row["nip"][-2:] for row in retirements(runner, CATALOG, 2024)} == {"02"}
    assert {row["nip"][-2:] for row in retirements(runner, CATALOG, 2026, {"bup_jpt": 62})} == {"05"}
    madya = retirements(runner, CATALOG, 2048, {"bup_madya": 58})
    assert [(row["nip"][-2:], row["jabatan"]) for row in madya] == [("04", "ahli_madya")]


def test_people_api_and_cli_with_masking_and_bounds(runner, neo4j_settings, monkeypatch):
    import json as json_module

    from click.testing import CliRunner
    from test_service_support import AS_READER, make_app

    import cli.main as cli

    runner.write(RISK)
    derive_implied_edges(runner)
    client = make_app(runner).test_client()
    spof = client.get("/api/people/single-points-of-failure", headers=AS_READER).get_json()
    assert {(row["nip"], row["target"]) for row in spof["rows"]} == {
        ("196605051990011001", "PS"),
        ("196808082000011005", "SB"),
    }
    anonymous = client.get("/api/people/single-points-of-failure").get_json()
    assert {row["nip"] for row in anonymous["rows"]} == {"196605**********01", "196808**********05"}
    retiring = client.get("/api/people/retirements?year=2026&bup_jpt=62", headers=AS_READER).get_json()
    assert [(row["nip"], row["loses"]) for row in retiring["rows"]] == [("196808082000011005", ["SB"])]
    csv_text = client.get("/api/people/retirements.csv?year=2026").get_data(as_text=True)
    assert "196808**********05" in csv_text and "196808082000011005" not in csv_text
    for bad in ("", "?year=abc", "?year=99999", "?year=2026&bup=200", "?year=2026&bogus=1"):
        assert client.get(f"/api/people/retirements{bad}").status_code == 400, bad
    for key, value in (
        ("NEO4J_URI", neo4j_settings.uri),
        ("NEO4J_USER", neo4j_settings.user),
        ("NEO4J_PASSWORD", neo4j_settings.password),
        ("NEO4J_DATABASE", neo4j_settings.database),
    ):
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli.main, ["people", "retirements", "--year", "2026", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["nip"] for row in json_module.loads(result.output)["rows"]} == {
        "196605051990011001",
        "196808082000011005",
    }
    result = CliRunner().invoke(cli.main, ["people", "spof", "--format", "json"])
    assert result.exit_code == 0 and len(json_module.loads(result.output)["rows"]) == 2
    assert CliRunner().invoke(cli.main, ["people", "retirements", "--year", "2026", "--bup", "99"]).exit_code != 0


# -- what_if_move: the mutasi of one person before it happens -------------------------------------------------------

# RISK plus: S1 reports to B1 (its R1 reaches B1's SP1), Z reports to B1 (its R9 reaches nothing of B1's), and HB,
# head of OPD B, reports to HA with an RHK reaching HA's SA (checked against B's sasaran: no break of theirs).
MOVES = """
MATCH (s1:ASN {nip: '199001012015011004'}), (b1:ASN {nip: '196607071990011002'}),
      (z:ASN {nip: '196808082000011005'}), (ha:ASN {nip: '196605051990011001'}), (b:Unit {id: 'B'}),
      (sa:Goal {id: 'SA'})
CREATE (s1)-[:REPORTS_TO]->(b1), (z)-[:REPORTS_TO]->(b1),
       (hb:ASN {nip: '197202022000011006', position: 'Kepala Dinas B'})-[:MEMBER_OF]->(b), (hb)-[:REPORTS_TO]->(ha),
       (hb)-[:ASSIGNED_TO]->(:Goal {id: 'RB', level: 'rhk'})-[:CONTRIBUTES_TO]->(sa)
"""


def moved(runner, nip, to=None):
    from graph.people import what_if_move

    return {
        (row["kind"], row["nip"][-2:], row["target"] or row["unit_id"]): row["via"]
        for row in what_if_move(runner, CATALOG, nip, to)
    }


def test_what_if_move_by_hand(runner):
    from graph.people import NOT_CARRIED, MoveError, what_if_move

    runner.write(RISK)
    runner.write(MOVES)
    derive_implied_edges(runner)
    # HA: PS hangs on SA, which only HA holds; B1's SP1 and B2's SP2 reach HA's SA (their intervensi breaks),
    # HB's RB too, but HB heads OPD B and is checked against B's sasaran
    assert moved(runner, "196605051990011001") == {
        ("hangs_on", "01", "PS"): ["SA"],
        ("intervensi_break", "02", "A1"): ["SA"],
        ("intervensi_break", "03", "A1"): ["SA"],
    }
    # B1: SA is reached through SP1, SP2 and RB, so nothing hangs on B1; S1's R1 reaches SP1, Z's R9 does not
    assert moved(runner, "196607071990011002") == {("intervensi_break", "04", "A1"): ["SP1"]}
    # Z, to unit A: SB loses its only human contributor; A gains Z without Z's RHK
    rows = what_if_move(runner, CATALOG, "196808082000011005", "A")
    assert [(row["kind"], row["target"], row["unit_id"]) for row in rows] == [
        ("loses", "SB", "B1"),
        ("gains", None, "A"),
    ]
    assert rows[1]["detail"] == NOT_CARRIED and rows[1]["nip"] == "196808082000011005"
    runner.write("MATCH (:Goal {id: 'SP2'})-[r:CONTRIBUTES_TO]->() DELETE r")
    runner.write("MATCH (:Goal {id: 'RB'})-[r:CONTRIBUTES_TO]->() DELETE r")
    # now every path of work to SA, its IKU IA and PS passes through B1's SP1
    assert moved(runner, "196607071990011002") == {
        ("hangs_on", "02", "IA"): ["SP1"],
        ("hangs_on", "02", "PS"): ["SP1"],
        ("hangs_on", "02", "SA"): ["SP1"],
        ("intervensi_break", "04", "A1"): ["SP1"],
    }
    for nip, to in (("196808082000011099", None), ("1968080820", None), ("196808082000011005", "NOPE")):
        try:
            what_if_move(runner, CATALOG, nip, to)
        except MoveError as error:
            assert (to or nip) in str(error)
        else:
            raise AssertionError(f"no error for {nip} {to}")


def test_what_if_move_api_and_cli_with_masking(runner, neo4j_settings, monkeypatch):
    import json as json_module

    from click.testing import CliRunner
    from test_service_support import AS_READER, make_app

    import cli.main as cli

    runner.write(RISK)
    runner.write(MOVES)
    derive_implied_edges(runner)
    client = make_app(runner).test_client()
    url = "/api/people/what-if-move?nip=196605051990011001"
    rows = client.get(url, headers=AS_READER).get_json()["rows"]
    assert [(row["kind"], row["nip"]) for row in rows] == [
        ("hangs_on", "196605051990011001"),
        ("intervensi_break", "196607071990011002"),
        ("intervensi_break", "197507071999011003"),
    ]
    anonymous = client.get(url).get_json()["rows"]
    assert [row["nip"] for row in anonymous] == ["196605**********01", "196607**********02", "197507**********03"]
    assert "196605051990011001" not in client.get(url.replace("?", ".csv?")).get_data(as_text=True)
    assert client.get("/api/people/what-if-move?nip=196605051990").status_code == 404  # a part finds no one
    moving = client.get("/api/people/what-if-move?nip=196808082000011005&to=A").get_json()["rows"]
    assert [(row["kind"], row["unit_id"]) for row in moving] == [("loses", "B1"), ("gains", "A")]
    for bad in ("", "?to=A", "?nip=196808082000011005&to=NOPE", "?nip=" + "1" * 41, "?nip=1&bogus=2"):
        assert client.get(f"/api/people/what-if-move{bad}").status_code in (400, 404), bad
    for key, value in (
        ("NEO4J_URI", neo4j_settings.uri),
        ("NEO4J_USER", neo4j_settings.user),
        ("NEO4J_PASSWORD", neo4j_settings.password),
        ("NEO4J_DATABASE", neo4j_settings.database),
    ):
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli.main, ["people", "move", "196808082000011005", "--to", "A", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [row["kind"] for row in json_module.loads(result.output)["rows"]] == ["loses", "gains"]
    result = CliRunner().invoke(cli.main, ["people", "move", "196808082000011099"])
    assert result.exit_code != 0 and "196808082000011099" in result.output


def test_the_asn_page_shows_the_intervensi_chain_up_to_the_opd_head_and_flags_a_break(runner):
    from test_service_support import AS_READER, make_app

    from graph.people import intervensi_chain

    runner.write(INTERVENSI)
    derive_implied_edges(runner)
    chain = intervensi_chain(runner, CATALOG, "199001012015011013")  # S3 -> K -> B -> H (head of OPD)
    assert [(row["nip"][-2:], row["head"], row["break_reason"]) for row in chain] == [
        ("13", False, "leads_elsewhere"),
        ("04", False, None),
        ("03", False, None),
        ("02", True, None),
    ]
    assert [row["nip"][-2:] for row in intervensi_chain(runner, CATALOG, "199001012015011011")] == [
        "11",
        "04",
        "03",
        "02",
    ]
    client = make_app(runner).test_client()
    page = client.get("/asn/199001012015011013.json", headers=AS_READER).get_json()
    assert page["intervensi"]["broken"] and page["intervensi"]["reaches_head"]
    assert [step["break_reason"] for step in page["intervensi"]["steps"]] == ["leads_elsewhere", None, None, None]
    whole = client.get("/asn/199001012015011011", headers=AS_READER).get_data(as_text=True)
    assert "Rantai intervensi RHK" in whole and "terputus" not in whole and "kepala OPD" in whole
    broken = client.get("/asn/199001012015011013", headers=AS_READER).get_data(as_text=True)
    assert "terputus, RHK mendukung kinerja pihak lain, bukan atasan" in broken
    anonymous = client.get("/asn/199001012015011013").get_data(as_text=True)
    assert "199001012015011013" not in anonymous and "197001011990011004" not in anonymous
