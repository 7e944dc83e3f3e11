// name: document_budget
// The programs and pagu of a unit's Perjanjian Kinerja for one year: the unit's topmost activities of the
// year (those assigned to the unit or a unit below it whose parent activity is not: programs for an OPD
// and the Pemda, kegiatan for a seksi whose program belongs to its bidang). Pagu: the sum of the budgets
// of the sub-kegiatan below the activity, or its own budget when none of them has one.
// Rows, by code then id: id, kind, code, name, unit_id, unit_name (the unit it is assigned to), pagu.
// param unit: str Unit id; the units below it count too.
// param year: int Budget year (Activity.year).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
MATCH (scope:Unit)-[:PART_OF]->*(top:Unit {id: $unit})
WHERE ($datasets IS NULL OR top.dataset IN $datasets)
MATCH (scope)-[:ASSIGNED_TO]->(a:Activity {year: $year})
WHERE NOT EXISTS {
  MATCH (a)-[:PART_OF]->(:Activity)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit})
}
WITH a, scope ORDER BY scope.id
WITH a, head(collect(scope)) AS scope
CALL (a) {
  OPTIONAL MATCH (leaf:Activity {kind: 'subkegiatan'})-[:PART_OF]->*(a)
  WHERE leaf.budget IS NOT NULL
  RETURN sum(leaf.budget) AS below, count(leaf) AS leaves
}
RETURN a.id AS id, a.kind AS kind, a.code AS code, a.name AS name, scope.id AS unit_id,
       scope.name AS unit_name, CASE WHEN leaves > 0 THEN below ELSE a.budget END AS pagu
ORDER BY code, id
