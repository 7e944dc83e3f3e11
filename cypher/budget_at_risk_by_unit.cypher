// name: budget_at_risk_by_unit
// finding: Anggaran berisiko per unit
// finding description: Pagu kegiatan tanpa daya ungkit ke outcome, dijumlahkan per unit penanggung jawab
// finding description: beserta perangkat daerahnya.
// finding order: 30
// finding budget: budget_at_risk
// finding column unit_id Unit: Kode unit
// finding column unit_name: Unit
// finding column opd_id Unit: Kode OPD
// finding column opd_name: Perangkat daerah
// finding column activities: Kegiatan
// finding column budget_at_risk: Pagu berisiko
// The budget (pagu) of activities without outcome leverage, summed per accountable unit, with the
// perangkat daerah (OPD) the unit belongs to. The same activities as activities_without_leverage.
// Rows: unit_id, unit_name, opd_id, opd_name, activities, budget_at_risk; largest budget first.
// param year: int? Only activities of this budget year.
// param unit: str? Only units at or below this unit (PART_OF).
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
WHERE ($unit IS NULL OR EXISTS { MATCH (u)-[:PART_OF]->*(:Unit {id: $unit}) })
CALL (u) {
  OPTIONAL MATCH (u)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  RETURN head(collect(opd)) AS opd
}
RETURN u.id AS unit_id, u.name AS unit_name, opd.id AS opd_id, opd.name AS opd_name,
       count(act) AS activities, sum(coalesce(act.budget, 0)) AS budget_at_risk
ORDER BY budget_at_risk DESC, unit_id
