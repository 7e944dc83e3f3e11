// name: document_iku
// A unit's Indikator Kinerja Utama with their figures for one year: what the Perjanjian Kinerja, the IKU
// list and the LKjIP's capaian tables show. The IKU are chosen as the achievement query chooses them: the
// indicators of goals assigned to the unit itself flagged iku = true; when none is flagged, those of its
// goals at the highest level from sasaran down that has indicators (sasaran for an OPD and the Pemda,
// sasaran_program for a bidang), leaving out indicators flagged iku = false.
// Rows, by goal id then indicator id: goal_id, goal (statement), level, indicator_id, indicator, satuan,
// polarity, definition (Indicator.definition or .formula when the data gives one), baseline, target,
// target_min, target_max, realisasi (of $year), realisasi_last_year (of $year - 1), target_end and
// end_year (the target of the latest year the data holds for the indicator: the period's end target),
// target_tw1..4 and realisasi_tw1..4 (of $year).
// param unit: str Unit id.
// param year: int Year of the targets and realisasi.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (unit:Unit {id: $unit})-[:ASSIGNED_TO]->(g:Goal)-[:MEASURED_BY]->(i:Indicator)
WHERE g.level IN ['sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan', 'rhk']
  AND ($datasets IS NULL OR unit.dataset IN $datasets)
WITH collect({goal: g, ind: i}) AS entries
WITH entries, any(x IN entries WHERE x.ind.iku = true) AS flagged,
     head([level IN ['sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan', 'rhk']
           WHERE any(x IN entries WHERE x.goal.level = level AND coalesce(x.ind.iku, true))]) AS top
UNWIND [x IN entries WHERE CASE WHEN flagged THEN x.ind.iku = true
                                ELSE x.goal.level = top AND coalesce(x.ind.iku, true) END] AS chosen
WITH chosen.goal AS g, chosen.ind AS i
OPTIONAL MATCH (now:IndicatorYear {indicator_id: i.id, year: $year})
USING INDEX SEEK now:IndicatorYear(indicator_id)
WHERE now.dataset = i.dataset OR i.dataset IS NULL
OPTIONAL MATCH (before:IndicatorYear {indicator_id: i.id, year: $year - 1})
USING INDEX SEEK before:IndicatorYear(indicator_id)
WHERE before.dataset = i.dataset OR i.dataset IS NULL
CALL (i) {
  OPTIONAL MATCH (last:IndicatorYear {indicator_id: i.id})
  USING INDEX SEEK last:IndicatorYear(indicator_id)
  WHERE last.target IS NOT NULL AND (last.dataset = i.dataset OR i.dataset IS NULL)
  RETURN last ORDER BY last.year DESC LIMIT 1
}
RETURN g.id AS goal_id, g.statement AS goal, g.level AS level, i.id AS indicator_id, i.name AS indicator,
       i.satuan AS satuan, coalesce(i.polarity, 'positif') AS polarity,
       coalesce(i.definition, i.formula) AS definition,
       now.baseline AS baseline, now.target AS target, now.target_min AS target_min,
       now.target_max AS target_max, now.realisasi AS realisasi, before.realisasi AS realisasi_last_year,
       last.target AS target_end, last.year AS end_year,
       now.target_tw1 AS target_tw1, now.target_tw2 AS target_tw2, now.target_tw3 AS target_tw3,
       now.target_tw4 AS target_tw4, now.realisasi_tw1 AS realisasi_tw1, now.realisasi_tw2 AS realisasi_tw2,
       now.realisasi_tw3 AS realisasi_tw3, now.realisasi_tw4 AS realisasi_tw4
ORDER BY goal_id, indicator_id
