"""Keep "which activities reach this element" (graph/model.py SUPPORT_PROPERTY) current inside the import's transaction.

Why a fact and not a walk: outcome_goals_without_activity asked, over the whole graph, which tujuan and sasaran some
activity reaches, a walk upward from every activity of the graph; the answer changes only where an import changes
the tree, so the importer works it out there (docs/reach.md) and the query reads a list on each outcome goal.

The answer flows upward, where "reaches an outcome" (graph/importer/reach.py) flows downward: an element's list is
the union, over every element with a CONTRIBUTES_TO edge into it, of that element's list and, for an activity, its
own "<year>:<dataset>". So what an import may change is everything ABOVE what it touched: every writer statement
that creates or removes a CONTRIBUTES_TO edge (real or implied) returns the edge's end, a removed node returns what
it contributed to, an activity whose year changed returns itself (`upward` seeds). `maintain` finds the nodes
reached upward from them (one breadth-first search, a level per round trip), works their lists out from the
unchanged lists of the nodes just below them, and writes only the lists that differ; without seeds (the fact was not
current when the import began) it does the same for every element of the graph.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from typing import Any

from graph import model
from graph.importer.reach import Transaction, _batches, closure

_SUPPORT = model.SUPPORT_PROPERTY
_KEPT = " OR ".join(f"n:{label}" for label in model.REACH_LABELS)
_FOUND = "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id "
_ABOVE_ONE = _FOUND + "MATCH (n)-[:CONTRIBUTES_TO]->(x) RETURN collect(DISTINCT elementId(x)) AS found"
_ABOVE_ALL = _FOUND + "MATCH (n)-[:CONTRIBUTES_TO*1..]->(x) RETURN collect(DISTINCT elementId(x)) AS found"
# an activity's own entry in the lists of what it reaches: its year (empty without one) and its version
_KEY = "CASE WHEN {v}:Activity THEN coalesce(toString({v}.year), '') + ':' + coalesce({v}.dataset, '') END"
_ANSWER = (
    f"RETURN elementId(n) AS id, n.{_SUPPORT} AS held, ({_KEPT}) AS kept, "
    f"[(n)<-[:CONTRIBUTES_TO]-(m) | [elementId(m), coalesce(m.{_SUPPORT}, []), {_KEY.format(v='m')}]] AS below"
)
_EVALUATE = _FOUND + _ANSWER
_EVALUATE_ALL = f"MATCH (n) WHERE {_KEPT} OR EXISTS {{ (n)-[:CONTRIBUTES_TO]-() }} " + _ANSWER
_WRITE = f"UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row[0] SET n.{_SUPPORT} = row[1]"


def is_current(tx: Transaction) -> bool:
    """Whether the fact is current for the graph as it is (graph/model.py SUPPORT_CURRENT_QUERY)."""
    return bool(tx.run(model.SUPPORT_CURRENT_QUERY).single(strict=True)["support_known"])


def maintain(tx: Transaction, seeds: Iterable[str] | None) -> int:
    """Bring the lists in line with the graph for every node reached upward from one of `seeds` (elementIds; None:
    for every element of the graph); returns how many nodes' lists were written."""
    if seeds is None:
        rows = list(tx.run(_EVALUATE_ALL))
    else:
        nodes = _above(tx, set(seeds))
        rows = [row for batch in _batches(sorted(nodes)) for row in tx.run(_EVALUATE, {"ids": batch})]
    changed = _changed(rows)
    for batch in _batches(changed):
        tx.run(_WRITE, {"rows": batch}).consume()
    return len(changed)


def _above(tx: Transaction, seeds: set[str]) -> set[str]:
    """The seeds still in the graph and every node CONTRIBUTES_TO leads to from one of them."""
    return closure(tx, seeds, one_step=_ABOVE_ONE, every_step=_ABOVE_ALL)


def _changed(rows: list[Any]) -> list[list[Any]]:
    """[elementId, list or null] for every element among `rows` whose held list differs from the one worked out
    here: what flows in from nodes outside `rows` (their lists are current: nothing below them changed), carried
    upward along the edges between nodes of `rows` until nothing more is added (cycles included)."""
    inside = {row["id"] for row in rows}
    above: dict[str, list[str]] = defaultdict(list)  # node of `rows` -> the nodes of `rows` it contributes to
    own: dict[str, str] = {}
    support: dict[str, set[str]] = {row["id"]: set() for row in rows}
    for row in rows:
        for start, held, key in row["below"]:
            if start in inside:
                above[start].append(row["id"])
                if key is not None:
                    own[start] = key
            else:
                support[row["id"]].update(held)
                if key is not None:
                    support[row["id"]].add(key)
    queue = deque(support)
    while queue:
        node = queue.popleft()
        carried = support[node] | ({own[node]} if node in own else set())
        for end in above.get(node, ()):
            if not carried <= support[end]:
                support[end] |= carried
                queue.append(end)
    changed = []
    for row in rows:
        answer = sorted(support[row["id"]])
        held = row["held"]
        if row["kept"] and (held or []) != answer:
            changed.append([row["id"], answer or None])
    return changed
