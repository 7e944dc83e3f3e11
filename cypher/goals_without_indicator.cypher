// name: goals_without_indicator
// finding: Sasaran tanpa indikator
// finding description: Tujuan dan sasaran (sampai sasaran subkegiatan) yang tidak diukur oleh satu indikator pun.
// finding order: 40
// finding column id Goal: ID
// finding column level: Level
// finding column statement: Pernyataan
// finding column unit_id Unit: Kode unit
// finding column unit_name: Unit
// Goals without any indicator.
// Checked levels: tujuan, sasaran, sasaran_program, sasaran_kegiatan and sasaran_subkegiatan (each must be
// measured by at least one Indicator, MEASURED_BY). visi and misi (measured through the tujuan and sasaran
// below them) and rhk (an individual's work result, measured in the SKP) are not checked. Only the goal's
// own indicators count: an indicator of an activity supporting the goal measures that activity. A
// sasaran_subkegiatan that a sub-kegiatan (Activity of kind subkegiatan) contributes to is measured by that
// sub-kegiatan's indikator keluaran, which the nomenclature (Kepmendagri 050-5889/2021) and the DPA carry,
// not the pohon kinerja's files: it is flagged only when it has neither an indicator nor such a sub-kegiatan.
// Rows: id, level, statement, unit_id, unit_name: the accountable unit (the Unit ASSIGNED_TO the goal; with
// several, the one with the smallest id; null when there is none). Sorted top level first, then unit_id, id.
// Whether a goal has an indicator is its MEASURED_BY degree (one read, no relationship followed) when the count
// store shows that every MEASURED_BY of the graph ends at an Indicator (as the model has it); otherwise (a graph
// written otherwise) each goal's MEASURED_BY are followed to an Indicator, as before.
// param unit: str? Only goals whose accountable unit is this unit or a unit below it (PART_OF).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () { MATCH ()-[r:MEASURED_BY]->() RETURN count(r) AS measures }
CALL (measures) { MATCH ()-[r:MEASURED_BY]->(:Indicator) RETURN count(r) AS of_indicators }
WITH measures = of_indicators AS all_of_indicators
CALL (all_of_indicators) {
  OPTIONAL MATCH (top:Unit {id: $unit})<-[:PART_OF]-*(below:Unit)
  WHERE ($datasets IS NULL OR top.dataset IN $datasets)
  RETURN collect(DISTINCT below) AS scope
}
// the goals looked at: every one, or with $unit only those assigned to a unit in scope (found from the unit
// down, so a Pemda's audit on the national graph reads that Pemda's goals only)
CALL (scope) {
  // the gate before the subquery: inside one MATCH the planner seeks every goal's level and tests $unit after
  WITH scope
  WHERE $unit IS NULL
  CALL (scope) {
    UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
    MATCH (g:Goal)
    WHERE g.level IN ['tujuan', 'sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan']
    RETURN g
    UNION ALL
    // a named version's goals of these levels from the index on (level, dataset), not every version's
    UNWIND $datasets AS dataset
    WITH DISTINCT dataset
    MATCH (g:Goal)
    USING INDEX g:Goal(level, dataset)
    WHERE g.level IN ['tujuan', 'sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan']
      AND g.dataset = dataset
    RETURN g
  }
  RETURN g
  UNION ALL
  UNWIND scope AS sub
  MATCH (sub)-[:ASSIGNED_TO]->(g:Goal)
  WHERE g.level IN ['tujuan', 'sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan']
  WITH DISTINCT g
  RETURN g
}
WITH g, scope, all_of_indicators
WHERE CASE WHEN all_of_indicators THEN COUNT { (g)-[:MEASURED_BY]->() } = 0
           ELSE NOT EXISTS { (g)-[:MEASURED_BY]->(:Indicator) } END
  AND NOT (g.level = 'sasaran_subkegiatan'
           AND EXISTS { MATCH (a:Activity)-[:CONTRIBUTES_TO]->(g) WHERE a.kind = 'subkegiatan' })
CALL (g, scope) {
  OPTIONAL MATCH (u:Unit)-[:ASSIGNED_TO]->(g)
  WHERE $unit IS NULL OR u IN scope
  WITH u ORDER BY u.id LIMIT 1
  RETURN u
}
WITH g, u
WHERE $unit IS NULL OR u IS NOT NULL
RETURN g.id AS id, g.level AS level, g.statement AS statement, u.id AS unit_id, u.name AS unit_name
ORDER BY {tujuan: 0, sasaran: 1, sasaran_program: 2, sasaran_kegiatan: 3, sasaran_subkegiatan: 4}[level],
         unit_id, id
