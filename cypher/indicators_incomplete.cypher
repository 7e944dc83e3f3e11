// name: indicators_incomplete
// Indicators with no target, no satuan or no realisasi for a year.
// What is missing, among: 'figures' (no IndicatorYear row for the year at all), 'target' (no target for the
// year), 'satuan' (the indicator has no unit of measure) and 'realisasi' (no realisation for the year).
// Without a row for the year, 'target' and 'realisasi' are listed too, so filtering on 'target' finds every
// indicator that has no target that year. A target of 0 is a target (it only gives no capaian). Realisasi is
// expected only once the year has been reported: for the current year, read 'realisasi' as "not reported
// yet".
// Indicators of every element count: a goal's, and a program's, kegiatan's or sub-kegiatan's. A qualitative
// target (target_text, e.g. 'BB') is a target; so is a qualitative realisasi.
// Rows: id, name, goal_id (the goal it measures; the smallest id if several; null for an activity's
// indicator), element_id and element_kind (what it measures: a goal's id and 'Goal', or an activity's id and
// its kind: program, kegiatan, subkegiatan; a goal first), year, missing (in the order figures, target,
// satuan, realisasi). Only indicators with something missing; sorted by element_id, id.
// param year: int The year to check.
MATCH (i:Indicator)
OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
USING INDEX SEEK y:IndicatorYear(indicator_id, year)
CALL (i) {
  OPTIONAL MATCH (e:Goal|Activity)-[:MEASURED_BY]->(i)
  WITH e ORDER BY e:Activity, e.id LIMIT 1
  RETURN e
}
WITH i, e, [item IN [
    CASE WHEN y IS NULL THEN 'figures' END,
    CASE WHEN y.target IS NULL AND y.target_text IS NULL THEN 'target' END,
    CASE WHEN (i.satuan IS NULL OR trim(toString(i.satuan)) = '')
          AND (y.satuan IS NULL OR trim(toString(y.satuan)) = '') THEN 'satuan' END,
    CASE WHEN y.realisasi IS NULL AND y.realisasi_text IS NULL THEN 'realisasi' END
  ] WHERE item IS NOT NULL] AS missing
WHERE size(missing) > 0
RETURN i.id AS id, i.name AS name, CASE WHEN e:Goal THEN e.id END AS goal_id, e.id AS element_id,
       CASE WHEN e:Goal THEN 'Goal' ELSE e.kind END AS element_kind, $year AS year, missing
ORDER BY element_id, id
