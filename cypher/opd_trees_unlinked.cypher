// name: opd_trees_unlinked
// finding: Pohon kinerja OPD tidak terhubung ke Pemda
// finding description: Perangkat daerah yang tidak satu pun sasarannya berkontribusi ke sasaran Pemerintah Daerah.
// finding order: 90
// finding column id Unit: Kode OPD
// finding column name: Perangkat daerah
// finding column goals: Elemen kinerja
// Perangkat daerah (OPD) whose performance tree is not linked to the Pemda tree.
// Not linked: no goal assigned to the OPD or to a unit below it (PART_OF) reaches, following CONTRIBUTES_TO
// upward in one or more steps (an indicator standing for the goal or activity it measures), a goal assigned to the OPD's
// Pemda (a unit of kind pemda the OPD is PART_OF, directly or through other units; an OPD under no pemda unit
// is checked against every pemda unit's goals). An OPD without any goal is listed too (goals = 0).
// Rows: id, name, goals (how many distinct goals are assigned to the OPD and its sub-units); sorted by id.
// Traversal: one breadth-first var-length expansion of CONTRIBUTES_TO per goal, stopping at the first Pemda
// goal reached (each node visited once, so cycles and chains thousands deep are fine); an indicator reaches
// its goal through the implied indicator→goal CONTRIBUTES_TO edge (graph/model.py).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (opd:Unit {kind: 'perangkat_daerah'})
WHERE ($datasets IS NULL OR opd.dataset IN $datasets)
CALL (opd) {
  OPTIONAL MATCH (opd)-[:PART_OF]->+(above:Unit)
  WITH DISTINCT above
  RETURN [unit IN collect(above) WHERE unit.kind = 'pemda'] AS pemdas
}
CALL (opd) {
  OPTIONAL MATCH (opd)<-[:PART_OF]-*(:Unit)-[:ASSIGNED_TO]->(g:Goal)
  RETURN count(DISTINCT g) AS goals
}
// linked as soon as one goal reaches a Pemda goal: the goals are tried one by one and each one's breadth-first
// search upward stops at the first Pemda goal it meets (LIMIT 1 on both)
CALL (opd, pemdas) {
  MATCH (opd)<-[:PART_OF]-*(:Unit)-[:ASSIGNED_TO]->(g:Goal)
  WITH DISTINCT g
  CALL (g, pemdas) {
    MATCH (g)-[:CONTRIBUTES_TO*]->(x:Goal)
    WITH DISTINCT x
    WHERE EXISTS {
      MATCH (p:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(x)
      WHERE size(pemdas) = 0 OR p IN pemdas
    }
    RETURN x
    LIMIT 1
  }
  WITH g
  LIMIT 1
  RETURN count(g) AS linked
}
WITH opd, goals, linked
WHERE linked = 0
RETURN opd.id AS id, opd.name AS name, goals
ORDER BY id
