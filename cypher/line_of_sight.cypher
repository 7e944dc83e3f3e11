// name: line_of_sight
// Line of sight of one ASN: every outcome their work reaches, with one shortest path to each.
// For every element (goal, indicator, activity) the ASN is ASSIGNED_TO, every outcome goal (visi, misi,
// tujuan, sasaran) it reaches upward, with one shortest path to it.
// Upward = following CONTRIBUTES_TO, an indicator standing for the goal or activity it measures (MEASURED_BY read
// backwards); PART_OF confers nothing. An element that is itself an outcome goal gives a path of length 0.
// Rows: nip, name, assigned_id, outcome_id, outcome_level, length (hops), path: the elements from the
// assigned element to the outcome, each a map {id, label, level_or_kind (goal level, activity kind,
// null for an indicator), name (name or statement)}. Ordered by assigned element, nearest outcome first.
// No rows for an unknown NIP or for an ASN whose assignments reach no outcome (orphaned staff).
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards. The outcomes reached are found by one
// breadth-first search per assigned element (`RETURN DISTINCT o`: Neo4j's BFS pruning expand,
// each node once, no paths built), then one path to each by shortestPath between the two bound ends (a
// bidirectional breadth-first search): linear in the depth, it terminates on cycles and answers on chains
// thousands deep (ANY SHORTEST to every outcome at once traced its paths in time quadratic in the depth).
// param nip: str The ASN's NIP.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
MATCH (s:ASN {nip: $nip})-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity)
WHERE ($datasets IS NULL OR s.dataset IN $datasets)
CALL (e) {
  MATCH (e)-[:CONTRIBUTES_TO*0..]->(o:Goal)
  WHERE o.level IN $outcome_levels
  RETURN DISTINCT o
}
MATCH p = shortestPath((e)-[:CONTRIBUTES_TO*0..]->(o))
RETURN s.nip AS nip, s.name AS name, e.id AS assigned_id, o.id AS outcome_id, o.level AS outcome_level,
       length(p) AS length,
       [n IN nodes(p) | {
         id: n.id,
         label: CASE WHEN n:Goal THEN 'Goal' WHEN n:Indicator THEN 'Indicator' ELSE 'Activity' END,
         level_or_kind: CASE WHEN n:Goal THEN n.level WHEN n:Activity THEN n.kind END,
         name: coalesce(n.name, n.statement)
       }] AS path
ORDER BY assigned_id, length, outcome_id
