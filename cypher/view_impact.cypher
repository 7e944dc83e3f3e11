// name: view_impact
// The nodes and edges of one element's impact view: what it supports and what supports it.
// The goal, indicator or activity itself, what it supports (everything it reaches upward, following
// CONTRIBUTES_TO, an indicator standing for the goal or activity it measures) and what supports it (everything
// from which it is reached upward: what contributes to it, its own indicators, what contributes to
// those, and so on down; an indicator stands for its goal through the implied indicator→goal edge,
// graph/model.py), plus the ASN assigned to the element itself. PART_OF confers nothing. Roles:
// 'focus', 'supports' (above it), 'supported_by' (below it; an element on a cycle through it counts as
// above), 'staff'. No rows for an unknown id.
// Two kinds of rows, the same columns as view_tree. kind 'node': id (NIP for an ASN), label (Goal,
// Indicator, Activity, ASN, Unit), level (goal level; activity kind; for an indicator the level of the
// goal it measures, first by goal id; unit kind; null for an ASN), title (statement or name), code
// (activity code), unit_id and unit_name (the accountable unit: of the units ASSIGNED_TO it the highest,
// i.e. with the fewest PART_OF steps above it, then first by id; for an indicator without one, the unit
// of the goal it measures; an ASN's unit is the one it is MEMBER_OF, a unit's is itself), opd_id and
// opd_name (the perangkat daerah at or above that unit; null for Pemda-level elements), budget and year
// (activities), position (ASN), role (see above).
// kind 'edge' (the edges of the data: the implied indicator→goal CONTRIBUTES_TO edges are not drawn,
// MEASURED_BY shows that link): from, to (ids), type (CONTRIBUTES_TO, MEASURED_BY from goal to indicator, PART_OF,
// ASSIGNED_TO, MEMBER_OF), weight (CONTRIBUTES_TO only, null read as 1), crosscutting (true when both
// ends have an OPD and the OPDs differ). Only edges with both ends among the nodes.
// Node rows first (top level first, then id), then edge rows (by from, to, type).
// Terminates on cycles (breadth-first searches, each node once).
// param id: str Id of a Goal, Indicator or Activity.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (x:Goal|Indicator|Activity {id: $id})
WHERE ($datasets IS NULL OR x.dataset IN $datasets)
CALL (x) {
  OPTIONAL MATCH (x)-[:CONTRIBUTES_TO*]->(n)
  WITH DISTINCT x, n
  WHERE n <> x
  RETURN collect(n) AS above
}
CALL (x) {
  MATCH (x)<-[:CONTRIBUTES_TO*0..]-(n)
  RETURN collect(DISTINCT n) AS below
}
CALL (x) {
  OPTIONAL MATCH (s:ASN)-[:ASSIGNED_TO]->(x)
  RETURN collect(DISTINCT s) AS staff
}
WITH x, above, staff, below
UNWIND [{n: x, role: 'focus'}] + [n IN above | {n: n, role: 'supports'}]
       + [n IN below WHERE n <> x AND NOT n IN above | {n: n, role: 'supported_by'}]
       + [s IN staff | {n: s, role: 'staff'}] AS item
