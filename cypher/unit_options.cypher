// name: unit_options
// The units a reader can pick to filter the web pages by: the pemda and its perangkat daerah (OPD).
// Rows: id, name, kind (pemda or perangkat_daerah), parent_id (the unit it is PART_OF, first by id);
// the pemda first, then the OPD by name and id.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (u:Unit)
WHERE u.kind IN ['pemda', 'perangkat_daerah'] AND ($datasets IS NULL OR u.dataset IN $datasets)
CALL (u) {
  OPTIONAL MATCH (u)-[:PART_OF]->(p:Unit)
  WITH p ORDER BY p.id
  RETURN head(collect(p.id)) AS parent_id
}
RETURN u.id AS id, u.name AS name, u.kind AS kind, parent_id
ORDER BY CASE u.kind WHEN 'pemda' THEN 0 ELSE 1 END, name, id
