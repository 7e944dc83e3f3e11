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
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// the goals of the versions read: every goal, or those of each version through the dataset index (a scan of every
// version's goals would grow with the versions held)
CALL () {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH (g:Goal)
  RETURN g
  UNION
  UNWIND $datasets AS dataset
  MATCH (g:Goal {dataset: dataset})
  RETURN g
}
WITH g
WHERE NOT EXISTS { (:Unit|ASN)-[:ASSIGNED_TO]->(g) }
  AND NOT EXISTS { (g)-[:MEASURED_BY]->(:Indicator)<-[:ASSIGNED_TO]-(:Unit|ASN) }
RETURN g.id AS id, g.level AS level, g.statement AS statement
ORDER BY {visi: 0, misi: 1, tujuan: 2, sasaran: 3, sasaran_program: 4, sasaran_kegiatan: 5,
          sasaran_subkegiatan: 6, rhk: 7}[level], id
