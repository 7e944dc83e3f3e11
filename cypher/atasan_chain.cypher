// name: atasan_chain
// The chain of atasan above one ASN (REPORTS_TO, step 0 being the ASN), each with their unit and whether they
// head an OPD (a member of the OPD's own unit whose atasan works outside it, or who has none); the ASN page
// cuts it at the first head and marks each break of the intervensi chain (rhk_without_intervention). Terminates
// on a cycle of REPORTS_TO; at most 50 steps.
// Rows: step, nip, name, position, unit_id, unit_name, head.
// param nip: str The ASN's NIP.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH path = (s:ASN {nip: $nip})-[:REPORTS_TO*0..]->(p:ASN)
WHERE ($datasets IS NULL OR s.dataset IN $datasets)
WITH p, min(length(path)) AS step
ORDER BY step
LIMIT 50
CALL (p) {
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(u:Unit)
  RETURN u ORDER BY u.id LIMIT 1
}
CALL (p) {
  OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:ASN)
  RETURN boss ORDER BY boss.nip LIMIT 1
}
RETURN step, p.nip AS nip, p.name AS name, p.position AS position, u.id AS unit_id, u.name AS unit_name,
       CASE WHEN coalesce(u.kind = 'perangkat_daerah', false)
            THEN boss IS NULL OR NOT EXISTS { MATCH (boss)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(u) }
            ELSE false END AS head
ORDER BY step
