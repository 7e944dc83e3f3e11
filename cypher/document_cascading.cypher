// name: document_cascading
// The matriks cascading (matriks Renstra) for one year: one row per sub-kegiatan (or per kegiatan or
// program with nothing below it) of the year, with its kegiatan and program (PART_OF), the goal each of
// them contributes to (sasaran_kegiatan, sasaran_program: their indicators are the activity's), the
// sasaran the program's goal leads to and that sasaran's tujuan (CONTRIBUTES_TO upward, an indicator
// standing for its goal: the nearest, a goal of the same unit first, then by id), each goal's indicators
// with their target of $year, the pagu (the sub-kegiatan's budget; a kegiatan's or program's own when
// nothing is below it) and the penanggung jawab (the unit the activity is assigned to).
// Rows, by tujuan, sasaran, program, kegiatan and sub-kegiatan code: tujuan_id, tujuan, tujuan_indicators,
// sasaran_id, sasaran, sasaran_indicators, program_id, program_code, program, program_indicators,
// kegiatan_id, kegiatan_code, kegiatan, kegiatan_indicators, subkegiatan_id, subkegiatan_code, subkegiatan,
// pagu, unit_id, penanggung_jawab. An indicator list holds maps {id, name, satuan, target}.
// param year: int Budget and target year.
// param unit: str? Only activities of this unit or a unit below it (PART_OF); the whole Pemda without it.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (program:Activity {kind: 'program', year: $year})
WHERE ($datasets IS NULL OR program.dataset IN $datasets) AND ($unit IS NULL OR EXISTS {
  MATCH (program)<-[:PART_OF]-*(:Activity)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit})
})
CALL (program) {
  OPTIONAL MATCH (kegiatan:Activity {kind: 'kegiatan'})-[:PART_OF]->(program)
  OPTIONAL MATCH (sub:Activity {kind: 'subkegiatan'})-[:PART_OF]->(kegiatan)
  RETURN kegiatan, sub
}
WITH program, kegiatan, sub, coalesce(sub, kegiatan, program) AS leaf
CALL (leaf) {
  OPTIONAL MATCH (owner:Unit)-[:ASSIGNED_TO]->(leaf)
  WITH owner, $unit IS NULL OR (owner IS NOT NULL AND EXISTS { (owner)-[:PART_OF]->*(:Unit {id: $unit}) }) AS inside
  ORDER BY owner.id
  RETURN head(collect(owner)) AS owner, any(x IN collect(inside) WHERE x) AS in_scope
}
WITH program, kegiatan, sub, leaf, owner, in_scope
WHERE in_scope
CALL (program) {
  OPTIONAL MATCH (program)-[:CONTRIBUTES_TO]->(goal:Goal)
  RETURN goal AS program_goal ORDER BY goal.id LIMIT 1
}
CALL (kegiatan) {
  OPTIONAL MATCH (kegiatan)-[:CONTRIBUTES_TO]->(goal:Goal)
  RETURN goal AS kegiatan_goal ORDER BY goal.id LIMIT 1
}
CALL (program_goal) {
  OPTIONAL MATCH path = (program_goal)-[:CONTRIBUTES_TO]->{0,4}(goal:Goal)
  WHERE goal.level = 'sasaran'
  WITH goal, length(path) AS hops,
       EXISTS { MATCH (u:Unit)-[:ASSIGNED_TO]->(program_goal)
                WHERE EXISTS { (u)-[:PART_OF]->*(:Unit)-[:ASSIGNED_TO]->(goal) } } AS same_unit
  ORDER BY hops, same_unit DESC, goal.id
  RETURN goal AS sasaran LIMIT 1
}
CALL (sasaran) {
  OPTIONAL MATCH path = (sasaran)-[:CONTRIBUTES_TO]->{1,3}(goal:Goal)
  WHERE goal.level = 'tujuan'
  WITH goal, length(path) AS hops,
       EXISTS { MATCH (u:Unit)-[:ASSIGNED_TO]->(sasaran) WHERE EXISTS { (u)-[:ASSIGNED_TO]->(goal) } } AS same_unit
  ORDER BY hops, same_unit DESC, goal.id
  RETURN goal AS tujuan LIMIT 1
}
WITH tujuan, sasaran, program, program_goal, kegiatan, kegiatan_goal, sub, leaf, owner, leaf.budget AS pagu
RETURN tujuan.id AS tujuan_id, tujuan.statement AS tujuan,
       COLLECT { MATCH (tujuan)-[:MEASURED_BY]->(i:Indicator)
                 OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
                 USING INDEX SEEK y:IndicatorYear(indicator_id)
                 WHERE (y.dataset = i.dataset OR i.dataset IS NULL)
                 RETURN {id: i.id, name: i.name, satuan: i.satuan, target: y.target} ORDER BY i.id } AS tujuan_indicators,
       sasaran.id AS sasaran_id, sasaran.statement AS sasaran,
       COLLECT { MATCH (sasaran)-[:MEASURED_BY]->(i:Indicator)
                 OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
                 USING INDEX SEEK y:IndicatorYear(indicator_id)
                 WHERE (y.dataset = i.dataset OR i.dataset IS NULL)
                 RETURN {id: i.id, name: i.name, satuan: i.satuan, target: y.target} ORDER BY i.id } AS sasaran_indicators,
       program.id AS program_id, program.code AS program_code, program.name AS program,
       COLLECT { MATCH (program_goal)-[:MEASURED_BY]->(i:Indicator)
                 OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
                 USING INDEX SEEK y:IndicatorYear(indicator_id)
                 WHERE (y.dataset = i.dataset OR i.dataset IS NULL)
                 RETURN {id: i.id, name: i.name, satuan: i.satuan, target: y.target} ORDER BY i.id } AS program_indicators,
       kegiatan.id AS kegiatan_id, kegiatan.code AS kegiatan_code, kegiatan.name AS kegiatan,
       COLLECT { MATCH (kegiatan_goal)-[:MEASURED_BY]->(i:Indicator)
                 OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id, year: $year})
                 USING INDEX SEEK y:IndicatorYear(indicator_id)
                 WHERE (y.dataset = i.dataset OR i.dataset IS NULL)
                 RETURN {id: i.id, name: i.name, satuan: i.satuan, target: y.target} ORDER BY i.id } AS kegiatan_indicators,
       sub.id AS subkegiatan_id, sub.code AS subkegiatan_code, sub.name AS subkegiatan,
       pagu, owner.id AS unit_id, owner.name AS penanggung_jawab
ORDER BY tujuan_id, sasaran_id, program_code, program_id, kegiatan_code, kegiatan_id, subkegiatan_code, subkegiatan_id
