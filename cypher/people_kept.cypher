// name: people_kept
// The single points of failure the importer keeps (graph/importer/people_kept.py; docs/people-kept.md): the rows
// graph/people.py single_points_of_failure would work out from the whole contribution graph, kept on the import
// lock node after every import, for the version scope that was the default then. `known` is true only while the
// lock's record says they are current for the graph as it is now (the data version, and the node and
// relationship counts from Neo4j's count store, as the record of "reaches an outcome", docs/reach.md) and they
// were worked out for the scope asked for ($datasets); otherwise every list is empty and the caller works the
// answer out itself.
// Rows: one: known, nip, target, kind (`goal` or `iku`), sole (the ASN's work is the only work reaching the
// target), via (every row's elements, one after the other), via_count (how many of `via` are each row's).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL (nodes, relationships) {
  OPTIONAL MATCH (lock:PokinImportLock {id: 'import'})
  RETURN lock AS people_lock,
         coalesce(lock.people_version = coalesce(lock.version, '') AND lock.people_nodes = nodes
                  AND lock.people_relationships = relationships AND lock.people_all = ($datasets IS NULL)
                  AND ($datasets IS NULL OR (size(lock.people_scope) = size($datasets)
                                             AND all(d IN $datasets WHERE d IN lock.people_scope))),
                  false) AS people_known
}
RETURN people_known AS known,
       CASE WHEN people_known THEN people_lock.people_nip ELSE [] END AS nip,
       CASE WHEN people_known THEN people_lock.people_target ELSE [] END AS target,
       CASE WHEN people_known THEN people_lock.people_kind ELSE [] END AS kind,
       CASE WHEN people_known THEN people_lock.people_sole ELSE [] END AS sole,
       CASE WHEN people_known THEN people_lock.people_via ELSE [] END AS via,
       CASE WHEN people_known THEN people_lock.people_via_count ELSE [] END AS via_count
