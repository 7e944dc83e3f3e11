// name: search
// Find goals, indicators, activities, units and ASN by name, code, id or NIP, case-insensitively.
// A goal matches on its statement or id, an indicator on its name or id, an activity on its name, code
// or id, a unit on its name or id, an ASN on its name or NIP. With $nip_exact only a whole NIP finds an
// ASN by NIP (what anonymous readers get: a partial NIP must not reveal whose it is); otherwise any part.
// Rows: kind (Goal, Indicator, Activity, Unit, ASN), id (the NIP for an ASN), title (statement or name),
// level (goal level, activity or unit kind; for an indicator the level of the goal it measures, first by
// goal id, or the kind of the activity it measures; null for an ASN), code (activities), position (ASN), unit_id and unit_name (the accountable
// unit: the highest unit ASSIGNED_TO it, for an indicator without one the goal's or activity's, for an ASN the unit it
// is a member of, for a unit its parent), opd_id and opd_name (the perangkat daerah at or above that unit, for a
// unit at or above itself: tells apart same-named sub-units of two OPD), exact (the id, code or NIP equals the text).
// Exact matches first, then units, goals, indicators, activities, ASN, then by title and id; at most 100
// rows. An empty text finds nothing.
// param q: str The text to look for (surrounding spaces ignored).
// param nip_exact: bool? Match a NIP only in full (default false).
WITH toLower(trim($q)) AS q, coalesce($nip_exact, false) AS whole
WHERE q <> ''
CALL (q, whole) {
  MATCH (n:Goal)
  WHERE toLower(n.statement) CONTAINS q OR toLower(n.id) CONTAINS q
  RETURN n, 'Goal' AS kind, toLower(n.id) = q AS exact
  UNION ALL
  MATCH (n:Indicator)
  WHERE toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q
  RETURN n, 'Indicator' AS kind, toLower(n.id) = q AS exact
  UNION ALL
  MATCH (n:Activity)
  WHERE toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q OR toLower(n.code) CONTAINS q
  RETURN n, 'Activity' AS kind, toLower(n.id) = q OR toLower(n.code) = q AS exact
  UNION ALL
  MATCH (n:Unit)
  WHERE toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q
  RETURN n, 'Unit' AS kind, toLower(n.id) = q AS exact
  UNION ALL
  MATCH (n:ASN)
  WHERE toLower(n.name) CONTAINS q OR n.nip = q OR (NOT whole AND n.nip CONTAINS q)
  RETURN n, 'ASN' AS kind, n.nip = q AS exact
}
WITH n, kind, coalesce(exact, false) AS exact
ORDER BY exact DESC, {Unit: 0, Goal: 1, Indicator: 2, Activity: 3, ASN: 4}[kind], coalesce(n.statement, n.name),
         coalesce(n.id, n.nip)
LIMIT 100
CALL (n) {
  CALL (n) {
    MATCH (u:Unit)-[:ASSIGNED_TO]->(n) RETURN u, 0 AS preference
    UNION
    MATCH (u:Unit)-[:ASSIGNED_TO]->(:Goal|Activity)-[:MEASURED_BY]->(n:Indicator) RETURN u, 1 AS preference
    UNION
    MATCH (n:ASN)-[:MEMBER_OF]->(u:Unit) RETURN u, 0 AS preference
    UNION
    MATCH (n:Unit)-[:PART_OF]->(u:Unit) RETURN u, 0 AS preference
  }
  WITH u, preference, COUNT { (u)-[:PART_OF]->+(:Unit) } AS depth
  ORDER BY preference, depth, u.id
  RETURN head(collect(u)) AS unit
}
CALL (n, unit) {
  WITH CASE WHEN n:Unit THEN n ELSE unit END AS start
  OPTIONAL MATCH (start)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  WITH opd ORDER BY opd.id
  RETURN head(collect(opd)) AS opd
}
CALL (n) {
  OPTIONAL MATCH (g:Goal|Activity)-[:MEASURED_BY]->(n:Indicator)
  WITH g ORDER BY g:Activity, g.id
  RETURN head(collect(coalesce(g.level, g.kind))) AS indicator_level
}
RETURN kind, coalesce(n.id, n.nip) AS id, coalesce(n.statement, n.name) AS title,
       CASE kind WHEN 'Goal' THEN n.level WHEN 'Indicator' THEN indicator_level WHEN 'ASN' THEN null
                 ELSE n.kind END AS level,
       n.code AS code, n.position AS position, unit.id AS unit_id, unit.name AS unit_name,
       opd.id AS opd_id, opd.name AS opd_name, exact
