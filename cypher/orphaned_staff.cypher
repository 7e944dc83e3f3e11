// name: orphaned_staff
// finding: ASN tanpa kontribusi ke outcome
// finding description: ASN yang tidak ditugaskan pada elemen kinerja mana pun, atau yang penugasannya tidak
// finding description: terhubung ke visi, misi, tujuan atau sasaran melalui rantai kontribusi.
// finding order: 10
// finding marks nip ASN: ASN tanpa kontribusi ke outcome
// finding column nip ASN: NIP
// finding column name: Nama
// finding column position: Jabatan
// finding column unit_id Unit: Kode unit
// finding column unit_name: Unit
// finding column reason: Sebab
// finding column assigned_to Goal: Ditugaskan pada
// Every ASN who contributes to no outcome: either not assigned to anything (reason `unassigned`) or
// assigned only to elements from which no chain of CONTRIBUTES_TO (an indicator standing for the goal
// it measures, through the implied indicator→goal edges) reaches a visi, misi, tujuan or sasaran goal
// (reason `dead_end`).
// Rows: nip, name, position, unit_id, unit_name, reason, assigned_to (ids of what they are assigned to).
// param unit: str? Only staff of this unit or of any unit below it (PART_OF).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
// Two ways to the same answer, chosen by $unit, so that the work grows with what is asked:
// - the whole graph: the elements from which an outcome is reached are found once, from the outcomes down
//   (one breadth-first search per element right below an outcome, never entering another outcome), and each
//   ASN is checked against that set;
// - one unit: only its staff are read (from the unit down), and the search runs upward from what they are
//   assigned to, so a small unit costs little however big the graph is.
// - when the importer's fact is current (graph/model.py REACH_PROPERTY: every goal, indicator and activity carries
//   `reaches_outcome`, kept by the import inside its transaction; docs/reach.md), an ASN's assignments are read
//   and nothing is walked, whole graph or one unit; otherwise (a graph written by raw Cypher or an older pokin)
//   the two walks below answer, exactly as the fact would.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL (nodes, relationships) {
  OPTIONAL MATCH (lock:PokinImportLock {id: 'import'})
  RETURN coalesce(lock.reach_version = coalesce(lock.version, '') AND lock.reach_nodes = nodes
                  AND lock.reach_relationships = relationships, false) AS reach_known
}
CALL (reach_known) {
  WITH reach_known
  WHERE reach_known AND $unit IS NULL
  // the staff of the versions read: all, or each version's through the `dataset` index; in a subquery after the
  // gate (inside one MATCH the planner scans every ASN and tests the gate after: one OPD read every ASN)
  CALL (reach_known) {
    UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
    MATCH (s:ASN)
    RETURN s
    UNION ALL
    UNWIND $datasets AS dataset
    WITH DISTINCT dataset
    MATCH (s:ASN {dataset: dataset})
    RETURN s
  }
  WITH s
  WHERE NOT EXISTS { MATCH (s)-[:ASSIGNED_TO]->(e) WHERE e.reaches_outcome }
  RETURN s
  UNION
  WITH reach_known
  WHERE reach_known AND $unit IS NOT NULL
  MATCH (top:Unit {id: $unit})<-[:PART_OF*0..]-(sub:Unit)
  WHERE ($datasets IS NULL OR top.dataset IN $datasets)
  WITH DISTINCT sub
  MATCH (sub)<-[:MEMBER_OF]-(s:ASN)
  WHERE NOT EXISTS { MATCH (s)-[:ASSIGNED_TO]->(e) WHERE e.reaches_outcome }
  RETURN DISTINCT s
  UNION
  WITH reach_known
  WHERE NOT reach_known
  CALL () {
    WITH $unit AS unit
    WHERE unit IS NULL
    CALL () {
      CALL () {
        UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
        MATCH (s:ASN)
        RETURN s
        UNION ALL
        UNWIND $datasets AS dataset
        WITH DISTINCT dataset
        MATCH (s:ASN {dataset: dataset})
        RETURN s
      }
      RETURN collect(s) AS staff
    }
    CALL () {
      MATCH (o:Goal)<-[:CONTRIBUTES_TO]-(below)
      WHERE o.level IN $outcome_levels
        AND NOT coalesce(below:Goal AND below.level IN $outcome_levels, false)
      WITH DISTINCT below
      MATCH path = (below)<-[:CONTRIBUTES_TO*0..]-(reaching)
      WHERE all(n IN nodes(path) WHERE NOT coalesce(n:Goal AND n.level IN $outcome_levels, false))
      WITH DISTINCT reaching
      RETURN collect(reaching) AS reaching
    }
    UNWIND staff AS s
    WITH s, reaching
    WHERE NOT any(e IN [(s)-[:ASSIGNED_TO]->(e) | e] WHERE e IN reaching)
    RETURN s
    UNION
    WITH $unit AS unit
    WHERE unit IS NOT NULL
    MATCH (top:Unit {id: unit})<-[:PART_OF*0..]-(sub:Unit)
    WHERE ($datasets IS NULL OR top.dataset IN $datasets)
    WITH DISTINCT sub
    MATCH (sub)<-[:MEMBER_OF]-(s:ASN)
    OPTIONAL MATCH (s)-[:ASSIGNED_TO]->(:Goal|Indicator|Activity)-[:CONTRIBUTES_TO]->(next)
    WITH s, collect(DISTINCT next) AS nexts
    WITH collect({s: s, nexts: nexts}) AS staff
    // An element reaches an outcome when it is one or when an element it contributes to does. The thousands of
    // ASN share a few hundred such elements, and those a few hundred more above them: the search upward runs
    // once per element two steps up, not once per ASN.
    CALL (staff) {
      UNWIND staff AS row
      UNWIND row.nexts AS next
      WITH DISTINCT next
      OPTIONAL MATCH (next)-[:CONTRIBUTES_TO]->(after)
      WITH next, collect(after) AS afters
      WITH collect({next: next, afters: afters}) AS nexts
      CALL (nexts) {
        UNWIND nexts AS row
        UNWIND row.afters AS after
        WITH DISTINCT after
        WITH after, coalesce(after:Goal AND after.level IN $outcome_levels, false) AS outcome
        // existence only: each node once, stopped at the first outcome met. The outcome test comes after DISTINCT
        // on purpose: inside the MATCH the planner may start from the (few) outcome goals and expand Into, which
        // enumerates every path (2^n on a ladder of n rungs)
        CALL (after, outcome) {
          WITH after WHERE NOT outcome
          OPTIONAL MATCH (after)-[:CONTRIBUTES_TO*0..]->(reached)
          WITH DISTINCT reached
          WHERE reached:Goal AND reached.level IN $outcome_levels
          WITH reached
          LIMIT 1
          RETURN count(reached) > 0 AS reaches
        }
        WITH after WHERE outcome OR reaches
        RETURN collect(after) AS good
      }
      UNWIND nexts AS row
      WITH row WHERE (row.next:Goal AND row.next.level IN $outcome_levels)
                  OR any(after IN row.afters WHERE after IN good)
      RETURN collect(row.next) AS leads_up
    }
    UNWIND staff AS row
    WITH row.s AS s, row.nexts AS nexts, leads_up
    WHERE NOT any(next IN nexts WHERE next IN leads_up)
    RETURN s
  }
  RETURN s
}
// and is not itself assigned to an outcome (the few left are looked at again; the level is tested on the
// list so that the planner cannot start from the outcome goals' index and try each against every ASN)
WITH s
WHERE NOT any(level IN [(s)-[:ASSIGNED_TO]->(e:Goal) | e.level]
              WHERE coalesce(level IN $outcome_levels, false))
OPTIONAL MATCH (s)-[:MEMBER_OF]->(u:Unit)
WITH s, u
WHERE $unit IS NULL OR EXISTS { MATCH (u)-[:PART_OF]->*(:Unit {id: $unit}) }
CALL (s) {
  OPTIONAL MATCH (s)-[:ASSIGNED_TO]->(e)
  RETURN collect(coalesce(e.id, e.nip)) AS assigned_to
}
RETURN s.nip AS nip, s.name AS name, s.position AS position, u.id AS unit_id, u.name AS unit_name,
       CASE WHEN size(assigned_to) = 0 THEN 'unassigned' ELSE 'dead_end' END AS reason,
       assigned_to
ORDER BY unit_id, nip
