// name: orphaned_staff
// Every ASN who contributes to no outcome: either not assigned to anything (reason `unassigned`) or
// assigned only to elements from which no chain of CONTRIBUTES_TO (an indicator standing for the goal
// it measures, through the implied indicator→goal edges) reaches a visi, misi, tujuan or sasaran goal
// (reason `dead_end`).
// Rows: nip, name, position, unit_id, unit_name, reason, assigned_to (ids of what they are assigned to).
// param unit: str? Only staff of this unit or of any unit below it (PART_OF).
MATCH (s:ASN)
OPTIONAL MATCH (s)-[:MEMBER_OF]->(u:Unit)
WITH s, u
WHERE $unit IS NULL OR EXISTS { MATCH (u)-[:PART_OF]->*(:Unit {id: $unit}) }
// existence only: one breadth-first search upward (each node once), stopped at the first outcome it meets
CALL (s) {
  OPTIONAL MATCH (s)-[:ASSIGNED_TO]->(:Goal|Indicator|Activity)-[:CONTRIBUTES_TO*0..]->(goal:Goal)
  WHERE goal.level IN ['visi', 'misi', 'tujuan', 'sasaran']
  WITH DISTINCT goal
  LIMIT 1
  RETURN count(goal) > 0 AS reaches
}
WITH s, u, reaches
WHERE NOT reaches
CALL (s) {
  OPTIONAL MATCH (s)-[:ASSIGNED_TO]->(e)
  RETURN collect(coalesce(e.id, e.nip)) AS assigned_to
}
RETURN s.nip AS nip, s.name AS name, s.position AS position, u.id AS unit_id, u.name AS unit_name,
       CASE WHEN size(assigned_to) = 0 THEN 'unassigned' ELSE 'dead_end' END AS reason,
       assigned_to
ORDER BY unit_id, nip
