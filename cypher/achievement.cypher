// name: achievement
// Capaian (achievement) for one year as SAKIP defines it, per indicator, goal and unit (docs/capaian.md).
// Indicator capaian, from its IndicatorYear of $year (joined on indicator_id), for the year (target,
// realisasi) and for each triwulan (target_twN, realisasi_twN):
//   positif: realisasi / target × 100; target 0: 100 when realisasi ≥ 0, else 0.
//   negatif: (2 × target − realisasi) / target × 100; target 0: 100 when realisasi ≤ 0, else 0 (a failure,
//            not '–': a KLB count of 1 against a target of 0).
//   stabil:  100 inside [target_min, target_max] (a missing bound is the target); below the range
//            realisasi / target_min × 100, above it (2 × target_max − realisasi) / target_max × 100 (0 when
//            that bound is 0). Triwulan figures keep the year's range.
//   then floored at 0 and capped at $cap (default 120). Null ('–') when realisasi is null, or there is no
//   target (no range for stabil), or no figure for the year: never an error, never a division by zero.
// Goal capaian (the official one, as in the PK and LKjIP): the mean of the capaian of the goal's OWN
// indicators (MEASURED_BY), weighted by Indicator.weight (bobot; null = 1); per triwulan the same.
// Indicators whose capaian is null are left out (of the weights too); none left: null.
// Supporting capaian (an analytic figure, never mixed into the official one): the weighted mean of the
// capaian of the DISTINCT indicators below the goal, i.e. every indicator that reaches the goal upward
// (CONTRIBUTES_TO; an indicator stands for the goal it measures) except the goal's own, each counted ONCE
// per goal however many paths lead to it, weighted by the product of the CONTRIBUTES_TO weights (null = 1)
// along one shortest path (which one, among equal-length paths of different weight, is not specified).
// Unit capaian: the mean of the capaian of the unit's IKU: the indicators of goals assigned to the unit
// itself (or assigned to it directly) flagged iku = true; when none of them is flagged, those of its goals
// at the highest level from sasaran down that has indicators (sasaran for an OPD and the Pemda,
// sasaran_program for a bidang), leaving out indicators flagged iku = false. Its supporting capaian: the
// plain mean of every other distinct indicator of the unit and the units below it (PART_OF), the indicators
// of its activities (outcome and output indicators: never IKU) included.
// Band (predikat) of the rounded capaian on the scale $scale: 'pemda' (default; ≥ 90 'sangat baik',
// ≥ 75 'baik', ≥ 60 'cukup', else 'kurang') or 'permendagri86' (≥ 91 'sangat tinggi', ≥ 76 'tinggi',
// ≥ 66 'sedang', ≥ 51 'rendah', else 'sangat rendah'); null when capaian is null or the scale is unknown.
// Rows: kind ('goal' | 'indicator' | 'unit'), id, name (goal statement, indicator or unit name), level
// (goal level; for an indicator the level of the goal it measures, or the kind of the activity it measures;
// for a unit its kind), goal_id (the goal an indicator measures, first by id if several; null for an
// activity's indicator), polarity, iku, weight, target, target_min,
// target_max, realisasi (indicator rows), capaian (2 decimals), band, capaian_tw1..capaian_tw4,
// indicators (how many indicators the capaian rests on), basis (their ids, sorted), rule (how it was
// computed: for an indicator 'positif', 'positif_target_0', 'negatif', 'negatif_target_0', 'stabil', null
// without capaian; 'own_indicators' for a goal; 'iku' or 'level:<level>' for a unit: how its IKU were
// chosen), supporting_capaian, supporting_band, supporting_indicators (goal and unit rows), scale.
// Goals first (top level first), then indicators, then units; then by id.
// Filters: $goal keeps that goal and the goals and indicators below it (that reach it upward), and
// drops unit rows; $unit keeps the goals and indicators assigned to that unit or below (an indicator
// also through the goal it measures) plus that unit's row. Without $unit, a row for every unit with at
// least one indicator. Filters choose rows only: every figure is the one of the whole answer.
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards and downward its reverse, each one
// breadth-first search (each node once): no bound on indicator steps, and it terminates on cycles and
// on chains thousands deep.
// param year: int Year of the figures (IndicatorYear.year).
// param goal: str? Only this goal and what is below it.
// param unit: str? Only goals and indicators of this unit or a unit below it, and this unit's row.
// param cap: float? Upper cap of an indicator's capaian (default 120; the floor is 0).
// param scale: str? Predikat scale: 'pemda' (default) or 'permendagri86'.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// whole: every indicator and goal is computed: without a filter, or when $unit is a Pemda's own unit (no unit
// above it): everything assigned below it is then its whole tree, and a list of that size carried through the
// rows below would cost far more memory than computing everything (the filters still choose the rows)
CALL () {
  OPTIONAL MATCH (root:Unit {id: $unit})
  WHERE ($datasets IS NULL OR root.dataset IN $datasets)
  RETURN $goal IS NULL AND ($unit IS NULL OR (root IS NOT NULL AND NOT EXISTS { (root)-[:PART_OF]->(:Unit) }))
         AS whole
}
// below: what the filter asks for and everything below it, so that only the support sets needed are computed:
// $goal and its subtree; or, for $unit alone, the goals and indicators of that unit and below it, and their
// subtrees; empty for the whole graph (every indicator and goal then)
CALL (whole) {
  CALL (whole) {
    MATCH (top:Goal {id: $goal})
    WHERE ($datasets IS NULL OR top.dataset IN $datasets)
    RETURN top
    UNION
    WITH $unit AS unit
    WHERE $goal IS NULL AND unit IS NOT NULL AND NOT whole
    MATCH (root:Unit {id: unit})<-[:PART_OF*0..]-(sub:Unit)
    WHERE ($datasets IS NULL OR root.dataset IN $datasets)
    WITH DISTINCT sub
    MATCH (sub)-[:ASSIGNED_TO]->(top:Goal|Indicator|Activity)
    RETURN top
  }
  WITH DISTINCT top
  // downward from top (an indicator's contributors reach its goal through the implied edge)
  OPTIONAL MATCH (top)<-[:CONTRIBUTES_TO*0..]-(n)
  RETURN collect(DISTINCT n) AS below
}
CALL (below, whole) {
  CALL (below, whole) {
    MATCH (i:Indicator)
    WHERE whole AND ($datasets IS NULL OR i.dataset IN $datasets)
    RETURN i
    UNION
    UNWIND below AS i
    WITH i
    WHERE i:Indicator
    RETURN i
  }
  OPTIONAL MATCH (figures:IndicatorYear {indicator_id: i.id, year: $year})
  USING INDEX SEEK figures:IndicatorYear(indicator_id)
  WHERE figures.dataset = i.dataset OR i.dataset IS NULL
  // capaian of the year (first) and of each triwulan: [value floored at 0 and capped, rule] or null
  WITH i, figures, coalesce(i.polarity, 'positif') AS polarity,
       [pair IN [[figures.target, figures.realisasi], [figures.target_tw1, figures.realisasi_tw1],
                 [figures.target_tw2, figures.realisasi_tw2], [figures.target_tw3, figures.realisasi_tw3],
                 [figures.target_tw4, figures.realisasi_tw4]] |
        [toFloat(pair[0]), toFloat(pair[1]), coalesce(toFloat(figures.target_min), toFloat(pair[0])),
         coalesce(toFloat(figures.target_max), toFloat(pair[0]))]] AS inputs
  // each input: [t, re, lo, hi]
  WITH i, figures, [x IN inputs | CASE
         WHEN x[1] IS NULL THEN null
         WHEN polarity = 'stabil' THEN CASE
              WHEN x[2] IS NULL AND x[3] IS NULL THEN null
              WHEN x[2] IS NOT NULL AND x[1] < x[2] THEN [CASE WHEN x[2] > 0 THEN x[1] * 100 / x[2] ELSE 0.0 END, 'stabil']
              WHEN x[3] IS NOT NULL AND x[1] > x[3] THEN [CASE WHEN x[3] > 0 THEN (2 * x[3] - x[1]) * 100 / x[3] ELSE 0.0 END, 'stabil']
              ELSE [100.0, 'stabil'] END
         WHEN x[0] IS NULL THEN null
         WHEN polarity = 'negatif' AND x[0] = 0 THEN [CASE WHEN x[1] <= 0 THEN 100.0 ELSE 0.0 END, 'negatif_target_0']
         WHEN polarity = 'negatif' THEN [(2 * x[0] - x[1]) * 100 / x[0], 'negatif']
         WHEN x[0] = 0 THEN [CASE WHEN x[1] >= 0 THEN 100.0 ELSE 0.0 END, 'positif_target_0']
         ELSE [x[1] * 100 / x[0], 'positif'] END] AS raws
  WITH i, figures, head(raws)[1] AS rule,
       [raw IN raws | CASE WHEN raw IS NULL THEN null
                           WHEN raw[0] < 0 THEN 0.0
                           WHEN raw[0] > coalesce($cap, 120.0) THEN coalesce($cap, 120.0)
                           ELSE raw[0] END] AS periods
  CALL (i) {
    OPTIONAL MATCH (g:Goal)-[:MEASURED_BY]->(i)
    WITH g ORDER BY g.id
    RETURN collect(g) AS owners
  }
  // the activities it measures (a program's outcome, a kegiatan's or sub-kegiatan's output indicator): they
  // place it in its unit, never in a goal's own (official) figure
  CALL (i) {
    OPTIONAL MATCH (a:Activity)-[:MEASURED_BY]->(i)
    WITH a ORDER BY a.id
    RETURN collect(a) AS activities
  }
  // the units an indicator belongs to directly (assigned to it, to a goal or to an activity it measures), with
  // the level of its goal there: the candidates for the unit's IKU (an activity's indicator is never one)
  CALL (i, owners, activities) {
    UNWIND [i] + owners + activities AS x
    MATCH (u:Unit)-[:ASSIGNED_TO]->(x)
    RETURN collect({unit: u, level: CASE WHEN x = i THEN head(owners).level
                                         WHEN x:Goal THEN x.level END}) AS homes
  }
  CALL (i) {
    MATCH p = ANY SHORTEST (i) (()-[:CONTRIBUTES_TO]->())+ (g:Goal)
    RETURN collect({goal: g, weight: reduce(w = 1.0, rel IN relationships(p) |
             w * coalesce(toFloat(rel.weight), 1.0))}) AS above
  }
  RETURN collect({indicator: i, id: i.id, iku: i.iku, weight: coalesce(toFloat(i.weight), 1.0), figures: figures,
                  capaian: periods, rule: rule, owners: owners, activities: activities, homes: homes,
                  above: above}) AS inds
}
WITH below, inds, whole,
     {pemda: [['sangat baik', 90.0], ['baik', 75.0], ['cukup', 60.0], ['kurang', null]],
      permendagri86: [['sangat tinggi', 91.0], ['tinggi', 76.0], ['sedang', 66.0], ['rendah', 51.0],
                      ['sangat rendah', null]]}[coalesce($scale, 'pemda')] AS bands
