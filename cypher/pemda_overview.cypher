// name: pemda_overview
// The Pemda at a glance (the home page of the web pages): what the graph holds, in counts.
// One row: pemda (name of the pemda unit, first by id; null when there is none), units, opd (units of
// kind perangkat_daerah), goals, indicators, activities and subkegiatan (of $year when given), budget
// (the sum of the sub-kegiatan pagu, of $year when given; program and kegiatan pagu would count the
// same money twice), staff (ASN), indicator_years (years with indicator figures) and activity_years
// (budget years of activities), both ascending.
// With $unit every count but pemda and the years covers that unit and the units below it only: its units,
// the goals and activities they are ASSIGNED_TO, the indicators of those, and their member ASN.
// param year: int? Count only activities (and their pagu) of this budget year.
// param unit: str? Count only what belongs to this unit and its sub-units.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () {
  MATCH (u:Unit)
  WHERE ($datasets IS NULL OR u.dataset IN $datasets) AND ($unit IS NULL OR EXISTS { (u)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN count(u) AS units, count(CASE WHEN u.kind = 'perangkat_daerah' THEN 1 END) AS opd
}
CALL () {
  MATCH (g:Goal)
  WHERE ($datasets IS NULL OR g.dataset IN $datasets) AND ($unit IS NULL OR EXISTS { (g)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN count(g) AS goals
}
CALL () {
  MATCH (i:Indicator)
  WHERE ($datasets IS NULL OR i.dataset IN $datasets)
    AND ($unit IS NULL OR EXISTS { (i)<-[:MEASURED_BY]-(:Goal|Activity)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN count(i) AS indicators
}
CALL () {
  MATCH (a:Activity)
  WHERE ($year IS NULL OR a.year = $year) AND ($datasets IS NULL OR a.dataset IN $datasets)
    AND ($unit IS NULL OR EXISTS { (a)<-[:ASSIGNED_TO]-(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN count(a) AS activities, count(CASE WHEN a.kind = 'subkegiatan' THEN 1 END) AS subkegiatan,
         sum(CASE WHEN a.kind = 'subkegiatan' THEN coalesce(a.budget, 0) ELSE 0 END) AS budget
}
CALL () {
  MATCH (s:ASN)
  WHERE ($datasets IS NULL OR s.dataset IN $datasets) AND ($unit IS NULL OR EXISTS { (s)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(:Unit {id: $unit}) })
  RETURN count(s) AS staff
}
CALL () {
  OPTIONAL MATCH (p:Unit {kind: 'pemda'})
  WHERE ($datasets IS NULL OR p.dataset IN $datasets)
  WITH p ORDER BY p.id
  RETURN head(collect(p.name)) AS pemda
}
CALL () {
  OPTIONAL MATCH (y:IndicatorYear)
  WHERE ($datasets IS NULL OR y.dataset IN $datasets)
  WITH DISTINCT y.year AS year ORDER BY year
  RETURN collect(year) AS indicator_years
}
CALL () {
  OPTIONAL MATCH (a:Activity)
  WHERE ($datasets IS NULL OR a.dataset IN $datasets)
  WITH DISTINCT a.year AS year ORDER BY year
  RETURN collect(year) AS activity_years
}
RETURN pemda, units, opd, goals, indicators, activities, subkegiatan, budget, staff, indicator_years,
       activity_years
