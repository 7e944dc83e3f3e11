// name: what_if_remove
// What would be lost if one goal, indicator or activity were removed together with its edges.
// Support: following CONTRIBUTES_TO upward (an indicator standing for the goal or activity it measures;
// PART_OF confers nothing). A "source" is the work at the bottom of a chain: an activity, or a goal that
// nothing contributes to (no CONTRIBUTES_TO into it nor into one of its indicators). Indicators are
// never sources: a goal is not supported merely by being measured.
// Rows:
// - kind 'goal' / 'indicator': every goal or indicator above the element (reached upward from it) that
//   loses ALL support: a source reaches it now (through the element, which is a source or is reached
//   by one) and no source reaches it along a chain that avoids the element. So a goal fed only by the
//   element is listed, and so is every goal above fed only through such goals; a goal with another
//   live contributor is not. detail: the goal's level, or the id of the goal (or activity) the indicator
//   measures. An activity above the element (one whose indicator the element supports) is a source
//   itself: never lost, and what it reaches keeps its support.
//   Computed as: an element above with a direct supporter that is neither the element nor above it
//   and that a source reaches (or is a source) keeps its support, and so does everything it reaches
//   upward without passing through the element; the rest is lost. On acyclic data this is exactly
//   the definition; with cycles it is too, except that a supporter outside counts as live whenever a
//   source reaches it.
// - kind 'staff': every ASN who reaches an outcome goal (visi, misi, tujuan, sasaran) now, through an
//   element ASSIGNED_TO them, and would reach none once the element is gone (staff assigned only to it,
//   or whose every route to an outcome passes through it, or who reach only the element if it is an
//   outcome). detail: ids of what the ASN is assigned to, '; '-separated.
// - kind 'budget' (activities only): the pagu freed, as a number in detail: the element's budget plus
//   the budget of every activity PART_OF it (a program's kegiatan and subkegiatan). Only the budget
//   counts those descendants; the rows above consider the element alone removed.
// Sorted by kind (goal, indicator, staff, budget), then id. No rows for an unknown id.
// How the searches are written: an indicator stands for the goal it measures through the implied
// (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer derives from every MEASURED_BY
// (graph/model.py), so upward is CONTRIBUTES_TO forwards and downward its reverse, each one
// breadth-first search (each node once; "avoiding the element" is a node predicate inside it): no bound
// on indicator steps, and it terminates on cycles and on chains thousands deep.
// param id: str Id of the Goal, Indicator or Activity to remove.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
CALL () {
  MATCH (x:Goal {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Indicator {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Activity {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
}
CALL (x) {
  MATCH (x)-[:CONTRIBUTES_TO*]->(y)
  WITH DISTINCT x, y
  WHERE y <> x
  RETURN collect(y) AS above
}
CALL (x) {
  MATCH (x)<-[:CONTRIBUTES_TO*0..]-(n)
  RETURN collect(DISTINCT n) AS below
}
// a source: an activity, or a goal nothing contributes to (the implied edges from its own indicators
// do not count, a contribution to one of those indicators does)
WITH x, above, below,
     any(src IN below WHERE src:Activity OR (src:Goal
       AND NOT EXISTS { MATCH (src)<-[r:CONTRIBUTES_TO]-() WHERE NOT coalesce(r.implied, false) }
       AND NOT EXISTS { (src)-[:MEASURED_BY]->(:Indicator)<-[:CONTRIBUTES_TO]-() })) AS supported,
     any(n IN above + [x] WHERE n:Goal AND n.level IN $outcome_levels) AS reaches_outcome
// seeds: what is above the element and keeps a live direct supporter
CALL (x, above) {
  UNWIND above AS y
  MATCH (z)-[:CONTRIBUTES_TO]->(y)
  WHERE z <> x AND NOT z IN above
  WITH DISTINCT y, z
  CALL (z) {
    OPTIONAL MATCH (z)<-[:CONTRIBUTES_TO*0..]-(src)
    WITH DISTINCT src
    WHERE src:Activity OR (src:Goal
      AND NOT EXISTS { MATCH (src)<-[r:CONTRIBUTES_TO]-() WHERE NOT coalesce(r.implied, false) }
      AND NOT EXISTS { (src)-[:MEASURED_BY]->(:Indicator)<-[:CONTRIBUTES_TO]-() })
    RETURN count(src) > 0 AS live
  }
  WITH y, live
  WHERE live
  RETURN collect(DISTINCT y) AS seeds
}
// kept: the seeds and what they reach upward without passing through the element (an activity above, whose
// indicator the element supports, is a source of its own: a seed too)
CALL (x, above, seeds) {
  UNWIND seeds + [a IN above WHERE a:Activity] AS seed
  MATCH (seed)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
  RETURN collect(DISTINCT m) AS kept
}
CALL (x, above, below, supported, reaches_outcome, kept) {
  UNWIND above AS y
  WITH y, supported, kept
  WHERE supported AND NOT y IN kept
  CALL (y) {
    OPTIONAL MATCH (g:Goal|Activity)-[:MEASURED_BY]->(y)
    WITH g ORDER BY g.id
    RETURN head(collect(g.id)) AS measured_goal
  }
  RETURN CASE WHEN y:Goal THEN 'goal' ELSE 'indicator' END AS kind, y.id AS id,
         coalesce(y.statement, y.name) AS name,
         CASE WHEN y:Goal THEN y.level ELSE measured_goal END AS detail
  UNION ALL
  UNWIND below AS e
  MATCH (s:ASN)-[:ASSIGNED_TO]->(e)
  WITH DISTINCT x, s, reaches_outcome
  WHERE reaches_outcome
  CALL (x, s) {
    OPTIONAL MATCH (s)-[:ASSIGNED_TO]->(f:Goal|Indicator|Activity)
    WHERE f <> x
    OPTIONAL MATCH (f)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(o:Goal)
    WHERE o.level IN $outcome_levels
    WITH DISTINCT o
    RETURN count(o) > 0 AS still_reaches
  }
  WITH s
  WHERE NOT still_reaches
  CALL (s) {
    MATCH (s)-[:ASSIGNED_TO]->(e)
    WITH e ORDER BY e.id
    RETURN reduce(text = '', assigned IN collect(e.id) |
             text + CASE WHEN text = '' THEN '' ELSE '; ' END + assigned) AS assigned_to
  }
  RETURN 'staff' AS kind, s.nip AS id, s.name AS name, assigned_to AS detail
  UNION ALL
  WITH x
  WHERE x:Activity
  CALL (x) {
    OPTIONAL MATCH (d:Activity)-[:PART_OF]->+(x)
    WITH DISTINCT d
    RETURN sum(coalesce(d.budget, 0)) AS below_budget
  }
  RETURN 'budget' AS kind, x.id AS id, x.name AS name, coalesce(x.budget, 0) + below_budget AS detail
}
RETURN kind, id, name, detail
ORDER BY CASE kind WHEN 'goal' THEN 0 WHEN 'indicator' THEN 1 WHEN 'staff' THEN 2 ELSE 3 END, id
