// name: rhk_without_intervention
// finding: RHK yang tidak mengintervensi RHK atasan
// finding description: ASN yang rencana hasil kerjanya tidak mendukung (langsung atau melalui rantai
// finding description: kontribusi) RHK atau sasaran atasannya; kepala OPD diperiksa terhadap sasaran OPD
// finding description: (PermenPAN-RB 6/2022).
// finding order: 140
// finding column nip ASN: NIP
// finding column name: Nama
// finding column position: Jabatan
// finding column unit_id Unit: Kode unit
// finding column unit_name: Unit
// finding column atasan_nip ASN: NIP atasan
// finding column atasan_name: Atasan
// finding column checked_against: Diperiksa terhadap
// finding column reason: Sebab
// finding column rhk Goal: RHK
// finding column leads_to Goal: Mendukung
// finding column leads_to_owners: Pemilik yang didukung
// Every ASN whose rencana hasil kerja intervene in nothing their atasan is accountable for (PermenPAN-RB
// 6/2022; docs/domain.md, "RHK, intervensi and the Matriks Peran Hasil"). An ASN's results are the goals
// and indicators they are ASSIGNED_TO (an rhk, or the sasaran a pejabat's RHK is drawn from); they
// intervene when one of them is, or reaches through CONTRIBUTES_TO at any depth (an indicator standing for
// the goal it measures), a goal or indicator their atasan (REPORTS_TO) is assigned to. The head of an OPD
// (a member of the OPD's own unit whose atasan, if any, works outside that OPD) is checked against the
// sasaran the OPD is assigned to instead.
// Reasons: `no_rhk` (assigned to no goal or indicator), `no_atasan` (not a head and no REPORTS_TO),
// `atasan_without_rhk` (the atasan is assigned to no goal or indicator), `opd_without_sasaran` (a head
// whose OPD is assigned no sasaran), `leads_elsewhere` (the results reach only other people's work: see
// leads_to and leads_to_owners), `leads_nowhere` (the results contribute to nothing).
// Rows: nip, name, position, unit_id, unit_name, atasan_nip, atasan_name, checked_against (`atasan` or
// `sasaran_opd`), reason, rhk (ids of the ASN's results), leads_to (ids of what they contribute to directly),
// leads_to_owners (NIP or unit id of whoever is assigned to those; empty lists for leads_nowhere).
// param unit: str? Only staff of this unit or of any unit below it (PART_OF).
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
// the ASN to check: those the importer found, while what it keeps is current for this scope (graph/importer/
// people_kept.py: every other ASN's RHK intervene), else every ASN of the scope, or of $unit from the unit down
// (not every ASN of the graph filtered: where nothing is kept, as on the whole nation, one OPD read 4.4 M ASN)
CALL (people_known, people_lock) {
  WITH people_lock WHERE people_known
  UNWIND range(0, size(people_lock.people_break_nip) - 1) AS i
  MATCH (s:ASN {nip: people_lock.people_break_nip[i], dataset: people_lock.people_break_dataset[i]})
  RETURN s
  UNION ALL
  UNWIND CASE WHEN people_known OR $unit IS NOT NULL THEN [] ELSE [true] END AS walk  // the scan runs only then
  MATCH (s:ASN)
  WHERE ($datasets IS NULL OR s.dataset IN $datasets)
  RETURN s
  UNION ALL
  UNWIND CASE WHEN people_known OR $unit IS NULL THEN [] ELSE [true] END AS walk
  MATCH (top:Unit {id: $unit})<-[:PART_OF*0..]-(:Unit)<-[:MEMBER_OF]-(s:ASN)
  WHERE ($datasets IS NULL OR s.dataset IN $datasets)
  RETURN DISTINCT s
}
WITH s, people_known AS kept
WHERE $unit IS NULL OR EXISTS { MATCH (s)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) }
CALL (s) {
  OPTIONAL MATCH (s)-[:MEMBER_OF]->(u:Unit)
  RETURN u ORDER BY u.id LIMIT 1
}
CALL (s) {
  OPTIONAL MATCH (s)-[:REPORTS_TO]->(boss:ASN)
  RETURN boss ORDER BY boss.nip LIMIT 1
}
// a head is a member of the OPD's own unit (so that unit is the OPD) whose atasan works outside it; the
// search for the atasan's unit runs only for the few members of an OPD's own unit
WITH s, kept, u, boss,
     CASE WHEN coalesce(u.kind = 'perangkat_daerah', false)
          THEN boss IS NULL OR NOT EXISTS { MATCH (boss)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(u) }
          ELSE false END AS head,
     [(s)-[:ASSIGNED_TO]->(r:Goal|Indicator) | r] AS results
WITH s, kept, u, boss, head, results,
     CASE WHEN head THEN [(u)-[:ASSIGNED_TO]->(g:Goal {level: 'sasaran'}) | g]
          ELSE [(boss)-[:ASSIGNED_TO]->(t:Goal|Indicator) | t] END AS targets
// the ASN kept are those whose RHK intervene nowhere: only the others are searched
WITH s, kept, u, boss, head, results, targets,
     NOT kept AND any(r IN results WHERE r IN targets
         OR any(next IN [(r)-[:CONTRIBUTES_TO]->(next) | next] WHERE next IN targets)) AS direct
// most results meet the atasan's in one step: the search upward runs only for the others, each node once,
// stopped at the first target met (the target test after DISTINCT keeps the planner from expanding into
// the targets, which enumerates every path)
CALL (results, targets, direct, kept) {
  WITH results, targets
  WHERE size(targets) > 0 AND NOT direct AND NOT kept
  UNWIND results AS r
  OPTIONAL MATCH (r)-[:CONTRIBUTES_TO*0..]->(reached)
  WITH DISTINCT targets, reached
  WHERE reached IN targets
  WITH reached
  LIMIT 1
  RETURN count(reached) > 0 AS deep
}
WITH s, u, boss, head, results, targets, direct OR deep AS intervenes
WHERE NOT intervenes
// to whose work they lead: what the results (an indicator with the goal it measures) contribute to directly
CALL (results) {
  UNWIND results AS r
  UNWIND [r] + [(g)-[:MEASURED_BY]->(r) | g] AS result
  MATCH (result)-[c:CONTRIBUTES_TO]->(next)
  WHERE c.implied IS NULL
  WITH DISTINCT next
  OPTIONAL MATCH (owner:ASN|Unit)-[:ASSIGNED_TO]->(next)
  RETURN collect(DISTINCT next.id) AS leads_to, collect(DISTINCT coalesce(owner.nip, owner.id)) AS owners
}
RETURN s.nip AS nip, s.name AS name, s.position AS position, u.id AS unit_id, u.name AS unit_name,
       boss.nip AS atasan_nip, boss.name AS atasan_name,
       CASE WHEN head THEN 'sasaran_opd' ELSE 'atasan' END AS checked_against,
       CASE WHEN size(results) = 0 THEN 'no_rhk'
            WHEN head AND size(targets) = 0 THEN 'opd_without_sasaran'
            WHEN NOT head AND boss IS NULL THEN 'no_atasan'
            WHEN NOT head AND size(targets) = 0 THEN 'atasan_without_rhk'
            WHEN size(leads_to) = 0 THEN 'leads_nowhere'
            ELSE 'leads_elsewhere' END AS reason,
       [r IN results | r.id] AS rhk, leads_to,
       owners AS leads_to_owners
ORDER BY unit_id, nip
