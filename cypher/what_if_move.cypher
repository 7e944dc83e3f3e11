// name: what_if_move
// The graph side of a mutasi of one ASN before it happens (graph/people.py what_if_move adds what hangs on
// them; docs/domain.md, "People at risk"): the person and their unit; every ASN reporting to them whose
// results intervene now in the person's (reach, through CONTRIBUTES_TO at any depth, a goal or indicator the
// person is assigned to): their intervensi breaks when the person leaves, since RHK do not move with a person;
// and the unit they would move to. A head of an OPD reporting to them is checked against the OPD's sasaran
// (rhk_without_intervention), so the move breaks nothing of theirs. No rows for an unknown NIP.
// Rows: kind (`person`, `report` or `to`), nip, name, unit_id, unit_name, reaches (a report's: ids of the
// person's goals and indicators their results reach; empty otherwise).
// param nip: str The ASN's whole NIP.
// param to: str? Id of the unit they would move to (a `to` row when it exists).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (p:ASN {nip: $nip})
WHERE ($datasets IS NULL OR p.dataset IN $datasets)
CALL (p) {
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(u:Unit)
  RETURN u ORDER BY u.id LIMIT 1
}
CALL (p, u) {
  RETURN 'person' AS kind, p.nip AS nip, p.name AS name, u.id AS unit_id, u.name AS unit_name,
         [] AS reaches
  UNION ALL
  MATCH (s:ASN)-[:REPORTS_TO]->(p)
  WHERE s <> p
  CALL (s) {
    OPTIONAL MATCH (s)-[:MEMBER_OF]->(v:Unit)
    RETURN v ORDER BY v.id LIMIT 1
  }
  WITH p, s, v
  WHERE NOT (coalesce(v.kind = 'perangkat_daerah', false)
             AND NOT EXISTS { MATCH (p)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(v) })
  CALL (p, s) {
    WITH [(p)-[:ASSIGNED_TO]->(t:Goal|Indicator) | t] AS targets
    MATCH (s)-[:ASSIGNED_TO]->(r:Goal|Indicator)
    OPTIONAL MATCH (r)-[:CONTRIBUTES_TO*0..]->(reached)
    WITH DISTINCT targets, reached
    WHERE reached IN targets
    WITH reached ORDER BY reached.id
    RETURN collect(reached.id) AS reaches
  }
  WITH s, v, reaches
  WHERE size(reaches) > 0
  RETURN 'report' AS kind, s.nip AS nip, s.name AS name, v.id AS unit_id, v.name AS unit_name, reaches
  UNION ALL
  MATCH (t:Unit {id: $to})
  WHERE ($datasets IS NULL OR t.dataset IN $datasets)
  RETURN 'to' AS kind, null AS nip, null AS name, t.id AS unit_id, t.name AS unit_name, [] AS reaches
}
RETURN kind, nip, name, unit_id, unit_name, reaches
ORDER BY CASE kind WHEN 'person' THEN 0 WHEN 'report' THEN 1 ELSE 2 END, nip
