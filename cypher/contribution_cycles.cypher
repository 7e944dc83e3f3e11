// name: contribution_cycles
// Cycles of contributions, each listed once with its members.
// A cycle (a data error the import accepts): following CONTRIBUTES_TO upward, an indicator standing for the
// goal it measures (a step from an indicator to its goal), an element comes back to itself. A self-loop is a
// cycle of one; G1 → I1 (an indicator of G2) and G2 → G1 is a cycle G1, I1, G2.
// Rows: members (ids in cycle order, rotated so that the smallest id comes first), length (number of
// members). Each cycle once; sorted by length, then members.
// Which cycles: for an element on a cycle, the cycle through it with the fewest indicator→goal steps and,
// among those, the fewest members (a tie is broken arbitrarily); the same cycle found from several of its
// members is listed once. To stay fast on long one-way chains, an element with exactly one way in and one way
// out whose only predecessor is also like that is not searched from, unless its id is smaller than both its
// neighbours' (which catches closed rings): it lies on the cycle found from the first element of its chain.
// So every element on a cycle appears in at least one reported cycle.
// Bound, as in the other audit queries: a cycle is followed through at most 8 indicator→goal steps.
// How: for each element searched from, breadth-first var-length expansions of CONTRIBUTES_TO (each node
// visited once) alternated with indicator→goal steps tell whether it comes back to itself and with how few
// indicator steps; only then does one breadth-first ANY SHORTEST search with exactly that many indicator
// steps give the cycle in order. This terminates quickly on cycles, on chains thousands deep and on graphs
// with exponentially many paths.
MATCH (n:Goal|Indicator)
// ways in: a contribution from an element, or (for a goal) one of its indicators that receives one
WITH n,
     COUNT { (:Goal|Indicator)-[:CONTRIBUTES_TO]->(n) }
       + COUNT { (n:Goal)-[:MEASURED_BY]->(i:Indicator) WHERE EXISTS { (:Goal|Indicator)-[:CONTRIBUTES_TO]->(i) } }
       AS ins,
     COUNT { (n)-[:CONTRIBUTES_TO]->(:Goal|Indicator) } + COUNT { (:Goal)-[:MEASURED_BY]->(n:Indicator) } AS outs
WHERE ins > 0 AND outs > 0
CALL (n, ins, outs) {
  // an interior link of a one-way chain is searched only when its id is locally smallest (closed rings)
  WITH n WHERE ins > 1 OR outs > 1
  RETURN true AS candidate
  UNION
  WITH n WHERE ins = 1 AND outs = 1
  CALL (n) {
    MATCH (p:Goal|Indicator)-[:CONTRIBUTES_TO]->(n) RETURN p
    UNION ALL
    MATCH (n:Goal)-[:MEASURED_BY]->(p:Indicator) WHERE EXISTS { (:Goal|Indicator)-[:CONTRIBUTES_TO]->(p) } RETURN p
  }
  CALL (n) {
    MATCH (n)-[:CONTRIBUTES_TO]->(s:Goal|Indicator) RETURN s
    UNION ALL
    MATCH (s:Goal)-[:MEASURED_BY]->(n:Indicator) RETURN s
  }
  WITH n, p, s,
       COUNT { (:Goal|Indicator)-[:CONTRIBUTES_TO]->(p) }
         + COUNT { (p:Goal)-[:MEASURED_BY]->(i:Indicator) WHERE EXISTS { (:Goal|Indicator)-[:CONTRIBUTES_TO]->(i) } }
         AS p_ins,
       COUNT { (p)-[:CONTRIBUTES_TO]->(:Goal|Indicator) } + COUNT { (:Goal)-[:MEASURED_BY]->(p:Indicator) } AS p_outs
  RETURN NOT (p_ins = 1 AND p_outs = 1) OR (n.id <= p.id AND n.id <= s.id) AS candidate
}
WITH n WHERE candidate
// does n come back to itself, and with how few indicator→goal steps?
CALL (n) {
  CALL (n) {
    MATCH (n)-[:CONTRIBUTES_TO]->(s:Goal|Indicator) RETURN s, 0 AS h
    UNION
    MATCH (s:Goal)-[:MEASURED_BY]->(n:Indicator) RETURN s, 1 AS h
  }
  MATCH (s)-[:CONTRIBUTES_TO*0..]->(x)
  WITH DISTINCT x, h
  WITH x, min(h) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  CALL (x, h) { RETURN x AS y, h AS k UNION MATCH (x:Indicator)<-[:MEASURED_BY]-(:Goal)-[:CONTRIBUTES_TO*0..]->(y) RETURN y, h + 1 AS k }
  WITH y AS x, min(k) AS h
  WITH x, h WHERE x = n AND h <= 8
  RETURN h AS hops
}
// the cycle in order: a shortest one with exactly that many indicator→goal steps
CALL (n, hops) {
  WITH n WHERE hops = 0
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())+ (n)
  RETURN p
  UNION
  WITH n WHERE hops = 1
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 2
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 3
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 4
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 5
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 6
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 7
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
  UNION
  WITH n WHERE hops = 8
  MATCH p = ANY SHORTEST (n) (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (:Indicator)<-[:MEASURED_BY]-(:Goal)
    (()-[:CONTRIBUTES_TO]->())* (n)
  RETURN p
}
WITH [x IN nodes(p) | x.id][..-1] AS cycle
WITH cycle, reduce(least = cycle[0], id IN cycle | CASE WHEN id < least THEN id ELSE least END) AS least
WITH cycle, [i IN range(0, size(cycle) - 1) WHERE cycle[i] = least][0] AS at
WITH DISTINCT cycle[at..] + cycle[..at] AS members
RETURN members, size(members) AS length
ORDER BY length, members
