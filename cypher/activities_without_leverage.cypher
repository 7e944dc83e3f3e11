// name: activities_without_leverage
// finding: Kegiatan tanpa daya ungkit ke outcome
// finding description: Program, kegiatan atau subkegiatan yang kontribusinya tidak sampai ke visi, misi,
// finding description: tujuan atau sasaran: pagunya tidak mendukung outcome.
// finding order: 20
// finding key: no_leverage
// finding budget: budget
// finding marks id Activity: Kegiatan tanpa daya ungkit ke outcome
// finding column id Activity: ID
// finding column kind: Jenis
// finding column code: Kode
// finding column name: Nama
// finding column year: Tahun
// finding column unit_id Unit: Kode unit
// finding column unit_name: Unit
// finding column budget: Pagu
// finding column reason: Sebab
// finding column contributes_to Goal: Berkontribusi ke
// Every activity (program, kegiatan, subkegiatan) that reaches no outcome: no chain of CONTRIBUTES_TO
// (an indicator standing for the goal or activity it measures) leads from it to a visi, misi, tujuan or sasaran goal.
// Reason `unlinked`: it contributes to nothing at all; `dead_end`: its contributions lead nowhere.
// PART_OF confers nothing: a subkegiatan is not rescued by its kegiatan.
// Rows: id, kind, code, name, year, unit_id, unit_name, budget, reason, contributes_to.
// param year: int? Only activities of this budget year.
// param unit: str? Only activities of this unit or of any unit below it (PART_OF).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// Read from the importer's `reaches_outcome` (graph/model.py REACH_PROPERTY) while the import lock records it
// current (docs/reach.md); otherwise one breadth-first walk upward per activity, as the fact would answer.
// const outcome_levels
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL (nodes, relationships) {
  OPTIONAL MATCH (lock:PokinImportLock {id: 'import'})
  RETURN coalesce(lock.reach_version = coalesce(lock.version, '') AND lock.reach_nodes = nodes
                  AND lock.reach_relationships = relationships, false) AS reach_known
}
// the activities that reach no outcome, among every one or with $unit those assigned to that unit or a unit
// below it (found from the unit down, so a Pemda's audit on the national graph reads that Pemda's activities
// only): with the fact current, read from it (over the whole graph, an index seek on the activities that do not
// reach); otherwise each activity's walk upward
CALL (reach_known) {
  WITH reach_known
  WHERE reach_known AND $unit IS NULL
  CALL () {
    UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
    MATCH (act:Activity {reaches_outcome: false})
    RETURN act
    UNION ALL
    // a named version's from the index on (reaches_outcome, dataset), not every version's
    UNWIND $datasets AS dataset
    WITH DISTINCT dataset
    MATCH (act:Activity {reaches_outcome: false, dataset: dataset})
    USING INDEX act:Activity(reaches_outcome, dataset)
    RETURN act
  }
  WITH act
  WHERE $year IS NULL OR act.year = $year
  RETURN act
  UNION
  WITH reach_known
  WHERE reach_known AND $unit IS NOT NULL
  MATCH (top:Unit {id: $unit})<-[:PART_OF*0..]-(sub:Unit)
  WHERE ($datasets IS NULL OR top.dataset IN $datasets)
  WITH DISTINCT sub
  MATCH (sub)-[:ASSIGNED_TO]->(act:Activity)
  WHERE ($year IS NULL OR act.year = $year) AND NOT act.reaches_outcome
  RETURN act
  UNION
  WITH reach_known
  WHERE NOT reach_known
  CALL () {
    MATCH (act:Activity)
    WHERE $unit IS NULL AND ($year IS NULL OR act.year = $year) AND ($datasets IS NULL OR act.dataset IN $datasets)
    RETURN act
    UNION
    MATCH (top:Unit {id: $unit})<-[:PART_OF*0..]-(sub:Unit)
    WHERE ($datasets IS NULL OR top.dataset IN $datasets)
    WITH DISTINCT sub
    MATCH (sub)-[:ASSIGNED_TO]->(act:Activity)
    WHERE $year IS NULL OR act.year = $year
    RETURN act
  }
  // existence only: one breadth-first search upward (each node once), stopped at the first outcome it meets.
  // The outcome test comes after DISTINCT on purpose: with it inside the MATCH the planner may start from the
  // (few) outcome goals and expand Into the activity, which enumerates every path (2^n on a ladder of n rungs)
  CALL (act) {
    OPTIONAL MATCH (act)-[:CONTRIBUTES_TO*0..]->(reached)
    WITH DISTINCT reached
    WHERE reached:Goal AND reached.level IN $outcome_levels
    WITH reached
    LIMIT 1
    RETURN count(reached) > 0 AS reaches
  }
  WITH act
  WHERE NOT reaches
  RETURN act
}
OPTIONAL MATCH (u:Unit)-[:ASSIGNED_TO]->(act)
WITH act, head(collect(u)) AS u
WHERE $unit IS NULL OR EXISTS { MATCH (u)-[:PART_OF]->*(:Unit {id: $unit}) }
CALL (act) {
  OPTIONAL MATCH (act)-[:CONTRIBUTES_TO]->(target)
  RETURN collect(coalesce(target.id, target.nip)) AS contributes_to
}
RETURN act.id AS id, act.kind AS kind, act.code AS code, act.name AS name, act.year AS year,
       u.id AS unit_id, u.name AS unit_name, act.budget AS budget,
       CASE WHEN size(contributes_to) = 0 THEN 'unlinked' ELSE 'dead_end' END AS reason,
       contributes_to
ORDER BY unit_id, code, id
