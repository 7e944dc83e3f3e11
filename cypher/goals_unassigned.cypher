// name: goals_unassigned
// finding: Sasaran tanpa penanggung jawab
// finding description: Elemen kinerja yang tidak ditugaskan kepada unit atau ASN mana pun, baik langsung maupun
// finding description: melalui indikatornya.
// finding order: 60
// finding column id Goal: ID
// finding column level: Level
// finding column statement: Pernyataan
// Goals nobody is accountable for.
// No Unit and no ASN is ASSIGNED_TO the goal, nor to any indicator measuring it (an assignment to a goal's
// indicator counts as an assignment to the goal).
// Every level is checked, visi to rhk.
// Rows: id, level, statement; sorted top level first (visi … rhk), then id.
// Reads, per goal, the degree of its incoming ASSIGNED_TO (one read, no relationship followed) when the count store
// shows that every ASSIGNED_TO of the graph starts at a Unit or an ASN (as the model has it, and no node is both):
// then a goal with any is assigned. Otherwise (a graph written otherwise) each goal's assignments are followed to
// check who holds them, as before. Only the few goals nobody holds directly look at their indicators.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () { MATCH ()-[r:ASSIGNED_TO]->() RETURN count(r) AS assignments }
CALL (assignments) { MATCH (:Unit)-[r:ASSIGNED_TO]->() RETURN count(r) AS by_units }
CALL (assignments, by_units) { MATCH (:ASN)-[r:ASSIGNED_TO]->() RETURN count(r) AS by_staff }
WITH assignments = by_units + by_staff AND NOT EXISTS { MATCH (n:Unit&ASN) } AS held_by_units_or_staff
// the goals of the versions read: every goal, or those of each version through the dataset index (a scan of every
// version's goals would grow with the versions held)
CALL (held_by_units_or_staff) {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH (g:Goal)
  RETURN g
  UNION ALL
  UNWIND $datasets AS dataset
  WITH DISTINCT dataset
  MATCH (g:Goal {dataset: dataset})
  RETURN g
}
WITH g, held_by_units_or_staff
WHERE CASE WHEN held_by_units_or_staff THEN COUNT { (g)<-[:ASSIGNED_TO]-() } = 0
           ELSE NOT EXISTS { (:Unit|ASN)-[:ASSIGNED_TO]->(g) } END
  AND NOT EXISTS { (g)-[:MEASURED_BY]->(:Indicator)<-[:ASSIGNED_TO]-(:Unit|ASN) }
RETURN g.id AS id, g.level AS level, g.statement AS statement
ORDER BY {visi: 0, misi: 1, tujuan: 2, sasaran: 3, sasaran_program: 4, sasaran_kegiatan: 5,
          sasaran_subkegiatan: 6, rhk: 7}[level], id
