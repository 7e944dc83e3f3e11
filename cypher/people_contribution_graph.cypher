// name: people_contribution_graph
// The contribution graph from the staff to the outcomes, as edges, for graph/people.py (single points of
// failure, the outcomes a retirement or a mutasi leaves without anyone; docs/domain.md, "People at risk"):
// every ASN to what it is ASSIGNED_TO (`assigned`), every CONTRIBUTES_TO (the implied indicator→goal edges too: an
// indicator stands for the goal it measures), and every goal to the indicators that measure it (the goal's
// work is its indicators' work, so an IKU is reached through its sasaran). Then one row per outcome goal
// (visi, misi, tujuan, sasaran) and per IKU (an indicator flagged iku = true, or not flagged and measuring a
// sasaran) as a target, and one per element an ASN is assigned to with its holders.
// Rows: kind (`assigned`, `edge`, `target`, `holders`), source, target (an edge's two ends; for a target row its id in
// source), label (a target's: `goal` or `iku`), measures (an IKU's goal), holders (NIPs of the ASN assigned
// to the element in source).
// const outcome_levels
CALL () {
  MATCH (s:ASN)-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity)
  RETURN 'assigned' AS kind, s.nip AS source, e.id AS target, null AS label, null AS measures, null AS holders
  UNION ALL
  MATCH (a)-[:CONTRIBUTES_TO]->(b)
  RETURN 'edge' AS kind, a.id AS source, b.id AS target, null AS label, null AS measures, null AS holders
  UNION ALL
  MATCH (g:Goal)-[:MEASURED_BY]->(i:Indicator)
  RETURN 'edge' AS kind, g.id AS source, i.id AS target, null AS label, null AS measures, null AS holders
  UNION ALL
  MATCH (g:Goal)
  WHERE g.level IN $outcome_levels
  RETURN 'target' AS kind, g.id AS source, null AS target, 'goal' AS label, null AS measures, null AS holders
  UNION ALL
  MATCH (g:Goal)-[:MEASURED_BY]->(i:Indicator)
  WHERE i.iku = true OR (i.iku IS NULL AND g.level = 'sasaran')
  RETURN 'target' AS kind, i.id AS source, null AS target, 'iku' AS label, g.id AS measures, null AS holders
  UNION ALL
  MATCH (s:ASN)-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity)
  WITH e, collect(s.nip) AS holders
  RETURN 'holders' AS kind, e.id AS source, null AS target, null AS label, null AS measures, holders
}
RETURN kind, source, target, label, measures, holders
