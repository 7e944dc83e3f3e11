"""Keep "reaches an outcome" (graph/model.py REACH_PROPERTY) current inside the import's own transaction.

Why a fact and not a walk: over the whole graph the audit asked, for every ASN and every activity, whether
CONTRIBUTES_TO leads up to an outcome; the answer changes only where an import changes the tree, so the
importer works it out there, once, and the audit reads it (docs/reach.md).

What an import can change: every statement of the writer's plan that creates, changes or removes something the
answer depends on (an element, a goal's level, a CONTRIBUTES_TO edge real or implied, a node with edges into it)
returns the elementIds of the nodes whose answer it may have changed: the start of an edge created or removed,
a node created, a goal whose level changed, the nodes with an edge into a node removed (`seeds`). Only nodes
from which a seed can be reached may answer differently now; the others' answers, current before the import,
still hold. `maintain` finds those nodes (one breadth-first search downward from every seed at once, a level per
round trip), works their answers out from their edges and the unchanged answers around them, and writes only
the answers that differ. Without seeds (the fact was not current when the import began) it does the same for
every element of the graph.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from typing import Any, Protocol

from graph import model
from graph.db import Runner

BATCH = 20000
REBUILD_TIMEOUT = 3600.0  # a whole graph's answers, the national one's too
# A frontier this small is followed to its end in one var-length search (a chain thousands deep then costs one
# round trip, not one per level); a larger one level by level, so that no node is searched from twice.
SMALL_FRONTIER = 16
_OUTCOME = "n:Goal AND n.level IN $outcome_levels"
_REACH = model.REACH_PROPERTY
_KEPT = " OR ".join(f"n:{label}" for label in model.REACH_LABELS)
_FOUND = "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id "
_BELOW_ONE = _FOUND + "MATCH (n)<-[:CONTRIBUTES_TO]-(x) RETURN collect(DISTINCT elementId(x)) AS found"
_BELOW_ALL = _FOUND + "MATCH (n)<-[:CONTRIBUTES_TO*1..]-(x) RETURN collect(DISTINCT elementId(x)) AS found"
_ALIVE = _FOUND + "RETURN collect(elementId(n)) AS found"
_ANSWER = (
    f"RETURN elementId(n) AS id, coalesce({_OUTCOME}, false) AS outcome, n.{_REACH} AS held, ({_KEPT}) AS kept, "
    f"[(n)-[:CONTRIBUTES_TO]->(m) | [elementId(m), coalesce(m.{_REACH}, false)]] AS up"
)
_EVALUATE = _FOUND + _ANSWER
_EVALUATE_ALL = f"MATCH (n) WHERE {_KEPT} OR EXISTS {{ (n)-[:CONTRIBUTES_TO]-() }} " + _ANSWER
_WRITE = f"UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row[0] SET n.{_REACH} = row[1]"


class Transaction(Protocol):
    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any: ...


def is_current(tx: Transaction) -> bool:
    """Whether the fact is current for the graph as it is (graph/model.py REACH_CURRENT_QUERY)."""
    return bool(tx.run(model.REACH_CURRENT_QUERY).single(strict=True)["reach_known"])


def mark(tx: Transaction) -> None:
    """Record that the fact is current for the graph as it is now: the transaction's last statement."""
    tx.run(model.REACH_MARK_STATEMENT).consume()


def maintain(tx: Transaction, seeds: Iterable[str] | None) -> int:
    """Bring the fact in line with the graph for every node from which one of `seeds` (elementIds) can be reached
    (None: for every element of the graph); returns how many nodes' answers were written."""
    params = {"outcome_levels": list(model.OUTCOME_LEVELS)}
    if seeds is None:
        rows = list(tx.run(_EVALUATE_ALL, params))
    else:
        nodes = _reaching(tx, set(seeds))
        rows = [row for batch in _batches(sorted(nodes)) for row in tx.run(_EVALUATE, {**params, "ids": batch})]
    changed = _changed(rows)
    for batch in _batches(changed):
        tx.run(_WRITE, {"rows": batch}).consume()
    return len(changed)


def _reaching(tx: Transaction, seeds: set[str]) -> set[str]:
    """The seeds still in the graph and every node from which CONTRIBUTES_TO leads to one of them."""
    return closure(tx, seeds, one_step=_BELOW_ONE, every_step=_BELOW_ALL)


def closure(tx: Transaction, seeds: set[str], *, one_step: str, every_step: str) -> set[str]:
    """The seeds still in the graph and every node the statements lead to from them (each takes `$ids` and returns
    `found`: `one_step` the next level's nodes, `every_step` all of them in one var-length search). Shared by the
    facts the importer keeps, which differ only in the direction they follow CONTRIBUTES_TO."""
    known: set[str] = set()
    for batch in _batches(sorted(seeds)):
        known.update(tx.run(_ALIVE, {"ids": batch}).single(strict=True)["found"])
    frontier = sorted(known)
    while frontier:
        small = len(frontier) <= SMALL_FRONTIER
        found: set[str] = set()
        for batch in _batches(frontier):
            found.update(tx.run(every_step if small else one_step, {"ids": batch}).single(strict=True)["found"])
        frontier = sorted(found - known)
        known.update(frontier)
        if small:
            break
    return known


def _changed(rows: list[Any]) -> list[list[Any]]:
    """[elementId, answer] for every element among `rows` whose held answer differs from its answer worked out
    here: it reaches an outcome when it is one, when it has an edge to a node outside `rows` that does (that
    answer is current: nothing below it changed), or when it reaches such a node of `rows` through `rows`."""
    inside = {row["id"] for row in rows}
    below: dict[str, list[str]] = defaultdict(list)  # node -> the nodes of `rows` with an edge to it
    reaching: set[str] = set()
    for row in rows:
        if row["outcome"]:
            reaching.add(row["id"])
        for target, answer in row["up"]:
            if target in inside:
                below[target].append(row["id"])
            elif answer:
                reaching.add(row["id"])
    queue = deque(reaching)
    while queue:
        for start in below.get(queue.popleft(), ()):
            if start not in reaching:
                reaching.add(start)
                queue.append(start)
    changed = []
    for row in rows:
        answer = row["id"] in reaching
        held = row["held"]
        if row["kept"] and not (isinstance(held, bool) and held == answer):
            changed.append([row["id"], answer])
    return changed


def _batches(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def rebuild(runner: Runner) -> int:
    """Work both facts the importer keeps (this one and graph/importer/support.py's) out for the whole graph and mark
    them current, in one write transaction holding the import lock (`pokin reach --rebuild`: after the graph was
    written outside the importer); returns how many nodes' answers were written."""
    from graph.importer import support  # it builds on this module

    def work(tx: Any) -> int:
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()
        written = maintain(tx, None) + support.maintain(tx, None)
        mark(tx)
        return written

    return runner.write_transaction(work, timeout=REBUILD_TIMEOUT)


def current(runner: Runner) -> bool:
    """Whether the audit queries read both facts now (True) or walk the graph (False)."""
    reach = bool(runner.read(model.REACH_CURRENT_QUERY)[0]["reach_known"])
    return reach and bool(runner.read(model.SUPPORT_CURRENT_QUERY)[0]["support_known"])
