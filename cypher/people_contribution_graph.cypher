// name: people_contribution_graph
// The contribution graph from the staff to the outcomes, for graph/people.py (single points of failure, the
// outcomes a retirement or a mutasi leaves without anyone; docs/domain.md, "People at risk"), in ONE row of
// parallel lists (a result of tens of thousands of rows costs the driver far more than the same ids in a few
// lists): every ASN to what it is ASSIGNED_TO (`assigned_from`, `assigned_to`; the holders of an element are
// read from the same pairs), every CONTRIBUTES_TO (the implied indicator→goal edges too: an indicator stands
// for the goal it measures) and every goal to the indicators that measure it (the goal's work is its
// indicators' work, so an IKU is reached through its sasaran) (`edge_from`, `edge_to`); the outcome goals
// (visi, misi, tujuan, sasaran: `goals`) and the IKU (an indicator flagged iku = true, or not flagged and
// measuring a sasaran: `iku`, with the goal each measures in `iku_measures`).
// Rows: assigned_from (NIPs), assigned_to (element ids), edge_from, edge_to (element ids), goals (ids), iku
// (indicator ids), iku_measures (goal ids).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
CALL () {
  MATCH (s:ASN)-[:ASSIGNED_TO]->(e:Goal|Indicator|Activity)
  WHERE ($datasets IS NULL OR s.dataset IN $datasets)
  RETURN collect(s.nip) AS assigned_from, collect(e.id) AS assigned_to
}
CALL () {
  CALL () {
    MATCH (a)-[r:CONTRIBUTES_TO]->(b)
    WHERE ($datasets IS NULL OR r.dataset IN $datasets)
    RETURN a.id AS source, b.id AS target
    UNION ALL
    MATCH (g:Goal)-[:MEASURED_BY]->(i:Indicator)
    WHERE ($datasets IS NULL OR g.dataset IN $datasets)
    RETURN g.id AS source, i.id AS target
  }
  RETURN collect(source) AS edge_from, collect(target) AS edge_to
}
CALL () {
  MATCH (g:Goal)
  WHERE g.level IN $outcome_levels AND ($datasets IS NULL OR g.dataset IN $datasets)
  RETURN collect(g.id) AS goals
}
CALL () {
  MATCH (g:Goal)-[:MEASURED_BY]->(i:Indicator)
  WHERE (i.iku = true OR (i.iku IS NULL AND g.level = 'sasaran')) AND ($datasets IS NULL OR g.dataset IN $datasets)
  RETURN collect(i.id) AS iku, collect(g.id) AS iku_measures
}
RETURN assigned_from, assigned_to, edge_from, edge_to, goals, iku, iku_measures
