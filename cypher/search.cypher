// name: search
// Find goals, indicators, activities, units and ASN by name, code, id or NIP, case-insensitively.
// A goal matches on its statement or id, an indicator on its name or id, an activity on its name, code
// or id, a unit on its name or id, an ASN on its name or NIP. With $nip_exact only a whole NIP finds an
// ASN by NIP (what anonymous readers get: a partial NIP must not reveal whose it is); otherwise any part.
// Rows: kind (Goal, Indicator, Activity, Unit, ASN), id (the NIP for an ASN), title (statement or name),
// level (goal level, activity or unit kind; for an indicator the level of the goal it measures, first by
// goal id, or the kind of the activity it measures; null for an ASN), code (activities), position (ASN), unit_id and unit_name (the accountable
// unit: the highest unit ASSIGNED_TO it, for an indicator without one the goal's or activity's, for an ASN the unit it
// is a member of, for a unit its parent), opd_id and opd_name (the perangkat daerah at or above that unit, for a
// unit at or above itself: tells apart same-named sub-units of two OPD), exact (the id, code or NIP equals the text).
// Exact matches first, then units, goals, indicators, activities, ASN, then by title and id; at most 100
// rows. An empty text finds nothing.
// How it finds them without reading every node: candidates come from index look-ups, then each is checked
// with the CONTAINS above, so the answer is what reading every node gave. The full-text index pokin_search
// (graph/model.py) holds names, statements, ids and codes as lower-cased terms (Lucene's standard tokenizer:
// every run of letters and digits inside one term, digits joined by `.` or `,` too). The text's words (runs
// of a-z and 0-9, digits joined by one `.` or `,`, from its first 200 characters) make the Lucene query, so
// no other character of the text reaches Lucene's syntax (`a:b`, `*`, `"`, `(` and `\` are never operators).
// A word after a character that always ends a term (an ASCII one other than a letter, a digit or : , ; . ' _)
// starts a term: it is looked up as that term, or as a prefix when the text goes on (`dinas kes` → `kes*`),
// index seeks, at most four ANDed. A text without such a word (`sekretariat`, a code) asks for its longest
// word anywhere in a term (`*word*`, which reads the index's term list, not the nodes), and for the terms of
// 255 characters (`/.{255}/`: Lucene cuts a longer run into terms of 255, so a word across a cut is in no
// term). A whole NIP is a seek on the ASN key, a part of one a seek on the TEXT index on ASN.nip. Only a text
// without any word (punctuation only, or letters outside a-z) reads every node of the five labels.
// param q: str The text to look for (surrounding spaces ignored).
// param nip_exact: bool? Match a NIP only in full (default false).
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
WITH toLower(trim($q)) AS q, coalesce($nip_exact, false) AS whole
WHERE q <> ''
WITH q, whole, split(left(q, 200), '') AS cs
// the text's words: runs of a-z, 0-9 (digits joined by one . or ,), each with whether an ASCII character
// that always ends a Lucene term (neither letter, digit nor one of : , ; . ' _) stands before and after it
WITH q, whole, cs, reduce(s = {words: [], word: '', left: false}, i IN range(0, size(cs) - 1) |
       CASE WHEN cs[i] =~ '[a-z0-9]' OR (cs[i] IN ['.', ','] AND i > 0 AND cs[i - 1] =~ '[0-9]'
                                           AND coalesce(cs[i + 1] =~ '[0-9]', false))
            THEN {words: s.words, word: s.word + cs[i],
                  left: CASE s.word WHEN '' THEN i > 0 AND cs[i - 1] =~ '[\\x00-\\x7f]'
                                                 AND NOT cs[i - 1] =~ '[a-z0-9:,;.\'_]'
                                    ELSE s.left END}
            WHEN s.word = '' THEN s
            ELSE {words: s.words + [{word: s.word, left: s.left,
                                     right: cs[i] =~ '[\\x00-\\x7f]' AND NOT cs[i] =~ '[a-z0-9:,;.\'_]'}],
                  word: '', left: false} END) AS s
WITH q, whole, s.words + CASE s.word WHEN '' THEN [] ELSE [{word: s.word, left: s.left, right: false}] END AS words
// a word with such a character before it starts a term: the term itself (`word`, also ended) or one starting
// with it (`word*`); these are index seeks. Without one, the longest word anywhere in a term (`*word*`).
WITH q, whole,
     COLLECT { UNWIND words AS w WITH w WHERE w.left
               RETURN DISTINCT w.word + CASE WHEN w.right THEN '' ELSE '*' END AS term
               ORDER BY size(term) DESC, term LIMIT 4 } AS seeks,
     COLLECT { UNWIND words AS w RETURN w.word AS word ORDER BY size(word) DESC, word LIMIT 1 } AS longest
WITH q, whole,
     CASE WHEN seeks <> [] THEN reduce(terms = '', term IN seeks |
                                      terms + CASE terms WHEN '' THEN '' ELSE ' AND ' END + term)
          WHEN longest <> [] THEN '*' + longest[0] + '* OR /.{255}/' END AS lucene
