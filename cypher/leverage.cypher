// name: leverage
// Leverage (daya ungkit) ranking of activities and perangkat daerah (OPD) by outcomes reached and budget.
// An activity reaches an outcome goal (visi, misi, tujuan, sasaran) when following CONTRIBUTES_TO upward
// (an indicator standing for the goal or activity it measures) leads to it; PART_OF confers nothing.
// Activity rows: outcomes_reached = number of distinct outcome goals it reaches, budget = its pagu
// (0 when empty). Unit rows, one per OPD (kind perangkat_daerah) with at least one activity assigned to
// it or to a unit below it (PART_OF), each activity once: outcomes_reached = distinct outcome goals
// reached by any of them, budget = sum of their pagu, activities = how many.
// Rows: kind ('activity' | 'unit'), id, name, outcomes_reached, budget, budget_per_outcome (budget /
// outcomes_reached, 2 decimals; null when no outcome is reached), activities (null on activity rows).
// Activity rows first, then unit rows, each ranked by outcomes_reached descending, then budget
// descending, then id.
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards and downward its reverse, each one
// breadth-first search (each node once): no bound on indicator steps, and it terminates on cycles and
// on chains thousands deep.
// param year: int? Only activities of this budget year.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
CALL () {
  MATCH (o:Goal)
  WHERE o.level IN $outcome_levels AND ($datasets IS NULL OR o.dataset IN $datasets)
  // downward from o (an indicator's contributors reach its goal through the implied edge)
  MATCH (o)<-[:CONTRIBUTES_TO*]-(act:Activity)
  WITH DISTINCT o, act
  WHERE act:Activity
  RETURN act, o.id AS outcome
  UNION ALL
  MATCH (act:Activity)
  WHERE ($datasets IS NULL OR act.dataset IN $datasets)
  RETURN act, null AS outcome
}
WITH act, collect(DISTINCT outcome) AS outcomes
WHERE $year IS NULL OR act.year = $year
// each accountable unit's OPDs are looked up once, not once per activity
OPTIONAL MATCH (act)<-[:ASSIGNED_TO]-(owner:Unit)
WITH owner, collect({act: act, outcomes: outcomes}) AS owned
CALL (owner) {
  OPTIONAL MATCH (owner)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  RETURN collect(DISTINCT opd) AS owner_opds
}
UNWIND owned AS own
UNWIND CASE WHEN size(owner_opds) = 0 THEN [null] ELSE owner_opds END AS opd
WITH own.act AS act, own.outcomes AS outcomes, collect(DISTINCT opd) AS opds
WITH collect({act: act, outcomes: outcomes, opds: opds}) AS works
CALL (works) {
  UNWIND works AS work
  RETURN 'activity' AS kind, work.act.id AS id, work.act.name AS name, size(work.outcomes) AS outcomes_reached,
         coalesce(work.act.budget, 0) AS budget, null AS activities
  UNION ALL
  UNWIND works AS work
  UNWIND work.opds AS opd
  WITH opd, collect(work) AS unit_works
  CALL (unit_works) {
    UNWIND unit_works AS work
    UNWIND work.outcomes AS outcome
    RETURN count(DISTINCT outcome) AS outcomes_reached
  }
  RETURN 'unit' AS kind, opd.id AS id, opd.name AS name, outcomes_reached,
         reduce(total = 0, work IN unit_works | total + coalesce(work.act.budget, 0)) AS budget,
         size(unit_works) AS activities
}
RETURN kind, id, name, outcomes_reached, budget,
       CASE WHEN outcomes_reached > 0 THEN round(toFloat(budget) / outcomes_reached, 2) END AS budget_per_outcome,
       activities
ORDER BY kind, outcomes_reached DESC, budget DESC, id
