"""`search` looks its candidates up in indexes (the full-text index pokin_search, the NIP key, the TEXT index on
ASN.nip) and answers exactly as the former query, which read every node: that query is kept here as the
reference, and both run on the sample kabupaten for hundreds of texts taken from its data (names, words, ids,
codes, NIPs, parts of each, other cases, several words) and for texts that are Lucene syntax."""

from __future__ import annotations

import pytest

from graph.catalog import load_catalog

CATALOG = load_catalog()

# The search query as it was before the indexes: every node of the five labels read and tested with CONTAINS.
OLD_SEARCH = """
WITH toLower(trim($q)) AS q, coalesce($nip_exact, false) AS whole
WHERE q <> ''
CALL (q, whole) {
  MATCH (n:Goal)
  WHERE toLower(n.statement) CONTAINS q OR toLower(n.id) CONTAINS q
  RETURN n, 'Goal' AS kind, toLower(n.id) = q AS exact
  UNION ALL
  MATCH (n:Indicator)
  WHERE toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q
  RETURN n, 'Indicator' AS kind, toLower(n.id) = q AS exact
  UNION ALL
  MATCH (n:Activity)
  WHERE toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q OR toLower(n.code) CONTAINS q
  RETURN n, 'Activity' AS kind, toLower(n.id) = q OR toLower(n.code) = q AS exact
  UNION ALL
  MATCH (n:Unit)
  WHERE toLower(n.name) CONTAINS q OR toLower(n.id) CONTAINS q
  RETURN n, 'Unit' AS kind, toLower(n.id) = q AS exact
  UNION ALL
  MATCH (n:ASN)
  WHERE toLower(n.name) CONTAINS q OR n.nip = q OR (NOT whole AND n.nip CONTAINS q)
  RETURN n, 'ASN' AS kind, n.nip = q AS exact
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
"""

# Lucene's query syntax, alone and around words: each must be a character to look for, never an operator.
LUCENE_SYNTAX = [
    "a:b",
    "*",
    '"',
    "(",
    "\\",
    ")",
    "dinas*",
    "*kes*",
    '"dinas kesehatan"',
    "name:dinas",
    "dinas AND kesehatan",
    "dinas OR",
    "NOT dinas",
    "dinas~",
    "dinas^2",
    "[a TO z]",
    "{a TO z}",
    "/.*/",
    "&&",
    "||",
    "!",
    "-",
    "+dinas",
    "?",
    "dinas\\",
    "(dinas",
    "a:b:c",
    "*:*",
    "id:G*",
]
ODD_TEXTS = [
    " Dinas ",
    "DINAS KESEHATAN",
    "kes seh",
    "an kes",
    "é",
    "dinas é",
    "中文",
    "a",
    "1",
    ".",
    "1.02.",
    "x" * 300,
    "kabupaten " * 30,
    "(dinas)",
    '"kesehatan"',
    "1.x 2,3,",
    "x'y z",
    "dinas kes",
    "a.b c",
    "sub_bagian umum",
    "1.02.02 -",
    "- 1.02",
    "dinas\tkesehatan",
]


def _terms_from_the_sample(sample) -> list[str]:
    """Texts people type, from a spread of the sample's nodes: a whole id, code and NIP, parts of each, the
    longest word of a name, two words cut short, an upper-cased word."""
    nodes = sample.read(
        "MATCH (n) WHERE n:Goal OR n:Indicator OR n:Activity OR n:Unit OR n:ASN "
        "RETURN coalesce(n.id, n.nip) AS key, coalesce(n.statement, n.name) AS title, n.code AS code "
        "ORDER BY key",
        limit=None,
    )
    terms: list[str] = []
    for node in nodes[::421]:  # about 30 nodes: each text runs the former query, a scan, twice
        key, title, code = node["key"], node["title"] or "", node["code"]
        words = title.split()
        terms += [key, key[2:8], key[-5:]]
        if code:
            terms += [code, code[: len(code) // 2 + 1]]
        if words:
            terms.append(max(words, key=len))
            terms.append(max(words, key=len).upper())
        if len(words) > 1:
            terms.append(f"{words[0][-3:]} {words[1][:3]}")
    return list(dict.fromkeys(term for term in terms if term.strip()))


def _same(sample, q: str, whole: bool) -> list[dict]:
    params = {"q": q, "nip_exact": whole}
    new = CATALOG.run(sample, "search", params)
    assert new == sample.read(OLD_SEARCH, params), (q, whole)
    return new


def test_the_search_answers_as_the_former_one_for_texts_from_the_sample(sample):
    terms = _terms_from_the_sample(sample)
    assert len(terms) > 75
    found = 0
    for term in terms:
        for whole in (True, False):
            found += bool(_same(sample, term, whole))
    assert found > len(terms)  # most texts find something: the comparison is not of empty answers


@pytest.mark.parametrize("q", LUCENE_SYNTAX + ODD_TEXTS)
def test_lucene_syntax_and_odd_texts_answer_as_the_former_search(sample, q):
    for whole in (True, False):
        _same(sample, q, whole)


def test_the_search_looks_candidates_up_in_indexes_and_reads_no_label(sample):
    """PROFILE: a text with letters or digits reads no node by label (the fallback's scan gets no row); it
    calls the full-text index and seeks NIPs."""
    query = CATALOG["search"]
    for q, whole in (("dinas kesehatan", True), ("1.02", True), ("19", False)):
        with sample.driver.session(database=sample.database) as session:
            result = session.run("PROFILE " + query.cypher, {"q": q, "nip_exact": whole, "datasets": None})
            rows = list(result)
            plan = result.consume().profile
        operators = list(_operators(plan))
        scanned = [op for op in operators if "Scan" in op[0] and "Index" not in op[0]]
        assert rows and all(op[1] == 0 for op in scanned), (q, scanned)
        assert any(op[0] == "ProcedureCall" and "db.index.fulltext.queryNodes" in op[2] for op in operators)


def _operators(plan):
    yield plan["operatorType"].split("@")[0], plan.get("rows", 0), str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from _operators(child)


def test_a_word_cut_into_terms_of_255_characters_is_still_found(runner):
    """Lucene's tokenizer cuts a run of letters and digits longer than 255 into terms of 255: a text across
    the cut is in no one term, and the query adds every node with a term that long to its candidates."""
    long_name = "Unit" + "x" * 250 + "yz" + "w" * 100
    runner.write("CREATE (:Unit {id: 'U-LONG', name: $name, kind: 'perangkat_daerah'})", {"name": long_name})
    for q in ("xxyzww", long_name[250:262], long_name.upper()):
        for whole in (True, False):
            rows = _same(runner, q, whole)
            assert [row["id"] for row in rows] == ["U-LONG"], q
