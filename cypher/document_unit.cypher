// name: document_unit
// The heading of a unit's documents (Perjanjian Kinerja, IKU, matriks): the unit, the Pemda it belongs to,
// and who signs: the pejabat (the head of the unit: the ASN of the unit whose atasan works elsewhere or who
// has none; of several, the one with most staff reporting to them, then the lowest NIP) and that
// pejabat's atasan (REPORTS_TO). Pejabat and atasan are null when the data has none (a Pemda's
// bupati is no ASN). One row, none for an unknown unit.
// param unit: str Unit id.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (unit:Unit {id: $unit})
WHERE ($datasets IS NULL OR unit.dataset IN $datasets)
CALL (unit) {
  MATCH (unit)-[:PART_OF]->*(top:Unit)
  WHERE NOT (top)-[:PART_OF]->(:Unit)
  RETURN top LIMIT 1
}
CALL (unit) {
  OPTIONAL MATCH (head:ASN)-[:MEMBER_OF]->(unit)
  WHERE NOT EXISTS { (head)-[:REPORTS_TO]->(:ASN)-[:MEMBER_OF]->(unit) }
  WITH head, COUNT { (:ASN)-[:REPORTS_TO]->(head) } AS staff
  ORDER BY staff DESC, head.nip
  RETURN head LIMIT 1
}
OPTIONAL MATCH (head)-[:REPORTS_TO]->(boss:ASN)
OPTIONAL MATCH (boss)-[:MEMBER_OF]->(boss_unit:Unit)
RETURN unit.id AS unit_id, unit.name AS unit_name, unit.kind AS unit_kind, top.id AS pemda_id,
       top.name AS pemda_name,
       head.nip AS pejabat_nip, head.name AS pejabat_name, head.position AS pejabat_position,
       boss.nip AS atasan_nip, boss.name AS atasan_name, boss.position AS atasan_position,
       boss_unit.name AS atasan_unit
LIMIT 1
