// name: outcome_goals_without_activity
// finding: Outcome tanpa kegiatan pendukung
// finding description: Tujuan dan sasaran yang tidak didukung oleh program, kegiatan atau subkegiatan mana pun.
// finding order: 70
// finding column id Goal: ID
// finding column level: Level
// finding column statement: Pernyataan
// finding column unit_id Unit: Kode unit
// Outcome goals that no activity supports.
// Goals of level tujuan or sasaran (Pemda's or an OPD's) that no activity (program, kegiatan, sub-kegiatan;
// of $year when given) reaches by following CONTRIBUTES_TO upward, an indicator standing for the goal it
// measures (a contribution to a goal's indicator is a contribution to the goal). visi and misi are not
// checked: they are supported through the tujuan and sasaran below them, which this query checks. PART_OF
// confers nothing.
// Rows: id, level, statement, unit_id (the accountable unit: the smallest id among the units ASSIGNED_TO the
// goal; null when none). Sorted tujuan first, then unit_id, id.
// Read from the importer's list on each goal of the activities reaching it (graph/model.py SUPPORT_PROPERTY:
// "<year>:<dataset>" of each activity that reaches it by one or more CONTRIBUTES_TO steps, kept by the import inside
// its transaction; docs/reach.md) while the import lock records it current: an index seek on the outcome levels
// and a list read per goal. Otherwise one breadth-first var-length expansion of CONTRIBUTES_TO per activity (each
// node visited once, so cycles and chains thousands deep are fine), which the list answers exactly as; an
// indicator reaches its goal through the implied indicator→goal CONTRIBUTES_TO edge (graph/model.py).
// param year: int? Only activities of this budget year count as support.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL (nodes, relationships) {
  OPTIONAL MATCH (lock:PokinImportLock {id: 'import'})
  RETURN coalesce(lock.support_version = coalesce(lock.version, '') AND lock.support_nodes = nodes
                  AND lock.support_relationships = relationships, false) AS support_known
}
CALL (support_known) {
  WITH support_known
  WHERE support_known
  CALL (support_known) {
    UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
    MATCH (g:Goal)
    WHERE g.level IN ['tujuan', 'sasaran']
    RETURN g
    UNION ALL
    // a named version's outcome goals from the index on (level, dataset): not every version's, then filtered
    UNWIND $datasets AS dataset
    WITH DISTINCT dataset
    MATCH (g:Goal)
    USING INDEX g:Goal(level, dataset)
    WHERE g.level IN ['tujuan', 'sasaran'] AND g.dataset = dataset
    RETURN g
  }
  WITH g
  // an entry is "<year>:<dataset>", the year without a colon
  WHERE NOT any(entry IN coalesce(g.activity_support, [])
                WHERE ($year IS NULL OR split(entry, ':')[0] = toString($year))
                  AND ($datasets IS NULL OR substring(entry, size(split(entry, ':')[0]) + 1) IN $datasets))
  RETURN g
  UNION ALL
  WITH support_known
  WHERE NOT support_known
  CALL (support_known) {
    MATCH (act:Activity)
    WHERE ($year IS NULL OR act.year = $year) AND ($datasets IS NULL OR act.dataset IN $datasets)
    MATCH (act)-[:CONTRIBUTES_TO*]->(x:Goal)
    WHERE x.level IN ['tujuan', 'sasaran']
    WITH DISTINCT x
    RETURN collect(x) AS supported
  }
  MATCH (g:Goal)
  WHERE g.level IN ['tujuan', 'sasaran'] AND NOT g IN supported AND ($datasets IS NULL OR g.dataset IN $datasets)
  RETURN g
}
CALL (g) {
  OPTIONAL MATCH (u:Unit)-[:ASSIGNED_TO]->(g)
  RETURN min(u.id) AS unit_id
}
RETURN g.id AS id, g.level AS level, g.statement AS statement, unit_id
ORDER BY {tujuan: 0, sasaran: 1}[level], unit_id, id
