// name: indicators_incomplete
// finding: Indikator tanpa target, satuan atau realisasi
// finding description: Indikator yang pada tahun itu tidak memiliki target, satuan, atau realisasi yang sudah
// finding description: waktunya dilaporkan.
// finding order: 50
// finding year: figures
// finding column id Indicator: ID
// finding column name: Indikator
// finding column goal_id Goal: Sasaran
// finding column element_id Goal: Elemen yang diukur
// finding column element_kind: Jenis elemen
// finding column year: Tahun
// finding column missing: Yang kurang
// finding column realisasi_due: Realisasi sudah jatuh tempo
// Indicators with no target, no satuan or no realisasi for a year.
// What is missing, among: 'figures' (no IndicatorYear row for the year at all), 'target' (no target for the
// year; a stabil indicator's target_min or target_max counts as one), 'satuan' (the indicator has no unit of
// measure, neither on the indicator nor on the year's figures) and 'realisasi' (no realisation for the year
// although it is due). Without a row for the year, 'target' and 'realisasi' are listed too, so filtering on
// 'target' finds every indicator that has no target that year. A target of 0 is a target.
// Realisasi is due once the year is reported: when at least half of the year's figures with a target carry
// a realisasi (graph/audit.py REPORTED_SHARE), or a later year has any realisasi. Before that a missing
// realisasi is not yet due: it is no finding (realisasi_due is false and 'realisasi' is not listed).
// Indicators of every element count: a goal's, and a program's, kegiatan's or sub-kegiatan's. A qualitative
// target (target_text, e.g. 'BB') is a target; so is a qualitative realisasi.
// Rows: id, name, goal_id (the goal it measures; the smallest id if several; null for an activity's
// indicator), element_id and element_kind (what it measures: a goal's id and 'Goal', or an activity's id and
// its kind: program, kegiatan, subkegiatan; a goal first), year, missing (in the order figures, target,
// satuan, realisasi), realisasi_due. Only indicators with something missing; sorted by element_id, id.
// param year: int The year to check.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () {
  // the figures of the versions read: all, or each version's through the `dataset` index
  CALL () {
    UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
    MATCH (figures:IndicatorYear)
    WHERE figures.year >= $year
    RETURN figures
    UNION ALL
    UNWIND $datasets AS dataset
    WITH DISTINCT dataset
    MATCH (figures:IndicatorYear {dataset: dataset})
    WHERE figures.year >= $year
    RETURN figures
  }
  WITH count(CASE WHEN figures.year = $year AND figures.target IS NOT NULL THEN 1 END) AS targets,
       count(CASE WHEN figures.year = $year AND figures.target IS NOT NULL AND figures.realisasi IS NOT NULL
                  THEN 1 END) AS reported,
       count(CASE WHEN figures.year > $year AND figures.realisasi IS NOT NULL THEN 1 END) AS later
  RETURN later > 0 OR (targets > 0 AND reported >= 0.5 * targets) AS due
}
// the indicators of the versions read: all, or each version's through the `dataset` index
CALL (due) {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH (i:Indicator)
  RETURN i
  UNION ALL
  UNWIND $datasets AS dataset
  WITH DISTINCT dataset
  MATCH (i:Indicator {dataset: dataset})
  RETURN i
}
OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
USING INDEX SEEK y:IndicatorYear(indicator_id)
WHERE y.dataset = i.dataset OR i.dataset IS NULL
CALL (i) {
  OPTIONAL MATCH (e:Goal|Activity)-[:MEASURED_BY]->(i)
  WITH e ORDER BY e:Activity, e.id LIMIT 1
  RETURN e
}
WITH i, e, due, [item IN [
    CASE WHEN y IS NULL THEN 'figures' END,
    CASE WHEN y.target IS NULL AND y.target_text IS NULL AND y.target_min IS NULL AND y.target_max IS NULL
         THEN 'target' END,
    CASE WHEN (i.satuan IS NULL OR trim(toString(i.satuan)) = '')
          AND (y.satuan IS NULL OR trim(toString(y.satuan)) = '') THEN 'satuan' END,
    CASE WHEN y.realisasi IS NULL AND y.realisasi_text IS NULL AND due THEN 'realisasi' END
  ] WHERE item IS NOT NULL] AS missing
WHERE size(missing) > 0
RETURN i.id AS id, i.name AS name, CASE WHEN e:Goal THEN e.id END AS goal_id, e.id AS element_id,
       CASE WHEN e:Goal THEN 'Goal' ELSE e.kind END AS element_kind, $year AS year, missing,
       due AS realisasi_due
ORDER BY element_id, id
