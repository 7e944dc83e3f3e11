// name: cascade_skipped_levels
// finding: Cascading melompati level
// finding description: Kontribusi yang melompati level cascading yang tidak boleh dilompati.
// finding order: 110
// finding column from_id Goal: Dari
// finding column from_level: Level asal
// finding column to_id Goal: Ke
// finding column to_level: Level tujuan
// finding column skipped: Level yang dilompati
// Contributions that skip levels of the cascade upward.
// A goal (or an indicator, standing for the goal it measures) CONTRIBUTES_TO a goal (or its indicator) more
// than one step above it, unless the skip is one the cascade allows.
// Steps, top to bottom: visi, misi, tujuan_pemda, sasaran_pemda, then an OPD's tujuan, sasaran,
// sasaran_program, sasaran_kegiatan, sasaran_subkegiatan, rhk. A tujuan or sasaran is at the Pemda step when
// a unit of kind pemda is ASSIGNED_TO it (as in cascade_level_violations: an OPD's tujuan supporting a Pemda
// sasaran is one step up; another government's goals rank like an OPD's).
// Allowed skips (`allowed_skips` at the top of the query, [from step, to step]; extend it there): rhk →
// sasaran_kegiatan (sasaran_subkegiatan is optional), rhk → sasaran_program (staff working directly for an
// administrator, eselon III), rhk → sasaran and rhk → sasaran_pemda (the RHK of a head of OPD or of
// functional staff under the head), sasaran → sasaran_pemda (an OPD's sasaran strategis supporting a Pemda
// sasaran directly, without its own tujuan). Not allowed, among others: sasaran_subkegiatan →
// sasaran_program, sasaran_kegiatan → sasaran, sasaran_program → tujuan, sasaran → misi, tujuan → visi, an
// OPD's tujuan → a Pemda tujuan.
// Downward and across contributions are cascade_level_violations' business. Activities are out of scope; an
// indicator no goal measures (one only an activity measures included) has no level and is skipped.
// Only contributions from the data: the implied indicator→goal edges (graph/model.py) are skipped.
// Rows: from_id, from_level, to_id, to_level (goal levels, for an indicator its goal's; ids are the
// contribution's own ends), skipped (the steps jumped over, top to bottom, named as above); sorted by
// from_id, to_id.
// the steps, top to bottom, and the rank of each
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
WITH ['visi', 'misi', 'tujuan_pemda', 'sasaran_pemda', 'tujuan', 'sasaran', 'sasaran_program',
      'sasaran_kegiatan', 'sasaran_subkegiatan', 'rhk'] AS cascade,
     {visi: 0, misi: 1, tujuan_pemda: 2, sasaran_pemda: 3, tujuan: 4, sasaran: 5, sasaran_program: 6,
      sasaran_kegiatan: 7, sasaran_subkegiatan: 8, rhk: 9} AS rank,
     [['rhk', 'sasaran_kegiatan'], ['rhk', 'sasaran_program'], ['rhk', 'sasaran'], ['rhk', 'sasaran_pemda'],
      ['sasaran', 'sasaran_pemda']] AS allowed_skips
// every contribution once, from the relationship type's index (not from each node's relationships); of the versions
// read through the `dataset` index (a scan of every version's contributions would grow with the versions held)
CALL (cascade, rank, allowed_skips) {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH ()-[c:CONTRIBUTES_TO]->()
  RETURN c
  UNION ALL
  UNWIND $datasets AS dataset
  WITH DISTINCT dataset
  MATCH ()-[c:CONTRIBUTES_TO {dataset: dataset}]->()
  RETURN c
}
WITH cascade, rank, allowed_skips, c, startNode(c) AS s, endNode(c) AS t
WHERE (s:Goal OR s:Indicator) AND (t:Goal OR t:Indicator) AND NOT coalesce(c.implied, false)
// an indicator stands for the goal(s) measuring it
UNWIND CASE WHEN s:Goal THEN [s] ELSE [(g:Goal)-[:MEASURED_BY]->(s) | g] END AS sg
UNWIND CASE WHEN t:Goal THEN [t] ELSE [(g:Goal)-[:MEASURED_BY]->(t) | g] END AS tg
WITH cascade, rank, allowed_skips, c, sg, tg, sg.level AS from_level, tg.level AS to_level
// whether a pemda unit is accountable matters only for a tujuan or sasaran: the rest skip the lookups
WITH cascade, rank, allowed_skips, c, sg, tg, from_level, to_level,
     CASE WHEN from_level IN ['tujuan', 'sasaran'] OR to_level IN ['tujuan', 'sasaran']
          THEN EXISTS { (:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(tg) } ELSE false END AS to_pemda
WITH cascade, rank, allowed_skips, c, from_level, to_level,
     CASE WHEN from_level IN ['tujuan', 'sasaran']
            AND EXISTS { MATCH (p:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(sg)
                         WHERE NOT to_pemda OR EXISTS { (p)-[:ASSIGNED_TO]->(tg) } }
          THEN from_level + '_pemda' ELSE from_level END AS from_step,
     CASE WHEN to_pemda AND to_level IN ['tujuan', 'sasaran'] THEN to_level + '_pemda' ELSE to_level END AS to_step
WITH cascade, allowed_skips, c, from_level, to_level, from_step, to_step,
     rank[from_step] AS from_rank, rank[to_step] AS to_rank
WHERE to_rank < from_rank - 1 AND NOT [from_step, to_step] IN allowed_skips
// the ends' ids are read for the few rows reported only
RETURN DISTINCT startNode(c).id AS from_id, from_level, endNode(c).id AS to_id, to_level,
       cascade[to_rank + 1..from_rank] AS skipped
ORDER BY from_id, to_id, to_level
