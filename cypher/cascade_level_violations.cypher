// name: cascade_level_violations
// finding: Kontribusi ke level yang sama atau lebih rendah
// finding description: Kontribusi yang mengarah ke bawah atau ke samping dalam cascading kinerja.
// finding order: 100
// finding column from_id Goal: Dari
// finding column from_level: Level asal
// finding column to_id Goal: Ke
// finding column to_level: Level tujuan
// finding column direction: Arah
// Contributions that point down or across the cascade.
// A goal (or an indicator, standing for the goal it measures) CONTRIBUTES_TO a goal or an indicator (standing
// for its goal) that is lower in the tree ('down') or at the same step ('across', e.g. rhk → rhk, or one
// OPD's sasaran → another OPD's sasaran).
// Steps, top to bottom: visi, misi, tujuan_pemda, sasaran_pemda, then an OPD's tujuan, sasaran,
// sasaran_program, sasaran_kegiatan, sasaran_subkegiatan, rhk. A tujuan or sasaran is at the Pemda step when
// a unit of kind pemda is ASSIGNED_TO it; the OPD tree hangs below the Pemda's sasaran, so an OPD's tujuan or
// sasaran supporting a Pemda tujuan or sasaran points up, not across. In a contribution to a Pemda goal, the
// source's tujuan/sasaran counts as Pemda-level only when that same pemda unit is accountable for it (another
// government's goals, e.g. a kabupaten supporting its province, rank like an OPD's). Goals without any
// accountable unit rank as OPD goals. Activities are out of scope; an indicator no goal measures (one only an
// activity measures included) has no level and is skipped.
// Only contributions from the data: the implied indicator→goal edges (graph/model.py) are skipped.
// Rows: from_id, from_level, to_id, to_level (the goal levels, for an indicator its goal's), direction
// ('down' or 'across'). from_id/to_id are the contribution's own ends (an indicator's id when it is one); one
// row per contribution (and per measured goal, if an indicator measures several); sorted by from_id, to_id.
// the rank of each step, top to bottom
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
WITH {visi: 0, misi: 1, tujuan_pemda: 2, sasaran_pemda: 3, tujuan: 4, sasaran: 5, sasaran_program: 6,
      sasaran_kegiatan: 7, sasaran_subkegiatan: 8, rhk: 9} AS rank
// every contribution once, from the relationship type's index (not from each node's relationships)
// the contributions of the versions read: all, or each version's through the `dataset` index
CALL (rank) {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH ()-[c:CONTRIBUTES_TO]->()
  RETURN c
  UNION ALL
  UNWIND $datasets AS dataset
  WITH DISTINCT dataset
  MATCH ()-[c:CONTRIBUTES_TO {dataset: dataset}]->()
  RETURN c
}
WITH rank, c, startNode(c) AS s, endNode(c) AS t
WHERE (s:Goal OR s:Indicator) AND (t:Goal OR t:Indicator) AND NOT coalesce(c.implied, false)
// an indicator stands for the goal(s) measuring it
UNWIND CASE WHEN s:Goal THEN [s] ELSE [(g:Goal)-[:MEASURED_BY]->(s) | g] END AS sg
UNWIND CASE WHEN t:Goal THEN [t] ELSE [(g:Goal)-[:MEASURED_BY]->(t) | g] END AS tg
WITH rank, c, sg, tg, sg.level AS from_level, tg.level AS to_level
// whether a pemda unit is accountable matters only for a tujuan or sasaran: the rest skip the lookups
WITH rank, c, sg, tg, from_level, to_level,
     CASE WHEN from_level IN ['tujuan', 'sasaran'] OR to_level IN ['tujuan', 'sasaran']
          THEN EXISTS { (:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(tg) } ELSE false END AS to_pemda
WITH rank, c, from_level, to_level,
     CASE WHEN from_level IN ['tujuan', 'sasaran']
            AND EXISTS { MATCH (p:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(sg)
                         WHERE NOT to_pemda OR EXISTS { (p)-[:ASSIGNED_TO]->(tg) } }
          THEN from_level + '_pemda' ELSE from_level END AS from_step,
     CASE WHEN to_pemda AND to_level IN ['tujuan', 'sasaran'] THEN to_level + '_pemda' ELSE to_level END AS to_step
WITH c, from_level, to_level, rank[from_step] AS from_rank, rank[to_step] AS to_rank
WHERE to_rank >= from_rank
// the ends' ids are read for the few rows reported only
RETURN DISTINCT startNode(c).id AS from_id, from_level, endNode(c).id AS to_id, to_level,
       CASE WHEN to_rank > from_rank THEN 'down' ELSE 'across' END AS direction
ORDER BY from_id, to_id, to_level