WITH DISTINCT item
WITH collect(item) AS items
WITH items, [entry IN items | entry.n] AS nodes
UNWIND items AS item
WITH item.n AS n, item.role AS node_role, nodes
CALL (n) {
  CALL (n) {
    MATCH (n)<-[:ASSIGNED_TO]-(u:Unit) RETURN u, 0 AS preference
    UNION
    MATCH (n:Indicator)<-[:MEASURED_BY]-(:Goal|Activity)<-[:ASSIGNED_TO]-(u:Unit) RETURN u, 1 AS preference
    UNION
    MATCH (n:ASN)-[:MEMBER_OF]->(u:Unit) RETURN u, 0 AS preference
    UNION
    WITH n AS u WHERE u:Unit RETURN u, 0 AS preference
  }
  WITH u, preference, COUNT { (u)-[:PART_OF]->+(:Unit) } AS depth
  ORDER BY preference, depth, u.id
  WITH head(collect(u)) AS unit
  OPTIONAL MATCH (unit)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  WITH unit, opd ORDER BY opd.id
  RETURN unit, head(collect(opd)) AS opd
}
CALL (n) {
  OPTIONAL MATCH (g:Goal|Activity)-[:MEASURED_BY]->(n:Indicator)
  WITH g ORDER BY g:Activity, g.id
  RETURN head(collect(coalesce(g.level, g.kind))) AS indicator_level
}
CALL (n, node_role, unit, opd, indicator_level, nodes) {
  RETURN 'node' AS kind, coalesce(n.id, n.nip) AS id,
         CASE WHEN n:Goal THEN 'Goal' WHEN n:Indicator THEN 'Indicator' WHEN n:Activity THEN 'Activity'
              WHEN n:ASN THEN 'ASN' ELSE 'Unit' END AS label,
         CASE WHEN n:Goal THEN n.level WHEN n:Indicator THEN indicator_level WHEN n:ASN THEN null
              ELSE n.kind END AS level,
         coalesce(n.statement, n.name) AS title, n.code AS code, unit.id AS unit_id, unit.name AS unit_name,
         opd.id AS opd_id, opd.name AS opd_name, n.budget AS budget, n.year AS year, n.position AS position,
         node_role AS role, null AS `from`, null AS `to`, null AS type, null AS weight, null AS crosscutting
  UNION ALL
  MATCH (n)-[r:CONTRIBUTES_TO|MEASURED_BY|PART_OF|ASSIGNED_TO|MEMBER_OF]->(b)
  WHERE b IN nodes AND NOT coalesce(r.implied, false)
  CALL (b) {
    CALL (b) {
      MATCH (b)<-[:ASSIGNED_TO]-(u:Unit) RETURN u, 0 AS preference
      UNION
      MATCH (b:Indicator)<-[:MEASURED_BY]-(:Goal|Activity)<-[:ASSIGNED_TO]-(u:Unit) RETURN u, 1 AS preference
      UNION
      WITH b AS u WHERE u:Unit RETURN u, 0 AS preference
    }
    WITH u, preference, COUNT { (u)-[:PART_OF]->+(:Unit) } AS depth
    ORDER BY preference, depth, u.id
    WITH head(collect(u)) AS unit
    OPTIONAL MATCH (unit)-[:PART_OF]->*(other:Unit {kind: 'perangkat_daerah'})
    WITH other ORDER BY other.id
    RETURN head(collect(other)) AS other
  }
  RETURN 'edge' AS kind, null AS id, null AS label, null AS level, null AS title, null AS code,
         null AS unit_id, null AS unit_name, null AS opd_id, null AS opd_name, null AS budget, null AS year,
         null AS position, null AS role, coalesce(n.id, n.nip) AS `from`, coalesce(b.id, b.nip) AS `to`,
         type(r) AS type,
         CASE WHEN r:CONTRIBUTES_TO THEN coalesce(toFloat(r.weight), 1.0) END AS weight,
         opd IS NOT NULL AND other IS NOT NULL AND opd <> other AS crosscutting
}
RETURN kind, id, label, level, title, code, unit_id, unit_name, opd_id, opd_name, budget, year, position,
       role, `from`, `to`, type, weight, crosscutting
ORDER BY CASE kind WHEN 'node' THEN 0 ELSE 1 END,
         {visi: 0, misi: 1, tujuan: 2, sasaran: 3, sasaran_program: 4, program: 4, sasaran_kegiatan: 5,
          kegiatan: 5, sasaran_subkegiatan: 6, subkegiatan: 6, rhk: 7, pemda: 9, perangkat_daerah: 9,
          unit_kerja: 9}[coalesce(level, '')],
         id, `from`, `to`, type
