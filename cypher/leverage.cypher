// name: leverage
// Leverage (daya ungkit) ranking of activities and perangkat daerah (OPD) by outcomes reached and budget.
// An activity reaches an outcome goal (visi, misi, tujuan, sasaran) when following CONTRIBUTES_TO upward
// (an indicator standing for the goal it measures) leads to it; PART_OF confers nothing.
// Activity rows: outcomes_reached = number of distinct outcome goals it reaches, budget = its pagu
// (0 when empty). Unit rows, one per OPD (kind perangkat_daerah) with at least one activity assigned to
// it or to a unit below it (PART_OF), each activity once: outcomes_reached = distinct outcome goals
// reached by any of them, budget = sum of their pagu, activities = how many.
// Rows: kind ('activity' | 'unit'), id, name, outcomes_reached, budget, budget_per_outcome (budget /
// outcomes_reached, 2 decimals; null when no outcome is reached), activities (null on activity rows).
// Activity rows first, then unit rows, each ranked by outcomes_reached descending, then budget
// descending, then id.
// How the searches are written: an upward step is CONTRIBUTES_TO forwards or, from an indicator, to the
// goal it measures (MEASURED_BY backwards); downward is the reverse. Neo4j 5.26 cannot check a step whose
// direction depends on its type while it searches (such a predicate is applied to whole paths, which is
// exponential on a real tree), so every search follows runs of CONTRIBUTES_TO (breadth-first, each node
// once) joined by indicator→goal steps, at most 8 of them on one chain (a clean tree needs at most 8);
// it terminates on cycles and on chains thousands deep.
// param year: int? Only activities of this budget year.
CALL () {
  MATCH (o:Goal)
  WHERE o.level IN ['visi', 'misi', 'tujuan', 'sasaran']
  // downward from o: r0 = CONTRIBUTES_TO only; r1..r8 = one more indicator step each
  CALL (o) {
    MATCH (o)<-[:CONTRIBUTES_TO]-*(n)
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
  UNWIND r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 AS act
  WITH DISTINCT o, act
  WHERE act:Activity
  RETURN act, o.id AS outcome
  UNION ALL
  MATCH (act:Activity)
  RETURN act, null AS outcome
}
WITH act, collect(DISTINCT outcome) AS outcomes
WHERE $year IS NULL OR act.year = $year
CALL (act) {
  OPTIONAL MATCH (act)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  RETURN collect(DISTINCT opd) AS opds
}
WITH collect({act: act, outcomes: outcomes, opds: opds}) AS works
CALL (works) {
  UNWIND works AS work
  RETURN 'activity' AS kind, work.act.id AS id, work.act.name AS name, size(work.outcomes) AS outcomes_reached,
         coalesce(work.act.budget, 0) AS budget, null AS activities
  UNION ALL
  UNWIND works AS work
  UNWIND work.opds AS opd
  WITH opd, collect(work) AS unit_works
  CALL (unit_works) {
    UNWIND unit_works AS work
    UNWIND work.outcomes AS outcome
    RETURN count(DISTINCT outcome) AS outcomes_reached
  }
  RETURN 'unit' AS kind, opd.id AS id, opd.name AS name, outcomes_reached,
         reduce(total = 0, work IN unit_works | total + coalesce(work.act.budget, 0)) AS budget,
         size(unit_works) AS activities
}
RETURN kind, id, name, outcomes_reached, budget,
       CASE WHEN outcomes_reached > 0 THEN round(toFloat(budget) / outcomes_reached, 2) END AS budget_per_outcome,
       activities
ORDER BY kind, outcomes_reached DESC, budget DESC, id
