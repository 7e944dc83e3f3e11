// name: achievement
// Achievement (capaian) for one year: per indicator, rolled up to goals, and per unit.
// Indicator capaian, from its IndicatorYear of $year (joined on indicator_id):
//   positif: realisasi / target × 100;  negatif: (2 × target − realisasi) / target × 100;
//   capped at $cap (default 120; no floor); null when there is no figure for the year, the target is
//   null or 0, or realisasi is null (never an error, never a division by zero).
// Goal capaian: the weighted mean of the capaian of the DISTINCT indicators in the goal's support set,
// i.e. every indicator that reaches the goal upward (following CONTRIBUTES_TO, an indicator standing
// for the goal it measures): its own indicators, the indicators of every goal (at any depth) that
// reaches it, and indicators that contribute to it or to one of those. Each indicator is counted ONCE
// per goal, however many paths lead from it to the goal. Its weight is the product of the
// CONTRIBUTES_TO weights (null = 1) along one shortest path from it to the goal (indicator→goal steps,
// the implied edges, weigh 1, so a goal's own indicators weigh 1; when equal-length paths carry different weights, which
// one is used is not specified). Indicators whose capaian is null are left out (of the weights too); a
// goal with none left has capaian null. Cycles are harmless (one shortest path each).
// Unit capaian: the plain mean of the capaian of the distinct indicators of goals assigned to the unit
// or a unit below it (PART_OF), and of indicators assigned to those units directly.
// Band of the rounded capaian: 'sangat baik' ≥ $band_sangat_baik (90), 'baik' ≥ $band_baik (75),
// 'cukup' ≥ $band_cukup (60), else 'kurang'; null when capaian is null.
// Rows: kind ('goal' | 'indicator' | 'unit'), id, name (goal statement, indicator or unit name), level
// (goal level; for an indicator the level of the goal it measures; for a unit its kind), goal_id (the
// goal an indicator measures, first by id if several; null otherwise), target and realisasi (indicator
// rows only), capaian (2 decimals), band, indicators (how many indicators with a capaian were used).
// Goals first (top level first), then indicators, then units; then by id.
// Filters: $goal keeps that goal and the goals and indicators below it (that reach it upward), and
// drops unit rows; $unit keeps the goals and indicators assigned to that unit or below (an indicator
// also through the goal it measures) plus that unit's row. Without $unit, a row for every unit with at
// least one indicator. Filters choose rows only: a goal's capaian always uses its whole support set.
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards and downward its reverse, each one
// breadth-first search (each node once): no bound on indicator steps, and it terminates on cycles and
// on chains thousands deep.
// param year: int Year of the figures (IndicatorYear.year).
// param goal: str? Only this goal and what is below it.
// param unit: str? Only goals and indicators of this unit or a unit below it, and this unit's row.
// param cap: float? Upper cap of an indicator's capaian (default 120).
// param band_sangat_baik: float? Lower bound of 'sangat baik' (default 90).
// param band_baik: float? Lower bound of 'baik' (default 75).
// param band_cukup: float? Lower bound of 'cukup' (default 60).
// below: what the filter asks for and everything below it, so that only the support sets needed are computed:
// $goal and its subtree; or, for $unit alone, the goals and indicators of that unit and below it, and their
// subtrees; empty for the whole graph (every indicator and goal then)
CALL () {
  CALL () {
    MATCH (top:Goal {id: $goal})
    RETURN top
    UNION
    WITH $unit AS unit
    WHERE $goal IS NULL AND unit IS NOT NULL
    MATCH (:Unit {id: unit})<-[:PART_OF*0..]-(sub:Unit)
    WITH DISTINCT sub
    MATCH (sub)-[:ASSIGNED_TO]->(top:Goal|Indicator)
    RETURN top
  }
  WITH DISTINCT top
  // downward from top (an indicator's contributors reach its goal through the implied edge)
  OPTIONAL MATCH (top)<-[:CONTRIBUTES_TO*0..]-(n)
  RETURN collect(DISTINCT n) AS below
}
CALL (below) {
  CALL (below) {
    MATCH (i:Indicator)
    WHERE $goal IS NULL AND $unit IS NULL
    RETURN i
    UNION
    UNWIND below AS i
    WITH i
    WHERE i:Indicator
    RETURN i
  }
  OPTIONAL MATCH (figures:IndicatorYear {indicator_id: i.id, year: $year})
  USING INDEX SEEK figures:IndicatorYear(indicator_id, year)
  WITH i, figures, toFloat(figures.target) AS t, toFloat(figures.realisasi) AS re
  WITH i, figures,
       CASE WHEN t IS NULL OR t = 0 OR re IS NULL THEN null
            WHEN coalesce(i.polarity, 'positif') = 'negatif' THEN (2 * t - re) * 100 / t
            ELSE re * 100 / t END AS raw
  WITH i, figures, CASE WHEN raw > coalesce($cap, 120.0) THEN coalesce($cap, 120.0) ELSE raw END AS capaian
  CALL (i) {
    MATCH p = ANY SHORTEST (i) (()-[:CONTRIBUTES_TO]->())+ (g:Goal)
    RETURN collect({goal: g, weight: reduce(w = 1.0, rel IN relationships(p) |
             w * coalesce(toFloat(rel.weight), 1.0))}) AS above
  }
  RETURN collect({indicator: i, figures: figures, capaian: capaian, above: above}) AS inds
}
CALL (below, inds) {
  UNWIND inds AS ind
  WITH ind, ind.indicator AS i
  WHERE $unit IS NULL
     OR EXISTS { MATCH (i)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) }
     OR EXISTS { MATCH (i)<-[:MEASURED_BY]-(:Goal)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) }
  CALL (i) {
    OPTIONAL MATCH (g:Goal)-[:MEASURED_BY]->(i)
    WITH g ORDER BY g.id
    RETURN head(collect(g)) AS g
  }
  RETURN 'indicator' AS kind, i.id AS id, i.name AS name, g.level AS level, g.id AS goal_id,
         ind.figures.target AS target, ind.figures.realisasi AS realisasi, ind.capaian AS capaian,
         CASE WHEN ind.capaian IS NULL THEN 0 ELSE 1 END AS indicators
  UNION ALL
  CALL (below, inds) {
    UNWIND inds AS ind
    UNWIND ind.above AS above
    RETURN above.goal AS g, above.weight AS weight, ind.capaian AS capaian, 0 AS listed
    UNION ALL
    MATCH (g:Goal)
    WHERE $goal IS NULL AND $unit IS NULL
    RETURN g, null AS weight, null AS capaian, 1 AS listed
    UNION ALL
    UNWIND below AS g
    WITH g
    WHERE g:Goal
    RETURN g, null AS weight, null AS capaian, 1 AS listed
  }
  WITH g, sum(listed) AS listed,
       sum(CASE WHEN capaian IS NOT NULL THEN weight * capaian END) AS weighted,
       sum(CASE WHEN capaian IS NOT NULL THEN weight END) AS weights,
       count(CASE WHEN capaian IS NOT NULL THEN 1 END) AS used
  WHERE listed > 0
    AND ($unit IS NULL OR EXISTS { MATCH (g)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN 'goal' AS kind, g.id AS id, g.statement AS name, g.level AS level, null AS goal_id,
         null AS target, null AS realisasi, CASE WHEN weights > 0 THEN weighted / weights END AS capaian,
         used AS indicators
  UNION ALL
  UNWIND inds AS ind
  WITH ind.indicator AS i, ind.capaian AS capaian
  WHERE $goal IS NULL
  CALL (i) {
    MATCH (i)<-[:ASSIGNED_TO]-(u:Unit)
    RETURN u
    UNION
    MATCH (i)<-[:MEASURED_BY]-(:Goal)<-[:ASSIGNED_TO]-(u:Unit)
    RETURN u
  }
  MATCH (u)-[:PART_OF]->*(unit:Unit)
  WHERE $unit IS NULL OR unit.id = $unit
  WITH DISTINCT unit, i, capaian
  RETURN 'unit' AS kind, unit.id AS id, unit.name AS name, unit.kind AS level, null AS goal_id,
         null AS target, null AS realisasi, avg(capaian) AS capaian, count(capaian) AS indicators
}
WITH kind, id, name, level, goal_id, target, realisasi, round(capaian, 2) AS capaian, indicators
RETURN kind, id, name, level, goal_id, target, realisasi, capaian,
       CASE WHEN capaian IS NULL THEN null
            WHEN capaian >= coalesce($band_sangat_baik, 90.0) THEN 'sangat baik'
            WHEN capaian >= coalesce($band_baik, 75.0) THEN 'baik'
            WHEN capaian >= coalesce($band_cukup, 60.0) THEN 'cukup'
            ELSE 'kurang' END AS band,
       indicators
ORDER BY CASE kind WHEN 'goal' THEN 0 WHEN 'indicator' THEN 1 ELSE 2 END,
         {visi: 0, misi: 1, tujuan: 2, sasaran: 3, sasaran_program: 4, sasaran_kegiatan: 5,
          sasaran_subkegiatan: 6, rhk: 7, pemda: 0, perangkat_daerah: 1, unit_kerja: 2}[coalesce(level, '')],
         id
