// name: crosscutting_matrix
// Crosscutting as a unit-to-unit matrix: how much of each perangkat daerah's work supports another's outcomes.
// One row per ordered pair of distinct perangkat daerah (OPD) A → B: how much of A's work supports B's
// outcome goals.
// A's work: the activities and goals assigned to A or to a unit below A (PART_OF), and the ASN who are
// MEMBER_OF A or a unit below A. B's outcome goals: goals of level visi, misi, tujuan or sasaran
// assigned to B or to a unit below B.
// Supports: an activity or goal supports an outcome when following CONTRIBUTES_TO upward (an indicator
// standing for the goal or activity it measures) reaches it in one or more steps (an outcome does not support
// itself); an ASN supports it when one of the elements the ASN is ASSIGNED_TO is that outcome or
// reaches it. PART_OF confers nothing.
// With $year, only activities of that year count, as A's work and as an ASN's route.
// Rows: from_unit_id, from_unit_name, to_unit_id, to_unit_name, activities, staff, goals (how many of
// A's activities, ASN and goals support at least one of B's outcomes, each counted once per pair),
// budget (sum of the pagu of those activities). Only pairs where something supports; sorted by from,
// then to.
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards and downward its reverse, each one
// breadth-first search (each node once): no bound on indicator steps, and it terminates on cycles and
// on chains thousands deep. The matrix is computed one B at a time (each OPD's outcomes, what lies below
// them, and whose work that is), so the memory a query holds is that of one OPD's share of the tree, not
// of the whole graph (all at once ran out of transaction memory on the national graph).
// param year: int? Only activities of this budget year.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
MATCH (to:Unit {kind: 'perangkat_daerah'})
WHERE ($datasets IS NULL OR to.dataset IN $datasets)
CALL (to) {
  // B's outcome goals: assigned to B or to a unit below it
  MATCH (to)<-[:PART_OF*0..]-(owner:Unit)
  WITH DISTINCT owner
  MATCH (owner)-[:ASSIGNED_TO]->(o:Goal)
  WHERE o.level IN $outcome_levels
  WITH DISTINCT o
  // downward from each (an indicator's contributors reach its goal through the implied edge); an outcome does
  // not support itself, so as own work an element counts only when it lies below another of B's outcomes
  MATCH (o)<-[:CONTRIBUTES_TO*0..]-(w)
  WITH DISTINCT o, w
  WITH w, sum(CASE WHEN o <> w THEN 1 ELSE 0 END) > 0 AS below_another
  CALL (w, below_another) {
    WITH w
    WHERE below_another AND (w:Goal OR (w:Activity AND ($year IS NULL OR w.year = $year)))
    MATCH (unit:Unit)-[:ASSIGNED_TO]->(w)
    RETURN unit, w AS item
    UNION
    WITH w
    WHERE NOT w:Activity OR $year IS NULL OR w.year = $year
    MATCH (s:ASN)-[:ASSIGNED_TO]->(w)
    MATCH (s)-[:MEMBER_OF]->(unit:Unit)
    RETURN unit, s AS item
  }
  // each unit's OPDs looked up once per receiving OPD, not once per element
  WITH unit, collect(item) AS items
  CALL (unit) {
    MATCH (unit)-[:PART_OF]->*(from:Unit {kind: 'perangkat_daerah'})
    RETURN DISTINCT from
  }
  WITH from, items
  WHERE from <> to
  UNWIND items AS item
  WITH DISTINCT from, item
  RETURN from, count(CASE WHEN item:Activity THEN 1 END) AS activities,
         count(CASE WHEN item:ASN THEN 1 END) AS staff,
         count(CASE WHEN item:Goal THEN 1 END) AS goals,
         sum(CASE WHEN item:Activity THEN coalesce(item.budget, 0) ELSE 0 END) AS budget
}
RETURN from.id AS from_unit_id, from.name AS from_unit_name, to.id AS to_unit_id, to.name AS to_unit_name,
       activities, staff, goals, budget
ORDER BY from_unit_id, to_unit_id
