// name: retirements
// Every ASN who reaches the batas usia pensiun (BUP) in the year (docs/domain.md, "People: NIP, NI PPPK and
// retirement"), from the birth date the NIP or NI PPPK begins with: 58 by default (administrators,
// pelaksana, fungsional up to ahli muda), 60 for the pejabat pimpinan tinggi (the head of a perangkat daerah,
// a camat excepted: a kecamatan is led by an administrator) and for fungsional ahli madya, 65 for fungsional
// ahli utama (the position's text names the jenjang). Each age can be set by its parameter.
// graph/people.py adds, to each row, the outcomes that then lose their only human contributor.
// Rows: nip, name, position, unit_id, unit_name, born (YYYY-MM-DD), jabatan (`jpt`, `ahli_utama`,
// `ahli_madya` or `lainnya`), bup (the age), reaches_on (the birthday the BUP is reached), pension_from (the
// first day of the next month, the TMT pensiun).
// param year: int The year in which the BUP is reached.
// param bup: int? Age for everyone else (default 58).
// param bup_jpt: int? Age for a pejabat pimpinan tinggi (default 60).
// param bup_madya: int? Age for a fungsional ahli madya (default 60).
// param bup_utama: int? Age for a fungsional ahli utama (default 65).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
WITH [coalesce($bup, 58), coalesce($bup_jpt, 60), coalesce($bup_madya, 60), coalesce($bup_utama, 65)] AS ages
// only those born in a year from which one of the ages reaches $year are looked at: a seek on the NIP's first
// four digits (the index on ASN.nip), not every ASN
UNWIND ages AS age
WITH DISTINCT ages, toString($year - age) AS born_in
MATCH (s:ASN)
WHERE s.nip STARTS WITH born_in AND s.nip =~ '[0-9]{18}' AND ($datasets IS NULL OR s.dataset IN $datasets)
  AND $year - toInteger(substring(s.nip, 0, 4)) IN ages
CALL (s) {
  OPTIONAL MATCH (s)-[:MEMBER_OF]->(u:Unit)
  RETURN u ORDER BY u.id LIMIT 1
}
WITH s, u, toLower(coalesce(s.position, '')) AS position,
     date({year: toInteger(substring(s.nip, 0, 4)), month: toInteger(substring(s.nip, 4, 2)),
           day: toInteger(substring(s.nip, 6, 2))}) AS born
WITH s, u, born,
     CASE WHEN position CONTAINS 'ahli utama' THEN 'ahli_utama'
          WHEN coalesce(u.kind = 'perangkat_daerah', false) AND NOT position STARTS WITH 'camat'
            THEN CASE WHEN EXISTS { MATCH (s)-[:REPORTS_TO]->(:ASN)-[:MEMBER_OF]->(:Unit)-[:PART_OF]->*(u) }
                      THEN CASE WHEN position CONTAINS 'ahli madya' THEN 'ahli_madya' ELSE 'lainnya' END
                      ELSE 'jpt' END
          WHEN position CONTAINS 'ahli madya' THEN 'ahli_madya'
          ELSE 'lainnya' END AS jabatan
WITH s, u, born, jabatan,
     CASE jabatan WHEN 'ahli_utama' THEN coalesce($bup_utama, 65) WHEN 'jpt' THEN coalesce($bup_jpt, 60)
                  WHEN 'ahli_madya' THEN coalesce($bup_madya, 60) ELSE coalesce($bup, 58) END AS bup
WHERE born.year + bup = $year
WITH s, u, born, jabatan, bup, born + duration({years: bup}) AS reaches_on
RETURN s.nip AS nip, s.name AS name, s.position AS position, u.id AS unit_id, u.name AS unit_name,
       toString(born) AS born, jabatan, bup, toString(reaches_on) AS reaches_on,
       toString(date.truncate('month', reaches_on) + duration({months: 1})) AS pension_from
ORDER BY reaches_on, nip
