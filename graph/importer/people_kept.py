"""Keep the single points of failure (graph/people.py) on the import lock node, for the queries to read.

Why kept and not computed each time: the answer needs dominators over the whole contribution graph, and reading
that graph alone costs more than the goals of the people queries (< 100 ms at kabupaten, < 1 s at provinsi). It
changes only when the graph does, so the importer works it out after writing and the queries read it
(docs/people-kept.md). It is kept as the rows graph/people.py `computed` answers for the default version scope of
the moment, with the record that says when: the data version and the node and relationship counts, as "reaches
an outcome" records them (docs/reach.md). A reader trusts the rows only while that record is still the graph's
and the scope it asks for is the one kept (cypher/people_kept.cypher); otherwise it works the answer out itself.

Why after the import's transactions and not inside each: one `pokin import` of a province and its kabupaten (or
of the nation) writes a transaction per dataset, and the answer is a whole-graph computation: done per dataset it
would be paid as many times as there are datasets. `keep` runs once per import call, in its own transaction under
the import lock; until it commits (or if it fails) the record is not current and the queries compute as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph import model
from graph.catalog import load_catalog
from graph.db import Runner
from graph.people import ScopeTooLarge, computed

KEEP_TIMEOUT = 3600.0  # the largest graph graph/people.py works the dominators out for
TOO_LARGE = -2  # keep()'s answer when the default scope is larger than that: nothing kept

_FORGET_STATEMENT = f"MATCH (lock:{model.IMPORT_LOCK_LABEL} {{id: 'import'}}) SET lock.people_version = null"
_KEEP_STATEMENT = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes }\n"
    "CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }\n"
    f"MATCH (lock:{model.IMPORT_LOCK_LABEL} {{id: 'import'}})\n"
    "SET lock.people_version = coalesce(lock.version, ''), lock.people_nodes = nodes,\n"
    "    lock.people_relationships = relationships, lock.people_all = $all, lock.people_scope = $scope,\n"
    "    lock.people_nip = $nip, lock.people_target = $target, lock.people_kind = $kind, lock.people_sole = $sole,\n"
    "    lock.people_via = $via, lock.people_via_count = $via_count,\n"
    "    lock.people_break_nip = $break_nip, lock.people_break_dataset = $break_dataset"
)
# the ASN nodes of the scope holding each NIP rhk_without_intervention names (its rows carry no dataset)
_HOLDERS = (
    "MATCH (s:ASN) WHERE s.nip IN $nips AND ($datasets IS NULL OR s.dataset IN $datasets) "
    "RETURN s.nip AS nip, s.dataset AS dataset ORDER BY nip, dataset"
)


class _InTransaction:
    """A graph.db.Reader over one open transaction, so graph/people.py reads what the transaction sees."""

    def __init__(self, tx: Any) -> None:
        self.tx = tx

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        packed: bool = False,
        plain: bool = False,
    ) -> list[dict[str, Any]]:
        rows = [record.data() for record in self.tx.run(cypher, dict(params or {}))]
        return rows if limit is None else rows[:limit]


def current(runner: Runner) -> bool:
    """Whether the kept rows are current for the graph as it is and its default version scope."""
    catalog = load_catalog()
    return bool(catalog.run(runner, "people_kept", packed=False)[0]["known"])


def keep(runner: Runner) -> int:
    """Work the answers out for the default scope and keep them with their record, in one write transaction holding
    the import lock (so no import writes between the reading and the record); returns how many rows of single
    points of failure were kept (-1: none, the check after keeping found a difference; TOO_LARGE: none, the default
    scope holds more ASN than graph/people.py works the answers out for)."""

    def work(tx: Any) -> int:
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()
        tx.run(_FORGET_STATEMENT).consume()  # the queries below then read the graph, not what was kept before
        reader = _InTransaction(tx)
        catalog = load_catalog().within(reader, None)
        try:
            rows = computed(reader, catalog)
        except ScopeTooLarge:  # the queries answer per Pemda version; the whole scope is refused (graph/people.py)
            return TOO_LARGE
        breaks = catalog.run(reader, "rhk_without_intervention", {})
        holders = reader.read(_HOLDERS, {"nips": [row["nip"] for row in breaks], "datasets": catalog.datasets})
        tx.run(_KEEP_STATEMENT, _kept_params(catalog.datasets, rows, holders)).consume()
        # the kept form of rhk_without_intervention reads the ASN of those NIP only: the same rows, or nothing is
        # kept (an NIP held twice in the scope, once intervening, would show)
        if catalog.run(reader, "rhk_without_intervention", {}) != breaks:
            tx.run(_FORGET_STATEMENT).consume()
            return -1
        return len(rows)

    return int(runner.write_transaction(work, timeout=KEEP_TIMEOUT))


def _kept_params(scope: list[str] | None, rows: list[dict[str, Any]], holders: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "all": scope is None,
        "scope": list(scope or []),
        "nip": [row["nip"] for row in rows],
        "target": [row["target"] for row in rows],
        "kind": [row["target_kind"] for row in rows],
        "sole": [row["sole"] for row in rows],
        "via": [element for row in rows for element in row["via"]],
        "via_count": [len(row["via"]) for row in rows],
        "break_nip": [row["nip"] for row in holders],
        "break_dataset": [row["dataset"] for row in holders],
    }


def ensure(runner: Runner) -> bool:
    """Keep the rows unless they are current already (an import that changed nothing); whether it worked them out."""
    if current(runner):
        return False
    keep(runner)
    return True