CALL (q, whole, lucene) {
  UNWIND CASE WHEN lucene IS NULL THEN [] ELSE [true] END AS indexed
  CALL (q, whole, lucene) {
    CALL db.index.fulltext.queryNodes('pokin_search', lucene) YIELD node
    RETURN node AS n
    UNION
    MATCH (n:ASN {nip: q})
    RETURN n
    UNION
    WITH q, whole WHERE NOT whole
    MATCH (n:ASN) WHERE n.nip CONTAINS q
    RETURN n
  }
  WITH q, whole, n
  WHERE ($datasets IS NULL OR n.dataset IN $datasets)
  UNWIND [kind IN ['Goal', 'Indicator', 'Activity', 'Unit', 'ASN'] WHERE CASE kind
    WHEN 'Goal' THEN n:Goal AND (toLower(n.statement) CONTAINS q OR toLower(n.id) CONTAINS q)
    WHEN 'Indicator' THEN n:Indicator AND (toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q)
    WHEN 'Activity' THEN n:Activity AND (toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q
                                        OR toLower(n.code) CONTAINS q)
    WHEN 'Unit' THEN n:Unit AND (toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q)
    ELSE n:ASN AND (toLower(n.name) CONTAINS q OR n.nip = q OR (NOT whole AND n.nip CONTAINS q)) END] AS kind
  RETURN n, kind, CASE kind WHEN 'Activity' THEN toLower(n.id) = q OR toLower(n.code) = q
                            WHEN 'ASN' THEN n.nip = q ELSE toLower(n.id) = q END AS exact
  UNION ALL
  // no word to look up: every node read, as the search always did
  UNWIND CASE WHEN lucene IS NULL THEN [true] ELSE [] END AS scanned
  CALL (q, whole) {
    MATCH (n:Goal)
    WHERE (toLower(n.statement) CONTAINS q OR toLower(n.id) CONTAINS q) AND ($datasets IS NULL OR n.dataset IN $datasets)
    RETURN n, 'Goal' AS kind, toLower(n.id) = q AS exact
    UNION ALL
    MATCH (n:Indicator)
    WHERE (toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q) AND ($datasets IS NULL OR n.dataset IN $datasets)
    RETURN n, 'Indicator' AS kind, toLower(n.id) = q AS exact
    UNION ALL
    MATCH (n:Activity)
    WHERE (toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q OR toLower(n.code) CONTAINS q) AND ($datasets IS NULL OR n.dataset IN $datasets)
    RETURN n, 'Activity' AS kind, toLower(n.id) = q OR toLower(n.code) = q AS exact
    UNION ALL
    MATCH (n:Unit)
    WHERE (toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q) AND ($datasets IS NULL OR n.dataset IN $datasets)
    RETURN n, 'Unit' AS kind, toLower(n.id) = q AS exact
    UNION ALL
    MATCH (n:ASN)
    WHERE (toLower(n.name) CONTAINS q OR n.nip = q OR (NOT whole AND n.nip CONTAINS q)) AND ($datasets IS NULL OR n.dataset IN $datasets)
    RETURN n, 'ASN' AS kind, n.nip = q AS exact
  }
  RETURN n, kind, exact
}
WITH n, kind, coalesce(exact, false) AS exact
ORDER BY exact DESC, {Unit: 0, Goal: 1, Indicator: 2, Activity: 3, ASN: 4}[kind], coalesce(n.statement, n.name),
         coalesce(n.id, n.nip)
LIMIT 100
CALL (n) {
  CALL (n) {
    MATCH (u:Unit)-[:ASSIGNED_TO]->(n) RETURN u, 0 AS preference
    UNION
    MATCH (u:Unit)-[:ASSIGNED_TO]->(:Goal|Activity)-[:MEASURED_BY]->(n:Indicator) RETURN u, 1 AS preference
    UNION
    MATCH (n:ASN)-[:MEMBER_OF]->(u:Unit) RETURN u, 0 AS preference
    UNION
    MATCH (n:Unit)-[:PART_OF]->(u:Unit) RETURN u, 0 AS preference
  }
  WITH u, preference, COUNT { (u)-[:PART_OF]->+(:Unit) } AS depth
  ORDER BY preference, depth, u.id
  RETURN head(collect(u)) AS unit
}
CALL (n, unit) {
  WITH CASE WHEN n:Unit THEN n ELSE unit END AS start
  OPTIONAL MATCH (start)-[:PART_OF]->*(opd:Unit {kind: 'perangkat_daerah'})
  WITH opd ORDER BY opd.id
  RETURN head(collect(opd)) AS opd
}
CALL (n) {
  OPTIONAL MATCH (g:Goal|Activity)-[:MEASURED_BY]->(n:Indicator)
  WITH g ORDER BY g:Activity, g.id
  RETURN head(collect(coalesce(g.level, g.kind))) AS indicator_level
}
RETURN kind, coalesce(n.id, n.nip) AS id, coalesce(n.statement, n.name) AS title,
       CASE kind WHEN 'Goal' THEN n.level WHEN 'Indicator' THEN indicator_level WHEN 'ASN' THEN null
                 ELSE n.kind END AS level,
       n.code AS code, n.position AS position, unit.id AS unit_id, unit.name AS unit_name,
       opd.id AS opd_id, opd.name AS opd_name, exact
