// name: document_quarters
// The rencana aksi of a unit for one year, for quarterly monitoring: every indicator of a goal assigned to
// the unit or a unit below it (PART_OF) whose IndicatorYear of $year holds a triwulan target or realisasi,
// with those figures. Capaian per triwulan comes from the achievement query, not from here.
// Rows, by goal level (top first), goal id, indicator id: goal_id, goal, level, unit_name, indicator_id,
// indicator, satuan, target (of the year), target_tw1..4, realisasi_tw1..4.
// param unit: str Unit id; the units below it count too.
// param year: int Year of the figures.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (scope:Unit)-[:PART_OF]->*(top:Unit {id: $unit})
WHERE ($datasets IS NULL OR top.dataset IN $datasets)
MATCH (scope)-[:ASSIGNED_TO]->(g:Goal)-[:MEASURED_BY]->(i:Indicator)
MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
USING INDEX SEEK y:IndicatorYear(indicator_id)
WHERE (y.dataset = i.dataset OR i.dataset IS NULL)
  AND any(value IN [y.target_tw1, y.target_tw2, y.target_tw3, y.target_tw4,
                    y.realisasi_tw1, y.realisasi_tw2, y.realisasi_tw3, y.realisasi_tw4] WHERE value IS NOT NULL)
WITH g, i, y, min(scope.name) AS unit_name
RETURN g.id AS goal_id, g.statement AS goal, g.level AS level, unit_name, i.id AS indicator_id,
       i.name AS indicator, i.satuan AS satuan, y.target AS target,
       y.target_tw1 AS target_tw1, y.target_tw2 AS target_tw2, y.target_tw3 AS target_tw3,
       y.target_tw4 AS target_tw4, y.realisasi_tw1 AS realisasi_tw1, y.realisasi_tw2 AS realisasi_tw2,
       y.realisasi_tw3 AS realisasi_tw3, y.realisasi_tw4 AS realisasi_tw4
ORDER BY CASE level WHEN 'sasaran' THEN 0 WHEN 'sasaran_program' THEN 1 WHEN 'sasaran_kegiatan' THEN 2
         WHEN 'sasaran_subkegiatan' THEN 3 ELSE 4 END, goal_id, indicator_id
