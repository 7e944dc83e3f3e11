"""Capaian as docs/capaian.md defines it, pinned on cases computed by hand: each polarity, target 0, the
floor and the cap, weights, triwulan, a unit's IKU, the supporting figure, and both predikat scales, for
the Python copy (graph/capaian.py) and the `achievement` query alike."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph import capaian as rules
from graph.catalog import load_catalog
from graph.model import derive_implied_edges

CATALOG = load_catalog()
SAMPLE = Path(__file__).resolve().parent.parent / "seed" / "sample"


def run(runner, **params):
    derive_implied_edges(runner)
    return CATALOG.run(runner, "achievement", {"year": 2026, **params})


def rows_of(rows, kind):
    return {row["id"]: row for row in rows if row["kind"] == kind}


def sample_figures(year: int) -> dict[str, dict[str, str]]:
    """The sample's indicators.csv rows of a year, by indicator id, as the file has them."""
    with open(SAMPLE / "indicators.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f) if row["year"] == str(year)}


def by_hand(row: dict[str, str]) -> float:
    """A positif or negatif indicator's capaian worked out from its CSV row: realisasi / target, or
    (2 x target - realisasi) / target, floored at 0 and capped at 120 (docs/capaian.md)."""
    target, realisasi = float(row["target"]), float(row["realisasi"])
    value = realisasi / target if row["polarity"] == "positif" else (2 * target - realisasi) / target
    return min(120.0, max(0.0, value * 100))


# (polarity, target, target_min, target_max, realisasi, capaian with the default cap 120, rule)
CASES = [
    ("positif", 100, None, None, 90, 90.0, "positif"),
    ("positif", 3, None, None, 1, 33.33, "positif"),
    ("positif", 10, None, None, 13, 120.0, "positif"),  # 130 capped at 120
    ("positif", 10, None, None, -2, 0.0, "positif"),  # -20 floored at 0
    ("positif", 0, None, None, 5, 100.0, "positif_target_0"),  # nothing asked, something done
    ("positif", 0, None, None, 0, 100.0, "positif_target_0"),
    ("positif", 0, None, None, -1, 0.0, "positif_target_0"),
    ("positif", None, None, None, 5, None, None),
    ("positif", 10, None, None, None, None, None),
    ("negatif", 10, None, None, 9, 110.0, "negatif"),  # (20 - 9) / 10
    ("negatif", 10, None, None, 12, 80.0, "negatif"),
    ("negatif", 10, None, None, 30, 0.0, "negatif"),  # -100 floored at 0
    ("negatif", 10, None, None, 2, 120.0, "negatif"),  # 180 capped
    ("negatif", 0, None, None, 0, 100.0, "negatif_target_0"),  # no KLB, none allowed
    ("negatif", 0, None, None, 1, 0.0, "negatif_target_0"),  # one KLB against 0: a failure
    ("negatif", None, None, None, 1, None, None),
    ("stabil", None, 2, 4, 3, 100.0, "stabil"),
    ("stabil", None, 2, 4, 2, 100.0, "stabil"),  # bounds are inside
    ("stabil", None, 2, 4, 4, 100.0, "stabil"),
    ("stabil", None, 2, 4, 1, 50.0, "stabil"),  # 1 / 2
    ("stabil", None, 2, 4, 5, 75.0, "stabil"),  # (8 - 5) / 4
    ("stabil", None, 2, 4, 9, 0.0, "stabil"),  # (8 - 9) / 4 floored
    ("stabil", 3, None, None, 3, 100.0, "stabil"),  # a lone target is a one-point range
    ("stabil", 3, None, None, 1.5, 50.0, "stabil"),
    ("stabil", 3, None, 4, 3.5, 100.0, "stabil"),  # min from the target, max given
    ("stabil", None, None, 4, 1, 100.0, "stabil"),  # no lower bound
    ("stabil", None, 0, 2, -1, 0.0, "stabil"),  # below a bound of 0
    ("stabil", None, None, None, 3, None, None),  # no range at all
]


@pytest.mark.parametrize("polarity, target, low, high, realisasi, expected, rule", CASES)
def test_python_rules(polarity, target, low, high, realisasi, expected, rule):
    assert rules.capaian(target, realisasi, polarity, low, high) == expected


def test_python_cap_is_configurable():
    assert rules.capaian(10, 13, "positif", cap=200.0) == 130.0
    assert rules.capaian(10, 9.5, "positif", cap=90.0) == 90.0


def test_query_rules_on_every_case(runner):
    for number, (polarity, target, low, high, realisasi, _, _) in enumerate(CASES):
        runner.write(
            """
            CREATE (g:Goal {id: 'G' + $n, level: 'sasaran', statement: 'G'})-[:MEASURED_BY]->
                   (:Indicator {id: 'I' + $n, name: 'I', polarity: $polarity})
            CREATE (:IndicatorYear {indicator_id: 'I' + $n, year: 2026, target: $target, target_min: $low,
                                    target_max: $high, realisasi: $realisasi})""",
            {
                "n": str(number),
                "polarity": polarity,
                "target": target,
                "low": low,
                "high": high,
                "realisasi": realisasi,
            },
        )
    indicators = rows_of(run(runner), "indicator")
    for number, (*_, expected, rule) in enumerate(CASES):
        row = indicators[f"I{number}"]
        assert (row["capaian"], row["rule"]) == (expected, rule), CASES[number]
        assert row["basis"] == ([f"I{number}"] if expected is not None else [])


def test_query_cap_is_configurable(runner):
    runner.write("""CREATE (:Goal {id: 'G', level: 'sasaran', statement: 'G'})-[:MEASURED_BY]->
                           (:Indicator {id: 'I', name: 'I', polarity: 'positif'})
                    CREATE (:IndicatorYear {indicator_id: 'I', year: 2026, target: 10, realisasi: 13})""")
    assert rows_of(run(runner, cap=200.0), "indicator")["I"]["capaian"] == 130.0
    assert rows_of(run(runner, cap=100.0), "goal")["G"]["capaian"] == 100.0


# -------------------------------------------------------------------------------- goals: own, weights, triwulan

GOAL_GRAPH = """
CREATE (g:Goal {id: 'G', level: 'sasaran', statement: 'Sasaran'}),
       (c:Goal {id: 'C', level: 'sasaran_program', statement: 'Program'}),
       (d:Goal {id: 'D', level: 'sasaran_program', statement: 'Program 2'}),
       (g)-[:MEASURED_BY]->(:Indicator {id: 'I1', name: 'a', polarity: 'positif', weight: 3.0}),
       (g)-[:MEASURED_BY]->(:Indicator {id: 'I2', name: 'b', polarity: 'positif'}),
       (g)-[:MEASURED_BY]->(:Indicator {id: 'I3', name: 'c', polarity: 'positif', weight: 5.0}),
       (c)-[:MEASURED_BY]->(:Indicator {id: 'IC', name: 'd', polarity: 'positif'}),
       (d)-[:MEASURED_BY]->(:Indicator {id: 'ID', name: 'e', polarity: 'negatif'}),
       (c)-[:CONTRIBUTES_TO {weight: 2.0}]->(g), (d)-[:CONTRIBUTES_TO]->(g),
       (:IndicatorYear {indicator_id: 'I1', year: 2026, target: 100, realisasi: 80,
                        target_tw1: 20, realisasi_tw1: 10, target_tw2: 40, realisasi_tw2: 40}),
       (:IndicatorYear {indicator_id: 'I2', year: 2026, target: 10, realisasi: 13,
                        target_tw1: 10, realisasi_tw1: 12}),
       (:IndicatorYear {indicator_id: 'I3', year: 2026, target: 10}),
       (:IndicatorYear {indicator_id: 'IC', year: 2026, target: 10, realisasi: 5}),
       (:IndicatorYear {indicator_id: 'ID', year: 2026, target: 10, realisasi: 13})
"""


def test_a_goal_is_measured_by_its_own_indicators_weighted(runner):
    runner.write(GOAL_GRAPH)
    goal = rows_of(run(runner), "goal")["G"]
    # own: I1 80 (weight 3), I2 130 capped to 120 (weight 1), I3 without realisasi left out (weight 5 too):
    # (3 × 80 + 120) / 4 = 90
    assert (goal["capaian"], goal["band"], goal["indicators"], goal["basis"], goal["rule"]) == (
        90.0,
        "sangat baik",
        2,
        ["I1", "I2"],
        "own_indicators",
    )
    # below: IC 50 through a weight-2 edge, ID (20 - 13) / 10 = 70 through a weight-1 edge: (100 + 70) / 3
    assert (goal["supporting_capaian"], goal["supporting_band"], goal["supporting_indicators"]) == (56.67, "kurang", 2)


def test_goal_capaian_per_triwulan(runner):
    runner.write(GOAL_GRAPH)
    rows = run(runner)
    i1, i2 = rows_of(rows, "indicator")["I1"], rows_of(rows, "indicator")["I2"]
    assert [i1[f"capaian_tw{q}"] for q in range(1, 5)] == [50.0, 100.0, None, None]
    assert [i2[f"capaian_tw{q}"] for q in range(1, 5)] == [120.0, None, None, None]
    goal = rows_of(rows, "goal")["G"]
    # tw1: (3 × 50 + 1 × 120) / 4 = 67.5; tw2: I1 alone
    assert [goal[f"capaian_tw{q}"] for q in range(1, 5)] == [67.5, 100.0, None, None]


def test_python_triwulan_keeps_the_years_range():
    figures = {"target_min": 2, "target_max": 4, "target_tw1": None, "realisasi_tw1": 5}
    assert rules.quarter_capaian(figures, "stabil", 1) == 75.0
    assert rules.quarter_capaian({"target_tw2": 40, "realisasi_tw2": 10}, "positif", 2) == 25.0


# -------------------------------------------------------------------------------- units: IKU

UNIT_GRAPH = """
CREATE (opd:Unit {id: 'OPD', name: 'Dinas', kind: 'perangkat_daerah'}),
       (bid:Unit {id: 'BID', name: 'Bidang', kind: 'unit_kerja'}), (bid)-[:PART_OF]->(opd),
       (s:Goal {id: 'S', level: 'sasaran', statement: 'Sasaran'}),
       (p:Goal {id: 'P', level: 'sasaran_program', statement: 'Program OPD'}),
       (p2:Goal {id: 'P2', level: 'sasaran_program', statement: 'Program bidang'}),
       (opd)-[:ASSIGNED_TO]->(s), (opd)-[:ASSIGNED_TO]->(p), (bid)-[:ASSIGNED_TO]->(p2),
       (s)-[:MEASURED_BY]->(:Indicator {id: 'IS1', name: 'a', polarity: 'positif'}),
       (s)-[:MEASURED_BY]->(:Indicator {id: 'IS2', name: 'b', polarity: 'positif'}),
       (p)-[:MEASURED_BY]->(:Indicator {id: 'IP', name: 'c', polarity: 'positif'}),
       (p2)-[:MEASURED_BY]->(:Indicator {id: 'IP2', name: 'd', polarity: 'positif'}),
       (:IndicatorYear {indicator_id: 'IS1', year: 2026, target: 100, realisasi: 80}),
       (:IndicatorYear {indicator_id: 'IS2', year: 2026, target: 100, realisasi: 100}),
       (:IndicatorYear {indicator_id: 'IP', year: 2026, target: 100, realisasi: 40}),
       (:IndicatorYear {indicator_id: 'IP2', year: 2026, target: 100, realisasi: 60})
"""
UNIT_COLUMNS = ("capaian", "band", "indicators", "basis", "rule", "supporting_capaian", "supporting_indicators")


def test_a_unit_is_measured_by_the_indicators_of_its_sasaran(runner):
    runner.write(UNIT_GRAPH)
    units = rows_of(run(runner), "unit")
    # OPD: its sasaran's indicators (80 + 100) / 2; the rest of its tree supports: (40 + 60) / 2
    assert tuple(units["OPD"][key] for key in UNIT_COLUMNS) == (
        90.0,
        "sangat baik",
        2,
        ["IS1", "IS2"],
        "level:sasaran",
        50.0,
        2,
    )
    # the bidang has no sasaran: its highest level is sasaran_program
    assert tuple(units["BID"][key] for key in UNIT_COLUMNS) == (
        60.0,
        "cukup",
        1,
        ["IP2"],
        "level:sasaran_program",
        None,
        0,
    )


def test_iku_flags_choose_a_units_indicators(runner):
    runner.write(UNIT_GRAPH)
    runner.write("MATCH (i:Indicator {id: 'IS1'}) SET i.iku = true")
    units = rows_of(run(runner), "unit")
    # flagged: IS1 alone; supporting (100 + 40 + 60) / 3
    assert tuple(units["OPD"][key] for key in UNIT_COLUMNS) == (80.0, "baik", 1, ["IS1"], "iku", 66.67, 3)
    runner.write("MATCH (i:Indicator) SET i.iku = null")
    runner.write("MATCH (i:Indicator {id: 'IS2'}) SET i.iku = false")
    units = rows_of(run(runner), "unit")
    assert tuple(units["OPD"][key] for key in UNIT_COLUMNS) == (80.0, "baik", 1, ["IS1"], "level:sasaran", 66.67, 3)


# -------------------------------------------------------------------------------- scales


@pytest.mark.parametrize(
    "scale, value, band",
    [
        ("pemda", 90, "sangat baik"),
        ("pemda", 89.99, "baik"),
        ("pemda", 75, "baik"),
        ("pemda", 74.99, "cukup"),
        ("pemda", 60, "cukup"),
        ("pemda", 59.99, "kurang"),
        ("pemda", 0, "kurang"),
        ("permendagri86", 91, "sangat tinggi"),
        ("permendagri86", 90.99, "tinggi"),
        ("permendagri86", 76, "tinggi"),
        ("permendagri86", 75.99, "sedang"),
        ("permendagri86", 66, "sedang"),
        ("permendagri86", 65.99, "rendah"),
        ("permendagri86", 51, "rendah"),
        ("permendagri86", 50.99, "sangat rendah"),
        ("permendagri86", 0, "sangat rendah"),
    ],
)
def test_scales_in_python_and_in_the_query(runner, scale, value, band):
    assert rules.scale(scale).band(value) == band
    runner.write(
        """CREATE (:Goal {id: 'G', level: 'sasaran', statement: 'G'})-[:MEASURED_BY]->
                           (:Indicator {id: 'I', name: 'I', polarity: 'positif'})
                    CREATE (:IndicatorYear {indicator_id: 'I', year: 2026, target: 100, realisasi: $value})""",
        {"value": value},
    )
    params = {} if scale == "pemda" else {"scale": scale}
    assert {(row["band"], row["scale"]) for row in run(runner, **params)} == {(band, scale)}


def test_an_unknown_scale_is_refused_in_python():
    with pytest.raises(ValueError, match="permendagri86"):
        rules.scale("nope")


# -------------------------------------------------------------------------------- the default year


def test_the_default_year_is_the_latest_reported_one(runner):
    from graph.audit import latest_year

    assert latest_year(runner) is None
    runner.write("""
        UNWIND range(1, 4) AS k
        CREATE (:IndicatorYear {indicator_id: 'I' + k, year: 2025, target: 10, realisasi: CASE WHEN k < 3 THEN 9 END})
        CREATE (:IndicatorYear {indicator_id: 'I' + k, year: 2026, target: 10, realisasi: CASE WHEN k = 1 THEN 9 END})
        CREATE (:IndicatorYear {indicator_id: 'I' + k, year: 2027, target: 10})""")
    assert latest_year(runner) == 2025  # 2 of 4 reported (half); 2026 has 1 of 4, 2027 none
    runner.write("MATCH (y:IndicatorYear) WHERE y.year = 2025 SET y.realisasi = null")
    assert latest_year(runner) == 2026  # no year reported: the latest with any realisasi
    runner.write("MATCH (y:IndicatorYear) SET y.realisasi = null")
    assert latest_year(runner) == 2027  # no realisasi at all: the latest with figures


# -------------------------------------------------------------------------------- the sample kabupaten


def test_the_sample_is_measured_as_sakip_measures_it(sample):
    """The figures an evaluator reads on the sample, computed here from the CSV values by hand."""
    from graph.audit import latest_year

    assert latest_year(sample) == 2025  # 2026 has realisasi on a minority of its indicators: mid-year
    rows = CATALOG.run(sample, "achievement", {"year": 2025})
    goals, units, indicators = rows_of(rows, "goal"), rows_of(rows, "unit"), rows_of(rows, "indicator")
    figures = sample_figures(2025)

    def mean_of(ids: list[str], weights: dict[str, float]) -> tuple[float, list[str]]:
        """The weighted mean of the by-hand capaian of those of ids with a realisasi, and which those are."""
        basis = sorted(i for i in ids if figures[i]["realisasi"])
        total = sum(weights.get(i, 1.0) for i in basis)
        return round(sum(by_hand(figures[i]) * weights.get(i, 1.0) for i in basis) / total, 2), basis

    # G-S-PEMDA-1 by its own IKU: life expectancy weighs 2, stunting 1 (lower is better)
    pemda_1 = goals["G-S-PEMDA-1"]
    assert (pemda_1["capaian"], pemda_1["basis"]) == mean_of(["I-S-PEMDA-1-1", "I-S-PEMDA-1-2"], {"I-S-PEMDA-1-1": 2})
    assert pemda_1["supporting_indicators"] > 20  # everything below it, kept apart
    # stabil: inflation 4.6 against 2-4: (8 - 4.6) / 4; a price ratio 0.85 against 1-1.2: 0.85 / 1
    assert (indicators["I-S-PEMDA-6-2"]["capaian"], indicators["I-S-PEMDA-6-2"]["rule"]) == (85.0, "stabil")
    assert indicators["I-S-DISPERINDAG-1-2"]["capaian"] == 85.0
    # Dinas Kesehatan flags none 'ya' and one sasaran indicator 'tidak': its IKU are its other sasaran
    # indicators (those with a 2025 realisasi count)
    dinkes = units["U-DINKES"]
    iku = [i for i, row in figures.items() if row["goal_id"].startswith("G-S-DINKES-") and row["iku"] != "tidak"]
    capaian, basis = mean_of(iku, {})
    assert (dinkes["capaian"], dinkes["rule"], dinkes["basis"]) == (capaian, "level:sasaran", basis)
    # the Pemda flags its sasaran indicators: its IKU are exactly those with a 2025 realisasi
    reported = sorted(
        row["id"]
        for row in indicators.values()
        if (row["goal_id"] or "").startswith("G-S-PEMDA-") and row["capaian"] is not None
    )
    assert (units["U-PEMDA"]["rule"], units["U-PEMDA"]["basis"]) == ("iku", reported)
