// name: matriks_peran_hasil
// The Matriks Peran Hasil of one unit (PermenPAN-RB 6/2022; docs/domain.md, "RHK, intervensi and the
// Matriks Peran Hasil"): the RHK of the unit's head (the goals and indicators the head is ASSIGNED_TO) as
// rows, the ASN reporting to the head as columns, each cell the staff member's results that are, or reach
// through CONTRIBUTES_TO at any depth, that RHK of the head. The head is the member of the unit whose atasan
// works outside it or who has none (of several, the one with most staff reporting to them, then the lowest
// NIP, as document_unit chooses the pejabat who signs). One row per (head's RHK, staff member): a head
// without RHK gives rows with a null row_id, a head nobody reports to rows with a null staff_nip; no row at
// all when the unit has no member.
// Rows: head_nip, head_name, head_position, unit_id, unit_name, row_id, row_statement, row_level,
// staff_nip, staff_name, staff_position, staff_results (ids of all the staff member's results), cell (ids
// of the staff member's results that intervene in the row), cell_statements (their statements).
// param unit: str The unit's id.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (u:Unit {id: $unit})<-[:MEMBER_OF]-(head:ASN)
WHERE ($datasets IS NULL OR u.dataset IN $datasets) AND NOT EXISTS { MATCH (head)-[:REPORTS_TO]->(:ASN)-[:MEMBER_OF]->(u) }
WITH u, head, COUNT { (head)<-[:REPORTS_TO]-(:ASN) } AS reporting
ORDER BY reporting DESC, head.nip
LIMIT 1
CALL (head) {
  OPTIONAL MATCH (head)-[:ASSIGNED_TO]->(g:Goal|Indicator)
  WITH g ORDER BY g.id
  RETURN collect(g) AS goals
}
CALL (head) {
  OPTIONAL MATCH (s:ASN)-[:REPORTS_TO]->(head)
  WITH s ORDER BY s.nip
  RETURN collect(s) AS staff
}
UNWIND CASE WHEN size(staff) = 0 THEN [null] ELSE staff END AS s
// what each result of the staff member reaches, found once per result (each node once)
CALL (s) {
  OPTIONAL MATCH (s)-[:ASSIGNED_TO]->(r:Goal|Indicator)
  CALL (r) {
    OPTIONAL MATCH (r)-[:CONTRIBUTES_TO*0..]->(reached)
    WITH DISTINCT reached
    RETURN collect(reached) AS reached
  }
  WITH r, reached ORDER BY r.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {result: r, reached: reached} END) AS results
}
UNWIND CASE WHEN size(goals) = 0 THEN [null] ELSE goals END AS g
WITH u, head, g, s, results, [entry IN results WHERE g IS NOT NULL AND g IN entry.reached | entry.result] AS cell
RETURN head.nip AS head_nip, head.name AS head_name, head.position AS head_position, u.id AS unit_id,
       u.name AS unit_name, g.id AS row_id, coalesce(g.statement, g.name) AS row_statement, g.level AS row_level,
       s.nip AS staff_nip, s.name AS staff_name, s.position AS staff_position,
       [entry IN results | entry.result.id] AS staff_results,
       [r IN cell | r.id] AS cell, [r IN cell | coalesce(r.statement, r.name)] AS cell_statements
ORDER BY row_id, staff_nip