CALL (below, inds, whole) {
  UNWIND inds AS ind
  WITH ind, ind.indicator AS i
  WHERE $unit IS NULL
     OR EXISTS { MATCH (i)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) }
     OR EXISTS { MATCH (i)<-[:MEASURED_BY]-(:Goal|Activity)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) }
  WITH ind, i, head(ind.owners) AS g
  RETURN 'indicator' AS kind, i.id AS id, i.name AS name, coalesce(g.level, head(ind.activities).kind) AS level,
         g.id AS goal_id,
         coalesce(i.polarity, 'positif') AS polarity, i.iku AS iku, i.weight AS weight,
         ind.figures.target AS target, ind.figures.target_min AS target_min, ind.figures.target_max AS target_max,
         ind.figures.realisasi AS realisasi, ind.capaian AS periods,
         CASE WHEN ind.capaian[0] IS NULL THEN [] ELSE [i.id] END AS basis,
         CASE WHEN ind.capaian[0] IS NULL THEN null ELSE ind.rule END AS rule,
         null AS supporting_capaian, null AS supporting_indicators
  UNION ALL
  CALL (below, inds, whole) {
    UNWIND inds AS ind
    UNWIND ind.owners AS g
    RETURN g, 'own' AS role, ind AS ind, ind.weight AS weight, 0 AS listed
    UNION ALL
    UNWIND inds AS ind
    UNWIND ind.above AS above
    WITH ind, above
    WHERE NOT above.goal IN ind.owners
    RETURN above.goal AS g, 'support' AS role, ind, above.weight AS weight, 0 AS listed
    UNION ALL
    MATCH (g:Goal)
    WHERE whole AND ($datasets IS NULL OR g.dataset IN $datasets)
    RETURN g, null AS role, null AS ind, null AS weight, 1 AS listed
    UNION ALL
    UNWIND below AS g
    WITH g
    WHERE g:Goal
    RETURN g, null AS role, null AS ind, null AS weight, 1 AS listed
  }
  WITH g, sum(listed) AS listed,
       collect(CASE WHEN role = 'own' THEN {id: ind.id, weight: weight, capaian: ind.capaian} END) AS own,
       sum(CASE WHEN role = 'support' AND ind.capaian[0] IS NOT NULL THEN weight * ind.capaian[0] END) AS weighted,
       sum(CASE WHEN role = 'support' AND ind.capaian[0] IS NOT NULL THEN weight END) AS weights,
       count(CASE WHEN role = 'support' AND ind.capaian[0] IS NOT NULL THEN 1 END) AS supporting
  WHERE listed > 0
    AND ($unit IS NULL OR EXISTS { MATCH (g)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN 'goal' AS kind, g.id AS id, g.statement AS name, g.level AS level, null AS goal_id, null AS polarity,
         null AS iku, null AS weight, null AS target, null AS target_min, null AS target_max, null AS realisasi,
         [k IN range(0, 4) | CASE WHEN any(x IN own WHERE x.capaian[k] IS NOT NULL)
             THEN reduce(s = 0.0, x IN [x IN own WHERE x.capaian[k] IS NOT NULL] | s + x.weight * x.capaian[k])
                / reduce(s = 0.0, x IN [x IN own WHERE x.capaian[k] IS NOT NULL] | s + x.weight) END] AS periods,
         [x IN own WHERE x.capaian[0] IS NOT NULL | x.id] AS basis, 'own_indicators' AS rule,
         CASE WHEN weights > 0 THEN weighted / weights END AS supporting_capaian,
         supporting AS supporting_indicators
  UNION ALL
  // units: each indicator under every unit it belongs to and the units above them; the IKU at its own units
  CALL (inds) {
    UNWIND inds AS ind
    WITH ind
    WHERE $goal IS NULL
    UNWIND ind.homes AS home
    WITH ind, home.unit AS home, home.level AS level
    MATCH (home)-[:PART_OF]->*(unit:Unit)
    WHERE $unit IS NULL OR unit.id = $unit
    RETURN unit, ind, CASE WHEN unit = home THEN level END AS level
  }
  WITH unit, ind.id AS indicator_id, head(collect(ind)) AS ind, collect(level) AS levels
  WITH unit, collect({ind: ind, levels: levels}) AS entries
  WITH unit, entries,
       any(x IN entries WHERE x.ind.iku = true AND size(x.levels) > 0) AS flagged,
       head([level IN ['sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan', 'rhk']
             WHERE any(x IN entries WHERE level IN x.levels AND coalesce(x.ind.iku, true))]) AS top
  WITH unit, entries, flagged, top,
       [x IN entries WHERE CASE WHEN flagged THEN x.ind.iku = true AND size(x.levels) > 0
                                ELSE top IN x.levels AND coalesce(x.ind.iku, true) END | x.ind] AS iku
  WITH unit, iku, flagged, top, [x IN entries WHERE NOT x.ind.id IN [y IN iku | y.id] | x.ind] AS others
  RETURN 'unit' AS kind, unit.id AS id, unit.name AS name, unit.kind AS level, null AS goal_id, null AS polarity,
         null AS iku, null AS weight, null AS target, null AS target_min, null AS target_max, null AS realisasi,
         [k IN range(0, 4) | CASE WHEN any(x IN iku WHERE x.capaian[k] IS NOT NULL)
             THEN reduce(s = 0.0, x IN [x IN iku WHERE x.capaian[k] IS NOT NULL] | s + x.capaian[k])
                / size([x IN iku WHERE x.capaian[k] IS NOT NULL]) END] AS periods,
         [x IN iku WHERE x.capaian[0] IS NOT NULL | x.id] AS basis,
         CASE WHEN flagged THEN 'iku' WHEN top IS NOT NULL THEN 'level:' + top END AS rule,
         CASE WHEN any(x IN others WHERE x.capaian[0] IS NOT NULL)
              THEN reduce(s = 0.0, x IN [x IN others WHERE x.capaian[0] IS NOT NULL] | s + x.capaian[0])
                 / size([x IN others WHERE x.capaian[0] IS NOT NULL]) END AS supporting_capaian,
         size([x IN others WHERE x.capaian[0] IS NOT NULL]) AS supporting_indicators
}
WITH kind, id, name, level, goal_id, polarity, iku, weight, target, target_min, target_max, realisasi,
     [p IN periods | round(p, 2)] AS periods, basis, rule, round(supporting_capaian, 2) AS supporting_capaian,
     supporting_indicators, bands
RETURN kind, id, name, level, goal_id, polarity, iku, weight, target, target_min, target_max, realisasi,
       periods[0] AS capaian,
       head([band IN bands WHERE periods[0] IS NOT NULL AND (band[1] IS NULL OR periods[0] >= band[1]) | band[0]])
         AS band,
       periods[1] AS capaian_tw1, periods[2] AS capaian_tw2, periods[3] AS capaian_tw3, periods[4] AS capaian_tw4,
       size(basis) AS indicators, COLLECT { UNWIND basis AS basis_id RETURN basis_id ORDER BY basis_id } AS basis, rule, supporting_capaian,
       head([band IN bands WHERE supporting_capaian IS NOT NULL
                                 AND (band[1] IS NULL OR supporting_capaian >= band[1]) | band[0]]) AS supporting_band,
       supporting_indicators, coalesce($scale, 'pemda') AS scale
ORDER BY CASE kind WHEN 'goal' THEN 0 WHEN 'indicator' THEN 1 ELSE 2 END,
         {visi: 0, misi: 1, tujuan: 2, sasaran: 3, sasaran_program: 4, sasaran_kegiatan: 5,
          sasaran_subkegiatan: 6, rhk: 7, pemda: 0, perangkat_daerah: 1, unit_kerja: 2}[coalesce(level, '')],
         id
