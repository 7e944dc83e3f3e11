"""Packed reads (graph/db.py): every catalog query answers packed exactly as streamed, in the same order,
limits hold, graph values convert alike, and a result too big for the server's transaction memory as one
list falls back to streaming."""

from __future__ import annotations

from contextlib import contextmanager

from neo4j.exceptions import TransientError

from graph.catalog import load_catalog
from graph.db import pack_rows

CATALOG = load_catalog()


def test_pack_rows_nests_the_query_and_quotes_every_column():
    assert pack_rows("MATCH (n) RETURN n.id AS `odd`` name`, 1 AS b", ["odd` name", "b"]) == (
        "CALL () {\nMATCH (n) RETURN n.id AS `odd`` name`, 1 AS b\n}\nRETURN collect([`odd`` name`, `b`]) AS rows"
    )
    assert "WITH * LIMIT $pokin_pack_limit\n" in pack_rows("RETURN 1 AS a", ["a"], limited=True)


def known_params(runner) -> dict[str, object]:
    """Values that exist in the sample, for every required parameter of the catalog."""
    row = runner.read(
        "MATCH (u:Unit {kind: 'perangkat_daerah'})-[:ASSIGNED_TO]->(g:Goal) "
        "MATCH (s:ASN)-[:ASSIGNED_TO]->(:Goal) RETURN u.id AS unit, g.id AS id, s.nip AS nip LIMIT 1"
    )[0]
    return {**row, "year": 2026, "q": "a", "goal": row["id"], "from_unit": row["unit"], "to_unit": row["unit"]}


def test_every_catalog_query_answers_packed_as_streamed_in_the_same_order(sample):
    runner = sample
    known = known_params(runner)
    compared = 0
    for query in CATALOG:
        if query.mode != "read":
            continue
        bound = query.bind({param.name: known[param.name] for param in query.params if not param.optional})
        streamed = runner.read(query.cypher, bound)
        packed = runner.read(query.cypher, bound, packed=True)
        assert packed == streamed, query.name
        compared += bool(streamed)
    assert compared >= 15  # most queries have rows on the sample, so the comparison is not of empty lists


def test_a_packed_limit_keeps_the_first_rows_and_the_columns_of_an_empty_result(sample):
    cypher = "MATCH (g:Goal) RETURN g.id AS id ORDER BY id"
    everything = sample.read(cypher)
    assert len(everything) > 5
    assert sample.read(cypher, limit=3, packed=True) == everything[:3]
    assert sample.read_table(
        "MATCH (g:Goal {id: $id}) RETURN g.id AS id, g.level AS level", {"id": "none"}, packed=True
    ) == (["id", "level"], [])


def test_nodes_relationships_and_paths_convert_alike_packed_or_streamed(sample):
    cypher = "MATCH path = (a:Activity)-[r:CONTRIBUTES_TO]->(b) RETURN a, r, b, path ORDER BY a.id, b.id LIMIT 20"
    streamed = sample.read(cypher)
    assert streamed and isinstance(streamed[0]["a"], dict)
    assert sample.read(cypher, packed=True) == streamed


class MemoryBoundTransaction:
    """A real transaction whose packed queries fail as Neo4j fails them past `db.memory.transaction.max`
    (Community Edition cannot change that setting at run time, so the failure is injected here)."""

    def __init__(self, tx):
        self.tx = tx

    def run(self, cypher, params=None, **kwargs):
        if "RETURN collect([" in cypher:
            raise TransientError._hydrate_neo4j(
                code="Neo.TransientError.General.MemoryPoolOutOfMemoryError",
                message="The allocation of an extra 2.0 MiB would use more than the limit 2.0 MiB.",
            )
        return self.tx.run(cypher, params, **kwargs)


def test_a_result_too_big_for_transaction_memory_as_one_list_is_streamed_instead(sample, monkeypatch):
    real_session = sample._session
    attempts = []

    @contextmanager
    def bounded_session(access, retry_time):
        with real_session(access, retry_time) as session:
            execute_read = session.execute_read

            def bounded_read(work):
                attempts.append(1)
                return execute_read(lambda tx: work(MemoryBoundTransaction(tx)))

            session.execute_read = bounded_read
            yield session

    monkeypatch.setattr(sample, "_session", bounded_session)
    cypher = "UNWIND range(1, 20000) AS i RETURN i, 'baris nomor ' + toString(i) AS label"
    rows = sample.read(cypher, packed=True)
    assert len(rows) == 20000 and rows[-1] == {"i": 20000, "label": "baris nomor 20000"}
    assert len(attempts) == 3  # EXPLAIN for the columns, the packed try (not retried), the streamed read
