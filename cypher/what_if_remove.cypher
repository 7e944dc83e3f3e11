// name: what_if_remove
// What would be lost if one goal, indicator or activity were removed together with its edges.
// Support: following CONTRIBUTES_TO upward (an indicator standing for the goal it measures; PART_OF
// confers nothing). A "source" is the work at the bottom of a chain: an activity, or a goal that
// nothing contributes to (no CONTRIBUTES_TO into it nor into one of its indicators). Indicators are
// never sources: a goal is not supported merely by being measured.
// Rows:
// - kind 'goal' / 'indicator': every goal or indicator above the element (reached upward from it) that
//   loses ALL support: a source reaches it now (through the element, which is a source or is reached
//   by one) and no source reaches it along a chain that avoids the element. So a goal fed only by the
//   element is listed, and so is every goal above fed only through such goals; a goal with another
//   live contributor is not. detail: the goal's level, or the id of the goal the indicator measures.
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
// How the searches are written: an upward step is CONTRIBUTES_TO forwards or, from an indicator, to the
// goal it measures (MEASURED_BY backwards); downward is the reverse. Neo4j 5.26 cannot check a step whose
// direction depends on its type while it searches (such a predicate is applied to whole paths, which is
// exponential on a real tree), so every search follows runs of CONTRIBUTES_TO (breadth-first, each node
// once) joined by indicator→goal steps, at most 8 of them on one chain (a clean tree needs at most 8);
// it terminates on cycles and on chains thousands deep.
// param id: str Id of the Goal, Indicator or Activity to remove.
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
    MATCH (x)-[:CONTRIBUTES_TO]->*(n)
    RETURN collect(DISTINCT n) AS r0
  }
  CALL (r0) {
    UNWIND r0 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r1
  }
  CALL (r1) {
    UNWIND r1 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r2
  }
  CALL (r2) {
    UNWIND r2 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r3
  }
  CALL (r3) {
    UNWIND r3 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r4
  }
  CALL (r4) {
    UNWIND r4 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r5
  }
  CALL (r5) {
    UNWIND r5 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r6
  }
  CALL (r6) {
    UNWIND r6 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r7
  }
  CALL (r7) {
    UNWIND r7 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)-[:CONTRIBUTES_TO]->*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r8
  }
  UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS y
  WITH DISTINCT x, y
  WHERE y <> x
  RETURN collect(y) AS above
}
CALL (x) {
  // downward from x: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each
  CALL (x) {
    MATCH (x)<-[:CONTRIBUTES_TO]-*(n)
    RETURN collect(DISTINCT n) AS r0
  }
  CALL (r0) {
    UNWIND r0 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r1
  }
  CALL (r1) {
    UNWIND r1 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r2
  }
  CALL (r2) {
    UNWIND r2 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r3
  }
  CALL (r3) {
    UNWIND r3 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r4
  }
  CALL (r4) {
    UNWIND r4 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r5
  }
  CALL (r5) {
    UNWIND r5 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r6
  }
  CALL (r6) {
    UNWIND r6 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r7
  }
  CALL (r7) {
    UNWIND r7 AS i
    MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
    WITH DISTINCT g
    CALL (g) {
      MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r8
  }
  UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS n
  RETURN collect(DISTINCT n) AS below
}
WITH x, above, below,
     any(src IN below WHERE src:Activity OR (src:Goal AND NOT EXISTS { (src)<-[:CONTRIBUTES_TO]-() }
    AND NOT EXISTS { (src)-[:MEASURED_BY]->(:Indicator)<-[:CONTRIBUTES_TO]-() })) AS supported,
     any(n IN above + [x] WHERE n:Goal AND n.level IN ['visi', 'misi', 'tujuan', 'sasaran']) AS reaches_outcome
// seeds: what is above the element and keeps a live direct supporter
CALL (x, above) {
  UNWIND above AS y
  CALL (x, above, y) {
    MATCH (z)-[:CONTRIBUTES_TO]->(y)
    WHERE z <> x AND NOT z IN above
    RETURN z
    UNION
    MATCH (z)-[:CONTRIBUTES_TO]->(t:Indicator)<-[:MEASURED_BY]-(y)
    WHERE t <> x AND z <> x AND NOT z IN above
    RETURN z
  }
  WITH DISTINCT y, z
  CALL (z) {
    // downward from z: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each
    CALL (z) {
      MATCH (z)<-[:CONTRIBUTES_TO]-*(n)
      RETURN collect(DISTINCT n) AS r0
    }
    CALL (r0) {
      UNWIND r0 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r1
    }
    CALL (r1) {
      UNWIND r1 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r2
    }
    CALL (r2) {
      UNWIND r2 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r3
    }
    CALL (r3) {
      UNWIND r3 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r4
    }
    CALL (r4) {
      UNWIND r4 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r5
    }
    CALL (r5) {
      UNWIND r5 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r6
    }
    CALL (r6) {
      UNWIND r6 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r7
    }
    CALL (r7) {
      UNWIND r7 AS i
      MATCH (i:Goal)-[:MEASURED_BY]->(g:Indicator)
      WITH DISTINCT g
      CALL (g) {
        MATCH (g)<-[:CONTRIBUTES_TO]-*(n)
        RETURN collect(DISTINCT n) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r8
    }
    UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS src
    WITH src
    WHERE src:Activity OR (src:Goal AND NOT EXISTS { (src)<-[:CONTRIBUTES_TO]-() }
    AND NOT EXISTS { (src)-[:MEASURED_BY]->(:Indicator)<-[:CONTRIBUTES_TO]-() })
    RETURN count(src) > 0 AS live
  }
  WITH y, live
  WHERE live
  RETURN collect(DISTINCT y) AS seeds
}
// kept: the seeds and what they reach upward without passing through the element
CALL (x, seeds) {
  UNWIND seeds AS seed
  // upward from seed: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each, never through x
  CALL (seed, x) {
    MATCH (seed)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
    RETURN collect(DISTINCT m) AS r0
  }
  CALL (r0, x) {
    UNWIND r0 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r1
  }
  CALL (r1, x) {
    UNWIND r1 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r2
  }
  CALL (r2, x) {
    UNWIND r2 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r3
  }
  CALL (r3, x) {
    UNWIND r3 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r4
  }
  CALL (r4, x) {
    UNWIND r4 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r5
  }
  CALL (r5, x) {
    UNWIND r5 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r6
  }
  CALL (r6, x) {
    UNWIND r6 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r7
  }
  CALL (r7, x) {
    UNWIND r7 AS i
    MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
    WHERE g <> x
    WITH DISTINCT g, x
    CALL (g, x) {
      MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS reached
    }
    UNWIND reached AS n
    RETURN collect(DISTINCT n) AS r8
  }
  UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS n
  RETURN collect(DISTINCT n) AS kept
}
CALL (x, above, below, supported, reaches_outcome, kept) {
  UNWIND above AS y
  WITH y, supported, kept
  WHERE supported AND NOT y IN kept
  CALL (y) {
    OPTIONAL MATCH (g:Goal)-[:MEASURED_BY]->(y)
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
    MATCH (s)-[:ASSIGNED_TO]->(f:Goal|Indicator|Activity)
    WHERE f <> x
    // upward from f: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each, never through x
    CALL (f, x) {
      MATCH (f)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
      RETURN collect(DISTINCT m) AS r0
    }
    CALL (r0, x) {
      UNWIND r0 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r1
    }
    CALL (r1, x) {
      UNWIND r1 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r2
    }
    CALL (r2, x) {
      UNWIND r2 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r3
    }
    CALL (r3, x) {
      UNWIND r3 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r4
    }
    CALL (r4, x) {
      UNWIND r4 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r5
    }
    CALL (r5, x) {
      UNWIND r5 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r6
    }
    CALL (r6, x) {
      UNWIND r6 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r7
    }
    CALL (r7, x) {
      UNWIND r7 AS i
      MATCH (i:Indicator)<-[:MEASURED_BY]-(g:Goal)
      WHERE g <> x
      WITH DISTINCT g, x
      CALL (g, x) {
        MATCH (g)(()-[:CONTRIBUTES_TO]->(n WHERE n <> x))*(m)
        RETURN collect(DISTINCT m) AS reached
      }
      UNWIND reached AS n
      RETURN collect(DISTINCT n) AS r8
    }
    UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS n
    WITH n
    WHERE n:Goal AND n.level IN ['visi', 'misi', 'tujuan', 'sasaran']
    RETURN count(n) > 0 AS still_reaches
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
