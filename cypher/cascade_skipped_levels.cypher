// name: cascade_skipped_levels
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
// indicator no goal measures has no level and is skipped.
// Only contributions from the data: the implied indicator→goal edges (graph/model.py) are skipped.
// Rows: from_id, from_level, to_id, to_level (goal levels, for an indicator its goal's; ids are the
// contribution's own ends), skipped (the steps jumped over, top to bottom, named as above); sorted by
// from_id, to_id.
WITH ['visi', 'misi', 'tujuan_pemda', 'sasaran_pemda', 'tujuan', 'sasaran', 'sasaran_program',
      'sasaran_kegiatan', 'sasaran_subkegiatan', 'rhk'] AS cascade,
     [['rhk', 'sasaran_kegiatan'], ['rhk', 'sasaran_program'], ['rhk', 'sasaran'], ['rhk', 'sasaran_pemda'],
      ['sasaran', 'sasaran_pemda']] AS allowed_skips
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
WITH cascade, allowed_skips, s, t, sg, tg,
     CASE WHEN from_pemda AND sg.level IN ['tujuan', 'sasaran'] THEN sg.level + '_pemda' ELSE sg.level END AS from_step,
     CASE WHEN to_pemda AND tg.level IN ['tujuan', 'sasaran'] THEN tg.level + '_pemda' ELSE tg.level END AS to_step
WITH cascade, allowed_skips, s, t, sg, tg, from_step, to_step,
     [i IN range(0, size(cascade) - 1) WHERE cascade[i] = from_step][0] AS from_rank,
     [i IN range(0, size(cascade) - 1) WHERE cascade[i] = to_step][0] AS to_rank
WHERE to_rank < from_rank - 1 AND NOT [from_step, to_step] IN allowed_skips
RETURN DISTINCT s.id AS from_id, sg.level AS from_level, t.id AS to_id, tg.level AS to_level,
       cascade[to_rank + 1..from_rank] AS skipped
ORDER BY from_id, to_id, to_level
