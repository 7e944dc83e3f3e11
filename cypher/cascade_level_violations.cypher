// name: cascade_level_violations
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
// accountable unit rank as OPD goals. Activities are out of scope; an indicator no goal measures has no level
// and is skipped.
// Only contributions from the data: the implied indicator→goal edges (graph/model.py) are skipped.
// Rows: from_id, from_level, to_id, to_level (the goal levels, for an indicator its goal's), direction
// ('down' or 'across'). from_id/to_id are the contribution's own ends (an indicator's id when it is one); one
// row per contribution (and per measured goal, if an indicator measures several); sorted by from_id, to_id.
WITH ['visi', 'misi', 'tujuan_pemda', 'sasaran_pemda', 'tujuan', 'sasaran', 'sasaran_program',
      'sasaran_kegiatan', 'sasaran_subkegiatan', 'rhk'] AS cascade
MATCH (s:Goal|Indicator)-[c:CONTRIBUTES_TO]->(t:Goal|Indicator)
WHERE NOT coalesce(c.implied, false)
CALL (s) {
  WITH s WHERE s:Goal RETURN s AS sg
  UNION
  WITH s WHERE NOT s:Goal
  MATCH (sg:Goal)-[:MEASURED_BY]->(s) RETURN sg
}
CALL (t) {
  WITH t WHERE t:Goal RETURN t AS tg
  UNION
  WITH t WHERE NOT t:Goal
  MATCH (tg:Goal)-[:MEASURED_BY]->(t) RETURN tg
}
// whether a pemda unit is accountable matters only for a tujuan or sasaran: the rest skip the lookups
CALL (sg, tg) {
  WITH sg, tg
  WHERE NOT coalesce(sg.level IN ['tujuan', 'sasaran'] OR tg.level IN ['tujuan', 'sasaran'], false)
  RETURN false AS from_pemda, false AS to_pemda
  UNION
  WITH sg, tg
  WHERE coalesce(sg.level IN ['tujuan', 'sasaran'] OR tg.level IN ['tujuan', 'sasaran'], false)
  WITH sg, tg, EXISTS { (:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(tg) } AS to_pemda
  RETURN to_pemda,
         EXISTS {
           MATCH (p:Unit {kind: 'pemda'})-[:ASSIGNED_TO]->(sg)
           WHERE NOT to_pemda OR EXISTS { (p)-[:ASSIGNED_TO]->(tg) }
         } AS from_pemda
}
WITH cascade, s, t, sg, tg,
     CASE WHEN from_pemda AND sg.level IN ['tujuan', 'sasaran'] THEN sg.level + '_pemda' ELSE sg.level END AS from_step,
     CASE WHEN to_pemda AND tg.level IN ['tujuan', 'sasaran'] THEN tg.level + '_pemda' ELSE tg.level END AS to_step
WITH s, t, sg, tg,
     [i IN range(0, size(cascade) - 1) WHERE cascade[i] = from_step][0] AS from_rank,
     [i IN range(0, size(cascade) - 1) WHERE cascade[i] = to_step][0] AS to_rank
WHERE to_rank >= from_rank
RETURN DISTINCT s.id AS from_id, sg.level AS from_level, t.id AS to_id, tg.level AS to_level,
       CASE WHEN to_rank > from_rank THEN 'down' ELSE 'across' END AS direction
ORDER BY from_id, to_id, to_level
