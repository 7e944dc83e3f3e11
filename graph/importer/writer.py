"""Write a built dataset in ONE transaction with batched UNWIND statements: all of it or nothing.

Each import is the whole truth about its dataset (one Pemda's files): nodes and edges that the previous
import of the same dataset had and this one has not are removed in the same transaction. It never takes
over another dataset's node: a node the files define that the database holds in another dataset is planned
as new, so its CREATE breaks a uniqueness constraint and the transaction rolls back; only then are the
clashing keys looked up, to refuse the import naming file, row and field (ImportRejected). A good import
pays nothing for that check (seeking every key of a Pemda in every import cost more than 2 s of a
province's 42). Nodes and
edges are MERGEd on their keys and their properties replaced, so importing the same files again leaves
the same graph, node for node and edge for edge. The implied indicator→goal CONTRIBUTES_TO edges
(graph/model.py) are derived from MEASURED_BY at the end of the same transaction; the stale-edge removal
leaves them to that derivation.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError, IncompleteCommit

from graph import model
from graph.db import Runner
from graph.importer.build import Dataset, Nodes
from graph.importer.errors import ImportRejected
from graph.importer.outcome import CommitOutcomeUnknown, ImportRecord, recorded

BATCH_SIZE = 20000
# The validation's reads (which ids exist elsewhere) get the write transaction's bound, not the runner's 30 s
# default: on a big, busy database they are large, and a timeout there would fail an import that is fine.
READ_TIMEOUT = 600.0


@dataclass
class WriteSummary:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    batches: int = 0

    def changed(self) -> bool:
        return any((self.nodes_created, self.nodes_deleted, self.relationships_created,
                    self.relationships_deleted, self.properties_set))

    def changes(self) -> dict[str, int]:
        """The counters an import log record keeps (graph/model.py IMPORT_LOG_CHANGES)."""
        return {change: getattr(self, change) for change in model.IMPORT_LOG_CHANGES}

    @classmethod
    def from_log(cls, log: dict[str, Any]) -> WriteSummary:
        """What a committed import changed, as its log record says."""
        return cls(**{change: int(log.get(change) or 0) for change in model.IMPORT_LOG_CHANGES})

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set


@dataclass
class _Statement:
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)


def existing_labels(runner: Runner, ids: set[str], dataset: str) -> dict[str, str]:
    """Which of `ids` exist in the database as nodes of OTHER datasets, and with which label."""
    found: dict[str, str] = {}
    for node in (model.UNIT, model.GOAL, model.INDICATOR, model.ACTIVITY, model.ASN):
        key = node.key[0]
        rows = runner.read(
            f"MATCH (n:{node.label}) {model.key_index_hint(node, 'n')} "
            f"WHERE n.{key} IN $ids AND coalesce(n.dataset, '') <> $dataset "
            f"RETURN n.{key} AS key",
            {"ids": sorted(ids), "dataset": dataset}, timeout=READ_TIMEOUT,
        )
        found.update({row["key"]: node.label for row in rows})
    return found


def foreign_owners(runner: Runner, label: str, keys: Iterable[Any], dataset: str) -> dict[Any, str | None]:
    """Which of `keys` exist in the database as `label` nodes outside `dataset`, and in which dataset
    (None: a node without one). The builder's early check (build.Builder._foreign). When the database holds
    no `label` node outside `dataset` (a first import, or one Pemda per database) nothing can clash, and one
    existence test replaces a seek per key."""
    def one(cypher: str, params: dict[str, Any]) -> Any:
        return next(iter(runner.read(cypher, params, timeout=READ_TIMEOUT)[0].values()))

    return _owners(one, model.NODE_TYPES_BY_LABEL[label], keys, dataset)


_ANY_OUTSIDE = "RETURN EXISTS {{ MATCH (n:{label}) WHERE n.dataset IS NULL OR n.dataset <> $dataset }}"


def _owners(one: Callable[[str, dict[str, Any]], Any], node: model.NodeType, keys: Iterable[Any],
            dataset: str, batch_size: int = 50000) -> dict[Any, str | None]:
    """Which of `keys` are `node`s outside `dataset`, and in which dataset. `one(cypher, params)` runs a query
    and returns the first value of its one row. When no such node is outside the dataset at all (a first
    import, or one Pemda per database), one existence test replaces a seek per key."""
    if not one(_ANY_OUTSIDE.format(label=node.label), {"dataset": dataset}):
        return {}
    key_expr = _key_cypher(node, "n")
    match = ", ".join(f"{prop}: k[{i}]" for i, prop in enumerate(node.key))
    cypher = (f"UNWIND $keys AS k MATCH (n:{node.label} {{{match}}}) {model.key_index_hint(node, 'n')} "
              f"WHERE n.dataset IS NULL OR n.dataset <> $dataset RETURN collect([{key_expr}, n.dataset]) AS owners")
    found: dict[Any, str | None] = {}
    keys = iter(keys)
    while batch := [_key_param(key) for key in islice(keys, batch_size)]:
        for key, owner in one(cypher, {"keys": batch, "dataset": dataset}):
            found[_key(key)] = owner
    return found


def read_state(tx: ManagedTransaction, dataset: Dataset) -> State:
    """Which keys the database holds now: this dataset's nodes and edges. Read inside the import's own
    transaction (so what the plan is based on cannot change before it commits), each as one collected
    list: a few records, not one per row."""
    # one round trip: a subquery per label and per relationship type, each one collected list
    parts = [f"MATCH (n:{node.label} {{dataset: $dataset}}) RETURN collect({_key_cypher(node, 'n')})"
             for node in model.NODE_TYPES]
    parts += [f"MATCH (a)-[r:{rel_type} {{dataset: $dataset}}]->(b) WHERE r.{model.IMPLIED_PROPERTY} IS NULL "
              f"RETURN collect({model.key_expression('a')} + '|' + {model.key_expression('b')})"
              for rel_type in model.REL_TYPE_NAMES]
    cypher = " ".join(f"CALL () {{ {part} AS held{index} }}" for index, part in enumerate(parts))
    cypher += " RETURN [" + ", ".join(f"held{index}" for index in range(len(parts))) + "] AS held"
    held = tx.run(cypher, {"dataset": dataset.name}).single(strict=True)[0]
    state = State()
    for node, keys in zip(model.NODE_TYPES, held):
        state.own[node.label] = {_key(k) for k in keys}
    for rel_type, keys in zip(model.REL_TYPE_NAMES, held[len(model.NODE_TYPES):]):
        state.edges[rel_type] = set(keys)
    return state


def clashes(runner: Runner, dataset: Dataset) -> list:
    """The nodes the files define that the database holds in ANOTHER dataset (or in none), as problems naming
    the file, row and field that define them: why a write broke a uniqueness constraint."""
    foreign: dict[str, dict[Any, str | None]] = {}
    for node in model.NODE_TYPES:
        owned = foreign_owners(runner, node.label, dataset.nodes.get(node.label, {}), dataset.name)
        if owned:
            foreign[node.label] = owned
    return dataset.foreign_problems(foreign) if foreign else []


@dataclass
class State:
    """Keys in the database: this dataset's nodes per label and its edges per type as 'start|end'. (Any
    other node this import defines is planned as new: if another dataset holds it, its CREATE fails.)"""

    own: dict[str, set[Any]] = field(default_factory=dict)
    edges: dict[str, set[str]] = field(default_factory=dict)

    def empty(self) -> bool:
        """The database holds nothing of the dataset (a first import)."""
        return not any(self.own.values()) and not any(self.edges.values())


def plan(dataset: Dataset, batch_size: int = BATCH_SIZE, state: State | None = None) -> list[_Statement]:
    """Every statement of the import, in order; pure (given the keys the database holds, `state`; none
    means an empty database), so it can be counted for a progress bar and tested.

    A node or edge that does not exist yet is CREATEd (an edge with an end just created cannot exist
    yet; any other new edge is MERGEd), one that exists is SET only where its properties differ (compared
    in the database, nothing is read back), and what this dataset had and the files no longer have is
    deleted."""
    state = state or State()
    name = dataset.name
    statements: list[_Statement] = []
    created: dict[str, set[Any]] = {}
    for node in model.NODE_TYPES:
        items = dataset.nodes.get(node.label, {})
        own = state.own.get(node.label, set())
        fresh = created.setdefault(node.label, set())
        new_keys = [key for key in items if key not in own] if own else list(items)
        old_rows = [{**{k: v for k, v in items[key].items() if v is not None}, "dataset": name}
                    for key in items if key in own] if own else []
        fresh.update(new_keys)
        columns, new_rows = _value_rows(items, new_keys)
        # a list of values per row and the property names written once in the query: a map per row costs
        # the driver and the server more (unpacked and converted row by row), and a null creates no property
        properties = ", ".join([f"{column}: row[{index}]" for index, column in enumerate(columns)]
                               + ["dataset: $dataset"])
        for batch in _batches(new_rows, batch_size):
            statements.append(_Statement(f"UNWIND $rows AS row CREATE (n:{node.label} {{{properties}}})",
                                         {"rows": batch, "dataset": name}))
        match = ", ".join(f"{prop}: row.{prop}" for prop in node.key)
        for batch in _batches(old_rows, batch_size):
            statements.append(_Statement(
                f"UNWIND $rows AS row MATCH (n:{node.label} {{{match}}}) {model.key_index_hint(node, 'n')} "
                f"WITH n, row WHERE properties(n) <> row "
                f"SET n = row", {"rows": batch}))
        stale = [_key_param(key) for key in own if key not in items]
        key_match = ", ".join(f"{prop}: k[{i}]" for i, prop in enumerate(node.key))
        for batch in _batches(stale, batch_size):
            statements.append(_Statement(
                f"UNWIND $keys AS k MATCH (n:{node.label} {{{key_match}}}) {model.key_index_hint(node, 'n')} "
                f"DETACH DELETE n", {"keys": batch}))

    grouped: dict[tuple[str, str, str, str, tuple[str, ...]], list[list[Any]]] = defaultdict(list)
    wanted_edges: dict[str, set[str]] = defaultdict(set)
    for edge, props in dataset.edges.items():
        rel_type, start, end = edge
        start_label, end_label = dataset.edge_labels[edge]
        wanted_edges[rel_type].add(f"{start}|{end}")
        if f"{start}|{end}" in state.edges.get(rel_type, ()):
            verb = "SET"
        elif start in created.get(start_label, ()) or end in created.get(end_label, ()):
            verb = "CREATE"
        else:
            verb = "MERGE"
        names = tuple(sorted(props))
        grouped[(verb, rel_type, start_label, end_label, names)].append([start, end, *(props[k] for k in names)])
    for (verb, rel_type, start_label, end_label, names), rows in sorted(grouped.items()):
        start_key = model.NODE_TYPES_BY_LABEL[start_label].key[0]
        end_key = model.NODE_TYPES_BY_LABEL[end_label].key[0]
        start_hint = model.key_index_hint(model.NODE_TYPES_BY_LABEL[start_label], "a")
        end_hint = model.key_index_hint(model.NODE_TYPES_BY_LABEL[end_label], "b")
        ends = f"UNWIND $rows AS row MATCH (a:{start_label} {{{start_key}: row[0]}}) {start_hint} " \
               f"MATCH (b:{end_label} {{{end_key}: row[1]}}) {end_hint} "
        props = "{" + ", ".join([f"{prop}: row[{index}]" for index, prop in enumerate(names, start=2)]
                                + ["dataset: $dataset"]) + "}"
        write_edge = {
            "CREATE": f"CREATE (a)-[r:{rel_type} {props}]->(b)",
            "MERGE": f"MERGE (a)-[r:{rel_type}]->(b) SET r = {props}",
            "SET": f"MATCH (a)-[r:{rel_type}]->(b) WHERE r.dataset = $dataset "
                   f"AND r.{model.IMPLIED_PROPERTY} IS NULL AND properties(r) <> {props} SET r = {props}",
        }[verb]
        for batch in _batches(rows, batch_size):
            statements.append(_Statement(ends + write_edge, {"rows": batch, "dataset": name}))
    for rel_type in model.REL_TYPE_NAMES:
        if state.edges.get(rel_type, set()) - wanted_edges[rel_type]:
            statements.append(_Statement(
                f"MATCH (a)-[r:{rel_type} {{dataset: $dataset}}]->(b) "
                f"WHERE r.{model.IMPLIED_PROPERTY} IS NULL "
                f"AND NOT {model.key_expression('a')} + '|' + {model.key_expression('b')} IN $keys DELETE r",
                {"dataset": name, "keys": sorted(wanted_edges[rel_type])},
            ))
    # the implied indicator→goal edges follow this dataset's MEASURED_BY (graph/model.py)
    statements += [_Statement(cypher, {"dataset": dataset.name})
                   for cypher in model.derive_implied_edges_statements()]
    return statements


def write(runner: Runner, statements: list[_Statement] | Dataset | Callable[[ManagedTransaction], list[_Statement]],
          *, batch_size: int = BATCH_SIZE, on_statement: Callable[[int], None] | None = None,
          timeout: float | None = 600.0, dataset: Dataset | None = None,
          record: ImportRecord | None = None) -> WriteSummary:
    """Run a plan as one transaction; any failure (ours or Neo4j's) rolls everything back.

    `statements` is the plan (from `plan`), or a function of the transaction that returns it (so the
    state it is based on is read inside the same transaction), or a Dataset (planned here). When a
    uniqueness constraint refuses the write, the nodes of `dataset` (or of the Dataset given) that another
    dataset holds are looked up and the import refused with ImportRejected naming them.

    With a `record`, an import that changes something records itself in the import log in the same
    transaction (graph/model.py); an attempt that finds its record already there (the driver retried after an
    earlier attempt committed) writes nothing and answers what that one did. When the commit's answer is
    lost (IncompleteCommit), a write that changed something raises CommitOutcomeUnknown (the record settles
    it: outcome.settle); one that changed nothing returns as usual, as the data is as planned either way."""
    last_attempt: list[WriteSummary] = []

    def work(tx: ManagedTransaction) -> WriteSummary:
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()  # one import at a time: see graph/model.py
        last_attempt.clear()
        if record is not None:
            committed = recorded(tx, record.id)
            if committed is not None:
                return WriteSummary.from_log(committed)
        todo = statements
        if isinstance(todo, Dataset):
            todo = plan(todo, batch_size, read_state(tx, todo))
        elif callable(todo):
            todo = todo(tx)
        summary = WriteSummary()
        for number, statement in enumerate(todo, start=1):
            result = tx.run(statement.cypher, statement.params)
            summary.add(result.consume().counters)
            summary.batches = number
            if on_statement is not None:
                on_statement(number)
        if summary.changed():
            tx.run(model.DATA_VERSION_STATEMENT).consume()  # caches keyed on the data version: see graph/model.py
            if record is not None:
                tx.run(model.IMPORT_RECORD_STATEMENT, record.params(summary.changes())).consume()
        last_attempt.append(summary)
        return summary

    written = statements if isinstance(statements, Dataset) else dataset
    try:
        return runner.write_transaction(work, timeout=timeout)
    except IncompleteCommit as lost:
        if record is None:
            raise
        if last_attempt and not last_attempt[-1].changed():
            return last_attempt[-1]
        raise CommitOutcomeUnknown(record, lost) from lost
    except ConstraintError:
        problems = clashes(runner, written) if written is not None else []
        if problems:
            raise ImportRejected(problems) from None
        raise


def _key_cypher(node: model.NodeType, variable: str) -> str:
    if len(node.key) == 1:
        return f"{variable}.{node.key[0]}"
    return "[" + ", ".join(f"{variable}.{prop}" for prop in node.key) + "]"


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _key_param(key: Any) -> Any:
    return list(key) if isinstance(key, tuple) else [key]


def _value_rows(items: Any, keys: Iterable[Any]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The property names of `items` (key -> properties) and, for each of `keys`, its values in that order
    (None where a node has no such property). A builder's Nodes hands out the tuples it stores."""
    keys = list(keys)
    if isinstance(items, Nodes):
        return items.columns or (), [items.stored(key) for key in keys]
    columns = tuple(dict.fromkeys(column for key in keys for column in items[key]))
    return columns, [tuple(items[key].get(column) for column in columns) for key in keys]


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _as_tuple(key: Any) -> tuple[Any, ...]:
    return key if isinstance(key, tuple) else (key,)
