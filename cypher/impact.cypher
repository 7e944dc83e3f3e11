// name: impact
// What one goal, indicator or activity supports above it, and what supports it below.
// 'supports': every element reached upward from it (following CONTRIBUTES_TO, an indicator standing for
// the goal it measures). 'supported_by': every element from which it is reached upward (the reverse
// step: what contributes to it, its own indicators, what contributes to those, and so on down).
// PART_OF confers nothing (a program's kegiatan are not below it unless they contribute to it).
// Rows, one per related element and direction: direction ('supports' | 'supported_by'), id, label
// (Goal, Indicator, Activity), level_or_kind (goal level, activity kind, null for an indicator), name
// (name or statement), distance (hops along a shortest path; an indicator→goal step counts one),
// budget (an activity's pagu, else null), units (ids of the units assigned to the element), staff
// (NIPs of the ASN assigned to it); sorted by direction, distance, id. The element itself is not
// listed, even when a cycle leads back to it (an element on a cycle with it appears in both
// directions). No rows for an unknown id.
// How the searches are written: an upward step is CONTRIBUTES_TO forwards or, from an indicator, to the
// goal it measures (MEASURED_BY backwards); downward is the reverse. Neo4j 5.26 cannot check a step whose
// direction depends on its type while it searches (such a predicate is applied to whole paths, which is
// exponential on a real tree), so every search follows runs of CONTRIBUTES_TO (breadth-first, each node
// once) joined by indicator→goal steps, at most 8 of them on one chain (a clean tree needs at most 8);
// it terminates on cycles and on chains thousands deep.
// param id: str Id of a Goal, Indicator or Activity.
CALL () {
  MATCH (x:Goal {id: $id}) RETURN x
  UNION
  MATCH (x:Indicator {id: $id}) RETURN x
  UNION
  MATCH (x:Activity {id: $id}) RETURN x
}
CALL (x) {
  // upward from x: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each
  CALL (x) {
    MATCH p = (x)-[:CONTRIBUTES_TO*0..]->(n)
    WITH n, min(length(p)) AS d
    RETURN collect({node: n, d: d}) AS r0
  }
  CALL (r0) {
    UNWIND r0 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r1
  }
  CALL (r1) {
    UNWIND r1 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r2
  }
  CALL (r2) {
    UNWIND r2 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r3
  }
  CALL (r3) {
    UNWIND r3 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r4
  }
  CALL (r4) {
    UNWIND r4 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r5
  }
  CALL (r5) {
    UNWIND r5 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r6
  }
  CALL (r6) {
    UNWIND r6 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r7
  }
  CALL (r7) {
    UNWIND r7 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)-[:CONTRIBUTES_TO*0..]->(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r8
  }
  UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS e
  WITH x, e.node AS y, min(e.d) AS distance
  WHERE y <> x
  RETURN 'supports' AS direction, y, distance
  UNION ALL
  // downward from x: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each
  CALL (x) {
    MATCH p = (x)<-[:CONTRIBUTES_TO*0..]-(n)
    WITH n, min(length(p)) AS d
    RETURN collect({node: n, d: d}) AS r0
  }
  CALL (r0) {
    UNWIND r0 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r1
  }
  CALL (r1) {
    UNWIND r1 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r2
  }
  CALL (r2) {
    UNWIND r2 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r3
  }
  CALL (r3) {
    UNWIND r3 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r4
  }
  CALL (r4) {
    UNWIND r4 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r5
  }
  CALL (r5) {
    UNWIND r5 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r6
  }
  CALL (r6) {
    UNWIND r6 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r7
  }
  CALL (r7) {
    UNWIND r7 AS e
    WITH e.node AS i, e.d AS d
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH g, min(d) + 1 AS d
    CALL (g) {
      MATCH p = (g)<-[:CONTRIBUTES_TO*0..]-(n)
      RETURN n, min(length(p)) AS len
    }
    WITH n, min(d + len) AS d
    RETURN collect({node: n, d: d}) AS r8
  }
  UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS e
  WITH x, e.node AS y, min(e.d) AS distance
  WHERE y <> x
  RETURN 'supported_by' AS direction, y, distance
}
CALL (y) {
  OPTIONAL MATCH (u:Unit)-[:ASSIGNED_TO]->(y)
  WITH u ORDER BY u.id
  RETURN collect(DISTINCT u.id) AS units
}
CALL (y) {
  OPTIONAL MATCH (s:ASN)-[:ASSIGNED_TO]->(y)
  WITH s ORDER BY s.nip
  RETURN collect(DISTINCT s.nip) AS staff
}
RETURN direction, y.id AS id,
       CASE WHEN y:Goal THEN 'Goal' WHEN y:Indicator THEN 'Indicator' ELSE 'Activity' END AS label,
       CASE WHEN y:Goal THEN y.level WHEN y:Activity THEN y.kind END AS level_or_kind,
       coalesce(y.name, y.statement) AS name, distance,
       CASE WHEN y:Activity THEN y.budget END AS budget, units, staff
ORDER BY direction DESC, distance, id
