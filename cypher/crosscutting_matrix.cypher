// name: crosscutting_matrix
// Crosscutting as a unit-to-unit matrix: how much of each perangkat daerah's work supports another's outcomes.
// One row per ordered pair of distinct perangkat daerah (OPD) A → B: how much of A's work supports B's
// outcome goals.
// A's work: the activities and goals assigned to A or to a unit below A (PART_OF), and the ASN who are
// MEMBER_OF A or a unit below A. B's outcome goals: goals of level visi, misi, tujuan or sasaran
// assigned to B or to a unit below B.
// Supports: an activity or goal supports an outcome when following CONTRIBUTES_TO upward (an indicator
// standing for the goal it measures) reaches it in one or more steps (an outcome does not support
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
// on chains thousands deep.
// param year: int? Only activities of this budget year.
MATCH (o:Goal)
WHERE o.level IN ['visi', 'misi', 'tujuan', 'sasaran']
CALL (o) {
  MATCH (owner:Unit)-[:ASSIGNED_TO]->(o)
  MATCH (owner)-[:PART_OF]->*(to:Unit {kind: 'perangkat_daerah'})
  RETURN collect(DISTINCT to) AS tos
}
WITH o, tos
WHERE size(tos) > 0
// downward from o (an indicator's contributors reach its goal through the implied edge)
MATCH (o)<-[:CONTRIBUTES_TO*0..]-(w)
WITH DISTINCT o, tos, w
// each element below an outcome once, with the units accountable for it (own work) and the units of the
// ASN assigned to it (staff work)
WITH w, collect({o: o, tos: tos}) AS supported
CALL (w) {
  WITH w
  WHERE w:Goal OR (w:Activity AND ($year IS NULL OR w.year = $year))
  MATCH (unit:Unit)-[:ASSIGNED_TO]->(w)
  RETURN unit, w AS item, true AS own
  UNION
  WITH w
  WHERE NOT w:Activity OR $year IS NULL OR w.year = $year
  MATCH (s:ASN)-[:ASSIGNED_TO]->(w)
  MATCH (s)-[:MEMBER_OF]->(unit:Unit)
  RETURN unit, s AS item, false AS own
}
// each unit's OPDs are looked up once, not once per element
WITH unit, collect({item: item, own: own, supported: supported}) AS works
CALL (unit) {
  MATCH (unit)-[:PART_OF]->*(from:Unit {kind: 'perangkat_daerah'})
  RETURN DISTINCT from
}
UNWIND works AS work
UNWIND work.supported AS outcome
WITH from, work.item AS item, work.own AS own, outcome
// an outcome does not support itself; its staff do
WHERE NOT (own AND item = outcome.o)
UNWIND outcome.tos AS to
WITH DISTINCT from, to, item
WHERE from <> to
RETURN from.id AS from_unit_id, from.name AS from_unit_name, to.id AS to_unit_id, to.name AS to_unit_name,
       count(CASE WHEN item:Activity THEN 1 END) AS activities,
       count(CASE WHEN item:ASN THEN 1 END) AS staff,
       count(CASE WHEN item:Goal THEN 1 END) AS goals,
       sum(CASE WHEN item:Activity THEN coalesce(item.budget, 0) ELSE 0 END) AS budget
ORDER BY from_unit_id, to_unit_id
