// name: element_detail
// Everything the side panel of the web pages shows about one node, whatever its kind: a goal,
// indicator, activity or unit by its id, or an ASN by its NIP.
// One row, none when nothing has that id: kind (Goal, Indicator, Activity, Unit, ASN), id (the NIP for
// an ASN), title (statement or name), level (goal level; activity or unit kind; for an indicator the
// level of the goal it measures, first by goal id, or the kind of the activity it measures; null for an ASN),
// code, year and budget (activities), satuan and polarity (indicators), position and asn_kind ('PNS' or
// 'PPPK'; ASN), unit ({id, name, kind}: the highest unit ASSIGNED_TO
// it, for an indicator without one the goal's or activity's, for an ASN the unit it is a member of, for a unit its
// parent), opd ({id, name}: the perangkat daerah at or above that unit, for a unit at or above itself),
// indicators (a goal's or an activity's indicators, or the indicator itself: id, name, satuan, polarity, iku,
// weight and years, the {year, satuan, baseline, target, target_min, target_max, realisasi, target_text,
// realisasi_text, target_tw1..4, realisasi_tw1..4} of each year ascending; a *_text is a qualitative figure,
// e.g. 'BB'), assigned (ASN assigned to it, for a unit
// its members: nip, name, position, asn_kind; the first 200 by NIP) and assigned_count, assigned_to (an ASN's
// assignments: id, kind, level, title), contributes_to (what it contributes to, and for an indicator
// the goal or activity it measures: id, kind, level, title, weight), contributors (what contributes to it directly:
// the first 50 by id, same shape; not its own indicators) and contributor_count, parent (an activity's program or kegiatan, a
// unit's parent: id, kind, level, title), staff_count and budget_total (units only: ASN of the unit and
// the units below it, and the pagu of their activities, of $year when given), budget_below and
// subactivities (a program's or kegiatan's: the summed pagu and the count of the subkegiatan under it; 0
// otherwise), the pagu such an activity carries when it has none of its own.
// param id: str The id of a goal, indicator, activity or unit, or the NIP of an ASN.
// param year: int? Budget year of a unit's budget_total (every year when absent).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
CALL () {
  MATCH (x:Goal {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Indicator {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Activity {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:Unit {id: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
  UNION
  MATCH (x:ASN {nip: $id}) WHERE ($datasets IS NULL OR x.dataset IN $datasets) RETURN x
}
WITH x LIMIT 1
WITH x, CASE WHEN x:Goal THEN 'Goal' WHEN x:Indicator THEN 'Indicator' WHEN x:Activity THEN 'Activity'
             WHEN x:Unit THEN 'Unit' ELSE 'ASN' END AS kind
CALL (x) {
  CALL (x) {
    MATCH (u:Unit)-[:ASSIGNED_TO]->(x) RETURN u, 0 AS preference
    UNION
    MATCH (u:Unit)-[:ASSIGNED_TO]->(:Goal|Activity)-[:MEASURED_BY]->(x:Indicator) RETURN u, 1 AS preference
    UNION
    MATCH (x:ASN)-[:MEMBER_OF]->(u:Unit) RETURN u, 0 AS preference
    UNION
    MATCH (x:Unit)-[:PART_OF]->(u:Unit) RETURN u, 0 AS preference
  }
  WITH u, preference, COUNT { (u)-[:PART_OF]->+(:Unit) } AS depth
  ORDER BY preference, depth, u.id
  RETURN head(collect(u)) AS unit
}
CALL (x, unit) {
  WITH CASE WHEN x:Unit THEN x ELSE unit END AS start
  OPTIONAL MATCH (start)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  WITH opd ORDER BY opd.id
  RETURN head(collect(opd)) AS opd
}
CALL (x) {
  OPTIONAL MATCH (g:Goal|Activity)-[:MEASURED_BY]->(x:Indicator)
  WITH g ORDER BY g:Activity, g.id
  RETURN head(collect(coalesce(g.level, g.kind))) AS indicator_level
}
CALL (x) {
  OPTIONAL MATCH (x)-[:MEASURED_BY]->(m:Indicator)
  WITH x, collect(m) AS measures
  UNWIND measures + CASE WHEN x:Indicator THEN [x] ELSE [] END AS i
  WITH DISTINCT i ORDER BY i.id
  CALL (i) {
    OPTIONAL MATCH (y:IndicatorYear {indicator_id: i.id})
    USING INDEX SEEK y:IndicatorYear(indicator_id)
    WHERE y.dataset = i.dataset OR i.dataset IS NULL
    WITH y ORDER BY y.year
    RETURN collect(y {.year, .satuan, .baseline, .target, .target_min, .target_max, .realisasi, .target_text,
                      .realisasi_text, .target_tw1, .target_tw2, .target_tw3, .target_tw4, .realisasi_tw1,
                      .realisasi_tw2, .realisasi_tw3, .realisasi_tw4}) AS years
  }
  RETURN collect(i {.id, .name, .satuan, .polarity, .iku, .weight, years: years}) AS indicators
}
CALL (x) {
  CALL (x) {
    MATCH (s:ASN)-[:ASSIGNED_TO]->(x) RETURN s
    UNION
    MATCH (s:ASN)-[:MEMBER_OF]->(x:Unit) RETURN s
  }
  WITH s ORDER BY s.nip
  RETURN count(s) AS assigned_count, collect(s {.nip, .name, .position, .asn_kind})[..200] AS assigned
}
CALL (x) {
  OPTIONAL MATCH (x:ASN)-[:ASSIGNED_TO]->(t)
  WITH t ORDER BY coalesce(t.id, t.nip)
  RETURN collect(t {id: coalesce(t.id, t.nip), kind: head(labels(t)), level: coalesce(t.level, t.kind),
                    title: coalesce(t.statement, t.name)}) AS assigned_to
}
CALL (x) {
  CALL (x) {
    MATCH (x)-[r:CONTRIBUTES_TO]->(t) RETURN t, r.weight AS weight
    UNION
    MATCH (x:Indicator)<-[:MEASURED_BY]-(t:Goal|Activity) RETURN t, null AS weight
  }
  WITH t, collect(weight) AS weights ORDER BY t.id
  RETURN collect({id: t.id, kind: head(labels(t)), level: coalesce(t.level, t.kind),
                  title: coalesce(t.statement, t.name), weight: head(weights)}) AS contributes_to
}
CALL (x) {
  MATCH (c)-[r:CONTRIBUTES_TO]->(x)
  WHERE NOT (x)-[:MEASURED_BY]->(c)
  WITH c, r ORDER BY c.id
  RETURN count(c) AS contributor_count,
         collect({id: c.id, kind: head(labels(c)), level: coalesce(c.level, c.kind),
                  title: coalesce(c.statement, c.name), weight: r.weight})[..50] AS contributors
}
CALL (x) {
  OPTIONAL MATCH (x)-[:PART_OF]->(p)
  WHERE x:Activity OR x:Unit
  WITH p ORDER BY p.id
  RETURN head(collect(p {.id, kind: head(labels(p)), level: p.kind, title: p.name})) AS parent
}
CALL (x) {
  OPTIONAL MATCH (s:Activity {kind: 'subkegiatan'})-[:PART_OF]->+(x:Activity)
  RETURN sum(coalesce(s.budget, 0)) AS budget_below, count(s) AS subactivities
}
OPTIONAL CALL (x) {
  WITH x WHERE x:Unit
  MATCH (below:Unit)-[:PART_OF]->*(x)
  WITH collect(DISTINCT below) AS tree
  CALL (tree) {
    UNWIND tree AS b
    MATCH (s:ASN)-[:MEMBER_OF]->(b)
    RETURN count(DISTINCT s) AS staff
  }
  CALL (tree) {
    UNWIND tree AS b
    MATCH (b)-[:ASSIGNED_TO]->(a:Activity)
    WHERE $year IS NULL OR a.year = $year
    WITH DISTINCT a
    RETURN sum(coalesce(a.budget, 0)) AS budget
  }
  RETURN staff AS staff_count, budget AS budget_total
}
RETURN kind, coalesce(x.id, x.nip) AS id, coalesce(x.statement, x.name) AS title,
       CASE kind WHEN 'Goal' THEN x.level WHEN 'Indicator' THEN indicator_level WHEN 'ASN' THEN null
                 ELSE x.kind END AS level,
       x.code AS code, x.year AS year, x.budget AS budget, x.satuan AS satuan, x.polarity AS polarity,
       x.position AS position, x.asn_kind AS asn_kind, unit {.id, .name, .kind} AS unit, opd {.id, .name} AS opd, indicators,
       assigned, assigned_count, assigned_to, contributes_to, contributors, contributor_count, parent,
       staff_count, budget_total, budget_below, subactivities
