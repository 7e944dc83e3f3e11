// name: units_without_outcome
// finding: Unit yang seluruh kinerjanya tidak mencapai outcome
// finding description: Perangkat daerah dan unit kerja yang memiliki elemen kinerja, tetapi tidak satu pun
// finding description: sampai ke visi, misi, tujuan atau sasaran.
// finding order: 80
// finding column id Unit: Kode unit
// finding column name: Unit
// finding column kind: Jenis
// finding column elements: Elemen kinerja
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
// Units whose whole work reaches no outcome.
// Perangkat daerah (OPD) and unit kerja that are accountable for at least one element (a goal, indicator or
// activity the unit is ASSIGNED_TO), none of which reaches an outcome goal (visi, misi, tujuan, sasaran). An
// element reaches an outcome when it is one, or when following CONTRIBUTES_TO upward (an indicator standing
// for the goal it measures, MEASURED_BY read backwards) leads to one. Only the unit's own assignments count,
// not those of its sub-units or its staff; PART_OF confers nothing. The Pemda itself is not checked.
// Rows: id, name, kind, elements (how many distinct elements the unit is assigned to); sorted by id.
// Reading: while the importer's fact is current (graph/model.py REACH_PROPERTY, docs/reach.md) each element's
// `reaches_outcome`; otherwise breadth-first var-length expansions of CONTRIBUTES_TO, stopped at the first
// outcome (each node visited once, so cycles and chains thousands deep are fine); an indicator reaches its goal
// through the implied indicator→goal CONTRIBUTES_TO edge (graph/model.py).
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL (nodes, relationships) {
  OPTIONAL MATCH (lock:PokinImportLock {id: 'import'})
  RETURN coalesce(lock.reach_version = coalesce(lock.version, '') AND lock.reach_nodes = nodes
                  AND lock.reach_relationships = relationships, false) AS reach_known
}
CALL (reach_known) {
  // the units of the versions read: every unit, or those of each version through the dataset index (a scan of
  // every version's units would grow with the versions held)
  CALL (reach_known) {
    UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
    MATCH (u:Unit)
    RETURN u
    UNION ALL
    UNWIND $datasets AS dataset
    WITH DISTINCT dataset
    MATCH (u:Unit {dataset: dataset})
    RETURN u
  }
  WITH u, reach_known
  WHERE u.kind IN ['perangkat_daerah', 'unit_kerja']
  CALL (u) {
    MATCH (u)-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity)
    RETURN count(DISTINCT e) AS elements
  }
  WITH u, elements, reach_known
  WHERE elements > 0
  // with the fact current, read from it; otherwise existence only: one breadth-first search upward (each node
  // once), stopped at the first outcome it meets
  CALL (u, reach_known) {
    WITH u
    WHERE reach_known
    RETURN CASE WHEN EXISTS { (u)-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity) WHERE e.reaches_outcome } THEN 1 ELSE 0 END
           AS outcomes
    UNION
    WITH u
    WHERE NOT reach_known
    CALL (u) {
      OPTIONAL MATCH (u)-[:ASSIGNED_TO]->(:Goal|Indicator|Activity)-[:CONTRIBUTES_TO*0..]->(x)
      WITH DISTINCT x
      WHERE x:Goal AND x.level IN $outcome_levels
      WITH x
      LIMIT 1
      RETURN count(x) AS outcomes
    }
    RETURN outcomes
  }
  WITH u, elements, outcomes
  WHERE outcomes = 0
  RETURN u, elements
}
RETURN u.id AS id, u.name AS name, u.kind AS kind, elements
ORDER BY id
