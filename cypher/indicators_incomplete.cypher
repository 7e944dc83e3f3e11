// name: indicators_incomplete
// Indicators with no target, no satuan or no realisasi for a year.
// What is missing, among: 'figures' (no IndicatorYear row for the year at all), 'target' (no target for the
// year), 'satuan' (the indicator has no unit of measure) and 'realisasi' (no realisation for the year).
// Without a row for the year, 'target' and 'realisasi' are listed too, so filtering on 'target' finds every
// indicator that has no target that year. A target of 0 is a target (it only gives no capaian). Realisasi is
// expected only once the year has been reported: for the current year, read 'realisasi' as "not reported
// yet".
// Rows: id, name, goal_id (the goal it measures; the smallest id if several), year, missing (in the order
// figures, target, satuan, realisasi). Only indicators with something missing; sorted by goal_id, id.
// param year: int The year to check.
MATCH (i:Indicator)
OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
USING INDEX SEEK y:IndicatorYear(indicator_id, year)
CALL (i) {
  OPTIONAL MATCH (g:Goal)-[:MEASURED_BY]->(i)
  WITH g ORDER BY g.id LIMIT 1
  RETURN g
}
WITH i, g, [item IN [
    CASE WHEN y IS NULL THEN 'figures' END,
    CASE WHEN y.target IS NULL THEN 'target' END,
    CASE WHEN i.satuan IS NULL OR trim(toString(i.satuan)) = '' THEN 'satuan' END,
    CASE WHEN y.realisasi IS NULL THEN 'realisasi' END
  ] WHERE item IS NOT NULL] AS missing
WHERE size(missing) > 0
RETURN i.id AS id, i.name AS name, g.id AS goal_id, $year AS year, missing
ORDER BY goal_id, id
