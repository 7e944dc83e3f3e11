// name: contribution_cycles
// finding: Siklus kontribusi
// finding description: Elemen kinerja yang, mengikuti kontribusinya ke atas, kembali ke dirinya sendiri.
// finding order: 120
// finding column members Goal: Anggota siklus
// finding column length: Panjang
// Cycles of contributions, each listed once with its members.
// A cycle (a data error the import accepts): following CONTRIBUTES_TO upward, an indicator standing for the
// goal it measures (a step from an indicator to its goal), an element comes back to itself. A self-loop is a
// cycle of one; G1 → I1 (an indicator of G2) and G2 → G1 is a cycle G1, I1, G2.
// Rows: members (ids in cycle order, rotated so that the smallest id comes first), length (number of
// members). Each cycle once; sorted by length, then members.
// Which cycles: for an element on a cycle, a shortest cycle through it (fewest members; a tie is broken
// arbitrarily); the same cycle found from several of its members is listed once. To stay fast on long
// one-way chains, an element with exactly one way in and one way out whose only predecessor is also like
// that is not searched from, unless its id is smaller than both its neighbours' (which catches closed
// rings): it lies on the cycle found from the first element of its chain. So every element on a cycle
// appears in at least one reported cycle.
// How: the indicator→goal step is the implied (i)-[:CONTRIBUTES_TO {implied: true}]->(g) edge the importer
// derives from every MEASURED_BY (graph/model.py), so a cycle is a cycle of CONTRIBUTES_TO, found by one
// breadth-first ANY SHORTEST search per element searched from (no bound on indicator steps). This
// terminates quickly on cycles, on chains thousands deep and on graphs with exponentially many paths.
// how many contributions go in and out of each element, counted from the relationship type's index (not
// from each element's own relationships)
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// the contributions of the versions read: all, or each version's through the `dataset` index
CALL () {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH ()-[c:CONTRIBUTES_TO]->()
  RETURN c
  UNION ALL
  UNWIND $datasets AS dataset
  WITH DISTINCT dataset
  MATCH ()-[c:CONTRIBUTES_TO {dataset: dataset}]->()
  RETURN c
}
WITH startNode(c) AS a, endNode(c) AS b
WHERE (a:Goal OR a:Indicator) AND (b:Goal OR b:Indicator)
UNWIND [[a, 0, 1], [b, 1, 0]] AS end
WITH end[0] AS n, sum(end[1]) AS ins, sum(end[2]) AS outs
WHERE ins > 0 AND outs > 0
CALL (n, ins, outs) {
  // an interior link of a one-way chain is searched only when its id is locally smallest (closed rings)
  WITH n WHERE ins > 1 OR outs > 1
  RETURN true AS candidate
  UNION
  WITH n WHERE ins = 1 AND outs = 1
  MATCH (p:Goal|Indicator)-[:CONTRIBUTES_TO]->(n)
  MATCH (n)-[:CONTRIBUTES_TO]->(s:Goal|Indicator)
  WITH n, p, s,
       COUNT { (:Goal|Indicator)-[:CONTRIBUTES_TO]->(p) } AS p_ins,
       COUNT { (p)-[:CONTRIBUTES_TO]->(:Goal|Indicator) } AS p_outs
  RETURN NOT (p_ins = 1 AND p_outs = 1) OR (n.id <= p.id AND n.id <= s.id) AS candidate
}
WITH n WHERE candidate
MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())+ (n)
WITH [x IN nodes(p) | x.id][..-1] AS cycle
WITH cycle, reduce(least = cycle[0], id IN cycle | CASE WHEN id < least THEN id ELSE least END) AS least
WITH cycle, [i IN range(0, size(cycle) - 1) WHERE cycle[i] = least][0] AS at
WITH DISTINCT cycle[at..] + cycle[..at] AS members
RETURN members, size(members) AS length
ORDER BY length, members
