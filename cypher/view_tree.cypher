// name: view_tree
// The nodes and edges of the tree view (pohon kinerja): the whole Pemda tree, or one OPD's cascade.
// Without $unit: every goal and indicator, and every activity (of $year when given). Staff (ASN) and
// units are not drawn in the tree; the unit is carried on each node instead.
// With $unit, the cascade of that unit: its own elements (goals, indicators and activities assigned to
// the unit or to a unit below it via PART_OF; activities of $year when given), everything they reach
// upward up to the top (following CONTRIBUTES_TO, an indicator standing for the goal or activity it measures through
// the implied indicator→goal edge, graph/model.py), the indicators of all those goals, and whatever
// contributes directly to one of its own goals or to their indicators (other units' work included,
// activities of $year when given). An unknown unit gives no rows.
// Two kinds of rows. kind 'node': id, label (Goal, Indicator, Activity), level (goal level; activity
// kind; for an indicator the level of the goal it measures, first by goal id, or the kind of the activity it measures), title (statement or
// name), code (activity code), unit_id and unit_name (the accountable unit: of the units ASSIGNED_TO it
// the highest, i.e. with the fewest PART_OF steps above it, then first by id; for an indicator without
// one, the unit of the goal or activity it measures), opd_id and opd_name (the perangkat daerah at or above that
// unit; null for Pemda-level elements), budget and year (activities), satuan (an indicator's unit of measure),
// position (null here), role
// ('own': assigned to $unit or below, or an indicator of such a goal, or every node without $unit;
// 'context': above it or contributing to it).
// kind 'edge' (the edges of the data: the implied indicator→goal CONTRIBUTES_TO edges are not drawn,
// MEASURED_BY shows that link): from, to (ids), type (CONTRIBUTES_TO, MEASURED_BY from goal to indicator, PART_OF
// between activities), weight (CONTRIBUTES_TO only, null read as 1), crosscutting (true when both ends
// have an OPD and the OPDs differ). Only edges with both ends among the nodes.
// Node rows first (top level first, then id), then edge rows (by from, to, type). Terminates on cycles.
// param unit: str? Id of the unit (OPD or unit kerja) whose cascade to draw; the whole Pemda when absent.
// param year: int? Only activities of this budget year.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () {
  MATCH (n:Goal|Indicator|Activity)
  WHERE $unit IS NULL AND (NOT n:Activity OR $year IS NULL OR n.year = $year) AND ($datasets IS NULL OR n.dataset IN $datasets)
  RETURN collect(n) AS everything
}
CALL () {
  MATCH (top:Unit {id: $unit})<-[:PART_OF]-*(u:Unit)-[:ASSIGNED_TO]->(b:Goal|Indicator|Activity)
  WHERE ($datasets IS NULL OR top.dataset IN $datasets) AND (NOT b:Activity OR $year IS NULL OR b.year = $year)
  RETURN collect(DISTINCT b) AS base
}
CALL (base) {
  UNWIND base AS b
  MATCH (b)-[:CONTRIBUTES_TO]->(exit)
  WITH DISTINCT exit
  WHERE NOT exit IN base
  MATCH (exit)-[:CONTRIBUTES_TO*0..]->(n)
  RETURN collect(DISTINCT n) AS up
}
CALL (base) {
  UNWIND base AS g
  MATCH (g:Goal|Activity)-[:MEASURED_BY]->(i:Indicator)
  RETURN collect(DISTINCT i) AS own_measures
}
CALL (up) {
  UNWIND up AS g
  MATCH (g:Goal|Activity)-[:MEASURED_BY]->(i:Indicator)
  RETURN collect(DISTINCT i) AS measures
}
CALL (base) {
  UNWIND base AS b
  CALL (b) {
    MATCH (b)<-[r:CONTRIBUTES_TO]-(c:Goal|Indicator|Activity) WHERE NOT coalesce(r.implied, false) RETURN c
    UNION
    MATCH (b:Goal|Activity)-[:MEASURED_BY]->(:Indicator)<-[:CONTRIBUTES_TO]-(c:Goal|Indicator|Activity) RETURN c
  }
  WITH c
  WHERE NOT c:Activity OR $year IS NULL OR c.year = $year
  RETURN collect(DISTINCT c) AS contributors
}
// each node once with its role ('own' before 'context'); the de-duplications keep one node per entry (a DISTINCT
// over (node, list of own nodes) weighed that whole list once per node: out of transaction memory for one Pemda
// on the national graph)
CALL (everything, base, own_measures) {
  UNWIND everything + base + own_measures AS n
  RETURN collect(DISTINCT n) AS owned
}
CALL (up, measures, contributors, owned) {
  UNWIND up + measures + contributors AS n
  WITH DISTINCT n
  WHERE NOT n IN owned
  RETURN collect(n) AS others
}
WITH [n IN owned | {n: n, role: 'own'}] + [n IN others | {n: n, role: 'context'}] AS items
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
         opd.id AS opd_id, opd.name AS opd_name, n.budget AS budget, n.year AS year,
         CASE WHEN n:Indicator THEN n.satuan END AS satuan, n.position AS position, node_role AS role, null AS `from`, null AS `to`, null AS type, null AS weight, null AS crosscutting
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
         null AS satuan, null AS position, null AS role, coalesce(n.id, n.nip) AS `from`, coalesce(b.id, b.nip) AS `to`,
         type(r) AS type,
         CASE WHEN r:CONTRIBUTES_TO THEN coalesce(toFloat(r.weight), 1.0) END AS weight,
         opd IS NOT NULL AND other IS NOT NULL AND opd <> other AS crosscutting
}
RETURN kind, id, label, level, title, code, unit_id, unit_name, opd_id, opd_name, budget, year, satuan, position,
       role, `from`, `to`, type, weight, crosscutting
ORDER BY CASE kind WHEN 'node' THEN 0 ELSE 1 END,
         {visi: 0, misi: 1, tujuan: 2, sasaran: 3, sasaran_program: 4, program: 4, sasaran_kegiatan: 5,
          kegiatan: 5, sasaran_subkegiatan: 6, subkegiatan: 6, rhk: 7, pemda: 9, perangkat_daerah: 9,
          unit_kerja: 9}[coalesce(level, '')],
         id, `from`, `to`, type
