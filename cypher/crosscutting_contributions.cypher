// name: crosscutting_contributions
// The work behind one cell of crosscutting_matrix: what of one perangkat daerah (OPD) A supports another OPD B's outcome goals.
// A's work, B's outcome goals and "supports" are those of crosscutting_matrix: the activities and goals
// assigned to A or to a unit below A (PART_OF) that lie below one of B's outcome goals (visi, misi, tujuan,
// sasaran assigned to B or below it) other than themselves, following CONTRIBUTES_TO upward (an indicator
// standing for what it measures), and the ASN MEMBER_OF A or a unit below A assigned to such an outcome or to
// an element below it. With $year, only activities of that year count, as A's work and as an ASN's route.
// The same pair A, B given twice answers no row (an OPD does not cut across itself).
// Rows, activities first, then goals, then ASN, each by id: kind ('Activity' | 'Goal' | 'ASN'), id (the NIP
// for an ASN), name (activity name, goal statement, ASN name), code (activity code), level (goal level or
// activity kind), year, budget (an activity's pagu), unit_id and unit_name (the unit of A it is assigned
// to or a member of: the first by id when several), outcome_ids and outcomes (B's outcome goals it supports,
// by id, and their statements).
// How the searches are written: as in crosscutting_matrix, one breadth-first search downward from each of B's
// outcomes (each node once), so it terminates on cycles and on chains thousands deep.
// param from_unit: str The supporting OPD (A).
// param to_unit: str The OPD whose outcomes are supported (B).
// param year: int? Only activities of this budget year.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
MATCH (to:Unit {id: $to_unit, kind: 'perangkat_daerah'})
WHERE $from_unit <> $to_unit AND ($datasets IS NULL OR to.dataset IN $datasets)
MATCH (to)<-[:PART_OF*0..]-(owner:Unit)
WITH DISTINCT owner
MATCH (owner)-[:ASSIGNED_TO]->(o:Goal)
WHERE o.level IN $outcome_levels
WITH DISTINCT o
MATCH (o)<-[:CONTRIBUTES_TO*0..]-(w)
WITH w, collect(DISTINCT o) AS reached
WITH w, reached, [x IN reached WHERE x <> w] AS above
CALL (w, above) {
  WITH w
  WHERE size(above) > 0 AND (w:Goal OR (w:Activity AND ($year IS NULL OR w.year = $year)))
  MATCH (unit:Unit)-[:ASSIGNED_TO]->(w)
  RETURN unit, w AS item
  UNION
  WITH w
  WHERE NOT w:Activity OR $year IS NULL OR w.year = $year
  MATCH (s:ASN)-[:ASSIGNED_TO]->(w)
  MATCH (s)-[:MEMBER_OF]->(unit:Unit)
  RETURN unit, s AS item
}
WITH unit, item, CASE WHEN item:ASN THEN reached ELSE above END AS supported
WHERE EXISTS { (unit)-[:PART_OF]->*(:Unit {id: $from_unit, kind: 'perangkat_daerah'}) }
UNWIND supported AS outcome
WITH item, min(unit.id) AS unit_id, collect(DISTINCT outcome) AS outcomes
OPTIONAL MATCH (named:Unit {id: unit_id})
WHERE ($datasets IS NULL OR named.dataset IN $datasets)
RETURN CASE WHEN item:Activity THEN 'Activity' WHEN item:Goal THEN 'Goal' ELSE 'ASN' END AS kind,
       coalesce(item.id, item.nip) AS id, coalesce(item.name, item.statement) AS name, item.code AS code,
       coalesce(item.level, item.kind) AS level, item.year AS year, item.budget AS budget,
       unit_id, named.name AS unit_name,
       [goal IN outcomes | goal.id] AS outcome_ids, [goal IN outcomes | goal.statement] AS outcomes
ORDER BY CASE kind WHEN 'Activity' THEN 0 WHEN 'Goal' THEN 1 ELSE 2 END, id
