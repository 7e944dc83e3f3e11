// name: impact
// What one goal, indicator or activity supports above it, and what supports it below.
// 'supports': every element reached upward from it (following CONTRIBUTES_TO, an indicator standing for
// the goal it measures). 'supported_by': every element from which it is reached upward (the reverse
// step: what contributes to it, its own indicators, what contributes to those, and so on down).
// PART_OF confers nothing (a program's kegiatan are not below it unless they contribute to it).
// Rows, one per related element and direction: direction ('supports' | 'supported_by'), id, label
// (Goal, Indicator, Activity), level_or_kind (goal level, activity kind, null for an indicator), name
// (name or statement), distance (hops along a shortest path; an indicator→goal step counts one),
// budget (an activity's pagu, else null), units (ids of the units assigned to the element), staff
// (NIPs of the ASN assigned to it); sorted by direction, distance, id. The element itself is not
// listed, even when a cycle leads back to it (an element on a cycle with it appears in both
// directions). No rows for an unknown id.
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards and downward its reverse, each one
// breadth-first search (each node once; `min(length(p))` per end node lets Neo4j plan it as its BFS
// pruning expand, which yields depths without building paths): no bound on indicator steps, and it
// terminates on cycles and stays linear on chains thousands deep.
// param id: str Id of a Goal, Indicator or Activity.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () {
  MATCH (x:Goal {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Indicator {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Activity {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
}
CALL (x) {
  MATCH p = (x)-[:CONTRIBUTES_TO*]->(y)
  WHERE y <> x
  RETURN 'supports' AS direction, y, min(length(p)) AS distance
  UNION ALL
  MATCH p = (y)-[:CONTRIBUTES_TO*]->(x)
  WHERE y <> x
  RETURN 'supported_by' AS direction, y, min(length(p)) AS distance
}
CALL (y) {
  OPTIONAL MATCH (u:Unit)-[:ASSIGNED_TO]->(y)
  WITH u ORDER BY u.id
  RETURN collect(DISTINCT u.id) AS units
}
CALL (y) {
  OPTIONAL MATCH (s:ASN)-[:ASSIGNED_TO]->(y)
  WITH s ORDER BY s.nip
  RETURN collect(DISTINCT s.nip) AS staff
}
RETURN direction, y.id AS id,
       CASE WHEN y:Goal THEN 'Goal' WHEN y:Indicator THEN 'Indicator' ELSE 'Activity' END AS label,
       CASE WHEN y:Goal THEN y.level WHEN y:Activity THEN y.kind END AS level_or_kind,
       coalesce(y.name, y.statement) AS name, distance,
       CASE WHEN y:Activity THEN y.budget END AS budget, units, staff
ORDER BY direction DESC, distance, id
