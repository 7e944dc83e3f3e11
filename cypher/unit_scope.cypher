// name: unit_scope
// What belongs to one unit for the pages' unit filter (the Beranda and the finding lists): the unit and
// every unit below it, and the goals, activities and indicators those units are accountable for (ASSIGNED_TO,
// the indicators through MEASURED_BY), so a finding row that names any of them is the unit's; and the ASN who
// are members of those units (the people-at-risk lists: a person belongs where they work).
// One row: units (ids of the unit and its sub-units), elements (ids of their goals, activities and
// indicators) and staff (NIPs of their members); all empty when no unit has the id.
// param unit: str The id of the unit.
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
OPTIONAL MATCH (below:Unit)-[:PART_OF]->*(top:Unit {id: $unit})
WHERE ($datasets IS NULL OR top.dataset IN $datasets)
WITH collect(DISTINCT below) AS scope
CALL (scope) {
  UNWIND scope AS u
  MATCH (u)-[:ASSIGNED_TO]->(e:Goal|Activity)
  OPTIONAL MATCH (e)-[:MEASURED_BY]->(i:Indicator)
  WITH collect(DISTINCT e.id) AS owned, collect(DISTINCT i.id) AS measures
  RETURN owned + measures AS elements
}
CALL (scope) {
  UNWIND scope AS u
  MATCH (s:ASN)-[:MEMBER_OF]->(u)
  RETURN collect(DISTINCT s.nip) AS staff
}
RETURN [u IN scope | u.id] AS units, elements, staff
